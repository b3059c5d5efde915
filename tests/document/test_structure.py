"""The plain-text structure recogniser on lines from real articles (issue 15): datelines,
bylines, credits, headlines, captions and furniture anywhere, crossheads. Each case is a line
(or a few) of a real scrape; the corpus files themselves are checked field by field in
test_corpus_expectations.py."""

from __future__ import annotations

import re

import pytest

from reader.document.dateline import read_byline, read_dateline, read_reporting_credit, read_signoff
from reader.document.furniture import (
    _LINE_RULES,
    caption_label,
    furniture_label,
    glued_furniture,
)
from reader.document.plaintext import parse_plaintext


def kinds(result):
    return [b.kind for b in result.blocks]


# --- datelines ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lead", "place", "agency", "published"),
    [
        (
            "LONDON (Reuters) - A healthcare worker has been diagnosed with Ebola",
            "LONDON",
            "Reuters",
            None,
        ),
        (
            "BEIRUT/THE HAGUE, March 7 (Reuters) - The chemical weapons watchdog",
            "BEIRUT/THE HAGUE",
            "Reuters",
            None,
        ),
        (
            "SURABAYA, Indonesia/JAKARTA (Reuters) - Police said on Monday",
            "SURABAYA, Indonesia/JAKARTA",
            "Reuters",
            None,
        ),
        ("Aug 9 (Reuters) - Global warming is", "", "Reuters", None),
        ("Jan 30 (Reuters) - Gold rose on Tuesday on increased safe", "", "Reuters", None),
        ("LA CROSSE, Wis. (AP) — A man was", "LA CROSSE, Wis.", "AP", None),
        (
            "WASHINGTON (CNN) — Not everyone subscribes to a New Year’s resolution",
            "WASHINGTON",
            "CNN",
            None,
        ),
        ("ATLANTA (AP) _ Luol Deng scored 30 points", "ATLANTA", "AP", None),
        ("ROME, March 2  - Italy's strong economic revival has led", "ROME", "", None),
        ("ROME – Pope Francis said on Sunday", "ROME", "", None),
        ("TRENTON — Gov. Phil Murphy said on Monday", "TRENTON", "", None),
        ("(CNN) -- A storm hit the coast overnight", "", "CNN", None),
        ("March 17, 2020 (American Thinker) — The virus", "", "American Thinker", "2020-03-17"),
        ("जागरण संवाददाता, आगरा। गोवर्धन मठ के स्वामी", "आगरा", "जागरण संवाददाता", None),
    ],
)
def test_wire_datelines(lead, place, agency, published):
    found = read_dateline(lead)
    assert found is not None
    assert (found.place, found.agency, found.published) == (place, agency, published)


@pytest.mark.parametrize(
    "text",
    [
        "ECONOMIC SPOTLIGHT - ITALIAN BOOM",  # a Reuters-21578 headline
        "LE POINT SUR LA SITUATION - «Nous avons pratiquement fait échouer»",  # a kicker
        "The Louisville Cardinals hosted the Kentucky Wildcats on Saturday.",
    ],
)
def test_not_datelines(text):
    assert read_dateline(text) is None


def test_japanese_datelines_and_sign_offs():
    opened = read_dateline(
        "【ソウル＝小池和樹】韓国の 尹錫悦（ユンソンニョル） 大統領は３日夜、緊急談話を出し"
    )
    assert opened is not None and (opened.place, opened.authors) == ("ソウル", ["小池和樹"])
    signed = read_signoff(
        "ガザでは約100人の人質が拘束されている。【エルサレム松岡大地、カイロ金子淳】"
    )
    assert signed is not None
    assert (signed.place, signed.authors) == ("エルサレム/カイロ", ["松岡大地", "金子淳"])
    assert read_signoff("人質が拘束されている。") is None


def test_a_reuters_lead_is_body_never_a_caption():
    lead = (
        "Aug 9 (Reuters) - Global warming is pushing the planet towards dangerous tipping"
        " points, scientists said on Monday in a report (Reuters/Photo desk)."
    )
    result = parse_plaintext(f"Climate report warns of tipping points\n\n{lead}\n\nMore follows.\n")
    assert kinds(result) == ["title", "paragraph", "paragraph"]
    assert result.meta.source == "Reuters" and "dateline" not in result.meta.extra
    assert caption_label(lead, is_lead=True) == ""
    # As the first paragraph of a scrape without a headline, too.
    first = parse_plaintext(f"{lead}\n\nMore follows.\n", "f")
    assert kinds(first) == ["paragraph", "paragraph"] and first.meta.source == "Reuters"


def test_a_dateline_found_reaches_the_metadata():
    result = parse_plaintext(
        "Pope calls for peace\n\nROME – Pope Francis said on Sunday that the war must end.\n"
    )
    assert result.meta.extra["dateline"] == "ROME"


# --- bylines and credits -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "authors", "source"),
    [
        ("By Carole Hornsby Haynes, Ph.D.", ["Carole Hornsby Haynes"], ""),
        ("By Jane Leach, Reuters", ["Jane Leach"], "Reuters"),
        ("By CHARLES ODUM=", ["Charles Odum"], ""),
        ("Lena deCasparis | Contributing Writer | 5 days ago", ["Lena deCasparis"], ""),
        ("By Arpan Varghese", ["Arpan Varghese"], ""),
    ],
)
def test_bylines(line, authors, source):
    byline = read_byline(line)
    assert byline is not None and (byline.authors, byline.source) == (authors, source)


def test_reporting_credits_name_the_reporters():
    line = "(Reporting by Andy Bruce in London and Ankur Banerjee in Bengaluru; Editing by Joyjeet Das)"
    assert read_reporting_credit(line) == ["Andy Bruce", "Ankur Banerjee"]
    assert read_reporting_credit("Reporting from the front line was hard.") == []


def test_a_date_line_with_a_time_gives_no_source():
    result = parse_plaintext(
        "Iran reports new cases\n\nFriday, 06 March 2020 2:18 PM [ Last Update: Friday, 06 March"
        " 2020 2:18 PM ]\n\nThe health ministry said on Friday that new cases were found.\n"
    )
    assert result.meta.published == "2020-03-06" and result.meta.source == ""


# --- headlines -----------------------------------------------------------------------------


def test_captions_and_furniture_are_never_the_title():
    for first in (
        "1 of 18. Firefighters work at the scene in the city centre, December 29, 2014.",
        "Credit: NASA/ESA View full size image",
        "UPDATE: April 7, 2020",
        "Sports",
    ):
        result = parse_plaintext(f"{first}\n\nThe agency said on Monday that it would act.\n", "f")
        assert result.meta.title == "f", first
        assert result.blocks[0].kind == "boilerplate", first


def test_an_all_caps_headline_of_160_characters_is_the_title():
    headline = (
        "DEMOCRATS UNVEIL SWEEPING PLAN TO OVERHAUL ELECTIONS, VOTING RIGHTS AND CAMPAIGN"
        " FINANCE AS REPUBLICANS VOW TO BLOCK IT IN THE SENATE BEFORE THE MIDTERM ELECTIONS"
    )
    assert 150 < len(headline) <= 200
    result = parse_plaintext(f"{headline}\n\nThe bill passed the House on Wednesday.\n", "f")
    assert result.meta.title == headline


def test_no_headline_means_the_file_name():
    # newspaper fixtures (tnr.com): a letter opening with its salutation.
    result = parse_plaintext("Friend,\n\nI was touched that you asked for my advice.\n", "tnr")
    assert result.meta.title == "tnr"
    result = parse_plaintext(
        "TRENTON — Gov. Phil Murphy said on Monday that schools reopen.\n", "nj"
    )
    assert result.meta.title == "nj"


def test_headline_with_a_site_name_and_standfirst_glued_on():
    # news-thedebrief-byline-role-getty.txt, line 3
    result = parse_plaintext(
        "Lena deCasparis | Contributing Writer | 5 days ago\n\n"
        "Ed Sheeran Wants To Set Up Taylor Swift, But We’re Not So Sure About His Matchmaking"
        " Skills The Debrief: Ed put the cupid bow and arrow down, and stick to playing the guitar\n\n"
        "So in our eyes Ed Sheeran can do no wrong. He’s the most loveable pop star EVER.\n"
    )
    assert kinds(result) == ["meta", "title", "meta", "subtitle", "paragraph"]
    meta = result.meta
    assert meta.title.endswith("His Matchmaking Skills") and meta.source == "The Debrief"
    assert meta.subtitle.startswith("Ed put the cupid bow") and meta.authors == ["Lena deCasparis"]


@pytest.mark.parametrize(
    ("standfirst", "after"),
    [
        # NZZ: a summary line without a final stop, then a short label, then the body.
        (
            "Die wichtigsten Neuigkeiten zum Gaza-Krieg im Überblick",
            "Das Wichtigste in Kürze:\n\n" + "Die USA stellen den Betrieb des Hafens ein. " * 4,
        ),
        # Le Figaro: a kicker in capitals.
        (
            "LE POINT SUR LA SITUATION - «Nous avons pratiquement fait échouer toute leur campagne"
            " pour 2025», a affirmé le ministre russe de la Défense.",
            "La Russie a affirmé vendredi avoir fait échouer la campagne militaire ukrainienne.",
        ),
        # Dainik Jagran: the summary, then the lead with its dateline.
        (
            "Swami Adhokshajanand Tirthadev - गोवर्धन मठ के स्वामी ने खंडन किया है। पूरा देश इसे मनाएगा।",
            "जागरण संवाददाता, आगरा। गोवर्धन मठ के स्वामी अधोक्षजानंद तीर्थदेव ने खंडन किया है।",
        ),
    ],
)
def test_standfirsts_by_shape_and_place(standfirst, after):
    result = parse_plaintext(f"The headline of the story\n\n{standfirst}\n\n{after}\n")
    assert result.meta.subtitle == standfirst
    assert kinds(result)[:2] == ["title", "subtitle"]


def test_a_first_paragraph_is_not_a_standfirst():
    # BBC layout: title, then the body's first paragraph.
    result = parse_plaintext(
        "Euro firms miss out on optimism\n\nMore than 90% of large companies around the world are"
        " highly optimistic about their economic prospects, a survey has found.\n\n"
        "However, only 39% of West European companies shared that optimism.\n"
    )
    assert result.meta.subtitle == "" and kinds(result) == ["title", "paragraph", "paragraph"]


# --- furniture anywhere --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("Daniel Acker/Getty Images", "Picture credit"),
        ("RIVERSIDE COUNTY SHERIFF'S DEPT./CONTRIBUTED IMAGE", "Picture credit"),
        ("Pictures: Getty", "Picture credit"),
        ("Enlarge", "Share and follow"),
        ("Previous Next", "Share and follow"),
        ("Related: Senate passes the bill", "Related"),
        ("Read MoreRead More", "Related"),
        ("Follow Datoc on Twitter", "Share and follow"),
        ("Subscribe to our newsletter here and Share our posts", "Newsletter"),
        ("WATCH:", "Video"),
        ("4419915", "Story number"),
        ("यह भी पढ़ें: पीएम मोदी के आने से पहले अयोध्या पहुंची किट", "Related"),
        ("A post shared by Carlos 🇨🇴 (@modern_mowgli)", "Embed"),
        ("(Adds comments, detail)", "Wire notes"),
        ("(Updates with closing prices, adds analyst quote)", "Wire notes"),
        ("Related parties agreed to the terms.", ""),
        ("Share prices fell on Monday.", ""),
    ],
)
def test_furniture_lines(line, label):
    assert furniture_label(line) == label
    assert furniture_label(line.upper()) == label  # the case of a line never matters


def test_furniture_lines_with_a_dotted_capital_i():
    """Lower-cased, "İ" would be two characters (a combining dot after the i), which a
    rule's letters or its length limit would not take: it counts as one letter."""
    assert furniture_label("İlker Eray/AFP") == "Picture credit"
    assert furniture_label("İbrahim Yusuf/Getty Images") == "Picture credit"
    assert furniture_label("Copyright " + "İ" * 100) == "Copyright"


def test_furniture_rules_are_lower_case():
    """The rules are matched against the lower-cased line, case-sensitively: a capital
    letter in a rule (an escape such as \\S aside) would never match anything."""
    for label, pattern in _LINE_RULES:
        letters = re.sub(r"\\[A-Za-z]", "", pattern)
        assert letters == letters.lower(), label


@pytest.mark.parametrize(
    "caption",
    [
        # news-dailycaller-related-tweets-credit.txt
        "Dec 27, 2014; Louisville, KY, USA; Louisville Cardinals forward Montrezl Harrell (24)"
        " posts up during the first half at KFC Yum! Center. Mandatory Credit: Jamie Rhodes-USA"
        " TODAY Sports - RTR4JDW4",
        "A rescue worker searches the rubble in Valencia. Photograph: Eva Manez/Reuters",
        "Police officers stand guard outside the court on Monday. (AP Photo/Charles Rex Arbogast)",
        "イスラエルの国旗＝同国で2019年5月",
        # credits in capitals
        "Firefighters battle the blaze in the hills above the town. (PHOTO: JOHN SMITH)",
        "Supporters wait for the results in the capital on Sunday. CREDIT: JANE DOE",
    ],
)
def test_captions_anywhere_are_folded(caption):
    result = parse_plaintext(
        f"A headline for the story\n\nThe first paragraph of the story ends here.\n\n{caption}\n\n"
        "The story goes on after the picture and ends here.\n"
    )
    folded = [b for b in result.blocks if b.kind == "boilerplate"]
    assert [(b.label, b.text) for b in folded] == [("Photo caption", caption)]


def test_glued_furniture_is_cut_off_its_line():
    # news-dailycaller-related-tweets-credit.txt, paragraph 2
    line = (
        "Rick Pitino’s 4th ranked Cardinals have had a great start to the season, but they were"
        " still huge underdogs. (RELATED: Kentucky Basketball’s Christmas Card Must Be Pretty"
        " Intimidating For Opposing Teams)"
    )
    result = parse_plaintext(f"A headline for the story\n\n{line}\n\nThe game went on.\n")
    assert kinds(result) == ["title", "paragraph", "boilerplate", "paragraph"]
    body, related = result.blocks[1], result.blocks[2]
    assert body.text.endswith("huge underdogs.") and related.label == "Related"
    assert related.text.startswith("(RELATED:")
    assert glued_furniture("The minister resigned on Friday.Read MoreRead More") is not None


def test_a_headline_glued_to_share_prompts():
    # news-pe-share-prompts-caption.txt, line 1
    line = (
        "PERRIS: Woman ordered hit on father of her child, police say Share Pin It More Galleries"
        " ADVERTISEMENT Judy Avalos, 20, was charged with conspiracy to commit murder."
        " RIVERSIDE COUNTY SHERIFF'S DEPT./CONTRIBUTED IMAGE Related article »"
    )
    result = parse_plaintext(f"{line}\n\nAfter a man was shot four times, police acted.\n")
    assert result.meta.title == "PERRIS: Woman ordered hit on father of her child, police say"
    assert [(b.kind, b.label) for b in result.blocks[1:2]] == [("boilerplate", "Share prompts")]


# --- crossheads ----------------------------------------------------------------------------

_LONG = "The campaign went on through the summer, and the polls moved only slowly. " * 3


def test_list_lines_tweets_and_rules_are_not_headings():
    result = parse_plaintext(
        f"Election results\n\n{_LONG}\n\nCalifornia: 4\n\nTexas: 38\n\n{_LONG}\n\n"
        "— Tamer Almisshal | تامر المسحال (@TamerMisshal) March 10, 2024\n\n"
        f"{_LONG}\n\n-----\n\n{_LONG}\n\nA post shared by Carlos (@modern_mowgli)\n\n{_LONG}\n"
    )
    assert [b.text for b in result.blocks if b.kind == "heading"] == []


def test_question_crossheads_are_headings():
    result = parse_plaintext(
        f"The race for the White House\n\n{_LONG}\n\nWho is the ‘change candidate’?\n\n{_LONG}\n\n"
        f"Wie geht es weiter?\n\n{_LONG}\n\nHas everyone forgot about the pie maker??\n\n{_LONG}\n"
    )
    headings = [b.text for b in result.blocks if b.kind == "heading"]
    assert headings == ["Who is the ‘change candidate’?", "Wie geht es weiter?"]


def test_a_one_line_file_is_named_by_its_line_and_keeps_it_as_text():
    result = parse_plaintext("\u201cQuoted\u201d title\n", "c")
    assert result.meta.title == "\u201cQuoted\u201d title"
    assert kinds(result) == ["paragraph"]
    assert parse_plaintext("\u2014\n", "my-story").meta.title == "my-story"


def test_a_match_facts_box_is_metadata_not_crossheads():
    # bbc-sport-180.txt: venue, date, kick-off time and referee under the title.
    result = parse_plaintext(
        "Brentford v Southampton\n\nGriffin Park\n\nTuesday, 1 March\n\n1945 GMT\n\n"
        "Barry Knight (Kent)\n\nhome to Manchester United in the quarter-finals\n\n"
        "Brentford boss Martin Allen said the side had to defend better than on Saturday.\n"
    )
    assert kinds(result) == ["title", "meta", "meta", "meta", "meta", "paragraph", "paragraph"]


def test_a_dated_agency_lead_gives_date_and_source_and_stays_body():
    result = parse_plaintext(
        "Why the virus changes everything\n\n"
        "March 17, 2020 (American Thinker) — The virus has changed the country.\n\n"
        "More follows here.\n"
    )
    assert (result.meta.published, result.meta.source) == ("2020-03-17", "American Thinker")
    assert kinds(result) == ["title", "paragraph", "paragraph"]


def test_a_cover_caption_under_the_standfirst_folds_and_a_short_lead_does_not():
    # news-fr-lefigaro-ukraine-point.txt, lines 1-5 (the lead shortened)
    head = (
        "Guerre en Ukraine : la Russie affirme avoir fait échouer la campagne\n\n"
        "LE POINT SUR LA SITUATION - «Nous avons pratiquement fait échouer toute leur campagne"
        " pour 2025», a affirmé le ministre russe de la Défense, Andreï Belooussov\n\n"
    )
    caption = "Des pompiers ukrainiens après une attaque aérienne russe, à Dnipro en Ukraine."
    lead = (
        "La Russie a affirmé vendredi avoir fait échouer la campagne militaire ukrainienne pour"
        " 2025, au lendemain d’un discours du président Vladimir Poutine, a dit le ministre."
    )
    result = parse_plaintext(f"{head}{caption}\n\n{lead}\n")
    assert [(b.kind, b.label) for b in result.blocks[2:]] == [
        ("boilerplate", "Photo caption"),
        ("paragraph", ""),
    ]
    # A short first paragraph that names no place is the story.
    result = parse_plaintext(f"{head}Er, we’re not so sure about that.\n\n{lead}\n")
    assert [b.kind for b in result.blocks[2:]] == ["paragraph", "paragraph"]


def test_short_lines_closing_the_article_are_not_crossheads():
    # bbc-sport-180.txt, the end: a scoreboard of league place and best cup run
    result = parse_plaintext(
        f"Brentford v Southampton\n\n{_LONG}\n\nThe form guide\n\n{_LONG}\n\n10th League One"
        "\n\nQUARTER-FINALS (four times)\n\n18th PREM\n\nWINNERS (once)\n"
    )
    assert [b.text for b in result.blocks if b.kind == "heading"] == ["The form guide"]


def test_dialogue_is_never_a_heading():
    # book-moby-dick-pg2701-cp1252.txt, chapters 73 and 134
    for line in (
        "“Enough,” replied Starbuck, “only don’t hit him again, but—”",
        "“Faith, sir, I’ve——”",
    ):
        result = parse_plaintext(f"Chapter One\n\n{_LONG}\n\n{line}\n\n{_LONG}\n")
        assert [b.kind for b in result.blocks][2] == "paragraph"


def test_sentence_shaped_crossheads_and_ticker_days_between_one_line_paragraphs():
    # news-nzz / news-fr-lefigaro: crossheads without a full stop, weekday headings
    day = "Mittwoch, 17. 7."
    entry = "13.28 Uhr: Human Rights Watch: Hamas-Massaker richtete sich gezielt gegen Zivilisten"
    french = "La Russie a fourni des missiles antiaériens à la Corée du Nord, affirme Séoul"
    result = parse_plaintext(
        f"Israel und Gaza\n\n{_LONG}\n\n{day}\n\n{entry}\n\n{_LONG}\n\n{french}\n\n{_LONG}\n"
    )
    assert [b.text for b in result.blocks if b.kind == "heading"] == [day, entry, french]
    # A line of a comment thread with no full stop, over a shorter line, stays a paragraph.
    result = parse_plaintext(f"Greatest gadget\n\n{_LONG}\n\n{french}\n\nPDA's / laptops.\n")
    assert [b.kind for b in result.blocks].count("heading") == 0

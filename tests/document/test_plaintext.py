"""Plain-text shapes: one unit test per real-world layout, with small inline fixtures."""

from __future__ import annotations

from document_helpers import SEED, check_invariants

from reader.document.loader import load_document
from reader.document.plaintext import parse_plaintext


def kinds(doc):
    return [b.kind for b in doc.blocks]


def test_seed_article_parses_exactly():
    doc = load_document(SEED)
    check_invariants(doc)
    m = doc.meta
    assert m.title == "US Links Security Guarantees For Ukraine To Peace Deal Ceding Donbas"
    assert m.subtitle.startswith("The Trump administration has told Ukraine")
    assert (m.published, m.source) == ("2026-01-27", "Clash Report")
    assert kinds(doc)[:4] == ["title", "subtitle", "meta", "paragraph"]
    assert doc.blocks[2].text == "January 27, 2026Clash Report"
    assert [b.text for b in doc.blocks if b.kind == "heading"] == [
        "Pressure on Kyiv Intensifies",
        "US Denies Forcing Concessions",
        "Donbas Remains a Red Line",
        "High Stakes for Ukraine\u2019s Security",
    ]
    boiler = [b for b in doc.blocks if b.kind == "boilerplate"]
    assert len(boiler) == 1 and boiler[0] is doc.blocks[-1]
    assert boiler[0].label == "Related News"
    lines = boiler[0].text.split("\n")
    assert lines[:3] == ["Sources:", "Related Topics", "Related News"]
    assert len(lines) == 21 and lines[-1] == "24/01/2026"
    assert doc.blocks[-2].text.startswith("US special envoy Steve Witkoff")


def test_bbc_shape_title_blank_then_paragraph_per_line(load):
    doc = load(
        "Euro firms miss out on optimism\n\n"
        "More than 90% of large companies are optimistic, a survey suggests.\n\n"
        "Their biggest worries are not terror threats. There is one exception.\n\n\n"
        " - For the survey, PwC interviewed 1,324 chief executives. \n"
    )
    assert kinds(doc) == ["title", "paragraph", "paragraph", "list_item"]
    assert doc.meta.title == "Euro firms miss out on optimism"
    item = doc.blocks[-1]
    assert (
        item.label == "-" and item.text == "For the survey, PwC interviewed 1,324 chief executives."
    )


def test_hard_wrapped_paragraphs_are_joined_one_for_one(load):
    line = "It was a bright cold day in April, and the clocks were striking"
    body = "\n".join(
        [
            line,
            "thirteen. Winston Smith, his chin nuzzled into his breast in an",
            "effort to escape the vile wind, slipped quickly.",
        ]
    )
    text = f"CHAPTER 1. The Start.\n\n{body}\n\n{body}\n\n{body}\n"
    doc = load(text)
    paras = [b for b in doc.blocks if b.kind == "paragraph"]
    assert len(paras) == 3
    assert "\n" not in paras[0].text
    assert paras[0].text == body.replace("\n", " ")
    assert paras[0]._anchor_text == body
    assert doc.blocks[0].kind in ("heading", "title")
    # Sentences carry the exact anchor text (with its line breaks).
    assert any("\n" in s.text for s in paras[0].sentences)


def test_gutenberg_header_and_licence_are_boilerplate(load):
    wrapped = (
        "Call me Ishmael. Some years ago, never mind how long precisely, having\n"
        "little or no money in my purse, and nothing particular to interest me\n"
        "on shore, I thought I would sail about a little and see the watery part.\n"
    )
    text = (
        "The Project Gutenberg eBook of Moby Dick\n\nTitle: Moby Dick; Or, The Whale\n\n"
        "Author: Herman Melville\n\n*** START OF THE PROJECT GUTENBERG EBOOK MOBY DICK ***\n\n\n"
        f"CHAPTER 1. Loomings.\n\n{wrapped}\n{wrapped}\n{wrapped}\n"
        "*** END OF THE PROJECT GUTENBERG EBOOK MOBY DICK ***\n\nLicence text here.\nMore.\n"
    )
    doc = load(text)
    assert doc.blocks[0].kind == "boilerplate" and doc.blocks[0].text.endswith("MOBY DICK ***")
    assert doc.blocks[-1].kind == "boilerplate" and doc.blocks[-1].text.startswith("*** END OF")
    assert doc.meta.title == "Moby Dick; Or, The Whale"
    assert doc.meta.authors == ["Herman Melville"]
    assert kinds(doc)[1:-1] == ["heading", "paragraph", "paragraph", "paragraph"]


def test_indentation_marked_paragraphs_with_byline_and_dateline(load):
    text = (
        "ECONOMIC SPOTLIGHT - ITALIAN BOOM\n"
        "    By Jane Leach, Reuters\n"
        "    ROME, March 2  - Italy's strong economic revival has led\n"
        "some observers to talk of miracles and created euphoria in some\n"
        "quarters about future growth prospects, but many Italian\n"
        "experts warn that the current wave of optimism is excessive.\n"
        "    Italy has no controls on insider trading at the moment.\n"
        "    The country also needs to shed its rigid capital movements\n"
        "controls -- a European Community directive calls for these to\n"
        "be dismantled by 1992, economists say in their latest reports.\n"
        " REUTER\n"
    )
    doc = load(text)
    assert kinds(doc) == ["title", "meta", "paragraph", "paragraph", "paragraph", "boilerplate"]
    assert doc.meta.authors == ["Jane Leach"] and doc.meta.source == "Reuters"
    assert doc.meta.extra["dateline"] == "ROME"  # the place; the date has no year
    assert doc.blocks[2].text.startswith("ROME, March 2  - Italy's")  # dateline kept in text
    assert doc.blocks[3].text == "Italy has no controls on insider trading at the moment."


def test_other_datelines_are_recorded():
    for line, dateline, source in [
        (
            "LONDON (Reuters) - Shares rose sharply on Monday in early trade.",
            "LONDON",
            "Reuters",
        ),
        ("(CNN) -- A storm hit the coast overnight, officials said.", "", "CNN"),
    ]:
        result = parse_plaintext(f"A headline for the story\n\n{line}\n\nMore text follows here.\n")
        assert result.meta.extra.get("dateline", "") == dateline
        assert result.meta.source == source


def test_bullets_become_list_items(load):
    doc = load(
        "Budget plans\n\nThe measures are:\n"
        "- Increase in the stamp duty threshold\n"
        " - A freeze on petrol duty \n"
        "• Help for pensioners\n* Lower fuel tax\n1. First point\n"
    )
    items = [b for b in doc.blocks if b.kind == "list_item"]
    assert [b.label for b in items] == ["-", "-", "•", "*", "1."]
    assert items[1].text == "A freeze on petrol duty"
    assert all(b.level == 1 for b in items)


def test_trailing_social_furniture_is_one_boilerplate_block(load):
    doc = load(
        "A caption about a film (AP Photo/A24 Films, Someone) shown in a long photo credit line here\n\n"
        "Oscar Isaac has had a pretty stellar year. It started off well.\n\n"
        "He just completed filming a new movie.\n\n"
        "Like us on Facebook\n\nFollow us on Twitter & Instagram\n\n"
        "Follow Lucia I. Suarez on Twitter @luciasuarezsang"
    )
    assert doc.blocks[0].kind == "boilerplate" and doc.blocks[0].label == "Photo caption"
    assert doc.blocks[-1].kind == "boilerplate"
    assert doc.blocks[-1].text.startswith("Like us on Facebook")
    assert doc.blocks[-1].text.endswith("@luciasuarezsang")
    # No headline: the file name, not the first sentence of the body.
    assert doc.meta.title == "story"
    assert sum(b.kind == "boilerplate" for b in doc.blocks) == 2


def test_share_and_related_articles_furniture(load):
    doc = load(
        "Title of the story\n\nFirst paragraph of the story ends here.\n\n"
        "Second paragraph also ends here.\n\nShare this article\n\nRelated Articles\n"
        "Another story\nA third story\n"
    )
    assert kinds(doc) == ["title", "paragraph", "paragraph", "boilerplate"]
    assert doc.blocks[-1].label == "Related Articles"


def test_livedoor_shape(load):
    doc = load(
        "http://news.livedoor.com/article/detail/5903225/\n"
        "2011-10-02T10:00:00+0900\n"
        "悪評が次から次へと溢れ出る川越シェフ\n"
        "最近、TVでも人気者の川越シェフ。代官山のおしゃれなイタリアンレストランのオーナーシェフである。\n\n"
        "【関連記事】\nミニストップのケーキがバカ高いと話題に\nhttp://news.livedoor.com/topics/detail/5899457/\n\n"
        "普通のケーキなら、原価は200円程度。\n\n"
        "【関連記事】\n大人気イケメンシェフ\nhttp://news.livedoor.com/topics/detail/5858898/\n\n"
        "やっぱり気になる！！川越達也シェフ\nhttp://news.livedoor.com/topics/detail/5571502/\n"
    )
    assert kinds(doc) == [
        "meta",
        "meta",
        "title",
        "paragraph",
        "boilerplate",
        "paragraph",
        "boilerplate",
    ]
    assert doc.meta.published == "2011-10-02"
    assert doc.meta.extra["url"] == "http://news.livedoor.com/article/detail/5903225/"
    assert doc.meta.title == "悪評が次から次へと溢れ出る川越シェフ"
    assert doc.blocks[-1].label == "【関連記事】"
    assert doc.blocks[-1].text.endswith("5571502/")


def test_no_title_line_uses_the_file_name(load):
    doc = load("香港行政长官梁振英向香港民众道歉。\n\n梁振英此前承认早在去年参选之前就已知悉。\n")
    assert "title" not in kinds(doc)
    assert doc.meta.title == "story"


def test_title_falls_back_to_file_name(write):
    doc = load_document(write("my-story.txt", "—\n"))
    assert doc.meta.title == "my-story"


def test_title_prefixed_with_source_name(load):
    doc = load("الخبر الرئيس مصمم على إنهاء مشاريعه السابقة\r\nرفض سبعة مترشحين دعوة المعارضة.\r\n")
    assert doc.blocks[0].kind == "title"
    assert doc.meta.source == "الخبر"
    assert doc.meta.title == "الرئيس مصمم على إنهاء مشاريعه السابقة"


def test_headings_need_no_final_punctuation(load):
    doc = load(
        "Headline here\nStandfirst sentence.\nJanuary 5, 2024 | Daily Paper\n"
        "Body sentence one.\nA Short Subheading\nBody sentence two.\n"
        "“They said no,” the official said.\nFriend,\nClosing line.\n"
    )
    assert doc.meta.source == "Daily Paper"
    assert [b.text for b in doc.blocks if b.kind == "heading"] == ["A Short Subheading"]
    assert doc.blocks[1].kind == "subtitle"


def test_source_lines_are_one_based(load):
    doc = load("Title\n\nFirst para.\n\n\nSecond para.\n")
    assert [b.source_line for b in doc.blocks] == [1, 3, 6]


def test_gutenberg_book_trimmed_before_its_start_marker(load):
    # A Project Gutenberg War and Peace whose header was cut off above "*** START OF".
    doc = load(
        "Title: War and Peace\n\nAuthor: Leo Tolstoy\n\nBOOK ONE: 1805\n\nCHAPTER I\n\n"
        "“Well, Prince, so Genoa and Lucca are now just family estates of the Buonapartes.”\n\n"
        "It was in July, 1805, and the speaker was the well-known Anna Pávlovna Schérer.\n\n"
        "*** END OF THE PROJECT GUTENBERG EBOOK WAR AND PEACE ***\n\n"
        "Updated editions will replace the previous one—the old editions will be renamed.\n\n"
        "START: FULL LICENSE\n\nTHE FULL PROJECT GUTENBERG LICENSE\n"
    )
    assert doc.meta.title == "War and Peace" and doc.meta.authors == ["Leo Tolstoy"]
    assert kinds(doc)[:2] == ["meta", "meta"]
    assert doc.blocks[-1].kind == "boilerplate"
    assert doc.blocks[-1].label == "Project Gutenberg licence"
    assert doc.blocks[-1].text.startswith("*** END OF")
    assert not any(b.text.startswith("***") for b in doc.blocks if b.kind == "heading")

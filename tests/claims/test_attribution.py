"""Attribution rules on small texts of our own (the corpus score is in test_attribution_corpus)."""

from __future__ import annotations

from reader.claims.attribution import NO_ATTRIBUTION, attribute, attribute_block, attribute_sentence
from reader.document.loader import parse_text


def doc(text: str):
    return parse_text(text, "story.txt")


def first_sentence_with(document, snippet: str):
    for block in document.blocks:
        for sentence in block.sentences:
            if snippet in sentence.text:
                return sentence
    raise AssertionError(snippet)


def source_of(text: str, snippet: str):
    document = doc(text)
    return attribute_sentence(document, first_sentence_with(document, snippet))


def test_subject_before_verb_keeps_title_and_appositive():
    got = source_of(
        "Title\n\nJane Roe, the deputy press secretary, said the reports were false.\n",
        "reports were false",
    )
    assert (got.source, got.kind, got.cue) == (
        "Jane Roe, the deputy press secretary",
        "named",
        "said",
    )


def test_offsets_point_at_the_source_in_the_document_text():
    document = doc("Title\n\nThe plan is dead, the mayor said on Monday.\n")
    got = attribute_sentence(document, first_sentence_with(document, "plan is dead"))
    assert document.text[got.start : got.end] == "the mayor" == got.source


def test_quote_closed_by_anonymous_official():
    got = source_of("Title\n\n“We will not sign,” the official said.\n", "We will not sign")
    assert (got.source, got.kind) == ("the official", "anonymous")


def test_according_to_wins_over_a_verb_in_the_same_sentence():
    got = source_of(
        "Title\n\nThe agency has told staff to leave, according to the Daily Bugle.\n", "staff"
    )
    assert (got.source, got.kind, got.cue) == ("the Daily Bugle", "named", "according to")


def test_citing_gives_the_cited_source_and_the_relay():
    got = source_of(
        "Title\n\nTalks stalled, the Daily Bugle reported, citing three people familiar with "
        "the matter.\n",
        "Talks stalled",
    )
    assert got.source == "three people familiar with the matter"
    assert got.kind == "anonymous"
    assert got.via == "the Daily Bugle"


def test_inverted_verb_after_quote():
    got = source_of('Title\n\n"It is over," said coach Ann Bell.\n', "It is over")
    assert (got.source, got.kind) == ("coach Ann Bell", "named")


def test_pronoun_resolved_to_the_nearest_earlier_name_in_the_paragraph():
    text = (
        "Title\n\nThe striker Tom Quill was upbeat. "
        '"We can win this," he said. "We have the players."\n'
    )
    document = doc(text)
    results = attribute_block(document, 1)
    assert [r.source for r in results] == ["", "Tom Quill", "Tom Quill"]
    assert document.text[results[1].start : results[1].end] == "Tom Quill"


def test_unresolved_pronoun_is_kept_as_named():
    got = source_of('Title\n\n"Nothing changes," she said.\n', "Nothing changes")
    assert (got.source, got.kind) == ("she", "named")


def test_quote_attributed_in_the_next_sentence():
    text = 'Title\n\n"The deal is close. We expect a vote," a senior diplomat said.\n'
    document = doc(text)
    assert [r.source for r in attribute_block(document, 1)] == ["a senior diplomat"] * 2
    assert attribute_block(document, 1)[0].kind == "anonymous"


def test_quote_that_continues_in_the_next_paragraph():
    text = 'Title\n\n"Prices will rise," the ministry said.\n\n"Nobody will be spared."\n'
    document = doc(text)
    got = attribute_sentence(document, first_sentence_with(document, "Nobody"))
    assert got.source == "the ministry"


def test_anonymous_markers():
    cases = {
        "Officials said the road would close.": "Officials",
        "Sources say the road will close.": "Sources",
        "A spokesperson said the road would close.": "A spokesperson",
        "Analysts warn the road will close.": "Analysts",
        "Western diplomats said the road would close.": "Western diplomats",
    }
    for sentence, source in cases.items():
        got = source_of(f"Title\n\n{sentence}\n", "road")
        assert (got.source, got.kind) == (source, "anonymous"), sentence


def test_named_spokesperson_is_named():
    got = source_of("Title\n\nSpokesperson Dana Frost said the road would close.\n", "road")
    assert (got.source, got.kind) == ("Spokesperson Dana Frost", "named")


def test_assertion_without_attribution_is_none():
    got = source_of("Title\n\nThe bridge was closed for repairs.\n", "bridge")
    assert got == NO_ATTRIBUTION
    assert (got.kind, got.start, got.end) == ("none", -1, -1)


def test_hearsay_passive_names_no_source():
    got = source_of("Title\n\nThe guarantees are said to mirror the treaty.\n", "guarantees")
    assert got.kind == "none"


def test_words_inside_a_quote_are_not_cues():
    got = source_of(
        'Title\n\n"Everyone says the economy is weak," Mark Stone said.\n', "economy is weak"
    )
    assert got.source == "Mark Stone"


def test_other_languages():
    cases = [
        ("«Nous avons gagné», a déclaré le maire Paul Roux.", "le maire Paul Roux", "named"),
        ("Le pont est fermé, selon des sources locales.", "des sources locales", "anonymous"),
        ("«Wir bleiben», sagte die Ministerin Eva Brandt.", "die Ministerin Eva Brandt", "named"),
        ("Die Brücke ist zu, laut Polizei.", "Polizei", "named"),
        ("«Seguimos», dijo el alcalde Juan Ruiz.", "el alcalde Juan Ruiz", "named"),
        ("El puente está cerrado, según fuentes oficiales.", "fuentes oficiales", "anonymous"),
    ]
    for sentence, source, kind in cases:
        got = source_of(f"Title\n\n{sentence}\n", sentence[:8])
        assert (got.source, got.kind) == (source, kind), sentence


def test_span_api_uses_the_overlapping_sentence():
    text = "Title\n\nThe bridge is shut. It will reopen in May, the council said.\n"
    document = doc(text)
    start = document.text.index("reopen")
    assert attribute(document, start, start + 6).source == "the council"
    first = document.text.index("bridge")
    assert attribute(document, first, first + 6).kind == "none"
    # A highlight over both sentences takes the first attributed one.
    assert attribute(document, first, start + 6).source == "the council"


def test_to_json_has_every_field():
    got = source_of("Title\n\nThe mayor said the bridge is shut.\n", "bridge")
    assert got.to_json() == {
        "source": "The mayor",
        "kind": "named",
        "start": got.start,
        "end": got.end,
        "cue": "said",
        "via": "",
    }


def test_quoted_as_saying_gives_the_quoted_one_and_the_relay():
    got = source_of(
        "Title\n\nThe Daily Bugle quotes the mayor, Ann Bell, as saying the bridge is shut.\n",
        "bridge",
    )
    assert (got.source, got.kind, got.via) == ("the mayor, Ann Bell", "named", "The Daily Bugle")


def test_scare_quote_is_not_speech_to_attribute():
    text = (
        "Title\n\nOfficials said the talks had stalled. "
        "The plan was called a “peace dividend” by its backers.\n"
    )
    document = doc(text)
    assert [r.kind for r in attribute_block(document, 1)] == ["anonymous", "none"]


def test_adverbial_between_commas_is_not_part_of_the_source():
    got = source_of(
        "Title\n\nThe union leader, in a speech on Friday, said pay would rise.\n", "pay"
    )
    assert got.source == "The union leader"


def test_opening_phrase_before_the_name_is_dropped():
    got = source_of(
        "Title\n\nSpeaking to reporters Mr Quill said the deal was done.\n", "deal was done"
    )
    assert got.source == "Mr Quill"


def test_acronym_in_parentheses_stays_in_the_source():
    got = source_of(
        "Title\n\nThe Office for Road Safety (ORS) says crashes fell.\n", "crashes fell"
    )
    assert got.source == "The Office for Road Safety (ORS)"


def test_pronoun_takes_a_name_written_after_the_last_speaker():
    text = (
        'Title\n\n"It will pass," said Mr Quill. The vote is up to Ann Bell. '
        '"We will see," she said.\n'
    )
    document = doc(text)
    assert attribute_block(document, 1)[2].source == "Ann Bell"


def test_number_with_thousands_separator_is_not_cut():
    got = source_of("Title\n\nA survey of 1,300 bosses suggests optimism.\n", "optimism")
    assert (got.source, got.kind) == ("A survey of 1,300 bosses", "anonymous")


def test_a_time_phrase_after_the_verb_is_not_the_source():
    """`…, the mayor, Ana Ruiz, said on Monday.` is the mayor's: the words after a verb that
    follows a comma are its speaker only when they read as one (`, says Carlo …`)."""
    cases = {
        "The bridge will close, the mayor, Ana Ruiz, said on Monday.": "the mayor, Ana Ruiz",
        "Talks will resume, the minister, Ivan Petrov, told reporters on Tuesday.": (
            "the minister, Ivan Petrov"
        ),
        "The deal is off, the chief executive, Maria Lopez, said late on Friday.": (
            "the chief executive, Maria Lopez"
        ),
        "The deal is off, the company said late on Friday.": "the company",
        "Fares will rise, the governor, Tom Hale, said Tuesday.": "the governor, Tom Hale",
        "Fares will rise, the mayor, Ana Ruiz, said in a statement.": "the mayor, Ana Ruiz",
        "Fares will rise, says Carlo Scognamiglio, head of the bank.": (
            "Carlo Scognamiglio, head of the bank"
        ),
    }
    for sentence, source in cases.items():
        got = source_of(f"Title\n\n{sentence}\n", sentence[:12])
        assert (got.source, got.kind) == (source, "named"), sentence


def test_told_is_never_inverted():
    got = source_of("Title\n\n“It is over,” told the BBC on Sunday.\n", "It is over")
    assert got.source != "the BBC"


def test_an_anonymous_head_with_a_name_as_appositive_is_named():
    got = source_of(
        "Title\n\n“We will not sign,” the official, Li Wei, said at a news conference.\n",
        "We will not sign",
    )
    assert (got.source, got.kind) == ("the official, Li Wei", "named")
    got = source_of(
        "Title\n\nThe plan is dead, a spokesman for the ministry, Ana Ruiz, said.\n", "plan"
    )
    assert (got.source, got.kind) == ("a spokesman for the ministry, Ana Ruiz", "named")
    got = source_of(
        "Title\n\nThe plan is dead, officials, including two ministers, said.\n", "plan"
    )
    assert (got.source, got.kind) == ("officials, including two ministers", "anonymous")

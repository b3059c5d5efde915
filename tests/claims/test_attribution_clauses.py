"""Attribution around relative clauses and reporting words used as nouns (issue 14 follow-ups:
"a senior official, who asked not to be named, said" gave the source "who"; the tutorial's
"It is now highlighted as a claim" was given to an anonymous "a")."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.claims.attribution import attribute_sentence
from reader.document.loader import load_document, parse_text

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def source_of(sentence: str) -> tuple[str, str, str]:
    document = parse_text(f"Title\n\n{sentence}\n", "story.txt")
    got = attribute_sentence(document, document.blocks[-1].sentences[0])
    return got.source, got.kind, got.cue


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Talks had stalled, a senior official, who asked not to be named, said on Monday.",
            ("a senior official", "anonymous", "said"),
        ),
        (
            "A senior official, who asked not to be named, said the talks would resume.",
            ("A senior official", "anonymous", "said"),
        ),
        (
            "A spokesman for the ministry, who declined to be named, said the plan was final.",
            ("A spokesman for the ministry", "anonymous", "said"),
        ),
        (
            "The minister, who has led the talks since May, said the deal was close.",
            ("The minister", "named", "said"),
        ),
        (
            "A spokesman, who joined the ministry after the election, said the plan was final.",
            ("A spokesman", "anonymous", "said"),
        ),
        (
            "The ministry, which oversees the talks, said the plan was final.",
            ("The ministry", "named", "said"),
        ),
        ("Jane Roe, who chairs the panel, said the plan was final.", ("Jane Roe", "named", "said")),
        (
            "Officials who declined to be named said the talks would resume.",
            ("Officials", "anonymous", "said"),
        ),
        (
            "Jane Roe, the deputy press secretary, who joined in May, said the plan was final.",
            ("Jane Roe, the deputy press secretary", "named", "said"),
        ),
    ],
)
def test_a_relative_clause_about_the_source_is_left_out_of_it(sentence, expected):
    assert source_of(sentence) == expected


def test_the_subject_of_an_object_relative_clause_is_its_source():
    """ "whom BBC sources described as ...": the relative pronoun is not the source."""
    got = source_of("The patient, whom BBC sources described as an aid worker, will be moved.")
    assert got == ("BBC sources", "anonymous", "described")


@pytest.mark.parametrize(
    "sentence",
    [
        "It is now highlighted as a claim, with a letter C in the gutter.",
        "A claim needs support.",
        "Tags show in the claims pane and in the export.",
        "Links are shown, never followed without your say.",
        "Go back to the highlighted claim about the bridge.",
        "The plan has its claims and its fears.",
    ],
)
def test_a_reporting_word_after_a_determiner_is_a_noun_with_no_source(sentence):
    assert source_of(sentence)[1] == "none"


def test_verbs_after_pronouns_and_plain_subjects_still_name_their_source():
    assert source_of("And what was more, they each insisted on it.")[:2] == ("they each", "named")
    assert source_of("The officials claim the plan is dead.")[:2] == ("The officials", "anonymous")
    assert source_of("Critics say the plan is dead.")[:2] == ("Critics", "anonymous")


def test_the_tutorial_names_a_source_only_where_it_gives_one():
    path = SEEDS / "start-here.md"
    document = load_document(path)
    sentences = {
        " ".join(s.text.split()): s for b in document.blocks if b.is_prose for s in b.sentences
    }
    claim = next(t for t in sentences if t.startswith("It is now highlighted as a claim"))
    assert attribute_sentence(document, sentences[claim]).kind == "none"
    council = next(t for t in sentences if t.startswith("The city council says"))
    got = attribute_sentence(document, sentences[council])
    assert (got.source, got.kind) == ("The city council", "named")


@pytest.mark.parametrize("sentence", ["1 claim: the tax will rise.", "2024 said it all."])
def test_a_number_before_a_reporting_word_is_no_source(sentence):
    assert source_of(sentence) == ("", "none", "")

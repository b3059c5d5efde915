"""A denial that anyone said something is not a source (the tutorial's "Nobody has said who
will pay for the maintenance" was attributed to "Nobody (named)"); an indefinite pronoun
("Someone said") is an anonymous source."""

from __future__ import annotations

import pytest

from reader.claims.attribution import attribute_sentence
from reader.document.loader import parse_text


def attribution(sentence: str):
    document = parse_text(f"Title\n\n{sentence}\n", "x.txt", "utf-8")
    return attribute_sentence(document, document.blocks[-1].sentences[0])


@pytest.mark.parametrize(
    "sentence",
    [
        "Nobody has said who will pay for the maintenance of the bridge.",
        "No one has said who will pay.",
        "None of the officials said when the work would start.",
        "No official would say when the work would start.",
    ],
)
def test_nobody_is_no_source(sentence):
    found = attribution(sentence)
    assert (found.source, found.kind) == ("", "none")


@pytest.mark.parametrize("sentence", ["Someone said it was late.", "Everybody says it is fine."])
def test_an_indefinite_pronoun_is_an_anonymous_source(sentence):
    found = attribution(sentence)
    assert found.kind == "anonymous" and found.source == sentence.split()[0]


@pytest.mark.parametrize(
    ("sentence", "source"),
    [("Noah Smith said it was late.", "Noah Smith"), ("Nora said so.", "Nora")],
)
def test_names_that_open_like_no_are_still_named(sentence, source):
    found = attribution(sentence)
    assert (found.source, found.kind) == (source, "named")

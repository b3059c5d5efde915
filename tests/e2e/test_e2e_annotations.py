"""Annotating in a real terminal (tmux): highlight, note, quit, and the sidecar holds them;
`e` writes the notes file next to the article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

TITLE = "US Links Security Guarantees"
SENTENCE = (
    "The Trump administration has told Ukraine that US security guarantees depend on Kyiv "
    "first agreeing to a peace deal with Russia that could include ceding the Donbas region, "
    "according to the Financial Times."
)
NOTE = "Check the FT piece: *eight* sources?"


def sidecar_records(article: Path) -> list[dict]:
    sidecar = article.with_name(article.name + ".annotations.json")
    data = json.loads(sidecar.read_text(encoding="utf-8"))
    return list(data["annotations"].values())


def exact_of(record: dict) -> str:
    for selector in record["target"]["selector"]:
        if selector.get("type") == "TextQuoteSelector":
            return selector["exact"]
    return ""


def test_highlight_and_note_reach_the_sidecar(reader_session, seed_copy: Path) -> None:
    with reader_session([seed_copy]) as s:
        s.wait_for(TITLE)
        s.wait_annotations()
        s.press("j")
        s.press("h")
        s.wait_for("C1 E0 Q0 D0 K0")
        s.press("a")
        s.wait_for("C Claim")
        s.wait_stable()
        s.type(NOTE)
        s.wait_for("eight")
        s.press("escape")
        s.wait_stable()
        s.press("q")
        assert s.exit_status() == 0
    [record] = sidecar_records(seed_copy)
    assert exact_of(record) == SENTENCE
    assert record["note"] == NOTE
    assert record["category"] == "claim"


def test_e_writes_the_notes_file(reader_session, seed_copy: Path) -> None:
    target = seed_copy.with_name(seed_copy.name + ".notes.md")
    with reader_session([seed_copy]) as s:
        s.wait_for(TITLE)
        s.wait_annotations()
        s.press("j", "2", "e")
        s.wait_for("Notes written to")
        s.press("q")
        assert s.exit_status() == 0
    text = target.read_text(encoding="utf-8")
    assert "The Trump administration has told Ukraine" in text
    assert "Evidence" in text

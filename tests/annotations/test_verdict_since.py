"""Two windows, one verdict: the verdict dialog opened before another window saved its own
verdict keeps that window's decision (session 11: the dialog saved over it). A part only one
window changed takes its value; a status or rationale both changed keeps both, ours first,
theirs in the rationale after `elsewhere:`, and the window is told."""

from __future__ import annotations

import json

import pytest

from reader.annotations.edits_since import merge_verdict

UNCHECKED = ("unverified", "")


@pytest.mark.parametrize(
    ("since", "mine", "theirs", "merged", "kept"),
    [
        # only one side changed something: its value, nothing to tell
        (UNCHECKED, ("refuted", "ONS 2%"), UNCHECKED, ("refuted", "ONS 2%"), []),
        (UNCHECKED, UNCHECKED, ("supported", "agency"), ("supported", "agency"), []),
        # each changed another part: both parts
        (("unverified", "x"), ("refuted", "x"), ("unverified", "y"), ("refuted", "y"), []),
        # both chose a status: ours, theirs named in the rationale
        (
            UNCHECKED,
            ("refuted", "ONS 2%"),
            ("supported", ""),
            ("refuted", "ONS 2% | elsewhere: Supported"),
            ["Supported"],
        ),
        (
            UNCHECKED,
            ("refuted", ""),
            ("supported", "agency says so"),
            ("refuted", "elsewhere: Supported — agency says so"),
            ["Supported — agency says so"],
        ),
        # both rewrote the rationale: both texts
        (
            ("disputed", "old"),
            ("disputed", "mine"),
            ("supported", "theirs"),
            ("supported", "mine | elsewhere: theirs"),
            ["theirs"],
        ),
        # the same decision twice: nothing doubled
        (UNCHECKED, ("refuted", "a"), ("refuted", "a"), ("refuted", "a"), []),
    ],
)
def test_merge_verdict(since, mine, theirs, merged, kept):
    status, rationale, told = merge_verdict(since, mine, theirs)
    assert ((status, rationale), told) == (merged, kept)


def test_a_verdict_saved_after_the_other_window_took_in_its_own_keeps_both(article, open_store):
    a = open_store(article)
    ann = a.add(0, 7)
    a.flush()
    b = open_store(article)
    a.update(ann.id, status="supported", rationale="the agency confirms it")
    a.flush()
    assert b.reload_if_changed()  # B's window polls while its dialog is open
    since = {"status": "unverified", "rationale": ""}  # what B's dialog opened with
    b.update(ann.id, since, status="refuted", rationale="ONS says 2%")
    b.flush()
    (record,) = json.loads(b.sidecar_path.read_text("utf-8"))["annotations"].values()
    assert record["status"] == "refuted"
    assert record["rationale"] == "ONS says 2% | elsewhere: Supported — the agency confirms it"
    assert "the verdict of" in b.notice and "both are kept" in b.notice

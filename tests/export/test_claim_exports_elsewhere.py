"""A ClaimReview or dossier export written in another folder never replaces a same-named
article's export there (session 11 left them on the plain name: the second article's
export replaced the first's), asks before replacing a file margin-reader did not write,
and replaces the same article's own earlier export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.annotations.store import AnnotationStore
from reader.document.loader import load_document
from reader.export.copies import write_elsewhere
from reader.export.markdown import ExportExists

TEXT = "A story\n\nThe council met today. The bridge opens in May.\n"
SUFFIX = {"claimreview": ".claimreview.json", "dossier": ".dossier.md"}


def checked(path: Path, quote: str, rationale: str) -> AnnotationStore:
    """The article at `path` with `quote` refuted for `rationale`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TEXT, "utf-8")
    store = AnnotationStore.open(load_document(path))
    start = TEXT.index(quote)
    ann = store.add(start, start + len(quote))
    store.update(ann.id, status="refuted", rationale=rationale)
    return store


@pytest.mark.parametrize("fmt", ["claimreview", "dossier"])
def test_a_same_named_articles_claims_export_is_never_replaced(tmp_path, fmt):
    out = tmp_path / "out"
    first = checked(tmp_path / "one" / "story.txt", "The council met today.", "FIRST-WHY")
    second = checked(tmp_path / "two" / "story.txt", "The bridge opens in May.", "SECOND-WHY")
    try:
        mine, _ = write_elsewhere(first, fmt, out)
        assert mine == out / f"story.txt{SUFFIX[fmt]}"
        theirs, _ = write_elsewhere(second, fmt, out)
        assert theirs != mine and theirs.parent == out and theirs.name.endswith(SUFFIX[fmt])
        assert "FIRST-WHY" in mine.read_text("utf-8")
        assert "SECOND-WHY" in theirs.read_text("utf-8")
        assert "FIRST-WHY" not in theirs.read_text("utf-8")
        # Each article's export again: its own file replaced, the other's untouched.
        first.update(first.annotations[0].id, rationale="FIRST-AGAIN")
        second.update(second.annotations[0].id, rationale="SECOND-AGAIN")
        assert write_elsewhere(first, fmt, out)[0] == mine
        assert write_elsewhere(second, fmt, out)[0] == theirs
    finally:
        first.close()
        second.close()
    assert "FIRST-AGAIN" in mine.read_text("utf-8")
    assert "SECOND-AGAIN" in theirs.read_text("utf-8")
    assert sorted(p.name for p in out.iterdir()) == sorted([mine.name, theirs.name])
    if fmt == "claimreview":
        assert [r["reviewBody"] for r in json.loads(mine.read_text("utf-8"))] == ["FIRST-AGAIN"]


@pytest.mark.parametrize("fmt", ["claimreview", "dossier"])
def test_a_file_margin_reader_did_not_write_is_asked_about(tmp_path, fmt):
    out = tmp_path / "out"
    out.mkdir()
    own = out / f"story.txt{SUFFIX[fmt]}"
    own.write_text("the reader's own file\n", "utf-8")
    store = checked(tmp_path / "one" / "story.txt", "The council met today.", "WHY")
    try:
        with pytest.raises(ExportExists) as info:
            write_elsewhere(store, fmt, out)
        assert info.value.path == own
        assert own.read_text("utf-8") == "the reader's own file\n"
        assert write_elsewhere(store, fmt, out, force=True)[0] == own  # the reader said yes
    finally:
        store.close()
    assert "WHY" in own.read_text("utf-8")

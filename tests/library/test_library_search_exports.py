"""Library search indexes none of the files the library does not list as articles: our
exports under names of the user's choosing (Markdown, W3C, ClaimReview, a dossier), told by
the same rule as the listing (reader/export/signature.py), and the open article is no
exception when it is one of them."""

from __future__ import annotations

import pytest

import reader.library_search as search
from reader.cli import main
from reader.document.loader import load_document
from reader.library import scan_library

pytestmark = pytest.mark.skipif(search.fts5_missing() is not None, reason="this SQLite has no FTS5")

STORY = "Bridge story\n\nMarch 9, 2024\n\nThe bridge will close, the mayor said.\n"


@pytest.fixture
def lib(tmp_path, capsys):
    root = tmp_path / "lib"
    root.mkdir()
    story = root / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    quote = "The bridge will close"
    assert main(["annotate", str(story), "--quote", quote, "--status", "refuted"]) == 0
    for fmt, name in (
        ("markdown", "out.md"),
        ("w3c", "notes.md"),
        ("claimreview", "checked.txt"),
        ("dossier", "check.markdown"),
    ):
        assert main(["export", str(story), "--format", fmt, "-o", str(root / name)]) == 0
    capsys.readouterr()
    return root


def _names(hits):
    return sorted({h.path.name for h in hits})


def test_the_index_skips_the_exports_the_listing_skips(lib, index):
    assert [e.name for e in scan_library(lib)] == ["story.txt"]
    index.update(lib)
    assert _names(index.search("bridge", lib)) == ["story.txt"]
    assert _names(index.search("mayor", lib)) == ["story.txt"]


def test_an_export_open_in_the_app_is_not_indexed_either(lib, index):
    notes = lib / "notes.md"
    st = notes.stat()
    parsed = search.Parsed(load_document(notes), size=st.st_size, mtime_ns=st.st_mtime_ns)
    index.update(lib, parsed=parsed)
    assert _names(index.search("bridge", lib)) == ["story.txt"]

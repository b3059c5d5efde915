"""The commit message counts what changed."""

from __future__ import annotations

from test_merge_driver import record, sidecar

from reader.sync.message import Counts, count_files, count_sidecar, describe


def test_highlights_and_notes_on_articles() -> None:
    counts = Counts()
    count_sidecar({}, sidecar([record("a", 0), record("b", 1, note="n")]), counts)
    before = sidecar([record("c", 0)])
    count_sidecar(before, sidecar([record("c", 0), record("d", 2)]), counts)
    assert describe(counts) == "margin-reader: 3 highlights, 1 note on 2 articles"


def test_edits_removals_and_files() -> None:
    counts = Counts()
    before = sidecar([record("a", 0), record("b", 1)])
    after = sidecar([{**record("a", 0), "note": "new"}, {**record("b", 1), "tags": ["t"]}])
    count_sidecar(before, after, counts)
    count_sidecar(sidecar([record("z", 3)]), sidecar([]), counts)
    count_files(
        [
            ("A", "new.md"),
            ("M", "old.md"),
            ("A", ".revisions/old.md/2026-01-01T00-00-00Z.md"),
            ("M", "feeds.toml"),
            ("M", "old.md.annotations.json"),
        ],
        counts,
    )
    assert describe(counts) == (
        "margin-reader: 1 note, 1 edit, 1 removal on 2 articles; 1 article added; "
        "1 article updated; 1 revision; feed subscriptions"
    )


def test_nothing_counted() -> None:
    counts = Counts()
    count_files([("A", ".gitignore")], counts)
    assert describe(counts) == "margin-reader: 1 library file"

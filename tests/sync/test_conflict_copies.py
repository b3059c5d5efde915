"""Conflict copies of Syncthing, Dropbox and the like, merged into their sidecars."""

from __future__ import annotations

from pathlib import Path

import pytest
from sync_fixtures import annotations, edit, highlight, make_library

from reader.annotations.merge import NOTE_SEPARATOR
from reader.library import scan_library
from reader.sync.conflict_copies import merge_conflict_copies, sidecar_of_copy

NAMES = [
    "story.txt.annotations.sync-conflict-20261206-120000-ABCDEFG.json",
    "story.txt.annotations (conflicted copy).json",
    "story.txt.annotations (Alice's conflicted copy 2026-12-06).json",
    "story.txt.annotations (conflicted copy 2026-12-06 120000).json",
    "story.txt.annotations_conflict-20261206-120000.json",
    "story.txt.annotations (SFConflict alice@example.com 2026-12-06-12-00-00).json",
]


@pytest.mark.parametrize("name", NAMES)
def test_copy_names(name: str) -> None:
    assert sidecar_of_copy(name) == "story.txt.annotations.json"


@pytest.mark.parametrize(
    "name",
    [
        "story.txt.annotations.json",
        "story.txt.sync-conflict-20261206-120000-ABCDEFG.txt",  # an article's copy
        "notes (conflicted copy).md",
        "story.txt.annotations.json.lock",
    ],
)
def test_other_names(name: str) -> None:
    assert sidecar_of_copy(name) is None


def _diverged(tmp_path: Path, copy_name: str) -> tuple[Path, Path, str, str]:
    """A library whose bridge sidecar has a conflict copy: one highlight both have, its
    note edited differently, and one highlight each."""
    library = make_library(tmp_path / "lib")
    article = library / "bridge.txt"
    shared = highlight(article, "Critics said the cost estimate was too low.", note="start")
    sidecar = library / "bridge.txt.annotations.json"
    edit(article, shared, note="from the phone")
    highlight(article, "The council did not discuss it.", note="phone only")
    copy = library / copy_name
    copy.write_bytes(sidecar.read_bytes())
    edit(article, shared, note="from the laptop")
    highlight(article, "The mayor said the bridge would open in 2027.", note="laptop only")
    return library, copy, shared, sidecar.read_text("utf-8")


@pytest.mark.parametrize("name", [NAMES[0], NAMES[1]])
def test_scanning_the_library_merges_a_copy(tmp_path: Path, name: str) -> None:
    library, copy, shared, _ = _diverged(tmp_path, name.replace("story.txt", "bridge.txt"))
    entries = scan_library(library)
    assert not copy.exists()
    merged = annotations(library / "bridge.txt")
    assert sorted(a.note for a in merged.values() if a.id != shared) == [
        "laptop only",
        "phone only",
    ]
    assert sorted(merged[shared].note.split(NOTE_SEPARATOR)) == [
        "from the laptop",
        "from the phone",
    ]
    assert {e.name: e.annotation_count for e in entries}["bridge.txt"] == 3


def test_an_unreadable_copy_is_left_in_place(tmp_path: Path) -> None:
    library, copy, _, before = _diverged(tmp_path, "bridge.txt.annotations (conflicted copy).json")
    copy.write_bytes(b"\x00\xff not a sidecar")
    result = merge_conflict_copies(library)
    assert copy.exists() and result.merged == []
    assert len(result.problems) == 1 and "not valid UTF-8" in result.problems[0]
    assert (library / "bridge.txt.annotations.json").read_text("utf-8") == before


def test_a_copy_is_removed_only_after_the_sidecar_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library, copy, _, before = _diverged(tmp_path, NAMES[0].replace("story.txt", "bridge.txt"))
    import reader.annotations.sidecar as sidecar_module

    def full_disk(path, data):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sidecar_module, "write_atomic", full_disk)
    result = merge_conflict_copies(library)
    assert copy.exists() and result.merged == []
    assert "No space left on device" in result.problems[0]
    assert (library / "bridge.txt.annotations.json").read_text("utf-8") == before

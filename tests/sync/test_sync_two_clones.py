"""Two machines annotate the same articles and sync in turn through a bare repository."""

from __future__ import annotations

from pathlib import Path

import pytest
from sync_fixtures import (
    all_files,
    annotations,
    bare_remote,
    delete,
    edit,
    git,
    highlight,
    make_library,
    needs_git,
)

from reader.annotations.merge import NOTE_SEPARATOR
from reader.sync.sync import sync_library

pytestmark = [needs_git, pytest.mark.usefixtures("git_env")]


def test_two_clones_end_identical_with_every_note(tmp_path: Path) -> None:
    remote = bare_remote(tmp_path)
    a = make_library(tmp_path / "laptop")
    b = tmp_path / "desktop"
    b.mkdir()
    first = sync_library(a, init_remote=str(remote))
    assert first.sent == 1 and first.received == 0
    joined = sync_library(b, init_remote=str(remote))
    assert joined.received == 1  # the laptop's commit (and the desktop's own root commit)
    bridge_a, bridge_b = a / "bridge.txt", b / "bridge.txt"
    harbour_a, harbour_b = a / "harbour.txt", b / "harbour.txt"
    assert bridge_b.read_bytes() == bridge_a.read_bytes()

    shared = highlight(bridge_a, "Critics said the cost estimate was too low.", note="costs")
    doomed = highlight(bridge_a, "The council did not discuss it.")
    disputed = highlight(harbour_a, "A spokesman declined to give a date.", note="why?")
    sync_library(a)
    assert sync_library(b).received >= 1

    # Both machines work on the same articles meanwhile.
    edit(bridge_a, shared, note="costs: laptop", tags=["budget"])
    mine = highlight(bridge_a, "The mayor said the bridge would open in 2027.", note="date")
    delete(bridge_a, doomed)
    delete(harbour_a, disputed)
    edit(bridge_b, shared, note="costs: desktop", tags=["money"])
    theirs = highlight(bridge_b, "Engineers warned that the river bed is unstable.", note="risk")
    edit(harbour_b, disputed, note="why? asked twice")  # edited here, deleted there
    other = highlight(harbour_b, "Fishermen said the delay costs them money.", tags=["fish"])

    sent = sync_library(a)
    assert sent.sent == 1 and sent.committed is not None
    merged = sync_library(b)
    assert merged.received == 1 and merged.merged == 2 and merged.sent == 2  # its own + merge
    back = sync_library(a)
    assert back.received == 2 and back.sent == 0 and back.committed is None

    assert all_files(a) == all_files(b)
    for path in a.rglob("*.annotations.json"):
        assert b"<<<<<<<" not in path.read_bytes() and b">>>>>>>" not in path.read_bytes()
    bridge = annotations(bridge_a)
    assert set(bridge) == {shared, mine, theirs}  # the delete, untouched elsewhere, holds
    note = bridge[shared].note
    assert note.split(NOTE_SEPARATOR) in (
        ["costs: laptop", "costs: desktop"],
        ["costs: desktop", "costs: laptop"],
    )
    assert sorted(bridge[shared].tags) == ["budget", "money"]
    assert bridge[mine].note == "date" and bridge[theirs].note == "risk"
    harbour = annotations(harbour_a)
    assert set(harbour) == {disputed, other}  # the edit wins over the delete
    assert harbour[disputed].note == "why? asked twice"
    assert git(a, "status", "--porcelain").stdout == ""
    assert git(b, "status", "--porcelain").stdout == ""


def test_plain_git_pull_merges_sidecars_with_the_driver(tmp_path: Path) -> None:
    remote = bare_remote(tmp_path)
    a = make_library(tmp_path / "a")
    sync_library(a, init_remote=str(remote))
    b = tmp_path / "b"
    git(tmp_path, "clone", "--quiet", str(remote), str(b))
    sync_library(b)  # registers the driver in this clone
    highlight(a / "bridge.txt", "Critics said the cost estimate was too low.", note="from a")
    sync_library(a)
    highlight(b / "bridge.txt", "The mayor said the bridge would open in 2027.", note="from b")
    git(b, "add", "-A")
    git(b, "commit", "--quiet", "-m", "by hand")
    pulled = git(b, "pull", "--quiet", "--no-rebase", "--no-edit", check=False)
    assert pulled.returncode == 0, pulled.stderr
    notes = sorted(a.note for a in annotations(b / "bridge.txt").values())
    assert notes == ["from a", "from b"]
    assert b"<<<<<<<" not in (b / "bridge.txt.annotations.json").read_bytes()


def test_reading_state_locks_and_temp_files_are_never_committed(tmp_path: Path) -> None:
    remote = bare_remote(tmp_path)
    a = make_library(tmp_path / "a")
    highlight(a / "bridge.txt", "Critics said the cost estimate was too low.")
    (a / ".feeds-state.json").write_text("{}", encoding="utf-8")
    (a / "bridge.notes.md").write_text("# notes", encoding="utf-8")
    (a / ".bridge.txt.annotations.json.tmp-1-2").write_text("x", encoding="utf-8")
    (a / "feeds.toml").write_text("", encoding="utf-8")
    (a / ".revisions" / "bridge.txt").mkdir(parents=True)
    (a / ".revisions" / "bridge.txt" / "2026-01-01T00-00-00Z.md").write_text("old", "utf-8")
    result = sync_library(a, init_remote=str(remote))
    assert result.committed is not None and "1 highlight" in result.committed
    tracked = set(git(a, "ls-files").stdout.split())
    assert tracked == {
        ".gitattributes",
        ".gitignore",
        "bridge.txt",
        "bridge.txt.annotations.json",
        "feeds.toml",
        "harbour.txt",
        ".revisions/bridge.txt/2026-01-01T00-00-00Z.md",
    }
    attributes = (a / ".gitattributes").read_text(encoding="utf-8")
    assert "*.annotations.json merge=margin-reader" in attributes
    # Every export format's file is ignored, so `git status` does not list it as untracked.
    for name in ("bridge.txt.dossier.md", "bridge.txt.claimreview.json", "library.dossier.md"):
        (a / name).write_text("exported", encoding="utf-8")
    (a / "bridge.txt.annotations.w3c.json").write_text("{}", encoding="utf-8")
    assert git(a, "status", "--porcelain", "--untracked-files=all").stdout == ""
    driver = git(a, "config", "--get", "merge.margin-reader.driver").stdout
    assert "merge-sidecar %O %A %B %P" in driver

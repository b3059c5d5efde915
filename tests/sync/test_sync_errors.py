"""`reader sync` failures: one line on stderr, exit status 2, nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from sync_fixtures import ARTICLES, bare_remote, git, highlight, make_library, needs_git, two_clones

from reader.cli import main
from reader.sync.sync import sync_library

pytestmark = [needs_git, pytest.mark.usefixtures("git_env")]


def _fails(capsys: pytest.CaptureFixture[str], library: Path, *words: str) -> str:
    assert main(["sync", "--library", str(library)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("reader: error: ")
    for word in words:
        assert word in err
    return err


def test_not_a_repository(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    library = make_library(tmp_path / "lib")
    _fails(capsys, library, "is not a git repository", "reader sync --init")


def test_no_remote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    library = make_library(tmp_path / "lib")
    git(library, "init", "--quiet")
    _fails(capsys, library, "has no remote", "git remote add")


def test_unreachable_remote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    library = make_library(tmp_path / "lib")
    git(library, "init", "--quiet")
    missing = tmp_path / "gone.git"
    git(library, "remote", "add", "origin", str(missing))
    err = _fails(capsys, library, "cannot reach the remote origin", str(missing))
    assert "\x1b" not in err
    # What changed is committed locally all the same: nothing is lost.
    assert git(library, "log", "--oneline").stdout.count("\n") == 1


def test_a_conflicting_article_is_left_as_git_leaves_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    remote, a, b = two_clones(tmp_path)
    for clone, word in ((a, "laptop"), (b, "desktop")):
        (clone / "harbour.txt").write_text(ARTICLES["harbour.txt"] + word + "\n", "utf-8")
        highlight(clone / "bridge.txt", "Critics said the cost estimate was too low.", note=word)
    sync_library(a)
    err = _fails(capsys, b, "merge conflict in harbour.txt", "git status")
    assert "bridge.txt.annotations.json" not in err  # merged by the driver
    assert "<<<<<<<" in (b / "harbour.txt").read_text("utf-8")
    sidecar = (b / "bridge.txt.annotations.json").read_bytes()
    assert b"<<<<<<<" not in sidecar and b"laptop" in sidecar and b"desktop" in sidecar
    # Still unresolved: the next sync says so again, and touches nothing.
    _fails(capsys, b, "merge conflict in harbour.txt")
    # Resolved by the user: the next sync concludes the merge and sends it.
    (b / "harbour.txt").write_text(ARTICLES["harbour.txt"], "utf-8")
    git(b, "add", "harbour.txt")
    assert main(["sync", "--library", str(b)]) == 0
    assert "sent" in capsys.readouterr().out
    assert git(b, "status", "--porcelain").stdout == ""


def test_init_refuses_another_remote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    remote = bare_remote(tmp_path)
    a = make_library(tmp_path / "a")
    sync_library(a, init_remote=str(remote))
    assert main(["sync", "--init", str(tmp_path / "other.git"), "--library", str(a)]) == 2
    assert "already syncs with origin" in capsys.readouterr().err


def test_summary_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    remote = bare_remote(tmp_path)
    a = make_library(tmp_path / "a")
    assert main(["sync", "--init", str(remote), "--library", str(a)]) == 0
    out, err = capsys.readouterr()
    assert out == "sent 1, received 0, merged 0 sidecars\n" and err == ""
    assert main(["sync", "--library", str(a)]) == 0
    assert capsys.readouterr().out == "sent 0, received 0, merged 0 sidecars\n"


def test_sync_merges_a_conflict_copy_before_committing(tmp_path: Path) -> None:
    remote = bare_remote(tmp_path)
    a = make_library(tmp_path / "a")
    article = a / "bridge.txt"
    highlight(article, "Critics said the cost estimate was too low.", note="here")
    copy = a / "bridge.txt.annotations (conflicted copy).json"
    copy.write_bytes((a / "bridge.txt.annotations.json").read_bytes())
    highlight(article, "The mayor said the bridge would open in 2027.", note="also here")
    (a / "bridge.txt.annotations.json").replace(tmp_path / "newer.json")
    copy.replace(a / "bridge.txt.annotations.json")
    (tmp_path / "newer.json").replace(copy)  # the copy holds the newer highlight
    result = sync_library(a, init_remote=str(remote))
    assert result.copies == 1 and not copy.exists()
    committed = git(a, "show", "HEAD:bridge.txt.annotations.json").stdout
    assert "also here" in committed and "conflicted copy" not in git(a, "ls-files").stdout


def test_init_with_an_unreachable_remote_sets_nothing_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = make_library(tmp_path / "lib")
    before = sorted(p.name for p in library.iterdir())
    missing = tmp_path / "typo.git"
    argv = ["sync", "--init", str(missing), "--library", str(library)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("reader: error: ") and str(missing) in err
    assert sorted(p.name for p in library.iterdir()) == before  # no .git, no .gitignore
    # so --init with the remote meant succeeds
    remote = bare_remote(tmp_path)
    assert main(["sync", "--init", str(remote), "--library", str(library)]) == 0


def test_init_joins_into_a_folder_it_makes(tmp_path: Path) -> None:
    remote = bare_remote(tmp_path)
    a = make_library(tmp_path / "a")
    sync_library(a, init_remote=str(remote))
    joined = tmp_path / "news"  # a second machine, no library folder yet
    assert main(["sync", "--init", str(remote), "--library", str(joined)]) == 0
    assert (joined / "harbour.txt").read_text("utf-8") == ARTICLES["harbour.txt"]


def test_init_with_an_unreachable_remote_makes_no_folder(tmp_path: Path) -> None:
    joined = tmp_path / "news"
    assert main(["sync", "--init", str(tmp_path / "typo.git"), "--library", str(joined)]) == 2
    assert not joined.exists()

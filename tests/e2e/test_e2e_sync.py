"""Syncing in a real terminal: palette -> Sync in a library that is a git repository."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]

ARTICLE = (
    "Harbour dredging delayed again\n\n"
    "The port authority said dredging would start in spring. Fishermen said the delay costs "
    "them money.\n"
)


def _git_env(tmp_path: Path) -> dict[str, str]:
    config = tmp_path / "gitconfig"
    config.write_text("", encoding="utf-8")
    env = {"GIT_CONFIG_GLOBAL": str(config), "GIT_CONFIG_NOSYSTEM": "1"}
    for who in ("AUTHOR", "COMMITTER"):
        env[f"GIT_{who}_NAME"] = "Test Reader"
        env[f"GIT_{who}_EMAIL"] = "reader@example.com"
    return env


def _run(argv: list[str], env: dict[str, str], cwd: Path) -> str:
    import os

    done = subprocess.run(
        argv, cwd=cwd, env={**os.environ, **env}, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_palette_sync_shows_the_result(reader_session, tmp_path: Path) -> None:
    env = _git_env(tmp_path)
    remote = tmp_path / "remote.git"
    _run(["git", "init", "--quiet", "--bare", str(remote)], env, tmp_path)
    library = tmp_path / "news"
    library.mkdir()
    (library / "harbour.txt").write_text(ARTICLE, encoding="utf-8")
    python = shutil.which("python") or "python3"
    _run([python, "-m", "reader", "sync", "--init", str(remote), "--library", str(library)],
         env, tmp_path)  # fmt: skip
    (library / "second.txt").write_text(ARTICLE.replace("Harbour", "Second"), "utf-8")
    with reader_session([library / "harbour.txt"], env=env) as s:
        s.wait_for("Harbour dredging delayed again")
        s.wait_for("sync: 1 unsent")
        s.press("C-p")
        s.wait_for("Search for commands")
        s.type("Sync")
        s.wait_for("Send and receive")
        s.press("Enter")
        s.wait_for("Synced: sent 1, received 0, merged 0 sidecars")
        s.wait_for("sync: clean")
    shown = _run(["git", "--git-dir", str(remote), "ls-tree", "--name-only", "HEAD"], env, tmp_path)
    assert "second.txt" in shown.split()

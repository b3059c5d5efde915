"""Helpers for the sync tests: libraries, clones of one bare repository, annotating."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from reader.annotations.sidecar import sidecar_path_for
from reader.annotations.store import AnnotationStore
from reader.document.loader import load_document

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

ARTICLES = {
    "bridge.txt": (
        "Council approves new bridge budget\n\n"
        "The city council voted 7-2 on Tuesday to approve the budget. Critics said the cost "
        "estimate was too low. The mayor said the bridge would open in 2027.\n\n"
        "Engineers warned that the river bed is unstable. The council did not discuss it.\n"
    ),
    "harbour.txt": (
        "Harbour dredging delayed again\n\n"
        "The port authority said dredging would start in spring. Fishermen said the delay "
        "costs them money. A spokesman declined to give a date.\n"
    ),
}


def git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=check, timeout=60
    )


def make_library(folder: Path, articles: dict[str, str] = ARTICLES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def bare_remote(tmp_path: Path, name: str = "remote.git") -> Path:
    remote = tmp_path / name
    git(tmp_path, "init", "--quiet", "--bare", str(remote))
    return remote


def two_clones(tmp_path: Path) -> tuple[Path, Path, Path]:
    """(remote, a, b): a library `a` synced to a bare remote, and `b` joined from it."""
    from reader.sync.sync import sync_library

    remote = bare_remote(tmp_path)
    a = make_library(tmp_path / "a")
    sync_library(a, init_remote=str(remote))
    b = tmp_path / "b"
    b.mkdir()
    sync_library(b, init_remote=str(remote))
    sync_library(a)
    return remote, a, b


def isolate_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No global or system git config; an identity from the environment."""
    config = tmp_path / "gitconfig"
    config.write_text("", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", "Test Reader")
        monkeypatch.setenv(f"GIT_{who}_EMAIL", "reader@example.com")
    monkeypatch.delenv("GIT_DIR", raising=False)
    monkeypatch.delenv("GIT_WORK_TREE", raising=False)


def open_store(path: Path) -> AnnotationStore:
    return AnnotationStore.open(load_document(path))


def span(path: Path, quote: str) -> tuple[int, int]:
    text = load_document(path).text
    start = text.index(quote)
    return start, start + len(quote)


def highlight(path: Path, quote: str, note: str = "", tags: tuple[str, ...] = ()) -> str:
    store = open_store(path)
    try:
        return store.add(*span(path, quote), note=note, tags=list(tags)).id
    finally:
        store.close()


def edit(path: Path, id: str, **fields: object) -> None:
    store = open_store(path)
    try:
        store.update(id, **fields)
    finally:
        store.close()


def delete(path: Path, id: str) -> None:
    store = open_store(path)
    try:
        store.delete(id)
    finally:
        store.close()


def annotations(path: Path) -> dict[str, object]:
    """{id: annotation} as the store reads the article's sidecar."""
    store = AnnotationStore.open(load_document(path), read_only=True)
    try:
        return {a.id: a for a in store.annotations}
    finally:
        store.close()


def sidecar_bytes(path: Path) -> bytes:
    return sidecar_path_for(path).read_bytes()


def all_files(folder: Path) -> dict[str, bytes]:
    """Every file of a work tree (.git left out), by relative path."""
    out = {}
    for dirpath, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if d != ".git"]
        for name in files:
            p = Path(dirpath, name)
            out[p.relative_to(folder).as_posix()] = p.read_bytes()
    return out

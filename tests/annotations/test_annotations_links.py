"""Symlinks and modes: a lock symlink is never followed, a sidecar symlink is written
through (the link kept), a sidecar keeps its permission bits."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from reader.annotations.store import AnnotationStore

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")


def sidecar_of(document) -> Path:
    return Path(f"{document.path}.annotations.json")


def notes_in(path: Path) -> list[str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return sorted(record["note"] for record in data["annotations"].values())


def test_a_dangling_lock_symlink_is_refused_never_followed(article, open_store, tmp_path):
    elsewhere = tmp_path / "elsewhere" / "planted"
    elsewhere.parent.mkdir()
    Path(f"{sidecar_of(article)}.lock").symlink_to(elsewhere)
    store = open_store(article)
    store.add(0, 7)
    store.flush(timeout=1)
    assert store.unsaved and "lock is a symbolic link" in store.save_failure
    assert not elsewhere.exists() and not sidecar_of(article).exists()


def test_a_symlinked_sidecar_is_written_through_and_stays_a_link(article, tmp_path):
    real = tmp_path / "synced" / "story-notes.json"
    real.parent.mkdir()
    first = AnnotationStore.open(article)
    first.add(0, 7, note="one")
    first.close()
    sidecar_of(article).rename(real)
    sidecar_of(article).symlink_to(real)
    store = AnnotationStore.open(article)
    assert [a.note for a in store.annotations] == ["one"]
    store.add(10, 20, note="two")
    store.close()
    assert not store.unsaved and sidecar_of(article).is_symlink()
    assert notes_in(real) == ["one", "two"]
    assert not [p for p in real.parent.iterdir() if ".tmp-" in p.name]


def test_a_sidecar_symlink_to_nothing_is_not_followed_to_create_a_file(article, tmp_path):
    missing = tmp_path / "nowhere" / "notes.json"
    sidecar_of(article).symlink_to(missing)
    store = AnnotationStore.open(article)
    store.add(0, 7)
    store.close(timeout=1)
    assert store.unsaved and "symbolic link to a missing file" in store.save_failure
    assert not missing.parent.exists()


@pytest.mark.parametrize("mode", [0o600, 0o444, 0o640])
def test_the_sidecar_keeps_its_mode_on_rewrite(article, mode):
    store = AnnotationStore.open(article)
    store.add(0, 7, note="one")
    store.close()
    sidecar_of(article).chmod(mode)
    store = AnnotationStore.open(article)
    store.add(10, 20, note="two")
    store.close()
    if store.unsaved:  # a 0444 file in a writable folder can be replaced by anyone
        pytest.fail(store.warning)
    assert stat.S_IMODE(sidecar_of(article).stat().st_mode) == mode
    assert notes_in(sidecar_of(article)) == ["one", "two"]

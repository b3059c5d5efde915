"""Odd files where a sidecar or its lock should be: refused in one line, never a hang."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from reader.annotations import locks as locks_module
from reader.annotations.store import AnnotationStore
from reader.cli import main

ROOT = Path(__file__).resolve().parents[2]


def sidecar_of(document) -> Path:
    return Path(f"{document.path}.annotations.json")


def open_bounded(document) -> AnnotationStore:
    """AnnotationStore.open in a thread: a hang fails the test instead of freezing it."""
    box: list[AnnotationStore] = []
    thread = threading.Thread(target=lambda: box.append(AnnotationStore.open(document)))
    thread.daemon = True
    thread.start()
    thread.join(timeout=20)
    assert not thread.is_alive(), "opening the store hung"
    return box[0]


def run_verb(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", *argv],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def saved_store(document, note: str = "kept") -> bytes:
    store = AnnotationStore.open(document)
    store.add(0, 7, note=note)
    store.close()
    return sidecar_of(document).read_bytes()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_sidecar_is_refused_by_the_store_and_the_verbs(article):
    os.mkfifo(sidecar_of(article))
    store = open_bounded(article)
    try:
        assert store.problem and "not a regular file (a FIFO)" in store.problem
    finally:
        store.close()
    for argv in (
        ("annotations", article.path),
        ("annotate", article.path, "--quote", "The city council"),
    ):
        result = run_verb(*argv)
        assert result.returncode == 2, result
        assert result.stderr.count("\n") == 1 and "not a regular file" in result.stderr


def test_a_sidecar_starting_with_a_utf8_bom_is_read(article):
    raw = saved_store(article)
    sidecar_of(article).write_bytes(codecs.BOM_UTF8 + raw)
    store = open_bounded(article)
    try:
        assert store.problem is None and [a.note for a in store.annotations] == ["kept"]
    finally:
        store.close()


@pytest.mark.parametrize(
    "value, expected",
    [
        ("1" * 5000, "a number with too many digits"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
    ids=["5000-digits", "deep-nesting"],
)
def test_numbers_too_long_and_nesting_too_deep_are_one_line(article, capsys, value, expected):
    raw = saved_store(article).decode("utf-8")
    sidecar_of(article).write_text(raw.replace('"note": "kept"', f'"note": {value}'))
    store = open_bounded(article)
    try:
        assert store.problem and expected in store.problem
    finally:
        store.close()
    assert main(["annotations", article.path]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and expected in err


def test_a_position_of_superscript_digits_never_crashes(article):
    raw = saved_store(article)
    data = json.loads(raw)
    (record,) = data["annotations"].values()
    record["target"]["selector"][1]["start"] = "²"
    sidecar_of(article).write_text(json.dumps(data), encoding="utf-8")
    store = open_bounded(article)
    try:
        assert store.problem is None
        (ann,) = store.annotations  # re-anchored by its quote
        assert (ann.start, ann.end, ann.orphaned) == (0, 7, False)
    finally:
        store.close()


def test_a_lock_that_is_a_folder_is_named(article, open_store):
    Path(f"{sidecar_of(article)}.lock").mkdir()
    store = open_store(article)
    store.add(0, 7)
    store.flush(timeout=1)
    assert store.unsaved and "annotations.json.lock is a folder" in store.save_failure
    assert "read-only" not in store.warning


def test_a_lock_that_cannot_be_opened_in_a_writable_folder_is_not_called_read_only(
    article, open_store, monkeypatch
):
    def refuse(path):  # a lock of mode 000, or owned by root, for a normal user
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(locks_module, "open_lock", refuse)
    store = open_store(article)
    store.add(0, 7)
    store.flush(timeout=1)
    assert store.unsaved and "annotations.json.lock: permission denied" in store.save_failure
    assert "read-only" not in store.warning


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_lock_is_refused_not_hung_on(article, open_store):
    os.mkfifo(f"{sidecar_of(article)}.lock")
    store = open_store(article)
    store.add(0, 7)
    store.flush(timeout=1)
    assert store.unsaved and "not a regular file (a FIFO)" in store.save_failure


def test_a_sidecar_symlink_loop_is_named_as_such(article, tmp_path):
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    sidecar_of(article).symlink_to(loop)
    store = open_bounded(article)
    try:
        assert store.problem and "symbolic link loop" in store.problem
    finally:
        store.close()

"""A real read-only file system (a read-only bind mount in a user + mount namespace): the
store keeps changes in memory and says so; the verbs say nothing was saved and exit 2."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from annotation_fixtures import ARTICLE

ROOT = Path(__file__).resolve().parents[2]
MOUNT = 'mount --bind "$1" "$2" && mount -o remount,bind,ro "$2" && shift 2 && exec "$@"'

STORE_SNIPPET = """
import json, sys
from reader.annotations.store import AnnotationStore
from reader.document.loader import load_document
store = AnnotationStore.open(load_document(sys.argv[1]))
ann = store.add(0, 7, note="in memory")
store.flush(timeout=2)
print(json.dumps({"unsaved": store.unsaved, "warning": store.warning,
                  "kept": [a.note for a in store.annotations]}))
store.close(timeout=0)
"""


def read_only_run(source: Path, mountpoint: Path, *command: str) -> subprocess.CompletedProcess:
    """Run `command` with `source` mounted read-only at `mountpoint`."""
    return subprocess.run(
        ["unshare", "-r", "-m", "sh", "-c", MOUNT, "sh", str(source), str(mountpoint), *command],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


@pytest.fixture
def read_only(tmp_path: Path):
    """(a runner, the article's path as the runner sees it, read-only)."""
    if shutil.which("unshare") is None:
        pytest.skip("no unshare(1): cannot make a read-only mount without root")
    source, mountpoint = tmp_path / "rw", tmp_path / "ro"
    source.mkdir()
    mountpoint.mkdir()
    (source / "story.txt").write_text(ARTICLE, encoding="utf-8")
    probe = read_only_run(source, mountpoint, "touch", str(mountpoint / "probe"))
    if "Read-only file system" not in probe.stderr:
        pytest.skip(f"user and mount namespaces unavailable here: {probe.stderr.strip()}")

    def run(*command: str) -> subprocess.CompletedProcess:
        return read_only_run(source, mountpoint, *command)

    yield run, mountpoint / "story.txt"
    assert sorted(p.name for p in source.iterdir()) == ["story.txt"]  # nothing written


def test_the_store_on_a_read_only_mount_keeps_changes_in_memory(read_only):
    run, article = read_only
    result = run(sys.executable, "-c", STORE_SNIPPET, str(article))
    assert result.returncode == 0, result.stderr
    state = json.loads(result.stdout)
    assert state["unsaved"] and state["kept"] == ["in memory"]
    assert "read-only file system" in state["warning"]


def test_annotate_on_a_read_only_mount_says_not_saved(read_only):
    run, article = read_only
    result = run(sys.executable, "-m", "reader", "annotate", str(article), "--quote", "The city")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "the annotation was not saved" in result.stderr
    assert "read-only file system" in result.stderr


def test_import_on_a_read_only_mount_says_nothing_was_imported(read_only, tmp_path):
    run, article = read_only
    w3c = tmp_path / "w3c.json"
    selector = {"type": "TextQuoteSelector", "exact": "The city council"}
    w3c.write_text(json.dumps([{"type": "Annotation", "target": {"selector": selector}}]))
    result = run(sys.executable, "-m", "reader", "import", str(article), str(w3c))
    assert result.returncode == 2 and "added" not in result.stdout
    assert "the annotations were not saved" in result.stderr

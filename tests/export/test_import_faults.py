"""`reader import` is one transaction and never claims a save that did not happen."""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.annotations import sidecar as sidecar_module
from reader.cli import main

ROOT = Path(__file__).resolve().parents[2]


def write_import(folder: Path, count: int) -> tuple[Path, Path]:
    """An article of `count` distinct sentences and a W3C file highlighting each one."""
    lines = [f"Sentence number {i:05d} says something new." for i in range(count)]
    text = "Title\n\n" + "\n\n".join(lines) + "\n"
    article = folder / "story.txt"
    article.write_text(text, encoding="utf-8")
    items = []
    for line in lines:
        start = text.index(line)
        selectors = [
            {"type": "TextQuoteSelector", "exact": line},
            {"type": "TextPositionSelector", "start": start, "end": start + len(line)},
        ]
        items.append({"type": "Annotation", "target": {"selector": selectors}})
    w3c = folder / "w3c.json"
    w3c.write_text(json.dumps(items), encoding="utf-8")
    return article, w3c


def stored(article: Path) -> int:
    sidecar = Path(f"{article}.annotations.json")
    if not sidecar.exists():
        return 0
    return len(json.loads(sidecar.read_text(encoding="utf-8"))["annotations"])


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_import_that_cannot_save_says_so_and_exits_2(tmp_path, capsys, monkeypatch, code):
    article, w3c = write_import(tmp_path, 3)

    def refuse(path, data):
        raise OSError(code, os.strerror(code), str(path))

    monkeypatch.setattr(sidecar_module, "write_atomic", refuse)
    status = main(["import", str(article), str(w3c)])
    out, err = capsys.readouterr()
    assert status == 2 and "added" not in out
    assert err.count("\n") == 1 and "the annotations were not saved" in err
    assert ("disk is full" if code == errno.ENOSPC else "read-only file system") in err
    assert stored(article) == 0


def test_import_writes_the_sidecar_once(tmp_path, capsys, monkeypatch):
    article, w3c = write_import(tmp_path, 400)
    writes: list[int] = []
    real = sidecar_module.write_atomic

    def counting(path, data):
        writes.append(len(json.loads(data)["annotations"]))
        return real(path, data)

    monkeypatch.setattr(sidecar_module, "write_atomic", counting)
    monkeypatch.setattr("reader.annotations.saver.MAX_DELAY_SECONDS", 0.0)  # eager writer
    assert main(["import", str(article), str(w3c)]) == 0
    assert capsys.readouterr().out == "added 400, matched 0, orphaned 0\n"
    assert writes == [400]  # no partial file was ever written


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_import_killed_at_random_moments_leaves_all_or_nothing(tmp_path):
    count = 5000
    article, w3c = write_import(tmp_path, count)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "reader", "import", str(article), str(w3c)]
    rng = random.Random(13)
    seen = []
    for _ in range(12):
        Path(f"{article}.annotations.json").unlink(missing_ok=True)
        child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, 3.0))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
        seen.append(stored(article))
    assert set(seen) <= {0, count}, seen
    print(f"stored after each kill: {seen}")

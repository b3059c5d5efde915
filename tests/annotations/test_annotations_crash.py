"""Fault injection: SIGKILL a writer at random moments; two writers at once on one article."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from annotation_fixtures import ARTICLE, make_document

from reader.annotations.store import AnnotationStore

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def test_sigkill_at_50_random_moments_never_loses_a_flushed_write(tmp_path):
    article = make_document(tmp_path / "story.txt", ARTICLE * 4)
    result = subprocess.run(
        [sys.executable, str(HERE / "annotation_crash_driver.py"), article.path, "50", "7"],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    rounds = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rounds) == 50
    for r in rounds:
        assert r["error"] is None, r
        assert r["missing"] == [], r
    assert sum(r["reported"] for r in rounds) > 0
    print(
        f"{sum(r['reported'] for r in rounds)} flushed writes reported, "
        f"{sum(r['killed_mid_write'] for r in rounds)} kills during a write, "
        f"{rounds[-1]['stored']} annotations stored"
    )
    # The survivor opens cleanly and its next save clears the killed writers' temp files.
    store = AnnotationStore.open(article)
    assert store.problem is None and len(store.annotations) == rounds[-1]["stored"]
    # A change that always saves (an `add` of a range some child stored already would not).
    store.set_article_note("written by the survivor")
    store.close()
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]


def test_two_processes_adding_200_each_end_with_400(tmp_path):
    article = make_document(tmp_path / "story.txt", ARTICLE * 4)
    children = [
        subprocess.Popen(
            [
                sys.executable,
                str(HERE / "annotation_writer_child.py"),
                article.path,
                label,
                "200",
                str(parity),
                "10",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=child_env(),
        )
        for parity, label in enumerate(("left", "right"))
    ]
    reported: list[str] = []
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        lines = out.splitlines()
        assert lines[0] == "ready"
        assert len(lines[1:]) == 200
        reported += lines[1:]
    data = json.loads(Path(article.path + ".annotations.json").read_text())
    stored = [rec["id"] for rec in data["annotations"].values()]
    assert len(stored) == 400 and set(stored) == set(reported)
    tags = sorted(rec["tags"][0] for rec in data["annotations"].values())
    assert tags.count("left") == 200 and tags.count("right") == 200

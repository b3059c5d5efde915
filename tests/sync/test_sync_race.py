"""A push that races another machine's is tried once more, and both changes arrive."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sync_fixtures import (
    annotations,
    git,
    highlight,
    needs_git,
    two_clones,
)

from reader.sync import sync as sync_module
from reader.sync.sync import SyncResult, sync_library

pytestmark = [needs_git, pytest.mark.usefixtures("git_env")]


def _on_remote(remote: Path, path: str) -> str:
    return git(remote, "show", f"HEAD:{path}").stdout


def test_two_syncs_at_once_both_arrive(tmp_path: Path) -> None:
    remote, a, b = two_clones(tmp_path)
    highlight(a / "bridge.txt", "Critics said the cost estimate was too low.", note="from a")
    highlight(b / "harbour.txt", "Fishermen said the delay costs them money.", note="from b")
    start = threading.Barrier(2)
    results: dict[str, SyncResult | BaseException] = {}

    def run(name: str, library: Path) -> None:
        start.wait()
        try:
            results[name] = sync_library(library)
        except BaseException as error:  # reported by the assertion below
            results[name] = error

    threads = [threading.Thread(target=run, args=x) for x in (("a", a), ("b", b))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert all(isinstance(r, SyncResult) for r in results.values()), results
    assert "from a" in _on_remote(remote, "bridge.txt.annotations.json")
    assert "from b" in _on_remote(remote, "harbour.txt.annotations.json")


def test_a_lost_push_race_is_retried_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    remote, a, b = two_clones(tmp_path)
    highlight(a / "bridge.txt", "Critics said the cost estimate was too low.", note="from a")
    highlight(b / "bridge.txt", "The mayor said the bridge would open in 2027.", note="from b")
    fetch = sync_module.Library.fetch
    calls = []

    def fetch_then_b_pushes(self, remote_name: str, branch: str) -> None:
        fetch(self, remote_name, branch)
        calls.append(self.library)
        if len(calls) == 1:  # b sends its change between a's fetch and a's push
            sync_library(b)

    monkeypatch.setattr(sync_module.Library, "fetch", fetch_then_b_pushes)
    result = sync_library(a)
    assert calls.count(a.resolve()) == 2  # fetched again after the rejected push
    assert result.received >= 1 and result.merged == 1
    notes = sorted(x.note for x in annotations(a / "bridge.txt").values())
    assert notes == ["from a", "from b"]
    on_remote = _on_remote(remote, "bridge.txt.annotations.json")
    assert "from a" in on_remote and "from b" in on_remote

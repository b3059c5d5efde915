"""The reader is gone within 2 s of losing its terminal, and keeps what was highlighted.

Runs `bench/hangup.py` (the same stress run as the bench's 100, fewer times): the installed
`reader` in private tmux servers, its terminal taken away at random moments by killing the
tmux server, killing the session, SIGHUP to an attached tmux client, or SIGHUP to the
reader itself.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from tmux_helper import tmux_path

CHECKOUT = Path(__file__).resolve().parents[2]
RUNS = 32  # 8 of each way of killing, half of them after a highlight (about 40 s)


@pytest.mark.e2e
def test_reader_is_gone_within_2s_of_its_terminal_and_saves_first():
    if tmux_path() is None:
        pytest.skip("tmux is not installed")
    proc = subprocess.run(
        [sys.executable, str(CHECKOUT / "bench" / "hangup.py"), "--runs", str(RUNS), "--json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    runs = json.loads(proc.stdout)
    assert len(runs) == RUNS
    problems = [run for run in runs if run["error"]]
    assert not problems, problems
    left = [run for run in runs if run["killed"] or run["gone_after"] is None]
    assert not left, f"still running 2 s after the terminal went (SIGKILLed): {left}"
    assert max(run["gone_after"] for run in runs) <= 2.0
    highlighted = [run for run in runs if run["annotated"]]
    assert len(highlighted) == RUNS // 2 and all(run["painted"] for run in highlighted)
    lost = [run for run in highlighted if run["saved"] != 1]
    assert not lost, f"a highlight made before the terminal went was not saved: {lost}"
    assert {run["mode"] for run in runs} == {
        "kill-server",
        "kill-session",
        "sighup-client",
        "sighup-reader",
    }
    assert proc.returncode == 0, proc.stderr[-2000:]

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
        timeout=600,  # the runs wait generously for the reader before each kill
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


class SlowToLoad:
    """A stand-in for the bench's tmux server: the claims pane says "No highlights yet"
    (drawn with the pane) for a while before the annotations are loaded and its title
    counts them; `h` pressed before that is refused ("Loading the annotations…")."""

    def __init__(self, loaded_after: int) -> None:
        self.looks = 0
        self.loaded_after = loaded_after
        self.keys: list[str] = []

    def screen(self, styles: bool = False) -> str:
        self.looks += 1
        loaded = self.looks > self.loaded_after
        if loaded and self.keys == ["h"]:
            return "Claims  C1 E0 Q0 D0 K0\nUS Links Security Guarantees"
        title = "Claims  C0 E0 Q0 D0 K0" if loaded else "Claims"
        return f"{title}\nNo highlights yet\nUS Links Security Guarantees"

    def tmux(self, *args: str, check: bool = True) -> str:
        if args[0] == "send-keys":
            loaded = self.looks > self.loaded_after
            self.keys.append(args[-1] if loaded else "refused")
        return ""


def test_the_stress_run_highlights_only_once_the_annotations_are_loaded():
    """On a busy machine the annotations load well after the first paint: the run presses
    `h` once the claims pane counts them, not when it first says "No highlights yet" (a
    refused `h` failed the run: the highlight it waited for never came)."""
    sys.path.insert(0, str(CHECKOUT / "bench"))
    import hangup

    server = SlowToLoad(loaded_after=20)
    hangup.highlight(server)
    assert server.keys == ["h"]

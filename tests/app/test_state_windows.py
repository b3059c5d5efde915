"""Two windows share one state.json: a save merges with what the other window wrote (per
article, the newest change wins; each preference from the window that last changed it)."""

from __future__ import annotations

import json
import subprocess
import sys
import time

from reader.state import ReadingState


def _two_windows(path):
    return ReadingState.load(path), ReadingState.load(path)


def test_the_window_that_quits_last_keeps_the_other_windows_positions(tmp_path):
    path = tmp_path / "state.json"
    one, two = _two_windows(path)
    one.remember(tmp_path / "rust.md", "r", 120, 100.0)
    one.set_theme("nord")
    assert one.save()
    two.remember(tmp_path / "moby.txt", "m", 40_000, 35.0)
    two.set_measure(90)
    assert two.save()
    merged = ReadingState.load(path)
    assert merged.position(tmp_path / "rust.md", "r") == 120
    assert merged.progress((tmp_path / "rust.md").resolve()) == 100.0  # still read
    assert merged.position(tmp_path / "moby.txt", "m") == 40_000
    assert (merged.theme, merged.measure) == ("nord", 90)
    assert two.theme == "nord"  # the window that saved now knows the other's choice


def test_the_newest_change_of_one_article_wins(tmp_path):
    path = tmp_path / "state.json"
    first = ReadingState(path)
    first.remember(tmp_path / "a.txt", "a", 10, 5.0)
    first.save()
    one, two = _two_windows(path)
    two.remember(tmp_path / "a.txt", "a", 30, 15.0)  # two moves on first...
    time.sleep(0.01)
    one.remember(tmp_path / "a.txt", "a", 50, 25.0)  # ...then one, later
    one.save()
    two.save()  # saved last, but its change is the older one
    assert ReadingState.load(path).position(tmp_path / "a.txt", "a") == 50
    one.remember(tmp_path / "a.txt", "a", 50, 25.0)  # no move: not a change
    time.sleep(0.01)
    two.remember(tmp_path / "a.txt", "a", 70, 35.0)
    two.save()
    one.save(force=True)
    assert ReadingState.load(path).position(tmp_path / "a.txt", "a") == 70


def test_the_theme_is_the_one_chosen_last(tmp_path):
    path = tmp_path / "state.json"
    one, two = _two_windows(path)
    one.set_theme("nord")
    time.sleep(0.01)
    two.set_theme("gruvbox")
    two.save()
    one.save()  # one saves last, but two chose later
    assert ReadingState.load(path).theme == "gruvbox"
    assert one.theme == "gruvbox"
    time.sleep(0.01)
    one.set_theme("solarized-light")
    one.save()
    two.remember(tmp_path / "b.txt", "b", 1, 1.0)
    two.save()
    assert ReadingState.load(path).theme == "solarized-light"
    saved = json.loads(path.read_text())
    assert saved["prefs"]["theme"] == "solarized-light"


def test_a_corrupt_file_met_on_saving_is_set_aside_not_lost(tmp_path):
    path = tmp_path / "state.json"
    state = ReadingState.load(path)
    path.write_text("{not json")
    state.remember(tmp_path / "a.txt", "a", 3, 1.0)
    assert state.save()
    assert ReadingState.load(path).position(tmp_path / "a.txt", "a") == 3
    assert [p.read_text() for p in tmp_path.glob("state.json.corrupt-*")] == ["{not json"]


WRITER = """
import sys
from pathlib import Path
from reader.state import ReadingState
path, name, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
state = ReadingState.load(path)
for i in range(count):
    state.remember(path.parent / f"{name}-{i}.txt", name, i, 50.0)
    assert state.save()
"""


def test_two_processes_saving_at_once_lose_nothing(tmp_path):
    """Two processes each save 40 times, each time one more article: all 80 are kept."""
    path = tmp_path / "state.json"
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), name, "40"])
        for name in ("left", "right")
    ]
    assert [writer.wait(timeout=60) for writer in writers] == [0, 0]
    state = ReadingState.load(path)
    for name in ("left", "right"):
        assert [state.position(tmp_path / f"{name}-{i}.txt", name) for i in range(40)] == list(
            range(40)
        )

"""reader.state (positions, prefs, atomic saves) and reader.sample_library."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader.sample_library import ensure_sample_library, sample_library_dir
from reader.state import ReadingState, default_state_path

REPO = Path(__file__).resolve().parents[2]


def test_default_paths_follow_platformdirs(isolated_user_dirs):
    assert default_state_path() == isolated_user_dirs / "state" / "margin-reader" / "state.json"
    assert sample_library_dir() == isolated_user_dirs / "data" / "margin-reader" / "library"


def test_position_round_trip_and_content_check(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("x")
    path = tmp_path / "state" / "state.json"
    state = ReadingState(path)
    state.remember(article, "sha-1", 120, 42.5)
    state.set_measure(84)
    state.set_theme("gruvbox")
    assert state.save()
    again = ReadingState.load(path)
    assert again.position(article, "sha-1") == 120
    assert again.position(tmp_path / "." / "a.txt", "sha-1") == 120  # same resolved path
    assert again.position(article, "other-content") is None  # file changed: start at the top
    assert again.progress(article) == 42.5
    assert again.progress(tmp_path / "never.txt") is None
    assert (again.measure, again.theme) == (84, "gruvbox")
    assert [p.name for p in path.parent.iterdir()] == ["state.json"]  # no temp files left


def test_measure_is_clamped_and_bad_values_ignored(tmp_path):
    path = tmp_path / "state.json"
    path.write_text(
        json.dumps(
            {
                "prefs": {"measure": 500, "theme": 3},
                "positions": {
                    "/x": {"sha256": "s", "offset": "bad"},
                    "/y": {"sha256": "s", "offset": 5},
                },
            }
        )
    )
    state = ReadingState.load(path)
    assert state.measure == 120 and state.theme is None
    assert state.position("/y", "s") == 5 and "/x" not in state.positions


def test_corrupt_state_is_set_aside_not_fatal(tmp_path):
    path = tmp_path / "state.json"
    path.write_text("{truncated")
    state = ReadingState.load(path)
    assert state.problem and "could not be read" in state.problem
    assert not path.exists()
    assert len(list(tmp_path.glob("state.json.corrupt-*"))) == 1
    state.set_measure(60)
    assert state.save() and json.loads(path.read_text())["prefs"]["measure"] == 60


@pytest.mark.parametrize(
    "content",
    [
        b"[" * 100_000,  # too deep for the JSON parser: RecursionError
        b'{"prefs": {"measure": 80}} \xff',  # not UTF-8
        b"\x00" * 64,
    ],
    ids=["deep", "not utf-8", "nul bytes"],
)
def test_any_state_that_cannot_be_read_is_set_aside(tmp_path, content):
    """Whatever state.json holds, the reader starts (once, with a warning), never raising."""
    path = tmp_path / "state.json"
    path.write_bytes(content)
    state = ReadingState.load(path)
    assert state.problem == f"reading state could not be read (set aside), starting afresh: {path}"
    assert (state.positions, state.measure) == ({}, None)
    assert not path.exists()
    [kept] = tmp_path.glob("state.json.corrupt-*")
    assert kept.read_bytes() == content
    assert ReadingState.load(path).problem is None  # the next start is a clean one


def test_save_failure_is_reported_not_raised(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    state = ReadingState(blocker / "state.json")  # parent is a file: cannot create
    state.set_measure(50)
    assert state.save() is False
    assert state.problem and "cannot save reading state" in state.problem


def test_nothing_written_when_unchanged(tmp_path):
    path = tmp_path / "state.json"
    state = ReadingState(path)
    assert state.save()
    assert not path.exists()


def test_sample_library_copied_once(tmp_path):
    dest = tmp_path / "lib"
    seeds = REPO / "seeds"
    assert ensure_sample_library(dest, seeds) == dest
    names = sorted(p.name for p in dest.iterdir())
    assert names == sorted(p.name for p in seeds.iterdir() if p.suffix in (".txt", ".md"))
    assert "start-here.md" in names  # the tutorial ships beside the news seed
    # The user's own edits are kept: an existing library is not overwritten.
    first = dest / names[0]
    first.write_text("My edited copy\n")
    ensure_sample_library(dest, seeds)
    assert first.read_text() == "My edited copy\n"
    # A library emptied by the user gets the seeds back.
    for p in dest.iterdir():
        os.remove(p)
    ensure_sample_library(dest, seeds)
    assert sorted(p.name for p in dest.iterdir()) == names


def test_a_file_name_that_is_not_utf8_is_remembered(tmp_path):
    """POSIX names are bytes: `bad\\xff\\xfe.txt` reaches Python with surrogate escapes,
    which a UTF-8 JSON writer cannot encode; the position must still save and load."""
    import os

    article = tmp_path / os.fsdecode(b"bad\xff\xfeutf8.txt")
    state = ReadingState(tmp_path / "state.json")
    state.remember(article, "abc", 42, 12.5)
    assert state.save() is True and state.problem is None
    again = ReadingState.load(tmp_path / "state.json")
    assert again.position(article, "abc") == 42


def test_one_position_with_a_number_too_big_costs_only_itself(tmp_path):
    """`"offset": 1e400` (an overflow converting it) set the whole state aside (review)."""
    path = tmp_path / "state.json"
    good = {"sha256": "a" * 64, "offset": 5, "progress": 0.5, "seen": 1.0}
    path.write_text(
        '{"positions": {"good.txt": ' + json.dumps(good) + ', "bad.txt": {"sha256": "b", '
        '"offset": 1e400}}}'
    )
    state = ReadingState.load(path)
    assert state.problem is None
    assert list(state.positions) == ["good.txt"]

"""Fixtures shared by every test: isolated user dirs; and the app and widget tests' helpers.

The suite runs in parallel (pytest-xdist, `addopts` in pyproject.toml). A new test is
parallel-safe when it writes only under its own `tmp_path` (user dirs already point there),
starts servers on port 0 and tmux as `tmux -L <unique name>` (tests/e2e/tmux_helper.py), and
waits on a condition, never a fixed sleep; `python -m pytest -n0` runs it alone to debug.
"""

from __future__ import annotations

import os
import subprocess

import pytest


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path, monkeypatch):
    """Point platformdirs (XDG on Linux) at temp dirs so no real user state leaks in or out,
    nor from one test to another (the library caches, state.json, the config); and forget
    the developer's tmux, so `y` and `o` under a suite run inside tmux never write into its
    paste buffer (tests that want tmux use `tmux_server` and set TMUX to it)."""
    base = tmp_path / "xdg"
    for var, name in (
        ("XDG_STATE_HOME", "state"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        monkeypatch.setenv(var, str(base / name))
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("BROWSER", raising=False)
    monkeypatch.delenv("TMUX", raising=False)
    return base


async def _searched(pilot) -> None:
    """Wait until the search box's typing is searched (it is, after a pause in typing)."""
    from reader.widgets.search_bar import SearchBar

    bar = pilot.app.query_one(SearchBar)
    for _ in range(300):
        if not bar.pending:
            break
        await pilot.pause(0.01)
    assert not bar.pending, "the typed query was never searched"
    await pilot.pause()


@pytest.fixture
def searched():
    """`await searched(pilot)`: wait until what was typed in the `/` box is searched."""
    return _searched


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config) -> int:
    """`-n auto`: two workers per CPU. A pilot test spends most of its time waiting for the
    app to be idle (Textual sleeps to see it), so one worker per CPU leaves them half idle."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return 2 * (cpus or 1)


@pytest.fixture
def tmux_server(tmp_path, isolated_user_dirs):
    """A private tmux server: (the `tmux -S socket` command, the socket); for the copy tests
    (set TMUX to `f"{socket},1,0"` to be inside it: TMUX is unset for every test)."""
    socket = tmp_path / "tmux.sock"
    run = ["tmux", "-S", str(socket)]
    subprocess.run(
        [*run, "-f", "/dev/null", "new-session", "-d", "-x", "80", "-y", "24"], check=True
    )
    yield run, socket
    subprocess.run([*run, "kill-server"], check=False)

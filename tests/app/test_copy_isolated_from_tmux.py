"""A suite run inside tmux must not copy into the developer's tmux paste buffer: the shared
fixture (tests/conftest.py) unsets TMUX, so `y` in a Pilot test reaches no tmux server.
Tests that want tmux start a private one (the `tmux_server` fixture) and point TMUX at it."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from reader.app import ReaderApp

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")


@pytest.fixture(scope="module")
def developers_tmux(tmp_path_factory):
    """Stands in for the developer's tmux: TMUX points at a live server before any test's
    own fixtures run (a module fixture is set up before function fixtures)."""
    socket = tmp_path_factory.mktemp("devtmux") / "tmux.sock"
    run = ["tmux", "-S", str(socket)]
    env = {k: v for k, v in os.environ.items() if k != "TMUX"}
    subprocess.run([*run, "-f", "/dev/null", "new-session", "-d"], check=True, env=env)
    before = os.environ.get("TMUX")
    os.environ["TMUX"] = f"{socket},1,0"
    yield run
    if before is None:
        os.environ.pop("TMUX", None)
    else:
        os.environ["TMUX"] = before
    subprocess.run([*run, "kill-server"], check=False, env=env)


async def test_y_in_a_pilot_test_leaves_the_developers_tmux_buffer_alone(
    developers_tmux, seed_library, settle
):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("j", "j", "y")
        await pilot.pause()
    buffers = subprocess.run(
        [*developers_tmux, "list-buffers"], capture_output=True, text=True, check=False
    ).stdout
    assert buffers == ""


def test_a_private_tmux_server_is_still_there_when_asked_for(tmux_server, developers_tmux):
    run, socket = tmux_server
    assert "TMUX" not in os.environ
    assert subprocess.run([*run, "has-session"], check=False).returncode == 0

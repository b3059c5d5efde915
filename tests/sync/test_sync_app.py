"""The app: the sync state in the title bar, and "Sync" in the command palette."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sync_fixtures import (
    annotations,
    git,
    highlight,
    make_library,
    needs_git,
    two_clones,
)
from textual.command import CommandPalette

from reader.app import ReaderApp
from reader.sync.sync import sync_library
from reader.widgets.title_bar import TitleBar

pytestmark = [needs_git, pytest.mark.usefixtures("git_env")]


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for var, name in (("XDG_STATE_HOME", "state"), ("XDG_DATA_HOME", "data")):
        monkeypatch.setenv(var, str(tmp_path / "xdg" / name))


async def _until(pilot, test, seconds: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    for _ in range(int(seconds / 0.05)):
        if test():
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out")


async def _palette_sync(app, pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p")
    await _until(pilot, lambda: CommandPalette.is_open(app))
    await pilot.press(*"Sync")
    await pilot.pause(0.3)
    await pilot.press("enter")


async def test_palette_sync_sends_and_receives(tmp_path: Path) -> None:
    remote, a, b = two_clones(tmp_path)
    highlight(b / "bridge.txt", "Critics said the cost estimate was too low.", note="from b")
    sync_library(b)
    highlight(a / "harbour.txt", "Fishermen said the delay costs them money.", note="from a")
    app = ReaderApp(library=a, article=a / "bridge.txt")
    said: list[str] = []
    notify = app.notify
    app.notify = lambda message, **kw: (said.append(message), notify(message, **kw))  # type: ignore[method-assign]
    async with app.run_test(size=(120, 30)) as pilot:
        bar = app.reading.query_one(TitleBar)
        await _until(pilot, lambda: bar.status == "sync: 1 unsent")
        assert "sync: 1 unsent" in bar.render_line(0).text
        await _palette_sync(app, pilot)
        await _until(pilot, lambda: any(m.startswith("Synced") for m in said))
        assert "Synced: sent 2, received 1, merged 0 sidecars" in said
        await _until(pilot, lambda: bar.status == "sync: clean")
        await _until(pilot, lambda: len(app.annotations.store.annotations) == 1)
        assert app.annotations.store.annotations[0].note == "from b"
    assert "from a" in git(remote, "show", "HEAD:harbour.txt.annotations.json").stdout
    assert [x.note for x in annotations(a / "bridge.txt").values()] == ["from b"]


async def test_palette_sync_failure_is_one_line(tmp_path: Path) -> None:
    remote, a, _ = two_clones(tmp_path)
    shutil.rmtree(remote)
    app = ReaderApp(library=a)
    said: list[str] = []
    notify = app.notify
    app.notify = lambda message, **kw: (said.append(message), notify(message, **kw))  # type: ignore[method-assign]
    async with app.run_test(size=(120, 30)) as pilot:
        bar = app.reading.query_one(TitleBar)
        await _until(pilot, lambda: bar.status == "sync: clean")
        await _palette_sync(app, pilot)
        await _until(pilot, lambda: any(m.startswith("Sync failed") for m in said))
        failure = next(m for m in said if m.startswith("Sync failed"))
        assert "cannot reach the remote origin" in failure and "\n" not in failure


async def test_no_sync_state_or_command_outside_a_repository(tmp_path: Path) -> None:
    library = make_library(tmp_path / "plain")
    app = ReaderApp(library=library)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.reading.query_one(TitleBar).status == ""
        from reader.commands import reader_commands

        assert "Sync" not in [name for name, _, _ in reader_commands(app)]

"""Notifications: every one passes through `ReaderApp.notify`, which keeps the line breaks our
own messages are written with, shows untrusted control characters as symbols and never reads
markup (#14.7: the link toast showed a literal ␊ where its second line should start)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from reader.app import ReaderApp
from reader.screens.links import LinksScreen


def messages(app: ReaderApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_a_message_keeps_its_own_line_breaks(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.notify("first line\nsecond line")
        app.notify(["item one", "item\ttwo\x1b[31m"])
        await pilot.pause()
        assert "first line\nsecond line" in messages(app)
        assert "item one\nitem\u2409two\u241b[31m" in messages(app)
        assert not any("\x1b" in m for m in messages(app))


async def test_markup_is_never_read_whatever_the_caller_says(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.notify("[bold]x[/]", markup=True)
        await pilot.pause()
        toast = app._notifications
        assert [n.markup for n in toast] == [False]
        assert "[bold]x[/]" in messages(app)


async def no_browser_toast(tmp_path, settle) -> str:
    """The toast of `o` on a link when no browser can show it (`_no_browser`)."""
    article = tmp_path / "links.md"
    article.write_text("# Links\n\nSee [the page](https://example.org/page) now.\n")
    app = ReaderApp(library=tmp_path, article=article)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("o")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LinksScreen)
        screen._no_browser("https://example.org/page")
        await pilot.pause()
        [found] = [m for m in messages(app) if m.startswith("https://example.org/page")]
        return found


async def test_the_no_browser_toast_has_two_lines(tmp_path, settle, monkeypatch):
    monkeypatch.delenv("TMUX", raising=False)
    found = await no_browser_toast(tmp_path, settle)
    assert found.split("\n")[1] == "(no graphical browser here; copied to the clipboard)"
    assert "\u240a" not in found


async def test_ctrl_c_names_the_quit_keys_in_plain_words(seed_library, settle):
    """ctrl+c in the article showed Textual's quit hint with its markup literal (`[b]`)."""
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.reading.focus_article()
        await pilot.press("ctrl+c")
        await pilot.pause()
        toast = app._notifications
        assert [n.title for n in toast] == ["Do you want to quit?"]
        assert messages(app) == ["Press q or ctrl+q to quit the app"]
        assert app.is_running


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
async def test_o_copies_a_link_into_tmux_as_y_does_and_says_so(
    tmp_path, settle, tmux_server, monkeypatch
):
    """Under tmux `o` said "copied to the clipboard" while tmux's paste buffer stayed empty
    (OSC 52 alone, which tmux drops by default); it copies as `y` does now."""
    run, socket = tmux_server
    monkeypatch.setenv("TMUX", f"{socket},1,0")
    said = await no_browser_toast(tmp_path, settle)
    buffer = subprocess.run([*run, "show-buffer"], capture_output=True, check=True).stdout
    assert buffer.decode() == "https://example.org/page"
    assert "tmux's paste buffer" in said and "to the clipboard" not in said

"""`y` and the note editor's ctrl+c under tmux (issue 14): OSC 52 alone is dropped by tmux's
default `set-clipboard external`, so the text also goes to tmux's paste buffer, and the
message says where it went. Runs a private tmux server; skips without tmux."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from reader.widgets.clipboard import copy_text

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")


class Terminal:
    """Records what the app would send with OSC 52."""

    def __init__(self) -> None:
        self.copied: list[str] = []

    def copy_to_clipboard(self, text: str) -> None:
        self.copied.append(text)


def test_inside_tmux_the_text_reaches_tmux_and_the_message_says_so(tmux_server, monkeypatch):
    run, socket = tmux_server
    monkeypatch.setenv("TMUX", f"{socket},1,0")
    terminal = Terminal()
    said = copy_text(terminal, "Kelly said \x1b[31mno\x1b[0m.")
    assert terminal.copied == ["Kelly said \x1b[31mno\x1b[0m."]
    buffer = subprocess.run([*run, "show-buffer"], capture_output=True, check=True).stdout
    assert buffer.decode() == "Kelly said \x1b[31mno\x1b[0m."
    assert "tmux's paste buffer" in said
    assert "\x1b" not in said  # the article's text never puts a control character on screen


def test_a_tmux_that_cannot_be_reached_is_named_with_its_fix(tmp_path, monkeypatch):
    monkeypatch.setenv("TMUX", f"{tmp_path / 'gone.sock'},1,0")
    said = copy_text(Terminal(), "text")
    assert said.startswith("Copied: text") and "set-clipboard on" in said


def test_outside_tmux_only_the_terminal_is_asked(monkeypatch):
    monkeypatch.delenv("TMUX", raising=False)
    terminal = Terminal()
    assert copy_text(terminal, "a  b\nc") == "Copied: a b c"
    assert terminal.copied == ["a  b\nc"]

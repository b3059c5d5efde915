"""The tmux helper itself, driven with tiny shell programs (no `reader` needed)."""

from __future__ import annotations

import sys

import pytest
from tmux_helper import TerminalSession, reader_command, tmux_key, tmux_path

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(tmux_path() is None, reason="tmux is not installed"),
]


def sh(script: str, **kwargs) -> TerminalSession:
    return TerminalSession(["sh", "-c", script], size=(60, 12), **kwargs)


def test_key_names_translate_to_tmux() -> None:
    assert tmux_key("space") == "Space"
    assert tmux_key("pagedown") == "NPage"
    assert tmux_key("ctrl+p") == "C-p"
    assert tmux_key("shift+tab") == "BTab"
    assert tmux_key("alt+enter") == "M-Enter"
    assert tmux_key("j") == "j"
    assert tmux_key("G") == "G"
    assert tmux_key("+") == "+"


def test_reader_command_prefers_the_script_beside_the_interpreter() -> None:
    argv = reader_command()
    assert argv[0].endswith("reader") or argv[:2] == [sys.executable, "-m"]


def test_wait_for_press_and_exit_status() -> None:
    with sh('echo ready; read line; echo "got $line"; exit 7') as s:
        s.wait_for("ready")
        s.type("abc")
        s.press("enter")
        assert "got abc" in s.wait_for("got abc")
        assert s.exit_status() == 7


def test_wait_for_times_out_with_the_screen_in_the_message() -> None:
    with sh("echo something else; sleep 5") as s:
        s.wait_for("something else")
        with pytest.raises(AssertionError, match="something else"):
            s.wait_for("never shown", timeout=0.3)


def test_environment_reaches_the_program() -> None:
    with sh('echo "value=$E2E_PROBE"; sleep 5', env={"E2E_PROBE": "xyzzy"}) as s:
        s.wait_for("value=xyzzy")


def test_raw_title_and_clipboard_sequences_are_detected() -> None:
    """Control for the reader's escape test: a program that does print OSC 2 / OSC 52 raw
    changes the pane title and fills a tmux buffer, so the reader test can fail."""
    script = r"printf '\033]2;PWNED\007\033]52;c;UFdORUQ=\007done\n'; sleep 5"
    with sh(script) as s:
        s.wait_for("done")
        assert s.title() == "PWNED"
        assert "PWNED" in s.buffers()


def test_alternate_screen_and_resize() -> None:
    script = r"printf '\033[?1049halt\n'; read x; printf '\033[?1049l'; echo back; sleep 5"
    with sh(script) as s:
        s.wait_for("alt")
        assert s.alternate_screen()
        s.resize(40, 10)
        assert s.pane_size() == (40, 10)
        s.press("enter")
        s.wait_for("back")
        assert not s.alternate_screen()


def test_waiting_on_an_exited_program_fails_fast_with_its_output() -> None:
    with sh("echo first; echo last words; exit 4") as s:
        with pytest.raises(AssertionError, match="(?s)status 4.*last words"):
            s.wait_for("never shown", timeout=30)
        assert "first" in s.screen(history=True)


class SlowToLook(TerminalSession):
    """A session whose `dead()` answers only once the program has ended: as on a busy
    machine, where the program prints and exits between the screen capture and the check."""

    def dead(self) -> bool:
        self.exit_status()
        return super().dead()


def test_text_written_just_before_the_program_exits_is_found() -> None:
    with SlowToLook(["sh", "-c", "sleep 0.3; echo last line; exit 3"], size=(60, 12)) as s:
        assert "last line" in s.wait_for("last line")
        assert s.exit_status() == 3


class LateToLeave(TerminalSession):
    """A session whose tmux has not yet read the program's last output (leaving the
    alternate screen) when the program's exit status is written: as on a busy machine."""

    lag = 5

    def alternate_screen(self) -> bool:
        if self._status() is not None and self.lag:
            self.lag -= 1
            return True
        return super().alternate_screen()


def test_the_terminal_given_back_is_waited_for_after_the_exit() -> None:
    script = r"printf '\033[?1049halt\n'; read x; printf '\033[?1049l'; exit 0"
    with LateToLeave(["sh", "-c", script], size=(60, 12)) as s:
        s.wait_for("alt")
        s.press("enter")
        assert s.exit_status() == 0
        s.wait_main_screen()
        assert not s.alternate_screen()
    script = r"printf '\033[?1049halt\n'; read x; exit 0"  # never leaves it
    with TerminalSession(["sh", "-c", script], size=(60, 12)) as s:
        s.wait_for("alt")
        s.press("enter")
        assert s.exit_status() == 0
        with pytest.raises(AssertionError, match="alternate screen"):
            s.wait_main_screen(timeout=0.5)

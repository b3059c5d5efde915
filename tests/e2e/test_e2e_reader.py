"""The installed `reader` command in a real terminal (tmux): open, move, quit, escape
sequences in article bytes, resize, launch errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

TITLE = "US Links Security Guarantees"
DATE = re.compile(r"January 27, 2026|2026-01-27|27 January 2026|Jan(uary)? 27")
SOURCE = "Clash Report"


def test_seed_opens_with_title_date_and_source(reader_session, seed_copy: Path) -> None:
    with reader_session([seed_copy]) as s:
        screen = s.wait_for(TITLE)
        screen = s.wait_until(
            lambda text: DATE.search(text) is not None and SOURCE in text,
            what="the date and the source",
        )
        assert "Traceback" not in screen
        assert s.alternate_screen()


def test_j_moves_the_cursor(reader_session, seed_copy: Path) -> None:
    with reader_session([seed_copy]) as s:
        s.wait_for(TITLE)
        before = s.wait_stable()
        s.press("j")
        after = s.wait_for_change(before, ansi=True)
        s.press("j")
        s.wait_for_change(after, ansi=True)
        assert not s.dead()


def test_q_quits_with_status_0_and_restores_the_terminal(reader_session, seed_copy) -> None:
    with reader_session([seed_copy]) as s:
        s.wait_for(TITLE)
        assert s.alternate_screen()
        s.press("q")
        assert s.exit_status() == 0
        s.wait_main_screen()  # tmux may read the app's last output after its exit status
        assert not s.alternate_screen()
        assert TITLE not in s.screen()  # the app's screen is gone, the shell's is back


# Short paragraphs separated by blank lines, so no line of interest is wrapped.
HOSTILE = (
    "Safe Headline Over Hostile Bytes\n\n"
    "Title \x1b]2;PWNED\x07 change.\n\n"
    "Screen \x1b[2J clear.\n\n"
    "Other \x1b]0;PWNED\x07 title.\n\n"
    "Clipboard \x1b]52;c;UFdORUQ=\x07 write.\n\n"
    "Some [bold]markup[/bold] here.\n\n"
    "Endmarkerline.\n"
)


def test_escape_sequences_in_the_article_never_reach_the_terminal(
    reader_session, tmp_path: Path
) -> None:
    article = tmp_path / "hostile" / "hostile.txt"
    article.parent.mkdir()
    article.write_bytes(HOSTILE.encode())
    with reader_session([article]) as s:
        s.wait_for("Safe Headline Over Hostile Bytes")
        screen = s.wait_for("Endmarkerline")
        s.wait_stable()
        assert "PWNED" not in s.title()
        assert "PWNED" not in s.window_name()
        assert not any("PWNED" in b for b in s.buffers())  # no OSC 52 clipboard write
        screen = s.screen()
        assert "Safe Headline Over Hostile Bytes" in screen  # ESC [2J cleared nothing
        assert "[bold]markup[/bold]" in screen
        s.press("q")
        assert s.exit_status() == 0
        assert "PWNED" not in s.title()


def test_resize_keeps_the_article_on_screen(reader_session, seed_copy: Path) -> None:
    with reader_session([seed_copy], size=(120, 40)) as s:
        s.wait_for(TITLE)
        s.wait_stable()
        s.resize(80, 24)
        assert s.pane_size() == (80, 24)
        screen = s.wait_for(TITLE)
        assert max(len(line) for line in screen.splitlines()) <= 80
        s.resize(120, 40)
        s.wait_for(TITLE)
        s.press("q")
        assert s.exit_status() == 0


def test_missing_path_is_one_line_and_status_2(reader_session, tmp_path: Path) -> None:
    # Relative to the session's working directory (tmp_path), so the message fits one line.
    with reader_session(["no-such-article.txt"], cwd=tmp_path) as s:
        assert s.exit_status() == 2
        screen = s.screen(history=True)
        assert "reader: error:" in screen
        assert "no-such-article.txt" in screen
        assert "Traceback" not in screen

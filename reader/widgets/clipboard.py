"""Copying text to the clipboard, and saying where it went.

Textual copies with the terminal's OSC 52 sequence. Inside tmux that reaches the outer
terminal only when tmux's `set-clipboard` option is `on` (its default, `external`, drops it),
so under tmux the text is also loaded into tmux's paste buffer with `tmux load-buffer -w`,
which forwards it to the outer terminal's clipboard where tmux can and always leaves it in
the buffer (prefix + ] pastes it). The message says which happened.
"""

from __future__ import annotations

import os
import subprocess

from textual.app import App

from reader.document.decode import sanitize

PREVIEW = 60  # characters of the copied text shown in the message
TMUX_TIMEOUT = 2.0  # seconds


def _tmux_buffer(text: str) -> bool:
    """Load `text` into tmux's paste buffer (and the outer clipboard, if tmux can)."""
    try:
        done = subprocess.run(
            ["tmux", "load-buffer", "-w", "-"],
            input=text.encode("utf-8", "surrogateescape"),
            capture_output=True,
            timeout=TMUX_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def preview(text: str) -> str:
    """`text` on one line, cut to `PREVIEW` characters."""
    flat = sanitize(" ".join(text.split()))
    return flat if len(flat) <= PREVIEW else flat[: PREVIEW - 1] + "…"


def copy(app: App, text: str) -> str | None:
    """Copy `text` the one way `y` and `o` both copy (module docstring); None outside tmux,
    else the note on where it went (tmux's paste buffer, or the tmux option it needs)."""
    app.copy_to_clipboard(text)
    if not os.environ.get("TMUX"):
        return None
    if _tmux_buffer(text):
        return "also in tmux's paste buffer: prefix ] pastes it"
    return "inside tmux this needs the tmux option: set -g set-clipboard on"


def copy_text(app: App, text: str) -> str:
    """Copy `text` and return what to tell the user (one line, plain text)."""
    said = f"Copied: {preview(text)}"
    note = copy(app, text)
    return said if note is None else f"{said}\n({note})"

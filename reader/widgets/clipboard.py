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


def copy_text(app: App, text: str) -> str:
    """Copy `text` and return what to tell the user (one line, plain text)."""
    app.copy_to_clipboard(text)
    said = f"Copied: {preview(text)}"
    if os.environ.get("TMUX"):
        if _tmux_buffer(text):
            return f"{said}\n(also in tmux's paste buffer: prefix ] pastes it)"
        return f"{said}\n(inside tmux this needs the tmux option: set -g set-clipboard on)"
    return said

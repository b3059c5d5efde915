"""Stylesheets that load with the widgets they style, not before the first frame.

The app starts with the styles its first frame needs (`FIRST_FRAME`: the shell and the
article view). A pane built later adds its own file from `styles/` when it is first built:
every rule is parsed, and a pane that is not on the first screen should not wait on its
rules being parsed. A theme change re-parses every source, these included.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from reader.resources import styles_dir

FIRST_FRAME = ("app", "article")


def first_frame_paths() -> list[Path]:
    return [styles_dir() / f"{name}.tcss" for name in FIRST_FRAME]


def load_stylesheet(app: App, name: str) -> None:
    """Add `styles/<name>.tcss` to the app's stylesheet (once); widgets mounted from now on
    are styled by it."""
    path = styles_dir() / f"{name}.tcss"
    key = str(path)
    stylesheet = app.stylesheet
    if stylesheet.has_source(key, ""):
        return
    stylesheet.add_source(path.read_text(encoding="utf-8"), read_from=(key, ""))

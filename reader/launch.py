"""Open the app: check the path first (fast, no `textual` import), then run the UI.

Errors about the path are ReaderErrors (`reader: error: <what>: <path>`, exit status 2).
"""

from __future__ import annotations

from reader.targets import Target, check_article_file, resolve_target

__all__ = ["Target", "check_article_file", "launch", "resolve_target"]


def launch(path: str | None) -> int:
    """Run the app on `path` (a file, a folder, or None for the sample library)."""
    target = resolve_target(path)
    from reader.app import ReaderApp  # textual: only once the path is good

    app = ReaderApp(library=target.library, article=target.article)
    app.run()
    app.save_everything()
    return app.return_code or 0

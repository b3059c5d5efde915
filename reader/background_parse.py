"""Parsing an article in a thread that quitting never waits for.

A thread worker is a thread of the event loop's executor, and the process joins those
before it exits: quitting while a big article is still being parsed would hang until the
parse ends. `parse_abandonably` runs the parse (reading and parsing only, nothing is
written) in a daemon thread of its own and waits for it in the worker, checking the
worker's cancellation, so a cancelled worker (another article opened, or the app quitting)
returns at once and the parse is left to finish, or to end with the process.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from reader.document.loader import load_document

if TYPE_CHECKING:
    from textual.worker import Worker

    from reader.document.model import Document

_POLL_SECONDS = 0.05


def parse_abandonably(path: Path, worker: Worker) -> Document | None:
    """`load_document(path)`, hashed, or None when `worker` is cancelled first. Raises what
    `load_document` raises."""
    done = threading.Event()
    result: list = []

    def parse() -> None:
        try:
            document = load_document(path)
            document.sha256  # noqa: B018  (hash off the UI thread)
            result.append(document)
        except BaseException as error:  # noqa: BLE001 - handed to the waiting worker
            result.append(error)
        finally:
            done.set()

    threading.Thread(target=parse, name=f"parse:{path.name}", daemon=True).start()
    while not done.wait(_POLL_SECONDS):
        if worker.is_cancelled:
            return None
    if isinstance(result[0], BaseException):
        raise result[0]
    return result[0]

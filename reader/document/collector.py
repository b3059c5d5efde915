"""Pausing Python's cyclic garbage collector around work that builds many objects and no
reference cycles (parsing an article, decoding a library's sidecars, writing a document as
JSON): the collector would otherwise walk the whole growing heap again and again, to find
nothing. Reference counting still frees everything as usual meanwhile."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector for the `with` block; restore it as it was (a caller that
    had paused it already keeps it paused)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

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
    had paused it already keeps it paused). On resuming, what the block built goes straight
    to the oldest generation, which the collector walks only now and then."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # Frozen and unfrozen: moved, not walked, where the young generations' many
            # collections would each walk all of a book's new blocks on their way there.
            gc.freeze()
            gc.unfreeze()
            gc.enable()

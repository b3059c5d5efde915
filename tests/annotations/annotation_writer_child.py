"""Child process for the fault-injection tests: adds annotations to one article in a loop.

Usage: python annotation_writer_child.py ARTICLE LABEL COUNT PARITY FLUSH_EVERY

Prints "ready" once the store is open, then the id of every annotation whose write has been
flushed to disk (one line each, printed only after `flush()` returned). COUNT 0 means forever.
Ranges start at offsets of the given PARITY (0 or 1) so two children never pick the same range.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

from reader.annotations.store import AnnotationStore
from reader.document.model import Document


def say(line: str) -> None:
    """One os.write per line on fd 1 (no buffering that a SIGKILL could tear)."""
    os.write(1, (line + "\n").encode())


def write_loop(path: str, label: str, count: int, parity: int, flush_every: int) -> int:
    text = Path(path).read_text(encoding="utf-8")
    store = AnnotationStore.open(Document(path=path, format="text", text=text, blocks=[]))
    if store.problem:
        say(f"problem: {store.problem}")
        return 3
    say("ready")
    rng = random.Random()
    pending: list[str] = []
    i = 0
    while count == 0 or i < count:
        while True:
            start = rng.randrange(0, len(text) - 20) // 2 * 2 + parity
            end = start + rng.randrange(3, 20)
            if not any(a.start == start and a.end == end for a in store.overlapping(start, end)):
                break
        ann = store.add(start, end, note=f"{label} {i}", tags=[label])
        pending.append(ann.id)
        i += 1
        if i % flush_every == 0 or i == count:
            store.flush()
            if store.unsaved or store.problem:
                say(f"problem: {store.warning or store.problem}")
                return 3
            for done in pending:
                say(done)
            pending.clear()
    store.close()
    return 0


if __name__ == "__main__":
    path, label, count, parity, flush_every = sys.argv[1:6]
    sys.exit(write_loop(path, label, int(count), int(parity), int(flush_every)))

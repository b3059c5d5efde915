"""Every annotated article of a library with its sidecar, read once: the one path for what
reads a whole library's annotations (the folder exports, reader/export/library.py, and the
library's claims, reader/claims/library_claims.py).

`read_library_sidecars(root)` lists the folder once (`iter_annotated_articles`: the listing
says which articles have a sidecar) and reads each sidecar with the store's own reader
(`read_sidecar_stat`), so a sidecar the store would refuse is refused here with the store's
reason; the stat taken to read it is kept (a folder export compares it with its kept checks). The articles themselves are not read: the caller reads what it needs of each.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.annotations.sidecar_file import SidecarProblem, read_sidecar_stat
from reader.document.collector import collector_paused
from reader.library_listing import iter_annotated_articles

Progress = Callable[[int, int], None]  # (articles done, articles in all)


@dataclass(slots=True)
class LibrarySidecar:
    """One annotated article of the library and what its sidecar holds."""

    name: str  # relative to the library folder, "/" separators
    path: Path  # the article
    sidecar: Path
    data: Any  # the sidecar's tables (None: empty), or None when it cannot be used
    problem: SidecarProblem | None  # why it cannot be used (then `data` is None)
    stat: os.stat_result | None = None  # the sidecar's, taken as it was read


def read_library_sidecars(root: Path, progress: Progress | None = None) -> Iterator[LibrarySidecar]:
    """Each annotated article under `root` with its sidecar read, in the library's order;
    `progress(done, total)` once the caller is done with each."""
    found = list(iter_annotated_articles(Path(root)))
    # Decoding a library's sidecars allocates millions of small objects and no cycles (JSON
    # values, annotations, rendered text): pausing the cyclic collector meanwhile saves
    # collections that would find nothing, over a heap that grows with the library.
    with collector_paused():
        for done, (name, path, sidecar) in enumerate(found, start=1):
            try:
                data, stat = read_sidecar_stat(sidecar)
                problem = None
            except SidecarProblem as error:
                data, stat, problem = None, None, error
            yield LibrarySidecar(name, path, sidecar, data, problem, stat)
            if progress is not None:
                progress(done, len(found))

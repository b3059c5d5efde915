"""The library: scanning a folder of articles."""

from __future__ import annotations

import time

import fixtures
from context import Context
from figures import Figure, Results, median, reason_of


def run(ctx: Context, results: Results) -> None:
    name = "library listing: scan 2,000 articles (in-process)"
    if ctx.library is None:
        results.na(name, "ms", ctx.missing.get("library", "not generated"), "<= 1 s")
        return
    try:
        from reader.library import scan_library

        samples = []
        for _ in range(ctx.cmd_reps):
            start = time.perf_counter()
            entries = scan_library(ctx.library)
            samples.append(time.perf_counter() - start)
        if len(entries) != fixtures.LIBRARY_SIZE:
            raise RuntimeError(f"listed {len(entries)} of {fixtures.LIBRARY_SIZE} articles")
        if entries[0].title != fixtures.NEWEST_TITLE:
            raise RuntimeError(f"newest entry is {entries[0].title!r}")
    except Exception as error:  # noqa: BLE001
        results.na(name, "ms", reason_of(error), "<= 1 s")
        return
    results.add(Figure(name, "ms", median(samples), None, "", "<= 1 s", "ours<=1.0",
                       "reader.library.scan_library, warm file cache", {"ours": samples}))  # fmt: skip

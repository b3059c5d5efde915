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
    scan_cached(ctx, results)


def scan_cached(ctx: Context, results: Results) -> None:
    """The scan the app runs when it lists a folder, with the metadata cache cold (a new cache
    file each time) and warm (the same file, filled by a first scan)."""
    from reader.library import scan_library
    from reader.library_cache import MetadataCache

    for size in (2000, 10_000):
        for state in ("cold", "warm"):
            name = f"library listing: scan {size:,} articles, metadata cache {state} (in-process)"
            try:
                folder = ctx.library_of(size)
                samples = []
                for rep in range(-1 if state == "warm" else 0, ctx.cmd_reps):
                    # Warm: one cache file for every repetition; cold: a new one each time.
                    label = state if state == "warm" else f"{state}-{rep}"
                    where = ctx.tmp / f"scan-cache-{size}-{label}"
                    cache = MetadataCache.open(where / "library.sqlite3")
                    try:
                        start = time.perf_counter()
                        entries = scan_library(folder, cache=cache)
                        spent = time.perf_counter() - start
                    finally:
                        cache.close()
                    if rep >= 0:
                        samples.append(spent)
                if len(entries) != size or entries[0].title != fixtures.NEWEST_TITLE:
                    raise RuntimeError(
                        f"listed {len(entries)} of {size}, newest {entries[0].title!r}"
                    )
            except Exception as error:  # noqa: BLE001
                results.na(name, "ms", reason_of(error), "(info)")
                continue
            results.add(Figure(name, "ms", median(samples), None, "", "(info)", "",
                               "reader.library.scan_library with a MetadataCache", {"ours": samples}))  # fmt: skip

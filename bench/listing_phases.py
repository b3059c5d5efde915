"""What listing a library folder by name costs, in this process: the scan's part (from
`scan_library` until it hands the name-only listing over, before any file is read) and the
library pane's part of `set_listing` (sort, shared titles, filter), then the pane's re-sort
when the first read entries come in.

    python bench/listing_phases.py FOLDER [REPS]   # e.g. a folder of fixtures.make_library
    python bench/listing_phases.py --make N DIR    # make a folder of N articles in DIR

Prints the median of REPS repetitions (default 9) of each step, in milliseconds. The first
repetition runs in a fresh interpreter state (nothing listed before); compare branches by
running this in turn on each, several times.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(CHECKOUT))
sys.path.insert(0, str(CHECKOUT / "bench"))


class Listed(Exception):
    """Raised from `listed` to stop the scan once the listing is handed over."""


def listing(folder: Path) -> tuple[float, list]:
    """Seconds from `scan_library` until the name-only listing, and that listing."""
    from reader.library import scan_library

    got: list = []

    def listed(entries: list) -> None:
        got.append((time.perf_counter(), entries))
        raise Listed

    start = time.perf_counter()
    try:
        scan_library(folder, listed=listed)
    except Listed:
        pass
    end, entries = got[0]
    return end - start, entries


def pane_steps(entries: list) -> tuple[float, float]:
    """Seconds of the pane's `refresh_list` work on the listing, first and second time."""
    from reader.library_order import filter_entries, shared_titles, sort_entries

    times = []
    for _ in range(2):
        start = time.perf_counter()
        shared_titles(entries)
        filter_entries(sort_entries(entries, "newest"), "")
        times.append(time.perf_counter() - start)
    return times[0], times[1]


def main(argv: list[str]) -> None:
    if argv[:1] == ["--make"]:
        import fixtures

        fixtures.make_library(Path(argv[2]), int(argv[1]))
        return
    folder, reps = Path(argv[0]), int(argv[1]) if len(argv) > 1 else 9
    rows: dict[str, list[float]] = {"scan until listed": [], "pane sort": [], "pane re-sort": []}
    count = 0
    for _ in range(reps):
        seconds, entries = listing(folder)
        first, second = pane_steps(entries)
        count = len(entries)
        rows["scan until listed"].append(seconds)
        rows["pane sort"].append(first)
        rows["pane re-sort"].append(second)
    print(f"{count:,} articles, {reps} repetitions (median, first):")
    for name, samples in rows.items():
        print(f"  {name:18} {statistics.median(samples) * 1000:7.1f} ms  {samples[0] * 1000:7.1f}")


if __name__ == "__main__":
    main(sys.argv[1:])

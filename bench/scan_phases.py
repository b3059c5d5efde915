"""What a cold library start spends in the scan's thread before the folder is listed, in a
fresh interpreter that has loaded the app (as `reader FOLDER` has): importing the scan's
modules, then the scan until its name listing (a folder of more than 100 articles) or to
its end (a smaller one), and the full (oldest-generation) collections of the cyclic
collector meanwhile, which walk the whole heap of the app.

    python bench/scan_phases.py FOLDER [REPS]   # e.g. a folder of fixtures.make_library

Each repetition is a new interpreter; prints each one and the medians. Compare checkouts
with PYTHONPATH naming each, in turn, several times."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile

PROBE = """
import gc, sys, time
full = []
began = {}
def watch(phase, info):
    if info["generation"] == 2:
        if phase == "start":
            began["at"] = time.perf_counter()
        else:
            full.append(time.perf_counter() - began["at"])
gc.callbacks.append(watch)
import reader.app
t0 = time.perf_counter()
from reader.library import scan_library
t1 = time.perf_counter()
class Listed(Exception):
    pass
def listed(entries):
    raise Listed
try:
    scan_library(sys.argv[1], listed=listed)
except Listed:
    pass
t2 = time.perf_counter()
print((t1 - t0) * 1000, (t2 - t1) * 1000, len(full), sum(full) * 1000)
"""


def main(argv: list[str]) -> int:
    folder, reps = argv[0], int(argv[1]) if len(argv) > 1 else 5
    rows = []
    for _ in range(reps):
        # Run outside any checkout: PYTHONPATH (or the installed package) says which `reader`.
        out = subprocess.run([sys.executable, "-c", PROBE, folder], capture_output=True,
                             text=True, cwd=tempfile.gettempdir())  # fmt: skip
        if out.returncode != 0:
            print(out.stderr, file=sys.stderr)
            return 1
        imported, scanned, count, spent = map(float, out.stdout.split())
        rows.append((imported, scanned, count, spent))
        print(f"  import {imported:6.1f} ms  scan {scanned:6.1f} ms  "
              f"full collections {count:.0f} ({spent:.1f} ms)")  # fmt: skip
    medians = [statistics.median(column) for column in zip(*rows, strict=True)]
    print(f"median: import {medians[0]:.1f} ms, scan {medians[1]:.1f} ms, "
          f"full collections {medians[2]:.0f} ({medians[3]:.1f} ms)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""Where a folder export's time goes, article by article: the steps of `reader export
FOLDER` (Markdown, in reading order) timed one by one, in this process, with the cyclic
collector paused as the export pauses it.

    python bench/export_phases.py FOLDER     # e.g. a fixture: fixtures.make_annotated_library
    python bench/export_phases.py --checked FOLDER
    python bench/export_phases.py --cpu [--checked] FOLDER

`--cpu`: this process's CPU time instead of the wall clock, steadier on a machine that other
work shares (each step then leaves out what it waits for).

`--checked`: as a second `reader export FOLDER` runs, with the checks the first one kept
(reader/export/checked_texts.py, in a temporary folder): the articles are not read again.

Prints each step's total and its cost per article. The bench's floor for a folder export is
the first two steps alone (list the folder, read and parse every sidecar), in a fresh Python;
its target is three times that floor. The article is read twice here (once alone, to show
what reading costs, then inside `read_for_export`), so the steps add up to a little more
than an export. Make the fixture after any change to the parser: stored places are trusted
only for the parser version that wrote them.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(CHECKOUT))

from reader.annotations.sidecar_file import read_sidecar_stat  # noqa: E402
from reader.document.collector import collector_paused  # noqa: E402
from reader.document.loader import read_article  # noqa: E402
from reader.export.checked_texts import RACY_SECONDS, CheckedTexts  # noqa: E402
from reader.export.library import (  # noqa: E402
    LibraryNotes,
    export_library,
    markdown_render,
    render_library_markdown,
    sort_newest_first,
)
from reader.export.reading import read_for_export  # noqa: E402
from reader.library_listing import iter_annotated_articles  # noqa: E402
from reader.library_sidecars import LibrarySidecar  # noqa: E402


def phases(
    root: Path, checked: CheckedTexts | None = None, clock=time.perf_counter
) -> tuple[int, Counter[str]]:
    spent: Counter[str] = Counter()
    with collector_paused():
        started = clock()
        found = list(iter_annotated_articles(root))
        spent["list the folder"] += clock() - started
        render = markdown_render("order", None, root)
        notes = LibraryNotes(root)
        for name, path, sidecar in found:
            t0 = clock()
            data, stat = read_sidecar_stat(sidecar)
            t1 = clock()
            read_article(path)
            t2 = clock()
            read = read_for_export(
                path, LibrarySidecar(name, path, sidecar, data, None, stat), checked
            )
            t3 = clock()
            notes.articles.append(render(read, path, name))
            t4 = clock()
            spent["read + parse the sidecar"] += t1 - t0
            spent["read the article (alone)"] += t2 - t1
            spent["read_for_export (article again, records, places)"] += t3 - t2
            spent["render its section"] += t4 - t3
            notes.categories.update(a.category for a in read.annotations)
        started = clock()
        notes.articles = sort_newest_first(notes.articles)
        render_library_markdown(notes)
        spent["sort + the whole document"] += clock() - started
    return len(found), spent


def kept_checks(root: Path, folder: Path) -> CheckedTexts:
    """The checks an export of `root` keeps (every file counted as settled)."""
    first = CheckedTexts.open(root, folder)
    first.now = lambda: time.time_ns() + RACY_SECONDS * 2_000_000_000
    export_library(root, checked=first)
    return CheckedTexts.open(root, folder)


def main() -> int:
    args = sys.argv[1:]
    cpu = args[:1] == ["--cpu"]
    args = args[1:] if cpu else args
    use_checks = args[:1] == ["--checked"]
    args = args[1:] if use_checks else args
    if len(args) != 1:
        print("usage: python bench/export_phases.py [--cpu] [--checked] FOLDER", file=sys.stderr)
        return 2
    root = Path(args[0])
    with tempfile.TemporaryDirectory() as cache:
        checked = kept_checks(root, Path(cache)) if use_checks else None
        count, spent = phases(root, checked, time.process_time if cpu else time.perf_counter)
    if not count:
        print(f"no annotated article in {args[0]}", file=sys.stderr)
        return 2
    for step, seconds in spent.items():
        print(f"{step:52s} {seconds * 1000:8.1f} ms {seconds / count * 1e6:7.1f} us/article")
    label = f"in all ({count:,} articles)"
    print(f"{label:52s} {sum(spent.values()) * 1000:8.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Full-text search of a 10,000-article library (reader.library_search), in-process, the index
already built. Beside each query, in the same repetitions: the bare FTS5 query on the same
index file (the matching rows' ids ranked by bm25, the same limit; no join, no snippets),
the floor of any ranked search with this engine; and, in the note, a scan of every article's
text already in memory for the word (a search without an index that does not rank)."""

from __future__ import annotations

import sqlite3
import time

from context import Context
from figures import Figure, Results, median, p90, reason_of

SIZE = 10_000
TARGET, CHECK = "median <= 100 ms", "ours<=0.1"
# In most generated articles (fixtures' word list), and in one only (the newest's title).
FTS5_FLOOR = "SELECT rowid FROM blocks WHERE blocks MATCH ? ORDER BY rank LIMIT ?"
FTS5_COUNT = "SELECT count(*) FROM blocks WHERE blocks MATCH ?"
QUERIES = (("common word", "harbour"), ("rare word", "newest"))


def run(ctx: Context, results: Results) -> None:
    names = {kind: f"library search: {kind} ({word!r}), {SIZE:,} articles, index built"
             for kind, word in QUERIES}  # fmt: skip
    try:
        from reader.library_search import TextIndex

        folder = ctx.library_of(SIZE)
        path = ctx.tmp / "libsearch" / "library-text.sqlite3"
        index = TextIndex.open(path)
    except Exception as error:  # noqa: BLE001
        for name in names.values():
            results.na(name, "ms", reason_of(error), TARGET)
        return
    try:
        started = time.perf_counter()
        indexed, _ = index.update(folder)
        built = time.perf_counter() - started
        print(f"  index of {indexed:,} articles built in {built:.1f} s", flush=True)
        bare = sqlite3.connect(path)
        texts = [p.read_text(encoding="utf-8").lower() for p in sorted(folder.rglob("*.txt"))]
        reps = 10 if ctx.quick else 30
        for kind, word in QUERIES:
            ours: list[float] = []
            base: list[float] = []
            scan: list[float] = []
            hits = 0
            for _ in range(reps):
                start = time.perf_counter()
                hits = len(index.search(word, folder))
                ours.append(time.perf_counter() - start)
                start = time.perf_counter()
                bare.execute(FTS5_FLOOR, (word, 100)).fetchall()
                base.append(time.perf_counter() - start)
                start = time.perf_counter()
                found = sum(word in text for text in texts)
                scan.append(time.perf_counter() - start)
            (blocks,) = bare.execute(FTS5_COUNT, (word,)).fetchone()
            if hits == 0 or found == 0:
                raise RuntimeError(f"{word!r}: {hits} hits, {found} articles hold it")
            note = (f"{hits} hits shown (limit 100) of {blocks:,} matching blocks, the word in "
                    f"{found:,} articles; p90 {p90(ours) * 1000:.1f} ms; in-memory str scan "
                    f"{median(scan) * 1000:.1f} ms; index built in {built:.1f} s")  # fmt: skip
            results.add(Figure(names[kind], "ms", median(ours), median(base),
                               "bare FTS5 ranked query", TARGET, CHECK, note,
                               {"ours": ours, "baseline": base, "str scan": scan}))  # fmt: skip
        bare.close()
    except Exception as error:  # noqa: BLE001
        for name in names.values():
            if not any(f.name == name for f in results.figures):
                results.na(name, "ms", reason_of(error), TARGET)
    finally:
        index.close()

"""CPU time of one save at 10,000 highlights."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

from context import Context
from figures import Figure, Results, median, p90


def run(ctx: Context, results: Results) -> None:
    """CPU time of one save at 10,000 highlights (the saver's own save, in-process, on this
    thread as on the writer thread), one highlight added before each; beside it, in the same
    repetitions, a plain whole-file encoding of the same data with json (what any save that
    rewrites the file from scratch costs before writing)."""
    name = "save: writer CPU per save, 10,000 highlights, one changed"
    if ctx.book10k is None:
        results.na(name, "ms", ctx.missing.get("book10k", "no sidecar"), "(info)")
        return
    from reader.annotations.store import AnnotationStore
    from reader.document.loader import load_document

    folder = ctx.tmp / "save-10k"
    folder.mkdir(exist_ok=True)
    book = folder / ctx.book10k.name
    shutil.copyfile(ctx.book10k, book)
    shutil.copyfile(f"{ctx.book10k}.annotations.json", f"{book}.annotations.json")
    document = load_document(book)
    store = AnnotationStore.open(document)
    try:
        taken = {(a.start, a.end) for a in store.annotations}
        free = [s for b in document.blocks if b.is_prose for s in b.sentences
                if (s.start, s.end) not in taken]  # fmt: skip
        reps = 30
        ours: list[float] = []
        base: list[float] = []
        first = None
        for i in range(reps + 1):
            sentence = free[i * (len(free) // (reps + 2))]
            store.add(sentence.start, sentence.end)
            started = time.thread_time()
            store.flush()
            spent = time.thread_time() - started
            if first is None:
                first = spent  # the first save after opening: a row of its own below
            else:
                ours.append(spent)
            base.append(_whole_dump(book))
    finally:
        store.close()
    results.add(Figure(name, "ms", median(ours), median(base[1:]), "json.dumps of the whole sidecar",
                       "(info)", "", f"{len(ours)} saves, p90 {p90(ours) * 1000:.1f} ms",
                       {"ours": ours, "baseline": base}))  # fmt: skip
    _first_saves(ctx, results, book, free[reps + 2 :])


def _whole_dump(book: Path) -> float:
    """CPU time of a plain whole-file json encoding of the sidecar as it is now."""
    data = json.loads(Path(f"{book}.annotations.json").read_bytes())
    started = time.thread_time()
    json.dumps(data, ensure_ascii=False).encode("utf-8")
    return time.thread_time() - started


def _first_saves(ctx: Context, results: Results, book: Path, free: list) -> None:
    """CPU time of the first save after opening the book (one highlight added), each time on a
    store opened afresh; beside it, in the same repetitions, the whole-file json encoding."""
    from reader.annotations.store import AnnotationStore
    from reader.document.loader import load_document

    name = "save: writer CPU of the first save after opening, 10,000 highlights"
    document = load_document(book)
    reps = 3 if ctx.quick else 7
    ours: list[float] = []
    base: list[float] = []
    for i in range(reps):
        store = AnnotationStore.open(document)
        try:
            sentence = free[i * (len(free) // (reps + 1))]
            store.add(sentence.start, sentence.end)
            started = time.thread_time()
            store.flush()
            ours.append(time.thread_time() - started)
        finally:
            store.close()
        base.append(_whole_dump(book))
    results.add(Figure(name, "ms", median(ours), median(base), "json.dumps of the whole sidecar",
                       "(info)", "", f"{reps} stores opened, p90 {p90(ours) * 1000:.1f} ms",
                       {"ours": ours, "baseline": base}))  # fmt: skip

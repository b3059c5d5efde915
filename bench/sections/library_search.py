"""Full-text search of a 10,000-article library (reader.library_search), the index already
built, for a common word and a rare one.

In-process: the search call (`TextIndex.search`), beside the bare FTS5 query on the same index
file (the matching rows' ids ranked by bm25, the same limit; no join, no snippets), the floor
of any ranked search with this engine, in the same repetitions; the note adds a scan of every
article's text already in memory for the word (a search without an index that does not rank).

On screen: the installed reader in tmux on that library, the search screen open (F), the word
typed but for its last letter (its "No article holds" shown); the time from that last key to
the matches' count on screen. Beside it, in the same repetitions (paired, each in turn first):
a bare Textual app with one Input that runs the bare FTS5 query in the key's own handler and
shows the ids (baselines/search_list_app.py), what Textual and SQLite themselves cost."""

from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path

import fixtures
import tmux
from context import Context
from environment import BENCH, isolated_env, reader_argv
from figures import Figure, Results, median, p90, reason_of
from panes import open_pane

from reader import APP_NAME

SIZE = 10_000
TARGET, CHECK = "median <= 100 ms", "ours<=0.1"
# In most generated articles (fixtures' word list), and in one only (the newest's title).
FTS5_FLOOR = "SELECT rowid FROM blocks WHERE blocks MATCH ? ORDER BY rank LIMIT ?"
FTS5_COUNT = "SELECT count(*) FROM blocks WHERE blocks MATCH ?"
QUERIES = (("common word", "harbour"), ("rare word", "newest"))
EMPTY = "Type words to find"  # the status line of an empty box (the reader's and the floor's)
FLOOR_MARKER = "SEARCH-LIST-APP-READY"


def run(ctx: Context, results: Results) -> None:
    names = {kind: f"library search: {kind} ({word!r}), {SIZE:,} articles, index built"
             for kind, word in QUERIES}  # fmt: skip
    screen_names = {kind: f"library search on screen: {kind} ({word!r}), {SIZE:,} articles, "
                          "last key to the matches" for kind, word in QUERIES}  # fmt: skip
    env = isolated_env(ctx.tmp / "xdg-libsearch")
    path = Path(env["XDG_CACHE_HOME"]) / APP_NAME / "library-text.sqlite3"
    try:
        folder = ctx.library_of(SIZE)
        shown = search_call(ctx, results, folder, path, names)
    except Exception as error:  # noqa: BLE001
        for name in [*names.values(), *screen_names.values()]:
            if not any(f.name == name for f in results.figures):
                results.na(name, "ms", reason_of(error), TARGET)
        return
    if ctx.control is None:
        for name in screen_names.values():
            results.na(name, "ms", "tmux is not available", TARGET)
        return
    on_screen(ctx, results, folder, path, env, shown, screen_names)


def search_call(
    ctx: Context, results: Results, folder: Path, path: Path, names: dict[str, str]
) -> dict[str, str]:
    """The in-process rows; returns, for each word, the status line its matches show with."""
    from reader.library_search import TextIndex

    index = TextIndex.open(path)
    shown: dict[str, str] = {}
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
            shown[word] = ("1 match" if hits == 1 else f"{hits} matches") + (
                " (the best)" if hits >= 100 else ""
            )
            note = (f"{hits} hits shown (limit 100) of {blocks:,} matching blocks, the word in "
                    f"{found:,} articles; p90 {p90(ours) * 1000:.1f} ms; in-memory str scan "
                    f"{median(scan) * 1000:.1f} ms; index built in {built:.1f} s")  # fmt: skip
            results.add(Figure(names[kind], "ms", median(ours), median(base),
                               "bare FTS5 ranked query", TARGET, CHECK, note,
                               {"ours": ours, "baseline": base, "str scan": scan}))  # fmt: skip
        bare.close()
    finally:
        index.close()
    return shown


def on_screen(
    ctx: Context,
    results: Results,
    folder: Path,
    path: Path,
    env: dict[str, str],
    shown: dict[str, str],
    names: dict[str, str],
) -> None:
    """The screen rows: the reader and the floor open side by side, a word's last key timed
    in each in turn."""
    floor_argv = [sys.executable, str(BENCH / "baselines" / "search_list_app.py"), str(path)]
    panes: dict[str, tmux.Pane] = {}
    samples = {(who, word): [] for who in ("reader", "floor") for _, word in QUERIES}
    try:
        panes["reader"] = open_pane(ctx, [*reader_argv(), str(folder)], fixtures.NEWEST_TITLE,
                                    env)  # fmt: skip
        panes["reader"].send("F")
        panes["reader"].wait_for(EMPTY, timeout=120)  # the index checked against the folder
        panes["floor"] = open_pane(ctx, floor_argv, FLOOR_MARKER, env)
        reps = 8 if ctx.quick else 25
        for rep in range(reps):
            for _, word in QUERIES:
                order = ("reader", "floor") if rep % 2 == 0 else ("floor", "reader")
                for who in order:
                    samples[who, word].append(last_key(panes[who], word, shown[word]))
            if rep % 4 == 3:
                print(f"  library search on screen rep {rep + 1}/{reps} done", flush=True)
    except Exception as error:  # noqa: BLE001
        for name in names.values():
            results.na(name, "ms", reason_of(error), TARGET)
        return
    finally:
        for pane in panes.values():
            pane.kill_and_wait()
    for kind, word in QUERIES:
        ours, floor = samples["reader", word], samples["floor", word]
        figure = Figure(names[kind], "ms", median(ours), median(floor),
                        "bare Textual Input + bare FTS5 query", TARGET, CHECK,
                        f"{len(ours)} pairs; p90 {p90(ours) * 1000:.0f} ms, floor's "
                        f"{p90(floor) * 1000:.0f} ms; ratio: median of paired ratios (info)",
                        {"reader": ours, "floor": floor})  # fmt: skip
        figure.paired_ratio = median([a / b for a, b in zip(ours, floor, strict=True)])
        results.add(figure)


def last_key(pane: tmux.Pane, word: str, shown: str) -> float:
    """Type `word` but its last letter, wait for its "no article" line; then the seconds from
    the last letter until `shown` is on the screen. The box is emptied again afterwards."""
    head = word[:-1]
    pane.type(head)
    pane.wait_for(f"No article holds: {head}", timeout=10)
    pane.wait_stable(quiet=0.15)
    seconds = pane.key_until(word[-1], shown)
    pane.send("C-u")
    pane.wait_for(EMPTY, timeout=10)
    return seconds

"""First paint of a library folder (10, 2,000 and 10,000 articles), its metadata cache cold
and warm, beside the bare Textual app in the same repetitions.

The figure is the time until the newest article's title is on screen: opened in the article
view, or the first row of the library list. With a cold cache, the list also has a "listed"
figure: until every file of the folder is listed by name (the status line counting the files
read, "of N…"), before the newest one is known. Beside the cold rows at 2,000 and 10,000,
the floor of a cold start that shows the newest article: a fresh Python reading the first
4 KB of every file (where each article's date is), in the same repetitions."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import fixtures
import tmux
from commands import time_command
from context import Context
from environment import BENCH, SIZE, isolated_env, reader_argv
from figures import Figure, Results, median, reason_of

from reader import APP_NAME

SIZES = (10, 2000, 10_000)
LISTED_SIZES = (2000, 10_000)  # 10 files are read before a listing could be seen
TARGET, CHECK = "<= 1.5x bare", "ratio<=1.5"

# What any reader needs before it knows which article of a folder is the newest, with no
# cache: every file's head read (where its date is). A fresh Python, timed beside the cold
# runs at the sizes whose listing is shown before the heads are read.
HEADS_FLOOR = (
    "import os, sys\n"
    "for d, _, names in os.walk(sys.argv[1]):\n"
    "    for n in names:\n"
    "        if n.endswith(('.txt', '.md', '.markdown', '.html', '.htm')):\n"
    "            with open(os.path.join(d, n), 'rb') as f:\n"
    "                f.read(4096)\n"
)


@dataclass
class Run:
    """One program to paint; `env(rep)` gives each repetition its environment."""

    argv: list[str]
    marker: str
    env: Callable[[int], dict[str, str]]
    samples: list[float] = field(default_factory=list)
    error: str = ""


def run(ctx: Context, results: Results) -> None:
    reader = reader_argv()
    shared = isolated_env(ctx.tmp / "xdg-libpaint")
    runs: dict[str, Run] = {
        "bare": Run(
            [sys.executable, str(BENCH / "baselines" / "bare_app.py")],
            "BARE-APP-READY",
            lambda rep: shared,
        )
    }
    for size in SIZES:
        folder = ctx.library_of(size)
        # Warm: one cache folder for every repetition, filled by a first run (untimed).
        warm = isolated_env(ctx.tmp / f"xdg-libpaint-warm-{size}")
        runs[f"{size} warm"] = Run([*reader, str(folder)], fixtures.NEWEST_TITLE,
                                   lambda rep, env=warm: env)  # fmt: skip
        # Cold: a new, empty cache folder (XDG_CACHE_HOME) for every repetition; the files
        # themselves are in the OS cache, read by the warm run's first start.
        runs[f"{size} cold"] = Run(
            [*reader, str(folder)],
            fixtures.NEWEST_TITLE,
            lambda rep, size=size: {
                **shared,
                **isolated_env(ctx.tmp / f"xdg-libpaint-cold-{size}-{rep}"),
            },
        )
        if size in LISTED_SIZES:
            runs[f"{size} listed"] = Run(
                [*reader, str(folder)],
                f"of {size:,}…",
                lambda rep, size=size: {
                    **shared,
                    **isolated_env(ctx.tmp / f"xdg-libpaint-listed-{size}-{rep}"),
                },
            )
    paint_once(ctx, runs["bare"], -1)
    for size in SIZES:
        prime(ctx, runs[f"{size} warm"])
    reps = 3 if ctx.quick else 7
    order = list(runs.values())
    heads: dict[int, list[float]] = {size: [] for size in LISTED_SIZES}
    for rep in range(reps):
        for r in order if rep % 2 == 0 else reversed(order):
            seconds = paint_once(ctx, r, rep)
            if seconds is not None:
                r.samples.append(seconds)
        for size in LISTED_SIZES:
            heads[size] += time_heads(ctx.library_of(size), shared)
        print(f"  library paint rep {rep + 1}/{reps} done", flush=True)

    bare = runs["bare"]
    if bare.samples:
        results.add(Figure("first paint: bare Textual app (floor, library rows)", "ms",
                           median(bare.samples), samples={"bare": bare.samples}))  # fmt: skip
    for size in SIZES:
        for state in ("cold", "warm", "listed"):
            r = runs.get(f"{size} {state}")
            if r is None:
                continue
            name = f"first paint: library of {size:,} articles, metadata cache {state}"
            if state == "listed":
                name = f"library of {size:,} articles listed by name, metadata cache cold"
            if not r.samples:
                results.na(name, "ms", r.error or "no samples", TARGET)
                continue
            figure = Figure(name, "ms", median(r.samples), median(bare.samples), "bare",
                            TARGET, CHECK, samples={"ours": r.samples, "bare": bare.samples})  # fmt: skip
            if len(r.samples) == len(bare.samples) >= 3:
                pairs = zip(r.samples, bare.samples, strict=True)
                figure.paired_ratio = median([a / b for a, b in pairs])
                figure.note = "ratio: median of per-repetition ratios"
            if r.error:
                figure.note = f"{figure.note}; {r.error}".lstrip("; ")
            results.add(figure)
    for size in LISTED_SIZES:
        add_heads_floor(results, size, heads[size], runs[f"{size} cold"])


def time_heads(folder: Path, env: dict[str, str]) -> list[float]:
    try:
        return time_command([sys.executable, "-c", HEADS_FLOOR, str(folder)], env, 1)
    except Exception:  # noqa: BLE001 - a failure leaves the floor rows n/a
        return []


def add_heads_floor(results: Results, size: int, heads: list[float], cold: Run) -> None:
    """The floor of a cold start that shows the newest article (every file's head read, in a
    fresh Python), and the cold figure against it, in the same repetitions."""
    name = f"library of {size:,} articles: a fresh Python reading every file's first 4 KB"
    if not heads:
        results.na(name, "ms", "the floor failed to run", "(info)")
        return
    results.add(Figure(name, "ms", median(heads), samples={"heads": heads},
                       note="what a cold start must read before the newest is known"))  # fmt: skip
    if not cold.samples:
        return
    figure = Figure(f"first paint: library of {size:,} articles, cache cold, vs that floor", "ms",
                    median(cold.samples), median(heads), "reading every head", "(info)",
                    samples={"ours": cold.samples, "heads": heads})  # fmt: skip
    if len(cold.samples) == len(heads):
        figure.paired_ratio = median([a / b for a, b in zip(cold.samples, heads, strict=True)])
    results.add(figure)


def paint_once(ctx: Context, r: Run, rep: int) -> float | None:
    if r.error:
        return None
    try:
        seconds, _ = tmux.first_paint(ctx.control, r.argv, r.marker, size=SIZE, env=r.env(rep),
                                      timeout=180)  # fmt: skip
    except Exception as error:  # noqa: BLE001 - a failure is a n/a figure
        r.error = reason_of(error)
        return None
    return seconds


def prime(ctx: Context, r: Run) -> None:
    """An untimed start that lists the whole folder (screen settled for a second), so its
    files are in the OS cache and the metadata cache is written; checks that it was."""
    try:
        env = r.env(-1)
        _, pane = tmux.first_paint(ctx.control, r.argv, r.marker, size=SIZE, env=env,
                                   timeout=180, keep=True)  # fmt: skip
        assert pane is not None
        try:
            pane.wait_stable(quiet=1.0, timeout=180)
        finally:
            pane.kill_and_wait()
        cache = Path(env["XDG_CACHE_HOME"]) / APP_NAME / "library.sqlite3"
        if not cache.is_file():
            raise RuntimeError(f"no metadata cache written at {cache}")
    except Exception as error:  # noqa: BLE001
        r.error = f"priming: {reason_of(error)}"

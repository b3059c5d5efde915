"""Incremental search in Moby Dick: a 14-letter word typed after `/`, one key at a time, in the
reader, in `less --incsearch` (which also moves to a match as each letter is typed) and in a
bare Textual app with one Input (baselines/input_app.py: what Textual itself costs to echo a
key and hide the box), in the same tmux size; each key is sent once the screen has settled
after the last one. `less` is a C program drawing straight to the terminal, below Textual's
own floor, so the targets are ratios against the bare Input; `less` is shown beside them."""

from __future__ import annotations

import shutil
import sys

import fixtures
import tmux
from context import Context
from environment import BENCH, isolated_env, reader_argv
from figures import Figure, Results, median, p90, reason_of
from panes import open_pane

WORD = "simultaneously"  # 14 letters, 14 times in the book, all lower case
LESS_MARKER = "The Project Gutenberg eBook of Moby Dick"


def type_word(pane: tmux.Pane) -> tuple[list[float], float, float]:
    """(settle time of each letter, the letters' sum from first key to last settle, Enter's
    settle time). Raises when a key changes nothing."""
    pane.send("/")
    pane.wait_stable()
    settles = [pane.key_settle(letter)[1] for letter in WORD]
    _, enter = pane.key_settle("Enter")
    if WORD not in pane.capture(styles=False).lower():
        raise RuntimeError(f"{WORD!r} not on the screen after Enter: {pane.tail()}")
    return settles, sum(settles), enter


def one_rep(ctx: Context, argv: list[str], marker: str, env: dict[str, str]) -> tuple:
    pane = open_pane(ctx, argv, marker, env)
    try:
        return type_word(pane)
    finally:
        pane.kill_and_wait()


ROWS = (
    (f"per key, {WORD!r} in Moby Dick, settled", 1.5),
    (f"the whole {len(WORD)}-letter word, keys to last settle", 1.5),
    ("Enter after the word, screen settled", 1.5),
)
PROGRAMS = ("reader", "less", "floor")


def run(ctx: Context, results: Results) -> None:
    names = [f"search typing: {row}" for row, _ in ROWS]
    if shutil.which("less") is None:
        for name in names:
            results.na(name, "ms", "less not installed", "(info)")
        return
    folder = ctx.tmp / "search-book"
    folder.mkdir(exist_ok=True)
    book = folder / fixtures.MOBY.name
    shutil.copyfile(fixtures.MOBY, book)
    env = isolated_env(ctx.tmp / "xdg-search")
    less_env = {**env, "LESS": "", "LESSHISTFILE": "-", "LESSOPEN": "", "LESSCLOSE": ""}
    floor_argv = [sys.executable, str(BENCH / "baselines" / "input_app.py")]
    programs = {
        "reader": ([*reader_argv(), str(book)], fixtures.BOOK_FIRST_LINE, env),
        "less": (["less", "--incsearch", str(book)], LESS_MARKER, less_env),
        "floor": (floor_argv, "INPUT-APP-READY", env),
    }
    data: dict[str, tuple[list[float], list[float], list[float]]] = {
        who: ([], [], []) for who in PROGRAMS
    }
    errors: dict[str, str] = {}
    reps = 2 if ctx.quick else 5
    for rep in range(reps):
        order = PROGRAMS[rep % 3 :] + PROGRAMS[: rep % 3]  # each program in turn goes first
        for who in order:
            if who in errors:
                continue
            try:
                settles, whole, enter = one_rep(ctx, *programs[who])
            except Exception as error:  # noqa: BLE001
                errors[who] = reason_of(error)
                continue
            keys, words, enters = data[who]
            keys += settles
            words.append(whole)
            enters.append(enter)
        print(f"  search typing rep {rep + 1}/{reps} done", flush=True)
    for column, (name, (_, limit)) in enumerate(zip(names, ROWS, strict=True)):
        ours, less, floor = (data[who][column] for who in PROGRAMS)
        if not ours:
            results.na(name, "ms", errors.get("reader", "no samples"), "(info)")
            continue
        note = f"{len(ours)} samples, p90 {p90(ours) * 1000:.1f} ms"
        note += f"; less {_figure(less, errors.get('less'))}"
        results.add(Figure(name, "ms", median(ours), median(less) if less else None,
                           "less --incsearch", "(info)", "", note,
                           {"reader": ours, "less": less}))  # fmt: skip
        if not floor:
            results.na(f"{name} (vs floor)", "ms", errors.get("floor", "no samples"))
            continue
        note = f"bare Textual Input p90 {p90(floor) * 1000:.1f} ms; less {_figure(less, None)}"
        results.add(Figure(f"{name} (vs floor)", "ms", median(ours), median(floor),
                           "bare Textual Input", f"<= {limit}x floor", f"ratio<={limit}", note,
                           {"reader": ours, "floor": floor}))  # fmt: skip


def _figure(samples: list[float], error: str | None) -> str:
    if not samples:
        return f"n/a ({error or 'no samples'})"
    return f"median {median(samples) * 1000:.1f} ms"

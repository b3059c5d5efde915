"""Incremental search in Moby Dick: a 14-letter word typed after `/`, one key at a time, in the
reader and in `less --incsearch` (which also moves to a match as each letter is typed), in
the same tmux size; each key is sent once the screen has settled after the last one."""

from __future__ import annotations

import shutil

import fixtures
import tmux
from context import Context
from environment import isolated_env, reader_argv
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


def run(ctx: Context, results: Results) -> None:
    names = (
        f"search typing: per key, {WORD!r} in Moby Dick, settled",
        f"search typing: the whole {len(WORD)}-letter word, keys to last settle",
        "search typing: Enter after the word, screen settled",
    )
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
    programs = {
        "reader": ([*reader_argv(), str(book)], fixtures.BOOK_FIRST_LINE, env),
        "less": (["less", "--incsearch", str(book)], LESS_MARKER, less_env),
    }
    keys: dict[str, list[float]] = {"reader": [], "less": []}
    words: dict[str, list[float]] = {"reader": [], "less": []}
    enters: dict[str, list[float]] = {"reader": [], "less": []}
    errors: dict[str, str] = {}
    reps = 2 if ctx.quick else 5
    for rep in range(reps):
        for who in ("reader", "less") if rep % 2 == 0 else ("less", "reader"):
            if who in errors:
                continue
            try:
                settles, whole, enter = one_rep(ctx, *programs[who])
            except Exception as error:  # noqa: BLE001
                errors[who] = reason_of(error)
                continue
            keys[who] += settles
            words[who].append(whole)
            enters[who].append(enter)
        print(f"  search typing rep {rep + 1}/{reps} done", flush=True)

    less_note = f"less n/a ({errors['less']})" if "less" in errors else ""
    for name, data in zip(names, (keys, words, enters), strict=True):
        ours, base = data["reader"], data["less"]
        if not ours:
            results.na(name, "ms", errors.get("reader", "no samples"), "(info)")
            continue
        note = f"{len(ours)} samples, p90 {p90(ours) * 1000:.1f} ms"
        note += f"; less p90 {p90(base) * 1000:.1f} ms" if base else f"; {less_note}"
        results.add(Figure(name, "ms", median(ours), median(base), "less --incsearch",
                           "(info)", "", note, {"reader": ours, "less": base}))  # fmt: skip

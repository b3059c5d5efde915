"""First paint: from starting a program in tmux until a known text shows."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

import fixtures
import tmux
from context import Context
from environment import BENCH, SIZE, isolated_env, reader_argv
from figures import Figure, Results, median, reason_of


@dataclass
class Variant:
    key: str
    argv: list[str]
    marker: str
    env: dict[str, str] = field(default_factory=dict)
    timeout: float = 60.0
    max_reps: int = 1000
    samples: list[float] = field(default_factory=list)
    error: str = ""


def measure_paint(control: tmux.Control, variants: list[Variant], reps: int) -> None:
    """Interleave the variants rep by rep (so machine noise hits all of them)."""
    for rep in range(reps):
        order = variants if rep % 2 == 0 else list(reversed(variants))
        for v in order:
            if v.error or len(v.samples) >= v.max_reps:
                continue
            try:
                seconds, _ = tmux.first_paint(
                    control, v.argv, v.marker, size=SIZE, env=v.env, timeout=v.timeout
                )
                v.samples.append(seconds)
            except Exception as error:  # noqa: BLE001 - any failure is a n/a figure
                v.error = reason_of(error)
        print(f"  paint rep {rep + 1}/{reps} done", flush=True)


def run(ctx: Context, results: Results) -> None:
    py = sys.executable
    reader = reader_argv()
    env = isolated_env(ctx.tmp / "xdg-paint")
    variants = {
        # Every variant gets the same environment (locale, COLORTERM): a baseline drawn with
        # fewer colours would do less work than ours.
        "bare": Variant(
            "bare", [py, str(BENCH / "baselines" / "bare_app.py")], "BARE-APP-READY", env
        ),
        "seed": Variant("seed", [*reader, str(ctx.seed)], fixtures.SEED_TITLE, env),
        "book": Variant("book", [*reader, str(ctx.book)], fixtures.BOOK_FIRST_LINE, env),
    }
    # Order within a repetition (reversed every other one): each half-second variant runs
    # next to the one it is compared with, and the slow ones come last.
    if ctx.book10k is not None:
        variants["book10k"] = Variant(
            "book10k", [*reader, str(ctx.book10k)], fixtures.BOOK_FIRST_LINE, env
        )
    variants["textarea"] = Variant(
        "textarea",
        [py, str(BENCH / "baselines" / "textarea_app.py"), str(ctx.book), "cp1252"],
        fixtures.BOOK_FIRST_LINE,
        env,
        timeout=180,
        max_reps=1 if ctx.quick else 3,  # slow (seconds); its noise matters little
    )
    if ctx.library is not None:
        variants["library"] = Variant(
            "library",
            [*reader, str(ctx.library)],
            fixtures.NEWEST_TITLE,
            env,
            max_reps=3 if ctx.quick else 7,
        )
    measure_paint(ctx.control, list(variants.values()), ctx.paint_reps)

    def get(key: str) -> tuple[float | None, str]:
        v = variants.get(key)
        if v is None:
            return None, ctx.missing.get(key, "not generated")
        return median(v.samples), v.error

    def figure(name: str, key: str, base: str, target: str = "", check: str = "") -> None:
        ours, err = get(key)
        baseline, base_err = get(base) if base else (None, "")
        samples = {k: variants[k].samples for k in (key, base) if k in variants}
        if ours is None:
            results.na(name, "ms", err, target, samples=samples, baseline_name=base,
                       baseline=baseline)  # fmt: skip
            return
        note = f"baseline n/a ({base_err})" if base and baseline is None else ""
        figure = Figure(name, "ms", ours, baseline, base, target, check, note, samples)
        mine, theirs = samples.get(key, []), samples.get(base, [])
        if base and len(mine) == len(theirs) >= 3:
            # Both ran in every repetition, next to each other: the median of the per-
            # repetition ratios follows the machine's slow drifts (this one is bimodal, about
            # 300 or 500 ms for the bare app) better than a ratio of two medians.
            figure.paired_ratio = median([a / b for a, b in zip(mine, theirs, strict=True)])
            figure.note = "ratio: median of per-repetition ratios"
        results.add(figure)

    figure("first paint: bare Textual app (floor)", "bare", "")
    figure("first paint: seed article", "seed", "bare", "<= 1.3x bare", "ratio<=1.3")
    figure("first paint: 3.8 MB book vs TextArea", "book", "textarea", "<= 0.25x", "ratio<=0.25")
    figure("first paint: 3.8 MB book vs bare", "book", "bare", "<= 2x bare", "ratio<=2")
    figure("open book with 10,000 annotations vs none", "book10k", "book", "<= 1.5x", "ratio<=1.5")
    figure("first paint: library of 2,000 articles", "library", "bare", "(info)")

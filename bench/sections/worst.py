"""Hostile inputs (bench/worst_case.py), in-process."""

from __future__ import annotations

from context import Context
from figures import Figure, Results, reason_of


def run(ctx: Context, results: Results) -> None:
    """The worst cases of bench/worst_case.py, in-process."""
    import worst_case

    reps = 1 if ctx.quick else 3
    figures = (
        ("worst case: re-anchor a 4,001-char quote in 200,000 chars of 'a a'", "ms",
         lambda: worst_case.anchoring_seconds(reps), "< 1 s", "ours<=1"),
        ("worst case: 'billion laughs' YAML front matter", "ms",
         lambda: worst_case.laughs_seconds(reps), "< 0.1 s", "ours<=0.1"),
        ("worst case: 300,000 one-line paragraphs, parse and split", "MB/s",
         lambda: worst_case.paragraphs_mb_per_second(), "(info)", ""),
    )  # fmt: skip
    for name, unit, measure, target, check in figures:
        try:
            results.add(Figure(name, unit, measure(), target=target, check=check))
        except Exception as error:  # noqa: BLE001
            results.na(name, unit, reason_of(error), target)

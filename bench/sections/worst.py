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
        ("worst case: 300,000 one-line paragraphs 'a.', open and split", "MB/s",
         lambda: worst_case.paragraphs_mb_per_second(reps=reps), ">= 1 MB/s", "ours>=1"),
        ("worst case: 300,000 lines 'a.' without blank lines, open and split", "MB/s",
         lambda: worst_case.paragraphs_mb_per_second(line="a.\n", reps=reps), ">= 1 MB/s",
         "ours>=1"),
        ("worst case: 600,000 against 300,000 paragraphs, time ratio", "x",
         lambda: worst_case.paragraphs_seconds(600_000, reps=reps)
         / worst_case.paragraphs_seconds(300_000, reps=reps), "<= 2.3x (linear)", "ours<=2.3"),
        ("worst case: reader parse of 300,000 one-line paragraphs", "MB/s",
         lambda: worst_case.reader_parse_mb_per_second(reps), ">= 1 MB/s", "ours>=1"),
        ("worst case: reader parse of 400 KB of '[' (Markdown)", "MB/s",
         lambda: worst_case.brackets_mb_per_second("[", 400_000, reps), ">= 1 MB/s", "ours>=1"),
        ("worst case: 150 KB of '![a' (Markdown), open and split", "MB/s",
         lambda: worst_case.brackets_open_mb_per_second("![a", 150_000, reps), ">= 1 MB/s",
         "ours>=1"),
        ("worst case: 800 KB against 400 KB of '[' (Markdown), time ratio", "x",
         lambda: worst_case.brackets_seconds("[", 800_000, reps)
         / worst_case.brackets_seconds("[", 400_000, reps), "<= 2.3x (linear)", "ours<=2.3"),
        ("worst case: reader import of one 10 MB quote", "MB/s",
         lambda: worst_case.import_mb_per_second(reps=reps), ">= 1 MB/s", "ours>=1"),
        ("worst case: reader import of one 10 MB near-miss quote (fuzzy)", "MB/s",
         lambda: worst_case.import_mb_per_second(reps=reps, miss_every=20_000), ">= 1 MB/s",
         "ours>=1"),
    )  # fmt: skip
    for name, unit, measure, target, check in figures:
        try:
            note = "CPU time, least of the repetitions" if unit in ("MB/s", "x") else ""
            results.add(Figure(name, unit, measure(), target=target, check=check, note=note))
        except Exception as error:  # noqa: BLE001
            results.na(name, unit, reason_of(error), target)
    name = "worst case: the 300,000 paragraphs as Markdown, open and split"
    try:
        ours, floor = worst_case.markdown_mb_per_second(reps=reps)
        results.add(Figure(name, "MB/s", ours, floor, "markdown-it's parse alone", "(info)",
                           note="CPU time; markdown-it's own tokens are the floor"))  # fmt: skip
    except Exception as error:  # noqa: BLE001
        results.na(name, "MB/s", reason_of(error), "(info)")

"""The run's table on the terminal and its Markdown report (bench/RESULTS.md)."""

from __future__ import annotations

import argparse

from figures import Results, fmt


def print_table(results: Results) -> None:
    rows = [("figure", "ours", "baseline", "ratio", "target", "result")]
    for f in results.figures:
        base = fmt(f.baseline, f.unit) + (f" ({f.baseline_name})" if f.baseline_name else "")
        if f.baseline is None:
            base = "-" if not f.baseline_name else f"n/a ({f.baseline_name})"
        ratio = f"{f.ratio:.2f}x" if f.ratio is not None else "-"
        result = {True: "pass", False: "FAIL", None: "-"}[f.passed]
        ours = f.note if f.ours is None else fmt(f.ours, f.unit)
        ours = ours if len(ours) <= 60 else ours[:57] + "..."
        rows.append((f.name, ours, base, ratio, f.target or "-", result))
    widths = [min(60, max(len(r[i]) for r in rows)) for i in range(len(rows[0]))]
    for i, row in enumerate(rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))


def markdown(results: Results, info: dict[str, str], args: argparse.Namespace) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"`{' '.join(['python', 'bench/run.py', *args.argv])}` on "
        f"{info['date']} (checkout {info['commit']}): {info['cores']} cores ({info['cpu'] or 'unknown CPU'}), "
        f"load average at start {info['load average at start']}, Python {info['python']}, "
        f"Textual {info['textual']}, pySBD {info['pysbd']}, {info['tmux']}, {info['os']}.",
        "",
        "Times are medians over the run's repetitions (ours and baseline interleaved in the "
        "same run); see bench/README.md for what each figure measures.",
        "",
        "| figure | ours | baseline | ratio | target | result | notes |",
        "|---|---|---|---|---|---|---|",
    ]
    for f in results.figures:
        base = "-" if f.baseline is None else f"{fmt(f.baseline, f.unit)} ({f.baseline_name})"
        ratio = f"{f.ratio:.2f}x" if f.ratio is not None else "-"
        result = {True: "pass", False: "**FAIL**", None: "-"}[f.passed]
        ours = "n/a" if f.ours is None else fmt(f.ours, f.unit)
        note = f.note.replace("|", "/")
        lines.append(f"| {f.name} | {ours} | {base} | {ratio} | {f.target or '-'} | {result} "
                     f"| {note} |")  # fmt: skip
    return "\n".join(lines) + "\n"

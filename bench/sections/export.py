"""`reader export` of a heavily annotated book and of annotated folders."""

from __future__ import annotations

import sys
from pathlib import Path

from commands import time_command
from context import Context
from environment import isolated_env, reader_argv
from figures import Figure, Results, median, reason_of


def run(ctx: Context, results: Results) -> None:
    env = isolated_env(ctx.tmp / "xdg-export")
    reader = reader_argv()
    out = ctx.tmp / "export-out"
    out.mkdir(exist_ok=True)
    export_book_10k(ctx, results, env, reader, out)
    for size, folder in ctx.annotated_big.items():
        export_folder(ctx, results, env, reader, out, size, folder)
    jobs = [
        ("export: library of 500 annotated articles", ctx.annotated, "annotated", "<= 5 s", 5.0),
    ]
    for name, path, key, target, limit in jobs:
        if path is None:
            results.na(name, "ms", ctx.missing.get(key, "not generated"), target)
            continue
        try:
            argv = [*reader, "export", str(path), "-o", str(out / f"{key}.md")]
            time_command(argv, env, 1)  # the OS file cache
            samples = time_command(argv, env, ctx.cmd_reps)
        except Exception as error:  # noqa: BLE001
            results.na(name, "ms", reason_of(error), target)
            continue
        check = f"ours<={limit}" if limit else ""
        results.add(Figure(name, "ms", median(samples), None, "", target, check,
                           "wall time of the command", {"ours": samples}))  # fmt: skip


def export_book_10k(
    ctx: Context, results: Results, env: dict[str, str], reader: list[str], out: Path
) -> None:
    """The issue's figure: `reader export` of the 3.8 MB book whose sidecar holds 10,000
    highlights as the app saves it. Beside it, in the same repetitions, the floor any export
    of that sidecar has: a fresh Python reading the sidecar and parsing its JSON (nothing
    else)."""
    name = "export: Markdown, 10,000 annotations (reader export)"
    target = "<= 1 s"
    if ctx.book10k is None:
        results.na(name, "ms", ctx.missing.get("book10k", "not generated"), target)
        return
    sidecar = f"{ctx.book10k}.annotations.json"
    floor = [sys.executable, "-c", "import json, sys; json.loads(open(sys.argv[1], 'rb').read())",
             sidecar]  # fmt: skip
    argv = [*reader, "export", str(ctx.book10k), "-o", str(out / "book10k.md")]
    ours: list[float] = []
    base: list[float] = []
    try:
        time_command(floor, env, 1)  # the OS file cache
        for _ in range(ctx.cmd_reps + 4):
            ours += time_command(argv, env, 1)
            base += time_command(floor, env, 1)
    except Exception as error:  # noqa: BLE001
        results.na(name, "ms", reason_of(error), target)
        return
    paired = median([o / b for o, b in zip(ours, base, strict=True)])
    results.add(Figure(name, "ms", median(ours), median(base), "python: read + json.loads the sidecar",
                       target, "ours<=1", "wall time of the command",
                       {"ours": ours, "baseline": base}, paired))  # fmt: skip


SIDECARS_FLOOR = (
    "import json, os, sys\n"
    "for d, _, names in os.walk(sys.argv[1]):\n"
    "    for n in names:\n"
    "        if n.endswith('.annotations.json'):\n"
    "            json.loads(open(os.path.join(d, n), 'rb').read())\n"
)


def export_folder(
    ctx: Context,
    results: Results,
    env: dict[str, str],
    reader: list[str],
    out: Path,
    size: int,
    folder: Path,
) -> None:
    """`reader export FOLDER` of `size` annotated articles beside, in the same repetitions,
    the floor of any folder export: a fresh Python that walks the folder and reads and parses
    every sidecar (nothing else)."""
    name = f"export: folder of {size:,} annotated articles vs reading every sidecar"
    argv = [*reader, "export", str(folder), "-o", str(out / f"folder{size}.md")]
    floor = [sys.executable, "-c", SIDECARS_FLOOR, str(folder)]
    reps = max(2, ctx.cmd_reps if size <= 1000 else ctx.cmd_reps // 2)
    ours: list[float] = []
    base: list[float] = []
    try:
        time_command(floor, env, 1)  # the OS file cache
        time_command(argv, env, 1)
        for _ in range(reps):
            ours += time_command(argv, env, 1)
            base += time_command(floor, env, 1)
    except Exception as error:  # noqa: BLE001
        results.na(name, "ms", reason_of(error), "<= 3x")
        return
    paired = median([o / b for o, b in zip(ours, base, strict=True)])
    results.add(Figure(name, "ms", median(ours), median(base), "python: read + json.loads every sidecar",
                       "<= 3x", "ratio<=3", "wall time of the command; ratio: median of per-repetition ratios",
                       {"ours": ours, "baseline": base}, paired))  # fmt: skip

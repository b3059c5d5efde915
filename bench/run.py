"""margin-reader benchmarks: ours beside a baseline, measured in the same run on this machine.

    .venv/bin/python bench/run.py [--quick] [--json FILE] [--markdown FILE] [--only SECTION]

Prints one table (figure, ours, baseline, ratio, target, result) and writes the same as JSON
(and as Markdown with the machine description, for bench/RESULTS.md). Any measurement that
cannot be taken (feature missing, tmux missing, ...) shows `n/a (reason)` and the run goes on.
See bench/README.md for what each figure means.
"""

import argparse
import json
import sys
import tempfile
import time
import traceback
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

import tmux  # noqa: E402
from context import Context, prepare  # noqa: E402
from environment import compile_package, machine  # noqa: E402
from figures import Results, reason_of  # noqa: E402
from report import markdown, print_table  # noqa: E402
from sections import (  # noqa: E402
    attribution,
    book_search,
    claims,
    export,
    keys,
    library,
    library_paint,
    library_search,
    paint,
    save,
    sentences,
    worst,
)

RUNNERS = {
    "paint": paint.run,
    "keys": keys.run,
    "save": save.run,
    "export": export.run,
    "library": library.run,
    "libpaint": library_paint.run,
    "libsearch": library_search.run,
    "search": book_search.run,
    "sentences": sentences.run,
    "attribution": attribution.run,
    "claims": claims.run,
    "worst": worst.run,
}
SECTIONS = tuple(RUNNERS)
TMUX_SECTIONS = {"paint", "keys", "libpaint", "search"}
TMUX_OPTIONAL = {"libsearch"}  # its in-process rows are measured without tmux


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (< 2 minutes)")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--markdown", metavar="FILE", help="also write a Markdown report")
    parser.add_argument(
        "--only", action="append", choices=SECTIONS, help="run only this section (repeatable)"
    )
    args = parser.parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    sections = tuple(args.only or SECTIONS)
    info = machine()
    print(f"margin-reader bench on {info['cores']} cores, Python {info['python']}, "
          f"Textual {info['textual']}, {info['tmux']}", flush=True)  # fmt: skip
    compile_package()
    results = Results()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="reader-bench-", ignore_cleanup_errors=True) as tmp:
        ctx = Context(Path(tmp), args.quick)
        try:
            prepare(ctx, sections)
        except Exception as error:  # noqa: BLE001
            print(f"cannot prepare inputs: {reason_of(error)}", file=sys.stderr)
            return 2
        needs_tmux = (TMUX_SECTIONS | TMUX_OPTIONAL) & set(sections)
        tmux_error = ""
        if needs_tmux:
            try:
                ctx.control = tmux.Control()
            except Exception as error:  # noqa: BLE001
                tmux_error = reason_of(error)
        try:
            for section in sections:
                print(f"[{section}]", flush=True)
                if section in TMUX_SECTIONS and ctx.control is None:
                    results.na(f"{section} (all figures)", "ms", tmux_error)
                    continue
                try:
                    RUNNERS[section](ctx, results)
                except Exception as error:  # noqa: BLE001
                    traceback.print_exc()
                    results.na(f"{section} (section)", "ms", reason_of(error))
        finally:
            if ctx.control is not None:
                ctx.control.close()
    elapsed = time.perf_counter() - started
    print(f"\nresults ({elapsed:.0f} s{', quick' if args.quick else ''}):\n")
    print_table(results)
    payload = {
        "machine": info,
        "quick": args.quick,
        "seconds": round(elapsed, 1),
        "figures": [f.to_json(samples=False) for f in results.figures],
    }
    print("\n" + json.dumps(payload, indent=1))
    if args.json:
        payload["figures"] = [f.to_json() for f in results.figures]
        Path(args.json).write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    if args.markdown:
        Path(args.markdown).write_text(markdown(results, info, args), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

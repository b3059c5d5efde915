"""Where the seed article's first paint goes, next to the bare Textual app's: each program is
started in a tmux pane (as `bench/run.py --only paint` starts it) with timers around the steps
of its start, and stops at its first frame written to the terminal.

    python bench/paint_phases.py [--reps N] [ARTICLE]    # default: the seed article

The two programs are interleaved rep by rep (the machine is shared); each phase is printed as
the median over the reps for both, and the median of the per-rep differences. Phases:
`own imports` (the program's modules beyond `textual.app`: reader.cli/launch/app, or the bare
app's file), `article parse` (parse_text, with the parser modules it loads), `css parse` (every
stylesheet source), `component styles` (Textual styling each widget's component classes),
`layout + render` (the first frame's layout, render and write), `total` (process start to
the frame written). The timers cost a little themselves: compare the two columns, not the
totals with `bench/run.py`'s.
"""

from __future__ import annotations

import functools
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
BENCH = CHECKOUT / "bench"
PHASES = (
    "own imports",
    "article parse",
    "css parse",
    "component styles",
    "layout + render",
    "total",
)


# -- in the child: the program, timed --------------------------------------------------------


def _child(mode: str, out: Path, article: str) -> None:
    start = time.perf_counter()
    spent: dict[str, float] = {}

    def timed(owner: object, name: str, phase: str) -> None:
        original = getattr(owner, name)

        @functools.wraps(original)
        def wrapper(*args, **kwargs):
            began = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent[phase] = spent.get(phase, 0.0) + time.perf_counter() - began

        setattr(owner, name, wrapper)

    import textual.app
    import textual.css.stylesheet as stylesheet
    import textual.screen

    timed(stylesheet.Stylesheet, "parse", "css parse")
    timed(stylesheet.Stylesheet, "_process_component_classes", "component styles")
    layout_began: list[float] = []
    refresh_layout = textual.screen.Screen._refresh_layout

    def first_layout(self, *args, **kwargs):
        if not layout_began:
            layout_began.append(time.perf_counter())
        return refresh_layout(self, *args, **kwargs)

    textual.screen.Screen._refresh_layout = first_layout
    display = textual.app.App._display

    def first_frame(self, screen, renderable):
        display(self, screen, renderable)
        if renderable is None or self._batch_count or not layout_began:
            return
        now = time.perf_counter()
        spent["layout + render"] = now - layout_began[0]
        spent["total"] = now - start
        out.write_text(json.dumps({k: v * 1000 for k, v in spent.items()}), encoding="utf-8")
        os._exit(0)

    textual.app.App._display = first_frame
    began = time.perf_counter()
    if mode == "reader":
        import reader.app  # noqa: F401 - main() imports these: counted here, with the rest
        import reader.cli
        import reader.document.loader as loader
        import reader.launch  # noqa: F401

        spent["own imports"] = time.perf_counter() - began
        timed(loader, "parse_text", "article parse")
        sys.argv = ["reader", article]
        reader.cli.main()
    else:
        import runpy

        module = runpy.run_path(str(BENCH / "baselines" / "bare_app.py"), run_name="bare")
        spent["own imports"] = time.perf_counter() - began
        module["BareApp"](module["MARKER"]).run()


# -- in the parent: run both, interleaved ----------------------------------------------------


def _run_once(mode: str, article: Path, folder: Path, env: dict[str, str]) -> dict[str, float]:
    out = folder / f"{mode}.json"
    out.unlink(missing_ok=True)
    argv = [sys.executable, str(Path(__file__).resolve()), "--child", mode, str(out), str(article)]
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    session = f"paint-phases-{os.getpid()}"
    command = f"cd {shlex.quote(str(CHECKOUT))} && env {exports} {shlex.join(argv)}"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40", command],
        check=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not out.exists() or not out.stat().st_size:
            if time.monotonic() > deadline:
                raise RuntimeError(f"no first frame from {mode} in 60 s")
            time.sleep(0.02)
        time.sleep(0.02)  # the file is written in one call; let it close
        return json.loads(out.read_text(encoding="utf-8"))
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        _child(argv[1], Path(argv[2]), argv[3])
        return 0
    reps = 7
    if argv[:1] == ["--reps"]:
        reps, argv = int(argv[1]), argv[2:]
    sys.path.insert(0, str(BENCH))
    import fixtures
    from environment import isolated_env

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = Path(argv[0]) if argv else fixtures.SEED
        article = folder / "article" / source.name
        article.parent.mkdir()
        article.write_bytes(source.read_bytes())  # alone in its folder, as the bench opens it
        env = isolated_env(folder / "xdg")
        runs: dict[str, list[dict[str, float]]] = {"reader": [], "bare": []}
        for rep in range(reps):
            order = ("reader", "bare") if rep % 2 == 0 else ("bare", "reader")
            for mode in order:
                runs[mode].append(_run_once(mode, article, folder, env))
    print(f"{'phase (ms, median of ' + str(reps) + ')':<32}{'reader':>8}{'bare':>8}{'diff':>8}")
    for phase in PHASES:
        ours = [run.get(phase, 0.0) for run in runs["reader"]]
        bare = [run.get(phase, 0.0) for run in runs["bare"]]
        diff = statistics.median(a - b for a, b in zip(ours, bare, strict=True))
        print(f"{phase:<32}{statistics.median(ours):8.1f}{statistics.median(bare):8.1f}{diff:8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""Key latency in the reader beside TextArea and a bare app; peak memory."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import fixtures
from context import Context
from environment import BENCH, isolated_env, reader_argv
from figures import Figure, Results, median, p90, reason_of
from panes import KeyRun, open_pane, search_to_middle


def reader_keys(ctx: Context, book: Path, n: int) -> tuple[KeyRun, int | None, str]:
    """Space/j/h at the top, after G paging back, and at the middle (reached by search)."""
    env = isolated_env(ctx.tmp / f"xdg-keys-{book.parent.name}")
    pane = open_pane(ctx, [*reader_argv(), str(book)], fixtures.BOOK_FIRST_LINE, env)
    run = KeyRun(pane)
    try:
        run.repeat("page down", "Space", n)
        run.repeat("j", "j", n)
        run.alternate((("h", "h"), ("j", "j")), n)
        run.press("G (jump to end)", "G")
        run.repeat("page up", "b", n)
        run.repeat("j", "j", n)
        run.alternate((("h", "h"), ("j", "j")), n)
        run.step("search", lambda: search_to_middle(pane))
        run.repeat("page down", "NPage", n)
        run.repeat("j", "j", n)
        run.alternate((("h", "h"), ("j", "j")), n)
        memory: int | None = None
        memory_error = ""
        try:
            memory = pane.vm_hwm_kb()
        except Exception as error:  # noqa: BLE001
            memory_error = reason_of(error)
        return run, memory, memory_error
    finally:
        pane.kill_and_wait()


def textarea_keys(ctx: Context, n: int) -> tuple[KeyRun, int | None]:
    argv = [sys.executable, str(BENCH / "baselines" / "textarea_app.py"), str(ctx.book), "cp1252"]
    pane = open_pane(ctx, argv, fixtures.BOOK_FIRST_LINE, isolated_env(ctx.tmp / "xdg-base"))
    run = KeyRun(pane)
    try:
        run.repeat("page down", "NPage", n)
        run.press("G (jump to end)", "G")
        run.repeat("page up", "PPage", n)
        run.press("middle", "M")
        run.repeat("page down", "NPage", n)
        return run, pane.vm_hwm_kb()
    finally:
        pane.kill_and_wait()


def run(ctx: Context, results: Results) -> None:
    n = ctx.key_reps
    book_copy = ctx.tmp / "keys-book" / ctx.book.name
    book_copy.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ctx.book, book_copy)
    ours = base = None
    ours_error = base_error = ""
    memory: int | None = None
    memory_error = ""
    try:
        ours, memory, memory_error = reader_keys(ctx, book_copy, n)
    except Exception as error:  # noqa: BLE001
        ours_error = memory_error = reason_of(error)
    try:
        base, base_memory = textarea_keys(ctx, n)
    except Exception as error:  # noqa: BLE001
        base_error, base_memory = reason_of(error), None
    floor: list[float] = []
    try:
        argv = [sys.executable, str(BENCH / "baselines" / "bare_app.py")]
        pane = open_pane(ctx, argv, "BARE-APP-READY", isolated_env(ctx.tmp / "xdg-base"))
        try:
            floor_run = KeyRun(pane)
            floor_run.repeat("j", "j", n)
            floor = floor_run.samples.get("j", [])
        finally:
            pane.kill_and_wait()
    except Exception as error:  # noqa: BLE001
        print(f"  (bare app key floor n/a: {reason_of(error)})")

    def key_figure(name: str, kinds: tuple[str, ...], limit: float, with_base: bool) -> None:
        values = ours.all(*kinds) if ours else []
        if with_base:
            base_values = base.all("page down", "page up") if base else []
        else:
            base_values = floor
        samples = {"ours": values, ("TextArea" if with_base else "bare app j"): base_values}
        target, check = f"median <= {limit * 1000:.0f} ms", f"ours<={limit}"
        if not values:
            reason = ours_error or (ours.why(*kinds) if ours else "") or "no samples"
            results.na(name, "ms", reason, target, samples=samples)
            return
        note = ours.why(*kinds) if ours else ""
        if with_base and not base_values:
            note = (note + "; " if note else "") + f"TextArea n/a ({base_error or 'no samples'})"
        base_name = "TextArea" if with_base else "bare app j (floor)"
        results.add(
            Figure(name, "ms", median(values), median(base_values), base_name, target, check,
                   note, samples)
        )  # fmt: skip

    key_figure("key: page down/up (space, b, PageDown)", ("page down", "page up"), 0.025, True)
    key_figure("key: sentence down (j)", ("j",), 0.025, False)
    key_figure("key: highlight (h)", ("h",), 0.025, False)
    if ours and "G (jump to end)" in ours.samples:
        g = ours.samples["G (jump to end)"][0]
        gb = base.samples.get("G (jump to end)", [None])[0] if base else None
        results.add(Figure("key: jump to end (G), once", "ms", g, gb, "TextArea", "(info)"))
    if ours and "search" in ours.errors:
        print(f"  (middle of the book not reached: {ours.errors['search']})")
    if memory is not None:
        results.add(
            Figure("peak memory (VmHWM), book open", "MB", memory / 1024,
                   base_memory / 1024 if base_memory else None, "TextArea",
                   "<= 300 MB", "ours<=300")
        )  # fmt: skip
    else:
        results.na("peak memory (VmHWM), book open", "MB", memory_error, "<= 300 MB")

    # Highlight with 10,000 annotations in the sidecar: first change and settle (the screen
    # unchanged for 0.3 s, styles included: the claims pane and a save's redraw count).
    name = "key: highlight (h) with 10,000 annotations"
    if ctx.book10k is None:
        results.na(name, "ms", ctx.missing.get("book10k", "no sidecar"), "median <= 30 ms")
        return
    presses = max(30, n) // 2
    try:
        env = isolated_env(ctx.tmp / "xdg-keys-10k")
        pane = open_pane(ctx, [*reader_argv(), str(ctx.book10k)], fixtures.BOOK_FIRST_LINE, env)
        run = KeyRun(pane)
        try:
            for _ in range(presses):
                run.press_settle("h", "h")
                run.press("j", "j")
            run.step("search", lambda: search_to_middle(pane))
            for _ in range(presses):
                run.press_settle("h", "h")
                run.press("j", "j")
            run.repeat("page down", "Space", n)
        finally:
            pane.kill_and_wait()
    except Exception as error:  # noqa: BLE001
        results.na(name, "ms", reason_of(error), "median <= 30 ms")
        return
    if not run.samples.get("h"):
        results.na(name, "ms", run.why("h") or "no samples", "median <= 30 ms")
        return
    first, settle = run.samples["h"], run.samples["h settle"]
    base_h = median(ours.samples.get("h", [])) if ours else None
    results.add(Figure(name, "ms", median(first), base_h, "no annotations",
                       "median <= 30 ms", "ours<=0.03",
                       f"first change; {len(first)} presses, p90 {p90(first) * 1000:.1f} ms",
                       {"10k": first, "j 10k": run.samples.get("j", []),
                        "page down 10k": run.samples.get("page down", [])}))  # fmt: skip
    results.add(Figure(f"{name}, screen settled", "ms", median(settle), median(first),
                       "first change", "median <= 30 ms", "ours<=0.03",
                       f"{len(settle)} presses, p90 {p90(settle) * 1000:.1f} ms (target <= 50 ms)"
                       + ("" if p90(settle) <= 0.05 else ": p90 over target")
                       + (f"; {run.why('h', 'search')}" if run.why("h", "search") else ""),
                       {"settle": settle, "first": first}))  # fmt: skip

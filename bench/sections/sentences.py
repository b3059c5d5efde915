"""Sentence splitting: Golden Rules score and throughput beside pySBD."""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Callable
from typing import Any

import fixtures
from context import Context
from environment import CHECKOUT
from figures import Figure, Results, reason_of


def load_golden_rules() -> list[tuple[str, str, list[str]]]:
    path = CHECKOUT / "tests" / "golden_rules.py"
    spec = importlib.util.spec_from_file_location("bench_golden_rules", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.GOLDEN_RULES)


def score(split: Callable[[str], list[str]], rules: list[tuple[str, str, list[str]]]) -> int:
    good = 0
    for _name, text, expected in rules:
        try:
            got = [s.strip() for s in split(text) if s.strip()]
        except Exception:  # noqa: BLE001
            continue
        good += got == [e.strip() for e in expected]
    return good


def throughput(split: Callable[[Any], object], text: str | list[str], reps: int) -> float:
    """MB/s (UTF-8 megabytes of input per second), best of `reps` (least disturbed run)."""
    parts = [text] if isinstance(text, str) else text
    size = sum(len(p.encode("utf-8")) for p in parts) / 1e6
    best = min(_timed(split, text) for _ in range(reps))
    return size / best


def _timed(split: Callable[[Any], object], text: str | list[str]) -> float:
    start = time.perf_counter()
    split(text)
    return time.perf_counter() - start


def run(ctx: Context, results: Results) -> None:
    try:
        from reader.document.sentences import split_sentences
    except Exception as error:  # noqa: BLE001
        reason = reason_of(error)
        results.na("sentences: Golden Rules score", "rules", reason, ">= 46/48")
        results.na("sentences: throughput on the book", "MB/s", reason, ">= 5 MB/s")
        return

    def ours(text: str) -> list[str]:
        return [text[s:e] for s, e in split_sentences(text)]

    pysbd_split = None
    pysbd_error = "pysbd not installed (pip install pysbd)"
    try:
        import pysbd

        segmenter = pysbd.Segmenter(language="en", clean=False)

        def pysbd_split(text: str) -> list[str]:
            return segmenter.segment(text)

    except Exception as error:  # noqa: BLE001
        if not isinstance(error, ImportError):
            pysbd_error = reason_of(error)

    try:
        rules = load_golden_rules()
        ours_score = score(ours, rules)
        base_score = score(pysbd_split, rules) if pysbd_split else None
        results.add(Figure("sentences: Golden Rules score", "rules", ours_score, base_score,
                           "pySBD", ">= 46/48", "ours>=46",
                           f"{len(rules)} cases" + ("" if pysbd_split else f"; {pysbd_error}")))  # fmt: skip
    except Exception as error:  # noqa: BLE001
        results.na("sentences: Golden Rules score", "rules", reason_of(error), ">= 46/48")

    try:
        text = fixtures.MOBY.read_bytes().decode("cp1252", "replace").replace("\r\n", "\n")
        # The app's workload: one call per paragraph (blank-line separated, lines joined by
        # spaces as in a reflowed block).
        paragraphs = [" ".join(p.split("\n")) for p in text.split("\n\n") if p.strip()]

        def ours_blocks(parts: list[str]) -> None:
            for part in parts:
                split_sentences(part)

        ours_speed = throughput(ours_blocks, paragraphs, 3 if ctx.quick else 5)
        whole = throughput(split_sentences, text, 3 if ctx.quick else 5)
        note = f"per paragraph, whole book; one call on the whole book: {whole:.2f} MB/s"
        base_speed = None
        if pysbd_split:
            budget = 100_000 if ctx.quick else 300_000
            piece, size = [], 0
            for part in paragraphs:
                if size > budget:
                    break
                piece.append(part)
                size += len(part)

            def pysbd_blocks(parts: list[str]) -> None:
                for part in parts:
                    pysbd_split(part)

            base_speed = throughput(pysbd_blocks, piece, 1)
            note += f"; pySBD per paragraph on the first {size // 1000} k characters"
        else:
            note += f"; {pysbd_error}"
        results.add(Figure("sentences: throughput on Moby Dick", "MB/s", ours_speed,
                           base_speed, "pySBD", ">= 5 MB/s", "ours>=5", note))  # fmt: skip
    except Exception as error:  # noqa: BLE001
        results.na("sentences: throughput on Moby Dick", "MB/s", reason_of(error), ">= 5 MB/s")

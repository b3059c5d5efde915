"""Hostile inputs, each timed in-process (issues 13 and 20): what a file or an import could
do to the reader at worst, against a target of its own.

    python bench/worst_case.py             # prints the figures; bench/run.py --only worst

- anchoring: a 4,001-character quote ("a a ... b") re-anchored against 200,000 characters
  of "a a ..." (the fuzzy search's worst case; target under 1 s);
- front matter: nine levels of nested YAML aliases ("billion laughs", 700 bytes) in a
  Markdown article (target under 0.1 s: refused, not expanded);
- parse: 300,000 one-line paragraphs "a." (1.2 MB) through the plain-text parser and the
  sentence splitter (information: MB/s).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(CHECKOUT))

from reader.annotations.anchoring import reanchor  # noqa: E402
from reader.annotations.model import Annotation  # noqa: E402
from reader.document.markdown import parse_markdown  # noqa: E402
from reader.document.plaintext import parse_plaintext  # noqa: E402


def _best(work, reps: int) -> float:
    times = []
    for _ in range(reps):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def anchoring_seconds(reps: int = 3) -> float:
    text = "a " * 100_000
    quote = "a " * 2000 + "b"
    ann = Annotation.create(quote, 0, len(quote))
    return _best(lambda: reanchor(text, ann), reps)


def laughs_seconds(reps: int = 3) -> float:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(9):
        name, previous = chr(ord("b") + i), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    source = "---\n" + "\n".join(lines) + "\ntitle: *j\n---\n\nBody.\n"
    return _best(lambda: parse_markdown(source, "laughs.md"), reps)


def paragraphs_mb_per_second(reps: int = 1) -> float:
    text = "a.\n\n" * 300_000

    def work() -> None:
        for block in parse_plaintext(text, "many").blocks:
            block.sentences  # noqa: B018 - segmented, as `reader parse` does

    return len(text.encode()) / 1e6 / _best(work, reps)


if __name__ == "__main__":
    print(f"anchoring worst case: {anchoring_seconds():.3f} s")
    print(f"billion laughs front matter: {laughs_seconds() * 1000:.1f} ms")
    print(f"300,000 one-line paragraphs: {paragraphs_mb_per_second():.2f} MB/s")

"""Hostile inputs, each timed in-process (issues 13 and 20): what a file or an import could
do to the reader at worst, against a target of its own.

    python bench/worst_case.py             # prints the figures; bench/run.py --only worst

- anchoring: a 4,001-character quote ("a a ... b") re-anchored against 200,000 characters
  of "a a ..." (the fuzzy search's worst case; target under 1 s);
- front matter: nine levels of nested YAML aliases ("billion laughs", 700 bytes) in a
  Markdown article (target under 0.1 s: refused, not expanded);
- opening: 300,000 one-line paragraphs "a." (1.2 MB, and "a." on every line without blank
  lines, 0.9 MB) read, decoded and parsed as the app and `reader parse` open a file, then
  every block's sentences split (target at least 1 MB/s), and 600,000 of them against
  300,000 (target: linear, at most 2.3x the time for 2x the input);
- the same paragraphs in a Markdown file (information: markdown-it's own parse alone is
  the floor);
- `reader parse` of the 300,000 paragraphs, JSON written (target 1 MB/s);
- unclosed brackets in a Markdown file: `reader parse` of 400 KB of "[", and 150 KB of
  "![a" opened and split in-process (target 1 MB/s; markdown-it alone tries each bracket as
  a link about `maxNesting` times), and 800 KB of "[" against 400 KB (target: linear, at
  most 2.3x);
- import: `reader import` of a W3C file holding one 10 MB quote, found by its text alone
  in a 10 MB article (target at least 1 MB/s of the file), and the same quote with one
  character in every 20,000 changed, so only the fuzzy search finds it (same target; an
  edit at each end only, or "a a … b" in "a a …", is no test of it: the distance's common
  prefix and suffix are taken off first).

The MB/s figures and the ratio are CPU times (this process and the commands it runs), the
least of the repetitions: on a shared machine a wall time counts the other processes too.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(CHECKOUT))

from environment import reader_argv  # noqa: E402

from reader.annotations.anchoring import reanchor  # noqa: E402
from reader.annotations.model import Annotation  # noqa: E402
from reader.annotations.sidecar import sidecar_path_for  # noqa: E402
from reader.document.loader import load_document  # noqa: E402
from reader.document.markdown import _md as markdown_it  # noqa: E402
from reader.document.markdown import parse_markdown  # noqa: E402


def _best(work, reps: int) -> float:
    times = []
    for _ in range(reps):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _best_cpu(work, reps: int) -> float:
    """Least CPU time (this process and the commands it ran) of `reps` runs of `work`: on a
    shared machine the wall time of a run measures the other processes too."""
    times = []
    for _ in range(reps):
        started = _cpu()
        work()
        times.append(_cpu() - started)
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


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _open_and_split(path: Path) -> None:
    for block in load_document(path).blocks:
        block.sentences  # noqa: B018 - segmented, as `reader parse` does


def paragraphs_seconds(paragraphs: int = 300_000, line: str = "a.\n\n", reps: int = 1) -> float:
    """Seconds to open `paragraphs` copies of `line` and split every block's sentences."""
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(Path(tmp), "many.txt", line * paragraphs)
        return _best_cpu(lambda: _open_and_split(path), reps)


def paragraphs_mb_per_second(
    paragraphs: int = 300_000, line: str = "a.\n\n", reps: int = 1
) -> float:
    size = len((line * paragraphs).encode()) / 1e6
    return size / paragraphs_seconds(paragraphs, line, reps)


def markdown_mb_per_second(paragraphs: int = 300_000, reps: int = 1) -> tuple[float, float]:
    """MB/s of opening and splitting the paragraphs as a Markdown file, and of markdown-it's
    own parse of the same text alone (the floor: our parser starts from its tokens)."""
    text = "a.\n\n" * paragraphs
    size = len(text) / 1e6
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(Path(tmp), "many.md", text)
        ours = _best_cpu(lambda: _open_and_split(path), reps)
    return size / ours, size / _best_cpu(lambda: _markdown_it_parse(text), reps)


def _markdown_it_parse(text: str) -> None:
    """markdown-it's parse alone, with the cyclic collector paused as `load_document` pauses
    it while parsing (so both sides pay the same)."""
    gc.disable()
    try:
        markdown_it().parse(text)
    finally:
        gc.enable()


def _command_seconds(argv: list[str], reps: int) -> float:
    def work() -> None:
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, timeout=300)

    return _best_cpu(work, reps)


def reader_parse_mb_per_second(reps: int = 1) -> float:
    """`reader parse` of the 300,000 paragraphs, JSON to a pipe, wall time."""
    text = "a.\n\n" * 300_000
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(Path(tmp), "many.txt", text)
        argv = [*reader_argv(), "parse", str(path)]
        return len(text) / 1e6 / _command_seconds(argv, reps)


def brackets_text(unit: str, size: int) -> str:
    """`unit` repeated to `size` characters: "[" (400 KB) or "![a" (150 KB), brackets no
    "]" ever closes."""
    return unit * (size // len(unit))


def brackets_mb_per_second(unit: str, size: int, reps: int = 1) -> float:
    """`reader parse` of a Markdown file of unclosed brackets, JSON to a pipe, CPU time."""
    text = brackets_text(unit, size)
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(Path(tmp), "brackets.md", text)
        argv = [*reader_argv(), "parse", str(path)]
        return len(text) / 1e6 / _command_seconds(argv, reps)


def brackets_open_mb_per_second(unit: str, size: int, reps: int = 1) -> float:
    """MB/s of opening a Markdown file of unclosed brackets and splitting its sentences, as
    the app opens it (in-process, CPU time: no interpreter start in the figure)."""
    text = brackets_text(unit, size)
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(Path(tmp), "brackets.md", text)
        return len(text) / 1e6 / _best_cpu(lambda: _open_and_split(path), reps)


def brackets_seconds(unit: str, size: int, reps: int = 1) -> float:
    """CPU seconds to parse the brackets in-process (parse_markdown)."""
    text = brackets_text(unit, size)
    return _best_cpu(lambda: parse_markdown(text, "brackets.md"), reps)


def _quote_article(size: int) -> str:
    words = "the cat dog ran sat market rose fell said minister today report city".split()
    paragraphs, total, k = [], 0, 0
    while total < size:
        sentences = []
        for _ in range(5):
            k += 1
            n = 5 + k % 11
            sentences.append(" ".join(words[(k * 7 + i) % len(words)] for i in range(n)) + ".")
        paragraphs.append(" ".join(sentences).capitalize())
        total += len(paragraphs[-1]) + 2
    return "A long quote\n\n" + "\n\n".join(paragraphs) + "\n"


def _near_miss(quote: str, every: int) -> str:
    """`quote` with one character in every `every` changed (so it is found only fuzzily)."""
    chars = list(quote)
    for i in range(every // 2, len(chars), every):
        chars[i] = "X" if chars[i] != "X" else "Y"
    return "".join(chars)


def import_mb_per_second(size: int = 10_000_000, reps: int = 1, miss_every: int = 0) -> float:
    """`reader import` of one W3C annotation whose quote is the article's whole body (10 MB),
    with no position: the importer finds it by its text. MB/s of the W3C file. With
    `miss_every`, one character in every `miss_every` of the quote is changed: exact search
    fails and the fuzzy search finds it (500 edits for 10 MB at 20,000)."""
    text = _quote_article(size)
    quote = text[text.index("\n\n") + 2 : -1]
    if miss_every:
        quote = _near_miss(quote, miss_every)
    with tempfile.TemporaryDirectory() as tmp:
        article = _write(Path(tmp), "story.txt", text)
        item = {
            "id": "urn:uuid:4f2c7d8e-1b3a-4c5d-9e6f-7a8b9c0d1e2f",
            "type": "Annotation",
            "motivation": "highlighting",
            "target": {
                "source": article.as_uri(),
                "selector": [{"type": "TextQuoteSelector", "exact": quote}],
            },
        }
        page = {"type": "AnnotationPage", "items": [item]}
        collection = {"type": "AnnotationCollection", "first": page}
        w3c = _write(Path(tmp), "quote.json", json.dumps(collection))
        argv = [*reader_argv(), "import", str(article), str(w3c)]
        sidecar = sidecar_path_for(article)

        def work() -> None:
            sidecar.unlink(missing_ok=True)
            subprocess.run(argv, check=True, capture_output=True, timeout=300)

        return w3c.stat().st_size / 1e6 / _best_cpu(work, reps)


if __name__ == "__main__":
    print(f"anchoring worst case: {anchoring_seconds():.3f} s")
    print(f"billion laughs front matter: {laughs_seconds() * 1000:.1f} ms")
    print(f"300,000 one-line paragraphs: {paragraphs_mb_per_second():.2f} MB/s")
    one_per_line = paragraphs_mb_per_second(line="a.\n")
    print(f"the same, one per line: {one_per_line:.2f} MB/s")
    ratio = paragraphs_seconds(600_000) / paragraphs_seconds(300_000)
    print(f"600,000 against 300,000 paragraphs: {ratio:.2f}x the time")
    ours, floor = markdown_mb_per_second()
    print(f"the same as Markdown: {ours:.2f} MB/s (markdown-it alone: {floor:.2f} MB/s)")
    print(f"reader parse of 300,000 paragraphs: {reader_parse_mb_per_second():.2f} MB/s")
    print(f"reader parse of 400 KB of '[': {brackets_mb_per_second('[', 400_000):.2f} MB/s")
    speed = brackets_open_mb_per_second("![a", 150_000)
    print(f"150 KB of '![a', open and split: {speed:.2f} MB/s")
    ratio = brackets_seconds("[", 800_000) / brackets_seconds("[", 400_000)
    print(f"800 KB against 400 KB of '[': {ratio:.2f}x the time")
    print(f"reader import of one 10 MB quote: {import_mb_per_second():.2f} MB/s")
    near = import_mb_per_second(miss_every=20_000)
    print(f"reader import of one 10 MB near-miss quote (fuzzy): {near:.2f} MB/s")

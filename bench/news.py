"""Benchmark: adding 100 saved pages in one `reader add` against trafilatura's bare loop.

    python bench/news.py [--pages 100] [--repeat 3]

Pages are the three saved pages of ../shared/corpus, each copied with a unique <title> and
canonical address (so all 100 are new articles), written to a temporary folder. "ours" is the
installed `reader add PAGE... --library TMP` (a fresh library each repetition: process start,
imports, extraction, front matter, atomic writes); "bare" is one Python process reading the
same files and calling `trafilatura.extract(html, output_format="markdown")` on each. The two
are interleaved; the ratio is the median of the per-repetition ratios (each pair ran under
the same machine load), with the medians of each side shown too (target: ours <= 1.3x bare).
The 100 copies share three titles, so the library gets 33 files of one title each
(`title.md`, `title-2.md`, ...), as a feed of "Live updates" pages would make.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
BARE = """
import sys, pathlib, trafilatura
for name in sys.argv[1:]:
    trafilatura.extract(pathlib.Path(name).read_text("utf-8"), output_format="markdown",
                        include_links=True, include_formatting=True, with_metadata=True)
"""


def _pages(folder: Path, count: int) -> list[Path]:
    from reader.news.extract import extract_article

    sources = sorted(CORPUS.glob("page-*.html"))
    if not sources:
        sys.exit("the shared corpus (../shared/corpus) is absent")
    texts = [p.read_text("utf-8") for p in sources]
    canonicals = [extract_article(t).canonical or "" for t in texts]
    paths = []
    for n in range(count):
        html, canonical = texts[n % len(texts)], canonicals[n % len(texts)]
        # each copy names its own address, so every one is a new article
        html = html.replace(canonical, f"{canonical}?copy={n}")
        html = re.sub(r"<title>", f"<title>Copy {n}: ", html, count=1)
        path = folder / f"page-{n:03}.html"
        path.write_text(html, "utf-8")
        paths.append(path)
    return paths


def _reader() -> list[str]:
    script = Path(sys.executable).with_name("reader")
    return [str(script)] if script.exists() else [sys.executable, "-m", "reader"]


def _time(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pages = [str(p) for p in _pages(Path(tmp), args.pages)]
        ours, bare = [], []
        for rep in range(args.repeat):
            library = Path(tmp) / f"lib{rep}"
            ours.append(_time([*_reader(), "add", *pages, "--library", str(library)]))
            assert len(list(library.glob("*.md"))) == args.pages
            shutil.rmtree(library)
            bare.append(_time([sys.executable, "-c", BARE, *pages]))
    o, b = statistics.median(ours), statistics.median(bare)
    paired = statistics.median(mine / theirs for mine, theirs in zip(ours, bare, strict=True))
    print(
        f"add {args.pages} saved pages: ours {o:.2f} s, bare trafilatura {b:.2f} s, "
        f"ratio {paired:.2f}x (median of {args.repeat} paired ratios; target <= 1.3x)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The revision store: earlier texts of articles that changed when fetched again.

An article `dir/name.md` keeps its earlier versions in `dir/.revisions/name.md/`, one file
per revision named after the time it had been fetched (`2026-01-02T03-04-05Z.md`). The folder
is hidden, so the library never lists revisions as articles; the reader never deletes them.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from reader.atomic import write_atomic
from reader.document.decode import one_line

STORE = ".revisions"


def store_of(article: Path) -> Path:
    return article.parent / STORE / article.name


def keep(article: Path, text: str, fetched: str) -> Path:
    """Store `text` (the article's file as it was) as the revision fetched at `fetched`."""
    folder = store_of(article)
    folder.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^0-9A-Za-z-]+", "-", fetched).strip("-") or "revision"
    path = folder / f"{stem}.md"
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}.md"
        n += 1
    write_atomic(path, text.encode("utf-8"))
    return path


def list_revisions(article: Path) -> list[Path]:
    """Stored revisions of `article`, oldest first."""
    folder = store_of(article)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix == ".md" and p.is_file())


def paragraphs(body: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", body) if p.strip()]


def changed_paragraphs(old: str, new: str) -> int:
    """How many paragraphs differ: for each changed run, the longer of its two sides."""
    matcher = difflib.SequenceMatcher(None, paragraphs(old), paragraphs(new), autojunk=False)
    return sum(
        max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    )


def diff_lines(old: str, new: str, old_name: str, new_name: str) -> list[str]:
    """A unified diff by paragraph (one paragraph a line), every line safe for a terminal."""
    return [
        one_line(line.rstrip("\n"))
        for line in difflib.unified_diff(
            paragraphs(old), paragraphs(new), old_name, new_name, lineterm="", n=1
        )
    ]

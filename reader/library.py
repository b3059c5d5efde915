"""A library: the articles under a folder, with just enough of each to list them.

Pure core (no `textual` import). Listing reads only the first few KB of every file
(title, date, source) and, when a sidecar exists, counts its annotation records; opening an
article is the document loader's job.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reader.annotations.sidecar import LOCK_SUFFIX, SIDECAR_SUFFIX, sidecar_path_for
from reader.document.dates import MONTHS
from reader.document.decode import one_line

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")
MARKDOWN_SUFFIXES = (".md", ".markdown")
HEAD_BYTES = 4096

# Files next to articles that are ours, never articles.
_NOT_ARTICLE_ENDINGS = (SIDECAR_SUFFIX, LOCK_SUFFIX, ".notes.md")

# Patterns start with a literal so `re` can skip through a 4 KB head quickly; the digits
# or month word before it are checked by a second, anchored look back.
_ISO_TAIL = re.compile(r"-([0-9]{2})-([0-9]{2})(?![0-9])")
_ISO_YEAR = re.compile(r"(?<![0-9])([0-9]{4})$")
_COMMA_YEAR = re.compile(r",[ \t]*([0-9]{4})(?![0-9])")
_MONTH_DAY = re.compile(r"(?<![A-Za-z])([A-Za-z]{3,9})\.?[ \t]+([0-9]{1,2})$")
_URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_HOST = re.compile(r"^https?://(?:www\.)?([^/\s:]+)", re.IGNORECASE)
_TIME_OR_NUMBER = re.compile(r"^(?:T?\d|[+-]\d)")
_FRONT_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*[:=]\s*(.*)$")


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """One article as the library list shows it."""

    path: Path  # resolved
    name: str  # path relative to the library root, with "/" separators
    title: str
    published: str | None = None  # ISO date (YYYY-MM-DD)
    source: str = ""
    annotation_count: int = 0
    size: int = 0
    binary: bool = False  # NUL bytes in the head: listed, but opening it reports an error

    @property
    def sort_key(self) -> tuple[int, str, str]:
        """Newest first (published date), undated after dated, then by name."""
        if self.published:
            ordinal = date.fromisoformat(self.published).toordinal()
            return (-ordinal, self.name.casefold(), self.name)
        return (1, self.name.casefold(), self.name)

    def matches(self, query: str) -> bool:
        """Case-insensitive: every word of `query` occurs in the title, source, date or name."""
        haystack = " ".join((self.title, self.source, self.published or "", self.name)).casefold()
        return all(word in haystack for word in query.casefold().split())


def is_article_name(name: str) -> bool:
    """True for .txt/.md/.markdown files that are not our own sidecars, locks or exports."""
    lower = name.lower()
    if name.startswith("."):
        return False
    if not lower.endswith(ARTICLE_SUFFIXES):
        return False
    if lower.endswith(_NOT_ARTICLE_ENDINGS) or ".corrupt-" in lower:
        return False
    return True


def iter_article_paths(root: Path) -> Iterator[Path]:
    """Article files under `root` (subfolders included, hidden ones and symlinked folders not)."""
    stack = [Path(root)]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            continue
        subfolders = []
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    if not entry.name.startswith("."):
                        subfolders.append(Path(entry.path))
                elif entry.is_file() and is_article_name(entry.name):
                    yield Path(entry.path)
            except OSError:
                continue
        stack.extend(reversed(subfolders))


def has_articles(root: Path) -> bool:
    """Cheap: stops at the first article found."""
    return next(iter_article_paths(root), None) is not None


def count_annotations(sidecar: Path) -> int:
    """Number of annotation records in a TinyDB sidecar; 0 when it is missing or unreadable.

    Counts the records of the "annotations" table when there is one (else "_default"),
    leaving out records marked deleted (tombstones).
    """
    try:
        with open(sidecar, "rb") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return 0
    if not isinstance(data, dict):
        return 0
    table = data.get("annotations", data.get("_default"))
    if not isinstance(table, dict):
        return 0
    return sum(
        1
        for record in table.values()
        if isinstance(record, dict) and not record.get("deleted") and not record.get("tombstone")
    )


def decode_head(data: bytes) -> str:
    """Decode the first bytes of a file: UTF-8 (BOM ok, a cut last character dropped), else cp1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "ignore")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start >= len(data) - 3:  # a multi-byte character cut at the end of the head
            try:
                return data[: error.start].decode("utf-8")
            except UnicodeDecodeError:
                pass
    return data.decode("cp1252", "replace")


def _clean(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
    # Never let control characters from a file into the list.
    return "".join(ch if ch.isprintable() else " " for ch in value).strip()


def _front_matter(lines: list[str]) -> tuple[dict[str, str], int]:
    """Simple `key: value` pairs of a YAML (---) or TOML (+++) front matter, and its end line."""
    if not lines or lines[0].strip() not in ("---", "+++"):
        return {}, 0
    fence = lines[0].strip()
    fields: dict[str, str] = {}
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == fence:
            return fields, index + 1
        match = _FRONT_KEY.match(line)
        if match and match.group(1).lower() not in fields:
            fields[match.group(1).lower()] = _clean(match.group(2))
    return {}, 0  # unterminated: not front matter


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first ISO or "Month D, YYYY" date in `text`: (iso, start, end)."""
    found: list[tuple[str, int, int]] = []
    for match in _ISO_TAIL.finditer(text):
        year = _ISO_YEAR.search(text, max(0, match.start() - 4), match.start())
        if year is None:
            continue
        iso = _iso(int(year.group(1)), int(match.group(1)), int(match.group(2)))
        if iso:
            found.append((iso, year.start(), match.end()))
            break
    for match in _COMMA_YEAR.finditer(text):
        before = _MONTH_DAY.search(text, max(0, match.start() - 14), match.start())
        month = MONTHS.get(before.group(1).lower()) if before else None
        if month is None:
            continue
        iso = _iso(int(match.group(1)), month, int(before.group(2)))
        if iso:
            found.append((iso, before.start(), match.end()))
            break
    return min(found, key=lambda item: item[1]) if found else None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_head(head: str, *, markdown: bool, fallback_title: str) -> tuple[str, str | None, str]:
    """(title, published, source) from the start of an article."""
    lines = head.splitlines()
    fields, body_start = _front_matter(lines) if markdown else ({}, 0)
    body = lines[body_start:]
    title = fields.get("title", "")
    if not title and markdown:
        for line in body:
            if line.startswith("# "):
                title = _clean(line[2:].strip().rstrip("#"))
                break
    source = fields.get("source") or fields.get("publisher") or fields.get("site") or ""
    first_url_host = ""
    if not title:
        for line in body:
            stripped = line.strip()
            if not stripped:
                continue
            if _URL_LINE.match(stripped):
                host = _HOST.match(stripped)
                first_url_host = first_url_host or (host.group(1) if host else "")
                continue
            found = find_date(stripped)
            if found and found[1] == 0 and found[2] >= len(stripped) - 15:
                continue  # a line that is just a date/timestamp
            title = _clean(stripped.lstrip("#").strip())
            break
    published = None
    raw_date = fields.get("date") or fields.get("published") or ""
    found = find_date(raw_date) if raw_date else None
    if found:
        published = found[0]
    else:
        body_text = "\n".join(body)
        found = find_date(body_text)
        if found:
            published = found[0]
            at_line_start = found[1] == 0 or body_text[found[1] - 1] == "\n"
            if not source and at_line_start:
                # A dateline with the source glued on: "January 27, 2026Clash Report".
                line_end = body_text.find("\n", found[2])
                rest = body_text[found[2] : None if line_end < 0 else line_end]
                rest = rest.strip(" \t-–—|·,")
                if rest and len(rest) <= 40 and not _TIME_OR_NUMBER.match(rest):
                    source = _clean(rest)
    if not source and first_url_host:
        source = first_url_host
    title = title[:200] or fallback_title
    return title, published, source[:60]


def read_entry(path: Path, root: Path) -> LibraryEntry:
    """A list entry for one article, reading only its first HEAD_BYTES bytes."""
    path = Path(path)
    try:
        name = path.relative_to(root).as_posix()
    except ValueError:
        name = path.name
    # File names are untrusted too: no control character may reach the screen.
    name = one_line(name)
    stem = one_line(path.stem)
    try:
        with open(path, "rb") as fh:
            data = fh.read(HEAD_BYTES)
            size = os.fstat(fh.fileno()).st_size
    except OSError:
        return LibraryEntry(path=path, name=name, title=stem, binary=True)
    if b"\0" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return LibraryEntry(path=path, name=name, title=name, size=size, binary=True)
    title, published, source = parse_head(
        decode_head(data),
        markdown=path.suffix.lower() in MARKDOWN_SUFFIXES,
        fallback_title=stem,
    )
    title, source = one_line(title), one_line(source)
    sidecar = sidecar_path_for(path)
    count = count_annotations(sidecar) if sidecar.exists() else 0
    return LibraryEntry(
        path=path,
        name=name,
        title=title,
        published=published,
        source=source,
        annotation_count=count,
        size=size,
    )


def scan_library(
    root: Path,
    progress: Callable[[int], None] | None = None,
    *,
    progress_every: int = 100,
) -> list[LibraryEntry]:
    """Every article under `root`, sorted newest first then by name.

    `progress(n)` is called every `progress_every` files with the number read so far.
    """
    root = Path(root).resolve()
    entries = []
    for count, path in enumerate(iter_article_paths(root), start=1):
        entries.append(read_entry(path, root))
        if progress is not None and count % progress_every == 0:
            progress(count)
    return sort_entries(entries)


def sort_entries(entries: list[LibraryEntry]) -> list[LibraryEntry]:
    return sorted(entries, key=lambda entry: entry.sort_key)


def filter_entries(entries: list[LibraryEntry], query: str) -> list[LibraryEntry]:
    if not query.strip():
        return list(entries)
    return [entry for entry in entries if entry.matches(query)]


def newest_openable(entries: list[LibraryEntry]) -> LibraryEntry | None:
    """The first entry (newest) that is not a binary file."""
    return next((entry for entry in entries if not entry.binary), None)

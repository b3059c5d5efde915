"""Front matter (YAML between `---` lines, TOML between `+++` lines) read safely.

Front matter comes from untrusted files, so reading it is bounded: at most `MAX_CHARS`
characters are parsed, YAML aliases are refused (a few hundred bytes of nested aliases expand
to gigabytes: "billion laughs"), and any failure of a parser (a syntax error, nesting deep
enough to exhaust the stack, a number too long to convert) means the front matter is ignored,
with a one-line reason. Nothing here raises.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib

import yaml

from reader.document.dates import MONTHS
from reader.document.decode import sanitize
from reader.document.model import Metadata

MAX_CHARS = 64 * 1024
_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")


class _NoAliasLoader(yaml.SafeLoader):
    """`yaml.SafeLoader` that refuses aliases (`*name`) instead of expanding them."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases are not allowed in front matter", event.start_mark
            )
        return super().compose_node(parent, index)


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    """A YAML date, or its text when the calendar has no such day (`date: 2023-02-30`):
    one bad value never costs the rest of the front matter (the title, the authors)."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_NoAliasLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


def read_yaml(content: str) -> tuple[object, str | None]:
    """(data, None) for YAML front matter, or (None, why it was ignored)."""
    if len(content) > MAX_CHARS:
        return None, f"front matter is longer than {MAX_CHARS // 1024} KB, ignored"
    try:
        return yaml.load(content, Loader=_NoAliasLoader), None  # noqa: S506 - a safe loader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        problem = getattr(error, "problem", None) or ""
        if "aliases" in problem:
            return None, f"front matter uses YAML aliases{where}, ignored"
        return None, f"front matter is not valid YAML{where}, ignored"
    except (RecursionError, MemoryError, ValueError, TypeError):
        return None, "front matter could not be read, ignored"


def read_toml(content: str) -> tuple[object, str | None]:
    """(data, None) for TOML front matter; when some values are not valid TOML (a Julia
    post's `meta = [("property", …)]` tuples, `date = Date(2023, 07, 06)`), the values that
    parse are kept and the note names the keys left out; (None, why) when nothing is read."""
    if len(content) > MAX_CHARS:
        return None, f"front matter is longer than {MAX_CHARS // 1024} KB, ignored"
    try:
        return tomllib.loads(content), None
    except tomllib.TOMLDecodeError:
        pass
    except (RecursionError, MemoryError, ValueError, TypeError):
        return None, "front matter could not be read, ignored"
    data, skipped = _read_toml_entries(content)
    if not data:
        return None, "front matter is not valid TOML, ignored"
    return data, f"front matter values that are not valid TOML were left out ({', '.join(skipped)})"


# A line that starts a TOML entry (`key = …`, `"key" = …`) or a table header (`[extra]`).
_TOML_KEY = re.compile(r"""^(?P<key>[A-Za-z0-9_.-]+|"[^"\n]*"|'[^'\n]*')\s*=""")
_TOML_TABLE = re.compile(r"^\[{1,2}[^\]\n]+\]{1,2}\s*(?:#.*)?$")


def _toml_entries(content: str) -> list[tuple[str, str, str]]:
    """(table header, key, entry text) per top-level entry: an entry runs from its `key =`
    line to the next entry or table header (so a multi-line array or string stays whole)."""
    entries: list[tuple[str, str, str]] = []
    table = ""
    current: list[str] | None = None
    key = ""
    for line in content.split("\n"):
        m = _TOML_KEY.match(line)
        if m or _TOML_TABLE.match(line):
            if current is not None:
                entries.append((table, key, "\n".join(current)))
                current = None
            if m is None:
                table = line.strip()
                continue
            key, current = m["key"].strip("\"'"), [line]
        elif current is not None:
            current.append(line)
    if current is not None:
        entries.append((table, key, "\n".join(current)))
    return entries


def _merge(into: dict, data: dict) -> None:
    for key, value in data.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def _read_toml_entries(content: str) -> tuple[dict, list[str]]:
    """Every entry of `content` that is valid TOML on its own, and the keys of the others."""
    data: dict = {}
    skipped: list[str] = []
    for table, key, entry in _toml_entries(content):
        try:
            _merge(data, tomllib.loads(f"{table}\n{entry}" if table else entry))
        except (tomllib.TOMLDecodeError, RecursionError, MemoryError, ValueError, TypeError):
            skipped.append(key)
    return data, skipped


# Franklin (the Julia site generator) sets page variables in the body: `@def title = "…"`.
_FRANKLIN_DEF = re.compile(r"^@def\s+(?P<key>[A-Za-z_]\w*)\s*=(?P<value>.*)$")
_JULIA_DATE = re.compile(r"^Date\(\s*(\d{4})\s*,\s*(\d{1,2})\s*,\s*(\d{1,2})\s*\)$")


def franklin_value(value: str) -> object:
    """A Franklin `@def` value: TOML when it reads as TOML, `Date(2020, 5, 2)` as a date,
    else the text itself."""
    m = _JULIA_DATE.match(value)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return value
    try:
        return tomllib.loads(f"v = {value}")["v"]
    except (tomllib.TOMLDecodeError, RecursionError, MemoryError, ValueError, TypeError):
        return value.strip("\"'")


def read_franklin_defs(lines: list[str]) -> dict[str, object]:
    """The `@def key = value` lines among `lines` (at most MAX_CHARS of them), as data."""
    data: dict[str, object] = {}
    size = 0
    for line in lines:
        m = _FRANKLIN_DEF.match(line)
        if m is None:
            continue
        size += len(line)
        if size > MAX_CHARS:
            break
        value = m["value"].strip()
        if value:
            data.setdefault(m["key"], franklin_value(value))
    return data


def is_franklin_def(line: str) -> bool:
    return line.startswith("@def") and _FRANKLIN_DEF.match(line) is not None and "=" in line


# --- what front matter says ------------------------------------------------------------


def iso_date(value: object) -> str | None:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        m = _DATE.search(value)
        if m:
            return _checked_date(m[1], m[2], m[3])
        m = _DAY_MONTH_YEAR.search(value)  # "2 May 2020"
        if m and m[2].lower() in MONTHS:
            return _checked_date(m[3], MONTHS[m[2].lower()], m[1])
    return None


def _checked_date(year: object, month: object, day: object) -> str | None:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()  # type: ignore[call-overload]
    except (ValueError, OverflowError):
        return None


def _names(value: object) -> list[str]:
    if isinstance(value, str):
        parts = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*", value.strip())
        return [p for p in (x.strip() for x in parts) if p]
    if isinstance(value, dict):
        name = value.get("name") or value.get("title")
        return [str(name)] if name else []
    if isinstance(value, list | tuple):
        out: list[str] = []
        for item in value:
            out.extend(_names(item) if not isinstance(item, str) else [item.strip()])
        return [n for n in out if n]
    return []


def apply_front_matter(data: object, meta: Metadata) -> None:
    if not isinstance(data, dict):
        return
    extra = data.get("extra") if isinstance(data.get("extra"), dict) else {}

    def first(*keys: str) -> object:
        for key in keys:
            for source in (data, extra):
                if source.get(key) not in (None, "", [], {}):
                    return source[key]
        return None

    title = first("title")
    if title is not None:
        meta.title = sanitize(" ".join(str(title).split()))
    subtitle = first("description", "subtitle", "summary", "rss_description", "rss")
    if subtitle is not None:
        meta.subtitle = str(subtitle).strip()
    published = iso_date(
        first("date", "published", "pubDate", "publishDate", "rss_pubdate")
    ) or iso_date(first("path", "slug", "permalink"))
    if published:
        meta.published = published
    meta.authors = [sanitize(n) for n in _names(first("authors", "author", "by"))]
    source = first("source", "publisher", "site")
    if isinstance(source, str):
        meta.source = sanitize(source.strip())
    _keep_addresses(first, meta)


def _keep_addresses(first, meta: Metadata) -> None:
    """The page's `url` (where it was fetched) and `canonical` (its own address) in `extra`."""
    for key in ("url", "canonical"):
        address = first(key)
        if isinstance(address, str) and address.strip():
            meta.extra[key] = sanitize(address.strip())

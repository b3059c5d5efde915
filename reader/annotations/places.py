"""Where each highlight sits in its article, kept in its record, so an export need not parse.

The Markdown export says where a highlight is ("¶ 12, sentence 3 · line 40") and what the
article is (title, date, source, authors): working that out means parsing the article and
splitting the blocks that hold highlights into sentences. The store knows both when it
writes a record (it has the article parsed), so it keeps them in the sidecar:

* each record's `"place"`: `{"key": K, "start": s, "end": e, "at": [paragraph, sentence,
  last sentence, line, last paragraph], "said": [source, kind], "in": heading}` (`"said"`:
  whom the text attributes the highlight to, reader.claims; `"in"`: the heading it falls
  under, a book's chapter, or null; the paragraphs count within that heading's section, 0
  being the heading itself: `Locator.where`), worked out when the record is written (only
  changed records are);
* the meta record's `"article"`: `{"key": K, "title": ..., "subtitle": ..., "published": ...,
  "source": ..., "authors": [...]}`, with its `"url"` and `"canonical"` when it has them.

`K` (`place_key`) names what they were worked out from: the article's text (its SHA-256),
its file name (a plain text's title falls back to it), the parsing code
(`parser_fingerprint`, which covers the attribution code too) and the version of this
format (`PLACE_FORMAT`: a place of an earlier one, without `"in"` or the last paragraph, or
counting paragraphs from the top of the article, is not trusted, so an old sidecar still
reads and its article is parsed until its records are rewritten). A place vouches only for
the span it names, under the key of the text read now; anything else (a changed article,
another version of the parser, a record edited by hand) is not trusted, and the export
parses the article as it always could.
"""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import reader.claims
import reader.document
from reader.claims.model import KINDS, Attribution, Kind
from reader.document.model import Document, Metadata

if TYPE_CHECKING:
    from reader.claims.attribution import DocumentAttributions
    from reader.document.locate import Locator

Place = tuple[int, int, int, int, int]  # paragraph, sentence, last sentence, line, last paragraph
# 4: paragraphs count within the heading's section; 3: the last paragraph in "at"; 2: "in",
# the heading (1: without it)
PLACE_FORMAT = 4
ADDRESS_KEYS = ("url", "canonical")  # the article's web addresses (`Metadata.extra`)


@functools.cache
def parser_fingerprint() -> str:
    """A digest of the code that parses articles, numbers places and attributes claims."""
    digest = hashlib.sha256()
    for package in (reader.document, reader.claims):
        for path in sorted(Path(package.__file__).parent.glob("*.py")):
            digest.update(f"{package.__name__}/{path.name}\0".encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def place_key(document: Document) -> str:
    """What places in `document` are worked out from (see the module docstring)."""
    return text_place_key(document.sha256, document.path, document.format)


def text_place_key(sha256: str, path: str, fmt: str) -> str:
    """`place_key` of a document of format `fmt` at `path` whose text has this SHA-256."""
    name = os.path.basename(path)
    seed = f"{sha256}\0{name}\0{fmt}\0{parser_fingerprint()}"
    seed += f"\0{PLACE_FORMAT}"
    return hashlib.sha256(seed.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def place_record(
    locator: Locator, attributions: DocumentAttributions, key: str, start: int, end: int
) -> dict[str, Any] | None:
    """The `"place"` of a record anchored at start:end (None when the text has no blocks)."""
    where = locator.where(start, end)
    if where is None:
        return None
    said = attributions.of(start, end)
    return {
        "key": key,
        "start": start,
        "end": end,
        "at": list(where),
        "said": [said.source, said.kind],
        "in": locator.heading(start),
    }


def fits(place: Any, key: str, start: int, end: int) -> bool:
    """True when `place` (as stored) is for start:end of the text with this key."""
    return _trusted(place, key, start, end) is not None


def _trusted(
    place: Any, key: str, start: int, end: int
) -> tuple[Place, Attribution, str | None] | None:
    """The (paragraph, sentence, last sentence, line, last paragraph), the attribution and the
    heading of a stored `place` for start:end of the text with this key; None when it is not
    that, or not well formed."""
    if not (
        type(place) is dict
        and place.get("key") == key
        and place.get("start") == start
        and place.get("end") == end
    ):
        return None
    at = place.get("at")
    if type(at) is not list or len(at) != 5:
        return None
    paragraph, sentence, last, line, last_paragraph = at
    said = place.get("said")
    if not (type(said) is list and len(said) == 2 and type(said[0]) is str and said[1] in KINDS):
        return None
    heading = place.get("in", False)  # present, and null or a string
    if not (heading is None or type(heading) is str):
        return None
    if (
        type(paragraph) is int
        and type(sentence) is int
        and type(last) is int
        and type(line) is int
        and type(last_paragraph) is int
        and 0 <= paragraph <= last_paragraph
        and (paragraph > 0 or heading is not None)  # 0: the heading itself
        and 0 < sentence <= last
        and line > 0
    ):
        at = (paragraph, sentence, last, line, last_paragraph)
        return at, _attribution(said[0], said[1]), heading
    return None


@functools.lru_cache(maxsize=4096)  # a library names few sources, each for many highlights
def _attribution(source: str, kind: Kind) -> Attribution:
    """The (immutable) stored attribution `source`, `kind`: one object for all that name it."""
    return Attribution(source, kind)


def place_label(place: Place) -> str:
    """Where a highlight is in the section of the heading it falls under, as the exports say
    it after that heading: `¶ 12, sentence 3`, `¶ 12, sentences 3–4`, or `¶ 12–13` for one
    that runs on into the paragraphs after its first; `heading` (or `heading–¶ 2`) for one
    that starts on the heading itself (paragraph 0)."""
    paragraph, sentence, last, _line, last_paragraph = place
    if paragraph == 0:
        return f"heading–¶ {last_paragraph}" if last_paragraph else "heading"
    if last_paragraph > paragraph:
        return f"¶ {paragraph}–{last_paragraph}"
    if last > sentence:
        return f"¶ {paragraph}, sentences {sentence}–{last}"
    return f"¶ {paragraph}, sentence {sentence}"


def article_facts(document: Document, key: str) -> dict[str, Any]:
    """The meta record's `"article"`: what the export says of the article."""
    meta = document.meta
    return {
        "key": key,
        "title": meta.title,
        "subtitle": meta.subtitle,
        "published": meta.published,
        "source": meta.source,
        "authors": list(meta.authors),
        **{key: meta.extra[key] for key in ADDRESS_KEYS if isinstance(meta.extra.get(key), str)},
    }


def metadata_from(facts: Any, key: str) -> Metadata | None:
    """The article's metadata from stored `facts`, when they are for the text with `key`."""
    if not isinstance(facts, dict) or facts.get("key") != key:
        return None
    title, subtitle, source = facts.get("title"), facts.get("subtitle"), facts.get("source")
    published, authors = facts.get("published"), facts.get("authors")
    if not (
        isinstance(title, str)
        and isinstance(subtitle, str)
        and isinstance(source, str)
        and (published is None or isinstance(published, str))
        and isinstance(authors, list)
        and all(isinstance(a, str) for a in authors)
    ):
        return None
    addresses = {key: facts[key] for key in ADDRESS_KEYS if isinstance(facts.get(key), str)}
    return Metadata(title, subtitle, published, source, list(authors), addresses)


@dataclass(slots=True)
class StoredPlaces:
    """The article's metadata and its highlights' places as the sidecar keeps them:
    `located[start, end]` is the (place, attribution, heading) of the highlight there."""

    meta: Metadata
    located: dict[tuple[int, int], tuple[Place, Attribution, str | None]]

    def where(self, start: int, end: int) -> Place | None:
        found = self.located.get((start, end))
        return None if found is None else found[0]

    def attribution(self, start: int, end: int) -> Attribution | None:
        found = self.located.get((start, end))
        return None if found is None else found[1]

    def heading(self, start: int, end: int) -> str | None:
        found = self.located.get((start, end))
        return None if found is None else found[2]


def stored_places(facts: Any, key: str, spans: list[tuple[int, int, Any]]) -> StoredPlaces | None:
    """What the sidecar says of the article and of every (start, end, stored place) in
    `spans`, when all of it is for the text with `key`; else None (parse the article)."""
    meta = metadata_from(facts, key)
    if meta is None:
        return None
    located = {}
    for start, end, place in spans:
        trusted = _trusted(place, key, start, end)
        if trusted is None:
            return None
        located[start, end] = trusted
    return StoredPlaces(meta, located)

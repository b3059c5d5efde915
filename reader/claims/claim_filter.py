"""The filter of the claims lists (the article's claims pane, the library's claims screen).

A query is words, any mix of:

* `c:` (a category letter and a colon), a category name (`claim`, `evidence`, `key quote`...)
  or the start of one with a colon (`evid:`, `key:`): keeps that category;
* `status:` with the start of a status (`status:ref`), or the start of a status with a colon
  (`ref:`, `sup:`, `unver:` — both unverified and unverifiable): keeps that status;
* `#` and the start of a tag (`#econ`): keeps highlights with such a tag;
* `source:` with the start of an attribution kind (`source:named`, `source:anon`,
  `source:none`): keeps highlights the text attributes so (`stored_kind`);
* any other word: it must appear in the quote, the note, the rationale, the tags or the
  category's name (case-insensitive; part of a word is enough, so `dispu`, typed on the way
  to `disputed`, already keeps the Disputed highlights, and `econ` a tag `economy`).

Kinds given several times widen (`c: e:` is a claim or evidence); different kinds narrow.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from reader.annotations.categories import CATEGORIES, CATEGORY_LABELS, CATEGORY_LETTERS
from reader.annotations.verdicts import STATUSES
from reader.claims.model import KINDS

_LETTER_TO_CATEGORY = {letter.lower(): cat for cat, letter in CATEGORY_LETTERS.items()}
_NAME_TO_CATEGORY = {
    **{cat: cat for cat in CATEGORIES},
    **{label.lower(): cat for cat, label in CATEGORY_LABELS.items()},
    "key": "quote",
}
_CATEGORY_WORDS = {cat: label.lower() for cat, label in CATEGORY_LABELS.items()}


# The syntax in short, for the help screen: (what to type, what it keeps), lines that fit an
# 80-column terminal's help dialog.
FILTER_HELP: tuple[tuple[str, str], ...] = (
    ("words", "in the quote, note, verdict, tags or category"),
    ("", "(part of a word is enough: dispu, econ)"),
    ("c: e: q: d: k:", "that category; or its start: evid: key:"),
    ("ref: sup: unver:", "that verdict; or status:ref"),
    ("#econ", "a tag starting so"),
    ("source:named", "attributed so (source:anon, source:none)"),
    ("c: e:", "one kind twice widens; two kinds narrow"),
)


class Claim(Protocol):
    """What the filter reads of a claim: an `Annotation`, or a `LibraryClaim` (the fields
    of a record the library's claims list decodes)."""

    category: str
    status: str
    exact: str
    note: str
    rationale: str
    tags: list[str]
    orphaned: bool
    place: dict[str, Any] | None


C = TypeVar("C", bound=Claim)


@dataclass(slots=True)
class ClaimQuery:
    categories: set[str] = field(default_factory=set)
    words: list[str] = field(default_factory=list)
    statuses: set[str] = field(default_factory=set)
    tags: list[str] = field(default_factory=list)  # tag starts, lower case
    kinds: set[str] = field(default_factory=set)

    @property
    def empty(self) -> bool:
        return not (self.categories or self.words or self.statuses or self.tags or self.kinds)


# A claim's attribution kind in a list row (the claims pane, the library's claims).
KIND_MARKS = {"named": "named", "anonymous": "anon", "none": "unsourced"}


def stored_kind(ann: Claim) -> str:
    """ "named", "anonymous" or "none", as the record's place says (worked out by the store
    when it wrote the record: reader/annotations/places.py); "" when it says nothing (an
    orphan, a record from before attributions, or one another tool wrote)."""
    said = ann.place.get("said") if ann.place is not None and not ann.orphaned else None
    if type(said) is list and len(said) == 2 and said[1] in KINDS:
        return said[1]
    return ""


def _categories_starting(prefix: str) -> set[str]:
    if len(prefix) < 2:
        return set()
    return {cat for name, cat in _NAME_TO_CATEGORY.items() if name.startswith(prefix)}


def _statuses_starting(prefix: str) -> set[str]:
    if len(prefix) < 2:
        return set()
    return {status for status in STATUSES if status.startswith(prefix)}


def parse_query(query: str) -> ClaimQuery:
    """The parts of a filter query (see the module docstring)."""
    parsed = ClaimQuery()
    text = query.strip().lower()
    if text.startswith("key quote"):
        parsed.categories.add("quote")
        text = text[len("key quote") :]
    for token in text.split():
        head, colon, rest = token.partition(":")
        if len(token) == 2 and colon and head in _LETTER_TO_CATEGORY:
            parsed.categories.add(_LETTER_TO_CATEGORY[head])
        elif token in _NAME_TO_CATEGORY:
            parsed.categories.add(_NAME_TO_CATEGORY[token])
        elif colon and head == "source" and rest and any(k.startswith(rest) for k in KINDS):
            parsed.kinds |= {kind for kind in KINDS if kind.startswith(rest)}
        elif colon and head == "status" and _statuses_starting(rest):
            parsed.statuses |= _statuses_starting(rest)
        elif colon and not rest and _categories_starting(head):
            parsed.categories |= _categories_starting(head)
        elif colon and not rest and _statuses_starting(head):
            parsed.statuses |= _statuses_starting(head)
        elif token.startswith("#") and len(token) > 1:
            parsed.tags.append(token[1:])
        else:
            parsed.words.append(token)
    return parsed


def matches(ann: Claim, query: ClaimQuery) -> bool:
    if query.categories and ann.category not in query.categories:
        return False
    if query.statuses and ann.status not in query.statuses:
        return False
    if query.kinds and stored_kind(ann) not in query.kinds:
        return False
    if query.tags and not all(
        any(tag.lower().startswith(start) for tag in ann.tags) for start in query.tags
    ):
        return False
    if query.words:
        category = _CATEGORY_WORDS.get(ann.category, "")
        haystack = f"{ann.exact}\n{ann.note}\n{ann.rationale}\n{' '.join(ann.tags)}".lower()
        haystack = f"{haystack}\n{category}"
        if not all(word in haystack for word in query.words):
            return False
    return True


def filter_claims(annotations: Iterable[C], query: str) -> list[C]:
    """The annotations (or library claims) matching `query`, order kept."""
    parsed = parse_query(query)
    if parsed.empty:
        return list(annotations)
    return [ann for ann in annotations if matches(ann, parsed)]

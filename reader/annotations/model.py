"""What an annotation is: a categorised, tagged, noted highlight anchored W3C-style, with a
verdict on the claim and evidence links.

The target follows the W3C Web Annotation model: a TextQuoteSelector (`exact` with up to
32 characters of `prefix` and `suffix`) and a TextPositionSelector (`start`, `end`) into the
document's anchor text (`Document.text`).

A highlight is in one of three states (`Annotation.state`): anchored; edited, when the
article was rewritten (a stealth edit caught by `reader refresh`, or any edit) and its quote
was found again with other wording: `exact` is the wording now, `edited_from` the wording
it was highlighted with; orphaned, when its quote is not found at all.
"""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from reader.annotations.categories import (  # noqa: F401  (part of this module's API)
    CATEGORIES,
    CATEGORY_LABELS,
    CATEGORY_LETTERS,
    category_for_key,
)
from reader.annotations.kept import kept_of
from reader.annotations.verdicts import DEFAULT_STATUS, Evidence

CONTEXT_CHARS = 32
SCHEMA_VERSION = 1


def utc_now() -> str:
    """Current UTC time as ISO 8601 with a `Z` suffix, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def new_id() -> str:
    return str(uuid.uuid4())


def quote_selector(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(prefix, exact, suffix) for the range `start:end` of `text`."""
    return (
        text[max(0, start - CONTEXT_CHARS) : start],
        text[start:end],
        text[end : end + CONTEXT_CHARS],
    )


@dataclass(slots=True)
class Annotation:
    """One highlight: its category, note and tags, and where it sits (its selectors).
    Fields compare by value; `replace` copies with changes."""

    id: str
    category: str
    start: int
    end: int
    exact: str
    prefix: str = ""
    suffix: str = ""
    note: str = ""
    tags: list[str] = field(default_factory=list)
    created: str = ""
    modified: str = ""
    orphaned: bool = False
    # The quote's wording when it was highlighted, once the article was edited under it
    # (re-anchoring found other wording there: reader.annotations.anchoring); "" otherwise.
    edited_from: str = ""
    # the verdict on the claim (reader/annotations/verdicts.py), why, and what supports it
    status: str = DEFAULT_STATUS
    rationale: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    # fields this version does not know, kept so a rewrite never drops them
    extra: dict[str, Any] = field(default_factory=dict)
    # known fields the file held with the wrong type ({"tags": "a,b"}), as they were: the
    # fields above hold defaults, and a rewrite writes these back until they are edited
    malformed: dict[str, Any] = field(default_factory=dict)
    # where the record said it sits in the article, as stored (reader/annotations/places.py)
    place: dict[str, Any] | None = None

    def replace(self, **changes: Any) -> Annotation:
        """A copy with `changes` (`dataclasses.replace`: lists and dicts not changed are
        shared)."""
        return dataclasses.replace(self, **changes)

    @classmethod
    def create(
        cls,
        text: str,
        start: int,
        end: int,
        category: str = "claim",
        note: str = "",
        tags: list[str] | None = None,
    ) -> Annotation:
        prefix, exact, suffix = quote_selector(text, start, end)
        now = utc_now()
        return cls(
            id=new_id(),
            category=category,
            start=start,
            end=end,
            exact=exact,
            prefix=prefix,
            suffix=suffix,
            note=note,
            tags=list(tags or []),
            created=now,
            modified=now,
        )

    @property
    def needs_attention(self) -> bool:
        """The file held some of its fields with the wrong type (see `malformed`, and
        `kept_original`: reader/annotations/kept.py): show it."""
        # A malformed position re-anchoring replaced is fine now (it is kept all the same).
        fixed = ("start", "end") if self.start >= 0 else ()
        return any(k not in fixed for k in (*self.malformed, *kept_of(self.extra)))

    @property
    def state(self) -> str:
        """ "anchored", "edited" (anchored, its wording changed since) or "orphaned"."""
        if self.orphaned:
            return "orphaned"
        return "edited" if self.edited_from else "anchored"

    @property
    def letter(self) -> str:
        return CATEGORY_LETTERS.get(self.category, "?")

    @property
    def label(self) -> str:
        return CATEGORY_LABELS.get(self.category, self.category)


def still_anchored(text: str, ann: Annotation) -> bool:
    """True when `ann`'s stored selectors are exactly what anchoring it at its stored position
    in `text` gives: `text[start:end] == exact`, and the CONTEXT_CHARS around it are `prefix`
    and `suffix` (so re-anchoring would change nothing). Compared in place, without slicing."""
    start, end, exact, prefix, suffix = ann.start, ann.end, ann.exact, ann.prefix, ann.suffix
    size = len(text)
    return (
        0 <= start < end <= size
        and len(exact) == end - start
        and len(prefix) == (start if start < CONTEXT_CHARS else CONTEXT_CHARS)
        and len(suffix) == (size - end if size - end < CONTEXT_CHARS else CONTEXT_CHARS)
        and text.startswith(exact, start)
        and text.startswith(prefix, start - len(prefix))
        and text.startswith(suffix, end)
    )

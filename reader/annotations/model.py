"""What an annotation is: a categorised, tagged, noted highlight anchored W3C-style.

The target follows the W3C Web Annotation model: a TextQuoteSelector (`exact` with up to
32 characters of `prefix` and `suffix`) and a TextPositionSelector (`start`, `end`) into the
document's anchor text (`Document.text`).
"""

from __future__ import annotations

from reader.annotations.categories import (  # noqa: F401  (part of this module's API)
    CATEGORIES,
    CATEGORY_LABELS,
    CATEGORY_LETTERS,
    category_for_key,
)
from reader.records import Record

TYPE_CHECKING = False  # `typing` costs milliseconds at start-up; annotations are strings
if TYPE_CHECKING:
    from typing import Any

CONTEXT_CHARS = 32
SCHEMA_VERSION = 1


def utc_now() -> str:
    """Current UTC time as ISO 8601 with a `Z` suffix, to the second."""
    from datetime import UTC, datetime  # imported when first needed: reading never needs it

    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def new_id() -> str:
    import uuid  # imported when first needed: it costs `platform` at import

    return str(uuid.uuid4())


def quote_selector(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(prefix, exact, suffix) for the range `start:end` of `text`."""
    return (
        text[max(0, start - CONTEXT_CHARS) : start],
        text[start:end],
        text[end : end + CONTEXT_CHARS],
    )


class Annotation(Record):
    """One highlight: its category, note and tags, and where it sits (its selectors).

    A `Record` rather than a `@dataclass`: the export reads ten thousand of these in a
    process that should not pay for generating dataclass code (see reader/records.py).
    Fields compare by value; `replace` copies with changes (like `dataclasses.replace`)."""

    __slots__ = (
        "id", "category", "start", "end", "exact", "prefix", "suffix", "note", "tags",
        "created", "modified", "orphaned",
        "extra",  # fields this version does not know, kept so a rewrite never drops them
    )  # fmt: skip

    def __init__(
        self,
        id: str,
        category: str,
        start: int,
        end: int,
        exact: str,
        prefix: str = "",
        suffix: str = "",
        note: str = "",
        tags: list[str] | None = None,
        created: str = "",
        modified: str = "",
        orphaned: bool = False,
        extra: dict[str, object] | None = None,
    ) -> None:
        self.id = id
        self.category = category
        self.start = start
        self.end = end
        self.exact = exact
        self.prefix = prefix
        self.suffix = suffix
        self.note = note
        self.tags: list[str] = [] if tags is None else tags
        self.created = created
        self.modified = modified
        self.orphaned = orphaned
        self.extra: dict[str, object] = {} if extra is None else extra

    def replace(self, **changes: Any) -> Annotation:
        """A copy with `changes` (field names; unknown ones raise TypeError). Lists and
        dicts not changed are shared, as with `dataclasses.replace`."""
        values = {name: getattr(self, name) for name in self._FIELDS}
        values.update(changes)
        return Annotation(**values)

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
    def letter(self) -> str:
        return CATEGORY_LETTERS.get(self.category, "?")

    @property
    def label(self) -> str:
        return CATEGORY_LABELS.get(self.category, self.category)

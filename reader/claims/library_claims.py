"""Every highlight of a library, read from the sidecars.

`scan_claims(root)` reads the sidecar of every article under `root` (never the articles: a
highlight's record holds its quote and where it was, `TextPositionSelector`, and whom the text
attributes it to, its place's `said`; the meta record holds the article's date), through the
store's one sidecar reader. Of each record it decodes only what the claims lists show and
filter on, with the store's own field decoders; the whole annotation is decoded when asked
for (`LibraryClaim.annotation`). The sentences of other articles saying the same claim are
found by reader/claims/same_claim.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import Any, Self

from reader.annotations.categories import CATEGORY_LETTERS
from reader.annotations.merge import meta_of
from reader.annotations.model import Annotation
from reader.annotations.record import (
    category_of,
    is_record,
    orphaned_of,
    place_of,
    quote_of,
    record_to_annotation,
    status_of,
    tags_of,
    text_of,
)
from reader.annotations.sidecar import SidecarProblem, read_sidecar_file, sidecar_path_for
from reader.claims.claim_filter import stored_kind
from reader.library_sidecars import read_library_sidecars


def _decoded(decode: Callable[[dict[str, Any]], Any]) -> Any:
    """A field of a `LibraryClaim` decoded from its record by `decode` when first read."""
    return cached_property(lambda claim: decode(claim.record))


@dataclass(frozen=True)
class LibraryClaim:
    """One highlight of the library: the article it is in, its record, and the fields the
    claims lists show and filter on, each decoded from the record by the store's own field
    decoders (reader/annotations/record.py) when first read. Where it is (`start`,
    `orphaned`, `id`: what the list is sorted by) is decoded at once; the rest only for the
    claims a list shows or a filter reads; the whole annotation only when asked
    (`annotation`)."""

    path: Path
    name: str  # the article's path relative to the library folder
    record: dict[str, Any] = field(repr=False, compare=False)
    published: str = field(default="", compare=False)  # the article's ISO date, "" unknown
    id: str = ""
    exact: str = ""
    start: int = -1
    orphaned: bool = False

    @classmethod
    def of(cls, path: Path, name: str, record: dict[str, Any], published: str = "") -> Self:
        """The claim `record` (a decodable record: `is_record`) of the article at `path`."""
        exact, start = quote_of(record)
        return cls(path, name, record, published, record["id"], exact, start, orphaned_of(record))

    category = _decoded(category_of)
    status = _decoded(status_of)
    note = _decoded(partial(text_of, key="note"))
    rationale = _decoded(partial(text_of, key="rationale"))
    tags = _decoded(tags_of)
    place = _decoded(place_of)

    @property
    def annotation(self) -> Annotation:
        """The whole annotation, as the store decodes it."""
        return record_to_annotation(self.record)

    @property
    def letter(self) -> str:
        return CATEGORY_LETTERS.get(self.category, "?")

    @property
    def kind(self) -> str:
        """Whom the text attributes the claim to, as last worked out: `stored_kind`."""
        return stored_kind(self)


def read_claims(article: Path) -> list[Annotation]:
    """The annotations of `article`'s sidecar ([] when it has none or it cannot be read: the
    app says why when the article opens)."""
    records, _ = read_claim_records(article)
    out = [record_to_annotation(record) for record in records]
    out.sort(key=lambda a: (a.orphaned, a.start, a.id))
    return out


def read_claim_records(
    article: Path, sidecar: Path | None = None
) -> tuple[list[dict[str, Any]], str]:
    """(the live records of `article`'s sidecar (at `sidecar`, when the caller has its path
    already), the article's ISO date as the sidecar last recorded it or ""); ([], "") when
    it has none or it cannot be read."""
    try:
        data, _ = read_sidecar_file(sidecar or sidecar_path_for(article))
    except SidecarProblem:
        return [], ""
    return claim_records_of(data)


def claim_records_of(data: Any) -> tuple[list[dict[str, Any]], str]:
    """(the live records of the sidecar tables `data`, the article's ISO date as they last
    recorded it or "")."""
    table = data.get("annotations") if isinstance(data, dict) else None
    if not isinstance(table, dict):
        return [], ""
    records = [
        record
        for record in table.values()
        if is_record(record) and not record.get("deleted") and not record.get("tombstone")
    ]
    return records, _published(data)


def _published(data: dict) -> str:
    facts = meta_of(data).get("article")
    published = facts.get("published") if isinstance(facts, dict) else None
    return published if isinstance(published, str) and _ISO_DATE.match(published) else ""


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def scan_claims(root: Path, cancelled: Callable[[], bool] | None = None) -> list[LibraryClaim]:
    """Every highlight of the library under `root`, article by article (in the library's
    order), each in document order (orphans last)."""
    root = Path(root)
    claims: list[LibraryClaim] = []
    for entry in read_library_sidecars(root):
        if cancelled is not None and cancelled():
            break
        records, published = claim_records_of(entry.data)
        if not records:
            continue
        found = [LibraryClaim.of(entry.path, entry.name, r, published) for r in records]
        found.sort(key=lambda c: (c.orphaned, c.start, c.id))
        claims += found
    return claims

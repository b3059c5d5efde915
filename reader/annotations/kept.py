"""What a record held with the wrong type, kept once a new value replaced it.

A known field the file held with the wrong type (`"note": 5`, `"tags": "a,b"`) is kept as
found in `Annotation.malformed` and written back in place until it is edited. Editing it
(in the app, with `reader annotate`, by an import) writes the new value in its place and
moves the value as found under the record's `kept_original` field, `{field: value}`: data
is never erased because it was malformed. A record with kept values still needs attention
(`Annotation.needs_attention`), so the reader can look at what was there.
"""

from __future__ import annotations

from typing import Any

KEPT_FIELD = "kept_original"


def kept_of(extra: dict[str, Any]) -> dict[str, Any]:
    """The values kept under `kept_original` of a record's unknown fields ({} when none)."""
    kept = extra.get(KEPT_FIELD)
    if kept is None:
        return {}
    return kept if isinstance(kept, dict) else {KEPT_FIELD: kept}


def keep_replaced(
    extra: dict[str, Any], malformed: dict[str, Any], fields: tuple[str, ...]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(extra, malformed) once `fields` get new values: their malformed values move under
    `kept_original` in extra (a value kept before for the same field stays)."""
    replaced = {k: v for k, v in malformed.items() if k in fields}
    if not replaced:
        return extra, malformed
    kept = {**replaced, **kept_of(extra)}
    left = {k: v for k, v in malformed.items() if k not in fields}
    return {**extra, KEPT_FIELD: kept}, left


def merged_kept(*records: dict[str, Any]) -> dict[str, Any]:
    """The `kept_original` values of all `records`, the earlier record's on a clash."""
    kept: dict[str, Any] = {}
    for record in reversed(records):
        value = record.get(KEPT_FIELD)
        if value is not None:
            kept.update(value if isinstance(value, dict) else {KEPT_FIELD: value})
    return kept

"""The one record format: an `Annotation` as a TinyDB document of the sidecar, and back.

    {"id": "<uuid>", "type": "Annotation", "category": "claim", "tags": [], "note": "",
     "created": "...Z", "modified": "...Z", "orphaned": false,
     "target": {"source": "story.txt", "selector": [
         {"type": "TextQuoteSelector", "exact": "...", "prefix": "...", "suffix": "..."},
         {"type": "TextPositionSelector", "start": 0, "end": 10}]}}

Fields this version does not know are kept in `Annotation.extra` (unknown parts of the target
under `extra["target"]`), so a record written back keeps them.
"""

from __future__ import annotations

from typing import Any

from reader.annotations.model import Annotation

KNOWN_FIELDS = frozenset(
    {"id", "type", "category", "tags", "note", "created", "modified", "orphaned", "target"}
)


def is_record(value: Any) -> bool:
    """True for a document that can be decoded (an object with a non-empty string id)."""
    return isinstance(value, dict) and isinstance(value.get("id"), str) and bool(value["id"])


def annotation_to_record(ann: Annotation, source: str) -> dict[str, Any]:
    target_extra = ann.extra.get("target")
    target_extra = dict(target_extra) if isinstance(target_extra, dict) else {}
    other_selectors = list(target_extra.pop("selector", []) or [])
    record: dict[str, Any] = {k: v for k, v in ann.extra.items() if k != "target"}
    record.update(
        {
            "id": ann.id,
            "type": "Annotation",
            "category": ann.category,
            "tags": list(ann.tags),
            "note": ann.note,
            "created": ann.created,
            "modified": ann.modified,
            "orphaned": ann.orphaned,
            "target": {
                **target_extra,
                "source": source,
                "selector": [
                    {
                        "type": "TextQuoteSelector",
                        "exact": ann.exact,
                        "prefix": ann.prefix,
                        "suffix": ann.suffix,
                    },
                    {"type": "TextPositionSelector", "start": ann.start, "end": ann.end},
                    *other_selectors,
                ],
            },
        }
    )
    return record


def record_to_annotation(record: Any) -> Annotation:
    """Decode one stored record: unknown fields go to `extra`, wrong types become defaults;
    raises ValueError when it has no usable id."""
    if not is_record(record):
        raise ValueError("annotation without an id")
    extra = {k: v for k, v in record.items() if k not in KNOWN_FIELDS}
    exact = prefix = suffix = ""
    start = end = -1
    target = record.get("target")
    if isinstance(target, dict):
        target_extra = {k: v for k, v in target.items() if k not in ("source", "selector")}
        others = []
        selectors = target.get("selector")
        if isinstance(selectors, dict):
            selectors = [selectors]
        for sel in selectors if isinstance(selectors, list) else []:
            kind = sel.get("type") if isinstance(sel, dict) else None
            if kind == "TextQuoteSelector":
                exact, prefix, suffix = (
                    _str(sel.get("exact")),
                    _str(sel.get("prefix")),
                    _str(sel.get("suffix")),
                )
            elif kind == "TextPositionSelector":
                start, end = _int(sel.get("start")), _int(sel.get("end"))
            else:
                others.append(sel)
        if others:
            target_extra["selector"] = others
        if target_extra:
            extra["target"] = target_extra
    elif target is not None:
        extra["target"] = target
    tags = record.get("tags")
    return Annotation(
        id=record["id"],
        category=_str(record.get("category"), "claim") or "claim",
        start=start,
        end=end,
        exact=exact,
        prefix=prefix,
        suffix=suffix,
        note=_str(record.get("note")),
        tags=[t for t in tags if isinstance(t, str)] if isinstance(tags, list) else [],
        created=_str(record.get("created")),
        modified=_str(record.get("modified")),
        orphaned=bool(record.get("orphaned", False)),
        extra=extra,
    )


def _str(value: Any, default: str = "") -> str:
    return value if isinstance(value, str) else default


def _int(value: Any) -> int:
    if isinstance(value, bool):
        return -1
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return -1

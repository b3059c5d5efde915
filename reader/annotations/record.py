"""The one record format: an `Annotation` as a TinyDB document of the sidecar, and back.

    {"id": "<uuid>", "type": "Annotation", "category": "claim", "tags": [], "note": "",
     "created": "...Z", "modified": "...Z", "orphaned": false, "edited_from": "...",
     "target": {"source": "story.txt", "selector": [
         {"type": "TextQuoteSelector", "exact": "...", "prefix": "...", "suffix": "..."},
         {"type": "TextPositionSelector", "start": 0, "end": 10}]}}

A record may also say where it sits in the article (`"place"`: reader/annotations/places.py),
derived data the store rewrites. `edited_from` (the wording the quote was highlighted with, when
the article has since been edited under it: `exact` holds the wording now) is written only for an
edited highlight. A verdict (`status`, `rationale`, `evidence`:
reader/annotations/verdicts.py) is written only once set. Fields this version does not know are kept in `Annotation.extra` (unknown parts of the target
under `extra["target"]`), so a record written back keeps them.
"""

from __future__ import annotations

from typing import Any

from reader.annotations.kept import keep_replaced
from reader.annotations.model import Annotation
from reader.annotations.verdicts import (
    DEFAULT_STATUS,
    STATUSES,
    Evidence,
    evidence_from_records,
)

KNOWN_FIELDS = frozenset(
    {
        "id",
        "type",
        "category",
        "tags",
        "note",
        "created",
        "modified",
        "orphaned",
        "edited_from",
        "target",
        "place",
        "status",
        "rationale",
        "evidence",
    }
)


def is_record(value: Any) -> bool:
    """True for a document that can be decoded (an object with a non-empty string id)."""
    return isinstance(value, dict) and isinstance(value.get("id"), str) and bool(value["id"])


def annotation_to_record(ann: Annotation, source: str) -> dict[str, Any]:
    target_extra = ann.extra.get("target")
    target_extra = dict(target_extra) if isinstance(target_extra, dict) else {}
    other_selectors = list(target_extra.pop("selector", []) or [])
    record: dict[str, Any] = {k: v for k, v in ann.extra.items() if k != "target"}
    position = {"type": "TextPositionSelector", "start": ann.start, "end": ann.end}
    if ann.start < 0:  # never placed: the file's own (malformed) values, if any
        position.update({k: ann.malformed[k] for k in ("start", "end") if k in ann.malformed})
    elif ann.malformed:  # placed again: the file's own values are kept all the same
        record = keep_replaced(record, ann.malformed, ("start", "end"))[0]
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
                    position,
                    *other_selectors,
                ],
            },
        }
    )
    if ann.place is not None and not ann.orphaned:
        record["place"] = ann.place
    if ann.edited_from:
        record["edited_from"] = ann.edited_from
    # The verdict only once set: a record nobody checked is written as before.
    if ann.status != DEFAULT_STATUS:
        record["status"] = ann.status
    if ann.rationale:
        record["rationale"] = ann.rationale
    if ann.evidence:
        record["evidence"] = [link.to_record() for link in ann.evidence]
    for key, value in ann.malformed.items():  # written back as found, until edited
        if key in _TOP_LEVEL_CHECKED:
            record[key] = value
    return record


def record_to_annotation(record: Any) -> Annotation:
    """Decode one stored record: unknown fields go to `extra`; a known field of the wrong
    type gets its default, and its value as found goes to `malformed` (written back by
    `annotation_to_record`, flagged by `needs_attention`); raises ValueError when it has no
    usable id. Each field is looked at once: the check that it is well formed is its
    decoding (in the order of `_TOP_LEVEL_CHECKED`, the order `malformed` keeps)."""
    if not is_record(record):
        raise ValueError("annotation without an id")
    extra = {} if record.keys() <= KNOWN_FIELDS else _unknown(record)
    malformed: dict[str, Any] = {}
    get = record.get
    category = get("category")
    if not (type(category) is str and category):
        _malformed(record, "category", malformed)
        category = "claim"
    note = get("note")
    if type(note) is not str:
        note = _text(record, "note", malformed)
    tags = get("tags")
    tags = tags.copy() if _all_text(tags) else _tags(record, malformed)
    created = get("created")
    if type(created) is not str:
        created = _text(record, "created", malformed)
    modified = get("modified")
    if type(modified) is not str:
        modified = _text(record, "modified", malformed)
    orphaned = get("orphaned")
    if type(orphaned) is not bool:
        _malformed(record, "orphaned", malformed)
    edited_from = get("edited_from", "")
    if type(edited_from) is not str:
        edited_from = _text(record, "edited_from", malformed)
    status = get("status", DEFAULT_STATUS)
    if status not in STATUSES:
        malformed["status"] = status
        status = DEFAULT_STATUS
    rationale = get("rationale", "")
    if type(rationale) is not str:
        rationale = _text(record, "rationale", malformed)
    links = [] if "evidence" not in record else _evidence(record, malformed)
    exact, prefix, suffix, start, end = _target(get("target"), extra, malformed)
    place = get("place")
    return Annotation(
        record["id"], category, start, end, exact, prefix, suffix, note, tags, created,
        modified, orphaned is True, edited_from, status, rationale, links, extra, malformed,
        place if type(place) is dict else None,
    )  # fmt: skip


def _unknown(record: dict[str, Any]) -> dict[str, Any]:
    """The fields of `record` this version does not know (`Annotation.extra`)."""
    return {k: v for k, v in record.items() if k not in KNOWN_FIELDS}


def _all_text(tags: Any) -> bool:
    """True for a list of strings only (what a well-formed record's `tags` is)."""
    return type(tags) is list and (not tags or all(type(t) is str for t in tags))


def _tags(record: dict[str, Any], malformed: dict[str, Any]) -> list[str]:
    tags = record.get("tags")
    if not isinstance(tags, list):
        _malformed(record, "tags", malformed)
        return []
    if all(isinstance(t, str) for t in tags):
        return list(tags)
    malformed["tags"] = tags
    return [t for t in tags if isinstance(t, str)]


def _evidence(record: dict[str, Any], malformed: dict[str, Any]) -> list[Evidence]:
    evidence = record.get("evidence")
    if evidence is None:
        _malformed(record, "evidence", malformed)
        return []
    links = evidence_from_records(evidence)
    if not (isinstance(evidence, list) and len(links) == len(evidence)):
        malformed["evidence"] = evidence
    return links


def _target(
    target: Any, extra: dict[str, Any], malformed: dict[str, Any]
) -> tuple[str, str, str, int, int]:
    """(exact, prefix, suffix, start, end) of a record's `target`; what else it holds goes
    to `extra`, a position of the wrong type to `malformed`."""
    exact = prefix = suffix = ""
    start = end = -1
    if type(target) is dict:
        target_extra = (
            {} if target.keys() <= _TARGET_FIELDS
            else {k: v for k, v in target.items() if k not in _TARGET_FIELDS}
        )  # fmt: skip
        others = []
        selectors = target.get("selector")
        for sel in selectors if type(selectors) is list else selectors_of(target):
            kind = sel.get("type") if type(sel) is dict else None
            if kind == "TextQuoteSelector":
                exact, prefix, suffix = _quote(sel)
            elif kind == "TextPositionSelector":
                start, end = _position(sel, malformed)
            else:
                others.append(sel)
        if others:
            target_extra["selector"] = others
        if target_extra:
            extra["target"] = target_extra
    elif target is not None:
        extra["target"] = target
    return exact, prefix, suffix, start, end


def _quote(sel: dict[str, Any]) -> tuple[str, str, str]:
    """(exact, prefix, suffix) of a TextQuoteSelector ("" for one missing or not a string)."""
    get = sel.get
    exact, prefix, suffix = get("exact", ""), get("prefix", ""), get("suffix", "")
    if type(exact) is not str:
        exact = ""
    if type(prefix) is not str:
        prefix = ""
    if type(suffix) is not str:
        suffix = ""
    return exact, prefix, suffix


def _position(sel: dict[str, Any], malformed: dict[str, Any]) -> tuple[int, int]:
    """(start, end) of a TextPositionSelector (-1 for one not a usable offset, its value
    as found kept in `malformed`)."""
    start, end = sel.get("start"), sel.get("end")
    if type(start) is not int:
        start = _int(start)
    if type(end) is not int:
        end = _int(end)
    if start < 0 or end < 0:
        malformed.update({k: sel[k] for k in ("start", "end") if k in sel and _int(sel[k]) < 0})
    return start, end


# The decoding of single fields, for `record_to_annotation` and for a reader that needs only a
# few fields of many records (the library's claims list: reader/claims/library_claims.py).


def text_of(record: dict[str, Any], key: str) -> str:
    """A text field of a record ("" when missing or not a string)."""
    return _str(record.get(key))


def category_of(record: dict[str, Any]) -> str:
    return _str(record.get("category"), "claim") or "claim"


def tags_of(record: dict[str, Any]) -> list[str]:
    tags = record.get("tags")
    return [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else []


def status_of(record: dict[str, Any]) -> str:
    status = record.get("status")
    return status if status in STATUSES else DEFAULT_STATUS


def orphaned_of(record: dict[str, Any]) -> bool:
    return record.get("orphaned") is True


def place_of(record: dict[str, Any]) -> dict[str, Any] | None:
    place = record.get("place")
    return place if isinstance(place, dict) else None


def selectors_of(target: dict[str, Any]) -> list[Any]:
    """The selectors of a record's target (one given alone counts as a list of one)."""
    selectors = target.get("selector")
    if isinstance(selectors, dict):
        return [selectors]
    return selectors if isinstance(selectors, list) else []


def quote_of(record: dict[str, Any]) -> tuple[str, int]:
    """(the quote, where it starts: -1 when not placed), as `record_to_annotation` reads
    them."""
    exact, start = "", -1
    target = record.get("target")
    for sel in selectors_of(target) if isinstance(target, dict) else []:
        kind = sel.get("type") if isinstance(sel, dict) else None
        if kind == "TextQuoteSelector":
            exact = _str(sel.get("exact"))
        elif kind == "TextPositionSelector":
            start = _int(sel.get("start"))
    return exact, start


_TARGET_FIELDS = frozenset({"source", "selector"})


def _malformed(record: dict[str, Any], key: str, malformed: dict[str, Any]) -> None:
    """Keep `record[key]`, of the wrong type, as found (nothing when the field is absent)."""
    if key in record:
        malformed[key] = record[key]


def _text(record: dict[str, Any], key: str, malformed: dict[str, Any]) -> str:
    """The string field `key` ("" when absent or of the wrong type, kept in `malformed`)."""
    value = record.get(key)
    if isinstance(value, str):
        return value
    _malformed(record, key, malformed)
    return ""


# The known top-level fields a record may hold with the wrong type (`malformed`), in order.
_TOP_LEVEL_CHECKED = (
    "category", "note", "tags", "created", "modified", "orphaned", "edited_from", "status",
    "rationale", "evidence",
)  # fmt: skip


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

"""The 3-way merge of two versions of a sidecar, given the version both started from.

Two `reader` processes on one article each keep the sidecar's database in memory and write
it from time to time; whoever writes second merges the file (theirs) into its own state
(mine), given what it last read or wrote (base):

* annotations are matched by their `id` (not by TinyDB doc id, which two processes may give
  to different annotations): an annotation only one side changed takes that side's version;
  both changed it -> the later `modified` wins (ours on a tie); deleted on one side and
  edited on the other -> the edit is kept (a note is never lost silently); deleted on one
  side and unchanged on the other -> deleted (a merge never resurrects a deletion);
* the meta record: the article note as an annotation's note (by `article_note_modified`),
  other keys one side changed take that side's value;
* any other table (written by another tool or version) is theirs.

All values are TinyDB's layout: `{table: {doc_id: document}}`.
"""

from __future__ import annotations

from typing import Any

ANNOTATIONS_TABLE = "annotations"
META_TABLE = "meta"
META_DOC_ID = "1"

Tables = dict[str, Any]


def merge_sidecars(base: Tables, mine: Tables, theirs: Tables) -> Tables:
    merged: Tables = {
        name: table for name, table in theirs.items() if name not in (ANNOTATIONS_TABLE, META_TABLE)
    }
    for name, table in mine.items():  # a table we made since (this version makes none)
        if name not in theirs and name not in base and name not in (ANNOTATIONS_TABLE, META_TABLE):
            merged[name] = table
    merged[META_TABLE] = {META_DOC_ID: merge_meta(meta_of(base), meta_of(mine), meta_of(theirs))}
    merged[ANNOTATIONS_TABLE] = merge_annotations(
        base.get(ANNOTATIONS_TABLE) or {},
        mine.get(ANNOTATIONS_TABLE) or {},
        theirs.get(ANNOTATIONS_TABLE) or {},
    )
    return merged


def meta_of(data: Tables) -> dict[str, Any]:
    """The meta record of `data` (the fields of all its meta documents, in order)."""
    meta: dict[str, Any] = {}
    table = data.get(META_TABLE)
    for doc in table.values() if isinstance(table, dict) else ():
        if isinstance(doc, dict):
            meta.update(doc)
    return meta


def merge_meta(base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any]) -> dict:
    merged = dict(theirs)
    for key, value in mine.items():
        if key not in theirs or base.get(key) != value:
            merged[key] = value  # ours, or changed by us
    mine_note, their_note = _str(mine.get("article_note")), _str(theirs.get("article_note"))
    mine_time = _str(mine.get("article_note_modified"))
    their_time = _str(theirs.get("article_note_modified"))
    note = merge_value(
        _str(base.get("article_note")), mine_note, their_note, mine_time >= their_time
    )
    merged["article_note"] = note
    merged["article_note_modified"] = mine_time if note == mine_note else their_time
    return merged


def merge_annotations(base: Tables, mine: Tables, theirs: Tables) -> Tables:
    """The merged annotations table: our documents keep their doc ids; one of theirs whose
    doc id we gave to another annotation gets a new one."""
    base_by_id, mine_by_id, theirs_by_id = (
        documents_by_id(base),
        documents_by_id(mine),
        documents_by_id(theirs),
    )
    merged = merge_records(
        {key: doc for key, (_, doc) in base_by_id.items()},
        {key: doc for key, (_, doc) in mine_by_id.items()},
        {key: doc for key, (_, doc) in theirs_by_id.items()},
    )
    out: Tables = {}
    for key, (doc_id, _) in mine_by_id.items():
        if key in merged:
            out[doc_id] = merged[key]
    next_id = max((int(k) for k in (*mine, *theirs) if str(k).isdecimal()), default=0) + 1
    for key, (doc_id, _) in theirs_by_id.items():
        if key in merged and key not in mine_by_id:
            if doc_id in out:
                doc_id, next_id = str(next_id), next_id + 1
            out[doc_id] = merged[key]
    return out


def merge_records(
    base: dict[str, dict[str, Any]],
    mine: dict[str, dict[str, Any]],
    theirs: dict[str, dict[str, Any]],
) -> dict[str, dict[str, Any]]:
    """3-way merge of records by annotation id (the rules of the module docstring)."""
    merged: dict[str, dict[str, Any]] = {}
    for key in mine.keys() | theirs.keys() | base.keys():
        b, m, t = base.get(key), mine.get(key), theirs.get(key)
        if m == t:
            result = m
        elif m == b:
            result = t  # only they changed it (or deleted it)
        elif t == b:
            result = m  # only we changed it (or deleted it)
        elif m is None:
            result = t  # we deleted, they edited: keep the edit
        elif t is None:
            result = m  # they deleted, we edited: keep the edit
        else:
            result = t if _str(t.get("modified")) > _str(m.get("modified")) else m
        if result is not None:
            merged[key] = result
    return merged


def merge_value(base: Any, mine: Any, theirs: Any, mine_newer: bool) -> Any:
    if mine == theirs or theirs == base:
        return mine
    if mine == base:
        return theirs
    return mine if mine_newer else theirs


def documents_by_id(table: Tables) -> dict[str, tuple[str, dict[str, Any]]]:
    """{annotation id: (doc id, document)}; of two documents with one id the later
    `modified` counts (the file order on a tie)."""
    out: dict[str, tuple[str, dict[str, Any]]] = {}
    for doc_id, doc in table.items():
        if isinstance(doc, dict) and isinstance(doc.get("id"), str):
            seen = out.get(doc["id"])
            if seen is None or _str(seen[1].get("modified")) <= _str(doc.get("modified")):
                out[doc["id"]] = (str(doc_id), doc)
    return out


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""

"""The 3-way merge of two versions of a sidecar, given the version both started from.

Two `reader` processes on one article each keep the sidecar's database in memory and write
it from time to time; whoever writes second merges the file (theirs) into its own state
(mine), given what it last read or wrote (base):

* annotations are matched by their `id` (not by TinyDB doc id, which two processes may give
  to different annotations): an annotation only one side changed takes that side's version;
  both changed it -> field by field: the category, note, tags, status, rationale and
  evidence one side changed take that side's value; a note both changed keeps both texts
  (ours first, then a `NOTE_SEPARATOR` line, then theirs), tags (and evidence links) both
  changed are joined, and the rest is the later `modified`'s
  (ours on a tie); deleted on one side and edited on the other -> the edit is kept (a note
  is never lost silently); deleted on one side and unchanged on the other -> deleted (a
  merge never resurrects a deletion);
* two anchored annotations of exactly the same range (made in two processes at once) fold
  into one: the one created first (then the lower id) stays, with both notes and all tags;
* the meta record: the article note as an annotation's note (both texts when both changed
  it), other keys one side changed take that side's value;
* any other table (written by another tool or version) is theirs.

What the user should hear about (both texts of a note kept, highlights folded) is appended,
one line each, to the `report` list when one is given.

All values are TinyDB's layout: `{table: {doc_id: document}}`.
"""

from __future__ import annotations

from typing import Any

from reader.annotations.quoting import quoted

ANNOTATIONS_TABLE = "annotations"
META_TABLE = "meta"
META_DOC_ID = "1"

NOTE_SEPARATOR = "\n\n--- (edited elsewhere) ---\n\n"

Tables = dict[str, Any]
Report = list[str] | None


def merge_sidecars(base: Tables, mine: Tables, theirs: Tables, report: Report = None) -> Tables:
    merged: Tables = {
        name: table for name, table in theirs.items() if name not in (ANNOTATIONS_TABLE, META_TABLE)
    }
    for name, table in mine.items():  # a table we made since (this version makes none)
        if name not in theirs and name not in base and name not in (ANNOTATIONS_TABLE, META_TABLE):
            merged[name] = table
    merged[META_TABLE] = {
        META_DOC_ID: merge_meta(meta_of(base), meta_of(mine), meta_of(theirs), report)
    }
    merged[ANNOTATIONS_TABLE] = merge_annotations(
        base.get(ANNOTATIONS_TABLE) or {},
        mine.get(ANNOTATIONS_TABLE) or {},
        theirs.get(ANNOTATIONS_TABLE) or {},
        report,
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


def merge_meta(
    base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any], report: Report = None
) -> dict:
    merged = dict(theirs)
    for key, value in mine.items():
        if key not in theirs or base.get(key) != value:
            merged[key] = value  # ours, or changed by us
    mine_note, their_note = _str(mine.get("article_note")), _str(theirs.get("article_note"))
    mine_time = _str(mine.get("article_note_modified"))
    their_time = _str(theirs.get("article_note_modified"))
    note = merge_note(_str(base.get("article_note")), mine_note, their_note)
    if note not in (mine_note, their_note) and report is not None:
        report.append("the article note was edited in another window too: both texts are kept")
    merged["article_note"] = note
    merged["article_note_modified"] = their_time if note == their_note else mine_time
    return merged


def merge_note(base: str, mine: str, theirs: str) -> str:
    """The note after both sides changed it from `base`: one side's when only it changed,
    else both texts (each part once: merging a merged note again adds nothing)."""
    if mine == theirs or theirs == base:
        return mine
    if mine == base:
        return theirs
    return join_notes(mine, theirs)


def join_notes(first: str, second: str) -> str:
    parts = [p for p in first.split(NOTE_SEPARATOR) if p]
    parts += [p for p in second.split(NOTE_SEPARATOR) if p and p not in parts]
    return NOTE_SEPARATOR.join(parts)


def merge_annotations(base: Tables, mine: Tables, theirs: Tables, report: Report = None) -> Tables:
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
        report,
    )
    fold_same_ranges(merged, report)
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
    report: Report = None,
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
            result = merge_record(b or {}, m, t, report)
        if result is not None:
            merged[key] = result
    return merged


def merge_record(
    base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any], report: Report = None
) -> dict[str, Any]:
    """One annotation both sides changed: field by field (the module docstring's rules)."""
    mine_newer = _str(mine.get("modified")) >= _str(theirs.get("modified"))
    result = dict(mine if mine_newer else theirs)
    for key in ("category", "note", "tags", "status", "rationale", "evidence"):
        b, m, t = base.get(key), mine.get(key), theirs.get(key)
        if m == t or t == b:
            result[key] = m
        elif m == b:
            result[key] = t
        elif key == "note" and isinstance(m, str) and isinstance(t, str):
            result[key] = merge_note(_str(b), m, t)
            if report is not None:
                report.append(
                    f"the note of {_quote_of(mine)} was edited in another window too: "
                    "both texts are kept"
                )
        elif key in ("tags", "evidence") and isinstance(m, list) and isinstance(t, list):
            result[key] = m + [tag for tag in t if tag not in m]
        if result.get(key, "") is None:  # a field written only when set, now unset
            del result[key]
    return result


def fold_same_ranges(records: dict[str, dict[str, Any]], report: Report = None) -> None:
    """Fold anchored records of exactly the same range into the first created (in place)."""
    kept: dict[tuple[int, int], str] = {}
    for key in sorted(records, key=lambda k: (_str(records[k].get("created")), k)):
        span = range_of(records[key])
        if span is None:
            continue
        first = kept.setdefault(span, key)
        if first == key:
            continue
        keeper, other = records[first], records.pop(key)
        folded = dict(keeper)
        folded["note"] = join_notes(_str(keeper.get("note")), _str(other.get("note")))
        tags = [t for t in (keeper.get("tags"), other.get("tags")) if isinstance(t, list)]
        if tags:
            folded["tags"] = _union(*tags)
        folded["modified"] = max(_str(keeper.get("modified")), _str(other.get("modified")))
        records[first] = folded
        if report is not None:
            also = other.get("category")
            lost = (
                f"; it stays {keeper.get('category')}, not {also}"
                if also != keeper.get("category")
                else ""
            )
            report.append(
                f"two highlights of {_quote_of(keeper)} made in two windows were folded into "
                f"one (notes and tags of both kept{lost})"
            )


def range_of(record: dict[str, Any]) -> tuple[int, int] | None:
    """The (start, end) of an anchored record's position selector, else None."""
    if record.get("orphaned") is not False:
        return None
    target = record.get("target")
    selectors = target.get("selector") if isinstance(target, dict) else None
    for sel in selectors if isinstance(selectors, list) else ():
        if isinstance(sel, dict) and sel.get("type") == "TextPositionSelector":
            start, end = sel.get("start"), sel.get("end")
            if type(start) is int and type(end) is int and 0 <= start < end:
                return start, end
    return None


def _union(*lists: list[Any]) -> list[Any]:
    out: list[Any] = []
    for items in lists:
        out += [item for item in items if item not in out]
    return out


def _quote_of(record: dict[str, Any]) -> str:
    """A short quote of a record's highlighted text, for a message."""
    target = record.get("target")
    selectors = target.get("selector") if isinstance(target, dict) else None
    for sel in selectors if isinstance(selectors, list) else ():
        if isinstance(sel, dict) and isinstance(sel.get("exact"), str):
            exact = " ".join(sel["exact"].split())
            return quoted(f"{exact[:37]}…" if len(exact) > 40 else exact)
    return "a highlight"


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

"""An edit that began a while ago, saved after another window changed the same field.

A note editor (or the tags dialog) starts from the note as it was when it opened; meanwhile
another `reader` window may have saved its own edit, which this window's store has taken in
since. Saving the editor's text as it is would silently drop the other window's text, so an
edit says what it started from (`since`: for a note saved while typing, what this editor
saved last) and the store 3-way merges, as it does for two versions of the sidecar
(reader/annotations/merge.py): a note keeps both texts, ours first, then a
`--- (edited elsewhere) ---` line and theirs; tags keep what the other window added and
lose only what this edit removed. Every later save of the same editor starts from its own
last save, so the kept text stays.

The verdict dialog starts from the status and rationale it opened with: a part of the
verdict only the other window changed takes its value; a rationale both changed keeps both
(ours, then `RATIONALE_SEPARATOR` and theirs), and a status both changed is ours, with
theirs named where its rationale is kept (`elsewhere: Refuted — …`): nothing either window
decided is lost, and the user is told.
"""

from __future__ import annotations

from typing import Any

from reader.annotations.merge import NOTE_SEPARATOR, join_notes, merge_note
from reader.annotations.verdicts import STATUS_LABELS

NOTE_KEPT = "was edited in another window too: both texts are kept"
TAGS_KEPT = "were changed in another window too: both changes are kept"
VERDICT_KEPT = "was changed in another window too: both are kept (theirs in the rationale)"
ELSEWHERE = "elsewhere: "  # before what another window's verdict was, in a rationale
RATIONALE_SEPARATOR = f" | {ELSEWHERE}"


def merge_tags(since: list[str], mine: list[str], theirs: list[str]) -> list[str]:
    """Tags edited from `since` to `mine` while another window made them `theirs`."""
    removed = [tag for tag in since if tag not in mine]
    kept = [tag for tag in theirs if tag not in removed]
    return kept + [tag for tag in mine if tag not in kept]


def rebase_fields(
    current: Any, since: dict[str, Any], fields: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """(`fields` with another window's changes to the note, tags and verdict since `since`
    kept, what was kept of them: {"note": the other window's parts of the note, "tags": its
    tags, "verdict": what of its verdict the rationale keeps}). `current` is the annotation
    as stored now."""
    fields = dict(fields)
    kept: dict[str, list[str]] = {}
    if "note" in fields and isinstance(since.get("note"), str) and current.note != since["note"]:
        fields["note"], kept["note"] = merge_note_since(since["note"], fields["note"], current.note)
    if "tags" in fields and isinstance(since.get("tags"), list) and current.tags != since["tags"]:
        tags = merge_tags(list(since["tags"]), list(fields["tags"]), list(current.tags))
        kept["tags"] = [tag for tag in tags if tag not in fields["tags"]]
        fields["tags"] = tags
    if "status" in fields and "rationale" in fields and "status" in since:
        base = (since["status"], since.get("rationale", ""))
        theirs = (current.status, current.rationale)
        if theirs != base:
            mine = (fields["status"], fields["rationale"])
            fields["status"], fields["rationale"], kept["verdict"] = merge_verdict(
                base, mine, theirs
            )
    return fields, {k: v for k, v in kept.items() if v}


def merge_verdict(
    since: tuple[str, str], mine: tuple[str, str], theirs: tuple[str, str]
) -> tuple[str, str, list[str]]:
    """(status, rationale, what of theirs was kept in the rationale) for a verdict (a status
    and a rationale) set from `since` to `mine` while another window made it `theirs`."""
    (base_status, base_why), (status, why), (their_status, their_why) = since, mine, theirs
    their_new_why = their_why not in (base_why, why, *why.split(RATIONALE_SEPARATOR))
    if status != base_status and their_status not in (base_status, status):
        part = STATUS_LABELS.get(their_status, their_status)  # both chose: ours stays
        kept = [f"{part} — {their_why}" if their_new_why and their_why else part]
    else:  # a status only one side changed takes that side's
        status = their_status if status == base_status else status
        if why == base_why or not their_new_why:
            return status, their_why if why == base_why else why, []
        kept = [their_why]  # both rewrote the rationale
    if why:
        return status, f"{why}{RATIONALE_SEPARATOR}{kept[0]}", kept
    return status, f"{ELSEWHERE}{kept[0]}", kept


def merge_note_since(since: str, mine: str, theirs: str) -> tuple[str, list[str]]:
    """(the note, the parts of it that are not ours) for a note edited from `since` to `mine`
    while another window made it `theirs`."""
    note = merge_note(since, mine, theirs)
    ours = mine.split(NOTE_SEPARATOR)
    return note, [part for part in note.split(NOTE_SEPARATOR) if part not in ours]


def imported_fields(existing: Any, incoming: Any) -> dict[str, Any]:
    """The fields of `existing` an imported copy of the same highlight changes: its note
    joins ours (both texts, marked, when they differ), its tags and evidence links are
    added to ours, and its category and verdict replace ours when it was modified later."""
    fields: dict[str, Any] = {}
    note = join_notes(existing.note, incoming.note) if incoming.note else existing.note
    if note != existing.note:
        fields["note"] = note
    tags = existing.tags + [tag for tag in incoming.tags if tag not in existing.tags]
    if tags != existing.tags:
        fields["tags"] = tags
    links = existing.evidence + [e for e in incoming.evidence if e not in existing.evidence]
    if links != existing.evidence:
        fields["evidence"] = links
    if incoming.modified > existing.modified:
        for key in ("category", "status", "rationale"):
            if getattr(incoming, key) != getattr(existing, key):
                fields[key] = getattr(incoming, key)
    return fields

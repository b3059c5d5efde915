"""The `reader annotate` and `reader annotations` verbs (no textual import)."""

from __future__ import annotations

import dataclasses
import json
import sys
import unicodedata
from collections.abc import Sequence

from reader.annotations.anchoring import count_quote, find_quote
from reader.annotations.changes import check_category, clean_tags
from reader.annotations.evidence_links import resolve_evidence
from reader.annotations.kept import kept_of
from reader.annotations.overlaps import overlap_notice
from reader.annotations.sidecar_file import problem_message
from reader.annotations.store import AnnotationStore
from reader.annotations.verdicts import check_status
from reader.document.loader import load_document
from reader.errors import NotFoundError, ReaderError

LOCK_WAIT_SECONDS = 10.0  # how long a verb waits for a lock another program holds


def _one_line(text: str) -> str:
    """Newlines, tabs and other control characters become spaces."""
    if text.isprintable():  # no control characters (the usual case, checked in C)
        return text
    return "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)


def _open_store(path: str) -> AnnotationStore:
    store = AnnotationStore.open(load_document(path), read_only=True)
    if store.problem is not None:
        raise ReaderError(problem_message(store.problem))
    return store


def annotate_command(
    path: str,
    quote: str,
    occurrence: int | None = None,
    category: str = "claim",
    note: str = "",
    tags: Sequence[str] = (),
    status: str | None = None,
    rationale: str | None = None,
    evidence: Sequence[str] = (),
    accept_wording: bool = False,
) -> int:
    """Highlight the `occurrence`-th match of `quote` in the article at `path`; print its id.
    Without `occurrence` the quote must occur once: a quote found in several places is
    refused (exit 1), saying how many, rather than the first one taken silently. `status`,
    `rationale` and `evidence` (URLs, highlight ids, `FILE#ID`s: added to the links it has)
    set the verdict, also of a highlight of that quote made before; such a highlight gains
    the note and tags given (added to its own). `accept_wording` clears the edited mark of
    such a highlight (its `edited_from`): the quote is the article's new wording. A new
    highlight that overlaps others is made, and stderr says so, as the app does."""
    _check_arguments(quote, occurrence, category, status)
    document = load_document(path)
    if occurrence is None:
        count = count_quote(document.text, quote)
        if count > 1:
            raise NotFoundError(
                f"quote is ambiguous: it occurs {count} times in {path}; choose one with "
                f"--occurrence 1 to {count}: {_one_line(quote)!r}"
            )
    found = find_quote(document.text, quote, occurrence or 1)
    if found is None:
        count = count_quote(document.text, quote)
        if count == 0:
            raise NotFoundError(f"quote not found in {path}: {_one_line(quote)!r}")
        raise NotFoundError(
            f"quote occurs {count} time{'s' if count != 1 else ''} in {path}, "
            f"not {occurrence or 1}: {_one_line(quote)!r}"
        )
    store = AnnotationStore.open(document)
    if store.problem is not None:
        raise ReaderError(problem_message(store.problem))
    try:
        links = [resolve_evidence(store, text) for text in evidence]  # all found, or no change
        ann, notice = _added(store, found, category, note, tags)
        ann = _add_note_and_tags(store, ann, note, tags)
        ann = _set_verdict(store, ann, status, rationale, links)
        if accept_wording and ann.edited_from:
            ann = store.update(ann.id, edited_from="")
        store.flush(timeout=LOCK_WAIT_SECONDS)
    finally:
        store.close(timeout=0)
    check_saved(store, "the annotation was not saved")
    if notice:  # what the app says of a highlight that overlaps others
        print(f"reader: warning: {notice}", file=sys.stderr)
    sys.stdout.write(ann.id + "\n")
    return 0


def _check_arguments(quote: str, occurrence: int | None, category: str, status: str | None) -> None:
    """Raise ReaderError, naming the option, for an argument `annotate` cannot take."""
    check_category(category)
    if status is not None:
        check_status(status)
    if occurrence is not None and occurrence < 1:
        raise ReaderError(f"--occurrence must be 1 or more, not {occurrence}")
    if not quote.strip():
        raise ReaderError("--quote must contain some text")


def _added(store, span, category, note, tags):  # type: ignore[no-untyped-def]
    """The highlight of `span` (a new one, or the one of that range made before) and, when it
    is new and overlaps others, what the app says of it (`overlap_notice`), else None."""
    before = store.overlapping(*span)
    ann = store.add(span[0], span[1], category=category, note=note, tags=list(tags))
    if any(other.id == ann.id for other in before):
        return ann, None
    return ann, overlap_notice(ann, before)


def _add_note_and_tags(store, ann, note, tags):  # type: ignore[no-untyped-def]
    """`ann` (a highlight of that quote made before, or the new one) with the note and tags
    given added to its own: its note gains the new one as a paragraph of its own (unless it
    already holds it), its tags the new ones."""
    fields: dict = {}
    if note.strip() and note not in ann.note.split("\n\n"):
        fields["note"] = f"{ann.note}\n\n{note}" if ann.note else note
    new_tags = [tag for tag in clean_tags(tags) if tag not in ann.tags]
    if new_tags:
        fields["tags"] = [*ann.tags, *new_tags]
    return store.update(ann.id, **fields) if fields else ann


def _set_verdict(store, ann, status, rationale, links):  # type: ignore[no-untyped-def]
    """`ann` with the verdict given on the command line (links added to those it has)."""
    verdict: dict = {} if status is None else {"status": status}
    if rationale is not None:
        verdict["rationale"] = rationale
    if links:
        verdict["evidence"] = [*ann.evidence, *links]
    return store.update(ann.id, **verdict) if verdict else ann


def check_saved(store: AnnotationStore, what: str) -> None:
    """Raise ReaderError (exit 2) naming why, when the store's last changes are not on disk:
    a one-shot command has no memory to keep them in. Else print the store's `notice`, if
    any, on stderr."""
    if store.unsaved:
        why = store.save_failure or store.problem or f"{store.sidecar_path} could not be written"
        raise ReaderError(f"{what}: {why}")
    if store.notice:  # e.g. two records that shared one id were each given their own
        print(f"reader: {_one_line(store.notice)}", file=sys.stderr)


def annotations_command(path: str, as_json: bool = False) -> int:
    """Print `id<TAB>category<TAB>anchored|edited|orphaned<TAB>quote`, one annotation a line;
    with `as_json`, one JSON object a line with every field (`edited_from`: the wording an
    edited highlight had), its `state` and the highlight's attribution."""
    store = _open_store(path)
    try:
        annotations = store.annotations
        if as_json:
            lines = [_json_line(store.document, ann) for ann in annotations]
        else:
            lines = [
                "\t".join(
                    (
                        _one_line(ann.id),
                        _one_line(ann.category),
                        f"{ann.state} (needs attention)" if ann.needs_attention else ann.state,
                        _one_line(ann.exact),
                    )
                )
                for ann in annotations
            ]
    finally:
        store.close()
    if lines:
        sys.stdout.write("\n".join(lines) + "\n")
    else:
        print(f"reader: no annotations in {_one_line(path)}", file=sys.stderr)
    return 0


_NOT_LISTED = ("extra", "malformed")  # what the file keeps for other tools, not ours


def _json_line(document, ann) -> str:
    """One annotation as a line of JSON (ASCII escapes: nothing raw reaches a terminal)."""
    from reader.claims.attribution import attribute  # only this listing needs it

    found = None if ann.orphaned else attribute(document, ann.start, ann.end)
    record = {
        field.name: getattr(ann, field.name)
        for field in dataclasses.fields(ann)
        if field.name not in _NOT_LISTED
    }
    record["state"] = ann.state
    # Fields the file held with the wrong type, as found (kept in the file, never erased).
    record["needs_attention"] = ann.needs_attention
    if ann.needs_attention:
        record["as_found"] = {**kept_of(ann.extra), **ann.malformed}
    record["evidence"] = [link.to_record() for link in ann.evidence]
    record["attribution"] = None if found is None else {"source": found.source, "kind": found.kind}
    return json.dumps(record, ensure_ascii=True)

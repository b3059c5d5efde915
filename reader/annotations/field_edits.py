"""What `AnnotationStore.update` may change in an annotation, checked and cleaned first.

The fields a person edits (category, note, tags, verdict, evidence) take any valid value.
`edited_from`, the wording an edited highlight had (reader.annotations.anchoring), can only
be cleared: that is how the reader "accepts the new wording" of a highlight whose article
was edited under it. The old wording is not lost: the article text it was in is kept in the
library's revision store when the article was re-fetched (reader.news.revisions).
"""

from __future__ import annotations

from typing import Any

from reader.annotations.changes import check_category, clean_tags
from reader.annotations.verdicts import check_status, clean_evidence
from reader.errors import ReaderError

EDITABLE_FIELDS = ("category", "note", "tags", "status", "rationale", "evidence")
UPDATABLE_FIELDS = (*EDITABLE_FIELDS, "edited_from")


def checked_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """`fields` for `update`, cleaned; ReaderError naming a field that cannot be changed
    or a value that is not valid."""
    unknown = set(fields) - set(UPDATABLE_FIELDS)
    if unknown:
        raise ReaderError(f"cannot change {', '.join(sorted(unknown))} of an annotation")
    fields = dict(fields)
    if "category" in fields:
        check_category(fields["category"])
    if "tags" in fields:
        fields["tags"] = clean_tags(fields["tags"])
    if "note" in fields:
        fields["note"] = str(fields["note"])
    if "status" in fields:
        check_status(fields["status"])
    if "rationale" in fields:
        fields["rationale"] = " ".join(str(fields["rationale"]).split())  # one line
    if "evidence" in fields:
        fields["evidence"] = clean_evidence(fields["evidence"])
    if fields.get("edited_from", "") != "":
        raise ReaderError("the wording an edited highlight had can only be cleared")
    return fields

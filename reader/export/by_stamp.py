"""The Markdown export of a plain-text article straight from its sidecar, in one pass over
the sidecar's records, without reading the article.

When the app saves a sidecar it keeps each highlight's place, the article file's stamp and a
checksum of the text around each highlight (reader/annotations/places.py). While the article
file still has that stamp, its text is the one the places were worked out for, and the
highlights' selectors only need checking against the checksum: nothing else is needed to
export them.

A book with ten thousand highlights spends most of its export on per-highlight Python work,
and on this kind of machine crossing ten thousand objects is bound by memory more than by
the work done on each. The general path crosses them six times (decode into `Annotation`s,
order, check, place, collect rows, render); this pass reads each record once, checks it has
the exact shape the store writes (`storage.fast_record_fields`) and keeps what the export
shows of it (a `markdown.highlight_row`) with the place of the same index. That halves the
per-highlight time.

Anything unusual gives way (None) to the general path, which gives the same bytes (tests
compare them): a record in another shape, a duplicate id, highlights out of position order
or sharing a span, orphans kept from another text, places or selectors that do not fit.
"""

from __future__ import annotations

from pathlib import Path

from reader.annotations.places import PLACES_KEY, read_places_by_stamp
from reader.annotations.storage import (
    ANNOTATIONS_TABLE,
    SidecarProblem,
    annotation_from_fields,
    decode_meta,
    fast_record_fields,
)
from reader.document.model import Document
from reader.document.stamp import Stamp
from reader.export.markdown import (
    MARKER,
    NotesWriter,
    article_head,
    highlight_row,
    highlight_sections,
    ordered,
)


def export_by_stamp(
    article: Path, raw: dict, stamp: Stamp, name: str, group_by: str, source_link: str | None
) -> str | None:
    """The Markdown export of the plain-text `article` from its parsed sidecar `raw`, when
    the article file has `stamp` now and the places kept in `raw` vouch for every highlight;
    else None. `name` is the article's fallback title; `source_link` as `render_markdown`."""
    try:
        meta = decode_meta(raw, article.name)
    except SidecarProblem:
        return None  # the general path says what is wrong
    table = raw.get(ANNOTATIONS_TABLE, {})
    places = read_places_by_stamp(meta.get(PLACES_KEY), stamp, name)
    if places is None:
        return None
    starts, ends, paragraphs, sentences, lasts, lines = places.columns
    count = len(starts)
    rows, prefixes, exacts, suffixes, ids, orphans = [], [], [], [], [], []
    i = 0  # the index of the next anchored highlight, and of its place
    for record in table.values():
        fields = fast_record_fields(record) if type(record) is dict else None
        if fields is None:
            return None
        ann_id, category, start, end, exact, prefix, suffix, note, tags, created, _, lost = fields
        ids.append(ann_id)
        if lost:  # an orphan (few): no place, shown in its own section
            orphans.append(annotation_from_fields(fields))
            continue
        if i == count or start != starts[i] or end != ends[i]:
            return None  # not the placed span of this index
        prefixes.append(prefix)
        exacts.append(exact)
        suffixes.append(suffix)
        place = (paragraphs[i], sentences[i], lasts[i], lines[i])
        rows.append((exact, category, tags, created, note, place))  # a `highlight_row`
        i += 1
    if i != count or len(set(ids)) != len(ids):
        return None
    # Orphans stay orphans in the text they were orphaned in (storage.unchanged_annotations).
    if orphans and _text(meta.get("sha256")) != places.sha256:
        return None
    if not places.selectors_fit(prefixes, exacts, suffixes):
        return None
    orphan_rows = [highlight_row(ann, None) for ann in ordered(orphans)[1]]
    document = Document(str(article), "text", "", [], places.meta)  # its text is not needed
    w = NotesWriter()
    w.block(MARKER)
    article_head(w, document, _text(meta.get("article_note")), source_link, 1)
    highlight_sections(w, rows, orphan_rows, group_by, source_link, 1)
    return w.text()


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""

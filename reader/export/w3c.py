"""W3C Web Annotation (JSON-LD) export and parsing.

Export: an `AnnotationCollection` whose embedded first `AnnotationPage` holds one
`Annotation` per highlight. Bodies: the note (`TextualBody`, `text/markdown`, purpose
`commenting`), the category (purpose `classifying`), each tag (purpose `tagging`), the
verdict when one is set: the status word (`TextualBody`, purpose `assessing`, no `format`)
and the rationale (purpose `assessing`, `format` `text/plain`), and each evidence link
(a `SpecificResource` body, purpose `linking`: a URL as its `source`; a highlight as the
`file://` URI of its article with a `TextQuoteSelector` of its quote, the body's `id` being
that highlight's own annotation IRI). Target:
the article's `file://` URI with a `TextQuoteSelector` and, for anchored highlights, a
`TextPositionSelector` (code points into the reader's anchor text; for Markdown articles and
saved web pages that is the displayed text, not the Markdown or HTML source; a consumer
reading the file itself has the quote, with its prefix and suffix, to anchor by).

Two facts have no W3C term, so they are written with extension properties in the `margin:`
namespace (`EXTENSION`, declared in the collection's `@context`), which a W3C consumer ignores:
- `margin:editedFrom` on the `TextQuoteSelector`: the wording the quote was highlighted with,
  when the article has since been edited under it (`exact` is the wording now). The importer
  keeps it, so the highlight stays marked edited.
- `margin:attribution` (`{"source": ..., "kind": "named"|"anonymous"|"none"}`) on a `describing`
  body whose plain-text value says the same for people (`Source: the FT (named)`): whom the
  text attributes the highlight to. It is derived from the article, so the importer does not
  read it back as a note: the reader works it out again from the article imported into.

Parsing is lenient, for files from other tools: a single annotation, a list, a page, a
collection (`items` or `first.items`), bodies as objects, strings or lists, targets as an
object or a list, selectors as an object or a list, nested under `refinedBy`.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader.annotations.model import CATEGORIES, CATEGORY_LABELS, Annotation, new_id
from reader.annotations.verdicts import DEFAULT_STATUS, STATUSES, Evidence
from reader.claims.model import Attribution
from reader.export.markdown import ordered
from reader.export.signature import ANNOTATION_CONTEXT as CONTEXT
from reader.export.signature import EXTENSION  # the `margin:` prefix of our properties

CONTEXTS = [CONTEXT, {"margin": EXTENSION}]
EDITED_FROM = "margin:editedFrom"
ATTRIBUTION = "margin:attribution"
MARKDOWN_FORMAT = "text/markdown"
PLAIN_FORMAT = "text/plain"
URN_UUID = "urn:uuid:"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
_LABEL_TO_CATEGORY = {label.casefold(): slug for slug, label in CATEGORY_LABELS.items()}


def dump_json(obj: Any) -> str:
    """Deterministic JSON text (UTF-8 kept, final newline): indented, except that a
    collection's annotations are written one per line. DEL, C1 controls and lone surrogates
    are written as `\\u` escapes (json escapes the C0 ones itself), so the text is safe on
    a terminal and reads back to the same strings."""
    first = obj.get("first") if isinstance(obj, dict) else None
    items = first.get("items") if isinstance(first, dict) else None
    if not isinstance(items, list) or not items:
        return _escape_unsafe(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
    return _with_items(obj, encode_items(items))


encode_item = json.JSONEncoder(ensure_ascii=False).encode  # one annotation, on one line
ITEM_SEPARATOR = ",\n      "


def encode_items(items: list[dict[str, Any]]) -> str:
    """Annotations as `dump_json` writes them in a collection, one per line."""
    return ITEM_SEPARATOR.join(map(encode_item, items))


def dump_collection(chunks: list[str], total: int, label: str, seed: str) -> str:
    """`dump_json(collection(items, label, seed))` for `total` items already encoded, in
    `chunks` of `encode_items` (so a large export need not keep every item's dict)."""
    chunks = [chunk for chunk in chunks if chunk]
    if not chunks:
        return dump_json(collection([], label, seed))
    return _with_items(dict(collection([], label, seed), total=total), ITEM_SEPARATOR.join(chunks))


def _with_items(obj: dict[str, Any], body: str) -> str:
    """`obj` (a collection) as JSON text, with `body` (its encoded items) as its items."""
    placeholder = f"items-{uuid.uuid4()}"
    shell = dict(obj, first=dict(obj["first"], items=placeholder))
    head, tail = json.dumps(shell, ensure_ascii=False, indent=2).split(f'"{placeholder}"')
    return _escape_unsafe(f"{head}[\n      {body}\n    ]{tail}\n")


_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\ud800-\udfff]")


def _escape_unsafe(text: str) -> str:
    """JSON text with the characters json leaves raw but a terminal must not see escaped
    (they only ever occur inside strings: JSON's own syntax is ASCII)."""
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def source_uri(path: str | Path) -> str:
    """The `file:` URI of the file at `path`, symlinks resolved."""
    return Path(path).resolve().as_uri()


def annotation_iri(ann_id: str) -> str:
    if _UUID.match(ann_id):  # the usual case, without the cost of uuid.UUID()
        return URN_UUID + ann_id
    try:
        return URN_UUID + str(uuid.UUID(ann_id))
    except ValueError:
        pass
    if ":" in ann_id:  # already an IRI
        return ann_id
    return URN_UUID + str(uuid.uuid5(uuid.NAMESPACE_URL, ann_id))


def annotation_to_w3c(
    ann: Annotation,
    source: str,
    folder: Path | None = None,
    attribution: Attribution | None = None,
) -> dict[str, Any]:
    """One highlight as a W3C annotation of `source` (its article's URI); `folder`, the
    article's folder, places links to highlights of other articles; `attribution`, whom the
    article attributes it to (None: not said, as for an orphan)."""
    body: list[dict[str, Any]] = []
    if ann.note:
        body.append(
            {
                "type": "TextualBody",
                "purpose": "commenting",
                "value": ann.note,
                "format": MARKDOWN_FORMAT,
            }
        )
    body.append({"type": "TextualBody", "purpose": "classifying", "value": ann.category})
    body.extend({"type": "TextualBody", "purpose": "tagging", "value": tag} for tag in ann.tags)
    if ann.status != DEFAULT_STATUS:
        body.append({"type": "TextualBody", "purpose": "assessing", "value": ann.status})
    if ann.rationale:
        body.append(
            {
                "type": "TextualBody",
                "purpose": "assessing",
                "value": ann.rationale,
                "format": PLAIN_FORMAT,
            }
        )
    body.extend(_evidence_body(link, source, folder) for link in ann.evidence)
    if attribution is not None:
        body.append(_attribution_body(attribution))
    quote = {"type": "TextQuoteSelector", "exact": ann.exact, "prefix": ann.prefix}
    quote["suffix"] = ann.suffix
    if ann.edited_from:
        quote[EDITED_FROM] = ann.edited_from
    selectors: list[dict[str, Any]] = [quote]
    if not ann.orphaned:
        selectors.append({"type": "TextPositionSelector", "start": ann.start, "end": ann.end})
    item: dict[str, Any] = {
        "id": annotation_iri(ann.id),
        "type": "Annotation",
        "motivation": "commenting" if ann.note else "highlighting",
    }
    if ann.created:
        item["created"] = ann.created
    if ann.modified:
        item["modified"] = ann.modified
    item["body"] = body
    item["target"] = {"source": source, "selector": selectors}
    return item


def _evidence_body(link: Evidence, source: str, folder: Path | None) -> dict[str, Any]:
    """An evidence link as a `linking` body; `source` is the claim's article's URI and
    `folder` its folder (a highlight's article is stored relative to it)."""
    if link.url:
        return {"type": "SpecificResource", "purpose": "linking", "source": link.url}
    where = source_uri(folder / link.source) if link.source and folder is not None else source
    return {
        "id": annotation_iri(link.id),
        "type": "SpecificResource",
        "purpose": "linking",
        "source": where,
        "selector": {"type": "TextQuoteSelector", "exact": link.quote},
    }


def _attribution_body(attribution: Attribution) -> dict[str, Any]:
    if attribution.kind == "none":
        said = "Source: none given in the text"
    else:
        said = f"Source: {attribution.source} ({attribution.kind})"
    return {
        "type": "TextualBody",
        "purpose": "describing",
        "value": said,
        "format": PLAIN_FORMAT,
        ATTRIBUTION: {"source": attribution.source, "kind": attribution.kind},
    }


def collection(items: list[dict[str, Any]], label: str, seed: str) -> dict[str, Any]:
    """An AnnotationCollection with one embedded page; its id is derived from `seed`."""
    return {
        "@context": CONTEXTS,
        "id": URN_UUID + str(uuid.uuid5(uuid.NAMESPACE_URL, seed)),
        "type": "AnnotationCollection",
        "label": label,
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def w3c_items(
    document,
    annotations: list[Annotation],
    said: Callable[[int, int], Attribution | None] | None = None,
) -> list[dict[str, Any]]:
    """The annotations of one article; `said` gives an anchored highlight's attribution (the
    sidecar's stored one; None: worked out from `document`)."""
    resolved = Path(document.path).resolve()
    source, folder = resolved.as_uri(), resolved.parent
    anchored, orphans = ordered(annotations)
    if said is None:
        from reader.claims.attribution import DocumentAttributions  # the article was parsed

        said = DocumentAttributions(document).of
    items = [annotation_to_w3c(a, source, folder, said(a.start, a.end)) for a in anchored]
    return items + [annotation_to_w3c(a, source, folder) for a in orphans]


def render_w3c(
    document,
    annotations: list[Annotation],
    said: Callable[[int, int], Attribution | None] | None = None,
) -> dict[str, Any]:
    """The collection for one article (anchored highlights in order, then orphans)."""
    label = document.meta.title.strip() or Path(document.path).name
    return collection(w3c_items(document, annotations, said), label, source_uri(document.path))


# --- parsing ------------------------------------------------------------------------------


class W3CFormatError(ValueError):
    """The JSON is not W3C Web Annotation data."""


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _types(obj: dict[str, Any]) -> set[str]:
    raw = obj.get("type", obj.get("@type"))
    return {str(t).rsplit(":", 1)[-1].rsplit("#", 1)[-1] for t in _as_list(raw)}


def _page_items(page: Any) -> list[Any]:
    """Items of an embedded page and of the embedded pages it links with `next`."""
    items: list[Any] = []
    seen = 0
    while isinstance(page, dict) and seen < 10_000:
        items.extend(_as_list(page.get("items")))
        page = page.get("next")
        seen += 1
    return items


def annotation_objects(obj: Any) -> list[dict[str, Any]]:
    """The annotation objects in a parsed W3C JSON document, in file order."""
    if isinstance(obj, list):
        out: list[dict[str, Any]] = []
        for element in obj:
            out.extend(annotation_objects(element))
        return out
    if not isinstance(obj, dict):
        raise W3CFormatError("expected a JSON object or list")
    types = _types(obj)
    if "AnnotationCollection" in types or "AnnotationPage" in types or "items" in obj:
        if "items" in obj and not isinstance(obj["items"], list | dict):
            raise W3CFormatError("its `items` is not a list of annotations")
        first = obj.get("first")
        if isinstance(first, str):
            raise W3CFormatError(
                f"its first page is elsewhere ({first[:80]}); only embedded pages are read"
            )
        if first is not None and not isinstance(first, dict):
            raise W3CFormatError("its `first` is not an AnnotationPage")
        items = _as_list(obj.get("items")) + _page_items(first)
        return [x for x in items if isinstance(x, dict)]
    if isinstance(obj.get("annotations"), list):  # a Hypothesis-style export file
        return [x for x in obj["annotations"] if isinstance(x, dict)]
    if "Annotation" in types or "target" in obj:
        return [obj]
    raise W3CFormatError("no Annotation, AnnotationPage or AnnotationCollection found")


def _selectors(target: Any) -> list[dict[str, Any]]:
    """Every selector of a target, flattened (lists, `refinedBy` chains)."""
    out: list[dict[str, Any]] = []
    pending = []
    for t in _as_list(target):
        if isinstance(t, dict):
            pending.extend(_as_list(t.get("selector")))
            if "type" in t and "Selector" in str(t.get("type")):
                pending.append(t)
    while pending:
        sel = pending.pop(0)
        if isinstance(sel, dict):
            out.append(sel)
            pending.extend(_as_list(sel.get("refinedBy")))
    return out


def _int_or_none(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return int(value)  # ("²".isdigit() holds too, but it is no number)
    return None


_SURROGATE = re.compile("[\ud800-\udfff]")


def _str(value: Any) -> str:
    """A string field of an imported annotation; lone surrogates (JSON can carry them, no
    file can hold them) become U+FFFD, so what is stored can always be written back."""
    if not isinstance(value, str):
        return ""
    return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value


def _id_from(raw: Any) -> str:
    raw = _str(raw).strip()
    if not raw:
        return new_id()
    text = raw[len(URN_UUID) :] if raw.lower().startswith(URN_UUID) else raw
    try:
        return str(uuid.UUID(text))
    except ValueError:
        # Another tool's IRI: a stable id, so importing the same file twice gives the same id.
        return str(uuid.uuid5(uuid.NAMESPACE_URL, raw))


def _category_of(value: str) -> str | None:
    key = value.strip().casefold()
    if key in CATEGORIES:
        return key
    return _LABEL_TO_CATEGORY.get(key)


def _target_of(obj: dict[str, Any]) -> tuple[dict[str, Any] | None, tuple[int, int] | None]:
    """(the first usable TextQuoteSelector, the first usable position) of the target."""
    quote: dict[str, Any] | None = None
    position: tuple[int, int] | None = None
    for sel in _selectors(obj.get("target")):
        types = _types(sel)
        if "TextQuoteSelector" in types and quote is None and isinstance(sel.get("exact"), str):
            quote = sel
        elif "TextPositionSelector" in types and position is None:
            start, end = _int_or_none(sel.get("start")), _int_or_none(sel.get("end"))
            if start is not None and end is not None and 0 <= start <= end:
                position = (start, end)
    return quote, position


_FULL_ATTRIBUTION = EXTENSION + ATTRIBUTION.removeprefix("margin:")
_FULL_EDITED_FROM = EXTENSION + EDITED_FROM.removeprefix("margin:")


def _shown(body: Any) -> bool:
    """Whether `body` is text the importer keeps: not an IRI or a resource it cannot show,
    nor our attribution (derived from the article: worked out again from it)."""
    return (
        isinstance(body, dict)
        and isinstance(body.get("value"), str)
        and ATTRIBUTION not in body
        and _FULL_ATTRIBUTION not in body
    )


def _bodies_of(obj: dict[str, Any]) -> tuple[list[str], list[str], str | None]:
    """(notes, tags, category) of the annotation's bodies."""
    notes: list[str] = []
    tags: list[str] = []
    category: str | None = None
    if isinstance(obj.get("bodyValue"), str):
        notes.append(_str(obj["bodyValue"]))
    for body in _as_list(obj.get("body")):
        if not _shown(body):
            continue
        purposes = {str(p) for p in _as_list(body.get("purpose"))} or {""}
        value = _str(body["value"])
        if "tagging" in purposes:
            if value.strip():
                tags.append(value.strip())
        elif "assessing" in purposes:
            continue  # the verdict: `_verdict_of`
        elif "classifying" in purposes:
            found = _category_of(value)
            if found and category is None:
                category = found
            elif value.strip():
                tags.append(value.strip())
        else:  # commenting, describing, no purpose...: the note
            notes.append(value)
    return notes, tags, category


def _verdict_of(obj: dict[str, Any]) -> tuple[str, str, list[Evidence]]:
    """(status, rationale, evidence links) of the annotation's bodies (the module docstring
    says how they are written). A highlight link's `source` is its article's URI as found:
    the importer makes it relative to the article imported into."""
    status, rationale, links = DEFAULT_STATUS, "", []
    for body in _as_list(obj.get("body")):
        if not isinstance(body, dict):
            continue
        purposes = {str(p) for p in _as_list(body.get("purpose"))}
        if "assessing" in purposes and isinstance(body.get("value"), str):
            value = _str(body["value"]).strip()
            if value in STATUSES and "format" not in body:
                status = value
            elif value:
                rationale = " ".join(value.split())
        elif "linking" in purposes and isinstance(body.get("source"), str):
            link = _evidence_of(body)
            if link is not None and link not in links:
                links.append(link)
    return status, rationale, links


def _evidence_of(body: dict[str, Any]) -> Evidence | None:
    source = _str(body["source"]).strip()
    quotes = [s for s in _selectors(body) if "TextQuoteSelector" in _types(s)]
    if body.get("id") and quotes and not source.lower().startswith(("http:", "https:")):
        return Evidence(id=_id_from(body["id"]), source=source, quote=_str(quotes[0].get("exact")))
    return Evidence(url=source) if source else None


def w3c_to_annotation(obj: dict[str, Any], default_category: str = "claim") -> Annotation | None:
    """One W3C annotation as an Annotation (not yet anchored), or None without a selector.

    An annotation with only a TextPositionSelector comes back with an empty `exact`; the
    importer fills it from the article.
    """
    quote, position = _target_of(obj)
    if quote is None and position is None:
        return None
    notes, tags, category = _bodies_of(obj)
    # Hypothesis API records carry the note and tags as plain fields.
    if not notes and isinstance(obj.get("text"), str):
        notes.append(_str(obj["text"]))
    if not tags:
        tags = [_str(t).strip() for t in _as_list(obj.get("tags")) if _str(t).strip()]
    start, end = position if position is not None else (0, 0)
    created, modified = _str(obj.get("created")), _str(obj.get("modified"))
    status, rationale, evidence = _verdict_of(obj)
    return Annotation(
        id=_id_from(obj.get("id", obj.get("@id"))),
        category=category or default_category,
        start=start,
        end=end,
        exact=_str(quote["exact"]) if quote else "",
        edited_from=_str(quote.get(EDITED_FROM, quote.get(_FULL_EDITED_FROM))) if quote else "",
        prefix=_str(quote.get("prefix")) if quote else "",
        suffix=_str(quote.get("suffix")) if quote else "",
        note="\n\n".join(n for n in notes if n.strip()),
        tags=list(dict.fromkeys(tags)),
        created=created,
        modified=modified or created,
        status=status,
        rationale=rationale,
        evidence=evidence,
    )

"""A highlight that runs into the next paragraph is located as `¶ 7–8` (issue 14.12: it was
`¶ 7, sentences 1–2` though it reached ¶ 8), in the Markdown export and the dossier, from the
stored place or the parsed article alike; the dossier and ClaimReview name the chapter too."""

from __future__ import annotations

import json
from pathlib import Path

from export_fixtures import build_document

from reader.annotations import places
from reader.annotations.places import place_label
from reader.annotations.sidecar import sidecar_path_for
from reader.annotations.store import AnnotationStore
from reader.document.loader import load_document
from reader.document.locate import Locator
from reader.export import reading
from reader.export.claim_exports import export_claims
from reader.export.command import export_article

TEXT = "Title\n\nFirst one. First two.\n\nSecond one. Second two.\n\nThird one.\n\nFourth one.\n"
BOOK = (
    "THE BENCH BOOK\n\nA story in chapters.\n\n"
    "CHAPTER I. The Harbour\n\n"
    "Call the harbour what you will. The tide came in early that year.\n\n"
    "It rained. The boats stayed in.\n"
)


def _span(text: str, first: str, last: str) -> tuple[int, int]:
    return text.index(first), text.index(last) + len(last)


def test_the_locator_names_the_last_paragraph_a_range_reaches():
    doc = build_document(TEXT)
    locator = Locator(doc)
    across = locator.locate(*_span(doc.text, "First two", "Second one"))
    assert (across.paragraph, across.sentence, across.last_paragraph) == (2, 2, 3)
    inside = locator.locate(*_span(doc.text, "Second one", "Second two."))
    assert (inside.paragraph, inside.last_paragraph) == (3, 3)
    # Ending in the blank line after a paragraph does not reach the next one.
    start = doc.text.index("First two")
    assert locator.locate(start, doc.text.index("\n\nSecond") + 1).last_paragraph == 2


def test_place_label_shows_a_paragraph_range():
    assert place_label((7, 1, 2, 30, 8)) == "¶ 7–8"
    assert place_label((7, 2, 2, 30, 9)) == "¶ 7–9"
    assert place_label((7, 1, 2, 30, 7)) == "¶ 7, sentences 1–2"
    assert place_label((7, 2, 2, 30, 7)) == "¶ 7, sentence 2"


def test_place_label_names_a_place_on_the_heading_itself():
    """A place's ¶ counts from the heading it names: 0 is that heading."""
    assert place_label((0, 1, 1, 30, 0)) == "heading"
    assert place_label((0, 1, 2, 30, 2)) == "heading–¶ 2"


def test_a_stored_place_on_a_heading_is_trusted_only_under_that_heading():
    on_heading = {"key": "k", "start": 5, "end": 9, "at": [0, 1, 1, 3, 0], "said": ["", "none"]}
    assert places.fits({**on_heading, "in": "CHAPTER 1."}, "k", 5, 9)
    assert not places.fits({**on_heading, "in": None}, "k", 5, 9)


def _annotated(path: Path, text: str, spans: list[tuple[str, str]], **fields) -> Path:
    path.write_text(text, encoding="utf-8")
    document = load_document(path)
    store = AnnotationStore.open(document)
    try:
        for first, last in spans:
            ann = store.add(*_span(document.text, first, last))
            if fields:
                store.update(ann.id, **fields)
        store.flush()
    finally:
        store.close()
    return path


def test_the_markdown_export_locates_a_highlight_over_two_paragraphs(tmp_path, monkeypatch):
    path = _annotated(
        tmp_path / "story.txt", TEXT, [("First two", "Second one."), ("Third one", "Third one.")]
    )
    stored = export_article(path, "markdown", "order", tmp_path)[0]
    assert "**Claim** · ¶ 2–3 · [line 3](story.txt#L3)" in stored
    assert "**Claim** · ¶ 4, sentence 1 · [line 7](story.txt#L7)" in stored
    # The sidecar's places and the parsed article say the same.
    monkeypatch.setattr(reading, "stored_places", lambda *args: None)
    assert export_article(path, "markdown", "order", tmp_path)[0] == stored


def test_a_place_of_format_2_is_not_trusted_and_the_article_is_parsed(tmp_path, monkeypatch):
    path = _annotated(tmp_path / "story.txt", TEXT, [("First two", "Second one.")])
    expected = export_article(path, "markdown", "order", tmp_path)[0]
    sidecar = sidecar_path_for(path)
    data = json.loads(sidecar.read_text(encoding="utf-8"))
    current = places.PLACE_FORMAT
    monkeypatch.setattr(places, "PLACE_FORMAT", 2)
    old_key = places.place_key(load_document(path))
    monkeypatch.setattr(places, "PLACE_FORMAT", current)
    data["meta"]["1"]["article"]["key"] = old_key
    for record in data["annotations"].values():
        del record["place"]["at"][4:]  # as format 2 wrote it: no last paragraph
        record["place"]["key"] = old_key
    sidecar.write_text(json.dumps(data), encoding="utf-8")
    calls = []
    real = reading.parse_text
    monkeypatch.setattr(reading, "parse_text", lambda *a, **k: calls.append(1) or real(*a, **k))
    assert export_article(path, "markdown", "order", tmp_path)[0] == expected
    assert calls == [1] and "· ¶ 2–3 ·" in expected
    # A stored place of four numbers under the current key is not trusted either.
    data["meta"]["1"]["article"]["key"] = places.place_key(load_document(path))
    for record in data["annotations"].values():
        record["place"]["key"] = data["meta"]["1"]["article"]["key"]
    sidecar.write_text(json.dumps(data), encoding="utf-8")
    assert export_article(path, "markdown", "order", tmp_path)[0] == expected
    assert calls == [1, 1]


def test_the_dossier_names_the_chapter_and_the_paragraph_range(tmp_path, monkeypatch):
    path = _annotated(
        tmp_path / "book.txt",
        BOOK,
        [("A story", "chapters."), ("The tide came", "The boats stayed in.")],
        status="disputed",
    )
    text, warnings = export_claims(path, "dossier", tmp_path)
    assert warnings == []
    assert "· ¶ 2, sentence 1 · [line 3](book.txt#L3)" in text
    assert "· CHAPTER I. The Harbour, ¶ 1–2 · [line 7](book.txt#L7)" in text
    monkeypatch.setattr(reading, "stored_places", lambda *args: None)
    assert export_claims(path, "dossier", tmp_path)[0] == text


def test_claim_review_names_the_chapter_a_claim_falls_under(tmp_path, monkeypatch):
    path = _annotated(
        tmp_path / "book.txt", BOOK, [("A story", "chapters."), ("It rained", "It rained.")]
    )
    document = load_document(path)
    store = AnnotationStore.open(document)
    try:
        for ann in store.annotations:
            store.update(ann.id, status="refuted")
        store.flush()
    finally:
        store.close()
    text = export_claims(path, "claimreview", tmp_path)[0]
    reviews = {r["claimReviewed"]: r["itemReviewed"] for r in json.loads(text)}
    assert "isPartOf" not in reviews["A story in chapters."]
    part = reviews["It rained."]["isPartOf"]
    assert part == {"@type": "CreativeWork", "name": "CHAPTER I. The Harbour"}
    monkeypatch.setattr(reading, "stored_places", lambda *args: None)
    assert export_claims(path, "claimreview", tmp_path)[0] == text

"""W3C Web Annotation export and lenient parsing."""

from __future__ import annotations

import json

import pytest
from export_fixtures import annotate

from reader.annotations.model import Annotation
from reader.errors import ReaderError
from reader.export.importer import fill_from_position, read_w3c_file
from reader.export.w3c import CONTEXTS, dump_json, render_w3c
from reader.export.w3c_article_note import parse_w3c_file


def parse_w3c(obj):
    return parse_w3c_file(obj).annotations


def test_collection_shape(story):
    noted = annotate(story, "Gordon Brown", category="evidence", note="*why* this", tags=["uk"])
    plain = annotate(story, "freeze duties", category="question")
    data = render_w3c(story, [plain, noted])
    assert data["@context"] == CONTEXTS
    assert data["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection"
    assert data["id"].startswith("urn:uuid:")
    assert data["total"] == 2
    items = data["first"]["items"]
    assert data["first"]["type"] == "AnnotationPage"
    first, second = items  # document order
    assert first["id"] == f"urn:uuid:{noted.id}"
    assert first["type"] == "Annotation"
    assert first["motivation"] == "commenting"
    assert second["motivation"] == "highlighting"
    assert first["created"] == first["modified"] == "2026-01-27T10:00:00Z"
    assert first["body"] == [
        {
            "type": "TextualBody",
            "purpose": "commenting",
            "value": "*why* this",
            "format": "text/markdown",
        },
        {"type": "TextualBody", "purpose": "classifying", "value": "evidence"},
        {"type": "TextualBody", "purpose": "tagging", "value": "uk"},
        NO_SOURCE,
    ]
    assert second["body"] == [
        {"type": "TextualBody", "purpose": "classifying", "value": "question"},
        NO_SOURCE,
    ]
    target = first["target"]
    assert target["source"] == "file:///tmp/story.txt"
    quote, position = target["selector"]
    assert quote == {
        "type": "TextQuoteSelector",
        "exact": "Gordon Brown",
        "prefix": noted.prefix,
        "suffix": noted.suffix,
    }
    assert position == {"type": "TextPositionSelector", "start": noted.start, "end": noted.end}
    assert story.text[position["start"] : position["end"]] == "Gordon Brown"


NO_SOURCE = {
    "type": "TextualBody",
    "purpose": "describing",
    "value": "Source: none given in the text",
    "format": "text/plain",
    "margin:attribution": {"source": "", "kind": "none"},
}


def test_orphans_have_no_position_and_come_last(story):
    orphan = Annotation(id="x", category="claim", start=5, end=9, exact="gone", orphaned=True)
    anchored = annotate(story, "Tax cuts")
    items = render_w3c(story, [orphan, anchored])["first"]["items"]
    assert [i["target"]["selector"][0]["exact"] for i in items] == ["Tax cuts", "gone"]
    assert [s["type"] for s in items[1]["target"]["selector"]] == ["TextQuoteSelector"]


def test_deterministic(story):
    anns = [annotate(story, "Tax cuts"), annotate(story, "Gordon")]
    assert dump_json(render_w3c(story, anns)) == dump_json(render_w3c(story, anns[::-1]))


def test_parse_round_trips_our_export(story):
    anns = [
        annotate(story, "Gordon Brown", category="evidence", note="n\n\n> q", tags=["a", "b c"]),
        annotate(story, "Tax cuts", category="disputed"),
    ]
    back = parse_w3c(json.loads(dump_json(render_w3c(story, anns))))
    for got, want in zip(back, sorted(anns, key=lambda a: a.start), strict=True):
        assert (got.id, got.category, got.note, got.tags) == (
            want.id,
            want.category,
            want.note,
            want.tags,
        )
        assert (got.start, got.end, got.exact, got.prefix, got.suffix) == (
            want.start,
            want.end,
            want.exact,
            want.prefix,
            want.suffix,
        )
        assert (got.created, got.modified) == (want.created, want.modified)


HAND_WRITTEN = {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    "id": "http://example.org/anno1",
    "type": "Annotation",
    "bodyValue": "Worth checking",
    "target": {
        "source": "http://example.org/elsewhere.html",
        "selector": {"type": "TextQuoteSelector", "exact": "freeze duties"},
    },
}


def test_parse_hand_written_quote_only():
    (ann,) = parse_w3c(HAND_WRITTEN)
    assert ann.exact == "freeze duties" and ann.prefix == "" and ann.suffix == ""
    assert ann.note == "Worth checking"
    assert ann.category == "claim"
    # a stable id derived from the foreign IRI
    assert ann.id == parse_w3c(HAND_WRITTEN)[0].id
    assert len(ann.id) == 36


@pytest.mark.parametrize(
    "wrap",
    [
        lambda a: a,
        lambda a: [a, a],
        lambda a: {"type": "AnnotationPage", "items": [a]},
        lambda a: {"type": "AnnotationCollection", "items": [a]},
        lambda a: {
            "type": "AnnotationCollection",
            "first": {"type": "AnnotationPage", "items": [a]},
        },
        lambda a: {
            "type": "AnnotationCollection",
            "first": {"items": [a], "next": {"type": "AnnotationPage", "items": [a]}},
        },
    ],
)
def test_containers(wrap):
    found = parse_w3c(wrap(HAND_WRITTEN))
    assert found and all(a.exact == "freeze duties" for a in found)


def test_other_tools_shapes():
    obj = {
        "type": ["Annotation"],
        "id": "urn:uuid:6f1c8a0e-2b1f-4a8e-9d55-0c1f2b3a4d5e",
        "body": [
            {"type": "TextualBody", "value": "plain comment"},
            {"type": "TextualBody", "purpose": "tagging", "value": "econ"},
            {"type": "TextualBody", "purpose": "classifying", "value": "Key quote"},
            "http://example.org/an-iri-body",
        ],
        "target": [
            "http://example.org/no-selector",
            {
                "source": "http://example.org/page",
                "selector": [
                    {"type": "RangeSelector"},
                    {
                        "type": "FragmentSelector",
                        "refinedBy": {
                            "type": "TextQuoteSelector",
                            "exact": "Tax cuts",
                            "prefix": "ies. ",
                        },
                    },
                    {"type": "TextPositionSelector", "start": "7", "end": 15},
                ],
            },
        ],
    }
    (ann,) = parse_w3c(obj)
    assert ann.id == "6f1c8a0e-2b1f-4a8e-9d55-0c1f2b3a4d5e"
    assert (ann.exact, ann.prefix, ann.start, ann.end) == ("Tax cuts", "ies. ", 7, 15)
    assert ann.category == "quote" and ann.tags == ["econ"] and ann.note == "plain comment"


def test_hypothesis_style_file():
    data = {
        "annotations": [
            {
                "id": "abc",
                "text": "a note",
                "tags": ["t1"],
                "target": [
                    {"source": "x", "selector": [{"type": "TextQuoteSelector", "exact": "q"}]}
                ],
            }
        ]
    }
    (ann,) = parse_w3c(data)
    assert (ann.note, ann.tags, ann.exact) == ("a note", ["t1"], "q")


def test_items_without_selectors_are_counted():
    found = parse_w3c_file([HAND_WRITTEN, {"type": "Annotation", "target": "http://x"}])
    anns, skipped = found.annotations, found.skipped
    assert len(anns) == 1 and skipped == 1


def test_position_only_takes_the_quote_from_the_article(story):
    (ann,) = parse_w3c(
        {
            "type": "Annotation",
            "target": {"selector": {"type": "TextPositionSelector", "start": 34, "end": 46}},
        }
    )
    assert ann.exact == ""
    filled = fill_from_position(story.text, ann)
    assert filled.exact == story.text[34:46] == "Gordon Brown"
    ann.end = len(story.text) + 5
    assert fill_from_position(story.text, ann) is None


@pytest.mark.parametrize(
    "content, message",
    [
        (b"{not json", "invalid JSON (line 1 column 2"),
        (b'"a string"', "not W3C Web Annotation JSON"),
        (b'{"foo": 1}', "not W3C Web Annotation JSON"),
        (b"\xff\xfe\x00", "not a UTF-8 JSON file"),
    ],
)
def test_bad_files_give_one_line_naming_the_file(tmp_path, content, message):
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    with pytest.raises(ReaderError) as info:
        read_w3c_file(bad)
    text = str(info.value)
    assert text.startswith(message) and text.endswith(f": {bad}")  # the path last
    assert "\n" not in text


def test_missing_file(tmp_path):
    with pytest.raises(ReaderError, match="^no such file or folder: "):
        read_w3c_file(tmp_path / "nope.json")

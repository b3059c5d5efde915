"""`reader parse`'s sentence rows: a sentence's text is the anchor text's, even when it is
the whole of a block that shows its line breaks as spaces."""

from __future__ import annotations

import json

from reader.document.loader import parse_text
from reader.document.serialize import document_json


def _rows(text: str) -> tuple[dict, list[dict]]:
    doc = parse_text(text, "story.txt")
    return doc, json.loads(document_json(doc))["blocks"]


def test_a_one_sentence_block_of_one_line():
    doc, blocks = _rows("A headline for the story\n\nThe council met on Monday.\n")
    block = blocks[-1]
    assert block["sentences"] == [
        {"start": block["start"], "end": block["end"], "text": "The council met on Monday."}
    ]


def test_a_one_sentence_wrapped_paragraph_keeps_its_line_breaks():
    lines = [
        "The council met on Monday evening in the old town hall and",
        "agreed the budget for the coming year after a long debate over",
        "the plans for the new library, the swimming pool and the roads",
        "that lead out of the town towards the river and the railway",
        "station, which the mayor said would be finished by the spring",
        "of next year if the weather and the builders allowed it all",
    ]
    text = "\n".join(lines) + "\n"
    doc, blocks = _rows(text)
    (block,) = blocks
    assert block["text"] == " ".join(lines)
    (sentence,) = block["sentences"]
    assert (sentence["start"], sentence["end"]) == (block["start"], block["end"])
    assert sentence["text"] == text.strip() and "\n" in sentence["text"]

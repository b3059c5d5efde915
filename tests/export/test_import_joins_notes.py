"""`reader import` of a range already highlighted (issue 13.3): the incoming note joins the
local one (both texts, marked) and its tags are added, and the summary counts the merge."""

from __future__ import annotations

import json

from reader.annotations.merge import NOTE_SEPARATOR
from reader.annotations.store import AnnotationStore
from reader.cli import main
from reader.document.loader import load_document

TEXT = "Headline here\n\nThe first sentence is here. The second sentence follows it.\n"
QUOTE = "The second sentence follows it."


def w3c_item(note: str, tags: list[str]) -> dict:
    bodies = [{"type": "TextualBody", "value": note}]
    bodies += [{"type": "TextualBody", "purpose": "tagging", "value": t} for t in tags]
    return {
        "type": "Annotation",
        "body": bodies,
        "target": {"selector": {"type": "TextQuoteSelector", "exact": QUOTE}},
    }


def test_a_matched_import_keeps_both_notes_and_all_tags(tmp_path, capsys):
    article = tmp_path / "story.txt"
    article.write_text(TEXT, encoding="utf-8")
    store = AnnotationStore.open(load_document(article))
    start = TEXT.index(QUOTE)
    store.add(start, start + len(QUOTE), note="local note", tags=["local"])
    store.close()
    incoming = tmp_path / "in.json"
    incoming.write_text(json.dumps([w3c_item("incoming note", ["theirs", "local"])]))

    assert main(["import", str(article), str(incoming)]) == 0
    assert capsys.readouterr().out == "added 0, matched 1 (1 merged), orphaned 0\n"
    (ann,) = AnnotationStore.open(load_document(article), read_only=True).annotations
    assert ann.note == f"local note{NOTE_SEPARATOR}incoming note"
    assert ann.tags == ["local", "theirs"]

    assert main(["import", str(article), str(incoming)]) == 0  # again: nothing new
    assert capsys.readouterr().out == "added 0, matched 1, orphaned 0\n"
    (again,) = AnnotationStore.open(load_document(article), read_only=True).annotations
    assert again.note == ann.note and again.tags == ann.tags

"""Malformed fields are never erased by an edit (issue 13.13): the value as found moves under
the record's `kept_original`, on every write path (the app's update, `reader annotate`, an
import, a merge of two windows), and the listings show that the record needs attention."""

from __future__ import annotations

import json
from pathlib import Path

from annotation_fixtures import ARTICLE, make_document

from reader.annotations.kept import KEPT_FIELD
from reader.annotations.merge import merge_records
from reader.annotations.model import Annotation
from reader.annotations.store import AnnotationStore
from reader.cli import main

QUOTE = "Critics said the cost estimate was too low."


def sidecar(path: Path) -> Path:
    return path.with_name(path.name + ".annotations.json")


def records(path: Path) -> list[dict]:
    return list(json.loads(sidecar(path).read_text(encoding="utf-8"))["annotations"].values())


def malformed_story(tmp_path: Path, **bad) -> tuple[Path, str]:
    """story.txt with one highlight of QUOTE whose record holds `bad` fields."""
    path = tmp_path / "story.txt"
    document = make_document(path, ARTICLE)
    store = AnnotationStore.open(document)
    start = ARTICLE.index(QUOTE)
    ann = store.add(start, start + len(QUOTE))
    store.close()
    data = json.loads(sidecar(path).read_text(encoding="utf-8"))
    (record,) = data["annotations"].values()
    record.update(bad)
    sidecar(path).write_text(json.dumps(data), encoding="utf-8")
    return path, ann.id


def test_reader_annotate_keeps_the_malformed_note_and_tags(tmp_path, capsys):
    path, _ = malformed_story(tmp_path, note=5, tags="a,b")
    argv = ["annotate", str(path), "--quote", QUOTE, "--note", "added", "--tag", "newtag"]
    assert main(argv) == 0
    (record,) = records(path)
    assert (record["note"], record["tags"]) == ("added", ["newtag"])
    assert record[KEPT_FIELD] == {"note": 5, "tags": "a,b"}
    capsys.readouterr()
    assert main(["annotations", str(path)]) == 0
    assert "anchored (needs attention)" in capsys.readouterr().out
    assert main(["annotations", str(path), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["needs_attention"] is True
    assert listed["as_found"] == {"note": 5, "tags": "a,b"}


def test_the_listing_shows_a_malformed_field_not_yet_edited(tmp_path, capsys):
    path, _ = malformed_story(tmp_path, tags="a,b")
    assert main(["annotations", str(path), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert (listed["needs_attention"], listed["as_found"]) == (True, {"tags": "a,b"})
    assert main(["annotations", str(path)]) == 0
    assert "\tanchored (needs attention)\t" in capsys.readouterr().out


def test_every_store_edit_keeps_what_it_replaced(tmp_path):
    path, ann_id = malformed_story(tmp_path, note=5, tags="a,b", modified=7)
    store = AnnotationStore.open(make_document(path, ARTICLE))
    store.update(ann_id, note="one")  # the app's note editor
    store.update(ann_id, tags=["x"])  # the tags dialog
    store.close()
    (record,) = records(path)
    assert record[KEPT_FIELD] == {"note": 5, "modified": 7, "tags": "a,b"}
    store = AnnotationStore.open(make_document(path, ARTICLE))
    assert store.get(ann_id).needs_attention
    store.update(ann_id, note="two")  # a later edit keeps what was kept
    store.close()
    assert records(path)[0][KEPT_FIELD] == {"note": 5, "modified": 7, "tags": "a,b"}


def test_an_import_into_a_malformed_highlight_keeps_what_it_replaced(tmp_path):
    path, ann_id = malformed_story(tmp_path, note=5, tags="a,b")
    store = AnnotationStore.open(make_document(path, ARTICLE))
    start = ARTICLE.index(QUOTE)
    incoming = Annotation.create(ARTICLE, start, start + len(QUOTE), note="imported", tags=["i"])
    assert store.add_annotation(incoming)[0] == "merged"
    store.close()
    (record,) = records(path)
    assert (record["note"], record["tags"]) == ("imported", ["i"])
    assert record[KEPT_FIELD] == {"note": 5, "tags": "a,b"}


def test_a_merge_keeps_what_either_side_replaced():
    base = {"a": {"id": "a", "note": 5, "category": "claim", "modified": "1"}}
    mine = {"a": {**base["a"], "note": "new", "modified": "2", KEPT_FIELD: {"note": 5}}}
    theirs = {"a": {**base["a"], "category": "question", "modified": "3"}}
    merged = merge_records(base, mine, theirs)["a"]
    assert (merged["note"], merged["category"]) == ("new", "question")
    assert merged[KEPT_FIELD] == {"note": 5}


def test_a_malformed_position_placed_again_is_kept_too(tmp_path):
    path, ann_id = malformed_story(tmp_path)
    data = json.loads(sidecar(path).read_text(encoding="utf-8"))
    (record,) = data["annotations"].values()
    record["target"]["selector"][1]["start"] = "x"
    sidecar(path).write_text(json.dumps(data), encoding="utf-8")
    store = AnnotationStore.open(make_document(path, ARTICLE))
    assert not store.get(ann_id).needs_attention  # re-anchoring placed it: nothing to fix
    store.update(ann_id, note="a note")
    store.close()
    (record,) = records(path)
    assert record["target"]["selector"][1]["start"] == ARTICLE.index(QUOTE)
    assert record[KEPT_FIELD] == {"start": "x"}
    again = AnnotationStore.open(make_document(path, ARTICLE), read_only=True)
    assert not again.get(ann_id).needs_attention

"""Two records of a sidecar sharing one id (issue 13): neither is ever dropped; the repeat
is given an id of its own (the same on every machine) and the user is told once."""

from __future__ import annotations

import json
from pathlib import Path

from annotation_fixtures import ARTICLE, make_document

from reader.annotations.merge import merge_sidecars, repeat_id
from reader.annotations.store import AnnotationStore
from reader.cli import main

SAME = "11111111-1111-4111-8111-111111111111"


def sidecar(path: Path) -> Path:
    return path.with_name(path.name + ".annotations.json")


def notes(path: Path) -> dict[str, str]:
    data = json.loads(sidecar(path).read_text(encoding="utf-8"))
    return {r["id"]: r["note"] for r in data["annotations"].values()}


def story_with_a_repeated_id(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    document = make_document(path, ARTICLE)
    store = AnnotationStore.open(document)
    store.add(0, 7, note="NOTE-ONE")
    store.add(8, 20, note="NOTE-TWO")
    store.close()
    data = json.loads(sidecar(path).read_text(encoding="utf-8"))
    for record in data["annotations"].values():
        record["id"] = SAME
    sidecar(path).write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_next_write_keeps_both_records_of_one_id(tmp_path, capsys):
    path = story_with_a_repeated_id(tmp_path)
    assert main(["annotate", str(path), "--quote", "Critics said", "--note", "third"]) == 0
    err = capsys.readouterr().err
    kept = notes(path)
    assert sorted(kept.values()) == ["NOTE-ONE", "NOTE-TWO", "third"]
    assert SAME in kept and len(kept) == 3
    assert err.count("had the id of another") == 1 and "nothing was dropped" in err
    assert main(["annotate", str(path), "--quote", "The mayor said", "--occurrence", "1"]) == 0
    assert "had the id of another" not in capsys.readouterr().err  # told once
    assert len(notes(path)) == 4


def test_the_app_store_keeps_both_and_says_so(tmp_path):
    path = story_with_a_repeated_id(tmp_path)
    store = AnnotationStore.open(make_document(path, ARTICLE))
    assert sorted(a.note for a in store.annotations) == ["NOTE-ONE", "NOTE-TWO"]
    assert "had the id of another" in store.notice
    store.close()
    assert sorted(notes(path).values()) == ["NOTE-ONE", "NOTE-TWO"]
    listed = AnnotationStore.open(make_document(path, ARTICLE), read_only=True)
    assert len(listed.annotations) == 2 and listed.notice is None


def test_a_merge_with_a_file_repeating_an_id_drops_neither():
    one = {"id": SAME, "note": "NOTE-ONE", "modified": "1"}
    two = {"id": SAME, "note": "NOTE-TWO", "modified": "2"}
    theirs = {"annotations": {"1": one, "2": two}}
    merged = merge_sidecars({}, {"annotations": {}}, theirs)["annotations"]
    by_id = {r["id"]: r["note"] for r in merged.values()}
    assert by_id == {SAME: "NOTE-TWO", repeat_id(SAME, "1"): "NOTE-ONE"}
    # An exact copy counts once.
    copies = merge_sidecars({}, {"annotations": {}}, {"annotations": {"1": two, "2": two}})
    assert [r["note"] for r in copies["annotations"].values()] == ["NOTE-TWO"]

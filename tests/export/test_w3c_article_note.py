"""The article note survives the W3C round trip (#14.6): exported as an annotation of the
whole article, imported back as the article note, merged (never overwritten) with a
different one already there; with it, every other field the reader stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.annotations.store import AnnotationStore
from reader.cli import main
from reader.document.loader import load_document
from reader.export.w3c_article_note import parse_w3c_file

TEXT = (
    "Harbour bridge to close\n\n"
    "The council will close the bridge for three years, the mayor, Ana Ruiz, said.\n\n"
    "Tolls will rise next spring, according to two officials familiar with the plan.\n\n"
    "The ferry keeps its timetable.\n\n"
    "A second ferry was promised in 2019.\n"
)
EDITED = TEXT.replace("for three years", "for five years").replace(
    "A second ferry was promised in 2019.\n", "Nothing more was said.\n"
)
NOTE = "Worth a *follow-up*:\n\n- ask the council\n- ask the ferry company"


def run(capsys, *argv: str) -> str:
    assert main(list(argv)) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def set_article_note(path: Path, text: str) -> None:
    store = AnnotationStore.open(load_document(path))
    try:
        store.set_article_note(text)
        store.flush(timeout=5)
    finally:
        store.close()


def article_note(path: Path) -> str:
    store = AnnotationStore.open(load_document(path), read_only=True)
    try:
        return store.article_note
    finally:
        store.close()


def annotated(folder: Path, capsys, name: str = "bridge.txt") -> Path:
    """An article with an article note and a highlight of each kind of field: categories,
    tags, a note, a verdict with a rationale, links to a URL and to another highlight, an
    edited highlight and an orphan."""
    folder.mkdir(parents=True, exist_ok=True)
    article = folder / name
    article.write_text(TEXT, "utf-8")
    ferry = run(capsys, "annotate", str(article), "--quote", "The ferry keeps its timetable.",
                "--category", "evidence", "--note", "*check* the ferry").strip()  # fmt: skip
    run(capsys, "annotate", str(article), "--quote", "The council will close the bridge for three years",
        "--category", "disputed",
        "--status", "refuted", "--rationale", "The plan says five.", "--evidence",
        "https://example.org/plan", "--evidence", ferry, "--tag", "bridge")  # fmt: skip
    run(capsys, "annotate", str(article), "--quote", "Tolls will rise next spring",
        "--category", "question", "--tag", "money", "--tag", "tolls")  # fmt: skip
    run(capsys, "annotate", str(article), "--quote", "A second ferry was promised in 2019.",
        "--note", "gone in the new version")  # fmt: skip
    set_article_note(article, NOTE)
    article.write_text(EDITED, "utf-8")  # one highlight edited under it, one orphaned
    states = [line.split("\t")[2] for line in run(capsys, "annotations", str(article)).splitlines()]
    assert sorted(states) == ["anchored", "anchored", "edited", "orphaned"]
    return article


def markdown_of(article: Path, capsys, monkeypatch) -> str:
    monkeypatch.chdir(article.parent)  # the export links to the article relative to here
    return run(capsys, "export", article.name)


def fresh_copy(tmp_path: Path, name: str = "bridge.txt") -> Path:
    copy = tmp_path / "fresh" / name
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_text(EDITED, "utf-8")
    return copy


def test_the_round_trip_keeps_the_article_note_and_every_field(tmp_path, capsys, monkeypatch):
    article = annotated(tmp_path / "first", capsys)
    markdown = markdown_of(article, capsys, monkeypatch)
    for shown in ("## Article note", "- ask the ferry company", "#money", "it read:",
                  "Orphaned", "The plan says five.", "https://example.org/plan"):  # fmt: skip
        assert shown in markdown
    exported = tmp_path / "bridge.json"
    run(capsys, "export", "--format", "w3c", "-o", str(exported), str(article))
    copy = fresh_copy(tmp_path)
    assert run(capsys, "import", str(copy), str(exported)) == (
        "added 3, matched 0, orphaned 1, article note added\n"
    )
    assert markdown_of(copy, capsys, monkeypatch) == markdown
    assert article_note(copy) == NOTE
    # exported again, the same annotations (ids, times, bodies, selectors), of the copy
    again = tmp_path / "again.json"
    run(capsys, "export", "--format", "w3c", "-o", str(again), str(copy))
    first, second = (json.loads(p.read_text("utf-8"))["first"]["items"] for p in (exported, again))
    original, copied = article.resolve().as_uri(), copy.resolve().as_uri()
    second[0]["id"] = first[0]["id"]  # the article note's id is its article's
    assert json.dumps(second).replace(copied, original) == json.dumps(first)


def test_the_article_note_is_an_annotation_of_the_whole_article(tmp_path, capsys):
    article = annotated(tmp_path / "first", capsys)
    data = json.loads(run(capsys, "export", "--format", "w3c", str(article)))
    items = data["first"]["items"]
    assert data["total"] == len(items) == 5
    note = items[0]
    assert note["target"] == {"source": article.resolve().as_uri()}  # no selector
    assert note["motivation"] == "commenting"
    assert note["margin:articleNote"] is True
    assert note["body"] == [
        {"type": "TextualBody", "purpose": "commenting", "value": NOTE, "format": "text/markdown"}
    ]
    assert note["id"].startswith("urn:uuid:")
    again = json.loads(run(capsys, "export", "--format", "w3c", str(article)))
    assert again["first"]["items"][0]["id"] == note["id"]  # the same file each time
    found = parse_w3c_file(data)
    assert [n.text for n in found.notes] == [NOTE]
    assert (len(found.annotations), found.skipped) == (4, 0)


def test_a_different_article_note_is_kept_beside_the_imported_one(tmp_path, capsys):
    article = annotated(tmp_path / "first", capsys)
    exported = tmp_path / "bridge.json"
    run(capsys, "export", "--format", "w3c", "-o", str(exported), str(article))
    copy = fresh_copy(tmp_path)
    set_article_note(copy, "My own view.")
    assert main(["import", str(copy), str(exported)]) == 0
    out, err = capsys.readouterr()
    assert out.endswith("article note merged\n")
    assert "both texts are kept" in err and str(copy) in err
    merged = article_note(copy)
    assert merged.startswith("My own view.") and merged.endswith(NOTE)
    assert main(["import", str(copy), str(exported)]) == 0  # again: nothing more
    assert capsys.readouterr().out.endswith("article note matched\n")
    assert article_note(copy) == merged


def test_the_same_article_note_already_there_is_matched(tmp_path, capsys):
    article = annotated(tmp_path / "first", capsys)
    exported = tmp_path / "bridge.json"
    run(capsys, "export", "--format", "w3c", "-o", str(exported), str(article))
    assert run(capsys, "import", str(article), str(exported)) == (
        "added 0, matched 4, orphaned 0, article note matched\n"
    )
    assert article_note(article) == NOTE


def test_a_library_export_carries_each_article_note(tmp_path, capsys, monkeypatch):
    library = tmp_path / "library"
    bridge = annotated(library, capsys)
    other = library / "other.txt"
    other.write_text("Other story\n\nNothing to see here.\n", "utf-8")
    set_article_note(other, "Only an article note.")
    exported = tmp_path / "library.json"
    run(capsys, "export", "--format", "w3c", "-o", str(exported), str(library))
    data = json.loads(exported.read_text("utf-8"))
    items = data["first"]["items"]
    notes = [item for item in items if item.get("margin:articleNote")]
    assert {item["target"]["source"] for item in notes} == {
        bridge.resolve().as_uri(),
        other.resolve().as_uri(),
    }
    assert data["total"] == len(items) == 6
    # Imported into a fresh copy of one article, that article's own note is taken.
    markdown = markdown_of(bridge, capsys, monkeypatch)
    copy = fresh_copy(tmp_path)
    assert main(["import", str(copy), str(exported)]) == 0
    out, err = capsys.readouterr()
    assert out == "added 3, matched 0, orphaned 1, article note added\n"
    assert "left out 1 article note(s) of other articles" in err
    assert markdown_of(copy, capsys, monkeypatch) == markdown


@pytest.mark.parametrize(
    "item",
    [
        # a comment on the whole page from another tool: not marked as our article note
        {"type": "Annotation", "body": "a page note", "target": {"source": "file:///x.txt"}},
        # marked, but aimed at a passage: not an article note
        {
            "type": "Annotation",
            "margin:articleNote": True,
            "body": "n",
            "target": {"source": "x", "selector": {"type": "TextPositionSelector", "start": 0}},
        },
    ],
)
def test_only_a_marked_whole_article_annotation_is_the_article_note(item):
    found = parse_w3c_file(item)
    assert (found.notes, found.annotations, found.skipped) == ([], [], 1)


def test_an_article_note_read_from_a_file_can_be_stored():
    item = {
        "type": "Annotation",
        "urn:margin-reader:articleNote": True,  # the expanded IRI
        "body": [{"type": "TextualBody", "value": "bad \ud800 half"}, "an IRI"],
        "target": "file:///x.txt",
    }
    [note] = parse_w3c_file(item).notes
    assert (note.source, note.text) == ("file:///x.txt", "bad \ufffd half")

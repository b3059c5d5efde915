"""A highlight whose wording the article changed under it (a stealth edit caught by
`reader refresh`) is marked edited, with the old and the new wording, in the sidecar, in
`reader annotations` (text and JSON) and in the Markdown export."""

from __future__ import annotations

import json
from pathlib import Path

from news_fixtures import STORY, page

from reader.annotations.anchoring import reanchor
from reader.annotations.model import Annotation
from reader.annotations.record import annotation_to_record, record_to_annotation
from reader.annotations.store import AnnotationStore
from reader.cli import main
from reader.document.loader import load_document

OLD = "Engineers said the new span would open to traffic in three years and carry a cycle lane."
NEW = "Engineers said the new span would open to traffic in five years and carry a cycle lane."


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_a_refreshed_article_marks_the_highlight_under_its_edit(server, tmp_path, capsys):
    assert STORY[1] == OLD
    url = server.route("/story.html", page("Harbour bridge", STORY))
    _, out, _ = run(capsys, "add", url, "--library", str(tmp_path))
    article = out.strip()
    run(capsys, "annotate", article, "--quote", OLD, "--note", "Check the date.")
    run(capsys, "annotate", article, "--quote", STORY[2], "--category", "evidence")

    server.route("/story.html", page("Harbour bridge", [STORY[0], NEW, *STORY[2:]]))
    status, out, _ = run(capsys, "refresh", "--library", str(tmp_path))
    assert status == 0 and out.splitlines()[-1] == "0 new, 1 updated, 0 unchanged, 0 failed"

    status, out, _ = run(capsys, "annotations", article)
    states = [line.split("\t")[2:] for line in out.splitlines()]
    assert states == [["edited", NEW], ["anchored", STORY[2]]]
    _, out, _ = run(capsys, "annotations", article, "--json")
    edited, plain = (json.loads(line) for line in out.splitlines())
    assert (edited["state"], edited["exact"], edited["edited_from"]) == ("edited", NEW, OLD)
    assert (plain["state"], plain["edited_from"]) == ("anchored", "")
    # the listing reads only; a store that may write (the app's) saves the mark
    AnnotationStore.open(load_document(article)).close()
    sidecar = json.loads(Path(article + ".annotations.json").read_text("utf-8"))
    records = list(sidecar["annotations"].values())
    assert sorted(r.get("edited_from", "") for r in records) == ["", OLD]

    _, notes, _ = run(capsys, "export", article)
    assert f"> {NEW}" in notes and f"> {OLD}" in notes
    assert notes.index(f"> {NEW}") < notes.index("it read:") < notes.index(f"> {OLD}")
    assert notes.count("it read:") == 1

    # edited back to the wording that was highlighted: no longer marked
    server.route("/story.html", page("Harbour bridge", STORY))
    run(capsys, "refresh", "--library", str(tmp_path))
    _, out, _ = run(capsys, "annotations", article)
    assert [line.split("\t")[2] for line in out.splitlines()] == ["anchored", "anchored"]


def _highlight(text: str, quote: str) -> Annotation:
    start = text.index(quote)
    return Annotation.create(text, start, start + len(quote))


def test_edited_keeps_the_first_wording_and_ignores_typography():
    first = f"Intro line here.\n\n{OLD}\n\nMore text follows."
    ann = _highlight(first, OLD)
    once = reanchor(first.replace(OLD, NEW), ann)
    assert (once.state, once.exact, once.edited_from) == ("edited", NEW, OLD)
    third = NEW.replace("five", "six")
    twice = reanchor(first.replace(OLD, third), once)
    assert (twice.exact, twice.edited_from) == (third, OLD)  # what was highlighted, kept
    reflowed = first.replace("said the new", "said  the\nnew").replace("lane.", "lane\u2026")
    same = reanchor(reflowed, _highlight(first, "Engineers said the new span"))
    assert same.state == "anchored" and same.edited_from == ""
    gone = reanchor("Nothing like it.", once)
    assert gone.state == "orphaned" and gone.edited_from == OLD


def test_the_record_keeps_edited_from_and_checks_its_type():
    ann = _highlight(OLD, OLD).replace(edited_from="earlier wording")
    record = annotation_to_record(ann, "a.md")
    assert record["edited_from"] == "earlier wording"
    assert record_to_annotation(record) == ann
    assert "edited_from" not in annotation_to_record(ann.replace(edited_from=""), "a.md")
    bad = record_to_annotation({**record, "edited_from": 3})
    assert bad.edited_from == "" and bad.malformed == {"edited_from": 3}
    assert annotation_to_record(bad, "a.md")["edited_from"] == 3  # written back as found

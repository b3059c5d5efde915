"""Verdicts and evidence links: the record, the store, the CLI, the W3C round trip."""

from __future__ import annotations

import json
from pathlib import Path

from annotation_fixtures import ARTICLE

from reader.annotations.model import Annotation
from reader.annotations.record import annotation_to_record, record_to_annotation
from reader.annotations.verdicts import Evidence
from reader.cli import main
from reader.export.importer import import_into
from reader.export.w3c import render_w3c
from reader.export.w3c_article_note import parse_w3c_file


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_an_old_record_reads_as_unverified_and_is_written_as_before() -> None:
    ann = Annotation.create(ARTICLE, 0, 7)
    record = annotation_to_record(ann, "story.txt")
    assert not {"status", "rationale", "evidence"} & set(record)
    back = record_to_annotation(record)
    assert (back.status, back.rationale, back.evidence) == ("unverified", "", [])


def test_a_verdict_survives_the_record_and_a_bad_one_is_kept_as_found() -> None:
    links = [Evidence(url="https://example.org/x"), Evidence(id="i", source="b.txt", quote="Q")]
    ann = Annotation.create(ARTICLE, 0, 7).replace(
        status="refuted", rationale="wrong", evidence=links
    )
    back = record_to_annotation(annotation_to_record(ann, "story.txt"))
    assert (back.status, back.rationale, back.evidence) == ("refuted", "wrong", links)
    bad = annotation_to_record(ann, "story.txt") | {"status": 3, "evidence": "x"}
    odd = record_to_annotation(bad)
    assert odd.status == "unverified" and odd.needs_attention
    assert annotation_to_record(odd, "story.txt")["status"] == 3  # written back as found


def test_annotate_sets_status_rationale_and_evidence(tmp_path: Path, capsys) -> None:
    story = tmp_path / "story.txt"
    story.write_text(ARTICLE, encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text("Engineers say the river bed is stable and safe.\n", encoding="utf-8")
    status, other_id, _ = run(capsys, "annotate", str(other), "--quote", "river bed is stable")
    assert status == 0
    status, out, err = run(
        capsys, "annotate", str(story), "--quote", "Critics said the cost estimate was too low",
        "--status", "disputed", "--rationale", "no source",
        "--evidence", "https://example.org/cost", "--evidence", f"{other}#{other_id.strip()}",
    )  # fmt: skip
    assert status == 0, err
    status, out, _ = run(capsys, "annotations", str(story), "--json")
    [line] = [json.loads(x) for x in out.splitlines()]
    assert line["status"] == "disputed" and line["rationale"] == "no source"
    assert line["evidence"] == [
        {"url": "https://example.org/cost"},
        {"id": other_id.strip(), "source": "other.txt", "quote": "river bed is stable"},
    ]
    assert line["attribution"]["kind"] == "anonymous"
    # the tab-separated listing keeps its four columns
    _, out, _ = run(capsys, "annotations", str(story))
    assert len(out.splitlines()[0].split("\t")) == 4


def test_annotate_refuses_a_bad_status_or_link_and_changes_nothing(tmp_path, capsys) -> None:
    story = tmp_path / "story.txt"
    story.write_text(ARTICLE, encoding="utf-8")
    status, _, err = run(capsys, "annotate", str(story), "--quote", "Critics", "--status", "no")
    assert status == 2 and "unknown status" in err and "\n" == err[-1]
    status, _, err = run(capsys, "annotate", str(story), "--quote", "Critics", "--evidence", "zz")
    assert status == 1 and "--evidence" in err
    assert not (tmp_path / "story.txt.annotations.json").exists()


def test_w3c_round_trip_keeps_the_verdict(tmp_path: Path, open_store) -> None:
    from annotation_fixtures import make_document

    document = make_document(tmp_path / "story.txt", ARTICLE)
    store = open_store(document)
    ann = store.add(0, 7)
    links = [Evidence(url="https://example.org/x"), Evidence(id=ann.id, quote="Council")]
    links.append(Evidence(id="5a1e2b9c-1111-4222-8333-444455556666", source="b.txt", quote="B"))
    ann = store.update(
        ann.id, status="misleading", rationale="half of it", evidence=links, note="n"
    )
    data = json.loads(json.dumps(render_w3c(document, [ann])))
    bodies = data["first"]["items"][0]["body"]
    assert {"type": "TextualBody", "purpose": "assessing", "value": "misleading"} in bodies
    assert sum(b.get("purpose") == "linking" for b in bodies) == 3
    found = parse_w3c_file(data)
    [parsed], skipped = found.annotations, found.skipped
    assert skipped == 0
    copy = tmp_path / "copy"
    copy.mkdir()
    twin = make_document(copy / "story.txt", ARTICLE)
    other_store = open_store(twin)
    import_into(other_store, ARTICLE, [parsed])
    [back] = other_store.annotations
    assert (back.status, back.rationale, back.note) == ("misleading", "half of it", "n")
    assert back.evidence[0] == links[0]
    # a link to a highlight of its own article, imported with it, stays within the article
    assert back.evidence[1] == Evidence(id=ann.id, source="", quote="Council") == links[1]
    assert back.evidence[2] == Evidence(id=links[2].id, source="../b.txt", quote="B")
    # imported into the article itself, the links come back exactly
    store.delete(ann.id)
    import_into(store, ARTICLE, [parsed])
    assert store.annotations[0].evidence == links

"""The W3C export carries what the Markdown export shows: exported, imported into a fresh
copy of the article and exported again as Markdown, nothing is lost, the wording an edited
highlight had (`margin:editedFrom`) and its attribution (`margin:attribution`) included."""

from __future__ import annotations

import json
from pathlib import Path

from reader.cli import main
from reader.export.w3c_article_note import parse_w3c_file

BEFORE = (
    "Harbour bridge to close\n\n"
    "The council will close the bridge for three years, the mayor, Ana Ruiz, said.\n\n"
    "Tolls will rise next spring, according to two officials familiar with the plan.\n\n"
    "The ferry keeps its timetable.\n"
)
AFTER = BEFORE.replace("for three years", "for five years")


def run(capsys, *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def _annotated(tmp_path: Path, capsys) -> Path:
    article = tmp_path / "first" / "bridge.txt"
    article.parent.mkdir()
    article.write_text(BEFORE, "utf-8")
    quotes = (
        ("The council will close the bridge for three years", "--status", "disputed"),
        ("Tolls will rise next spring", "--tag", "money"),
        ("The ferry keeps its timetable.", "--note", "*check* the ferry"),
    )
    for quote, *more in quotes:
        run(capsys, "annotate", str(article), "--quote", quote, *more)
    article.write_text(AFTER, "utf-8")  # edited under the first highlight
    listed = run(capsys, "annotations", str(article))
    assert [line.split("\t")[2] for line in listed.splitlines()].count("edited") == 1
    return article


def test_export_import_export_is_lossless(tmp_path: Path, capsys, monkeypatch) -> None:
    article = _annotated(tmp_path, capsys)
    monkeypatch.chdir(article.parent)  # the notes link to the article relative to here
    markdown = run(capsys, "export", str(article))
    assert "it read:" in markdown and "for three years" in markdown
    exported = tmp_path / "bridge.json"
    run(capsys, "export", "--format", "w3c", "-o", str(exported), str(article))

    copy = tmp_path / "second" / "bridge.txt"
    copy.parent.mkdir()
    copy.write_text(AFTER, "utf-8")
    assert main(["import", str(copy), str(exported)]) == 0
    capsys.readouterr()
    monkeypatch.chdir(copy.parent)
    assert run(capsys, "export", str(copy)) == markdown
    again = tmp_path / "again.json"
    run(capsys, "export", "--format", "w3c", "-o", str(again), str(copy))
    first, second = (json.loads(p.read_text("utf-8")) for p in (exported, again))
    assert first["first"]["items"] == [
        {**item, "target": {**item["target"], "source": article.resolve().as_uri()}}
        for item in second["first"]["items"]
    ]


def test_the_extensions_are_where_a_consumer_ignores_them(tmp_path: Path, capsys) -> None:
    article = _annotated(tmp_path, capsys)
    data = json.loads(run(capsys, "export", "--format", "w3c", str(article)))
    assert data["@context"] == [
        "http://www.w3.org/ns/anno.jsonld",
        {"margin": "urn:margin-reader:"},
    ]
    edited, tolls, ferry = data["first"]["items"]
    quote = edited["target"]["selector"][0]
    assert quote["exact"] == "The council will close the bridge for five years"
    assert quote["margin:editedFrom"] == "The council will close the bridge for three years"
    assert "margin:editedFrom" not in tolls["target"]["selector"][0]
    said = [b for b in edited["body"] if b["purpose"] == "describing"]
    assert said == [
        {
            "type": "TextualBody",
            "purpose": "describing",
            "value": "Source: the mayor, Ana Ruiz (named)",
            "format": "text/plain",
            "margin:attribution": {"source": "the mayor, Ana Ruiz", "kind": "named"},
        }
    ]
    kinds = [
        b["margin:attribution"]["kind"]
        for item in (tolls, ferry)
        for b in item["body"]
        if "margin:attribution" in b
    ]
    assert kinds == ["anonymous", "none"]
    # read back, the attribution is no note (it is worked out again from the article)
    found = parse_w3c_file(data)
    parsed, skipped = found.annotations, found.skipped
    assert skipped == 0
    assert [a.note for a in parsed] == ["", "", "*check* the ferry"]
    assert [a.edited_from for a in parsed] == [quote["margin:editedFrom"], "", ""]


def test_a_foreign_describing_body_is_still_a_note() -> None:
    item = {
        "type": "Annotation",
        "body": [{"type": "TextualBody", "purpose": "describing", "value": "a view"}],
        "target": {"source": "x", "selector": {"type": "TextQuoteSelector", "exact": "q"}},
    }
    [ann] = parse_w3c_file(item).annotations
    assert (ann.note, ann.edited_from) == ("a view", "")
    item["target"]["selector"]["urn:margin-reader:editedFrom"] = "old q"  # expanded IRI
    [ann] = parse_w3c_file(item).annotations
    assert ann.edited_from == "old q"

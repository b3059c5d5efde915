"""Hostile W3C files at the door of `reader import`: what cannot be written back is repaired
or refused there, so later verbs never fail on what an import stored."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.cli import main

ARTICLE = "A title\n\nThe minister said the plan was sound. Critics disagreed.\n"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _import(tmp_path: Path, article: Path, json_text: str, capsys) -> tuple[int, str, str]:
    source = tmp_path / "in.json"
    source.write_text(json_text, encoding="utf-8")
    status = main(["import", str(article), str(source)])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_lone_surrogates_are_repaired_and_every_later_verb_works(tmp_path, article, capsys):
    json_text = (
        '{"type": "Annotation", "id": "x\\ud800y",'
        ' "body": [{"type": "TextualBody", "value": "note \\udcff end"},'
        ' {"type": "TextualBody", "purpose": "tagging", "value": "t\\ud83d"}],'
        ' "target": {"selector": {"type": "TextQuoteSelector",'
        ' "exact": "the plan was sound", "prefix": "said \\udc80"}}}'
    )
    status, out, _ = _import(tmp_path, article, json_text, capsys)
    assert status == 0 and out.startswith("added 1")
    for argv in (
        ["annotations", str(article)],
        ["export", str(article)],
        ["export", str(article), "--format", "w3c"],
    ):
        assert main(argv) == 0, argv
        printed = capsys.readouterr().out
        assert "the plan was sound" in printed
    assert main(["export", str(article)]) == 0
    assert "note \ufffd end" in capsys.readouterr().out


def test_positions_that_are_not_ascii_digits_are_ignored(tmp_path, article, capsys):
    json_text = (
        '{"type": "Annotation", "target": {"selector": ['
        '{"type": "TextPositionSelector", "start": "\u00b2", "end": "\u0663"},'
        '{"type": "TextQuoteSelector", "exact": "Critics disagreed"}]}}'
    )
    status, out, _ = _import(tmp_path, article, json_text, capsys)
    assert status == 0 and out.startswith("added 1")


def test_a_number_past_pythons_digit_limit_is_one_line(tmp_path, article, capsys):
    json_text = '{"type": "Annotation", "start": ' + "9" * 5000 + "}"
    status, out, err = _import(tmp_path, article, json_text, capsys)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and "a number with too many digits" in err


def test_an_article_whose_name_is_not_utf8_exports(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = os.fsdecode(b"bad\xff\xfeutf8.txt")
    path = tmp_path / name
    path.write_text(ARTICLE, encoding="utf-8")
    assert main(["annotate", str(path), "--quote", "Critics disagreed"]) == 0
    capsys.readouterr()
    assert main(["export", str(path)]) == 0
    out = capsys.readouterr().out
    assert "[bad\ufffd\ufffdutf8.txt](bad%FF%FEutf8.txt)" in out
    assert main(["export", str(tmp_path), "--format", "w3c"]) == 0
    assert "Critics disagreed" in capsys.readouterr().out


def test_a_collection_that_holds_nothing_readable_says_why(tmp_path, article, capsys):
    """Issue 13.14: `"items": "nope"` and a `first` page given by address were imported as
    `added 0` without a word."""
    for body, why in (
        ('{"type": "AnnotationCollection", "items": "nope"}', "is not a list of annotations"),
        ('{"type": "AnnotationCollection", "first": "http://example.org/page1"}',
         "its first page is elsewhere (http://example.org/page1)"),
        ('{"type": "AnnotationCollection", "first": 5}', "is not an AnnotationPage"),
    ):  # fmt: skip
        status, out, err = _import(tmp_path, article, body, capsys)
        assert status == 2 and out == "", body
        assert why in err and err.count("\n") == 1, err

"""Saved pages open directly: `reader page.html` and .html/.htm files in a library."""

from __future__ import annotations

import pytest
from news_fixtures import CORPUS, STORY, page

from reader.document.loader import load_document, load_document_head
from reader.library import scan_library


def test_a_saved_page_opens_as_its_article_not_raw_tags(tmp_path):
    path = tmp_path / "story.html"
    path.write_text(page("Bridge vote", STORY), "utf-8")
    doc = load_document(path)
    assert doc.format == "markdown" and doc.meta.title == "Bridge vote"
    assert doc.meta.authors == ["Ann Writer"] and doc.meta.published == "2024-03-05"
    assert STORY[0] in doc.text and "<p>" not in doc.text and "First!" not in doc.text
    head, complete = load_document_head(path, 64)
    assert complete and head.text == doc.text


def test_a_page_without_an_article_opens_with_a_note(tmp_path):
    path = tmp_path / "empty.htm"
    path.write_text("<html><head><title>x</title></head><body></body></html>", "utf-8")
    doc = load_document(path)
    assert "no article text found in the page" in doc.text and "<" not in doc.text


def test_the_library_lists_saved_pages(tmp_path):
    (tmp_path / "a.html").write_text(page("Page A", STORY, date="2024-01-02"), "utf-8")
    (tmp_path / "b.htm").write_text(page("Page B", STORY, date="2024-01-03"), "utf-8")
    (tmp_path / "c.txt").write_text("Plain one\n\nText.\n", "utf-8")
    entries = scan_library(tmp_path)
    assert [(e.name, e.title) for e in entries][:2] == [("b.htm", "Page B"), ("a.html", "Page A")]
    assert entries[0].published == "2024-01-03" and entries[0].source == "Loopback News"


def test_corpus_pages_open_with_their_titles():
    pages = sorted(CORPUS.glob("page-*.html")) if CORPUS.is_dir() else []
    if not pages:
        pytest.skip("the shared corpus (../shared/corpus) is absent")
    titles = {p.name: load_document(p).meta.title for p in pages}
    assert titles["page-reuters-parasite-sag-awards.html"].startswith("'Parasite' scores")
    assert titles["page-liberation-nepal-seisme.html"].startswith("Un troisième Français")


def test_a_saved_page_is_annotated_and_exported_like_any_article(tmp_path, capsys):
    from reader.cli import main

    path = tmp_path / "story.html"
    path.write_text(page("Bridge vote", STORY), "utf-8")
    quote = "rebuild the old harbour bridge"
    assert main(["annotate", str(path), "--quote", quote, "--note", "big news"]) == 0
    assert (tmp_path / "story.html.annotations.json").is_file()
    capsys.readouterr()
    assert main(["annotations", str(path)]) == 0
    assert quote in capsys.readouterr().out
    assert main(["export", str(path)]) == 0
    exported = capsys.readouterr().out
    assert "# Bridge vote" in exported and quote in exported and "big news" in exported


def test_a_saved_page_in_a_declared_legacy_charset(tmp_path):
    greek = "\u0397 \u03b3\u03ad\u03c6\u03c5\u03c1\u03b1 \u03b8\u03b1 \u03c7\u03c4\u03b9\u03c3\u03c4\u03b5\u03af"
    html = page(greek, [f"{greek}: {p}" for p in STORY]).replace(
        'charset="utf-8"', 'charset="iso-8859-7"'
    )
    path = tmp_path / "greek.html"
    path.write_bytes(html.encode("iso-8859-7"))
    doc = load_document(path)
    assert doc.meta.title == greek and greek in doc.text

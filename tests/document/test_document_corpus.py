"""Every real corpus file parses sensibly (skipped when ../shared/corpus is absent)."""

from __future__ import annotations

import pytest
from document_helpers import CORPUS, check_invariants, corpus_file

from reader.document.loader import load_document
from reader.errors import ReaderError

NAMES = (
    sorted(p.name for p in CORPUS.glob("*") if p.name != "SOURCES.md") if CORPUS.is_dir() else []
)


@pytest.mark.parametrize("name", NAMES or ["(corpus missing)"])
def test_every_corpus_file_loads(name):
    path = corpus_file(name)
    if name.startswith("binary-"):
        with pytest.raises(ReaderError, match="binary file"):
            load_document(path)
        return
    doc = load_document(path)
    check_invariants(doc)
    if name == "empty.md":
        assert doc.blocks == [] and doc.messages
        return
    assert doc.meta.title
    assert sum(b.kind in ("paragraph", "list_item") for b in doc.blocks) >= 1


def kinds(doc):
    return [b.kind for b in doc.blocks]


def test_bbc_files_have_title_then_paragraphs():
    for path in sorted(CORPUS.glob("bbc-*.txt")) or [corpus_file("bbc-business-509.txt")]:
        doc = load_document(path)
        first_line = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert doc.blocks[0].kind == "title" and doc.meta.title == first_line
    doc = load_document(corpus_file("bbc-politics-361.txt"))
    assert [b.text for b in doc.blocks if b.kind == "list_item"][:2] == [
        "Increase in the stamp duty threshold from \u00a360,000",
        "A freeze on petrol duty",
    ]


def test_crlf_bbc_matches_shape():
    doc = load_document(corpus_file("derived-crlf-bbc-tech-100.txt"))
    assert "\r" not in doc.text
    assert doc.meta.title == "Honour for UK games maker"
    assert kinds(doc)[0] == "title" and set(kinds(doc)[1:]) == {"paragraph"}


def test_cp1252_story():
    doc = load_document(corpus_file("derived-cp1252-tnr-story.txt"))
    assert doc.encoding == "cp1252"
    assert "You\u2019d be amazed" in doc.text and "brutish, and short\u2014as" in doc.text
    assert doc.blocks[-1].text == "\u2014Warmly, Michael"


def test_moby_dick():
    doc = load_document(corpus_file("book-moby-dick-pg2701-cp1252.txt"))
    assert doc.encoding == "cp1252"
    assert doc.meta.title == "Moby Dick; Or, The Whale"
    assert doc.meta.authors == ["Herman Melville"]
    assert doc.blocks[0].kind == "boilerplate" and doc.blocks[0].label == "Project Gutenberg header"
    assert doc.blocks[-1].kind == "boilerplate" and doc.blocks[-1].text.startswith("*** END OF")
    call_me = next(b for b in doc.blocks if b.text.startswith("Call me Ishmael."))
    assert call_me.kind == "paragraph" and "\n" not in call_me.text
    assert call_me._anchor_text is not None and "\n" in call_me._anchor_text
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    assert "CHAPTER 1. Loomings." in headings and "Epilogue" in headings
    # Sentences are lazy: nothing was segmented while loading.
    assert all(b._sentences is None for b in doc.blocks)


def test_reuters():
    doc = load_document(corpus_file("reuters21578-0340-italian-boom.txt"))
    assert doc.meta.title == "ECONOMIC SPOTLIGHT - ITALIAN BOOM"
    assert doc.meta.authors == ["Jane Leach"] and doc.meta.source == "Reuters"
    assert doc.meta.extra["dateline"] == "ROME"
    paras = [b for b in doc.blocks if b.kind == "paragraph"]
    assert len(paras) == 25
    assert paras[-1].text.startswith('"Even today, if I wanted')


def test_fox_news():
    doc = load_document(corpus_file("news-foxnews-oscar-isaac.txt"))
    assert doc.blocks[0].kind == "boilerplate" and doc.blocks[0].label == "Photo caption"
    assert doc.blocks[-1].kind == "boilerplate"
    assert doc.blocks[-1].text.startswith("Like us on Facebook")
    assert doc.meta.title == "news-foxnews-oscar-isaac"  # no headline in the file


def test_chinese_without_title_line():
    doc = load_document(corpus_file("news-chinese-hk-leung.txt"))
    assert "title" not in kinds(doc)
    assert doc.meta.title == "news-chinese-hk-leung"  # no headline: never a body sentence
    assert "\u201c郑重道歉\u201d" in [b.text for b in doc.blocks if b.kind == "heading"]


def test_livedoor():
    doc = load_document(corpus_file("livedoor-topic-news-5903225.txt"))
    assert kinds(doc)[:3] == ["meta", "meta", "title"]
    assert doc.meta.published == "2011-10-02"
    boiler = [b for b in doc.blocks if b.kind == "boilerplate"]
    assert len(boiler) == 6 and all(b.label == "【関連記事】" for b in boiler)
    assert doc.blocks[-1].kind == "boilerplate" and doc.blocks[-1].text.endswith("5571502/")


def test_talaa_arabic():
    doc = load_document(corpus_file("talaa-arabic-elkhabar-world2.txt"))
    assert kinds(doc) == ["title", "paragraph"]
    assert doc.meta.source == "الخبر"
    assert doc.meta.title.startswith("الرئيس المنتهية ولايته")


def test_markdown_posts():
    rust = load_document(corpus_file("post-rust-1.73.0.md"))
    assert rust.meta.title == "Announcing Rust 1.73.0" and "code" in kinds(rust)  # its <pre>s
    assert any("🦀" in b.text for b in rust.blocks)
    react = load_document(corpus_file("post-react-canaries.md"))
    assert react.meta.published == "2023-05-03" and len(react.meta.authors) == 5
    hugo = load_document(corpus_file("post-hugo-http2-server-push.md"))
    assert hugo.meta.subtitle.startswith("As every page in Hugo")
    assert [b.label for b in hugo.blocks if b.kind == "code"][:2] == ["toml", "bash"]
    gif = load_document(corpus_file("post-go-gif-decoder.md"))
    assert gif.meta.authors == ["Rob Pike"] and kinds(gif).count("code") >= 5
    zh = load_document(corpus_file("guide-opensource-finding-users-zh-hans.md"))
    assert zh.meta.title == "为项目寻找合适的用户"
    assert "[image: cartography readme]" in [b.text for b in zh.blocks]

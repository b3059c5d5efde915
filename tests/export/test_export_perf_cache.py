"""The export's article cache (outline + sentence starts) and its read-only sidecar fast path
must never change what is exported: same bytes with and without them, stale or corrupt
cache files ignored, re-anchoring still done by the store."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.annotations.anchoring import still_anchored
from reader.annotations.model import CATEGORIES, SCHEMA_VERSION, Annotation
from reader.annotations.storage import (
    SidecarStorage,
    annotation_to_record,
    encode,
    read_unchanged,
    sidecar_path_for,
)
from reader.annotations.store import AnnotationStore
from reader.document import plaintext
from reader.document.loader import load_document
from reader.export import sentence_cache
from reader.export.command import export_article
from reader.export.markdown import render_markdown

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
WORDS = (
    "the council said river harbour minister report court vote market energy school Dr. "
    "hospital price worker farmer storm bridge, festival museum league coach contract "
    "election police railway station tunnel grant tariff season harvest Mr. U.S. 1.5"
).split()


def make_book(rng: random.Random, paragraphs: int = 160) -> str:
    """A plain-text book: a title, chapter headings, paragraphs wrapped at 60 columns."""
    parts = ["THE BENCH BOOK", "", "By A. Writer", ""]
    for n in range(paragraphs):
        if n % 20 == 0:
            parts += [f"CHAPTER {n // 20 + 1}", ""]
        sentences = []
        for _ in range(rng.randint(1, 6)):
            words = [rng.choice(WORDS) for _ in range(rng.randint(3, 14))]
            sentences.append(" ".join(words).capitalize() + rng.choice(".?!"))
        line, lines = "", []
        for word in " ".join(sentences).split():
            if len(line) + len(word) > 60:
                lines.append(line)
                line = ""
            line = f"{line} {word}" if line else word
        parts += [*lines, line, ""]
    return "\n".join(parts)


def write_sidecar(article: Path, every: int = 2, seed: int = 3) -> list[Annotation]:
    """A sidecar in the store's format with a highlight on every `every`-th sentence."""
    rng = random.Random(seed)
    doc = load_document(article)
    sentences = [s for b in doc.blocks if b.is_prose for s in b.sentences][::every]
    anns = []
    for i, s in enumerate(sentences):
        end = s.end if rng.random() < 0.7 else min(s.end + 40, len(doc.text))  # some span two
        ann = Annotation.create(doc.text, s.start, end, CATEGORIES[i % len(CATEGORIES)])
        ann.note = f"Note *{i}*" if rng.random() < 0.3 else ""
        ann.tags = ["tag one"] if rng.random() < 0.2 else []
        ann.created = ann.modified = f"2026-01-{1 + i % 28:02d}T10:00:00Z"
        anns.append(ann)
    records = [annotation_to_record(a, article.name) for a in anns]
    meta = {"schema": SCHEMA_VERSION, "sha256": doc.sha256, "source": article.name}
    meta["article_note"] = "The *whole* book."
    SidecarStorage(sidecar_path_for(article)).write(encode(records, meta, {}))
    return anns


def reference(article: Path, group_by: str = "order") -> str:
    """The export as the plain path makes it: parsed document, store, no cache."""
    doc = load_document(article)
    store = AnnotationStore.open(doc, read_only=True)
    try:
        return render_markdown(
            doc, list(store.annotations), store.article_note, group_by, article.name
        )
    finally:
        store.close()


def export(article: Path, group_by: str = "order") -> str:
    return export_article(article, "markdown", group_by, article.parent)[0]


def forbid_parsing(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("parsed although the outline was cached")

    monkeypatch.setattr(plaintext, "parse_plaintext", refuse)


def cache_file(article: Path) -> Path:
    doc = load_document(article)
    return sentence_cache.default_directory() / f"{doc.sha256}.json"


@pytest.fixture
def book(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(sentence_cache, "MIN_CHARS", 1000)  # cache this small book too
    article = tmp_path / "book.txt"
    article.write_text(make_book(random.Random(5)), encoding="utf-8")
    assert len(article.read_text()) > sentence_cache.MIN_CHARS
    write_sidecar(article)
    return article


@pytest.mark.parametrize("group_by", ["order", "category"])
def test_cold_and_warm_exports_are_byte_identical(book, monkeypatch, group_by):
    expected = reference(book, group_by)
    assert expected.count("\n> ") > 100 and "sentences " in expected
    assert export(book, group_by) == expected  # cold: parses, writes the cache
    assert cache_file(book).is_file()
    with monkeypatch.context() as m:
        forbid_parsing(m)
        assert export(book, group_by) == expected  # warm: outline from the cache


def test_export_without_any_cache_is_identical(book, monkeypatch):
    expected = reference(book)
    monkeypatch.setattr(sentence_cache, "MIN_CHARS", 10**9)  # nothing cached
    assert export(book) == expected
    assert not (book.parent / "cache").exists()


def test_the_outline_matches_the_parse(book):
    export(book)
    doc = load_document(book)
    unparsed = type(doc)(doc.path, "text", doc.text, [])
    outline = sentence_cache.read_outline(unparsed, "book")
    assert outline is not None
    assert outline.block_starts == [b.start for b in doc.blocks]
    assert outline.block_ends == [b.end for b in doc.blocks]
    assert outline.meta == doc.meta
    for index, starts in outline.sentence_starts.items():
        assert starts == [s.start for s in doc.blocks[index].sentences]
    assert sentence_cache.read_outline(unparsed, "another-name") is None


def _mutations():
    def starts_overlap(d):
        d["starts"][3] = d["ends"][5]

    def end_past_text(d):
        d["ends"][-1] = d["length"] + 1
        d["length"] += 1

    def wrong_length(d):
        d["length"] -= 1

    def wrong_name(d):
        d["name"] = "other"

    def bool_start(d):
        d["starts"][0] = False

    def short_ends(d):
        d["ends"].pop()

    def meta_type(d):
        d["meta"]["title"] = 7

    def meta_missing(d):
        del d["meta"]["authors"]

    def fingerprint(d):
        d["fingerprint"] = "other code"

    def entries_bad(d):
        d["blocks"] = [["x"], [0, 0, 1, [5, 3]], *d["blocks"][2:]]

    def no_outline(d):
        for key in ("starts", "ends", "meta", "name", "length"):
            del d[key]

    return [
        starts_overlap, end_past_text, wrong_length, wrong_name, bool_start, short_ends,
        meta_type, meta_missing, fingerprint, entries_bad, no_outline,
    ]  # fmt: skip


@pytest.mark.parametrize("mutate", _mutations(), ids=lambda f: f.__name__)
def test_a_corrupt_or_stale_cache_is_ignored_and_replaced(book, mutate):
    expected = reference(book)
    assert export(book) == expected
    path = cache_file(book)
    data = json.loads(path.read_bytes())
    mutate(data)
    path.write_text(json.dumps(data))
    assert export(book) == expected
    repaired = json.loads(path.read_bytes())
    assert repaired["fingerprint"] == sentence_cache.code_fingerprint()
    assert repaired["name"] == "book"
    doc = load_document(book)
    assert repaired["starts"] == [b.start for b in doc.blocks]
    assert repaired["ends"] == [b.end for b in doc.blocks]


@pytest.mark.parametrize("content", [b"", b"{not json", b"[]", b"\xff\xfe", b'{"fingerprint": 1}'])
def test_an_unreadable_cache_file_is_ignored(book, content):
    expected = reference(book)
    export(book)
    cache_file(book).write_bytes(content)
    assert export(book) == expected
    assert json.loads(cache_file(book).read_bytes())["starts"]


def test_a_highlight_in_a_block_not_cached_parses_then_caches(book, monkeypatch):
    export(book)  # caches the blocks holding highlights
    doc = load_document(book)
    store = AnnotationStore.open(doc)
    cached = {entry[0] for entry in json.loads(cache_file(book).read_bytes())["blocks"]}
    fresh = next(i for i, b in enumerate(doc.blocks) if b.is_prose and i not in cached and
                 not store.overlapping(b.start, b.end))  # fmt: skip
    block = doc.blocks[fresh]
    store.add(block.start, block.end, "question", note="new one")
    store.flush()
    store.close()
    expected = reference(book)
    assert "new one" in expected
    assert export(book) == expected  # parses: that block's sentences were not cached
    with monkeypatch.context() as m:
        forbid_parsing(m)
        assert export(book) == expected  # now they are


def test_changed_text_is_reanchored_by_the_store(book, monkeypatch):
    expected_before = reference(book)
    assert export(book) == expected_before
    text = book.read_text(encoding="utf-8")
    book.write_text("A NEW FIRST LINE\n\n" + text, encoding="utf-8")
    doc = load_document(book)
    assert read_unchanged(sidecar_path_for(book), doc.text, doc.sha256) is None
    expected = reference(book)
    assert expected != expected_before  # line numbers moved
    assert export(book) == expected
    with monkeypatch.context() as m:
        forbid_parsing(m)
        assert export(book) == expected


def test_read_unchanged_holds_what_a_read_only_store_holds(book):
    doc = load_document(book)
    store = AnnotationStore.open(doc, read_only=True)
    found = read_unchanged(sidecar_path_for(book), doc.text, doc.sha256)
    assert found is not None
    anns, note = found
    assert note == store.article_note == "The *whole* book."
    assert sorted(anns, key=lambda a: a.id) == sorted(store.annotations, key=lambda a: a.id)
    assert len(anns) > 100


def test_read_unchanged_declines_a_bad_sidecar(tmp_path):
    path = tmp_path / "story.txt.annotations.json"
    path.write_text("{broken", encoding="utf-8")
    assert read_unchanged(path, "text", "sha") is None


def test_orphans_are_kept_only_for_the_text_they_were_orphaned_in(book):
    doc = load_document(book)
    sidecar = sidecar_path_for(book)
    data = json.loads(sidecar.read_bytes())
    first = next(iter(data["annotations"].values()))
    first["orphaned"] = True
    sidecar.write_text(json.dumps(data), encoding="utf-8")
    assert read_unchanged(sidecar, doc.text, doc.sha256) is not None
    assert read_unchanged(sidecar, doc.text, "another text") is None
    assert export(book) == reference(book)


@pytest.mark.skipif(
    not (CORPUS / "book-moby-dick-pg2701-cp1252.txt").is_file(), reason="corpus absent"
)
def test_a_real_book_exports_the_same_cold_and_warm(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    article = tmp_path / "moby.txt"
    article.write_bytes((CORPUS / "book-moby-dick-pg2701-cp1252.txt").read_bytes())
    write_sidecar(article, every=5)
    expected = reference(article)
    assert export(article) == expected
    with monkeypatch.context() as m:
        forbid_parsing(m)
        assert export(article) == expected


def _sliced_still_anchored(text: str, ann: Annotation) -> bool:
    """The predicate written with slices (the store's own copy until it used
    `still_anchored`): the reference the in-place comparison must agree with."""
    start, end, exact = ann.start, ann.end, ann.exact
    return (
        0 <= start < end <= len(text)
        and text[start:end] == exact
        and text[max(0, start - 32) : start] == ann.prefix
        and text[end : end + 32] == ann.suffix
    )


@settings(deadline=None, max_examples=200)
@given(
    st.text("ab\n ", max_size=80),
    st.integers(-3, 90),
    st.integers(-3, 90),
    st.text("ab\n ", max_size=40),
    st.text("ab", max_size=4),
    st.text("ab", max_size=4),
    st.booleans(),
)
def test_still_anchored_agrees_with_the_store(text, start, end, prefix, exact, suffix, real):
    if real:  # the selectors taken from the text itself, possibly wrong by a char
        prefix = text[max(0, start - 32) : max(start, 0)] + suffix[:1]
        exact = text[max(start, 0) : max(end, 0)]
        suffix = text[max(end, 0) : max(end, 0) + 32]
    ann = Annotation("x", "claim", start, end, exact, prefix, suffix)
    assert still_anchored(text, ann) == _sliced_still_anchored(text, ann)


@pytest.mark.parametrize("xdg", [None, "", "  ", "/tmp/some cache"])
def test_the_cache_folder_is_where_platformdirs_puts_it(monkeypatch, xdg):
    from platformdirs import user_cache_dir

    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    from reader.state import APP_NAME

    assert sentence_cache.APP_NAME == APP_NAME
    expected = Path(user_cache_dir(APP_NAME)) / sentence_cache.DIRNAME
    assert sentence_cache.default_directory() == expected

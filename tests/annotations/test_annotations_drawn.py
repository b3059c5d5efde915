"""The highlights a store hands the article view: made while opening, once per annotation."""

from __future__ import annotations

from annotation_fixtures import ARTICLE

from reader.annotations.highlight_index import Highlight
from reader.annotations.store import AnnotationStore


def test_an_opened_store_has_its_highlights_made_already(article, open_store):
    store = open_store(article)
    a = store.add(0, 7, note="n")
    store.close()
    again = open_store(article)
    (ann,) = again.annotations
    assert id(ann) in again._collection._drawn  # made by open, not by the first draw
    assert again.highlight(ann) == Highlight(0, 7, "claim", True, a.id)
    assert again.highlight(ann) is again.highlight(ann)


def test_a_changed_annotation_gets_a_new_highlight(article, open_store):
    store = open_store(article)
    a = store.add(0, 7)
    first = store.highlight(a)
    b = store.update(a.id, category="evidence", note="why")
    assert store.highlight(b) == Highlight(0, 7, "evidence", True, a.id) != first
    assert id(a) not in store._collection._drawn  # the old one is let go
    store.delete(a.id)
    assert id(b) not in store._collection._drawn


def test_a_read_only_store_makes_none_until_asked(article, open_store):
    store = open_store(article)
    s = ARTICLE.index("Critics")
    store.add(s, s + 7)
    store.close()
    read_only = AnnotationStore.open(article, read_only=True)
    assert read_only._collection._drawn == {}
    (ann,) = read_only.annotations
    assert read_only.highlight(ann).start == s

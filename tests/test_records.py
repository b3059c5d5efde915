"""The value-class bases that replace @dataclass on the start-up path."""

from __future__ import annotations

import copy
import pickle

import pytest

from reader.document.layout import LayoutLine
from reader.document.model import Block, Document, Metadata, Sentence, Span
from reader.state import Position


def test_values_compare_and_hash_by_fields():
    a, b = Sentence(0, 5, "Hello"), Sentence(0, 5, "Hello")
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != Sentence(0, 6, "Hello!")
    assert Span(1, 2, "link", "u") != Span(1, 2, "link", None)
    assert a != (0, 5, "Hello")  # not a tuple: another type is never equal


def test_values_are_immutable():
    line = LayoutLine(0, 4)
    with pytest.raises(AttributeError):
        line.start = 3  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del line.end  # type: ignore[misc]
    assert (line.start, line.end, line.prefix, line.synthetic) == (0, 4, "", None)


def test_repr_names_the_public_fields_only():
    block = Block("paragraph", 0, 3, "abc")
    block.sentences  # noqa: B018  (fills the private cache)
    text = repr(block)
    assert text.startswith("Block(kind='paragraph', start=0, end=3, text='abc'")
    assert "_sentences" not in text and "source_line=1" in text
    assert repr(Sentence(0, 1, "a")) == "Sentence(start=0, end=1, text='a')"


def test_records_compare_by_value_unless_identity_is_asked_for():
    assert Metadata(title="t") == Metadata(title="t")
    assert Metadata(title="t") != Metadata(title="u")
    with pytest.raises(TypeError):
        hash(Metadata())  # mutable and compared by value: unhashable, as a dataclass
    assert Position("h", 1, 0.5, 0.0) == Position("h", 1, 0.5, 0.0)
    one, two = Block("paragraph", 0, 1, "a"), Block("paragraph", 0, 1, "a")
    assert one != two and one == one and len({one, two}) == 2  # blocks: identity
    d1 = Document("p", "text", "a", [])
    assert d1 != Document("p", "text", "a", []) and d1.meta == Metadata()


def test_mutable_defaults_are_not_shared():
    a, b = Metadata(), Metadata()
    a.authors.append("X")
    assert b.authors == []
    d1, d2 = Document("p", "text", "", []), Document("q", "text", "", [])
    d1.messages.append("m")
    assert d2.messages == [] and d1.meta is not d2.meta


def test_values_and_records_copy_and_pickle():
    for value in (Span(1, 2, "link", "u"), Sentence(0, 3, "abc"), LayoutLine(0, 2, "> ")):
        assert copy.copy(value) == value and copy.deepcopy(value) == value
        assert pickle.loads(pickle.dumps(value)) == value
    meta = Metadata(title="t", authors=["A"])
    assert copy.deepcopy(meta) == meta and pickle.loads(pickle.dumps(meta)) == meta

"""`History.net_changes`: what the changes in effect come to, per highlight and for the
article note (what a rewritten article's unsaved changes are redone from)."""

from __future__ import annotations

from reader.annotations.history import Change, History
from reader.annotations.model import Annotation

TEXT = "One sentence. Two sentence. Three."


def test_first_before_and_last_after_of_what_is_not_undone():
    a = Annotation.create(TEXT, 0, 13)
    b = Annotation.create(TEXT, 14, 27)
    history = History()
    history.record(Change("add", ((a.id, None, a),)))
    history.record(Change("note", ((a.id, a, a.replace(note="x")),)))
    history.record(Change("note", ((a.id, a.replace(note="x"), a.replace(note="y")),)))
    history.record(Change("delete", ((b.id, b, None),), note=("", "first")))
    history.record(Change("article note", note=("first", "second")))
    history.record(Change("add b back", ((b.id, None, b),)))
    history.pop_undo()  # the last one is undone: not in effect
    items, note = history.net_changes()
    assert items == {a.id: (None, a.replace(note="y")), b.id: (b, None)}
    assert note == ("", "second")


def test_nothing_in_effect():
    history = History()
    assert history.net_changes() == ({}, None)

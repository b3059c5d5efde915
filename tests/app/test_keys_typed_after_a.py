"""Keys typed right after `a` (add a note), before the note editor has the focus, reach the
editor: never lost, never acting on the article or the claims list (session 11: the first
keys were dropped). A terminal delivers a burst of keys in one read, all queued before any
is handled (`burst`); the same pilot.press call is the slower case."""

from __future__ import annotations

import pytest
from test_annotation_ui import to_sentence
from test_typed_bursts import burst
from textual import events

from reader.app import ReaderApp
from reader.widgets.claims_pane import ClaimsList
from reader.widgets.note_editor import NoteEditor
from reader.widgets.search_bar import SearchBar

NOTE = "x1 qjk tax"  # delete, category, quit, move and tags keys, were they the article's


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("fast", [True, False], ids=["burst", "press"])
async def test_keys_typed_right_after_a_go_into_the_note(seed_library, settle, size, fast):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await to_sentence(pilot, app, 1)
        await pilot.press("h")
        await pilot.pause()
        [ann] = app.annotations.store.annotations
        if fast:
            burst(app, "a" + NOTE)
        else:
            await pilot.press("a", *NOTE)
        await settle(app, pilot)
        assert app.is_running
        assert isinstance(app.focused, NoteEditor)
        assert app.focused.text == NOTE
        await pilot.press("escape")
        await settle(app, pilot)
        [now] = app.annotations.store.annotations
        assert (now.id, now.category, now.tags, now.note) == (ann.id, ann.category, [], NOTE)


async def test_keys_typed_right_after_a_in_the_claims_list_go_into_the_note(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await to_sentence(pilot, app, 1)
        await pilot.press("h", "j", "2")
        await pilot.pause()
        first, second = app.annotations.store.annotations
        claims_list = app.reading.query_one(ClaimsList)
        claims_list.focus()
        await pilot.pause()
        burst(app, "a" + NOTE)
        await settle(app, pilot)
        assert isinstance(app.focused, NoteEditor) and app.focused.text == NOTE
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.focused is claims_list
        assert [(a.category, a.note) for a in app.annotations.store.annotations] == [
            (first.category, NOTE),
            (second.category, ""),
        ]


async def test_an_a_typed_into_the_search_box_is_text(seed_library, settle):
    """`/` then a query with an `a` in it, all in one burst: the `a` is the query's, no
    note editor opens (the view feeds the box from its own turn)."""
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await to_sentence(pilot, app, 1)
        await pilot.press("h")
        await pilot.pause()
        app.post_message(events.Key("slash", "/"))
        burst(app, "say")
        await settle(app, pilot)
        assert app.screen.query_one(SearchBar).input.value == "say"
        assert not isinstance(app.focused, NoteEditor)


async def test_keys_typed_right_after_slash_in_the_claims_list_filter_it(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await to_sentence(pilot, app, 1)
        await pilot.press("h")
        await pilot.pause()
        claims_list = app.reading.query_one(ClaimsList)
        claims_list.focus()
        await pilot.pause()
        app.post_message(events.Key("slash", "/"))
        burst(app, "tax")  # tags, note and delete keys, were they the list's
        await settle(app, pilot)
        assert app.reading.query_one("#claims-filter").value == "tax"
        assert len(app.annotations.store.annotations) == 1
        assert not isinstance(app.focused, NoteEditor)

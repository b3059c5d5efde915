"""The `?` help lists the reader's own keys, not the ones Textual's widgets bring (issue 14.13)."""

from __future__ import annotations

from textual.binding import Binding
from textual.command import CommandPalette
from textual.widgets import Input, OptionList, TextArea
from textual.widgets._option_list import Option

from reader.app import ReaderApp
from reader.screens.help import HelpScreen, describe_bindings
from reader.screens.reading import AnnotatedArticleView
from reader.widgets.claims_pane import ClaimsFilter, ClaimsList
from reader.widgets.library_pane import FilterInput, LibraryList
from reader.widgets.note_editor import NoteEditor


def described(app, *classes) -> dict[str, str]:
    return {description: keys for keys, description in describe_bindings(app, classes)}


def declared(*classes) -> list[Binding]:
    return [b for cls in classes for b in Binding.make_bindings(cls.__dict__.get("BINDINGS", ()))]


async def test_help_leaves_out_textual_widget_keys_and_keeps_every_reader_key(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(str(s.render()) for s in app.screen.query("#help-body Static"))
        for generic in ("Move cursor left", "Delete character left", "Scroll Left", "Page Left"):
            assert generic not in text
        for generic in ("Cursor line start", "Select all", "Paste text from the clipboard"):
            assert generic not in text
        # Every described binding a reader class declares is still listed.
        reader_classes = (
            ReaderApp,
            AnnotatedArticleView,
            *AnnotatedArticleView.__mro__[1:2],
            LibraryList,
            FilterInput,
            ClaimsList,
            ClaimsFilter,
            NoteEditor,
        )
        for binding in declared(*reader_classes):
            if binding.description and binding.id != "end-selection":
                assert binding.description in text, binding


def test_inherited_input_and_text_area_bindings_are_not_described(tmp_path):
    app = ReaderApp(library=tmp_path)
    for widget, own in ((FilterInput, FilterInput), (NoteEditor, NoteEditor)):
        rows = described(app, widget)
        base = Input if widget is FilterInput else TextArea
        inherited = {b.description for b in declared(base)} - {b.description for b in declared(own)}
        assert inherited and not inherited & set(rows), rows
        assert {b.description for b in declared(own) if b.description} <= set(rows)


def test_one_key_is_listed_once_in_a_group(tmp_path):
    """`v` starts a selection and ends it; the help lists it once, as "Select"."""
    rows = describe_bindings(ReaderApp(library=tmp_path), [AnnotatedArticleView])
    keys = [key for listed, _ in rows for key in listed.split(", ")]
    assert len(keys) == len(set(keys)), rows
    assert ("v", "Select") in rows


async def test_palette_has_one_keys_entry_the_readers_help(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        assert CommandPalette.is_open(app)
        options: list[Option] = list(app.screen.query_one(OptionList).options)
        names = [str(o.prompt).split("\n")[0].strip() for o in options]
        assert not [name for name in names if name.startswith("Keys")], names
        assert any(name.startswith("Help") for name in names), names

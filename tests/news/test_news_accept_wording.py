"""Accepting the new wording of an edited highlight (its article was edited under it): `W`
or the palette's "Accept new wording" in the app, `reader annotate --accept-wording` on the
command line, and `AnnotationStore.update(id, edited_from="")` beneath both. The mark is
cleared, saved, undoable; the old wording stays in the article's revision."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from news_fixtures import STORY, page, settle

from reader.annotations.store import AnnotationStore
from reader.cli import main
from reader.document.loader import load_document
from reader.errors import ReaderError
from reader.news import revisions

OLD = STORY[1]
NEW = OLD.replace("three years", "five years")


def _edited_article(server, library: Path, capsys) -> Path:
    """An article of `library` with one highlight of OLD, then edited on the server to NEW
    and refreshed: the highlight is marked edited."""
    assert OLD != NEW
    url = server.route("/story.html", page("Harbour bridge", STORY))
    assert main(["add", url, "--library", str(library)]) == 0
    article = Path(capsys.readouterr().out.strip())
    assert main(["annotate", str(article), "--quote", OLD]) == 0
    server.route("/story.html", page("Harbour bridge", [STORY[0], NEW, *STORY[2:]]))
    assert main(["refresh", "--library", str(library)]) == 0
    capsys.readouterr()
    return article


def _states(article: Path) -> list[tuple[str, str]]:
    store = AnnotationStore.open(load_document(article), read_only=True)
    try:
        return [(ann.state, ann.edited_from) for ann in store.annotations]
    finally:
        store.close()


def _sidecar_edited_from(article: Path) -> list[str]:
    data = json.loads(Path(f"{article}.annotations.json").read_text("utf-8"))
    return [record.get("edited_from", "") for record in data["annotations"].values()]


def test_the_store_clears_edited_from_undoably_and_refuses_any_other_value(
    server, tmp_path, capsys
):
    article = _edited_article(server, tmp_path, capsys)
    store = AnnotationStore.open(load_document(article))
    try:
        (ann,) = store.annotations
        assert (ann.state, ann.exact, ann.edited_from) == ("edited", NEW, OLD)
        with pytest.raises(ReaderError, match="can only be cleared"):
            store.update(ann.id, edited_from="something else")
        accepted = store.update(ann.id, edited_from="")
        assert (accepted.state, accepted.edited_from) == ("anchored", "")
        assert store.undo() == "accept the new wording"
        assert store.get(ann.id).edited_from == OLD
        assert store.redo() == "accept the new wording"
        store.flush()
    finally:
        store.close()
    assert _sidecar_edited_from(article) == [""]
    assert _states(article) == [("anchored", "")]


def test_annotate_accept_wording_clears_the_mark_and_the_revision_keeps_the_old(
    server, tmp_path, capsys
):
    article = _edited_article(server, tmp_path, capsys)
    main(["annotations", str(article)])
    assert capsys.readouterr().out.split("\t")[2] == "edited"
    assert main(["annotate", str(article), "--quote", NEW, "--accept-wording"]) == 0
    ann_id = capsys.readouterr().out.strip()
    main(["annotations", str(article)])
    listed = capsys.readouterr().out.splitlines()
    assert listed == [f"{ann_id}\tclaim\tanchored\t{NEW}"]  # the same highlight, not a second
    (kept,) = revisions.list_revisions(article)
    assert OLD in kept.read_text("utf-8") and OLD not in article.read_text("utf-8")
    # the article edited again later marks it again, against the wording accepted
    server.route("/story.html", page("Harbour bridge", [STORY[0], OLD, *STORY[2:]]))
    assert main(["refresh", "--library", str(tmp_path)]) == 0
    assert _states(article) == [("edited", NEW)]


async def test_w_accepts_the_new_wording_in_the_notes_pane_and_u_undoes(server, user_dirs, capsys):
    from reader.app import ReaderApp
    from reader.commands import reader_commands
    from reader.state import ReadingState

    library = user_dirs / "lib"
    article = _edited_article(server, library, capsys)
    app = ReaderApp(library=library, state=ReadingState(user_dirs / "s.json"))
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        app.article_view.move_cursor_to_offset(app.document.text.index(NEW))
        await pilot.pause()
        notes = app.reading.notes_pane.text()
        assert "Edited since highlighted; it read:" in notes and "W accepts" in notes
        await pilot.press("W")
        await pilot.pause()
        assert app.reading.annotation_under_cursor().edited_from == ""
        assert "Edited since highlighted" not in app.reading.notes_pane.text()
        app.reading.annotations.flush()
        assert _sidecar_edited_from(article) == [""]
        await pilot.press("W")  # nothing left to accept: said so, nothing changed
        await pilot.pause()
        assert "has not changed" in [n.message for n in app._notifications][-1]
        await pilot.press("u")
        await pilot.pause()
        assert app.reading.annotation_under_cursor().edited_from == OLD
        assert "Edited since highlighted" in app.reading.notes_pane.text()
        # the palette's entry does the same
        (accept,) = [c for name, _, c in reader_commands(app) if name == "Accept new wording"]
        accept()
        await pilot.pause()
        assert app.reading.annotation_under_cursor().edited_from == ""
        app.reading.annotations.flush()
        assert _sidecar_edited_from(article) == [""]

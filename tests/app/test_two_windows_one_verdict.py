"""Two windows, one verdict, in the app: the verdict dialog (s) opened before another window
saved its own verdict keeps that verdict in the rationale and says so (session 11: the
dialog's save replaced it)."""

from __future__ import annotations

from test_annotation_ui import SIZE, seed_path, to_sentence
from test_two_windows_one_note import messages, other_window, sidecar, took_in

from reader.app import ReaderApp
from reader.screens.claim_dialogs import VerdictScreen


async def test_a_verdict_set_in_another_window_meanwhile_is_kept(seed_library, settle):
    article = seed_path(seed_library)
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await to_sentence(pilot, app, 1)
        await pilot.press("h")
        await pilot.pause()
        app.annotations.store.flush()
        await pilot.press("s")  # this window's dialog opens on "unverified", no rationale
        await pilot.pause()
        assert isinstance(app.screen, VerdictScreen)
        other = other_window(article)
        (ann,) = other.annotations
        other.update(ann.id, status="supported", rationale="the agency confirms it")
        other.close()
        store = app.annotations.store
        await took_in(pilot, lambda: store.get(ann.id).status == "supported")
        await pilot.press("4", *"ONS says 2%", "enter")  # refuted, and why
        await settle(app, pilot)
        app.annotations.store.flush()
        (record,) = sidecar(article)["annotations"].values()
        assert record["status"] == "refuted"
        assert record["rationale"] == "ONS says 2% | elsewhere: Supported — the agency confirms it"
        assert any("both are kept" in m for m in messages(app)), messages(app)

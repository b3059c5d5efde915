"""A highlight that overlaps another says so (issue 14.12: it was made "without a word")."""

from __future__ import annotations

from test_annotation_ui import SIZE, record_notices, to_sentence

from reader.annotations.model import Annotation
from reader.annotations.overlaps import overlap_notice, short_quote
from reader.app import ReaderApp
from reader.widgets.key_bar import KeyBar


def said(app, notices: list[str]) -> list[str]:
    """What the status said: the key bar's message, or a notification."""
    message = app.reading.query_one(KeyBar).message
    return ([message] if message else []) + notices


async def test_a_selection_over_an_existing_highlight_says_it_overlaps(seed_library, settle):
    app = ReaderApp(library=seed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        notices = record_notices(app)
        await to_sentence(pilot, app, 2)
        await pilot.press("2")  # the second sentence, as Evidence
        await pilot.pause()
        assert not [m for m in said(app, notices) if "overlaps" in m]
        await pilot.press("k", "v", "j", "h")  # sentences 1-2: a claim over the evidence
        await pilot.pause()
        assert len(app.annotations.store.annotations) == 2
        [message] = [m for m in said(app, notices) if "overlaps" in m]
        assert message.startswith("Highlighted; overlaps the Evidence highlight “")


def _ann(text: str, start: int, end: int, category: str = "claim") -> Annotation:
    return Annotation.create(text, start, end, category, "", ())


def test_overlap_notice_names_the_one_or_counts_many():
    text = "One two three.\nFour [b]five[/b] six. Seven eight nine ten eleven twelve thirteen."
    new = _ann(text, 0, len(text))
    one = _ann(text, 15, 36, "question")
    assert overlap_notice(new, [new]) is None
    message = overlap_notice(new, [new, one])
    assert message == "Highlighted; overlaps the Question highlight “Four [b]five[/b] six.”"
    assert overlap_notice(new, [new, one, _ann(text, 0, 5)]) == "Highlighted; overlaps 2 highlights"
    long = short_quote(text)
    assert "\n" not in long and long.endswith("…") and len(long) == 40
    assert short_quote("a\x1b[2Jb") != "a\x1b[2Jb" and "\x1b" not in short_quote("a\x1b[2Jb")

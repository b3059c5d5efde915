"""Notes drawn as Markdown in the notes pane (issue 14: `*no named source*` showed raw)."""

from __future__ import annotations

from rich.style import Style

from reader.widgets.note_markdown import NoteStyles, note_text

STYLES = NoteStyles(
    heading=Style(bold=True),
    code=Style(color="green"),
    link=Style(underline=True),
    quote=Style(italic=True),
)


def styled(text, part: str) -> list[Style]:
    """The styles of the spans that cover `part` of `text`."""
    start = text.plain.index(part)
    return [s.style for s in text.spans if s.start <= start and s.end >= start + len(part)]


def test_emphasis_strong_and_code_are_drawn_not_shown_as_marks():
    text = note_text("*no named source*, **twice**, `x = 1`", STYLES)
    assert text.plain == "no named source, twice, x = 1"
    assert any(s.italic for s in styled(text, "no named source"))
    assert any(s.bold for s in styled(text, "twice"))
    assert Style(color="green") in styled(text, "x = 1")


def test_lists_quotes_and_code_blocks_keep_their_shape():
    source = "Para\n\n- a\n- b\n  - nested\n\n3. three\n4. four\n\n> said\n\n```\nl1\nl2\n```"
    assert note_text(source, STYLES).plain == (
        "Para\n\n• a\n• b\n  • nested\n\n3. three\n4. four\n\n▌ said\n\nl1\nl2"
    )


def test_untrusted_notes_stay_text_links_are_never_links():
    source = "[b]x[/b] [click](https://evil.example/?a=1) <script>no</script> \x1b[2J\x07"
    text = note_text(source, STYLES)
    assert text.plain == "[b]x[/b] click (https://evil.example/?a=1) <script>no</script> ␛[2J␇"
    assert not any(ch in text.plain for ch in "\x1b\x07")
    for span in text.spans:  # no style carries a link (no OSC 8 hyperlink on the terminal)
        assert not getattr(span.style, "link", None)


def test_hidden_characters_in_notes_show_the_article_views_markers():
    source = "ESC \x1b here, a\u202eevil, pass\u200bword, tag\U000e0041, filler\u3164, l\u200erm"
    shown = note_text(source, STYLES).plain
    assert shown == "ESC ␛ here, a⇄evil, pass◌word, tag◌, filler◌, l◌rm"
    assert "\ufffd" not in shown
    # Text the article view keeps, the notes keep too.
    assert note_text("\u05e9\u05dc\u05d5\u05dd\u200f! 👨\u200d👩", STYLES).plain == (
        "\u05e9\u05dc\u05d5\u05dd\u200f! 👨\u200d👩"
    )

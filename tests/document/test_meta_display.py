from reader.document.plaintext import meta_display, parse_plaintext


def test_glued_date_and_source_read_apart():
    assert meta_display("January 27, 2026Clash Report") == "January 27, 2026 · Clash Report"
    assert meta_display("3 March 2025 | Reuters") == "3 March 2025 · Reuters"


def test_plain_date_line_needs_no_label():
    assert meta_display("January 27, 2026") == ""
    assert meta_display("By Jane Leach, Reuters") == ""


def test_meta_block_keeps_source_text_and_carries_label():
    text = "Title of the story here\nA standfirst line that explains the story at length.\nJanuary 27, 2026Clash Report\nBody paragraph one says something.\n"
    result = parse_plaintext(text)
    meta = next(b for b in result.blocks if b.kind == "meta")
    assert meta.text == "January 27, 2026Clash Report"
    assert text[meta.start : meta.end] == meta.text
    assert meta.label == "January 27, 2026 · Clash Report"

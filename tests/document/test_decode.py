"""Decoding, normalising and bad-input errors."""

from __future__ import annotations

import codecs
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.document.decode import decode_and_normalize, decode_bytes, sanitize
from reader.document.loader import load_document, load_document_head
from reader.errors import ReaderError


def test_utf8_with_and_without_bom(load):
    plain = load("Caf\u00e9 \u201cquoted\u201d\n\nBody text here.\n")
    bom = load(b"\xef\xbb\xbf" + "Caf\u00e9 \u201cquoted\u201d\n\nBody text here.\n".encode())
    assert plain.text == bom.text
    assert plain.text.startswith("Caf\u00e9 \u201c")
    assert plain.encoding == "utf-8"
    assert bom.encoding == "utf-8-sig"


@pytest.mark.parametrize("codec,name", [("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be")])
def test_utf16_with_bom(load, codec, name):
    bom = b"\xff\xfe" if codec.endswith("le") else b"\xfe\xff"
    doc = load(bom + "Titre\n\nL\u2019\u00e9t\u00e9 arrive.\n".encode(codec))
    assert doc.text == "Titre\n\nL\u2019\u00e9t\u00e9 arrive.\n"
    assert doc.encoding == name
    assert doc.meta.title == "Titre"


def test_cp1252_maps_smart_punctuation(load):
    doc = load(b"Headline\n\n\x93Quoted,\x94 he said \x96 it\x92s \x85 caf\xe9.\n")
    assert doc.encoding == "cp1252"
    assert "\u201cQuoted,\u201d he said \u2013 it\u2019s \u2026 caf\u00e9." in doc.text


def test_undefined_cp1252_byte_falls_back_per_byte():
    # 0x81 is undefined in cp1252: the rest of the file still gets cp1252.
    text, encoding = decode_and_normalize(b"\x93a\x94 \x81 \x97")
    assert encoding == "cp1252"
    assert text[0] == "\u201c" and text[2] == "\u201d" and text[-1] == "\u2014"
    assert text[4] == "\ufffd"  # the Latin-1 fallback U+0081 is a C1 control: replaced
    assert len(text) == 7


def test_crlf_and_cr_become_lf(load):
    doc = load(b"Title\r\n\r\nOne.\rTwo.\r\n")
    assert doc.text == "Title\n\nOne.\nTwo.\n"
    assert "\r" not in doc.text


def test_escape_sequences_are_neutralised(load):
    raw = "Title\n\nBefore \x1b]2;PWNED\x07 after \x1b[31mred\x1b[0m \x9b2J end.\n"
    doc = load(raw)
    assert len(doc.text) == len(raw)
    for text in [doc.text] + [b.text for b in doc.blocks] + [doc.meta.title]:
        assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
    assert "\u241b]2;PWNED\u2407" in doc.text


def test_control_pictures_one_for_one():
    raw = "".join(chr(c) for c in range(0x20)) + "\x7f" + "".join(chr(c) for c in range(0x80, 0xA0))
    out = sanitize(raw)
    assert len(out) == len(raw)
    assert out[0] == "\u2400" and out[0x1B] == "\u241b" and out[0x20] == "\u2421"
    assert out[9] == "\t" and out[10] == "\n"
    assert out[0x21 + 0x13] == "\u201c"  # U+0093 shown as cp1252 would: a left quote
    assert all(not (0x80 <= ord(c) < 0xA0) and (ord(c) >= 0x20 or c in "\t\n") for c in out)


def test_c1_controls_in_utf8_are_repaired(load):
    doc = load("Title\n\nHe said \x93hello\x94.\n")
    assert "He said \u201chello\u201d." in doc.text


def test_markup_is_kept_literally(load):
    doc = load("Title [bold]x[/bold]\n\nBody with [red]markup[/] and [link=x]y[/link].\n")
    assert doc.meta.title == "Title [bold]x[/bold]"
    assert doc.blocks[1].text == "Body with [red]markup[/] and [link=x]y[/link]."


def test_binary_file_is_an_error(write):
    path = write("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(ReaderError, match="binary file.*image.txt"):
        load_document(path)
    assert decode_bytes(b"abc\x00def") is None


@pytest.mark.parametrize("loader", [load_document, load_document_head])
def test_missing_file_is_an_error(tmp_path, loader):
    with pytest.raises(ReaderError, match="^no such file or folder: .*nope.txt$"):
        loader(tmp_path / "nope.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    with pytest.raises(ReaderError, match="^no such file or folder: .*dangling.txt$"):
        loader(tmp_path / "dangling.txt")


@pytest.mark.parametrize("loader", [load_document, load_document_head])
def test_a_folder_is_not_an_article_file(tmp_path, loader):
    (tmp_path / "a.txt").write_text("Hello")
    with pytest.raises(ReaderError, match=f"^is a folder, not an article file: {tmp_path}$"):
        loader(tmp_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("loader", [load_document, load_document_head])
def test_a_named_pipe_is_never_read(tmp_path, loader):
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(ReaderError, match="^not a regular file: .*pipe.txt$"):
        loader(tmp_path / "pipe.txt")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read anything")
def test_permission_denied_is_an_error(write):
    path = write("secret.txt", "Title\n\nBody.\n")
    path.chmod(0)
    try:
        with pytest.raises(
            ReaderError, match="^cannot read \\(permission denied\\): .*secret.txt$"
        ):
            load_document(path)
    finally:
        path.chmod(0o644)


@pytest.mark.parametrize("content", ["", "   \n\n\t  \n", "\ufeff"])
def test_empty_file_opens_empty(load, content):
    doc = load(content)
    assert doc.blocks == []
    assert doc.is_empty
    assert any(m.startswith("empty article: ") for m in doc.messages)


def test_unknown_bytes_never_fail(load):
    doc = load(bytes(range(1, 256)) * 3)
    assert doc.encoding == "cp1252"
    assert not any(0x80 <= ord(c) < 0xA0 or (ord(c) < 0x20 and c not in "\t\n") for c in doc.text)


_PIECES = [
    b"\r",
    b"\n",
    b"\r\n",
    b"a",
    b"\xe9",
    b"\xc3\xa9",
    b"\x00",
    b"\x81",
    b"\x1b",
    b"\xc2\x85",
]
_STARTS = [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE]


@settings(max_examples=400, deadline=None)
@given(
    start=st.sampled_from(_STARTS),
    pieces=st.lists(st.sampled_from(_PIECES), max_size=24),
)
def test_newlines_normalised_on_bytes_match_normalising_the_text(start, pieces):
    """`decode_and_normalize` turns CR LF and CR into LF before decoding (except for UTF-16
    and UTF-32); the text must be what decoding first and normalising after gives."""
    from reader.document.decode import normalize_newlines

    data = start + b"".join(pieces)
    decoded = decode_bytes(data)
    expected = None
    if decoded is not None:
        expected = (sanitize(normalize_newlines(decoded[0])), decoded[1])
    assert decode_and_normalize(data) == expected


def test_bidi_controls_and_hidden_zero_width_characters_are_shown_one_for_one():
    hidden = "pass\u200bword a\u202eevil \u2067isolated\u2069 x\u200dy \ufeffmid"
    shown = sanitize(hidden)
    assert len(shown) == len(hidden)
    assert shown == "pass◌word a⇄evil ⇄isolated⇄ x◌y ◌mid"


def test_joiners_between_non_ascii_characters_are_kept():
    for text in (
        "\u0928\u094d\u200d\u0937",
        "👨\u200d👩\u200d👧",
        "\u0645\u06cc\u200c\u062e\u0648",
    ):
        assert sanitize(text) == text
    # Right-to-left text keeps its directional marks: they cannot reorder a run.
    assert sanitize("\u05e9\u05dc\u05d5\u05dd\u200f!") == "\u05e9\u05dc\u05d5\u05dd\u200f!"


def test_hidden_characters_never_survive_a_load(load):
    doc = load("Log in with pass\u200bword.\u202e Then check.\n".encode())
    assert "\u200b" not in doc.text and "\u202e" not in doc.text
    assert "pass◌word" in doc.text

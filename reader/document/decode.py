"""Bytes to safe text: decoding, newline normalising and control-character neutralising.

Decoding order (no general-purpose detector):

1. a byte-order mark: UTF-8 (BOM dropped), UTF-32 or UTF-16 (either endianness);
2. valid UTF-8;
3. otherwise Windows-1252, decoded byte by byte: the five bytes cp1252 leaves undefined
   (0x81, 0x8D, 0x8F, 0x90, 0x9D) fall back to Latin-1, so one odd byte never costs the rest
   of the file its curly quotes and dashes. Recorded as ``"cp1252"``.

Normalising: CRLF and lone CR become LF. Then every control character except tab and
newline is replaced by exactly one visible code point, so offsets never shift and no byte
of an article can reach the terminal as a control sequence:

* C0 (U+0000-U+001F): the matching Control Picture, ``chr(0x2400 + c)`` (ESC shows as ␛);
* DEL (U+007F): ␡ (U+2421);
* C1 (U+0080-U+009F): these nearly always are Windows-1252 bytes that were mis-decoded as
  Latin-1 somewhere upstream, so each becomes the character cp1252 gives that byte
  (U+0093 -> “, U+0097 -> —); the five undefined ones become U+FFFD.

Invisible characters that can make text read other than it is are shown too, one for one:

* bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), which can reorder
  what a terminal with bidi support shows: ⇄ (U+21C4);
* zero-width characters that hide inside words (U+200B, U+2060, U+FEFF, and a zero-width
  joiner or non-joiner next to an ASCII character, as in ``pass\u200bword``), tag
  characters (U+E0000-U+E007F) and the blank Hangul fillers (U+115F, U+1160, U+3164,
  U+FFA0): ◌ (U+25CC). Between two non-ASCII characters the joiners are kept: Persian,
  Indic scripts and emoji sequences need them; so are the tags of a flag emoji (🏴 and up
  to 32 tags ending with U+E007F, as in the flag of England).
* the directional marks U+200E, U+200F and U+061C, where no right-to-left letter is near
  (within 8 characters either side), as in Latin text: ◌. Right-to-left text uses them and
  keeps them; they cannot reorder a run.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from pathlib import Path

from reader.errors import (
    ReaderError,
    binary_file,
    cannot,
    is_a_folder,
    link_loop,
    no_such_path,
    not_regular_file,
)

# How much of a file is checked for NUL bytes to call it binary.
BINARY_PROBE = 8192

# The largest file read as an article: eight times a long book (the longest novels are
# 4-5 MB of text). A bigger one is refused by its size before any of it is read.
ARTICLE_MAX_BYTES = 32 * 1024 * 1024

_CP1252_UNDEFINED = frozenset({0x81, 0x8D, 0x8F, 0x90, 0x9D})


def _cp1252_table() -> str:
    chars = []
    for byte in range(256):
        if byte in _CP1252_UNDEFINED:
            chars.append(chr(byte))  # Latin-1 fallback
        else:
            chars.append(bytes([byte]).decode("cp1252"))
    return "".join(chars)


# A 256-character decoding table for codecs.charmap_decode (runs in C).
CP1252_TABLE = _cp1252_table()


BIDI_MARK = "\u21c4"
INVISIBLE_MARK = "\u25cc"


def _control_map() -> dict[int, str]:
    table = {c: chr(0x2400 + c) for c in range(0x20) if c not in (0x09, 0x0A)}
    table[0x7F] = "\u2421"
    for c in range(0x80, 0xA0):
        table[c] = "\ufffd" if c in _CP1252_UNDEFINED else CP1252_TABLE[c]
    for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)):
        table[c] = BIDI_MARK
    for c in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x115F, 0x1160, 0x3164, 0xFFA0):
        table[c] = INVISIBLE_MARK
    for c in (0x200E, 0x200F, 0x061C, *range(0xE0000, 0xE0080)):
        table[c] = INVISIBLE_MARK
    # Lone surrogates never come from decoding, but file names that are not UTF-8 reach
    # Python with surrogate escapes, and JSON can carry them: they cannot be written.
    for c in range(0xD800, 0xE000):
        table[c] = "\ufffd"
    return table


CONTROL_MAP: dict[int, str] = _control_map()
_CONTROL_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2060\ufeff\u202a-\u202e\u2066-\u2069"
    "\u061c\u115f\u1160\u3164\uffa0\ud800-\udfff\U000e0000-\U000e007f]"
)
_FLAG = re.compile("\U0001f3f4[\U000e0020-\U000e007e]{1,32}\U000e007f")  # 🏴 and its tags
_JOINERS = "\u200c\u200d"
_DIRECTION_MARKS = "\u200e\u200f\u061c"
# Letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko and the rest).
_RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
_RTL_NEAR = 8

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)


def _shown(match: re.Match[str]) -> str:
    char = match.group()
    if char in _JOINERS:
        text, at = match.string, match.start()
        before, after = text[at - 1 : at], text[at + 1 : at + 2]
        if before > "\x7f" and after > "\x7f":  # between two non-ASCII characters
            return char
    elif char in _DIRECTION_MARKS:
        text, at = match.string, match.start()
        if _RTL.search(text, max(0, at - _RTL_NEAR), at + 1 + _RTL_NEAR):
            return char
    elif char >= "\U000e0000":  # a tag character: kept inside a flag emoji
        text, at = match.string, match.start()
        flag = text.rfind("\U0001f3f4", max(0, at - 33), at)
        if flag >= 0 and (m := _FLAG.match(text, flag)) is not None and at < m.end():
            return char
    return CONTROL_MAP[ord(char)]


def sanitize(text: str) -> str:
    """Replace control characters (except tab and newline) and hidden characters one for
    one with visible ones."""
    if _CONTROL_RE.search(text) is None:
        return text
    return _CONTROL_RE.sub(_shown, text)


def one_line(text: str) -> str:
    """`text` safe to print on one line of a terminal: `sanitize`d, and newline and tab
    shown as ␊ and ␉. For file names in messages and titles."""
    text = sanitize(text)
    if "\n" in text or "\t" in text:
        text = text.replace("\n", "\u240a").replace("\t", "\u2409")
    return text


def normalize_newlines(text: str) -> str:
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def looks_binary(data: bytes) -> bool:
    """NUL bytes in the first chunk, or many of them anywhere (checked after BOM sniffing)."""
    if b"\x00" in data[:BINARY_PROBE]:
        return True
    return data.count(b"\x00") > max(8, len(data) // 1000)


def decode_bytes(data: bytes, head: bool = False) -> tuple[str, str] | None:
    """Decode `data`: (text, encoding), or None when it looks binary. Never raises.

    `head=True`: `data` is the start of a file, maybe cut inside a character; the cut
    character is dropped rather than deciding the encoding."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            if head:
                unit = 4 if codec == "utf-32" else 2 if codec == "utf-16" else 1
                data = data[: len(data) - (len(data) - len(bom)) % unit]
            return data.decode(codec, "replace"), name
    if looks_binary(data):
        return None
    for cut in range(4 if head else 1):
        try:
            return data[: len(data) - cut].decode("utf-8"), "utf-8"
        except UnicodeDecodeError as error:
            if error.start < len(data) - 4:
                break
    return codecs.charmap_decode(data, "strict", CP1252_TABLE)[0], "cp1252"


def normalize(text: str) -> str:
    """Newlines to LF, then control characters neutralised (length-preserving after LF)."""
    return sanitize(normalize_newlines(text))


# BOMs of the encodings in which a CR byte is not always a carriage return.
_WIDE_BOMS = tuple(bom for bom, _, name in _BOMS if name.startswith(("utf-16", "utf-32")))


def decode_and_normalize(data: bytes) -> tuple[str, str] | None:
    """Decode and normalise file bytes: (text, encoding), or None when binary. Never raises."""
    if b"\r" in data and not data.startswith(_WIDE_BOMS):
        # In UTF-8 and cp1252 (the only other decodings) a CR byte is a carriage return, so
        # newlines are normalised on the bytes: several times faster than on the decoded text.
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    decoded = decode_bytes(data)
    if decoded is None:
        return None
    text, encoding = decoded
    return sanitize(normalize_newlines(text)), encoding


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a ReaderError naming what went wrong and the path. Read whole,
    unbuffered: a buffer would only copy them once more."""
    try:
        with open(path, "rb", buffering=0) as fh:
            return fh.readall()
    except FileNotFoundError:
        raise ReaderError(no_such_path(path)) from None
    except IsADirectoryError:
        raise ReaderError(is_a_folder(path)) from None
    except OSError as error:
        raise ReaderError(cannot("read", path, error.strerror or type(error).__name__)) from None


def megabytes(size: int) -> str:
    """`size` bytes for a message about a size limit, rounded up: "2,048 MB"."""
    return f"{-(-size // 2**20):,} MB"


def check_article_size(path: Path, size: int) -> None:
    """Raise ReaderError, naming the file and the limit, when an article file of `size`
    bytes is too big to read (`ARTICLE_MAX_BYTES`)."""
    if size > ARTICLE_MAX_BYTES:
        raise ReaderError(
            f"too big to read as an article ({megabytes(size)}; the limit is "
            f"{megabytes(ARTICLE_MAX_BYTES)}): {one_line(str(path))}"
        )


# What `Path.exists` takes for a missing file (a dangling or looping link, a file as a folder).
_MISSING = (errno.ENOENT, errno.ENOTDIR, errno.ELOOP)


def read_text(path: str | Path) -> tuple[str, str]:
    """Read, decode and normalise a text file: (text, encoding). Raises ReaderError."""
    p = Path(path)
    try:
        st: os.stat_result | None = os.stat(p)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise ReaderError(link_loop(p)) from None
        if error.errno in _MISSING:
            raise ReaderError(no_such_path(p)) from None
        st = None  # read_bytes names the problem
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise ReaderError(is_a_folder(p))
    if st is not None and not stat.S_ISREG(st.st_mode):
        # A FIFO would block forever and /dev/zero never ends: only regular files are read.
        raise ReaderError(not_regular_file(p))
    if st is not None:
        check_article_size(p, st.st_size)
    data = read_bytes(p)
    decoded = decode_and_normalize(data)
    if decoded is None:
        raise ReaderError(binary_file(p))
    return decoded[0], decoded[1]

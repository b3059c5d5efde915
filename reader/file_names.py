"""Names of the files written beside an article (its sidecar, its exports, copies of them)
that always fit in a file name.

A file name has at most NAME_MAX (255) bytes, and the temporary file each is first written to
(".<name>.tmp-<pid>-<ns>", reader/atomic.py) needs about 34 more than the name itself: a name
longer than that keeps the article name's first bytes and adds 16 hex digits of a SHA-256,
so it stays short, unique and the same every time.
"""

from __future__ import annotations

import hashlib
import os

NAME_MAX = 255
FITTING_NAME_MAX = NAME_MAX - 35  # room left for the temporary file's name
HASH_CHARS = 16


def fitted_name(name: str, suffix: str, tag: str | None = None) -> str:
    """`<name><suffix>` when it fits in FITTING_NAME_MAX bytes, else `<name's first
    bytes>~<16 hex of the name's SHA-256><suffix>`; with `tag`, always the shortened form,
    its hash the tag's (e.g. the article's whole path, to tell apart same-named articles of
    different folders)."""
    raw = os.fsencode(name)
    if tag is None and len(raw) + len(suffix) <= FITTING_NAME_MAX:
        return name + suffix
    digest = hashlib.sha256(raw if tag is None else os.fsencode(tag)).hexdigest()[:HASH_CHARS]
    keep = FITTING_NAME_MAX - len(suffix) - 1 - HASH_CHARS
    prefix = raw[:keep].decode("utf-8", "ignore") if _is_utf8(raw) else os.fsdecode(raw[:keep])
    return f"{prefix}~{digest}{suffix}"


def _is_utf8(name: bytes) -> bool:
    try:
        name.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True

"""Text arguments of the scripting verbs must be valid UTF-8.

On POSIX an argument is bytes; Python hands over the bytes that are not UTF-8 as lone
surrogates ("surrogate escapes"). A path may hold them (it is given back to the system as
the same bytes), but a query, a quote, a note or a tag is text that is searched, stored and
exported, and an address (`reader add`, `reader feeds add`, `reader URL`) is text too: a lone
surrogate cannot be written as UTF-8, so such an argument is refused with one line naming it
and showing its bytes, before anything is read, fetched or written.
"""

from __future__ import annotations

import argparse

from reader.document.decode import one_line
from reader.errors import ReaderError

# verb -> (attribute, how the message names it); every argument that is text, not a path.
TEXT_ARGUMENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "search": (("query", "the query"),),
    "annotate": (
        ("quote", "--quote"),
        ("note", "--note"),
        ("tag", "--tag"),
        ("category", "--category"),
        ("status", "--status"),
        ("rationale", "--rationale"),
        ("evidence", "--evidence"),
    ),
    "feeds": (("url", "the feed's address"),),  # feeds add|remove URL
}
# Arguments that are an address or a path: an address (holding "://") is text.
SOURCE_ARGUMENTS: dict[str, tuple[str, str]] = {
    "add": ("sources", "the address"),
    "": ("path", "the address"),  # `reader URL` (the app)
}


def is_valid_text(value: str) -> bool:
    """Whether `value` can be written as UTF-8 (no lone surrogate)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown_bytes(value: str) -> str:
    """`value` for a message, its bytes that are not UTF-8 shown as `\\xff`."""
    try:
        raw = value.encode("utf-8", "surrogateescape")  # the bytes given
    except UnicodeEncodeError:  # a surrogate that is no escaped byte
        raw = value.encode("utf-8", "surrogatepass")
    return one_line(raw.decode("utf-8", "backslashreplace"))


def check_text_arguments(args: argparse.Namespace) -> None:
    """Raise ReaderError for the first text argument of `args` (a verb's, or the app's)
    that is not valid UTF-8."""
    verb = getattr(args, "verb", "")
    checks = [(attribute, name, False) for attribute, name in TEXT_ARGUMENTS.get(verb, ())]
    if verb in SOURCE_ARGUMENTS:
        checks.append((*SOURCE_ARGUMENTS[verb], True))
    for attribute, name, addresses_only in checks:
        value = getattr(args, attribute, None)
        for item in value if isinstance(value, list) else [value]:
            if not isinstance(item, str) or (addresses_only and "://" not in item):
                continue
            if not is_valid_text(item):
                raise ReaderError(f"{name} is not valid UTF-8 text: {shown_bytes(item)}")

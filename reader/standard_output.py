"""Standard output of the scripting verbs: a write that fails is one line, not a traceback.

While a verb runs, `sys.stdout` is a thin wrapper whose `write` and `flush` turn an
`OSError` (a full disk, an I/O error) into a `ReaderError` ("cannot write to standard
output: …", exit status 2). A closed standard output (`>&-`, where Python has no
`sys.stdout` at all) is the same line before the verb starts: `reader annotate` must not
save an annotation whose id it cannot print (a script would try again). A reader that went
away (`reader parse | head`) is a `BrokenPipeError`, left to the caller's quiet exit. After
a failure the descriptor is pointed at the null device, so the interpreter's last flush of
what is still buffered cannot fail again at exit.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import Any, TextIO

from reader.errors import ReaderError


class StdoutError(ReaderError):
    """Standard output cannot be written (closed, full, an I/O error)."""


class CheckedStdout:
    """`sys.stdout` for a verb; everything but writing is the stream's."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.failed = False

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as error:
            raise self._failure(error) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as error:
            raise self._failure(error) from None

    def _failure(self, error: OSError) -> OSError | StdoutError:
        self.failed = True
        if isinstance(error, BrokenPipeError):
            return error
        return StdoutError(f"cannot write to standard output: {error.strerror or error}")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextlib.contextmanager
def checked_stdout() -> Iterator[CheckedStdout]:
    """Run a verb with `sys.stdout` checked (see the module's doc); flushed at the end."""
    original = sys.stdout
    if original is None:
        raise StdoutError("cannot write to standard output: it is closed")
    checked = CheckedStdout(original)
    sys.stdout = checked  # type: ignore[assignment]
    try:
        yield checked
        checked.flush()
    finally:
        sys.stdout = original
        if checked.failed:
            _point_at_null(original)


def _point_at_null(stream: TextIO) -> None:
    """Make the failed stream's descriptor the null device (when it has one), so that what
    is left in its buffer is thrown away at exit instead of failing a second time."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        fd = stream.fileno()
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, fd)
        finally:
            os.close(null)

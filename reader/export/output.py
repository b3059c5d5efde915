"""Where `reader export -o TARGET` writes: a file replaced atomically, or a stream.

* `-` is standard output.
* A regular file (or a symlink to one), or a name that does not exist yet, is written
  atomically (reader/atomic.py): the old file or the new one, never a mix.
* A FIFO or a character device (a terminal, `/dev/null`, the `/dev/fd/N` of a shell's
  `>(command)`) is opened and written as a stream, the way a shell's `>` does it: it is
  never replaced by a regular file.
* Anything else (a folder, a socket, a block device) is refused, nothing written.

Every failure is one `ReaderError` naming the target.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from reader.annotations.files import kind_of
from reader.document.decode import one_line
from reader.errors import ReaderError, cannot, is_a_folder
from reader.export.markdown import write_text

STDOUT = "-"


def is_stream(output: str) -> bool:
    """Whether `output` is written as a stream (standard output, a FIFO, a character
    device) rather than as a file replaced atomically."""
    if output == STDOUT:
        return True
    try:
        mode = os.stat(output).st_mode  # through links: /dev/fd/63 is a link to a pipe
    except OSError:
        return False
    return _streamable(mode)


def _streamable(mode: int) -> bool:
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)


def write_output(output: str, text: str) -> None:
    """Write an export's `text` to `output` (see the module's doc)."""
    if output == STDOUT:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    shown = one_line(output)
    try:
        mode: int | None = os.stat(output).st_mode
    except FileNotFoundError:
        mode = None  # a new file (or a link to one), written atomically
    except OSError as error:
        raise ReaderError(cannot("write", output, error)) from None
    if mode is None or stat.S_ISREG(mode):
        write_text(Path(output), text)
    elif _streamable(mode):
        _write_stream(output, shown, text.encode("utf-8"))
    else:
        if stat.S_ISDIR(mode):
            raise ReaderError(is_a_folder(output, "a file to write"))
        raise ReaderError(f"cannot write (it is {kind_of(mode)}, not a file): {shown}")


def _write_stream(output: str, shown: str, data: bytes) -> None:
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(output, flags)  # no O_CREAT, no O_TRUNC: what is there is written to
    except OSError as error:
        raise ReaderError(cannot("write", output, error)) from None
    try:
        if not _streamable(os.fstat(fd).st_mode):  # replaced meanwhile: write nothing
            raise ReaderError(f"cannot write (it changed while being opened): {shown}")
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as error:
        raise ReaderError(cannot("write", output, error)) from None
    finally:
        os.close(fd)

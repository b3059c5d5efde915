"""Errors the user should see as one line, never as a traceback."""


class ReaderError(Exception):
    """A problem with the user's input: printed as `reader: error: <message>`, exit status 2."""

    exit_status = 2


class NotFoundError(ReaderError):
    """A quote or item the user asked for does not exist (exit status 1)."""

    exit_status = 1


# The wording of the errors every verb can meet about a path, so each says the same thing the
# same way: what is wrong, then the path (made safe to print on one line), last.


def _shown(path: object) -> str:
    from reader.document.decode import one_line  # that module raises these: imported here

    return one_line(str(path))


def no_such_path(path: object) -> str:
    """Nothing at `path` (a missing file or folder, a dangling link)."""
    return f"no such file or folder: {_shown(path)}"


def is_a_folder(path: object, wanted: str = "an article file") -> str:
    """A folder at `path`, where `wanted` (a file) was asked for."""
    return f"is a folder, not {wanted}: {_shown(path)}"


def link_loop(path: object) -> str:
    """A symbolic link at `path` that leads back to itself."""
    return f"a symbolic link loop: {_shown(path)}"


def not_a_folder(path: object) -> str:
    """Something other than a folder at `path`, where a folder was asked for."""
    return f"not a folder: {_shown(path)}"


def binary_file(path: object) -> str:
    """NUL bytes in the file at `path`: not an article, whichever verb or screen read it."""
    return f"binary file, not a text article: {_shown(path)}"


def not_regular_file(path: object) -> str:
    """A device, FIFO or socket at `path`: only regular files are read as articles."""
    return f"not a regular file: {_shown(path)}"


def cannot(verb: str, path: object, why: object) -> str:
    """`path` could not be read, written, …: `cannot read (permission denied): PATH` (the
    system's "directory" said "folder", as everywhere else)."""
    reason = getattr(why, "strerror", None) or str(why)
    reason = reason[:1].lower() + reason[1:].replace("directory", "folder")
    return f"cannot {verb} ({reason}): {_shown(path)}"

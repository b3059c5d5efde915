"""Errors the user should see as one line, never as a traceback."""


class ReaderError(Exception):
    """A problem with the user's input: printed as `reader: error: <message>`, exit status 2."""

    exit_status = 2


class NotFoundError(ReaderError):
    """A quote or item the user asked for does not exist (exit status 1)."""

    exit_status = 1

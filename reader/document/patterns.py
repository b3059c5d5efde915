"""Regular expressions compiled when first used.

The parser's tables hold patterns for shapes most articles never have (a Japanese sign-off,
a Hindi dateline, a slideshow caption): each is compiled the first time an article asks for
it, behind the cheap test that says the shape may be there, not when the parser is imported.

Pure; no `textual` import.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache


def compiled_on_use(source: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A function giving `source` compiled with `flags`: compiled on its first call only."""

    @cache
    def pattern() -> re.Pattern[str]:
        return re.compile(source, flags)

    return pattern

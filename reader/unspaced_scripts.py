"""Scripts written without spaces between words (Chinese, Japanese, Thai, and Korean within
its spaced phrases), for the library's text search.

SQLite's `unicode61` tokenizer splits text at spaces and punctuation, so a run such as
`イスラエル軍がガザ地区で` is one token and the word `ガザ` inside it is never found. The
index keeps, beside each block's text, its characters in these scripts one token each
(`chars_column`), and a query word in them is searched there as a phrase of its characters
(`query_runs`): the characters in a row, anywhere in a run. Between two runs of the block a
filler token stands, so a phrase never spans text of another script.

Pure: no SQLite here, only the text each side gives it.
"""

from __future__ import annotations

import re

UNSPACED = re.compile(
    "["
    "\u0e00-\u0e7f"  # Thai
    "\u3040-\u30ff"  # Hiragana, Katakana (with ー and ・)
    "\u31f0-\u31ff"  # Katakana phonetic extensions
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs
    "\uac00-\ud7af"  # Hangul syllables
    "\U00020000-\U0002fa1f"  # CJK ideographs, supplementary planes
    "]+"
)
FILLER = "0"  # a token between two runs: never part of a phrase of these scripts


def chars_column(text: str) -> str:
    """The characters of `text` in these scripts, one token each, runs apart ("" when none)."""
    runs = UNSPACED.findall(text)
    return f" {FILLER} ".join(" ".join(run) for run in runs)


def query_runs(word: str) -> tuple[list[str], str]:
    """(each run of these scripts in `word` as a phrase of its characters, what is left of
    the word with the runs taken out, spaced where they were)."""
    runs = [" ".join(run) for run in UNSPACED.findall(word)]
    return runs, UNSPACED.sub(" ", word)

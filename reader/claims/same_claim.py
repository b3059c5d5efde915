"""The same claim elsewhere: the sentences of other articles of the library that say nearly
what a highlight says, so a reader sees who else reported it and in what words.

The candidates come from the library's text index (reader/library_search.py): the blocks of
other articles holding any of the quote's significant words (`significant_words`: case and
accents folded, the commonest short words dropped), best first by the index's bm25 rank. Each
candidate block's sentences are scored against the quote with rapidfuzz's `token_set_ratio`
(the words compared as sets: order and repeats do not count, and a sentence holding every
word of the quote plus a few more scores high). A sentence that shares most of the quote's
significant words and a good part of its own (`_shares_enough`), scoring SIMILAR or more,
says the same thing; each article counts once, by its best sentence.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from reader.document.sentences import split_sentences

# Words too common to tell two claims apart (English, French, German, Spanish).
STOP_WORDS = frozenset(
    """a an the and or of to in on at for by with from as is are was were be been it its that
    this these those has have had will would said says say told le la les un une des et de du
    en est der die das und ist ein eine el los las y que""".split()
)
MIN_WORDS = 3  # a quote with fewer significant words is too short to find elsewhere
MAX_WORDS = 16  # the index is asked for blocks holding any of this many of them
CANDIDATES = 200  # blocks read from the index, best first
SIMILAR = 75  # token_set_ratio (0-100) from which a sentence says the same thing
# token_set_ratio is 100 whenever one side's words are all in the other: a sentence must
# also share this part of the quote's significant words, and this part of its own.
SHARED_OF_QUOTE = 0.6
SHARED_OF_SENTENCE = 0.4
SHOWN = 5
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """`text` case-folded, accents dropped."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in folded if not unicodedata.combining(c))


def significant_words(text: str) -> list[str]:
    """The quote's words that tell it apart, folded, once each, in order ([] when fewer than
    MIN_WORDS)."""
    words = dict.fromkeys(w for w in _WORD.findall(fold(text)) if w not in STOP_WORDS)
    return list(words) if len(words) >= MIN_WORDS else []


class BlockSource(Protocol):
    """What is asked of the text index (`reader.library_search.TextIndex`)."""

    def blocks_with_any(
        self, words: list[str], root: Path, leaving_out: Path, limit: int = ...
    ) -> list[tuple[Path, str, int, str]]: ...


@dataclass(frozen=True, slots=True)
class Echo:
    """A sentence of another article that says nearly what the quote says."""

    path: Path
    title: str
    start: int  # where the sentence starts in its article's text
    sentence: str
    score: float  # token_set_ratio, 0-100

    def wording(self, quote: str) -> list[tuple[str, bool]]:
        """The sentence as (text, differs) parts: `differs` for its words the quote does not
        have (case and accents aside), so how the wording differs shows."""
        known = set(_WORD.findall(fold(quote)))
        parts: list[tuple[str, bool]] = []
        at = 0
        for match in _WORD.finditer(self.sentence):
            differs = fold(match[0]) not in known
            piece = self.sentence[at : match.end()]
            if parts and parts[-1][1] == differs:
                parts[-1] = (parts[-1][0] + piece, differs)
            elif differs:
                parts.append((self.sentence[at : match.start()], False))
                parts.append((match[0], True))
            else:
                parts.append((piece, False))
            at = match.end()
        if at < len(self.sentence):
            parts.append((self.sentence[at:], False))
        return [(text, differs) for text, differs in parts if text]


def same_claim_elsewhere(index: BlockSource, root: Path, article: Path, quote: str) -> list[Echo]:
    """The best sentence of each other article under `root` saying nearly what `quote` (a
    highlight of `article`) says, best first; [] for a quote too short to compare."""
    words = significant_words(quote)
    if not words:
        return []
    # The longest words are the likeliest to be rare: they choose the candidates.
    asked = sorted(words, key=len, reverse=True)[:MAX_WORDS]
    need = set(words)
    wanted = default_process(quote)
    best: dict[Path, Echo] = {}
    for path, title, start, body in index.blocks_with_any(asked, root, article, CANDIDATES):
        for s, e in split_sentences(body):
            sentence = body[s:e].strip()
            if not _shares_enough(need, significant_words(sentence)):
                continue
            score = fuzz.token_set_ratio(wanted, default_process(sentence), score_cutoff=SIMILAR)
            if score and (path not in best or score > best[path].score):
                offset = start + s + (len(body[s:e]) - len(body[s:e].lstrip()))
                best[path] = Echo(path, title, offset, sentence, score)
    return sorted(best.values(), key=lambda echo: (-echo.score, str(echo.path)))


def _shares_enough(need: set[str], words: list[str]) -> bool:
    """Whether a sentence with these significant `words` shares enough of them with the
    quote's (`need`) to say the same thing: most of the quote's (SHARED_OF_QUOTE), and a good
    part of its own (SHARED_OF_SENTENCE), so neither "Watch!" (all its words in the quote)
    nor a long sentence that holds a short quote's few words by chance counts."""
    shared = len(need.intersection(words))
    return shared >= max(MIN_WORDS, SHARED_OF_QUOTE * len(need)) and (
        shared >= SHARED_OF_SENTENCE * len(words)
    )

"""The five highlight categories: their slugs (in number-key order), labels and letters.

Kept apart from the annotation model so the article view and its keys can know the
categories without importing the rest of the model at start-up.
"""

from __future__ import annotations

# Slugs in key order: key 1 is "claim", ... key 5 is "quote".
CATEGORIES: tuple[str, ...] = ("claim", "evidence", "question", "disputed", "quote")
CATEGORY_LABELS: dict[str, str] = {
    "claim": "Claim",
    "evidence": "Evidence",
    "question": "Question",
    "disputed": "Disputed",
    "quote": "Key quote",
}
# One letter per category, for colour-blind readers and monochrome terminals.
CATEGORY_LETTERS: dict[str, str] = {
    "claim": "C",
    "evidence": "E",
    "question": "Q",
    "disputed": "D",
    "quote": "K",
}


def category_for_key(key: int) -> str:
    """Category slug for number key 1-5."""
    return CATEGORIES[key - 1]


Parts = list[tuple[str, str | None]]  # (text, the category it is of, or None)


def _by_category(texts: list[str], separator: str) -> Parts:
    """One text per category, in key order, with `separator` between them."""
    parts: Parts = []
    for category, text in zip(CATEGORIES, texts, strict=True):
        parts += [(separator, None), (text, category)] if parts else [(text, category)]
    return parts


def named_counts(counts: dict[str, int]) -> Parts:
    """How many highlights of each category, in key order, by name:
    `Claim 3 · Evidence 1 · Question 0 · Disputed 2 · Key quote 1`."""
    return _by_category([f"{CATEGORY_LABELS[c]} {counts.get(c, 0)}" for c in CATEGORIES], " · ")


def lettered_counts(counts: dict[str, int]) -> Parts:
    """The same by letter, the letters the gutter and the claims list show: `C3 E1 Q0 D2 K1`."""
    return _by_category([f"{CATEGORY_LETTERS[c]}{counts.get(c, 0)}" for c in CATEGORIES], " ")


def width_of(parts: Parts) -> int:
    return sum(len(text) for text, _ in parts)


def legend() -> list[tuple[str, str, str]]:
    """(number key, letter, name) of each category, in key order: what the letters of the
    counts, the gutter and the claims list stand for."""
    return [
        (str(key), CATEGORY_LETTERS[c], CATEGORY_LABELS[c]) for key, c in enumerate(CATEGORIES, 1)
    ]

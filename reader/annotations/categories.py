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

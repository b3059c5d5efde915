"""Showing a pane beside the article re-wraps the article to the width left, in a real
terminal (#14 walkthrough: at 80x24 the tutorial's own "press C" step cut every line at the
claims pane's edge, because no Resize reached the article view)."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.e2e

TITLE = "Start here: reading critically"
BORDER = "\u258f"  # the side column's left edge


def article_column(screen: str) -> list[str]:
    """The article's part of each row that has the side column's edge."""
    return [line.split(BORDER, 1)[0] for line in screen.splitlines() if BORDER in line]


@pytest.mark.parametrize("keys", [("j", "h", "C"), ("C",)])
def test_the_article_rewraps_when_the_claims_pane_opens(reader_session, keys) -> None:
    with reader_session([], size=(80, 24)) as s:
        s.wait_for(TITLE)
        s.press("j")
        for key in keys:
            before = s.wait_stable()
            s.press(key)
            s.wait_for_change(before)
        s.wait_stable(ansi=False)
        screen = s.screen()
        rows = article_column(screen)
        assert len(rows) > 10, screen
        # The article's last column is its ruler. A wrapped line leaves a margin before it;
        # a line clipped at the pane's edge runs into it.
        assert all(row[:-1].endswith(" ") for row in rows), screen
        assert any(re.search(r"\bteaches\b", row) for row in rows), screen
        s.press("q")

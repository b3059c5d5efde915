"""Fixtures shared by the app and widget tests."""

from __future__ import annotations

import pytest


async def _searched(pilot) -> None:
    """Wait until the search box's typing is searched (it is, after a pause in typing)."""
    from reader.widgets.search_bar import SearchBar

    bar = pilot.app.query_one(SearchBar)
    for _ in range(300):
        if not bar.pending:
            break
        await pilot.pause(0.01)
    assert not bar.pending, "the typed query was never searched"
    await pilot.pause()


@pytest.fixture
def searched():
    """`await searched(pilot)`: wait until what was typed in the `/` box is searched."""
    return _searched

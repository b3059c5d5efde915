"""Fixtures for the app shell tests: small libraries (user dirs are isolated in
tests/conftest.py)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
SEED = SEEDS / "000_566c8ea77d92d380.txt"
CORPUS = REPO / ".." / "shared" / "corpus"


@pytest.fixture
def seed_library(tmp_path) -> Path:
    """A temp library holding a copy of the bundled news seed (not the tutorial)."""
    library = tmp_path / "library"
    library.mkdir()
    shutil.copy(SEED, library / SEED.name)
    return library


ARTICLES = {
    "alpha.txt": "Alpha story\n\nJanuary 3, 2024Alpha Wire\n\nAlpha one. Alpha two. Alpha three.\n",
    "beta.txt": "Beta story\n\nFebruary 5, 2024\n\nBeta one. Beta two.\n",
    "gamma.md": "---\ntitle: Gamma story\ndate: 2024-03-07\n---\n\n# Gamma\n\nGamma one.\n",
}


@pytest.fixture
def small_library(tmp_path) -> Path:
    """Three dated articles: gamma (newest), beta, alpha (oldest)."""
    library = tmp_path / "small"
    library.mkdir()
    for name, text in ARTICLES.items():
        (library / name).write_text(text, encoding="utf-8")
    return library


async def _settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    for _ in range(100):  # the claims and notes panes are built after the first frame
        if app.reading.side_ready and app.annotations.pending is None:
            break
        await pilot.pause(0.01)
    await pilot.pause()


@pytest.fixture
def settle():
    """`await settle(app, pilot)`: wait for the library scan and article loads to finish."""
    return _settle


FIRST_STORY = "First story\n\nFebruary 5, 2024\n\nThe council met today. The bridge opens in May.\n"
SECOND_STORY = "Second story\n\nJanuary 3, 2024\n\nBeta one said this. Beta two said that.\n"


@pytest.fixture
def two_stories(tmp_path) -> Path:
    """A library of two articles: b.txt (`FIRST_STORY`, the newer) and a.txt."""
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "a.txt").write_text(SECOND_STORY)
    (lib / "b.txt").write_text(FIRST_STORY)
    os.utime(lib / "a.txt", (1_700_000_000,) * 2)
    os.utime(lib / "b.txt", (1_700_000_100,) * 2)
    return lib


async def _search_library(app, pilot, query: str):
    """Open the library search screen (F), type `query` and wait for its first matches;
    returns the screen."""
    from reader.screens.library_search import LibrarySearchScreen

    await pilot.press("F")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, LibrarySearchScreen)
    await pilot.press(*query)
    for _ in range(100):
        await pilot.pause(0.05)
        if screen.hits:
            break
    return screen


@pytest.fixture
def search_library():
    """`screen = await search_library(app, pilot, query)`: F, the query typed, its matches."""
    return _search_library

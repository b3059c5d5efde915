"""Fixtures of the library tests."""

from __future__ import annotations

import pytest

from reader.library_search import TextIndex


@pytest.fixture
def index(tmp_path):
    """A text index of its own for the test (`tmp_path/index.sqlite3`), closed after it."""
    opened = TextIndex.open(tmp_path / "index.sqlite3")
    yield opened
    opened.close()

"""End-to-end tests in a real terminal (tmux): the `e2e` marker and session fixtures.

Other areas add their own e2e tests in this folder and use the `reader_session` fixture:

    @pytest.mark.e2e
    def test_something(reader_session, seed_copy):
        with reader_session([seed_copy]) as s:
            s.wait_for("US Links Security Guarantees")
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from tmux_helper import ReaderSession, tmux_path

CHECKOUT = Path(__file__).resolve().parents[2]
SEED = CHECKOUT / "seeds" / "000_566c8ea77d92d380.txt"
CORPUS = CHECKOUT / ".." / "shared" / "corpus"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "e2e: end-to-end test of the installed `reader` command in tmux"
    )


@pytest.fixture
def reader_session(tmp_path: Path) -> Callable[..., ReaderSession]:
    """Factory: `reader_session(args, size=(120, 40), env=None)` -> a ReaderSession (use `with`)."""
    if tmux_path() is None:
        pytest.skip("tmux is not installed")

    def make(args, **kwargs) -> ReaderSession:
        return ReaderSession(args, tmp_path, **kwargs)

    return make


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """A private copy of the seed article (its folder holds nothing else), so sidecars and
    exports written by a test never land in the checkout."""
    folder = tmp_path / "library"
    folder.mkdir()
    target = folder / SEED.name
    shutil.copyfile(SEED, target)
    return target

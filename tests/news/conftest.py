"""Fixtures of the news tests: `server`, a loopback HTTP server (see news_fixtures.py), and
`user_dirs`, a temporary folder the app keeps its data and state in."""

from __future__ import annotations

import pytest
from news_fixtures import LoopbackServer


@pytest.fixture
def server():
    httpd = LoopbackServer()
    yield httpd
    httpd.close()


@pytest.fixture
def user_dirs(tmp_path, monkeypatch):
    for var, name in (("XDG_DATA_HOME", "data"), ("XDG_STATE_HOME", "state")):
        monkeypatch.setenv(var, str(tmp_path / name))
    return tmp_path


@pytest.fixture(autouse=True)
def _own_cache_dir(tmp_path_factory, monkeypatch):
    """`reader add` keeps the library's addresses in the user cache folder: the test's own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))

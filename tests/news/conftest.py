"""Fixtures of the news tests: `server`, a loopback HTTP server (see news_fixtures.py)."""

from __future__ import annotations

import pytest
from news_fixtures import LoopbackServer


@pytest.fixture
def server():
    httpd = LoopbackServer()
    yield httpd
    httpd.close()

"""Fixtures for the sync tests: git isolated from the machine's configuration."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sync_fixtures import isolate_git


@pytest.fixture
def git_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    isolate_git(monkeypatch, tmp_path)

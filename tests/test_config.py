"""The settings file (reader/config.py): where it is, what a missing or bad one gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.config import Reviewer, config_path, read_config, reviewer
from reader.errors import ReaderError


def test_it_lives_in_the_xdg_config_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert config_path() == tmp_path / "margin-reader" / "config.toml"
    assert read_config() == {}  # no file: no settings
    config_path().parent.mkdir()
    config_path().write_text('reviewer = "  Dana   Checker "\n', "utf-8")
    assert reviewer(read_config()) == Reviewer("Dana Checker", True)


def test_a_folder_in_its_place_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.mkdir()
    with pytest.raises(ReaderError, match="^cannot read the settings \\(.*\\): .*config.toml$"):
        read_config(path)


def test_the_login_name_when_there_is_no_setting(monkeypatch) -> None:
    monkeypatch.setenv("LOGNAME", "kim")
    assert reviewer({}) == Reviewer("kim", False)

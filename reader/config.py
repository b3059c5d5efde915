"""The user's settings file, `config.toml` in the user config directory
(`platformdirs.user_config_dir("margin-reader")`: `~/.config/margin-reader/` on Linux, or
`$XDG_CONFIG_HOME/margin-reader/`).

    reviewer = "Jane Doe, Example Fact Check"   # who signs `reader export --format claimreview`

A missing file means no settings. A file that cannot be read, is not TOML, or gives a setting
of the wrong type is one ReaderError naming the file. Pure core: no screen library.
"""

from __future__ import annotations

import getpass
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir

from reader import APP_NAME
from reader.document.decode import one_line
from reader.errors import ReaderError

CONFIG_NAME = "config.toml"


def config_path() -> Path:
    return Path(user_config_dir(APP_NAME)) / CONFIG_NAME


def read_config(path: Path | None = None) -> dict[str, Any]:
    """The settings in `path` (default: `config_path()`); {} when there is no such file."""
    path = config_path() if path is None else path
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "not UTF-8 text"
        raise ReaderError(f"cannot read the settings ({reason}): {path}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ReaderError(f"{path}: not a TOML settings file: {one_line(str(error))}") from None


@dataclass(frozen=True, slots=True)
class Reviewer:
    """Who signs a review: `name`, and whether the settings gave it (`configured`) or it is
    the login name of the user running the export."""

    name: str
    configured: bool


def reviewer(settings: dict[str, Any], path: Path | None = None) -> Reviewer | None:
    """The `reviewer` setting; else the login name; None when neither is known (a review
    then names no author rather than an invented one)."""
    value = settings.get("reviewer")
    if value is not None:
        if not isinstance(value, str) or not value.strip():
            where = config_path() if path is None else path
            raise ReaderError(f'{where}: reviewer must be a name in quotes (reviewer = "Name")')
        return Reviewer(" ".join(value.split()), True)
    try:
        login = getpass.getuser()
    except (OSError, KeyError):  # no login name in the environment nor the password database
        return None
    return Reviewer(login, False) if login.strip() else None

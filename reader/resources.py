"""Where the bundled styles and seed articles live, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def styles_dir() -> Path:
    return _data_dir("styles")


def seeds_dir() -> Path:
    return _data_dir("seeds")

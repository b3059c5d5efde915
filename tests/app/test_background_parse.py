"""A big article's parse never keeps a cancelled worker (or quitting) waiting."""

from __future__ import annotations

import threading

import pytest

from reader import background_parse
from reader.background_parse import parse_abandonably
from reader.errors import ReaderError


class _Worker:
    def __init__(self, cancelled: bool) -> None:
        self.is_cancelled = cancelled


def test_a_cancelled_worker_returns_while_the_parse_still_runs(tmp_path, monkeypatch):
    release = threading.Event()
    started = threading.Event()

    def slow_load(path):
        started.set()
        release.wait(10)
        raise ReaderError("released")

    monkeypatch.setattr(background_parse, "load_document", slow_load)
    assert parse_abandonably(tmp_path / "a.md", _Worker(cancelled=True)) is None
    assert started.wait(5)
    parsing = [t for t in threading.enumerate() if t.name == "parse:a.md"]
    assert parsing and all(t.daemon and t.is_alive() for t in parsing)  # left behind
    release.set()


def test_the_parsed_document_and_its_errors_come_back(tmp_path):
    article = tmp_path / "a.md"
    article.write_text("# Title\n\nBody text.\n", encoding="utf-8")
    document = parse_abandonably(article, _Worker(cancelled=False))
    assert document is not None and "Body text." in document.text
    with pytest.raises(ReaderError):
        parse_abandonably(tmp_path / "missing.md", _Worker(cancelled=False))

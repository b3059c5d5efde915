from __future__ import annotations

from pathlib import Path

import pytest
from document_helpers import check_invariants

from reader.document.loader import load_document
from reader.document.model import Document


@pytest.fixture
def write(tmp_path):
    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
        return path

    return _write


@pytest.fixture
def load(write):
    def _load(content: str | bytes, name: str = "story.txt") -> Document:
        doc = load_document(write(name, content))
        check_invariants(doc)
        return doc

    return _load

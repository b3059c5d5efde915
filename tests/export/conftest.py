"""Fixtures for the export tests."""

from __future__ import annotations

import pytest
from export_fixtures import STORY, annotate, build_document

from reader.document.model import Document


@pytest.fixture
def story() -> Document:
    return build_document(
        STORY, source="BBC News", published="2005-02-21", authors=["A. Reporter", "B. Desk"]
    )


@pytest.fixture
def builder():
    return build_document


@pytest.fixture
def annotator():
    return annotate

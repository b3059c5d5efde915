"""Fixtures for the annotations tests: the inline article, stores that get closed."""

from __future__ import annotations

from pathlib import Path

import pytest
from annotation_fixtures import ARTICLE, make_document

from reader.annotations.store import AnnotationStore
from reader.document.model import Document


@pytest.fixture
def article(tmp_path: Path) -> Document:
    return make_document(tmp_path / "story.txt", ARTICLE)


@pytest.fixture
def open_store():
    """Open stores through this; every one is closed at the end of the test."""
    stores: list[AnnotationStore] = []

    def opener(document: Document) -> AnnotationStore:
        store = AnnotationStore.open(document)
        stores.append(store)
        return store

    yield opener
    for store in stores:
        store.close()

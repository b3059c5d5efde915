"""Making and following evidence links between highlights (reader/annotations/verdicts.py).

A link to a highlight of another article stores that article's path relative to the folder
of the article the claim is in, so a library moved as a whole keeps its links.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from reader.annotations.verdicts import Evidence, is_url
from reader.errors import NotFoundError, ReaderError


def relative_source(article: str | Path, other: str | Path) -> str:
    """`other`'s path as an evidence link of a claim in `article` stores it ("" for itself)."""
    here = Path(article).resolve()
    there = Path(other).resolve()
    if here == there:
        return ""
    return Path(os.path.relpath(there, here.parent)).as_posix()


def linked_article(article: str | Path, link: Evidence) -> Path:
    """The article a highlight link points into (`article` itself for a link within it)."""
    here = Path(article).resolve()
    if not link.source:
        return here
    return (here.parent / link.source).resolve()


def highlight_link(article: str | Path, other: str | Path, ann: Any) -> Evidence:
    """A link from a claim in `article` to the highlight `ann` of `other`."""
    return Evidence(id=ann.id, source=relative_source(article, other), quote=ann.exact)


def resolve_evidence(store: Any, text: str) -> Evidence:
    """The link `text` names for a claim of `store`'s article: an http(s) URL, the id of one
    of its highlights, or `FILE#ID` (a highlight of another article); NotFoundError (exit 1)
    when that highlight does not exist, ReaderError for anything else."""
    text = text.strip()
    if is_url(text):
        return Evidence(url=text)
    article = store.document.path
    path, sep, ident = text.rpartition("#")
    if not sep:
        found = store.get(text)
        if found is None:
            raise NotFoundError(
                f"--evidence {text!r}: not an http(s) URL nor the id of a highlight of "
                f"{article} (a highlight of another article is FILE#ID)"
            )
        return highlight_link(article, article, found)
    if not path or not ident:
        raise ReaderError(f"--evidence {text!r}: give FILE#ID, a highlight id or a URL")
    from reader.annotations.store import AnnotationStore
    from reader.document.loader import load_document

    if Path(path).resolve() == Path(article).resolve():
        other_store = store
    else:
        other_store = AnnotationStore.open(load_document(path), read_only=True)
    try:
        if other_store.problem is not None:
            raise ReaderError(other_store.problem)
        found = other_store.get(ident)
    finally:
        if other_store is not store:
            other_store.close()
    if found is None:
        raise NotFoundError(f"--evidence: no highlight {ident!r} in {path}")
    return highlight_link(article, path, found)

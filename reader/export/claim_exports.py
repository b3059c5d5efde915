"""`reader export --format claimreview|dossier PATH`: the checked claims of an article or of
every annotated article under a folder, read the way every export reads
(reader/export/reading.py), as ClaimReview JSON-LD (reader/export/claim_review.py) or a
Markdown dossier (reader/export/dossier.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader.config import read_config, reviewer
from reader.errors import ReaderError
from reader.export.claim_review import claim_reviews, dump_reviews
from reader.export.dossier import Dossier, DossierArticle, dossier_article
from reader.export.library import ArticleSection, Progress, article_section, collect
from reader.export.markdown import article_title
from reader.export.reading import ArticleRead, read_for_export

Reads = Callable[[Callable[[ArticleRead], Any]], tuple[str, list[Any], list[str]]]


def export_claims(
    source: Path, fmt: str, base_dir: Path, progress: Progress | None = None
) -> tuple[str, list[str]]:
    """(exported text, warnings) of the checked claims under `source` in format `fmt`: a
    folder's annotated articles newest first, or the one article `source`."""
    if not source.is_dir():
        return export_article_claims(read_for_export(source), fmt, base_dir)

    def reads(digest: Callable[[ArticleRead], Any]) -> tuple[str, list[Any], list[str]]:
        digests: dict[Path, Any] = {}

        def render(read: ArticleRead, path: Path, name: str) -> ArticleSection:
            digests[path] = digest(read)
            return article_section(read, path, name)

        notes = collect(source, render, progress)
        title = source.resolve().name or str(source)
        return title, [digests[art.path] for art in notes.articles], notes.warnings

    return _render(fmt, base_dir, reads)


def export_article_claims(read: ArticleRead, fmt: str, base_dir: Path) -> tuple[str, list[str]]:
    """(exported text, warnings) of the checked claims of one article already read (the
    app exports its open store's this way)."""

    def reads(digest: Callable[[ArticleRead], Any]) -> tuple[str, list[Any], list[str]]:
        warnings = [f"{read.document.path}: {read.problem}"] if read.problem else []
        return article_title(read.document), [digest(read)], warnings

    return _render(fmt, base_dir, reads)


def _render(fmt: str, base_dir: Path, reads: Reads) -> tuple[str, list[str]]:
    """The export of what `reads(digest)` gives: (a title, `digest` of each article,
    warnings)."""
    if fmt == "claimreview":
        who = reviewer(read_config())  # a bad settings file stops a folder's export before it reads
        _, per_article, warnings = reads(lambda read: claim_reviews(read, who))
        return dump_reviews([review for reviews in per_article for review in reviews]), warnings

    def digest(read: ArticleRead) -> DossierArticle:
        return dossier_article(Path(read.document.path), read)

    title, articles, warnings = reads(digest)

    def lookup(path: Path) -> DossierArticle | None:
        """An article an evidence link points into, outside those exported."""
        if not path.is_file():
            return None
        try:
            read = read_for_export(path)
        except ReaderError as error:
            warnings.append(f"{path}: evidence not read: {error}")
            return None
        if read.problem:
            warnings.append(f"{path}: {read.problem}")
        return dossier_article(path, read)

    return Dossier(title, articles, lookup, base_dir).render(), warnings

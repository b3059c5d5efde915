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

CLAIM_FORMATS = ("claimreview", "dossier")


def _read_all(
    source: Path, digest: Callable[[ArticleRead], Any], progress: Progress | None
) -> tuple[str, list[Any], list[str]]:
    """(a title for the export, `digest` of each article, warnings): a folder's annotated
    articles newest first, or the one article `source`."""
    if source.is_dir():
        digests: dict[Path, Any] = {}

        def render(read: ArticleRead, path: Path, name: str) -> ArticleSection:
            digests[path] = digest(read)
            return article_section(read, path, name)

        notes = collect(source, render, progress)
        title = source.resolve().name or str(source)
        return title, [digests[art.path] for art in notes.articles], notes.warnings
    read = read_for_export(source)
    warnings = [f"{source}: {read.problem}"] if read.problem else []
    return article_title(read.document), [digest(read)], warnings


def export_claims(
    source: Path, fmt: str, base_dir: Path, progress: Progress | None = None
) -> tuple[str, list[str]]:
    """(exported text, warnings) of the checked claims under `source` in format `fmt`."""
    if fmt == "claimreview":
        who = reviewer(read_config())  # a bad settings file stops the export before it reads
        _, per_article, warnings = _read_all(
            source, lambda read: claim_reviews(read, who), progress
        )
        return dump_reviews([review for reviews in per_article for review in reviews]), warnings

    def digest(read: ArticleRead) -> DossierArticle:
        return dossier_article(Path(read.document.path), read)

    title, articles, warnings = _read_all(source, digest, progress)

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

"""The claims dossier: `reader export --format dossier`, a Markdown document of every checked
claim (a highlight whose verdict is not `unverified`) of an article or a folder.

Claims are grouped by status (in the order of `STATUSES`), newest article first and in text
order within a group. Each gives its quote; its article (title, date, a link to the file at
the claim's line); the place in the article (after the heading it falls under, a book's
chapter, when it has one); whom the text attributes it to and how (named, anonymous, none);
the verdict and its rationale; and its evidence: URLs, and highlights of other articles by
that article's title, the highlight's place and its quote (as it is in that article now, else
as it was when linked). Everything from articles is escaped (reader/export/markdown_text.py),
so it shows literally.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reader.annotations.evidence_links import linked_article
from reader.annotations.model import Annotation
from reader.annotations.places import Place
from reader.annotations.quoting import quoted
from reader.annotations.verdicts import STATUS_LABELS, STATUSES, Evidence
from reader.claims.attribution import DocumentAttributions
from reader.claims.model import Attribution
from reader.document.locate import Locator
from reader.export.claim_review import is_checked
from reader.export.markdown import (
    MARKER,
    NotesWriter,
    article_title,
    has_source_lines,
    link_target,
    ordered,
    place_text,
    plural,
)
from reader.export.markdown_text import escape_inline, escape_line, quote_block, url_link
from reader.export.reading import ArticleRead

Highlight = tuple[str, Place | None, str | None]  # quote, place, heading


@dataclass(slots=True)
class CheckedClaim:
    annotation: Annotation
    place: Place | None  # None: an orphan
    attribution: Attribution | None
    heading: str | None = None  # the heading (a book's chapter) it falls under


@dataclass(slots=True)
class DossierArticle:
    """What the dossier keeps of one article: its facts, its checked claims, and the quote
    and place of every highlight (an evidence link may point at any of them)."""

    path: Path  # resolved
    title: str
    published: str | None
    claims: list[CheckedClaim] = field(default_factory=list)
    highlights: dict[str, Highlight] = field(default_factory=dict)


def dossier_article(path: Path, read: ArticleRead) -> DossierArticle:
    document = read.document
    article = DossierArticle(path.resolve(), article_title(document), document.meta.published)
    anchored, orphans = ordered(read.annotations)
    if anchored:
        locator = Locator(document)
        where = read.where or locator.where
        chapter = read.chapter or (lambda start, _end: locator.heading(start))
        said = None
        for ann in anchored:
            place, heading = where(ann.start, ann.end), chapter(ann.start, ann.end)
            article.highlights[ann.id] = (ann.exact, place, heading)
            if is_checked(ann):
                if said is None:
                    said = read.said or DocumentAttributions(document).of
                attribution = said(ann.start, ann.end)
                article.claims.append(CheckedClaim(ann, place, attribution, heading))
    for ann in orphans:
        article.highlights[ann.id] = (ann.exact, None, None)
        if is_checked(ann):
            article.claims.append(CheckedClaim(ann, None, None))
    return article


class Dossier:
    """Renders the dossier of `articles` (newest first); `lookup(path)` gives the article an
    evidence link points into when it is not among them (None: it cannot be read);
    links to articles are relative to `base_dir`."""

    def __init__(
        self,
        title: str,
        articles: list[DossierArticle],
        lookup: Callable[[Path], DossierArticle | None],
        base_dir: Path,
    ) -> None:
        self.title = title
        self.articles = articles
        self.known = {a.path: a for a in articles}
        self.lookup = lookup
        self.base_dir = base_dir.resolve()

    def article(self, path: Path) -> DossierArticle | None:
        path = path.resolve()
        if path not in self.known:
            self.known[path] = self.lookup(path)
        return self.known[path]

    def link(self, path: Path) -> str:
        return article_link(path, self.base_dir)

    def render(self) -> str:
        w = NotesWriter()
        w.block(MARKER)
        w.heading(1, f"Claims dossier: {self.title}")
        groups: dict[str, list[tuple[DossierArticle, CheckedClaim]]] = {}
        for art in self.articles:
            for claim in art.claims:
                groups.setdefault(claim.annotation.status, []).append((art, claim))
        counts = Counter({status: len(rows) for status, rows in groups.items()})
        with_claims = sum(1 for art in self.articles if art.claims)
        w.block(
            escape_inline(
                f"{plural(counts.total(), 'checked claim')} in {plural(with_claims, 'article')}."
            )
        )
        order = [s for s in STATUSES if s in groups]
        if order:
            rows = ["| Status | Claims |", "| --- | ---: |"]
            rows += [f"| {STATUS_LABELS[s]} | {counts[s]} |" for s in order]
            w.block("\n".join(rows))
        else:
            w.block("No checked claims: a highlight's verdict is set with s in the reader.")
        for status in order:
            w.heading(2, f"{STATUS_LABELS[status]} ({counts[status]})")
            for art, claim in groups[status]:
                self._claim(w, art, claim)
        return w.text()

    def _claim(self, w: NotesWriter, art: DossierArticle, claim: CheckedClaim) -> None:
        ann = claim.annotation
        link = self.link(art.path)
        w.block(quote_block(ann.exact))
        facts = [f"Article: [{escape_inline(art.title)}]({link})"]
        if art.published:
            facts.append(escape_inline(art.published))
        facts.append(
            _place_text(claim.place, claim.heading, link) or "no longer found in the article"
        )
        lines = [" · ".join(facts)]
        said = claim.attribution
        if said is None:
            lines.append("Source: not known (the highlight is not in the article now)")
        elif said.kind == "none":
            lines.append("Source: none given in the text")
        else:
            lines.append(f"Source: {escape_inline(said.source)} ({said.kind})")
        verdict = f"Verdict: **{STATUS_LABELS[ann.status]}**"
        if ann.rationale.strip():
            verdict += f" — {escape_inline(ann.rationale)}"
        lines.append(verdict)
        if ann.evidence:
            lines.append(f"Evidence ({len(ann.evidence)}):")
        w.block("\\\n".join(lines))
        if ann.evidence:
            items = (self._evidence(art.path, link) for link in ann.evidence)
            w.block("\n".join(f"- {item}" for item in items))

    def _evidence(self, claim_article: Path, link: Evidence) -> str:
        if link.url:
            return url_link(link.url, escape_line)
        path = linked_article(claim_article, link)
        other = self.article(path)
        if other is None:
            quote = quoted(escape_inline(link.quote)) if link.quote else "a highlight"
            return f"{quote} — in {escape_inline(link.source or path.name)} (cannot be read)"
        exact, place, heading = other.highlights.get(link.id, (link.quote, None, None))
        target = self.link(other.path)
        where = (
            _place_text(place, heading, target)
            if link.id in other.highlights
            else "no longer in that article (quoted as linked)"
        )
        title = f"[{escape_inline(other.title)}]({target})"
        return f"{quoted(escape_inline(exact))} — {title} · {where or 'no longer found in it'}"


def article_link(path: Path, base_dir: Path) -> str:
    """The link to the article at `path` (resolved) in a dossier written in `base_dir`."""
    try:
        return link_target(os.path.relpath(path, base_dir))
    except ValueError:  # another drive on Windows
        return path.as_uri()


ARTICLE_LINK = re.compile(r"^Article: \[(?:\\.|[^\\\]])*\]\(([^)\s]*)\)", re.MULTILINE)


def linked_articles(text: str) -> set[str]:
    """The links to the articles whose claims the dossier `text` holds (each claim's
    `Article: [title](link)` line; a title's brackets are escaped)."""
    return set(ARTICLE_LINK.findall(text))


def _place_text(place: Place | None, heading: str | None, link: str) -> str:
    """`¶ 3, sentence 2 · [line 40](file#L40)` (after the heading it falls under, when it
    has one; no line for a saved web page, `has_source_lines`), or "" for no place."""
    if place is None:
        return ""
    if not has_source_lines(link):
        return place_text(place, heading)
    line = place[3]
    return f"{place_text(place, heading)} · [line {line}]({link}#L{line})"

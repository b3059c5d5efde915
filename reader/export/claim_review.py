"""schema.org `ClaimReview` JSON-LD for every checked claim (a highlight whose verdict is not
`unverified`): `reader export --format claimreview`.

Each review:
- `claimReviewed`: the highlight's quote; `reviewBody`: its rationale, when it has one;
- `reviewRating`: a `Rating` whose `alternateName` is the status and whose `ratingValue` is
  on the scale `RATINGS` (worst 1, best 5): refuted 1, misleading 2 (true in part, but it
  leaves a false impression), disputed 3 and unverifiable 3 (the middle: the evidence says
  neither yes nor no; `alternateName` tells them apart), supported 5; 4 is not used (there is
  no "mostly supported" status);
- `itemReviewed`: a `Claim` whose `appearance` is the article (`url`: its `canonical` or `url`
  front-matter address when that is an http(s) URL, else its `file://` URI; `headline`,
  `datePublished`, `publisher` from its metadata) and whose `author` is whom the text
  attributes the claim to (reader.claims): a `Person` or an `Organization` when named, a
  `Person` described but not named when anonymous, no `author` when the text gives none;
  and, when the claim falls under a heading (a book's chapter), `isPartOf`: a `CreativeWork`
  named by that heading;
- `author`: the reviewer (reader/config.py: the `reviewer` setting, else the login name);
- `dateCreated`: when the highlight was made; `datePublished`: the day it last changed;
- `citation`: the evidence links, URLs as they are and highlights as `Quotation`s;
- `@id`: the highlight's IRI, the one the W3C export gives it.

An article or a folder gives one JSON array of reviews (newest article first, in text order
within one). The JSON escapes `<`, `>` and `&`, so it can sit in an HTML `<script>` element.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from reader.annotations.evidence_links import linked_article
from reader.annotations.model import Annotation
from reader.annotations.verdicts import DEFAULT_STATUS, Evidence, is_url
from reader.claims.attribution import DocumentAttributions
from reader.claims.cues import PERSON_PRONOUNS
from reader.claims.model import Attribution
from reader.config import Reviewer
from reader.document.locate import Locator
from reader.document.model import Document
from reader.export.markdown import ordered
from reader.export.reading import ArticleRead
from reader.export.signature import SCHEMA
from reader.export.w3c import annotation_iri, dump_json, source_uri

WORST_RATING, BEST_RATING = 1, 5
RATINGS: dict[str, int] = {
    "refuted": 1,
    "misleading": 2,
    "disputed": 3,
    "unverifiable": 3,
    "supported": 5,
}
_PRONOUNS = PERSON_PRONOUNS | frozenset("they we it i you ils elles sie ellos ellas".split())
# Words that make a named source an organization rather than a person.
_ORGANIZATION = re.compile(
    r"(?i)\b(?:ministry|department|agency|office|bank|company|corporation|corp|inc|ltd|plc|"
    r"group|times|news|post|journal|press|tribune|herald|guardian|reuters|bloomberg|"
    r"associated|bbc|cnn|commission|council|committee|government|administration|party|"
    r"police|army|military|university|institute|association|union|federation|court|"
    r"parliament|congress|senate|board|authority|service|fund|foundation|organisation|"
    r"organization|network|channel|newspaper|magazine|kremlin|white house|pentagon|"
    r"ministère|ministerio|ministerium)\b"
)
_HTML_SPECIAL = re.compile("[<>&]")


def rating(status: str) -> dict[str, Any]:
    """The `Rating` of a verdict."""
    return {
        "@type": "Rating",
        "ratingValue": RATINGS[status],
        "bestRating": BEST_RATING,
        "worstRating": WORST_RATING,
        "alternateName": status,
    }


def web_address(document: Document) -> str | None:
    """The article's http(s) address from its front matter (`canonical`, else `url`)."""
    for key in ("canonical", "url"):
        value = document.meta.extra.get(key)
        if isinstance(value, str) and is_url(value) and not any(c.isspace() for c in value):
            return value.strip()
    return None


def claim_author(attribution: Attribution | None) -> dict[str, Any] | None:
    """Whom the text attributes the claim to, as a schema.org author (None: nobody)."""
    if attribution is None or attribution.kind == "none" or not attribution.source.strip():
        return None
    source = " ".join(attribution.source.split())
    if attribution.kind == "anonymous":
        return {"@type": "Person", "description": f"anonymous source: {source}"}
    if source.casefold() in _PRONOUNS:  # a pronoun the attribution could not resolve
        return {"@type": "Person", "description": f"named in the article, here as “{source}”"}
    kind = "Organization" if _ORGANIZATION.search(source) else "Person"
    return {"@type": kind, "name": source}


def appearance_url(document: Document) -> str:
    """The address a review gives the article it appears in (`itemReviewed.appearance.url`)."""
    return web_address(document) or source_uri(document.path)


def reviewed_articles(data: Any) -> set[str]:
    """The `appearance_url`s of the articles the ClaimReview list `data` reviews claims of."""
    urls = set()
    for review in data if isinstance(data, list) else ():
        item = review.get("itemReviewed") if isinstance(review, dict) else None
        work = item.get("appearance") if isinstance(item, dict) else None
        urls.add(str(work.get("url")) if isinstance(work, dict) else "")
    return urls


def _appearance(document: Document) -> dict[str, Any]:
    meta = document.meta
    work: dict[str, Any] = {"@type": "CreativeWork", "url": appearance_url(document)}
    if meta.title.strip():
        work["headline"] = " ".join(meta.title.split())
    if meta.published:
        work["datePublished"] = meta.published
    if meta.source.strip():
        work["publisher"] = {"@type": "Organization", "name": meta.source.strip()}
    return work


def _citation(link: Evidence, article: str) -> str | dict[str, Any] | None:
    if link.url:
        return link.url if is_url(link.url) else None
    return {
        "@type": "Quotation",
        "text": link.quote,
        "isPartOf": {"@type": "CreativeWork", "url": linked_article(article, link).as_uri()},
    }


def claim_review(
    ann: Annotation,
    document: Document,
    attribution: Attribution | None,
    reviewer: Reviewer | None,
    heading: str | None = None,
) -> dict[str, Any]:
    """One checked highlight as a ClaimReview (`heading`: the one it falls under)."""
    claim: dict[str, Any] = {"@type": "Claim", "appearance": _appearance(document)}
    author = claim_author(attribution)
    if author is not None:
        claim["author"] = author
    if heading:
        claim["isPartOf"] = {"@type": "CreativeWork", "name": " ".join(heading.split())}
    review: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "ClaimReview",
        "@id": annotation_iri(ann.id),
        "claimReviewed": ann.exact,
        "reviewRating": rating(ann.status),
        "itemReviewed": claim,
    }
    if reviewer is not None:
        review["author"] = {"@type": "Person", "name": reviewer.name}
    if ann.created:
        review["dateCreated"] = ann.created
    changed = ann.modified or ann.created
    if changed:
        review["datePublished"] = changed[:10]
    if ann.rationale.strip():
        review["reviewBody"] = ann.rationale
    citations = [_citation(link, document.path) for link in ann.evidence]
    if any(c is not None for c in citations):
        review["citation"] = [c for c in citations if c is not None]
    return review


def is_checked(ann: Annotation) -> bool:
    return ann.status != DEFAULT_STATUS and ann.status in RATINGS


def claim_reviews(read: ArticleRead, reviewer: Reviewer | None) -> list[dict[str, Any]]:
    """The ClaimReviews of one article's checked highlights (in text order, then orphans)."""
    anchored, orphans = ordered([a for a in read.annotations if is_checked(a)])
    if not anchored and not orphans:
        return []
    said: Callable[[int, int], Attribution | None] = (
        read.said or DocumentAttributions(read.document).of
    )
    locator = Locator(read.document)
    chapter = read.chapter or (lambda start, _end: locator.heading(start))
    reviews = [
        claim_review(a, read.document, said(a.start, a.end), reviewer, chapter(a.start, a.end))
        for a in anchored
    ]
    return reviews + [claim_review(a, read.document, None, reviewer) for a in orphans]


def dump_reviews(reviews: list[dict[str, Any]]) -> str:
    """The reviews as a JSON array, safe inside HTML and on a terminal."""
    return _HTML_SPECIAL.sub(lambda m: f"\\u{ord(m.group()):04x}", dump_json(reviews))

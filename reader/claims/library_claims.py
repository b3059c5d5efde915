"""Every highlight of a library, read from the sidecars, and "the same claim elsewhere".

`scan_claims(root)` reads the sidecar of every article under `root` (never the articles: a
highlight's record holds its quote and where it was, `TextPositionSelector`, and whom the text
attributes it to, its place's `said`; the meta record holds the article's date), through the
store's one sidecar reader. `ClaimIndex` groups them by `fingerprint`: the quote's words,
case and accents folded, punctuation and the commonest short words dropped, each word once,
sorted; two quotes with the same fingerprint say the same thing in nearly the same words
("Inflation fell to 2%, the minister said" and "the minister said inflation fell to 2%").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reader.annotations.merge import meta_of
from reader.annotations.model import Annotation
from reader.annotations.record import is_record, record_to_annotation
from reader.annotations.sidecar import SidecarProblem, SidecarStorage, sidecar_path_for
from reader.claims.claim_filter import stored_kind
from reader.library import iter_article_paths

# Words too common to tell two claims apart (English, French, German, Spanish).
STOP_WORDS = frozenset(
    """a an the and or of to in on at for by with from as is are was were be been it its that
    this these those has have had will would said says say told le la les un une des et de du
    en est der die das und ist ein eine el los las y que""".split()
)
MIN_WORDS = 3  # fewer significant words than this is too short to call the same claim
_WORD = re.compile(r"\w+")


def fingerprint(text: str) -> str:
    """The quote's significant words, folded, once each, sorted ("" when too short)."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    words = {w for w in _WORD.findall(folded) if w not in STOP_WORDS}
    return " ".join(sorted(words)) if len(words) >= MIN_WORDS else ""


@dataclass(frozen=True, slots=True)
class LibraryClaim:
    """One highlight of the library: the article it is in and the annotation as stored."""

    path: Path
    annotation: Annotation
    name: str  # the article's path relative to the library folder
    fingerprint: str = field(default="", compare=False)
    published: str = field(default="", compare=False)  # the article's ISO date, "" unknown

    @property
    def kind(self) -> str:
        """Whom the text attributes the claim to, as last worked out: `stored_kind`."""
        return stored_kind(self.annotation)


def read_claims(article: Path) -> list[Annotation]:
    """The annotations of `article`'s sidecar ([] when it has none or it cannot be read: the
    app says why when the article opens)."""
    return read_article_claims(article)[0]


def read_article_claims(article: Path) -> tuple[list[Annotation], str]:
    """(the annotations of `article`'s sidecar, the article's ISO date as the sidecar last
    recorded it or ""); ([], "") when it has none or it cannot be read."""
    try:
        data, _ = SidecarStorage(sidecar_path_for(article), read_only=True).read_file()
    except SidecarProblem:
        return [], ""
    table = data.get("annotations") if isinstance(data, dict) else None
    if not isinstance(table, dict):
        return [], ""
    out = []
    for record in table.values():
        if is_record(record) and not record.get("deleted") and not record.get("tombstone"):
            try:
                out.append(record_to_annotation(record))
            except ValueError:
                continue
    out.sort(key=lambda a: (a.orphaned, a.start, a.id))
    return out, _published(data)


def _published(data: dict) -> str:
    facts = meta_of(data).get("article")
    published = facts.get("published") if isinstance(facts, dict) else None
    return published if isinstance(published, str) and _ISO_DATE.match(published) else ""


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def scan_claims(root: Path, cancelled: Callable[[], bool] | None = None) -> list[LibraryClaim]:
    """Every highlight of the library under `root`, article by article (in the library's
    order), each in document order."""
    root = Path(root)
    claims: list[LibraryClaim] = []
    for article in iter_article_paths(root):
        if cancelled is not None and cancelled():
            break
        if not sidecar_path_for(article).exists():
            continue
        try:
            name = article.relative_to(root).as_posix()
        except ValueError:
            name = article.name
        annotations, published = read_article_claims(article)
        for ann in annotations:
            claims.append(LibraryClaim(article, ann, name, fingerprint(ann.exact), published))
    return claims


class ClaimIndex:
    """The library's claims, findable by fingerprint."""

    def __init__(self, claims: Iterable[LibraryClaim]) -> None:
        self.claims = list(claims)
        self._by_print: dict[str, list[LibraryClaim]] = {}
        for claim in self.claims:
            if claim.fingerprint:
                self._by_print.setdefault(claim.fingerprint, []).append(claim)

    def elsewhere(self, article: Path, text: str) -> list[LibraryClaim]:
        """Highlights of other articles whose quote has `text`'s fingerprint."""
        key = fingerprint(text)
        if not key:
            return []
        here = Path(article).resolve()
        return [c for c in self._by_print.get(key, []) if c.path.resolve() != here]

    def articles_elsewhere(self, article: Path, text: str) -> int:
        """How many other articles hold the same claim."""
        return len({c.path for c in self.elsewhere(article, text)})

"""A highlight's verdict (is the claim true?) and the evidence it links to.

Stored in the record (reader/annotations/record.py) only when set, so an old sidecar reads as
"unverified, no rationale, no evidence" and a record nobody checked is written as before:

    "status": "refuted", "rationale": "The ONS figure is 2.1%",
    "evidence": [{"url": "https://example.org/ons"},
                 {"id": "<uuid>", "source": "other.txt", "quote": "Inflation was 2.1%"}]

An evidence link is a URL, or another highlight: its id, the article holding it (`source`,
a path relative to the folder of the article the claim is in; "" for the same article) and
its quote as it was when linked (shown without opening that article).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reader.annotations.quoting import quoted
from reader.errors import ReaderError

STATUSES: tuple[str, ...] = (
    "unverified",
    "supported",
    "disputed",
    "refuted",
    "misleading",
    "unverifiable",
)
DEFAULT_STATUS = "unverified"
STATUS_LABELS: dict[str, str] = {status: status.capitalize() for status in STATUSES}
# One mark per status, for the claims lists (a space for unverified: most rows).
STATUS_MARKS: dict[str, str] = {
    "unverified": " ",
    "supported": "✓",
    "disputed": "±",
    "refuted": "✗",
    "misleading": "~",
    "unverifiable": "∅",
}
URL_SCHEMES = ("http://", "https://")


def check_status(status: str) -> str:
    if status not in STATUSES:
        raise ReaderError(f"unknown status {status!r}: use one of {', '.join(STATUSES)}")
    return status


@dataclass(frozen=True, slots=True)
class Evidence:
    """One evidence link: a `url`, or a highlight (`id`, in article `source`, with `quote`)."""

    url: str = ""
    id: str = ""
    source: str = ""
    quote: str = ""

    @property
    def is_url(self) -> bool:
        return bool(self.url)

    def to_record(self) -> dict[str, str]:
        if self.url:
            return {"url": self.url}
        return {"id": self.id, "source": self.source, "quote": self.quote}

    @classmethod
    def from_record(cls, value: Any) -> Evidence | None:
        """The link a stored object describes, or None when it describes none."""
        if not isinstance(value, dict):
            return None
        url, ident = value.get("url"), value.get("id")
        if isinstance(url, str) and url.strip():
            return cls(url=url.strip())
        if isinstance(ident, str) and ident.strip():
            source, quote = value.get("source", ""), value.get("quote", "")
            return cls(
                id=ident.strip(),
                source=source if isinstance(source, str) else "",
                quote=quote if isinstance(quote, str) else "",
            )
        return None

    def describe(self) -> str:
        """One line: the URL, or `“quote” (source)`."""
        if self.url:
            return self.url
        quote = " ".join(self.quote.split())
        if len(quote) > 80:
            quote = quote[:79] + "…"
        where = f" ({self.source})" if self.source else ""
        return f"{quoted(quote)}{where}" if quote else f"highlight {self.id}{where}"


def is_evidence_list(value: Any) -> bool:
    """A stored `evidence` value this version reads whole (a list of links)."""
    return isinstance(value, list) and all(Evidence.from_record(v) is not None for v in value)


def evidence_from_records(value: Any) -> list[Evidence]:
    if not isinstance(value, list):
        return []
    links = (Evidence.from_record(v) for v in value)
    return [link for link in links if link is not None]


def clean_evidence(links: Any) -> list[Evidence]:
    """Links in order, each once."""
    out: list[Evidence] = []
    for link in links or ():
        if not isinstance(link, Evidence):
            raise ReaderError(f"not an evidence link: {link!r}")
        if link not in out:
            out.append(link)
    return out


def is_url(text: str) -> bool:
    return text.strip().lower().startswith(URL_SCHEMES) and len(text.strip()) > 8

"""The orders of the library's claims screen: as the library lists its articles (each
article's claims in document order), newest article first, or by verdict."""

from __future__ import annotations

from collections.abc import Sequence

from reader.annotations.verdicts import DEFAULT_STATUS, STATUSES
from reader.claims.library_claims import LibraryClaim

ORDERS = ("library", "newest", "status")
ORDER_LABELS = {
    "library": "in library order",
    "newest": "newest article first",
    "status": "by verdict",
}
# The checked claims first, in the order the statuses are listed, the unverified last.
_STATUS_RANK = {
    status: rank
    for rank, status in enumerate([s for s in STATUSES if s != DEFAULT_STATUS] + [DEFAULT_STATUS])
}


def next_order(order: str) -> str:
    return ORDERS[(ORDERS.index(order) + 1) % len(ORDERS)] if order in ORDERS else ORDERS[0]


def order_claims(claims: Sequence[LibraryClaim], order: str) -> list[LibraryClaim]:
    """`claims` (as `scan_claims` gives them) in `order`; ties keep their library order, so
    an article's claims stay together and in document order. Undated articles come after
    the dated ones; a status this version does not know after the known ones."""
    if order == "newest":
        dated = sorted((c for c in claims if c.published), key=lambda c: c.published, reverse=True)
        return dated + [c for c in claims if not c.published]
    if order == "status":
        last = len(_STATUS_RANK)
        return sorted(claims, key=lambda c: _STATUS_RANK.get(c.status, last))
    return list(claims)

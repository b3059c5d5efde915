"""The claims lists' filter (reader/claims/claim_filter.py)."""

from __future__ import annotations

from reader.annotations.model import Annotation
from reader.claims.claim_filter import filter_claims, parse_query

TEXT = "Alpha beta. Gamma delta. Epsilon zeta."


def _anns() -> list[Annotation]:
    return [
        Annotation.create(TEXT, 0, 11, "claim", note="see Zeta"),
        Annotation.create(TEXT, 12, 24, "question", tags=["zeta", "economy"]),
        Annotation.create(TEXT, 25, 38, "evidence").replace(
            status="refuted", rationale="the census says otherwise"
        ),
    ]


def test_parse_query_kinds() -> None:
    q = parse_query("c: war")
    assert (q.categories, q.words) == ({"claim"}, ["war"])
    assert parse_query("Evidence").categories == {"evidence"}
    assert parse_query("key quote").categories == {"quote"}
    q = parse_query("k: q: Kyiv")
    assert (q.categories, q.words) == ({"quote", "question"}, ["kyiv"])
    q = parse_query("x: claimed")
    assert (q.categories, q.words) == (set(), ["x:", "claimed"])


def test_prefixes_of_categories_statuses_and_tags() -> None:
    assert parse_query("evid:").categories == {"evidence"}
    assert parse_query("key:").categories == {"quote"}
    assert parse_query("ref:").statuses == {"refuted"}
    assert parse_query("status:sup").statuses == {"supported"}
    assert parse_query("unver:").statuses == {"unverified", "unverifiable"}
    # a category name wins a bare colon prefix; status: names the status
    assert parse_query("disp:").categories == {"disputed"}
    assert parse_query("status:disp").statuses == {"disputed"}
    assert parse_query("#eco").tags == ["eco"]
    # one letter is too short to mean a category or status by its start
    assert parse_query("r:").words == ["r:"]


def test_filter_claims() -> None:
    anns = _anns()
    assert filter_claims(anns, "zeta") == anns  # note, tag, quote
    assert filter_claims(anns, "q: zeta") == [anns[1]]
    assert filter_claims(anns, "gamma alpha") == []
    assert filter_claims(anns, "") == anns
    assert filter_claims(anns, "ref:") == [anns[2]]
    assert filter_claims(anns, "status:unverif") == anns[:2]
    assert filter_claims(anns, "#eco") == [anns[1]]
    assert filter_claims(anns, "#ze #ec") == [anns[1]]
    assert filter_claims(anns, "#zz") == []
    assert filter_claims(anns, "census") == [anns[2]]  # the rationale
    assert filter_claims(anns, "evid: cens") == [anns[2]]
    assert filter_claims(anns, "evid: alpha") == []


def test_a_word_matches_the_start_or_part_of_a_category_name_as_it_is_typed() -> None:
    """Issue 14: `dispu` found nothing on the way to `disputed` (a whole name only)."""
    anns = [
        *_anns(),
        Annotation.create(TEXT, 0, 5, "disputed"),
        Annotation.create(TEXT, 6, 10, "quote"),
    ]
    for typed in ("dis", "disp", "dispu", "disput", "dispute", "disputed"):
        assert filter_claims(anns, typed) == [anns[3]], typed
    assert filter_claims(anns, "evid") == [anns[2]]
    assert filter_claims(anns, "y quo") == [anns[4]]  # parts of "Key quote"
    assert filter_claims(anns, "quest econ") == [anns[1]]  # a category and a tag's part
    assert filter_claims(anns, "uest") == [anns[1]]
    assert filter_claims(anns, "dispu census") == []  # every word must match

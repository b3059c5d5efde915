"""The library's claims: their article's date and attribution kind as the sidecars keep
them, the screen's orders and the `source:` filter."""

from __future__ import annotations

from pathlib import Path

from reader.annotations.model import Annotation
from reader.annotations.record import annotation_to_record
from reader.claims.claim_filter import filter_claims, parse_query, stored_kind
from reader.claims.claim_order import ORDERS, next_order, order_claims
from reader.claims.library_claims import LibraryClaim, scan_claims
from reader.cli import main

ARTICLES = {
    "old.txt": "Old story\n\nJanuary 3, 2021\n\nTaxes will rise next year, officials said.\n",
    "new.txt": "New story\n\nMarch 9, 2024\n\nThe bridge will close, the mayor, Ana Ruiz, said.\n",
    "undated.txt": "Undated story\n\nThe ferry keeps its timetable.\n",
}
QUOTES = {
    "old.txt": "Taxes will rise next year",
    "new.txt": "The bridge will close",
    "undated.txt": "The ferry keeps its timetable.",
}


def _library(tmp_path: Path, capsys) -> Path:
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, "utf-8")
        assert main(["annotate", str(tmp_path / name), "--quote", QUOTES[name]]) == 0
    assert main(["annotate", str(tmp_path / "old.txt"), "--quote", "officials said",
                 "--status", "refuted"]) == 0  # fmt: skip
    capsys.readouterr()
    return tmp_path


def test_scan_reads_each_article_date_and_each_claim_kind(tmp_path: Path, capsys) -> None:
    claims = {c.annotation.exact: c for c in scan_claims(_library(tmp_path, capsys))}
    assert {q: (c.published, c.kind) for q, c in claims.items()} == {
        "Taxes will rise next year": ("2021-01-03", "anonymous"),
        "officials said": ("2021-01-03", "anonymous"),
        "The bridge will close": ("2024-03-09", "named"),
        "The ferry keeps its timetable.": ("", "none"),
    }


def test_orders_keep_each_article_together(tmp_path: Path, capsys) -> None:
    claims = scan_claims(_library(tmp_path, capsys))
    assert [c.name for c in claims] == ["new.txt", "old.txt", "old.txt", "undated.txt"]
    newest = order_claims(claims, "newest")
    assert [c.name for c in newest] == ["new.txt", "old.txt", "old.txt", "undated.txt"]
    by_status = order_claims(claims, "status")
    assert [c.annotation.status for c in by_status] == ["refuted"] + ["unverified"] * 3
    assert [c.name for c in by_status[1:]] == ["new.txt", "old.txt", "undated.txt"]
    assert order_claims(claims, "library") == claims
    assert [next_order(o) for o in ORDERS] == [*ORDERS[1:], ORDERS[0]]


def test_newest_puts_dated_articles_before_undated_ones() -> None:
    def claim(name: str, published: str) -> LibraryClaim:
        ann = Annotation(id=name, category="claim", start=0, end=1, exact="x")
        return LibraryClaim.of(Path(name), name, annotation_to_record(ann, name), published)

    claims = [claim("a", ""), claim("b", "2020-01-01"), claim("c", "2023-05-05"), claim("d", "")]
    assert [c.name for c in order_claims(claims, "newest")] == ["c", "b", "a", "d"]


def test_the_source_filter(tmp_path: Path, capsys) -> None:
    claims = scan_claims(_library(tmp_path, capsys))
    anns = [c.annotation for c in claims]
    assert parse_query("source:anon").kinds == {"anonymous"}
    assert parse_query("source:n").kinds == {"named", "none"}
    assert parse_query("source:x").words == ["source:x"]  # not a kind: a word
    assert [a.exact for a in filter_claims(anns, "source:named")] == ["The bridge will close"]
    assert [a.exact for a in filter_claims(anns, "source:none")] == [
        "The ferry keeps its timetable."
    ]
    assert len(filter_claims(anns, "source:anon taxes")) == 1
    assert len(filter_claims(anns, "source:anon ref:")) == 1
    # an orphan, or a record with no attribution stored, has no kind
    orphan = anns[0].replace(orphaned=True)
    assert stored_kind(orphan) == "" and stored_kind(anns[0].replace(place=None)) == ""
    assert filter_claims([orphan], "source:n") == []


def test_a_library_claim_reads_its_fields_as_the_store_decodes_them(tmp_path: Path, capsys):
    """The list's fields come from the record without decoding it whole; they say what the
    whole decoding says, and the filter picks the same claims from either."""
    library = _library(tmp_path, capsys)
    assert main(["annotate", str(library / "new.txt"), "--quote", "Ana Ruiz", "--tag", "town",
                 "--note", "Checked with the council", "--status", "supported"]) == 0  # fmt: skip
    claims = scan_claims(library)
    for claim in claims:
        ann = claim.annotation
        fields = ("id", "category", "exact", "start", "status", "note", "rationale", "tags",
                  "orphaned", "place", "letter")  # fmt: skip
        assert {f: getattr(claim, f) for f in fields} == {f: getattr(ann, f) for f in fields}
        assert claim.kind == stored_kind(ann)
    anns = [c.annotation for c in claims]
    for query in ("", "#town", "council", "sup:", "source:named", "c: bridge", "unver:"):
        assert [c.id for c in filter_claims(claims, query)] == [
            a.id for a in filter_claims(anns, query)
        ], query
    assert [c.exact for c in filter_claims(claims, "#town council")] == ["Ana Ruiz"]


def test_scan_names_articles_in_subfolders_and_skips_the_unannotated(
    tmp_path: Path, capsys
) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "deep.txt").write_text("Deep story\n\nThe dam holds.\n", "utf-8")
    (tmp_path / "plain.txt").write_text("Plain story\n\nNothing marked.\n", "utf-8")
    assert main(["annotate", str(tmp_path / "sub" / "deep.txt"), "--quote", "The dam"]) == 0
    capsys.readouterr()
    claims = scan_claims(tmp_path)
    assert [(c.name, c.path, c.exact) for c in claims] == [
        ("sub/deep.txt", tmp_path / "sub" / "deep.txt", "The dam")
    ]

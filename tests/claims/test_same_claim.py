"""The same claim elsewhere: sentences of other articles (highlighted or not) that say nearly
what a highlight says, found through the library's text index and ranked by token-set
similarity."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.claims.same_claim import Echo, same_claim_elsewhere, significant_words
from reader.document.loader import load_document
from reader.library_search import TextIndex, fts5_missing

pytestmark = pytest.mark.skipif(fts5_missing() is not None, reason="no FTS5 in this SQLite")

CLAIM = "Inflation fell to 2.1 percent last year, the finance minister said on Monday."
ARTICLES = {
    "a.txt": f"Budget day\n\n{CLAIM} Bread prices kept rising.\n",
    # the same claim, other wording, in the middle of a paragraph, highlighted by nobody
    "b.txt": "Economy\n\nMarkets were calm. The finance minister said inflation fell to "
    "2.1 percent last year, citing new figures. Unions were not convinced.\n",
    "c.txt": "Prices\n\nInflation rose to 5 percent this spring, officials said.\n",
    "d.txt": "Weather\n\nThe harbour froze last winter for the first time.\n",
    # a few of the claim's words and nothing else, or among many others: not the same claim
    "f.txt": "Headlines\n\nFinance minister: inflation fell.\n",
    "g.txt": "Tour\n\nThe finance minister, who visited the harbour, the museum, the bridge "
    "and the river on a long tour of the north, said nothing about inflation or how prices "
    "fell last year.\n",
    "sub/e.txt": "Späte Meldung\n\nLast year inflation fell to 2.1 percent, the FINANCE "
    "MINISTER said.\n",
}


@pytest.fixture
def library(tmp_path: Path) -> tuple[Path, TextIndex]:
    root = tmp_path / "library"
    for name, text in ARTICLES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, "utf-8")
    index = TextIndex.open(tmp_path / "index.sqlite3")
    assert index.update(root) == (len(ARTICLES), 0)
    yield root, index
    index.close()


def test_significant_words() -> None:
    assert significant_words("The Minister SAID that inflation fell, inflation fell.") == [
        "minister",
        "inflation",
        "fell",
    ]
    assert significant_words("He said so.") == []  # too short to compare
    assert significant_words("Éléphants à Zürich ont dansé") == [
        "elephants",
        "zurich",
        "ont",
        "danse",
    ]


def test_finds_the_sentences_of_other_articles_saying_the_same(library) -> None:
    root, index = library
    found = same_claim_elsewhere(index, root, root / "a.txt", CLAIM)
    assert {echo.path.name for echo in found} == {"b.txt", "e.txt"}  # not c, f, g
    for echo in found:
        text = load_document(echo.path).text
        assert text[echo.start : echo.start + len(echo.sentence)] == echo.sentence
        assert echo.score >= 75
    b = next(echo for echo in found if echo.path.name == "b.txt")
    assert b.sentence.startswith("The finance minister said inflation fell")
    assert b.title == "Economy"
    # how the wording differs: the words the claim does not have stand out
    assert [text for text, differs in b.wording(CLAIM) if differs] == ["citing new figures"]


def test_the_claims_own_article_is_left_out(library) -> None:
    root, index = library
    found = same_claim_elsewhere(index, root, root / "b.txt", ARTICLES["b.txt"].split(". ")[1])
    assert "b.txt" not in {echo.path.name for echo in found}
    assert "a.txt" in {echo.path.name for echo in found}


def test_nothing_for_a_short_or_unrelated_quote(library) -> None:
    root, index = library
    assert same_claim_elsewhere(index, root, root / "a.txt", "Bread prices") == []
    assert same_claim_elsewhere(index, root, root / "d.txt", "The harbour froze last winter") == []


def test_wording_keeps_every_character() -> None:
    echo = Echo(Path("x.txt"), "", 0, "Ministers, said: «inflation» fell!", 90.0)
    parts = echo.wording("inflation fell, the minister said")
    assert "".join(text for text, _ in parts) == echo.sentence
    assert [text for text, differs in parts if differs] == ["Ministers"]

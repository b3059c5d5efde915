"""`reader export --format claimreview`: every checked claim as a schema.org ClaimReview, in
the shape schema.org and the fact-check consumers read (checked by `check_claim_review`)."""

from __future__ import annotations

import getpass
import json
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from claim_fixtures import make_library, run

from reader.annotations.verdicts import STATUSES
from reader.cli import main
from reader.export import reading
from reader.export.claim_review import RATINGS

# The schema.org properties each type may carry here (ClaimReview: Review, CreativeWork, Thing).
REVIEW_PROPERTIES = {
    "@context", "@type", "@id", "claimReviewed", "reviewRating", "itemReviewed", "author",
    "datePublished", "dateCreated", "reviewBody", "citation", "url",
}  # fmt: skip
RATING_PROPERTIES = {"@type", "ratingValue", "bestRating", "worstRating", "alternateName"}
CLAIM_PROPERTIES = {
    "@type", "appearance", "author", "firstAppearance", "datePublished", "isPartOf",
}  # fmt: skip
WORK_PROPERTIES = {"@type", "url", "headline", "datePublished", "publisher"}
AGENT_TYPES = {"Person", "Organization"}


def check_agent(agent: dict) -> None:
    assert agent["@type"] in AGENT_TYPES
    assert set(agent) <= {"@type", "name", "description"}
    assert any(isinstance(agent.get(k), str) and agent[k].strip() for k in ("name", "description"))


def check_claim_review(review: dict) -> None:
    """Fail unless `review` is a ClaimReview of schema.org's shape: its required properties
    present, each of the type schema.org gives it, the rating within its scale."""
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert set(review) <= REVIEW_PROPERTIES, set(review) - REVIEW_PROPERTIES
    assert isinstance(review["claimReviewed"], str) and review["claimReviewed"].strip()
    assert review["@id"].startswith("urn:uuid:")

    rating = review["reviewRating"]
    assert rating["@type"] == "Rating" and set(rating) == RATING_PROPERTIES
    for key in ("ratingValue", "bestRating", "worstRating"):
        assert isinstance(rating[key], int | float) and not isinstance(rating[key], bool)
    assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    assert rating["alternateName"] in STATUSES and rating["alternateName"] != "unverified"

    claim = review["itemReviewed"]
    assert claim["@type"] == "Claim" and set(claim) <= CLAIM_PROPERTIES
    appearance = claim["appearance"]
    assert appearance["@type"] == "CreativeWork" and set(appearance) <= WORK_PROPERTIES
    assert re.match(r"(https?|file)://\S+\Z", appearance["url"])
    if "datePublished" in appearance:
        date.fromisoformat(appearance["datePublished"])
    if "publisher" in appearance:
        check_agent(appearance["publisher"])
    if "author" in claim:
        check_agent(claim["author"])
    if "isPartOf" in claim:  # the heading (a book's chapter) the claim falls under
        part = claim["isPartOf"]
        assert part["@type"] == "CreativeWork" and set(part) == {"@type", "name"}
        assert isinstance(part["name"], str) and part["name"].strip()

    check_agent(review["author"])
    date.fromisoformat(review["datePublished"])
    datetime.fromisoformat(review["dateCreated"])
    if "reviewBody" in review:
        assert isinstance(review["reviewBody"], str) and review["reviewBody"].strip()
    for cited in review.get("citation", []):
        if isinstance(cited, str):
            assert re.match(r"https?://\S+\Z", cited)
        else:
            assert cited["@type"] == "Quotation" and isinstance(cited["text"], str)
            assert cited["isPartOf"]["@type"] == "CreativeWork"


@pytest.fixture
def settings(tmp_path: Path, monkeypatch) -> Path:
    """The user config file, in a private XDG config folder (not yet written)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    path = tmp_path / "config" / "margin-reader" / "config.toml"
    path.parent.mkdir(parents=True)
    return path


def reviews(capsys, path: Path) -> list[dict]:
    out = run(capsys, "export", "--format", "claimreview", str(path))
    data = json.loads(out)
    assert isinstance(data, list)
    for review in data:
        check_claim_review(review)
    return data


def test_the_validator_fails_on_a_broken_review(tmp_path, capsys, settings) -> None:
    ids = make_library(tmp_path, capsys)
    good = reviews(capsys, tmp_path / "library" / "bridge.txt")[0]
    assert good["@id"].endswith(ids["close"])
    broken = [
        {**good, "reviewRating": {**good["reviewRating"], "ratingValue": 9}},
        {**good, "@type": "Review"},
        {k: v for k, v in good.items() if k != "claimReviewed"},
        {**good, "itemReviewed": {**good["itemReviewed"], "@type": "CreativeWork"}},
        {**good, "reviewRating": {**good["reviewRating"], "ratingValue": "1"}},
        {**good, "claimreviewed": "typo"},
    ]
    for review in broken:
        with pytest.raises((AssertionError, KeyError)):
            check_claim_review(review)


def test_an_article_gives_a_review_per_checked_claim(tmp_path, capsys, settings) -> None:
    settings.write_text('reviewer = "Dana Checker, Harbour Watch"\n', "utf-8")
    make_library(tmp_path, capsys)
    close, tolls = reviews(capsys, tmp_path / "library" / "bridge.txt")  # not the unverified
    assert close["claimReviewed"] == "The council will close the bridge for three years"
    assert close["reviewRating"]["alternateName"] == "refuted"
    assert close["reviewRating"]["ratingValue"] == 1
    assert close["reviewBody"] == "The authority says *five* years <b>not</b> three"
    assert close["author"] == {"@type": "Person", "name": "Dana Checker, Harbour Watch"}
    assert close["itemReviewed"]["author"] == {"@type": "Person", "name": "the mayor, Ana Ruiz"}
    appearance = close["itemReviewed"]["appearance"]
    assert appearance["url"] == (tmp_path / "library" / "bridge.txt").resolve().as_uri()
    assert appearance["headline"] == "Harbour bridge to close"
    assert close["citation"][0] == "https://example.org/notice"
    assert close["citation"][1]["text"] == "The bridge will shut for five years"
    assert close["citation"][1]["isPartOf"]["url"].endswith("/library/news/ferry.md")
    assert tolls["reviewRating"]["alternateName"] == "unverifiable"
    assert tolls["reviewRating"]["ratingValue"] == RATINGS["unverifiable"] == 3
    assert tolls["itemReviewed"]["author"] == {
        "@type": "Person",
        "description": "anonymous source: two officials familiar with the plan",
    }
    assert "reviewBody" not in tolls and "citation" not in tolls


def test_a_folder_gives_one_array_and_the_web_address(tmp_path, capsys, settings) -> None:
    settings.write_text('reviewer = "Dana"\n', "utf-8")
    make_library(tmp_path, capsys)
    out = tmp_path / "reviews.json"
    run(capsys, "export", "--format", "claimreview", "-o", str(out), str(tmp_path / "library"))
    data = json.loads(out.read_text("utf-8"))
    for review in data:
        check_claim_review(review)
    # the newest article first (ferry.md is dated 2026-02-03, bridge.txt undated)
    assert [r["reviewRating"]["alternateName"] for r in data] == [
        "supported", "refuted", "unverifiable",
    ]  # fmt: skip
    fares = data[0]
    assert fares["reviewRating"]["ratingValue"] == 5
    appearance = fares["itemReviewed"]["appearance"]
    assert appearance["url"] == "https://example.org/ferry-fares"  # canonical before url
    assert appearance["headline"] == "Ferry <b>fares</b> [frozen]"
    assert appearance["datePublished"] == "2026-02-03"
    assert appearance["publisher"] == {"@type": "Organization", "name": "Example News"}
    assert "author" not in fares["itemReviewed"]  # the text attributes it to nobody


def test_the_scale_is_ordered_and_within_bounds() -> None:
    assert set(RATINGS) == set(STATUSES) - {"unverified"}
    assert RATINGS["refuted"] < RATINGS["misleading"] < RATINGS["disputed"]
    assert RATINGS["disputed"] < RATINGS["supported"]
    assert all(1 <= value <= 5 for value in RATINGS.values())


def test_hostile_text_is_kept_but_safe(tmp_path, capsys, settings) -> None:
    settings.write_text('reviewer = "Dana"\n', "utf-8")
    article = tmp_path / "hostile.txt"
    article.write_text(
        "Title [bold]x[/bold]\n\nThe </script><script>alert(1)</script> plan, he said.\n",
        "utf-8",
    )
    rationale = "bad \x1b[31mred\x1b[0m \x07 [red]markup[/red] \u0085 </script> & more"
    run(
        capsys,
        "annotate", str(article), "--quote", "The </script><script>alert(1)</script> plan",
        "--status", "misleading", "--rationale", rationale,
    )  # fmt: skip
    out = run(capsys, "export", "--format", "claimreview", str(article))
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f<>&]", out)  # safe on a terminal, in HTML
    (review,) = json.loads(out)
    check_claim_review(review)
    assert review["claimReviewed"] == "The </script><script>alert(1)</script> plan"
    (stored,) = map(json.loads, run(capsys, "annotations", "--json", str(article)).splitlines())
    assert "\x1b[31m" in stored["rationale"] and "</script>" in stored["rationale"]
    assert review["reviewBody"] == stored["rationale"]  # the export keeps what is stored
    assert review["reviewRating"]["ratingValue"] == 2
    assert review["itemReviewed"]["author"]["@type"] == "Person"
    assert "name" not in review["itemReviewed"]["author"]  # an unresolved "he" is no name


def test_without_the_setting_the_login_name_signs(tmp_path, capsys, settings, monkeypatch):
    monkeypatch.setenv("LOGNAME", "kim")
    make_library(tmp_path, capsys)
    (review, _) = reviews(capsys, tmp_path / "library" / "bridge.txt")
    assert review["author"] == {"@type": "Person", "name": "kim"}


@pytest.mark.parametrize(
    "text", ["reviewer = [1, 2]\n", 'reviewer = "   "\n', "reviewer = \n", "\xff\xfe"]
)
def test_a_bad_settings_file_is_one_line(tmp_path, capsys, settings, text) -> None:
    settings.write_bytes(text.encode("latin-1"))
    make_library(tmp_path, capsys)
    assert main(["export", "--format", "claimreview", str(tmp_path / "library")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    (line,) = captured.err.splitlines()
    assert str(settings) in line and "Traceback" not in captured.err


def test_no_checked_claim_is_an_empty_array(tmp_path, capsys, settings) -> None:
    article = tmp_path / "plain.txt"
    article.write_text("A title\n\nNothing checked here.\n", "utf-8")
    assert json.loads(run(capsys, "export", "--format", "claimreview", str(article))) == []
    run(capsys, "annotate", str(article), "--quote", "Nothing checked here.")
    assert json.loads(run(capsys, "export", "--format", "claimreview", str(article))) == []


def test_a_text_articles_url_line_comes_from_the_sidecar(tmp_path, capsys, settings, monkeypatch):
    article = tmp_path / "u.txt"
    article.write_text(
        "Bridge story\nhttps://example.org/bridge-story\n\nThe council will close the bridge, "
        "the mayor said.\n",
        "utf-8",
    )
    run(capsys, "annotate", str(article), "--quote", "The council will close the bridge",
        "--status", "refuted")  # fmt: skip

    def refuse(*args, **kwargs):
        raise AssertionError("the article was parsed")

    monkeypatch.setattr(reading, "parse_text", refuse)  # its stored facts are trusted
    (review,) = reviews(capsys, article)
    assert review["itemReviewed"]["appearance"]["url"] == "https://example.org/bridge-story"


def test_a_non_web_address_is_not_the_appearance(tmp_path, capsys, settings) -> None:
    article = tmp_path / "odd.md"
    article.write_text(
        "---\ntitle: Odd\nurl: javascript:alert(1)\n---\n\nThe plan is dead, he said.\n", "utf-8"
    )
    run(capsys, "annotate", str(article), "--quote", "The plan is dead", "--status", "disputed")
    (review,) = reviews(capsys, article)
    assert review["itemReviewed"]["appearance"]["url"] == article.resolve().as_uri()


def test_with_no_reviewer_known_the_review_names_none(tmp_path, capsys, settings, monkeypatch):
    def no_login() -> str:
        raise OSError("no login name")

    monkeypatch.setattr(getpass, "getuser", no_login)
    make_library(tmp_path, capsys)
    out = run(capsys, "export", "--format", "claimreview", str(tmp_path / "library"))
    data = json.loads(out)
    assert data and all("author" not in review for review in data)  # never an invented one
    for review in data:
        check_claim_review({**review, "author": {"@type": "Person", "name": "x"}})

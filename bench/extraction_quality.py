"""Extraction quality on the corpus's saved pages: ours (`reader.news.extract`) against
trafilatura's bare call, in the same run.

    python bench/extraction_quality.py

There is no published reference text for these three pages, so the reference is made here,
by hand, per page (PAGES below):

* the article's own body: an XPath chosen by reading the page (its `<p>` elements and table
  rows of the story; captions, credits lines and related links left out). Body-text token
  precision, recall and F1 are counted against the words of those elements (bag of words,
  case-folded, punctuation dropped);
* paragraphs kept: the share of those elements whose text is in the output whole;
* boilerplate dropped: the share of hand-listed page furniture (site blurb, comments, reply
  form, subscription prompts, related links, footer lines) absent from the output;
* title: the headline as the page shows it, compared exactly.

Both sides see the same HTML; the bare call is `trafilatura.extract(html,
output_format="markdown", include_links=True, include_formatting=True, include_tables=True)`
with the title from `trafilatura.extract_metadata`. Markdown syntax (links, escapes,
emphasis, table bars) and punctuation are left out of both before comparing: texts are
compared as their sequences of words.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"

PAGES = [
    {
        "file": "page-blog-lemire-simdjson.html",
        "title": "JSON parsing: simdjson vs. JSON for Modern C++",
        "body": '//div[contains(@class,"entry-content")]//p'
        ' | //div[contains(@class,"entry-content")]//tr',
        "boilerplate": [
            "Daniel Lemire is a computer science professor",
            "Thanks, for posting this.",
            "vcpkg has simdjson in its repo",
            "Leave a Reply",
            "Where to find me?",
            "Support my work!",
        ],
    },
    {
        "file": "page-liberation-nepal-seisme.html",
        "title": "Un troisième Français mort dans le séisme au Népal",
        "body": '//div[@itemprop="articleBody"]//p',
        "boilerplate": [
            "A Katmandou, exode sous pression",
            "Plus les heures passent, moins on est utiles",
            "Abonnez-vous",
            "Se déconnecter",
        ],
    },
    {
        "file": "page-reuters-parasite-sag-awards.html",
        "title": "'Parasite' scores historic upset at SAG awards, boosting Oscar chances",
        "body": '//div[contains(@class,"ArticleBodyWrapper")]/p',
        "boilerplate": [
            "Discover Thomson Reuters",
            "4 Min Read",
            "Related Coverage",
            "Our Standards: The Thomson Reuters Trust Principles",
            "All quotes delayed a minimum of 15 minutes",
            "Slideshow",
        ],
    },
]

_LINK_TARGET = re.compile(r"\]\([^)]*\)")


def plain(text: str) -> str:
    """The words of a text, case-folded, one space apart: Markdown syntax (link targets,
    escapes, emphasis, table bars) and punctuation do not count."""
    text = unicodedata.normalize("NFKC", _LINK_TARGET.sub("]", text))
    text = re.sub(r"\\(.)", r"\1", text)  # a backslash escape is its character
    return " ".join(re.findall(r"\w+", text.casefold()))


def tokens(text: str) -> Counter[str]:
    return Counter(text.split())


def f1(ours: Counter[str], reference: Counter[str]) -> tuple[float, float, float]:
    common = sum((ours & reference).values())
    precision = common / max(1, sum(ours.values()))
    recall = common / max(1, sum(reference.values()))
    score = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, score


def reference(html: str, xpath: str) -> list[str]:
    import lxml.html

    root = lxml.html.fromstring(html)
    texts = [plain(el.text_content()) for el in root.xpath(xpath)]
    return [t for t in texts if t]


def ours(html: str) -> tuple[str, str]:
    from reader.news.extract import extract_article

    article = extract_article(html)
    return article.title, article.body


def bare(html: str) -> tuple[str, str]:
    import trafilatura

    body = trafilatura.extract(
        html,
        output_format="markdown",
        include_links=True,
        include_formatting=True,
        include_tables=True,
    )
    meta = trafilatura.extract_metadata(html)
    return (meta.title if meta else "") or "", body or ""


def score(page: dict, html: str, extractor) -> dict:  # type: ignore[no-untyped-def]
    title, body = extractor(html)
    text = plain(body)
    paragraphs = reference(html, page["body"])
    precision, recall, token_f1 = f1(tokens(text), tokens(" ".join(paragraphs)))
    padded = f" {text} "
    kept = sum(1 for p in paragraphs if f" {p} " in padded)
    dropped = sum(1 for b in page["boilerplate"] if f" {plain(b)} " not in padded)
    return {
        "precision": precision,
        "recall": recall,
        "f1": token_f1,
        "kept": (kept, len(paragraphs)),
        "dropped": (dropped, len(page["boilerplate"])),
        "title": plain(title) == plain(page["title"]),
    }


def main() -> int:
    if not CORPUS.is_dir():
        print("the shared corpus (../shared/corpus) is absent", file=sys.stderr)
        return 2
    totals = {name: Counter() for name in ("ours", "bare")}
    print(f"{'page':40} {'who':5} {'P':>6} {'R':>6} {'F1':>6} {'kept':>7} {'dropped':>8} title")
    for page in PAGES:
        html = (CORPUS / page["file"]).read_text("utf-8")
        for name, extractor in (("ours", ours), ("bare", bare)):
            s = score(page, html, extractor)
            t = totals[name]
            t["f1"] += s["f1"]
            t["kept"], t["paragraphs"] = t["kept"] + s["kept"][0], t["paragraphs"] + s["kept"][1]
            t["dropped"] += s["dropped"][0]
            t["furniture"] += s["dropped"][1]
            t["titles"] += s["title"]
            print(
                f"{page['file'][:40]:40} {name:5} {s['precision']:6.3f} {s['recall']:6.3f} "
                f"{s['f1']:6.3f} {s['kept'][0]:>3}/{s['kept'][1]:<3} "
                f"{s['dropped'][0]:>4}/{s['dropped'][1]:<3} {'yes' if s['title'] else 'no'}"
            )
    n = len(PAGES)
    for name, t in totals.items():
        print(
            f"{name}: mean body-token F1 {t['f1'] / n:.3f}, paragraphs kept "
            f"{t['kept']}/{t['paragraphs']}, boilerplate dropped {t['dropped']}/{t['furniture']}, "
            f"titles {t['titles']}/{n}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

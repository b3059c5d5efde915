"""Extraction: fixture pages keep their structure; the real saved pages in ../shared/corpus
give the title, author and date read off the pages by hand, without their furniture."""

from __future__ import annotations

import pytest
from news_fixtures import CORPUS, STORY, page

from reader.errors import ReaderError
from reader.news.extract import extract_article, split_authors

EXTRA = """<h2>What happens next</h2>
<p>Work starts in <a href="http://127.0.0.1/plan">spring</a>, the council said.</p>
<ul><li>Phase one: demolition of the old deck.</li><li>Phase two: the new span.</li></ul>
<blockquote><p>We waited ten years for this day.</p><p>And now it is here.</p></blockquote>
<p>Tags like &lt;script&gt;alert(1)&lt;/script&gt; and [bold]markup[/bold] show as written.</p>"""


def test_structure_is_kept_as_markdown():
    article = extract_article(page("Bridge vote", STORY, extra=EXTRA), url="http://127.0.0.1/s")
    body = article.body
    assert article.title == "Bridge vote" and article.authors == ["Ann Writer"]
    assert article.date == "2024-03-05" and article.source == "Loopback News"
    assert not body.startswith("# ")  # the title is in the front matter, not repeated
    assert body.startswith(STORY[0])
    assert "\n\n## What happens next\n\n" in body
    assert "[spring](http://127.0.0.1/plan)" in body
    assert "- Phase one: demolition of the old deck.\n- Phase two: the new span." in body
    assert "> We waited ten years for this day.\n>\n> And now it is here." in body
    assert "\\<script>" in body and "\\[bold\\]" in body  # escaped: shown literally
    assert "First!" not in body and "Copyright" not in body and "Home" not in body


def test_control_characters_never_survive():
    title = "Bridge \x1b[31mvote\x1b]0;pwn\x07 \u202eevil"
    para = "A paragraph long enough to count as the story, with \x1b[2J a clear-screen in it."
    article = extract_article(page(title, [para, *STORY]), url="http://127.0.0.1/s")
    for text in (article.title, article.body, *article.authors):
        assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text


def test_a_page_without_article_text_is_an_error():
    with pytest.raises(ReaderError, match="no article text found in the page: http://h/e$"):
        extract_article(
            "<html><head><title>T</title></head><body><script>x()</script></body></html>",
            url="http://h/e",
        )


def test_bylines_lose_their_furniture():
    assert split_authors("View all posts by Daniel Lemire") == ["Daniel Lemire"]
    assert split_authors("By Jane Roe and John Doe") == ["Jane Roe", "John Doe"]
    assert split_authors("Jane Roe; Jane Roe") == ["Jane Roe"]


CORPUS_PAGES = {
    # file: (title, authors, date, source, a sentence of the story, furniture not in the body)
    "page-reuters-parasite-sag-awards.html": (
        "'Parasite' scores historic upset at SAG awards, boosting Oscar chances",
        ["Jill Serjeant"],
        "2020-01-20",
        "Reuters",
        "LOS ANGELES (Reuters) - South Korean thriller",
        ("All quotes delayed", "Trust Principles", "Min Read", "Slideshow"),
    ),
    "page-liberation-nepal-seisme.html": (
        "Un troisième Français mort dans le séisme au Népal",
        ["AFP"],
        "2015-04-30",
        "Libération.fr",
        "Un troisième Français a été tué dans le tremblement de terre",
        ("Abonnez-vous", "Recevoir la newsletter", "Libé boutique"),
    ),
    "page-blog-lemire-simdjson.html": (
        "JSON parsing: simdjson vs. JSON for Modern C++",
        ["Daniel Lemire"],
        "2019-08-02",
        "Daniel Lemire's blog",
        "JSON is the ubiquitous data format on the Internet.",
        ("Leave a Reply", "says:", "View all posts by", "Proudly powered by"),
    ),
}


@pytest.mark.parametrize("name", sorted(CORPUS_PAGES))
def test_corpus_pages(name):
    path = CORPUS / name
    if not path.is_file():
        pytest.skip("the shared corpus (../shared/corpus) is absent")
    title, authors, date, source, sentence, furniture = CORPUS_PAGES[name]
    article = extract_article(path.read_text(encoding="utf-8"), where=str(path))
    assert (article.title, article.authors, article.date, article.source) == (
        title,
        authors,
        date,
        source,
    )
    assert sentence in article.body
    assert article.body.count(sentence) == 1  # the JSON copy in <script> is not repeated
    for text in furniture:
        assert text not in article.body, text
    assert article.canonical and article.canonical.startswith("http")

"""Feeds: RSS 2.0, RSS 1.0 (RDF) and Atom give their items' addresses; junk is one error."""

from __future__ import annotations

import pytest
from news_fixtures import rss

from reader.errors import ReaderError
from reader.news.feeds import parse_feed
from reader.news.fetch import looks_like_feed

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom \x1b[31mNews</title>
<id>urn:x</id><updated>2024-03-05T10:00:00Z</updated>
<entry><title>One</title><id>urn:1</id><updated>2024-03-04T10:00:00Z</updated>
<link rel="alternate" href="/one.html"/><author><name>Ann Writer</name></author></entry>
<entry><title>Two</title><id>https://example.org/two</id><updated>2024-03-05T10:00:00Z</updated></entry>
</feed>"""

RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="http://127.0.0.1/"><title>RDF Wire</title><link>http://127.0.0.1/</link>
<description>d</description></channel>
<item rdf:about="http://127.0.0.1/a.html"><title>A</title><link>http://127.0.0.1/a.html</link></item>
<item rdf:about="http://127.0.0.1/b.html"><title>B</title><link>http://127.0.0.1/b.html</link></item>
</rdf:RDF>"""


def test_rss2():
    data = rss([("First", "http://127.0.0.1/1.html"), ("Second", "http://127.0.0.1/2.html")])
    feed = parse_feed(data.encode(), "http://127.0.0.1/feed.xml")
    assert feed.version == "rss20" and feed.title == "Loopback Wire"
    assert [i.url for i in feed.items] == ["http://127.0.0.1/1.html", "http://127.0.0.1/2.html"]
    assert feed.items[0].title == "First" and feed.items[0].published == "2024-03-05"
    assert looks_like_feed(data.encode())


def test_atom_links_resolve_against_the_feed_and_titles_are_safe():
    feed = parse_feed(ATOM.encode(), "http://127.0.0.1/news/atom.xml")
    assert feed.version == "atom10" and "\x1b" not in feed.title
    assert [i.url for i in feed.items] == [
        "http://127.0.0.1/one.html",
        "https://example.org/two",  # no link: the id is an address
    ]
    assert feed.items[0].authors == ("Ann Writer",)


def test_rss1():
    feed = parse_feed(RDF.encode(), "http://127.0.0.1/rdf")
    assert feed.version == "rss10" and feed.title == "RDF Wire"
    assert [i.title for i in feed.items] == ["A", "B"]


def test_not_a_feed():
    with pytest.raises(ReaderError, match=r"not a feed .*: http://h/f$"):
        parse_feed(b"this is not xml at all", "http://h/f")
    assert not looks_like_feed(b"<!DOCTYPE html><html><body>x</body></html>")


def test_a_thousand_items():
    items = [(f"Item {n}", f"http://127.0.0.1/{n}.html") for n in range(1000)]
    feed = parse_feed(rss(items).encode(), "http://127.0.0.1/big.xml")
    assert len(feed.items) == 1000 and feed.items[-1].url.endswith("/999.html")

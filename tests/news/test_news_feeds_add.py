"""`reader feeds add` of a web page that is not a feed: one plain line naming the address,
and the feed the page links, if it links one (not subscribed: the user picks)."""

from __future__ import annotations

from news_fixtures import STORY, page

from reader.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_a_web_page_is_not_a_feed_in_one_plain_line(server, tmp_path, capsys):
    url = server.route("/story.html", page("Alpha story", STORY))
    status, out, err = run(capsys, "feeds", "add", url, "--library", str(tmp_path))
    assert status == 2 and out == ""
    assert err == f"reader: error: not an RSS or Atom feed: {url}\n"
    assert "<unknown>" not in err and not (tmp_path / "feeds.toml").exists()


def test_a_web_page_that_links_its_feed_names_it(server, tmp_path, capsys):
    html = page("Alpha story", STORY).replace(
        "<head>",
        '<head><link rel="stylesheet" href="/s.css">'
        '<link rel="alternate" type="application/rss+xml" title="News" href="/news/rss.xml">'
        '<link rel="alternate" type="application/atom+xml" href="atom.xml">',
        1,
    )
    url = server.route("/blog/story.html", html)
    status, out, err = run(capsys, "feeds", "add", url, "--library", str(tmp_path))
    feed = server.url("/news/rss.xml")
    assert status == 2 and out == "" and len(err.splitlines()) == 1
    assert err == (
        f"reader: error: not an RSS or Atom feed: {url}; the page links the feed {feed}"
        " (and 1 more), add that instead\n"
    )
    assert not (tmp_path / "feeds.toml").exists()

"""`reader refresh` and `reader feeds update` against a loopback server: changed feed entries
fetched again, silent edits of recent articles caught, conditional GETs, failures one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from news_fixtures import STORY, page

from reader.cli import main
from reader.news import revisions
from reader.news.save import render, split_front_matter


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def atom(entries: list[tuple[str, str, str]]) -> str:
    """An Atom feed of (title, link, updated) entries."""
    body = "".join(
        f"<entry><title>{t}</title><id>{link}</id><link href='{link}'/>"
        f"<updated>{updated}</updated></entry>"
        for t, link, updated in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Loopback Atom</title><id>urn:loopback</id><updated>2024-03-05T10:00:00Z</updated>"
        f"{body}</feed>"
    )


def _subscribe(lib: Path, feed: str) -> None:
    (lib / "feeds.toml").write_text(f'[[feed]]\nurl = "{feed}"\n', "utf-8")


def test_feeds_update_fetches_again_an_item_whose_entry_changed(server, tmp_path, capsys):
    a = server.route("/a.html", page("Alpha story", STORY))
    feed = server.route(
        "/feed.xml", atom([("Alpha", a, "2024-03-05T10:00:00Z")]), content_type="text/xml"
    )
    _subscribe(tmp_path, feed)
    status, out, _ = run(capsys, "feeds", "update", "--library", str(tmp_path))
    assert status == 0 and out.splitlines()[-1] == "1 new, 0 updated, 0 unchanged, 0 failed"

    # the page changes but the feed says nothing: the article is not fetched again
    server.route("/a.html", page("Alpha story", [*STORY[:3], "A corrected last line."]))
    server.hits.clear()
    status, out, _ = run(capsys, "feeds", "update", "--library", str(tmp_path))
    assert out == "0 new, 0 updated, 1 unchanged, 0 failed\n" and server.hits == ["/feed.xml"]

    # the entry's updated date changes: fetched again, stored as a new revision
    server.route("/feed.xml", atom([("Alpha", a, "2024-03-06T08:00:00Z")]), content_type="text/xml")
    status, out, _ = run(capsys, "feeds", "update", "--library", str(tmp_path))
    article = tmp_path / "alpha-story.md"
    assert status == 0 and out.splitlines() == [
        str(article),
        "0 new, 1 updated, 0 unchanged, 0 failed",
    ]
    assert "A corrected last line." in article.read_text("utf-8")
    assert len(revisions.list_revisions(article)) == 1

    # a changed entry whose page did not change counts as unchanged, and prints no path
    server.route(
        "/feed.xml", atom([("Alpha!", a, "2024-03-07T08:00:00Z")]), content_type="text/xml"
    )
    status, out, _ = run(capsys, "feeds", "update", "--library", str(tmp_path))
    assert out == "0 new, 0 updated, 1 unchanged, 0 failed\n"


def test_refresh_catches_a_silent_edit_of_a_recent_article(server, tmp_path, capsys):
    url = server.route("/story.html", page("Harbour bridge", STORY))
    status, out, _ = run(capsys, "add", url, "--library", str(tmp_path))
    article = Path(out.strip())
    before = article.read_text("utf-8")
    status, out, _ = run(capsys, "refresh", "--library", str(tmp_path))
    assert status == 0 and out == "0 new, 0 updated, 1 unchanged, 0 failed\n"
    assert article.read_text("utf-8") == before  # unchanged: not rewritten

    server.route("/story.html", page("Harbour bridge", [*STORY[:3], "The mayor was absent."]))
    status, out, err = run(capsys, "refresh", "--library", str(tmp_path))
    assert status == 0 and out.splitlines() == [
        str(article),
        "0 new, 1 updated, 0 unchanged, 0 failed",
    ]
    assert "1 paragraph changed" in err
    assert "The mayor was absent." in article.read_text("utf-8")
    (kept,) = revisions.list_revisions(article)
    assert kept.read_text("utf-8") == before


@pytest.mark.parametrize(
    ("validator", "condition", "value"),
    [
        ("ETag", "If-None-Match", '"v1"'),
        ("Last-Modified", "If-Modified-Since", "Tue, 05 Mar 2024 10:00:00 GMT"),
    ],
)
def test_the_first_refresh_after_add_asks_conditionally_and_a_304_is_unchanged(
    server, tmp_path, capsys, validator, condition, value
):
    seen: list[str | None] = []
    url = server.route("/e.html", page("Etag story", STORY), headers={validator: value})
    status, out, _ = run(capsys, "add", url, "--library", str(tmp_path))
    article = Path(out.strip())
    before = article.read_bytes()
    server.on_request = lambda handler: seen.append(handler.headers.get(condition))
    for _ in range(2):
        status, out, _ = run(capsys, "refresh", "--library", str(tmp_path))
        assert status == 0 and out == "0 new, 0 updated, 1 unchanged, 0 failed\n"
    assert seen == [value, value]  # `reader add` kept the validator: both checks were 304s
    assert article.read_bytes() == before


def test_feed_items_keep_their_validators_for_the_next_recheck(server, tmp_path, capsys):
    seen: list[str | None] = []
    a = server.route("/a.html", page("Alpha story", STORY), headers={"ETag": '"a1"'})
    feed = server.route(
        "/feed.xml", atom([("Alpha", a, "2024-03-05T10:00:00Z")]), content_type="text/xml"
    )
    run(capsys, "add", feed, "--library", str(tmp_path))  # the feed's items, not a subscription
    server.on_request = lambda handler: seen.append(handler.headers.get("If-None-Match"))
    status, out, _ = run(capsys, "refresh", "--library", str(tmp_path))
    assert status == 0 and out == "0 new, 0 updated, 1 unchanged, 0 failed\n"
    assert seen == ['"a1"']


def test_an_article_in_a_feed_and_recent_is_counted_once(server, tmp_path, capsys):
    a = server.route("/a.html", page("Alpha story", STORY))
    entries = atom([("Alpha", a, "2024-03-05T10:00:00Z")])
    feed = server.route("/feed.xml", entries, content_type="text/xml")
    again = server.route("/again.xml", entries, content_type="text/xml")  # a second feed lists it
    (tmp_path / "feeds.toml").write_text(
        f'[[feed]]\nurl = "{feed}"\n\n[[feed]]\nurl = "{again}"\n', "utf-8"
    )
    status, out, _ = run(capsys, "refresh", "--library", str(tmp_path))
    assert status == 0 and out.splitlines()[-1] == "1 new, 0 updated, 0 unchanged, 0 failed"
    # listed unchanged by both feeds and re-checked as a recent article: one article, once
    status, out, _ = run(capsys, "refresh", "--library", str(tmp_path))
    assert status == 0 and out == "0 new, 0 updated, 1 unchanged, 0 failed\n"
    status, out, _ = run(capsys, "feeds", "update", "--library", str(tmp_path))
    assert status == 0 and out == "0 new, 0 updated, 1 unchanged, 0 failed\n"
    # a silent edit the feeds do not mention: found by the re-check, counted only as updated
    server.route("/a.html", page("Alpha story", [*STORY[:3], "A corrected last line."]))
    status, out, _ = run(capsys, "refresh", "--library", str(tmp_path))
    assert status == 0 and out.splitlines()[-1] == "0 new, 1 updated, 0 unchanged, 0 failed"


def test_refresh_failures_are_one_line_each_and_change_nothing(server, tmp_path, capsys):
    good = server.route("/good.html", page("Good story", STORY))
    gone = server.route("/gone.html", page("Gone story", STORY))
    slow = server.route("/slow.html", page("Slow story", STORY))
    for url in (good, gone, slow):
        run(capsys, "add", url, "--library", str(tmp_path))
    files = {p: p.read_bytes() for p in tmp_path.glob("*.md")}
    server.route("/gone.html", "<html><body>Server error</body></html>", status=500)
    server.route("/slow.html", page("Slow story", ["Late."]), delay=3)
    status, out, err = run(capsys, "refresh", "--library", str(tmp_path), "--timeout", "0.5")
    assert status == 1 and out == "0 new, 0 updated, 1 unchanged, 2 failed\n"
    lines = err.splitlines()
    assert len(lines) == 2 and all(line.startswith("reader: error: ") for line in lines)
    assert any(line.endswith(gone) and "HTTP 500" in line for line in lines)
    assert any(line.endswith(slow) and "timed out" in line for line in lines)
    assert {p: p.read_bytes() for p in tmp_path.glob("*.md")} == files
    assert not list(tmp_path.glob(".revisions/*/*"))


def test_refresh_rechecks_only_the_last_days(server, tmp_path, capsys):
    old = server.route("/old.html", page("Old story", STORY))
    new = server.route("/new.html", page("New story", STORY))
    _, out, _ = run(capsys, "add", old, new, "--library", str(tmp_path))
    old_path = Path(out.splitlines()[0])
    fields, body = split_front_matter(old_path.read_text("utf-8"))
    old_path.write_text(render({**fields, "fetched": "2020-01-01T00:00:00Z"}, body), "utf-8")
    server.hits.clear()
    status, out, _ = run(capsys, "refresh", "--library", str(tmp_path), "--days", "3")
    assert out == "0 new, 0 updated, 1 unchanged, 0 failed\n" and server.hits == ["/new.html"]
    server.hits.clear()
    run(capsys, "refresh", "--library", str(tmp_path), "--days", "10000")
    assert sorted(server.hits) == ["/new.html", "/old.html"]


def test_refresh_adds_new_feed_items_and_rechecks_the_rest_once(server, tmp_path, capsys):
    a = server.route("/a.html", page("Alpha story", STORY))
    b = server.route("/b.html", page("Beta story", STORY))
    feed = server.route(
        "/feed.xml", atom([("Alpha", a, "2024-03-05T10:00:00Z")]), content_type="text/xml"
    )
    _subscribe(tmp_path, feed)
    run(capsys, "add", b, "--library", str(tmp_path))
    server.hits.clear()
    status, out, _ = run(capsys, "refresh", "--library", str(tmp_path))
    assert status == 0 and out.splitlines()[-1] == "1 new, 0 updated, 1 unchanged, 0 failed"
    assert sorted(server.hits) == ["/a.html", "/b.html", "/feed.xml"]  # each fetched once


def test_refresh_of_a_library_without_feeds_or_articles(tmp_path, capsys):
    assert run(capsys, "refresh", "--library", str(tmp_path)) == (
        0,
        "0 new, 0 updated, 0 unchanged, 0 failed\n",
        "",
    )
    with pytest.raises(SystemExit) as exited:
        main(["refresh", "--days", "x"])
    assert exited.value.code == 2 and "not a number of days" in capsys.readouterr().err

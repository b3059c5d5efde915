"""A feed item whose article could not be fetched is tried again at the next update, even
when the feed is unchanged (a 304), without fetching again the items that were saved; the
failure is kept and `reader feeds list` names it (on stderr) until it is fetched."""

from __future__ import annotations

from pathlib import Path

from news_fixtures import STORY, page, rss

from reader.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_a_failed_item_is_retried_when_the_feed_answers_304(server, tmp_path, capsys):
    lib = str(tmp_path)
    good = server.route("/good.html", page("Good story", STORY))
    late = server.url("/late.html")  # not there yet: a 404
    feed = server.route(
        "/feed.xml",
        rss([("Good", good), ("Late", late)]),
        content_type="application/rss+xml",
        headers={"ETag": '"v1"'},
    )
    (Path(lib) / "feeds.toml").write_text(f'[[feed]]\nurl = "{feed}"\n', "utf-8")
    status, out, err = run(capsys, "feeds", "update", "--library", lib)
    assert status == 1 and out.splitlines()[-1] == "1 new, 0 updated, 0 unchanged, 1 failed"
    assert late in err and "404" in err

    status, out, err = run(capsys, "feeds", "list", "--library", lib)
    assert status == 0 and out == f"{feed}\n"
    (line,) = err.splitlines()
    assert line.startswith(f"reader: {feed}: not fetched, tried again at the next update: {late} (")
    assert "404" in line

    server.route("/late.html", page("Late story", STORY))
    server.hits.clear()
    status, out, err = run(capsys, "feeds", "update", "--library", lib)
    assert status == 0, err
    assert out.splitlines() == [
        str(tmp_path / "late-story.md"),
        "1 new, 0 updated, 0 unchanged, 0 failed",
    ]
    assert sorted(server.hits) == ["/feed.xml", "/late.html"]  # the feed was a 304; good not asked

    status, out, err = run(capsys, "feeds", "list", "--library", lib)
    assert err == ""
    server.hits.clear()
    status, out, err = run(capsys, "feeds", "update", "--library", lib)
    assert status == 0 and out == "0 new, 0 updated, 0 unchanged, 0 failed\n"
    assert server.hits == ["/feed.xml"]

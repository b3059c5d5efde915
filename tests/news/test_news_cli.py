"""The news verbs end to end against a loopback server: stdout holds only what it should."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from news_fixtures import STORY, page, rss

from reader.cli import main
from reader.news.save import split_front_matter


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_reader_add_then_parse_then_readd_with_a_change_notice(server, tmp_path):
    """The installed command, as a person runs it."""
    url = server.route("/story.html", page("Harbour bridge [bold]vote[/bold]", STORY))
    lib = tmp_path / "lib"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}

    def reader(*args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "reader", *args]
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)

    added = reader("add", url, "--library", str(lib))
    assert added.returncode == 0, added.stderr
    lines = added.stdout.splitlines()
    assert len(lines) == 1 and added.stderr == ""
    path = Path(lines[0])
    assert path.parent == lib and path.name == "harbour-bridge-bold-vote-bold.md"
    parsed = reader("parse", str(path), "--indent", "0")
    assert '"title": "Harbour bridge [bold]vote[/bold]"' in parsed.stdout

    server.route("/story.html", page("Harbour bridge [bold]vote[/bold]", [*STORY[:3], "New."]))
    again = reader("add", url, "--library", str(lib))
    assert again.returncode == 0 and again.stdout.splitlines() == [str(path)]
    assert "changed since 20" in again.stderr and ": 1 paragraph changed" in again.stderr
    diff = reader("diff", str(path))
    assert f"-{STORY[3]}" in diff.stdout.splitlines() and "+New." in diff.stdout.splitlines()
    history = reader("history", str(path))
    assert len(history.stdout.splitlines()) == 1
    assert sorted(p.name for p in lib.iterdir()) == [".revisions", path.name]


def test_failures_are_one_line_each_and_the_rest_is_added(server, tmp_path, capsys):
    good = server.route("/ok.html", page("Good story", STORY))
    bad = server.url("/missing.html")
    pic = server.route("/p.png", b"\x89PNG", content_type="image/png")
    garbled = server.route("/bad.html", b"<html><body><p>" + b"\xff\xc3" * 300 + b"</p></body>")
    sources = (bad, good, pic, garbled, "ftp://x/y")
    status, out, err = run(capsys, "add", *sources, "--library", str(tmp_path))
    assert status == 1
    assert out.splitlines() == [str(tmp_path / "good-story.md")]
    errors = err.splitlines()
    assert len(errors) == 4  # 404, image, bad encoding, ftp: one line each
    assert errors[0].startswith("reader: error: HTTP 404") and errors[0].endswith(bad)
    assert errors[1].endswith(pic) and errors[2].endswith(garbled)
    assert "bad encoding" in errors[2] and errors[3].endswith("ftp://x/y")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good-story.md"]  # no temp files


def test_escape_sequences_in_a_page_never_reach_the_terminal(server, tmp_path, capsys):
    url = server.route("/esc.html", page("Evil \x1b]0;title\x07 \x1b[2J story", STORY))
    status, out, err = run(capsys, "add", url, "--library", str(tmp_path))
    assert status == 0 and "\x1b" not in out + err
    text = Path(out.strip()).read_text("utf-8")
    assert "\x1b" not in text and "\x07" not in text


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["add"])
    assert exited.value.code == 2
    with pytest.raises(SystemExit) as exited:
        main(["add", "x", "--timeout", "soon"])
    assert exited.value.code == 2


def test_a_feed_url_adds_every_item(server, tmp_path, capsys):
    for n in range(3):
        server.route(f"/{n}.html", page(f"Story {n}", STORY))
    feed = server.route(
        "/feed.xml",
        rss([(f"Story {n}", server.url(f"/{n}.html")) for n in range(3)]),
        content_type="application/rss+xml",
    )
    status, out, err = run(capsys, "add", feed, "--library", str(tmp_path))
    assert status == 0, err
    paths = [Path(line) for line in out.splitlines()]
    assert [p.name for p in paths] == ["story-0.md", "story-1.md", "story-2.md"]
    fields, _ = split_front_matter(paths[0].read_text("utf-8"))
    assert fields["feed"] == feed and fields["url"] == server.url("/0.html")


def test_a_saved_page_file_is_added(tmp_path, capsys):
    saved = tmp_path / "saved.htm"
    saved.write_text(page("Saved at home", STORY, canonical="https://news.example/s"), "utf-8")
    lib = tmp_path / "lib"
    status, out, _ = run(capsys, "add", str(saved), "--library", str(lib))
    assert status == 0
    fields, _ = split_front_matter(Path(out.strip()).read_text("utf-8"))
    assert fields["url"] == saved.resolve().as_uri()
    assert fields["canonical"] == "https://news.example/s"
    status, out2, _ = run(capsys, "add", str(saved), "--library", str(lib))
    assert out2 == out and len(list(lib.glob("*.md"))) == 1


def test_feeds_subscribe_list_export_import_update_remove(server, tmp_path, capsys):
    server.route("/a.html", page("Alpha story", STORY))
    feed = server.route(
        "/feed.xml", rss([("Alpha", server.url("/a.html"))]), content_type="application/xml"
    )
    lib = str(tmp_path)
    assert run(capsys, "feeds", "add", feed, "--library", lib)[0] == 0
    status, out, _ = run(capsys, "feeds", "list", "--library", lib)
    assert out == f"{feed}\tLoopback Wire\n"
    assert (tmp_path / "feeds.toml").read_text("utf-8").count("[[feed]]") == 1

    status, out, err = run(capsys, "feeds", "update", "--library", lib)
    assert status == 0, err
    assert out.splitlines() == [
        str(tmp_path / "alpha-story.md"),
        "1 new, 0 updated, 0 unchanged, 0 failed",
    ]
    server.route("/b.html", page("Beta story", STORY))
    server.route(
        "/feed.xml",
        rss([("Alpha", server.url("/a.html")), ("Beta", server.url("/b.html"))]),
        content_type="application/xml",
    )
    status, out, _ = run(capsys, "feeds", "update", "--library", lib)
    assert out.splitlines()[-1] == "1 new, 0 updated, 1 unchanged, 0 failed"

    status, opml, _ = run(capsys, "feeds", "export", "--library", lib)
    assert opml.startswith("<?xml") and f'xmlUrl="{feed}"' in opml
    other = tmp_path / "other"
    (tmp_path / "subs.opml").write_text(opml, "utf-8")
    status, _, err = run(
        capsys, "feeds", "import", str(tmp_path / "subs.opml"), "--library", str(other)
    )
    assert status == 0 and "1 feeds added" in err
    assert run(capsys, "feeds", "remove", feed, "--library", lib)[0] == 0
    assert run(capsys, "feeds", "list", "--library", lib)[1] == ""
    status, _, err = run(capsys, "feeds", "remove", feed, "--library", lib)
    assert status == 1 and err.startswith("reader: error: not subscribed")


def test_a_broken_feed_counts_as_failed_and_the_others_update(server, tmp_path, capsys):
    server.route("/a.html", page("Alpha story", STORY))
    good = server.route("/good.xml", rss([("A", server.url("/a.html"))]), content_type="text/xml")
    broken = server.route("/broken.xml", "<rss><channel><item>", content_type="text/xml")
    (tmp_path / "feeds.toml").write_text(
        f'[[feed]]\nurl = "{broken}"\n\n[[feed]]\nurl = "{good}"\n', "utf-8"
    )
    status, out, err = run(capsys, "feeds", "update", "--library", str(tmp_path))
    assert status == 1 and out.splitlines()[-1] == "1 new, 0 updated, 0 unchanged, 1 failed"
    assert len(err.splitlines()) == 1 and err.strip().endswith(broken)


def test_add_dash_reads_addresses_or_a_page_from_stdin(server, tmp_path, capsys, monkeypatch):
    import io

    one = server.route("/one.html", page("Piped one", STORY))
    two = server.route("/two.html", page("Piped two", STORY))

    def stdin(data: bytes) -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))

    stdin(f"{one}\n\n  {two}  \n".encode())
    status, out, _ = run(capsys, "add", "-", "--library", str(tmp_path))
    assert status == 0 and [Path(p).name for p in out.splitlines()] == [
        "piped-one.md",
        "piped-two.md",
    ]
    stdin(page("Piped page", STORY, canonical="https://news.example/p").encode())
    status, out, _ = run(capsys, "add", "-", "--library", str(tmp_path))
    assert status == 0 and Path(out.strip()).name == "piped-page.md"
    fields, _ = split_front_matter(Path(out.strip()).read_text("utf-8"))
    assert fields["canonical"] == "https://news.example/p" and "url" not in fields


def test_feed_items_are_fetched_two_at_a_time_per_host(server, tmp_path, capsys):
    for n in range(6):
        server.route(f"/{n}.html", page(f"Slow story {n}", STORY), delay=0.5)
    feed = server.route(
        "/slow.xml",
        rss([(f"S{n}", server.url(f"/{n}.html")) for n in range(6)]),
        content_type="text/xml",
    )
    status, out, _ = run(capsys, "add", feed, "--library", str(tmp_path))
    assert status == 0 and len(out.splitlines()) == 6
    assert [Path(p).name for p in out.splitlines()][0] == "slow-story-0.md"  # feed order
    assert server.most_in_flight == 2  # overlapped, but never more than two for one host


def test_an_unchanged_feed_costs_one_304(server, tmp_path, capsys):
    server.route("/a.html", page("Alpha story", STORY))
    feed = server.route(
        "/etag.xml",
        rss([("A", server.url("/a.html"))]),
        content_type="text/xml",
        headers={"ETag": '"v1"'},
    )
    (tmp_path / "feeds.toml").write_text(f'[[feed]]\nurl = "{feed}"\n', "utf-8")
    assert run(capsys, "feeds", "update", "--library", str(tmp_path))[1].endswith(
        "1 new, 0 updated, 0 unchanged, 0 failed\n"
    )
    server.hits.clear()
    status, out, _ = run(capsys, "feeds", "update", "--library", str(tmp_path))
    assert status == 0 and out == "0 new, 0 updated, 0 unchanged, 0 failed\n"
    assert server.hits == ["/etag.xml"]  # one request, answered 304; no item fetched

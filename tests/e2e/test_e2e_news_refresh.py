"""Refreshing in a real terminal against a loopback server: `r` updates the library's feed
(the new article appears in the library and opens), `R` fetches only the open article again
(the page's silent edit appears on screen)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

TITLE = "Harbour bridge vote"
FIRST = "Engineers said the new span would open to traffic in three years."
EDITED = "Engineers now say the new span will open to traffic in five years."
FERRY = "Ferry timetable changes"
FERRY_TEXT = "The ferry company said the winter crossings would start an hour earlier."


def _page(title: str, sentence: str, date: str = "2024-03-05") -> bytes:
    paragraphs = [
        f"The city council met on Tuesday; this report is about the {title.lower()}.",
        sentence,
        "Residents who had campaigned for the project gathered outside the town hall.",
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{title}</title>"
        f'<meta property="article:published_time" content="{date}T10:00:00Z"></head>'
        f"<body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>{title}</h1>{body}</article><footer>Copyright</footer></body></html>"
    ).encode()


def _feed(items: list[tuple[str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid></item>"
        for t, link in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Loopback Wire</title><link>http://127.0.0.1/</link><description>d</description>"
        f"{entries}</channel></rss>"
    ).encode()


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server name
        body = self.server.pages.get(self.path)  # type: ignore[attr-defined]
        if body is None:
            self.send_error(404)
            return
        kind = "application/rss+xml" if self.path.endswith(".xml") else "text/html"
        self.send_response(200)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def httpd() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.pages = {}  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def _url(server: ThreadingHTTPServer, path: str) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}{path}"


def _reader(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_r_refreshes_the_feed_and_the_new_article_opens(reader_session, httpd, tmp_path) -> None:
    story, ferry = _url(httpd, "/story.html"), _url(httpd, "/ferry.html")
    httpd.pages["/story.html"] = _page(TITLE, FIRST)  # type: ignore[attr-defined]
    httpd.pages["/ferry.html"] = _page(FERRY, FERRY_TEXT, "2024-03-06")  # type: ignore[attr-defined]
    httpd.pages["/feed.xml"] = _feed([(TITLE, story)])  # type: ignore[attr-defined]
    session = reader_session([], size=(160, 40))  # `reader`: the default library
    homes = {"DATA": session.data_home, "STATE": session.state_home}
    homes |= {"CONFIG": session.config_home, "CACHE": session.cache_home}
    env = {f"XDG_{name}_HOME": str(path) for name, path in homes.items()}
    subscribed = _reader("feeds", "add", _url(httpd, "/feed.xml"), env=env)
    assert subscribed.returncode == 0, subscribed.stderr
    first = _reader("refresh", env=env)
    assert first.stdout.splitlines()[-1] == "1 new, 0 updated, 0 unchanged, 0 failed", first.stderr
    httpd.pages["/feed.xml"] = _feed([(TITLE, story), (FERRY, ferry)])  # type: ignore[attr-defined]
    with session as s:
        s.wait_for(FIRST)
        assert FERRY not in s.screen()
        s.press("r")
        screen = s.wait_for("1 new, 0 updated, 1 unchanged, 0 failed")
        s.wait_for(FERRY)  # listed in the library (newest first), unread
        assert f"• {FERRY}" in s.screen() and "Traceback" not in screen
        s.press("K")  # the article above the open one: the new one
        s.wait_for(FERRY_TEXT)
        assert not s.dead()
    library = session.data_home / "margin-reader" / "library"
    assert (library / "ferry-timetable-changes.md").is_file()


def test_shift_r_fetches_the_open_article_again(reader_session, httpd, tmp_path: Path) -> None:
    url = _url(httpd, "/story.html")
    httpd.pages["/story.html"] = _page(TITLE, FIRST)  # type: ignore[attr-defined]
    library = tmp_path / "news"
    added = _reader("add", url, "--library", str(library))
    assert added.returncode == 0, added.stderr
    article = Path(added.stdout.strip())
    httpd.pages["/story.html"] = _page(TITLE, EDITED)  # type: ignore[attr-defined]
    with reader_session([article]) as s:
        s.wait_for(FIRST)
        s.press("R")
        screen = s.wait_for(EDITED)
        assert FIRST not in screen and "Traceback" not in screen
        s.wait_for("1 paragraph changed")
        assert not s.dead()
    assert EDITED in article.read_text("utf-8")

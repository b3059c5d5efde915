"""Helpers for the news tests: a loopback HTTP server (127.0.0.1 only) serving pages and feeds the tests write.

`server.route(path, body, status=200, headers=None, delay=0, later=None)` sets what a path
answers (a test can change a page between two fetches; `later` lists the bodies of the next
hits, one each); `server.url(path)` is its address.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
HTML = "text/html; charset=utf-8"


@dataclass
class Route:
    body: bytes
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    chunks: int = 0  # send the body this many times, without a Content-Length
    later: list[bytes] = field(default_factory=list)  # bodies of the next hits, in turn


class _Handler(BaseHTTPRequestHandler):
    server_version = "loopback"

    def do_GET(self) -> None:  # noqa: N802 - the http.server name
        server: LoopbackServer = self.server.owner  # type: ignore[attr-defined]
        server.hits.append(self.path)
        if server.on_request is not None:
            server.on_request(self)
        route = server.routes.get(self.path)
        if route is None:
            route = Route(b"<html><body>not here</body></html>", 404, {"Content-Type": HTML})
        if route.later:
            body, route.body = route.body, route.later.pop(0)
            route = Route(body, route.status, route.headers)
        if route.delay:
            with server.lock:
                server.in_flight += 1
                server.most_in_flight = max(server.most_in_flight, server.in_flight)
            time.sleep(route.delay)
            with server.lock:
                server.in_flight -= 1
        etag, modified = route.headers.get("ETag"), route.headers.get("Last-Modified")
        if etag and self.headers.get("If-None-Match") == etag:
            route = Route(b"", 304, {"ETag": etag})
        elif modified and not etag and self.headers.get("If-Modified-Since") == modified:
            route = Route(b"", 304, {"Last-Modified": modified})
        try:
            self.send_response(route.status)
            for key, value in route.headers.items():
                self.send_header(key, value)
            if route.chunks:
                self.end_headers()
                for _ in range(route.chunks):
                    self.wfile.write(route.body)
            elif route.status != 304:
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)
            else:
                self.end_headers()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class LoopbackServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[str] = []
        self.on_request = None  # called with each request's handler (to see its headers)
        self.lock = threading.Lock()
        self.in_flight = 0  # requests of a route with a delay being answered now
        self.most_in_flight = 0  # the most there were at once
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.owner = self  # type: ignore[attr-defined]
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(
        self,
        path: str,
        body: str | bytes,
        status: int = 200,
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
        chunks: int = 0,
        content_type: str = HTML,
        later: list[str] | None = None,
    ) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        all_headers = {"Content-Type": content_type} if content_type else {}
        all_headers.update(headers or {})
        then = [b.encode("utf-8") for b in later or ()]
        self.routes[path] = Route(data, status, all_headers, delay, chunks, then)
        return self.url(path)

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


def page(
    title: str,
    paragraphs: list[str],
    *,
    author: str = "Ann Writer",
    date: str = "2024-03-05",
    canonical: str | None = None,
    extra: str = "",
    site: str = "Loopback News",
) -> str:
    """An article page with the furniture real pages have (navigation, footer, comments)."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title}</title>
<meta name="author" content="{author}">
<meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="{date}T10:00:00Z">
{link}
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article>
<h1>{title}</h1>
{body}
{extra}
</article>
<div id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>First! This comment is not part of the story at all.</p></div></div>
<footer><p>Copyright 2024 Loopback News. All rights reserved. Privacy policy.</p></footer>
</body></html>"""


STORY = [
    "The city council voted on Tuesday to rebuild the old harbour bridge, ending a decade of debate.",
    "Engineers said the new span would open to traffic in three years and carry a cycle lane.",
    "Residents who had campaigned for the project gathered outside the town hall to celebrate.",
    "The mayor said the decision showed that patience and persistence can still change a city.",
]


def rss(items: list[tuple[str, str]], title: str = "Loopback Wire") -> str:
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link>"
        f"<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate><guid>{link}</guid></item>"
        for t, link in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://127.0.0.1/</link><description>d</description>"
        f"{entries}</channel></rss>"
    )


async def settle(app, pilot) -> None:
    """Wait until the app's workers are done and its side panes show the open article."""
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    for _ in range(200):
        if app.reading.side_ready and app.annotations.pending is None:
            break
        await pilot.pause(0.01)
    await pilot.pause()

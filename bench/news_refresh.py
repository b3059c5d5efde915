"""Benchmark: `reader feeds update` of 50 loopback feeds against plain sequential GETs.

    python bench/news_refresh.py [--feeds 50] [--repeat 3]

Ten HTTP servers on 127.0.0.1 (one port each, as the feeds of a real reader live on many
sites; the reader fetches at most 2 at a time from one server and 8 in all) serve the feeds,
five each, every response held back by its own delay from 20 to 200 ms (a network's
latency). Each feed lists three articles, which a first, unmeasured update adds to a
temporary library; the measured updates then fetch and parse every feed and find every
item known (no ETag is sent, so no feed is answered 304).

Measured in the same run, interleaved, medians of `--repeat`:
* ours: the installed `reader feeds update --library TMP` (process start and imports
  included: what a person waits for);
* sequential: the same 50 feed GETs one after another with one httpx client in this process
  (no start-up, no parsing);
* slowest: the one GET of the slowest feed, the floor for fetches that overlap.
Targets (issue 16): ours <= 2 s, and well under the sequential time.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SERVERS = 10
ITEMS = 3


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server name
        found = self.server.routes.get(self.path)  # type: ignore[attr-defined]
        if found is None:
            self.send_error(404)
            return
        body, kind, delay = found
        time.sleep(delay)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def _serve() -> ThreadingHTTPServer:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.routes = {}  # type: ignore[attr-defined]
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def _page(title: str) -> bytes:
    paragraphs = "".join(
        f"<p>Paragraph {n} of {title}: the council met again and the vote was close.</p>"
        for n in range(6)
    )
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"{paragraphs}</article></body></html>"
    ).encode()


def _feed(title: str, links: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Item {n}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate><description>Story {n}</description>"
        "</item>"
        for n, link in enumerate(links)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>http://127.0.0.1/</link><description>d</description>{items}</channel></rss>"
    ).encode()


def _setup(count: int, library: Path) -> tuple[list[ThreadingHTTPServer], list[str]]:
    """The servers and the feed addresses (the last one is the slowest)."""
    servers = [_serve() for _ in range(SERVERS)]
    feeds = []
    delays = [0.02 + 0.18 * n / max(1, count - 1) for n in range(count)]
    for n in range(count):
        httpd = servers[n % SERVERS]
        base = f"http://127.0.0.1:{httpd.server_address[1]}"
        links = []
        for i in range(ITEMS):
            path = f"/f{n}/a{i}.html"
            httpd.routes[path] = (_page(f"Feed {n} story {i}"), "text/html", 0.0)  # type: ignore[attr-defined]
            links.append(base + path)
        httpd.routes[f"/f{n}.xml"] = (_feed(f"Feed {n}", links), "text/xml", delays[n])  # type: ignore[attr-defined]
        feeds.append(f"{base}/f{n}.xml")
    library.mkdir()
    (library / "feeds.toml").write_text(
        "".join(f'[[feed]]\nurl = "{url}"\n\n' for url in feeds), "utf-8"
    )
    return servers, feeds


def _reader() -> list[str]:
    script = Path(sys.executable).with_name("reader")
    return [str(script)] if script.exists() else [sys.executable, "-m", "reader"]


def _update(library: Path) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [*_reader(), "feeds", "update", "--library", str(library)],
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"reader feeds update failed: {done.stderr.strip()}")
    return elapsed, done.stdout.splitlines()[-1]


def _sequential(feeds: list[str]) -> float:
    import httpx

    started = time.perf_counter()
    with httpx.Client(trust_env=False) as client:
        for url in feeds:
            client.get(url).raise_for_status()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        library = Path(tmp) / "library"
        servers, feeds = _setup(args.feeds, library)
        first, summary = _update(library)
        expected = f"{args.feeds * ITEMS} new, 0 updated, 0 unchanged, 0 failed"
        if summary != expected:
            sys.exit(f"first update said {summary!r}, not {expected!r}")
        ours, sequential, slowest = [], [], []
        for _ in range(args.repeat):
            elapsed, summary = _update(library)
            if summary != f"0 new, 0 updated, {args.feeds * ITEMS} unchanged, 0 failed":
                sys.exit(f"an update said {summary!r}")
            ours.append(elapsed)
            sequential.append(_sequential(feeds))
            slowest.append(_sequential(feeds[-1:]))
        for httpd in servers:
            httpd.shutdown()
    o, s, w = (statistics.median(x) for x in (ours, sequential, slowest))
    print(f"first update ({args.feeds} feeds, {args.feeds * ITEMS} articles added): {first:.2f} s")
    print(
        f"update of {args.feeds} feeds: ours {o:.2f} s (target <= 2 s), sequential GETs "
        f"{s:.2f} s, ratio {o / s:.2f}x; slowest single feed {w:.2f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

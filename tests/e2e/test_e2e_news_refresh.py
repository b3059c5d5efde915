"""`r` in a real terminal: the open article, saved from a loopback page, is fetched again;
the page's silent edit appears on screen."""

from __future__ import annotations

import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

TITLE = "Harbour bridge vote"
FIRST = "Engineers said the new span would open to traffic in three years."
EDITED = "Engineers now say the new span will open to traffic in five years."


def _page(sentence: str) -> bytes:
    paragraphs = [
        "The city council voted on Tuesday to rebuild the old harbour bridge at last.",
        sentence,
        "Residents who had campaigned for the project gathered outside the town hall.",
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{TITLE}</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>{TITLE}</h1>{body}</article><footer>Copyright</footer></body></html>"
    ).encode()


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server name
        body = self.server.body  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def test_r_fetches_the_open_article_again(reader_session, tmp_path: Path) -> None:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.body = _page(FIRST)  # type: ignore[attr-defined]
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/story.html"
        library = tmp_path / "news"
        added = subprocess.run(
            [sys.executable, "-m", "reader", "add", url, "--library", str(library)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert added.returncode == 0, added.stderr
        article = Path(added.stdout.strip())
        httpd.body = _page(EDITED)  # type: ignore[attr-defined]
        with reader_session([article]) as s:
            s.wait_for(FIRST)
            s.press("r")
            screen = s.wait_for(EDITED)
            assert FIRST not in screen and "Traceback" not in screen
            s.wait_for("1 paragraph changed")
            assert not s.dead()
        assert EDITED in article.read_text("utf-8")
    finally:
        httpd.shutdown()
        httpd.server_close()

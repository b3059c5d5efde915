"""Fetching over a loopback server: what passes, and one ReaderError line for every fault."""

from __future__ import annotations

import time

import pytest
from news_fixtures import STORY, page

from reader.errors import ReaderError
from reader.news.fetch import USER_AGENT, decode_page, fetch


def _fails(url: str, **kwargs) -> str:
    with pytest.raises(ReaderError) as caught:
        fetch(url, **kwargs)
    message = str(caught.value)
    assert "\n" not in message and message.endswith(url)
    return message


def test_a_page_is_fetched_with_our_user_agent(server):
    url = server.route("/story.html", page("Bridge", STORY))
    fetched = fetch(url)
    assert fetched.media_type == "text/html" and fetched.charset == "utf-8"
    assert b"harbour bridge" in fetched.content and not fetched.is_feed
    assert USER_AGENT.startswith("margin-reader/")


def test_http_errors_name_status_and_address(server):
    assert "HTTP 404" in _fails(server.url("/missing"))
    url = server.route("/boom", "<html>oops</html>", status=500)
    assert "HTTP 500" in _fails(url)


def test_connection_refused(server):
    port = server.port
    server.close()
    assert "connection refused" in _fails(f"http://127.0.0.1:{port}/x")
    server.close = lambda: None  # the fixture's teardown


def test_slow_response_times_out(server):
    url = server.route("/slow", page("Slow", STORY), delay=2.0)
    started = time.monotonic()
    assert "timed out after 0.3 s" in _fails(url, timeout=0.3)
    assert time.monotonic() - started < 1.8


def test_a_body_over_the_cap_is_refused(server):
    chunk = b"<p>" + b"x" * 4093 + b"</p>"
    url = server.route("/huge", chunk, chunks=64)  # 256 KB, no Content-Length
    assert "too big (over 65536 bytes)" in _fails(url, max_bytes=64 * 1024)
    declared = server.route("/declared", chunk * 32)
    assert "too big" in _fails(declared, max_bytes=64 * 1024)


def test_wrong_content_types(server):
    png = server.route("/pic", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, content_type="image/png")
    assert "not an HTML page or a feed (image/png)" in _fails(png)
    pdf = server.route("/doc", b"%PDF-1.4", content_type="application/pdf")
    assert "application/pdf" in _fails(pdf)
    binary = server.route("/bin", b"<\0\0\0" * 100, content_type="text/html")
    assert "binary" in _fails(binary)


def test_redirect_loop_and_redirect_out_of_http(server):
    loop = server.route("/loop", b"", status=302, headers={"Location": "/loop"})
    assert "too many redirects" in _fails(loop)
    away = server.route("/away", b"", status=302, headers={"Location": "file:///etc/passwd"})
    assert "not http(s)" in _fails(away)


def test_a_redirect_is_followed(server):
    target = server.route("/new.html", page("Moved", STORY))
    url = server.route("/old.html", b"", status=301, headers={"Location": "/new.html"})
    fetched = fetch(url)
    assert fetched.final_url == target and fetched.url == url


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/x", "file:///etc/passwd", "http://", "x"])
def test_only_http_and_https(url):
    with pytest.raises(ReaderError, match="only http and https|not a valid address"):
        fetch(url)


def test_invalid_utf8_declared_as_utf8_is_a_bad_encoding():
    data = b"<html><body><p>" + b"\xff\xfe\xc3" * 200 + b"</p></body></html>"
    with pytest.raises(ReaderError, match=r"bad encoding \(not valid utf-8.*: http://h/x$"):
        decode_page(data, "utf-8", "http://h/x")


def test_undeclared_non_utf8_falls_back_to_windows_1252():
    data = "<html><body><p>\u201cquoted\u201d</p></body></html>".encode("cp1252")
    assert "\u201cquoted\u201d" in decode_page(data, None, "x")


def test_a_meta_charset_is_honoured():
    data = '<html><head><meta charset="iso-8859-7"></head><p>\u0391\u03b8\u03ae\u03bd\u03b1</p>'
    assert "\u0391\u03b8\u03ae\u03bd\u03b1" in decode_page(data.encode("iso-8859-7"), None, "x")


def test_gzip_is_undone_and_bounded(server):
    import gzip

    body = gzip.compress(page("Zipped", STORY).encode())
    url = server.route("/z", body, headers={"Content-Encoding": "gzip"})
    assert b"harbour bridge" in fetch(url).content
    bomb = server.route(
        "/bomb", gzip.compress(b" " * 2_000_000), headers={"Content-Encoding": "gzip"}
    )
    assert "too big" in _fails(bomb, max_bytes=100_000)

"""Fetching one http(s) address, bounded: every failure is one ReaderError line naming it.

Bounds: a timeout for each network step and for the whole transfer, a size cap (reading stops
there), at most `MAX_REDIRECTS` redirects, only `http` and `https` (a redirect elsewhere
fails too), and a content type that must be HTML or a feed.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from reader import APP_NAME, __version__
from reader.document.decode import decode_bytes, looks_binary, one_line
from reader.errors import ReaderError

DEFAULT_TIMEOUT = 20.0
MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 10
USER_AGENT = f"{APP_NAME}/{__version__} (terminal news reader)"
ACCEPT = (
    "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
    "application/xml;q=0.9, */*;q=0.1"
)

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "application/x-rss+xml",
    }
)


@dataclass(frozen=True, slots=True)
class Fetched:
    """A response body that passed every check."""

    url: str  # the address asked for
    final_url: str  # after redirects
    content: bytes
    media_type: str  # e.g. "text/html" ("" when the server named none)
    charset: str | None
    etag: str = ""
    last_modified: str = ""
    not_modified: bool = False  # a 304 to a conditional request: no content

    @property
    def is_feed(self) -> bool:
        return self.media_type in FEED_TYPES or (
            self.media_type not in HTML_TYPES and looks_like_feed(self.content)
        )


def looks_like_feed(data: bytes) -> bool:
    """An XML document whose root is rss, feed (Atom) or rdf:RDF, judged by its first KB."""
    head = data[:1024].lstrip().lower()
    if not head.startswith(b"<"):
        return False
    return any(root in head for root in (b"<rss", b"<feed", b"<rdf:rdf"))


def check_scheme(url: str) -> None:
    try:
        parts = urlsplit(url)
    except ValueError:
        raise ReaderError(f"not a valid address: {one_line(url)}") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ReaderError(f"only http and https addresses are fetched: {one_line(url)}")


def _media_type(header: str) -> tuple[str, str | None]:
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media.strip().lower(), charset


@functools.cache
def _tls():  # type: ignore[no-untyped-def]
    """The one TLS context of every fetch (httpx's default: certifi's CA bundle), built once
    per process: reading the CA bundle is most of the cost of making a client."""
    import httpx

    return httpx.create_ssl_context(trust_env=False)


def fetch(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = MAX_BYTES,
    etag: str = "",
    last_modified: str = "",
) -> Fetched:
    """GET `url`; raises ReaderError ("<what went wrong>: <url>") for every failure.

    With `etag` or `last_modified` (from an earlier Fetched) the request is conditional, and
    a 304 answer is a Fetched with `not_modified` set and no content."""
    import httpx

    check_scheme(url)
    shown = one_line(url)
    client = httpx.Client(
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        timeout=httpx.Timeout(timeout),
        headers={
            "User-Agent": USER_AGENT,
            "Accept": ACCEPT,
            "Accept-Encoding": "gzip, deflate",
        },
        trust_env=False,
        verify=_tls(),
    )
    try:
        conditions = {}
        # Validators come back from a state file that may have been edited: one that could
        # not have come from a server is left out (the GET is then unconditional).
        if sendable(etag):
            conditions["If-None-Match"] = etag
        if sendable(last_modified):
            conditions["If-Modified-Since"] = last_modified
        with client, client.stream("GET", url, headers=conditions) as response:
            return _read(response, url, timeout, max_bytes)
    except httpx.TooManyRedirects:
        raise ReaderError(f"too many redirects (a redirect loop?): {shown}") from None
    except httpx.TimeoutException:
        raise ReaderError(f"timed out after {timeout:g} s: {shown}") from None
    except httpx.UnsupportedProtocol:
        raise ReaderError(f"redirected to an address that is not http(s): {shown}") from None
    except httpx.ConnectError as error:
        raise ReaderError(f"cannot connect ({_reason(error)}): {shown}") from None
    except httpx.InvalidURL:
        raise ReaderError(f"not a valid address: {shown}") from None
    except httpx.HTTPError as error:
        raise ReaderError(f"download failed ({_reason(error)}): {shown}") from None


def _reason(error: Exception) -> str:
    text = str(error) or type(error).__name__
    if "Name or service not known" in text or "nodename nor servname" in text:
        return "host not found"
    if "Connection refused" in text:
        return "connection refused"
    return one_line(text)[:200]


def _header(response, name: str) -> str:  # type: ignore[no-untyped-def]
    """A validator header, kept only as printable ASCII (it is sent back as it is)."""
    value = response.headers.get(name, "")[:200]
    return value if sendable(value) else ""


def sendable(value: str) -> bool:
    """Whether a validator can be sent back as it is: printable ASCII, not empty."""
    return bool(value) and all(" " <= c <= "~" for c in value)


def _read(response, url: str, timeout: float, max_bytes: int) -> Fetched:  # type: ignore[no-untyped-def]
    shown = one_line(url)
    validators = {
        "etag": _header(response, "etag"),
        "last_modified": _header(response, "last-modified"),
    }
    if response.status_code == 304:
        return Fetched(url, str(response.url), b"", "", None, **validators, not_modified=True)
    if response.status_code >= 400:
        reason = one_line(response.reason_phrase or "")
        raise ReaderError(f"HTTP {response.status_code} {reason}".rstrip() + f": {shown}")
    media, charset = _media_type(response.headers.get("content-type", ""))
    if media and media not in HTML_TYPES and media not in FEED_TYPES:
        raise ReaderError(f"not an HTML page or a feed ({one_line(media)[:80]}): {shown}")
    raw = _read_capped(response, shown, timeout, max_bytes)
    content = _decoded_body(response, raw, shown, max_bytes)
    if not content.strip():
        raise ReaderError(f"empty response: {shown}")
    if looks_binary(content[:8192]):
        raise ReaderError(f"not an HTML page or a feed (binary data): {shown}")
    if not media and not content.lstrip()[:1] == b"<":
        raise ReaderError(f"not an HTML page or a feed: {shown}")
    return Fetched(url, str(response.url), content, media, charset, **validators)


def _read_capped(response, shown: str, timeout: float, max_bytes: int) -> bytes:  # type: ignore[no-untyped-def]
    """The raw body, refused past `max_bytes` or past `timeout` for the whole transfer."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise ReaderError(_too_big(max_bytes, shown))
    deadline = time.monotonic() + timeout
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_raw():
        size += len(chunk)
        if size > max_bytes:
            raise ReaderError(_too_big(max_bytes, shown))
        if time.monotonic() > deadline:
            raise ReaderError(f"timed out after {timeout:g} s: {shown}")
        chunks.append(chunk)
    return b"".join(chunks)


def _decoded_body(response, raw: bytes, shown: str, max_bytes: int) -> bytes:  # type: ignore[no-untyped-def]
    """The body with its content-encoding (gzip, deflate...) undone; `raw` is already capped."""
    encoding = response.headers.get("content-encoding", "").strip().lower()
    if encoding in ("", "identity"):
        return raw
    import zlib

    try:
        if encoding in ("gzip", "x-gzip"):
            decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            decoder = zlib.decompressobj()
        else:
            raise ReaderError(f"unsupported content encoding {one_line(encoding)[:40]}: {shown}")
        data = decoder.decompress(raw, max_bytes + 1)
    except zlib.error:
        raise ReaderError(f"corrupt compressed response: {shown}") from None
    if len(data) > max_bytes:
        raise ReaderError(_too_big(max_bytes, shown))
    return data


def decode_page(data: bytes, charset: str | None, where: str) -> str:
    """Text of an HTML page: the charset it declares (header, else a <meta> in its first KB),
    else UTF-8, else Windows-1252. A page that is not what it declares (more than a few
    undecodable bytes) raises ReaderError naming `where`."""
    declared = charset or _meta_charset(data[:2048])
    if declared:
        try:
            text = data.decode(declared, errors="replace")
        except LookupError:
            text = None  # an unknown charset name: decode as if none were given
        if text is not None:
            bad = text.count("\ufffd")
            if bad > max(8, len(text) // 1000):
                raise ReaderError(
                    f"bad encoding (not valid {one_line(declared)[:40]}, as the page says): "
                    f"{one_line(where)}"
                )
            return text
    decoded = decode_bytes(data)
    if decoded is None:
        raise ReaderError(f"not an HTML page (binary data): {one_line(where)}")
    return decoded[0]


def _meta_charset(head: bytes) -> str | None:
    import re

    match = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", head, re.I)
    return match.group(1).decode("ascii") if match else None


def _too_big(max_bytes: int, shown: str) -> str:
    size = f"{max_bytes / (1024 * 1024):g} MB" if max_bytes >= 1024 * 1024 else f"{max_bytes} bytes"
    return f"too big (over {size}): {shown}"

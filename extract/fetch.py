"""Fetch an http(s) URL into a RawDocument, under one total deadline.

httpx has only per-operation timeouts, which a server dripping one byte a
second defeats, so the whole fetch — DNS, connect, every redirect, the body —
runs under ``asyncio.timeout``. Redirects are followed by hand (a redirect to
``file:`` or a loop gets a clear message), and the body is read raw and
decompressed by :mod:`extract.inflate` with a cap.

Fetches run on a :class:`extract.deadline.DeadlineEventLoop`, so a hung DNS
resolver cannot outlast the deadline either.
"""

from __future__ import annotations

import asyncio
import errno
import functools
import os
import socket
import ssl
import stat
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from byline.extract.deadline import DeadlineEventLoop, on_own_loop
from byline.extract.errors import FetchError, HTTPStatusError, NotAnArticle, SetupError, TooLarge, UnsupportedContent
from byline.extract.inflate import StreamDecoder, over_limit, size_text
from byline.extract.sources import FetchOptions, RawDocument, looks_like_html, sniff_binary
from byline.extract.sanitize import clean_inline

ProgressCallback = Callable[[str], None]

# Content types we read; anything else is refused before its body is read.
HTML_TYPES = {"text/html", "application/xhtml+xml"}
TEXT_TYPES = {"text/plain", "text/markdown", "text/x-markdown"}
SNIFF_TYPES = {"", "text/xml", "application/xml"}

# What each error status means to a reader.
_STATUS_HINTS = {
    401: "the page needs a login",
    403: "the site refused access (it may block readers or need cookies)",
    404: "the page does not exist",
    410: "the page has been removed",
    429: "the site is rate-limiting requests; try again later",
    451: "the page is unavailable for legal reasons",
    500: "the server failed; try again later",
    502: "a gateway failed; try again later",
    503: "the site is unavailable; try again later",
    504: "a gateway timed out; try again later",
}

# Fragments of resolver errors across platforms (glibc, musl, macOS, Windows).
_RESOLVE_FAILURES = (
    "name or service not known",
    "nodename nor servname",
    "getaddrinfo",
    "temporary failure in name resolution",
    "no address associated",
    "name does not resolve",
    "no such host",
)


# ------------------------------------------------------------------- fetching


async def fetch_url(
    url: str,
    options: FetchOptions | None = None,
    *,
    progress: ProgressCallback | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    headers: Mapping[str, str] | None = None,
    accept: Collection[str] = (),
) -> RawDocument:
    """Fetch ``url`` under one total deadline; cancel the task to stop it at once.

    ``progress`` is called on the caller's event loop with one-line messages.
    ``headers`` are sent on top of byline's own (a feed reader's ``Accept``,
    ``If-None-Match``, ``If-Modified-Since``); when a conditional header was
    sent, a 304 comes back as a RawDocument with ``status`` 304 and no data.
    ``accept`` names content types read besides HTML and text
    (``application/rss+xml``…).
    """
    options = options or FetchOptions()
    extra = _Request(dict(headers or {}), frozenset(t.lower() for t in accept))
    if progress is not None:
        progress = _clean_progress(progress)
    if not isinstance(asyncio.get_running_loop(), DeadlineEventLoop):
        return await on_own_loop(
            lambda relayed: _fetch_with_deadline(url, options, relayed, transport, extra), progress
        )
    return await _fetch_with_deadline(url, options, progress, transport, extra)


@dataclass(slots=True, frozen=True)
class _Request:
    """What a caller adds to byline's request: headers, and content types it reads."""

    headers: dict[str, str] = field(default_factory=dict)
    accept: frozenset[str] = frozenset()

    @property
    def conditional(self) -> bool:
        names = {name.lower() for name in self.headers}
        return bool(names & {"if-none-match", "if-modified-since"})


async def _fetch_with_deadline(
    url: str,
    options: FetchOptions,
    progress: ProgressCallback | None,
    transport: httpx.AsyncBaseTransport | None,
    extra: _Request = _Request(),
) -> RawDocument:
    try:
        async with asyncio.timeout(options.timeout):
            return await _fetch(url, options, progress, transport, extra)
    except TimeoutError:
        raise FetchError(
            f"{url}: timed out after {options.timeout:g} s (the server is slow or unreachable)",
            source=url,
        ) from None


async def _fetch(
    url: str,
    options: FetchOptions,
    progress: ProgressCallback | None,
    transport: httpx.AsyncBaseTransport | None,
    extra: _Request,
) -> RawDocument:
    timeout = httpx.Timeout(options.timeout, connect=options.connect_timeout)
    headers = {
        "User-Agent": options.user_agent,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
        "Accept-Encoding": "gzip, deflate",
        "Accept-Language": "en;q=0.9, *;q=0.5",
    }
    headers.update(extra.headers)
    client_args: dict = {
        "timeout": timeout,
        "headers": headers,
        "follow_redirects": False,
        "verify": _tls_context(url),
    }
    if options.cookies is not None:
        client_args["cookies"] = options.cookies
    if transport is not None:
        client_args["transport"] = transport
    seen: set[str] = set()
    current = url
    async with _client(client_args, url) as client:
        for _hop in range(options.max_redirects + 1):
            _check_host(current, url)
            if progress:
                progress(f"fetching {host_of(current)}…")
            try:
                request = client.build_request("GET", current)
            except (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError) as exc:
                raise FetchError(f"{_clip(current)}: not a valid URL ({exc})", source=url) from None
            try:
                response = await client.send(request, stream=True)
            except httpx.InvalidURL:
                # httpx parses a redirect's Location itself, before we see it.
                raise FetchError(
                    f"{url}: the server redirected to an invalid URL, which byline will not follow",
                    source=url,
                ) from None
            except httpx.HTTPError as exc:
                raise FetchError(network_message(current, exc), source=url) from None
            except (OSError, OverflowError, ExceptionGroup) as exc:
                # What the transport let through unwrapped (anyio's connection groups).
                raise FetchError(f"{_clip(current)}: could not connect ({_describe(exc)})", source=url) from None
            try:
                if response.is_redirect and not (response.status_code == 304 and extra.conditional):
                    current = _redirect_target(response, current, url, seen)
                    continue
                return await _read_response(response, url, options, progress, extra)
            finally:
                await response.aclose()
        raise FetchError(
            f"{url}: more than {options.max_redirects} redirects; the site may be misconfigured",
            source=url,
        )


def _client(client_args: dict, url: str) -> httpx.AsyncClient:
    """httpx's client; a proxy from the environment it cannot use is a ``SetupError``."""
    try:
        return httpx.AsyncClient(**client_args)
    except ImportError:  # socks5:// without socksio
        raise SetupError(
            f"{url}: the proxy in the environment is a SOCKS proxy, which needs the socks extra "
            "(pip install 'byline[socks]'); or set HTTPS_PROXY to an http:// proxy",
            source=url,
        ) from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError, TypeError) as exc:
        raise SetupError(
            f"{url}: the proxy in the environment is not usable ({first_line(str(exc))}); "
            "check HTTPS_PROXY, HTTP_PROXY and ALL_PROXY",
            source=url,
        ) from None


def _tls_context(url: str) -> ssl.SSLContext:
    """The TLS context every fetch shares; a CA bundle named in the environment
    that cannot be used is a ``SetupError``."""
    try:
        return _shared_tls_context(os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR"))
    except (OSError, ssl.SSLError, ValueError) as exc:
        raise SetupError(f"{url}: {_ca_problem(exc)}", source=url) from None


@functools.cache
def _shared_tls_context(cert_file: str | None, cert_dir: str | None) -> ssl.SSLContext:
    """httpx builds a TLS context per client by default, reading the whole CA
    bundle each time (25 ms, most of a local fetch); it honours SSL_CERT_FILE
    and SSL_CERT_DIR as httpx does (one context per value of the two)."""
    for variable, name, directory in (("SSL_CERT_FILE", cert_file, False), ("SSL_CERT_DIR", cert_dir, True)):
        if name:
            # A device or a FIFO would be read for ever: a bundle is a file (or a folder of them).
            info = os.stat(name)
            if stat.S_ISDIR(info.st_mode) != directory or not (directory or stat.S_ISREG(info.st_mode)):
                raise ValueError(f"{variable} {name}: not a {'directory' if directory else 'regular file'}")
            break
    return httpx.create_ssl_context()


def _ca_problem(exc: BaseException) -> str:
    variable = "SSL_CERT_FILE" if os.environ.get("SSL_CERT_FILE") else "SSL_CERT_DIR"
    name = os.environ.get(variable, "")
    if isinstance(exc, ValueError):
        return f"{exc}; it must name a PEM file of CA certificates"
    if isinstance(exc, FileNotFoundError):
        return f"{variable} {name}: no such file; it must name a PEM file of CA certificates"
    if isinstance(exc, ssl.SSLError):
        return f"{variable} {name}: holds no CA certificates (it must be a PEM bundle)"
    return f"{variable} {name}: cannot read it ({getattr(exc, 'strerror', None) or exc})"


def _check_host(current: str, url: str) -> None:
    try:
        parts = urlsplit(current)
        host = (parts.hostname or "").rstrip(".").lower()
        parts.port  # noqa: B018 - raises ValueError for a port outside 0-65535
    except ValueError as exc:
        raise FetchError(f"{_clip(current)}: not a valid URL ({exc})", source=url) from None
    if not host:
        raise FetchError(f"{_clip(current)}: the URL has no host name", source=url)
    if host == "invalid" or host.endswith(".invalid"):
        # RFC 6761: .invalid never resolves; say so without asking a resolver.
        raise FetchError(f"{_clip(current)}: could not resolve host {host} (a reserved name)", source=url)


def _redirect_target(response: httpx.Response, current: str, url: str, seen: set[str]) -> str:
    location = response.headers.get("location", "").strip()
    if not location:
        raise FetchError(
            f"{url}: HTTP {response.status_code} redirect without a Location header", source=url
        )
    try:
        target = urljoin(current, location)
        scheme = urlsplit(target).scheme.lower()
    except ValueError:
        raise FetchError(
            f"{url}: the server redirected to an invalid URL, which byline will not follow", source=url
        ) from None
    if scheme not in {"http", "https"}:
        raise FetchError(
            f"{url}: redirected to {_clip(target, 80)}, which byline will not follow (only http and https)",
            source=url,
        )
    seen.add(current)
    if target in seen:
        raise FetchError(f"{url}: redirect loop (back to {_clip(target)})", source=url)
    return target


async def _read_response(
    response: httpx.Response,
    url: str,
    options: FetchOptions,
    progress: ProgressCallback | None,
    extra: _Request = _Request(),
) -> RawDocument:
    status = response.status_code
    final_url = str(response.url)
    headers = {name.lower(): value for name, value in response.headers.items()}
    if status >= 400:
        raise HTTPStatusError(status_message(url, response), status=status, source=url)
    if status == 304 and extra.conditional:
        return RawDocument(b"", url, "text", url=final_url, status=304, headers=headers)
    if status // 100 != 2:
        raise HTTPStatusError(f"{url}: unexpected HTTP {status}", status=status, source=url)
    content_type, charset = parse_content_type(response.headers.get("content-type", ""))
    readable = content_type in HTML_TYPES | TEXT_TYPES | SNIFF_TYPES | extra.accept
    if not readable and not content_type.startswith("text/"):
        raise UnsupportedContent(
            f"{url}: the server sent {_clip(content_type, 80)}, not an article; "
            "byline reads HTML and plain text",
            source=url,
        )
    length = response.headers.get("content-length", "").strip()
    if length.isdigit() and int(length) > options.max_bytes:
        raise TooLarge(f"{url}: {over_limit(int(length), options.max_bytes)}", source=url)
    encodings = [
        e.strip().lower()
        for e in response.headers.get("content-encoding", "").split(",")
        if e.strip() and e.strip().lower() != "identity"
    ]
    decoder = StreamDecoder(encodings, options.max_bytes, url)
    received = 0
    try:
        async for chunk in response.aiter_raw():
            received += len(chunk)
            if received > options.max_bytes * 4 + 1024:
                raise TooLarge(f"{url}: is more than the {size_text(options.max_bytes)} limit", source=url)
            decoder.feed(chunk)
            if progress:
                progress(f"fetching {host_of(final_url)}… {size_text(received)}")
    except httpx.HTTPError as exc:
        raise FetchError(network_message(url, exc), source=url) from None
    data = decoder.finish()
    if not data.strip():
        raise NotAnArticle(f"{url}: the server sent an empty page (HTTP {status})", source=url)
    binary = sniff_binary(data)
    if binary:
        raise UnsupportedContent(f"{url}: the server sent {binary}, not an article", source=url)
    if content_type in HTML_TYPES:
        kind = "html"
    elif content_type in TEXT_TYPES:
        kind = "html" if looks_like_html(data) and content_type != "text/markdown" else "text"
    else:
        kind = "html" if looks_like_html(data) else "text"
    return RawDocument(
        data=data,
        source=url,
        kind=kind,
        url=final_url,
        content_type=content_type or None,
        charset=charset,
        warnings=tuple(decoder.warnings),
        status=status,
        headers=headers,
    )


def parse_content_type(header: str) -> tuple[str, str | None]:
    """Split ``text/html; charset=UTF-8`` into ("text/html", "utf-8")."""
    parts = header.split(";")
    content_type = parts[0].strip().lower()
    charset = None
    for param in parts[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'").lower() or None
    return content_type, charset


# ------------------------------------------------------------------- messages


def status_message(url: str, response: httpx.Response) -> str:
    status = response.status_code
    reason = response.reason_phrase or ""
    fallback = "the server refused the request" if status < 500 else "the server failed"
    hint = _STATUS_HINTS.get(status, fallback)
    retry = response.headers.get("retry-after", "").strip()
    if status in (429, 503) and retry.isdigit():
        hint += f" (retry after {retry} s)"
    return f"{url}: HTTP {status} {_clip(reason, 60)} — {hint}".replace("  ", " ")


def network_message(url: str, exc: httpx.HTTPError) -> str:
    """One line saying what went wrong on the network, in a reader's words."""
    host = host_of(url)
    text = str(exc) or type(exc).__name__
    lowered = text.lower()
    if isinstance(exc, httpx.ConnectTimeout):
        return f"{url}: timed out connecting to {host}"
    if isinstance(exc, httpx.TimeoutException):
        return f"{url}: timed out waiting for {host}"
    if isinstance(exc, httpx.ConnectError):
        if any(fragment in lowered for fragment in _RESOLVE_FAILURES) or _caused_by(exc, socket.gaierror):
            return f"{url}: could not resolve host {host} (check the address and your network)"
        if "refused" in lowered or _caused_by(exc, ConnectionRefusedError):
            return f"{url}: connection refused by {host} (nothing is listening there)"
        if "certificate" in lowered or "ssl" in lowered:
            return f"{url}: TLS error with {host} ({first_line(text)}); SSL_CERT_FILE sets the CA bundle"
        if _caused_by_errno(exc, {errno.ENETUNREACH, errno.EHOSTUNREACH}):
            return f"{url}: {host} is unreachable (check your network)"
        return f"{url}: could not connect to {host} ({first_line(text)})"
    if isinstance(exc, httpx.RemoteProtocolError):
        if "incomplete" in lowered or "peer closed" in lowered or "without sending" in lowered:
            return f"{url}: the server closed the connection before the page was complete"
        return f"{url}: the server sent a malformed response ({first_line(text)})"
    if isinstance(exc, httpx.ProxyError):
        return f"{url}: proxy error ({first_line(text)}); check HTTPS_PROXY/NO_PROXY"
    if isinstance(exc, httpx.DecodingError):
        return f"{url}: the server sent a malformed body ({first_line(text)})"
    return f"{url}: network error ({first_line(text)})"


def _causes(exc: BaseException):  # type: ignore[no-untyped-def]
    seen = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        for inner in getattr(current, "exceptions", ()):  # anyio's happy-eyeballs groups
            yield from _causes(inner)
        current = current.__cause__ or current.__context__


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    return any(isinstance(cause, kind) for cause in _causes(exc))


def _caused_by_errno(exc: BaseException, numbers: set[int]) -> bool:
    return any(isinstance(cause, OSError) and cause.errno in numbers for cause in _causes(exc))


def _describe(exc: BaseException) -> str:
    while isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        exc = exc.exceptions[0]
    return first_line(str(exc) or type(exc).__name__)


def _clean_progress(progress: ProgressCallback) -> ProgressCallback:
    # Host names come from redirects the server chose: no controls reach the UI.
    return lambda message: progress(clean_inline(message))


def first_line(text: str) -> str:
    return text.strip().splitlines()[0][:200] if text.strip() else "no detail"


def host_of(url: str) -> str:
    try:
        return urlsplit(url).netloc or url
    except ValueError:
        return url


def _clip(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

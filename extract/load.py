"""Stage 1: read a source — an http(s) URL, a local path or ``-`` for stdin — into bytes.

Network reads go through httpx with our own limits: redirects are followed by
hand (so a redirect to ``file:`` or a loop gets a clear message), the whole
fetch runs under one deadline (httpx has only per-operation timeouts, which a
slow-drip server defeats), and the body is read raw and decompressed here
with a cap (httpx's decoders do not cap their output, so a small gzip bomb
would otherwise become gigabytes).
"""

from __future__ import annotations

import stat
import sys
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO
from urllib.parse import urljoin, urlsplit

from extract import __version__
if TYPE_CHECKING:  # httpx is imported where a fetch needs it: reading a file does not
    from http.cookiejar import CookieJar

    import httpx

from extract.errors import (
    ExtractError,
    FetchError,
    FileError,
    HTTPStatusError,
    NotAnArticle,
    TooLarge,
    UnsupportedContent,
)

DEFAULT_USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    f"Chrome/131.0 Safari/537.36 byline/{__version__}"
)

HTML_EXTENSIONS = {".html", ".htm", ".xhtml", ".shtml"}
TEXT_EXTENSIONS = {".txt", ".text", ".md", ".markdown"}

# Content types we read; anything else is refused before its body is read.
_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_TEXT_TYPES = {"text/plain", "text/markdown", "text/x-markdown"}
_SNIFF_TYPES = {"", "text/xml", "application/xml"}

# Signatures of files that are certainly not articles: (magic prefix, what it is).
_BINARY_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"RIFF", "a RIFF (WebP/WAV/AVI) file"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x7fELF", "an executable"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\x00\x00\x00", "a binary file"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"\x1aE\xdf\xa3", "a Matroska/WebM video"),
)

ProgressCallback = Callable[[str], None]


@dataclass(slots=True, frozen=True)
class FetchOptions:
    """Limits and identity for reading a source. All times are in seconds."""

    #: Total deadline for a network fetch: DNS, connect, redirects and body.
    timeout: float = 30.0
    connect_timeout: float = 10.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 10
    user_agent: str = DEFAULT_USER_AGENT
    cookies: CookieJar | None = field(default=None, compare=False)


@dataclass(slots=True, frozen=True)
class RawDocument:
    """The bytes of a source and what is known about them before decoding.

    ``kind`` is ``"html"`` or ``"text"``; ``charset`` is the charset the HTTP
    headers declared, if any; ``url`` is the final URL after redirects.
    """

    data: bytes
    source: str
    kind: str
    url: str | None = None
    content_type: str | None = None
    charset: str | None = None


def is_url(source: str) -> bool:
    return urlsplit(source).scheme.lower() in {"http", "https"}


def read_source(
    source: str,
    options: FetchOptions | None = None,
    *,
    stdin: BinaryIO | None = None,
) -> RawDocument:
    """Read ``source`` (URL, path or ``-``) into a RawDocument, blocking."""
    options = options or FetchOptions()
    if source == "-":
        return read_stdin(options, stdin=stdin)
    if is_url(source):
        return run_sync(fetch_url(source, options))
    scheme = urlsplit(source).scheme.lower()
    if scheme and len(scheme) > 1 and "://" in source:
        raise FetchError(
            f"{source}: unsupported URL scheme {scheme!r}; byline reads http(s) URLs, files and -",
            source=source,
        )
    return read_file(source, options)


def run_sync(coroutine):  # type: ignore[no-untyped-def]
    """Run a coroutine to completion from synchronous code, even inside a running loop."""
    import asyncio  # only a fetch needs it: reading a file does not

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    result: list = []
    error: list[BaseException] = []

    def target() -> None:
        try:
            result.append(asyncio.run(coroutine))
        except BaseException as exc:  # handed back to the caller's thread below
            error.append(exc)

    thread = threading.Thread(target=target, name="byline-fetch", daemon=True)
    thread.start()
    thread.join()
    if error:
        raise error[0]
    return result[0]


# ----------------------------------------------------------------------------- files


def read_file(path: str, options: FetchOptions | None = None) -> RawDocument:
    """Read a local file, refusing directories, binaries and files past the cap."""
    options = options or FetchOptions()
    file = Path(path).expanduser()
    try:
        info = file.stat()
    except FileNotFoundError:
        raise FileError(f"{path}: no such file", source=path) from None
    except PermissionError:
        raise FileError(f"{path}: permission denied", source=path) from None
    except OSError as exc:
        raise FileError(f"{path}: cannot read ({exc.strerror or exc})", source=path) from None
    if stat.S_ISDIR(info.st_mode):
        raise FileError(f"{path}: is a directory; give an article file", source=path)
    if not stat.S_ISREG(info.st_mode) and not stat.S_ISFIFO(info.st_mode):
        raise FileError(f"{path}: not a regular file", source=path)
    if info.st_size > options.max_bytes:
        raise TooLarge(
            f"{path}: {_size(info.st_size)} is over the {_size(options.max_bytes)} limit",
            source=path,
        )
    try:
        with file.open("rb") as handle:
            data = _read_capped(handle, options.max_bytes, path)
    except PermissionError:
        raise FileError(f"{path}: permission denied", source=path) from None
    except IsADirectoryError:
        raise FileError(f"{path}: is a directory; give an article file", source=path) from None
    except OSError as exc:
        raise FileError(f"{path}: cannot read ({exc.strerror or exc})", source=path) from None
    suffixes = [s.lower() for s in file.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        data = gunzip_capped(data, options.max_bytes, path)
        suffixes = suffixes[:-1]
    suffix = suffixes[-1] if suffixes else ""
    return _classify(data, path, suffix)


def read_stdin(options: FetchOptions | None = None, *, stdin: BinaryIO | None = None) -> RawDocument:
    """Read all of stdin; refuse when it is a terminal (the user forgot the pipe)."""
    options = options or FetchOptions()
    stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise FileError("-: there is no standard input to read", source="-")
    try:
        if stream.isatty():
            raise FileError(
                "-: standard input is a terminal; pipe an article in (cat page.html | byline -)",
                source="-",
            )
    except (AttributeError, ValueError):
        pass
    try:
        data = _read_capped(stream, options.max_bytes, "-")
    except OSError as exc:
        raise FileError(f"-: cannot read standard input ({exc.strerror or exc})", source="-") from None
    if data[:2] == b"\x1f\x8b":
        data = gunzip_capped(data, options.max_bytes, "-")
    return _classify(data, "-", "")


def _read_capped(handle: BinaryIO, limit: int, name: str) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = handle.read(min(1 << 20, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise TooLarge(f"{name}: more than the {_size(limit)} limit", source=name)
    return b"".join(chunks)


def _classify(data: bytes, source: str, suffix: str) -> RawDocument:
    if not data.strip():
        raise NotAnArticle(f"{source}: the file is empty", source=source)
    binary = sniff_binary(data)
    if binary:
        raise UnsupportedContent(
            f"{source}: this is {binary}, not an article; byline reads HTML and plain text",
            source=source,
        )
    if suffix in HTML_EXTENSIONS:
        kind = "html"
    elif suffix in TEXT_EXTENSIONS:
        kind = "text"
    else:
        kind = "html" if looks_like_html(data) else "text"
    return RawDocument(data=data, source=source, kind=kind)


def sniff_binary(data: bytes) -> str | None:
    """Name the kind of binary ``data`` is, or None when it may be text."""
    head = data[:8192]
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return None  # a BOM: text, possibly UTF-16 (which is full of NULs)
    for magic, what in _BINARY_MAGIC:
        if head.startswith(magic):
            return what
    if head.count(b"\x00") > len(head) // 100 + 1:
        # UTF-16 without a BOM has NULs in every other byte; leave it to decode.
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if min(even, odd) * 8 < max(even, odd) and max(even, odd) > len(head) // 4:
            return None
        return "a binary file"
    return None


def looks_like_html(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<!--", b"<head", b"<body")):
        return True
    return any(tag in head for tag in (b"<html", b"<body", b"<p>", b"<p ", b"<div", b"<article", b"<br"))


# --------------------------------------------------------------------------- network


async def fetch_url(
    url: str,
    options: FetchOptions | None = None,
    *,
    progress: ProgressCallback | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> RawDocument:
    """Fetch ``url`` under one total deadline; cancel the task to stop it at once."""
    import asyncio

    options = options or FetchOptions()
    try:
        async with asyncio.timeout(options.timeout):
            return await _fetch(url, options, progress, transport)
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
) -> RawDocument:
    import httpx

    timeout = httpx.Timeout(options.timeout, connect=options.connect_timeout)
    headers = {
        "User-Agent": options.user_agent,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
        "Accept-Encoding": "gzip, deflate",
        "Accept-Language": "en;q=0.9, *;q=0.5",
    }
    client_args: dict = {"timeout": timeout, "headers": headers, "follow_redirects": False}
    if options.cookies is not None:
        client_args["cookies"] = options.cookies
    if transport is not None:
        client_args["transport"] = transport
    seen: set[str] = set()
    current = url
    async with httpx.AsyncClient(**client_args) as client:
        for _hop in range(options.max_redirects + 1):
            if progress:
                progress(f"fetching {_host(current)}…")
            try:
                request = client.build_request("GET", current)
            except (httpx.InvalidURL, httpx.UnsupportedProtocol, ValueError) as exc:
                raise FetchError(f"{current}: not a valid URL ({exc})", source=url) from None
            try:
                response = await client.send(request, stream=True)
            except httpx.HTTPError as exc:
                raise FetchError(_network_message(current, exc), source=url) from None
            async with _closing(response):
                if response.is_redirect:
                    current = _redirect_target(response, current, url, seen)
                    continue
                return await _read_response(response, url, options, progress)
        raise FetchError(
            f"{url}: more than {options.max_redirects} redirects; the site may be misconfigured",
            source=url,
        )


class _closing:
    def __init__(self, response: httpx.Response) -> None:
        self.response = response

    async def __aenter__(self) -> httpx.Response:
        return self.response

    async def __aexit__(self, *exc_info: object) -> None:
        await self.response.aclose()


def _redirect_target(response: httpx.Response, current: str, url: str, seen: set[str]) -> str:
    location = response.headers.get("location", "").strip()
    if not location:
        raise FetchError(
            f"{url}: HTTP {response.status_code} redirect without a Location header", source=url
        )
    target = urljoin(current, location)
    scheme = urlsplit(target).scheme.lower()
    if scheme not in {"http", "https"}:
        raise FetchError(
            f"{url}: redirected to a {scheme or 'relative'}: URL, which byline will not follow",
            source=url,
        )
    seen.add(current)
    if target in seen:
        raise FetchError(f"{url}: redirect loop (back to {target})", source=url)
    return target


async def _read_response(
    response: httpx.Response,
    url: str,
    options: FetchOptions,
    progress: ProgressCallback | None,
) -> RawDocument:
    import httpx

    status = response.status_code
    final_url = str(response.url)
    if status >= 400:
        raise HTTPStatusError(_status_message(url, response), status=status, source=url)
    if status != 200 and status // 100 != 2:
        raise HTTPStatusError(f"{url}: unexpected HTTP {status}", status=status, source=url)
    content_type, charset = parse_content_type(response.headers.get("content-type", ""))
    if content_type not in _HTML_TYPES | _TEXT_TYPES | _SNIFF_TYPES and not content_type.startswith("text/"):
        raise UnsupportedContent(
            f"{url}: the server sent {content_type}, not an article; byline reads HTML and plain text",
            source=url,
        )
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > options.max_bytes:
        raise TooLarge(
            f"{url}: {_size(int(length))} is over the {_size(options.max_bytes)} limit", source=url
        )
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
                raise TooLarge(f"{url}: more than the {_size(options.max_bytes)} limit", source=url)
            decoder.feed(chunk)
            if progress:
                progress(f"fetching {_host(final_url)}… {_size(received)}")
    except httpx.HTTPError as exc:
        raise FetchError(_network_message(url, exc), source=url) from None
    data = decoder.finish()
    if not data.strip():
        raise NotAnArticle(f"{url}: the server sent an empty page (HTTP {status})", source=url)
    binary = sniff_binary(data)
    if binary:
        raise UnsupportedContent(f"{url}: the server sent {binary}, not an article", source=url)
    if content_type in _HTML_TYPES:
        kind = "html"
    elif content_type in _TEXT_TYPES:
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


class StreamDecoder:
    """Undo Content-Encoding (stacked ones included) with a cap on the output."""

    def __init__(self, encodings: list[str], limit: int, name: str) -> None:
        self.limit = limit
        self.name = name
        self.out: list[bytes] = []
        self.size = 0
        self.stages: list = []
        # Encodings are listed in the order applied: undo them last to first.
        for encoding in reversed(encodings):
            if encoding in {"gzip", "x-gzip"}:
                self.stages.append(zlib.decompressobj(16 + zlib.MAX_WBITS))
            elif encoding == "deflate":
                self.stages.append(_DeflateStage())
            else:
                raise UnsupportedContent(
                    f"{name}: the server used an unsupported Content-Encoding ({encoding})",
                    source=name,
                )

    def feed(self, chunk: bytes) -> None:
        for stage in self.stages:
            chunk = self._run(stage, chunk)
        self._emit(chunk)

    def finish(self) -> bytes:
        chunk = b""
        for stage in self.stages:
            chunk = self._run(stage, chunk) + self._flush(stage)
        self._emit(chunk)
        return b"".join(self.out)

    def _run(self, stage, data: bytes) -> bytes:  # type: ignore[no-untyped-def]
        budget = self.limit - self.size + 1
        try:
            pieces = [stage.decompress(data, budget)]
            total = len(pieces[0])
            while stage.unconsumed_tail and total < budget:
                piece = stage.decompress(stage.unconsumed_tail, budget - total)
                if not piece:
                    break
                pieces.append(piece)
                total += len(piece)
        except zlib.error:
            raise FetchError(f"{self.name}: the compressed page is corrupt", source=self.name) from None
        if total + self.size > self.limit:
            raise TooLarge(
                f"{self.name}: decompresses to more than the {_size(self.limit)} limit",
                source=self.name,
            )
        return b"".join(pieces)

    def _flush(self, stage) -> bytes:  # type: ignore[no-untyped-def]
        try:
            return stage.flush()
        except zlib.error:
            raise FetchError(f"{self.name}: the compressed page is corrupt", source=self.name) from None

    def _emit(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self.limit:
            raise TooLarge(
                f"{self.name}: decompresses to more than the {_size(self.limit)} limit",
                source=self.name,
            )
        if chunk:
            self.out.append(chunk)


class _DeflateStage:
    """``deflate`` is zlib-wrapped by the spec and raw by some servers: try both."""

    def __init__(self) -> None:
        self.obj = None
        self.first = b""

    @property
    def unconsumed_tail(self) -> bytes:
        return self.obj.unconsumed_tail if self.obj is not None else b""

    def decompress(self, data: bytes, max_length: int) -> bytes:
        if self.obj is None:
            self.obj = zlib.decompressobj()
            try:
                return self.obj.decompress(data, max_length)
            except zlib.error:
                self.obj = zlib.decompressobj(-zlib.MAX_WBITS)
        return self.obj.decompress(data, max_length)

    def flush(self) -> bytes:
        return self.obj.flush() if self.obj is not None else b""


def gunzip_capped(data: bytes, limit: int, name: str) -> bytes:
    decoder = StreamDecoder(["gzip"], limit, name)
    decoder.feed(data)
    return decoder.finish()


def _status_message(url: str, response: httpx.Response) -> str:
    status = response.status_code
    reason = response.reason_phrase or ""
    hint = {
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
    }.get(status, "the server refused the request" if status < 500 else "the server failed")
    retry = response.headers.get("retry-after", "").strip()
    if status in (429, 503) and retry.isdigit():
        hint += f" (retry after {retry} s)"
    return f"{url}: HTTP {status} {reason} — {hint}".replace("  ", " ")


def _network_message(url: str, exc: httpx.HTTPError) -> str:
    import httpx

    host = _host(url)
    text = str(exc) or type(exc).__name__
    lowered = text.lower()
    if isinstance(exc, httpx.ConnectTimeout):
        return f"{url}: timed out connecting to {host}"
    if isinstance(exc, httpx.TimeoutException):
        return f"{url}: timed out waiting for {host}"
    if isinstance(exc, httpx.ConnectError):
        if "name or service not known" in lowered or "nodename nor servname" in lowered or "getaddrinfo" in lowered or "temporary failure in name resolution" in lowered or "no address associated" in lowered:
            return f"{url}: could not resolve host {host} (check the address and your network)"
        if "refused" in lowered:
            return f"{url}: connection refused by {host}"
        if "certificate" in lowered or "ssl" in lowered:
            return f"{url}: TLS error with {host} ({_first_line(text)}); SSL_CERT_FILE sets the CA bundle"
        return f"{url}: could not connect to {host} ({_first_line(text)})"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"{url}: the server closed the connection before the page was complete"
    if isinstance(exc, httpx.ProxyError):
        return f"{url}: proxy error ({_first_line(text)}); check HTTPS_PROXY/NO_PROXY"
    if isinstance(exc, httpx.DecodingError):
        return f"{url}: the server sent a malformed body ({_first_line(text)})"
    return f"{url}: network error ({_first_line(text)})"


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0][:200] if text.strip() else "no detail"


def _host(url: str) -> str:
    try:
        return urlsplit(url).netloc or url
    except ValueError:
        return url


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")
    if n >= 1024:
        return f"{n // 1024} KB"
    return f"{n} bytes"


__all__ = [
    "ExtractError",
    "FetchOptions",
    "RawDocument",
    "fetch_url",
    "read_file",
    "read_source",
    "read_stdin",
]


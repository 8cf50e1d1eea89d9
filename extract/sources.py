"""Stage 1: read a source — an http(s) URL, a local path or ``-`` for stdin — into bytes.

Files and stdin are read here, with the same size cap as the network and a
refusal for what is certainly not an article (a directory, a PDF, an image,
a terminal waiting for typing). URLs are fetched by :mod:`extract.fetch`.
(``load``, the function that reads a source and extracts it, is the pipeline's.)
"""

from __future__ import annotations

import stat
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO
from urllib.parse import urlsplit

from byline.extract import __version__
from byline.extract.errors import FetchError, FileError, NotAnArticle, TooLarge, UnsupportedContent
from byline.extract.inflate import gunzip_capped, over_limit, size_text

if TYPE_CHECKING:  # only named in an annotation; reading a file needs no cookie machinery
    from http.cookiejar import CookieJar

DEFAULT_USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    f"Chrome/131.0 Safari/537.36 byline/{__version__}"
)

HTML_EXTENSIONS = {".html", ".htm", ".xhtml", ".shtml"}
TEXT_EXTENSIONS = {".txt", ".text", ".md", ".markdown"}

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
    (b"\x1f\x8b", "a gzip archive"),
)


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

    def __post_init__(self) -> None:
        # A deadline of inf or nan would let a fetch hang for ever; a header
        # with a line break would be a second header. Caught here, by name,
        # rather than deep inside httpx (or never).
        for name in ("timeout", "connect_timeout"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < float("inf"):
                raise ValueError(f"FetchOptions.{name} must be a finite number of seconds above 0, not {value!r}")
        for name, low in (("max_bytes", 1), ("max_redirects", 0)):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < low:
                raise ValueError(f"FetchOptions.{name} must be a whole number of at least {low}, not {value!r}")
        if not isinstance(self.user_agent, str) or not self.user_agent or not all(" " <= c <= "~" for c in self.user_agent):
            raise ValueError("FetchOptions.user_agent must be printable ASCII on one line")


@dataclass(slots=True, frozen=True)
class RawDocument:
    """The bytes of a source and what is known about them before decoding.

    ``kind`` is ``"html"`` or ``"text"``; ``charset`` is the charset the HTTP
    headers declared, if any; ``url`` is the final URL after redirects;
    ``warnings`` says what reading could not do (a compressed body cut short).
    A fetched document also has the HTTP ``status`` and the response
    ``headers`` (names in lower case): 304, with no data, answers a
    conditional request (see ``fetch_url``'s ``headers``).
    """

    data: bytes
    source: str
    kind: str
    url: str | None = None
    content_type: str | None = None
    charset: str | None = None
    warnings: tuple[str, ...] = ()
    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict, compare=False)


def is_url(source: str) -> bool:
    """Whether ``source`` is an http(s) URL (which is fetched) rather than a path."""
    try:
        return urlsplit(source).scheme.lower() in {"http", "https"}
    except ValueError:
        return source.lower().startswith(("http://", "https://"))


def read_source(
    source: str,
    options: FetchOptions | None = None,
    *,
    stdin: BinaryIO | None = None,
) -> RawDocument:
    """Read ``source`` (URL, path or ``-``) into a RawDocument, blocking."""
    options = options or FetchOptions()
    if not source.strip():
        raise FileError("no source given: pass a URL, a path, or - for stdin", source=source)
    if source == "-":
        return read_stdin(options, stdin=stdin)
    if is_url(source):
        from byline.extract.deadline import run_sync  # here: a file or stdin needs no event loop
        from byline.extract.fetch import fetch_url  # here: nor httpx, a fifth of the import time

        return run_sync(fetch_url(source, options))
    scheme = source.partition("://")[0].lower() if "://" in source else ""
    if len(scheme) > 1 and scheme.isascii() and scheme.replace("+", "").replace("-", "").isalnum():
        raise FetchError(
            f"{source}: unsupported URL scheme {scheme!r}; byline reads http(s) URLs, files and -",
            source=source,
        )
    return read_file(source, options)


# ----------------------------------------------------------------------------- files


def read_file(path: str, options: FetchOptions | None = None) -> RawDocument:
    """Read a local file, refusing directories, binaries and files past the cap."""
    options = options or FetchOptions()
    try:
        file = Path(path).expanduser()
        info = file.stat()
    except FileNotFoundError:
        raise FileError(f"{path}: no such file", source=path) from None
    except PermissionError:
        raise FileError(f"{path}: permission denied", source=path) from None
    except OSError as exc:
        raise FileError(f"{path}: cannot read ({exc.strerror or exc})", source=path) from None
    except ValueError as exc:  # a NUL in the path
        raise FileError(f"{path}: not a usable path ({exc})", source=path) from None
    except RuntimeError:  # pathlib cannot expand ~nosuchuser
        user = path[1:].split("/", 1)[0]
        raise FileError(f"{path}: there is no user {user!r} for ~{user} to name", source=path) from None
    if stat.S_ISDIR(info.st_mode):
        raise FileError(f"{path}: is a directory; give an article file", source=path)
    if not stat.S_ISREG(info.st_mode) and not stat.S_ISFIFO(info.st_mode):
        raise FileError(f"{path}: not a regular file", source=path)
    if info.st_size > options.max_bytes:
        raise TooLarge(
            f"{path}: {over_limit(info.st_size, options.max_bytes)}",
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
    warnings: list[str] = []
    if data[:2] == b"\x1f\x8b":
        data, warnings = gunzip_capped(data, options.max_bytes, path)
        if suffixes and suffixes[-1] == ".gz":
            suffixes = suffixes[:-1]
    suffix = suffixes[-1] if suffixes else ""
    return _classify(data, path, suffix, "the file is empty", warnings)


def read_stdin(options: FetchOptions | None = None, *, stdin: BinaryIO | None = None) -> RawDocument:
    """Read all of stdin; refuse when it is a terminal (the user forgot the pipe)."""
    options = options or FetchOptions()
    stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise FileError("-: there is no standard input to read", source="-")
    try:
        interactive = stream.isatty()
    except (AttributeError, ValueError, OSError):
        interactive = False
    if interactive:
        raise FileError(
            "-: standard input is a terminal; pipe an article in (cat page.html | byline --dump -)",
            source="-",
        )
    try:
        data = _read_capped(stream, options.max_bytes, "-")
    except OSError as exc:
        raise FileError(f"-: cannot read standard input ({exc.strerror or exc})", source="-") from None
    except ValueError:  # stdin was closed
        raise FileError("-: there is no standard input to read", source="-") from None
    warnings: list[str] = []
    if data[:2] == b"\x1f\x8b":
        data, warnings = gunzip_capped(data, options.max_bytes, "-")
    return _classify(data, "-", "", "standard input is empty", warnings)


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
            raise TooLarge(f"{name}: is more than the {size_text(limit)} limit", source=name)
    return b"".join(chunks)


def _classify(data: bytes, source: str, suffix: str, empty: str, warnings: list[str]) -> RawDocument:
    if not data.strip():
        raise NotAnArticle(f"{source}: {empty}", source=source)
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
    return RawDocument(data=data, source=source, kind=kind, warnings=tuple(warnings))


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


__all__ = [
    "FetchOptions",
    "RawDocument",
    "is_url",
    "read_file",
    "read_source",
    "read_stdin",
]

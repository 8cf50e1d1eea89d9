"""The key a source is stored under: one entry per URL, file or piped text."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from byline.extract import is_url


def source_key(source: str) -> tuple[str, str]:
    """(key, origin) of a source: a normalised URL, ``file:`` + absolute path, or ``stdin``.

    Standard input's key becomes ``stdin:`` + a hash of its bytes once they are read."""
    if source == "-":
        return "stdin", "stdin"
    if is_url(source):
        return normalise_url(source), "url"
    try:
        return "file:" + str(Path(source).expanduser().resolve()), "file"
    except (OSError, ValueError, RuntimeError):  # a NUL in the path, a loop of links, ~nosuchuser: the reader explains
        return "file:" + source, "file"


def normalise_url(url: str) -> str:
    """Lower-case scheme and host, drop the fragment: ``HTTP://Ex.org/a#b`` → ``http://ex.org/a``."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # "http://[::1/": the fetch reports it as an invalid URL
        return url.strip()
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))

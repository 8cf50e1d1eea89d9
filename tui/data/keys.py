"""The key a source is stored under: one entry per URL, file or piped text.

A URL's key is the one address of its story, wherever the link came from
(``byline URL``, ``byline save``, a feed): links are decorated for analytics
(``?utm_source=rss``, ``fbclid``…) and written with default ports, fragments
and hosts in either case. None of that changes the page, so the key drops it.
Anything else in the query is kept, in order: a parameter we do not know may
well choose the article.
"""

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


#: Query parameters that only track a click, never choose the page. Prefixes
#: end with ``_``; each entry names the service that adds it.
TRACKING_PREFIXES = (
    "utm_",  # Google Analytics campaigns (utm_source, utm_medium, utm_campaign…)
    "_hs",  # HubSpot (_hsenc, _hsmi)
)
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",  # Facebook
        "gclid", "dclid", "gbraid", "wbraid", "gclsrc",  # Google Ads
        "msclkid",  # Microsoft Ads
        "yclid",  # Yandex
        "twclid",  # X / Twitter
        "ttclid",  # TikTok
        "li_fat_id",  # LinkedIn
        "igshid",  # Instagram
        "mc_cid", "mc_eid",  # Mailchimp
        "mkt_tok",  # Marketo
        "oly_anon_id", "oly_enc_id",  # Omeda
        "vero_id", "vero_conv",  # Vero
        "wickedid",  # Wicked Reports
        "__s",  # Drip
        "ncid",  # AOL/Yahoo syndication
        "sr_share",  # Simple Reach
    }
)
DEFAULT_PORTS = {"http": 80, "https": 443}


def is_tracking(name: str) -> bool:
    """Whether a query parameter's name is one that only tracks a click."""
    lowered = name.lower()
    return lowered in TRACKING_PARAMETERS or lowered.startswith(TRACKING_PREFIXES)


def normalise_url(url: str) -> str:
    """The key of a URL: scheme and host in lower case, no default port, no
    fragment, no tracking parameters, ``/`` for an empty path.

    ``HTTPS://News.Example:443/a?id=7&utm_source=rss#top`` → ``https://news.example/a?id=7``.
    A URL that cannot be split (``http://[::1/``) is returned stripped: the
    fetch reports it as an invalid URL.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    userinfo = parts.netloc.rpartition("@")[0].lower() if "@" in parts.netloc else ""
    netloc = (userinfo + "@" if userinfo else "") + host
    if port is not None and port != DEFAULT_PORTS.get(scheme):
        netloc += f":{port}"
    query = "&".join(pair for pair in parts.query.split("&") if pair and not is_tracking(pair.partition("=")[0]))
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def to_column(text: str | None) -> str | bytes | None:
    """A key, source or URL as SQLite can hold it.

    Paths are bytes on POSIX: a file name that is not UTF-8 reaches Python with
    surrogate escapes, which a TEXT value cannot hold, so it is stored as a BLOB
    of the name's own bytes (faithful, and read back by ``from_column``)."""
    if text is None:
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            return text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # a surrogate no file name decodes to: only Python code makes those
            return text.encode("utf-8", "replace")
    return text


def from_column(value: str | bytes | None) -> str | None:
    """What ``to_column`` stored, as the ``str`` it was given."""
    if type(value) is bytes:
        return value.decode("utf-8", "surrogateescape")
    return value  # type: ignore[return-value]

"""Fetching feeds through byline's own fetcher, and finding the feed a page names.

Every request goes through ``byline.extract.fetch_url``: the same deadline,
size cap (a gzip bomb stops at ``network.max_mb``), redirect rules, proxies
and cookies as an article. A feed is asked for with its validators
(``If-None-Match``, ``If-Modified-Since``), so an unchanged feed answers 304
with no body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import httpx

from byline.extract import FetchOptions, RawDocument, fetch_url
from byline.tui.feeds.errors import FeedError, NotAFeed
from byline.tui.feeds.parse import ParsedFeed, looks_like_feed, parse_feed
from byline.tui.feeds.urls import absolute_http_url

#: Content types a feed arrives as (besides the XML and text types byline already reads).
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/feed+json",
        "application/json",
        "application/x-rss+xml",
        "application/x-atom+xml",
    }
)
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, application/json;q=0.7, text/html;q=0.5, */*;q=0.1"
)
#: ``<link rel="alternate" type=…>`` types that name a feed. Not plain JSON:
#: WordPress names its REST API that way on every page.
_ALTERNATE_TYPES = FEED_TYPES - {"application/json"}


async def fetch_feed(
    url: str,
    options: FetchOptions,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> RawDocument:
    """Fetch a feed, conditionally when validators are known (``status`` 304: unchanged)."""
    headers = {"Accept": ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return await fetch_url(url, options, transport=transport, headers=headers, accept=FEED_TYPES)


def validators(raw: RawDocument) -> tuple[str | None, str | None]:
    """The ETag and Last-Modified a response carried (kept short: they are sent back)."""
    etag = raw.headers.get("etag", "").strip()[:300] or None
    modified = raw.headers.get("last-modified", "").strip()[:100] or None
    # Sent back as headers: nothing but printable ASCII may go.
    etag = etag if etag and etag.isascii() and etag.isprintable() else None
    modified = modified if modified and modified.isascii() and modified.isprintable() else None
    return etag, modified


@dataclass(slots=True, frozen=True)
class Discovered:
    """A feed found for an address: its own URL (after discovery and redirects) and contents."""

    url: str
    raw: RawDocument
    feed: ParsedFeed


async def discover(
    url: str, options: FetchOptions, *, transport: httpx.AsyncBaseTransport | None = None
) -> Discovered:
    """The feed at ``url``, or the one the page at ``url`` names in a
    ``<link rel="alternate" type="application/rss+xml">`` (or Atom, JSON Feed).

    Raises ``NotAFeed`` for a page that names none, ``FeedError`` for a feed
    that cannot be parsed, ``ExtractError`` for what the fetch ran into.
    """
    raw = await fetch_feed(url, options, transport=transport)
    final = raw.url or url
    if _is_feed(raw):
        return Discovered(final, raw, parse_feed(raw.data, final))
    candidates = feed_links(raw.data, final, raw.charset)
    if not candidates:
        raise NotAFeed(
            f"{url}: not a feed, and the page names none (no <link rel=\"alternate\"> "
            "of type RSS, Atom or JSON Feed); give the feed's own address"
        )
    problems = []
    for candidate in candidates[:3]:
        feed_raw = await fetch_feed(candidate, options, transport=transport)
        feed_url = feed_raw.url or candidate
        if not _is_feed(feed_raw):
            problems.append(f"{candidate} is not a feed")
            continue
        try:
            return Discovered(feed_url, feed_raw, parse_feed(feed_raw.data, feed_url))
        except FeedError as exc:
            problems.append(exc.message)
    raise FeedError(f"{url}: the page names a feed, but it cannot be read ({problems[0]})")


def _is_feed(raw: RawDocument) -> bool:
    content_type = (raw.content_type or "").lower()
    if content_type in FEED_TYPES - {"application/json"}:
        return True
    return looks_like_feed(raw.data)


_LINK_TAG = re.compile(rb"<link\b[^>]*>", re.I)
_BODY = re.compile(rb"<body\b", re.I)


def feed_links(data: bytes, page_url: str, charset: str | None = None) -> list[str]:
    """The feeds an HTML page names with ``<link rel="alternate" type=…>``, in page order
    (resolved against ``<base href>`` and the page's address; http(s) only)."""
    from lxml import etree  # here: lxml only when a page is searched for feeds
    from lxml import html as lxml_html  # here: as above

    # The <head> is all that can hold them: parse only up to <body>.
    body = _BODY.search(data)
    head = data[: body.start()] if body else data[:1_000_000]
    if not _LINK_TAG.search(head):
        return []
    try:
        text = head.decode(charset or "utf-8", errors="replace")
    except LookupError:  # a charset Python does not know: the links are ASCII anyway
        text = head.decode("utf-8", errors="replace")
    try:
        document = lxml_html.document_fromstring(text)
    except (ValueError, etree.LxmlError):
        return []  # an unreadable head names no feed
    base = page_url
    for element in document.iter("base"):
        base = absolute_http_url(element.get("href"), page_url) or page_url
        break
    found: list[str] = []
    for link in document.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").strip().lower()
        if "alternate" not in rel or kind not in _ALTERNATE_TYPES:
            continue
        href = absolute_http_url(link.get("href"), base)
        if href and href not in found:
            found.append(href)
    return found

"""Bytes of a feed in, clean values out: RSS 0.9x/1.0/2.0, Atom and JSON Feed.

The parsing is fastfeedparser's (lxml underneath, entities never resolved,
no network: it is only ever handed bytes byline fetched). It parses a
200-item feed 30-60 times faster than feedparser (bench/feeds.py
measures both), but leaves relative links as written, so ``xml:base`` and
the feed's own address are applied here. Every field a feed supplies is
hostile input: titles, names and links go through the same sanitising as
article text, and nothing keeps a type the feed's author chose (a JSON
number where a title belongs is no title).
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from byline.extract import clean_inline
from byline.tui.feeds.errors import FeedError
from byline.tui.feeds.urls import absolute_http_url

#: Longest title, name or guid kept; a feed can put megabytes in any of them.
MAX_FIELD = 500
#: Most items read from one feed (the newest first, as feeds list them).
MAX_ITEMS = 1000

_TAG = re.compile(r"<[^>]*>")
_SCRIPT = re.compile(r"(?is)<(script|style)\b.*?</\1\s*>")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_EMAIL_NAME = re.compile(r"^\s*\S+@\S+\s*\((.+)\)\s*$")  # RSS <author>: "ann@news.example (Ann Lee)"
_ATOM = "{http://www.w3.org/2005/Atom}"


@dataclass(slots=True, frozen=True)
class ParsedItem:
    """One item of a feed, sanitised.

    ``guid`` is the feed's id for it (its link, or a digest of its text, when
    the feed gives none); ``url`` is an absolute http(s) link or None;
    ``summary`` is the feed's own text for it (``content:encoded``,
    ``content``, else the summary), HTML when ``summary_is_html``, as the
    feed wrote it: it is cleaned on its way out, by ``summary_text`` or by the
    article pipeline (a 200-item feed carries megabytes of it, most never
    shown). ``base`` is the address its relative links are relative to.
    """

    guid: str
    url: str | None
    title: str | None
    authors: tuple[str, ...]
    published: str | None
    summary: str | None
    summary_is_html: bool
    base: str


@dataclass(slots=True, frozen=True)
class ParsedFeed:
    """A feed's title, the site it belongs to, and its items in the feed's order."""

    title: str | None
    site_url: str | None
    items: tuple[ParsedItem, ...]


def looks_like_feed(data: bytes) -> bool:
    """True when ``data`` opens like RSS, Atom, RDF or JSON rather than an HTML page."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"{"):
        return True
    head = re.sub(rb"<\?xml[^>]*\?>|<!--.*?-->|<!doctype[^>]*>|<\?xml-stylesheet[^>]*\?>|\s+", b"", head, flags=re.S)
    return head.startswith((b"<rss", b"<feed", b"<rdf:rdf", b"<rdf", b"<channel"))


ENTITIES_WHY = "they are how XML attacks begin"
_DOCTYPE_SUBSET = re.compile(r"<!DOCTYPE\b[^\[>]*\[", re.I)
_FIRST_ELEMENT = re.compile(r"<[A-Za-z]")
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff")


def declares_entities(data: bytes) -> bool:
    """True when the document's DOCTYPE declares entities (``<!ENTITY``).

    Feeds and subscription lists have no need of them, and they are how XML
    attacks begin (external entities that read files, entities that expand a
    billion-fold); like defusedxml, byline refuses such a document whole.
    """
    head = data[:1_000_000]
    text = head.decode("utf-16", "replace") if head.startswith(_WIDE_BOMS) else head.decode("latin-1")
    doctype = _DOCTYPE_SUBSET.search(text)
    if doctype is None:
        return False
    root = _FIRST_ELEMENT.search(text)
    if root is not None and root.start() < doctype.start():
        return False  # text inside the document ("<!DOCTYPE" quoted in an article)
    end = text.find("]", doctype.end())
    return "<!ENTITY" in text[doctype.end() : end if end >= 0 else len(text)]


def parse_feed(data: bytes, url: str) -> ParsedFeed:
    """Parse the feed ``data`` fetched from ``url`` (its final address, for relative links).

    Raises ``FeedError`` when the bytes are not a feed fastfeedparser can read.
    """
    import fastfeedparser  # imported on first use: ~40 ms, and only feeds need it

    if not data.strip():
        raise FeedError(f"{url}: the feed is empty")
    if declares_entities(data):
        raise FeedError(f"{url}: the feed declares XML entities, which byline does not read ({ENTITIES_WHY})")
    try:
        # Bytes, never a str: given a string that starts with http, the parser fetches it.
        parsed = fastfeedparser.parse(
            bytes(data), include_tags=False, include_media=False, include_enclosures=False
        )
    except Exception as exc:  # noqa: BLE001 - hostile bytes in a third-party parser: any failure means "not a feed"
        raise FeedError(f"{url}: not a feed byline can read ({_reason(exc)})") from None
    feed = parsed.get("feed") or {}
    entries = parsed.get("entries") or []
    if not isinstance(feed, dict) or not isinstance(entries, list):
        raise FeedError(f"{url}: not a feed byline can read (no channel or items)")
    bases = _xml_bases(data, url, len(entries)) if b"xml:base" in data[:4_000_000] else None
    feed_base = bases[0] if bases else url
    items = []
    for index, entry in enumerate(entries[:MAX_ITEMS]):
        if isinstance(entry, dict):
            base = bases[1][index] if bases else url
            items.append(_item(entry, base))
    return ParsedFeed(
        title=_title(feed.get("title")),
        site_url=absolute_http_url(_text(feed.get("link")), feed_base),
        items=tuple(items),
    )


def _item(entry: dict[str, Any], base: str) -> ParsedItem:
    url = absolute_http_url(_text(entry.get("link")), base)
    summary, is_html = _summary(entry)
    title = _title(entry.get("title"))
    raw_id = _text(entry.get("id"))
    guid = _one_line(raw_id)[:MAX_FIELD] if raw_id else None
    if not guid:
        guid = url or "sha1:" + hashlib.sha1(f"{title}\n{summary}".encode("utf-8", "replace")).hexdigest()
    return ParsedItem(
        guid=guid,
        url=url,
        title=title,
        authors=_authors(entry),
        published=_date(entry.get("published")) or _date(entry.get("updated")),
        summary=summary,
        summary_is_html=is_html,
        base=base,
    )


def _text(value: Any) -> str | None:
    # isspace() rather than strip(): a summary can be long, and strip() copies it.
    return value if isinstance(value, str) and value and not value.isspace() else None


def _title(value: Any) -> str | None:
    """A one-line title: controls out; markup (``type="html"`` titles) reduced to its text."""
    text = _text(value)
    if text is None:
        return None
    if "<" in text and _HTML_TAG.search(text):
        text = html.unescape(_TAG.sub("", text))
    return _one_line(text)[:MAX_FIELD] or None


def _authors(entry: dict[str, Any]) -> tuple[str, ...]:
    names: list[str] = []
    listed = entry.get("authors")
    if isinstance(listed, list):
        names.extend(author.get("name") for author in listed if isinstance(author, dict))
    if not names:
        names.append(entry.get("author"))
    found = []
    for name in names:
        text = _text(name)
        if text is None:
            continue
        match = _EMAIL_NAME.match(text)
        cleaned = _one_line(match.group(1) if match else text)[:MAX_FIELD]
        if cleaned and "@" not in cleaned.split()[0] and cleaned not in found:
            found.append(cleaned)
    return tuple(found)


def _one_line(text: str) -> str:
    """``clean_inline``, with a shortcut for printable ASCII (most titles), which holds no controls."""
    if text.isascii() and text.isprintable():
        return " ".join(text.split())
    return clean_inline(text)


def _summary(entry: dict[str, Any]) -> tuple[str | None, bool]:
    """The fullest text the feed gives for an entry, and whether it is HTML."""
    content = entry.get("content")
    if isinstance(content, list):
        for part in content:
            if isinstance(part, dict) and _text(part.get("value")):
                kind = str(part.get("type") or "html").lower()
                return part["value"], "html" in kind
    description = _text(entry.get("description")) or _text(entry.get("summary"))
    return description, description is not None


def _date(value: Any) -> str | None:
    """An ISO 8601 date-time the feed gave (fastfeedparser normalises them), or None."""
    text = _text(value)
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return moment.isoformat()


def _xml_bases(data: bytes, url: str, count: int) -> tuple[str, list[str]] | None:
    """The base address of the feed and of each entry, honouring ``xml:base``
    (an attribute fastfeedparser reads but does not apply); None when the
    entries cannot be matched to fastfeedparser's one for one."""
    from lxml import etree  # here: lxml only when feed XML is parsed (feeds list and the app never do)

    parser = etree.XMLParser(
        recover=True, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser, base_url=url)
    except (etree.Error, ValueError):
        return None
    if root is None:
        return None
    entries = [element for element in root.iter(f"{_ATOM}entry", "item", "{*}item")]
    if len(entries) != count:
        return None
    feed_base = absolute_http_url(root.base, url) or url
    return feed_base, [absolute_http_url(entry.base, url) or url for entry in entries]


def _reason(exc: Exception) -> str:
    return clean_inline(str(exc) or type(exc).__name__)[:160]


def summary_text(summary: str | None, is_html: bool, limit: int = 2000) -> str | None:
    """The summary as one clipped line of plain text (for lists and JSON)."""
    if not summary:
        return None
    text = html.unescape(_TAG.sub(" ", _SCRIPT.sub(" ", summary))) if is_html else summary
    text = clean_inline(text)
    return (text if len(text) <= limit else text[: limit - 1] + "…") or None

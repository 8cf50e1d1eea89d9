"""OPML, the subscription list every feed reader imports and exports.

An OPML file is hostile input like a feed: it is parsed by lxml with entity
resolution, DTD loading and the network off, and every title and address in
it is sanitised. Folders (nested outlines) become tags on import; on export a
feed sits in the folder of its first tag and lists every tag in ``category``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from byline.extract import clean_inline
from byline.tui.feeds.errors import FeedError
from byline.tui.feeds.parse import ENTITIES_WHY, declares_entities
from byline.tui.feeds.urls import absolute_http_url

#: Longest OPML file read (a subscription list is kilobytes; 10,000 feeds are ~2 MB).
MAX_BYTES = 16 * 1024 * 1024


@dataclass(slots=True, frozen=True)
class Subscription:
    """A feed as an OPML file lists it."""

    url: str
    title: str | None = None
    site_url: str | None = None
    tags: tuple[str, ...] = ()


def read_opml(data: bytes, name: str = "OPML file") -> list[Subscription]:
    """The feeds an OPML document lists (``xmlUrl`` outlines), in order, each once.

    Raises ``FeedError`` when ``data`` is not OPML.
    """
    from lxml import etree  # here: lxml only when OPML is read or written

    if len(data) > MAX_BYTES:
        raise FeedError(f"{name}: more than {MAX_BYTES // (1024 * 1024)} MB; not a subscription list")
    if declares_entities(data):
        raise FeedError(f"{name}: the file declares XML entities, which byline does not read ({ENTITIES_WHY})")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False, recover=True
    )
    try:
        root = etree.fromstring(data, parser)
    except (etree.Error, ValueError) as exc:
        raise FeedError(f"{name}: not an OPML file ({clean_inline(str(exc))[:120]})") from None
    if root is None or not isinstance(root.tag, str) or etree.QName(root).localname.lower() != "opml":
        raise FeedError(f"{name}: not an OPML file (its root element is not <opml>)")
    body = next((child for child in root if isinstance(child.tag, str) and child.tag.lower() == "body"), None)
    found: dict[str, Subscription] = {}
    if body is not None:
        _walk(body, (), found)
    return list(found.values())


def _walk(parent: object, folders: tuple[str, ...], found: dict[str, Subscription]) -> None:
    for outline in parent:  # type: ignore[attr-defined]
        if not isinstance(outline.tag, str) or outline.tag.lower() != "outline":
            continue
        label = _text(outline.get("title")) or _text(outline.get("text"))
        feed_url = absolute_http_url(outline.get("xmlUrl") or outline.get("xmlurl"), None)
        if feed_url is None:
            _walk(outline, folders + ((label,) if label else ()), found)
            continue
        categories = tuple(
            tag for part in (outline.get("category") or "").split(",") if (tag := _tag(part))
        )
        tags = tuple(dict.fromkeys(folders + categories))
        if feed_url not in found:
            found[feed_url] = Subscription(
                feed_url, label, absolute_http_url(outline.get("htmlUrl") or outline.get("htmlurl"), None), tags
            )


def _text(value: str | None) -> str | None:
    if not value:
        return None
    return clean_inline(value)[:500] or None


def _tag(category: str) -> str | None:
    # OPML 2.0 categories are slash-delimited paths ("/News/Local"): the last step names it.
    parts = [part for part in clean_inline(category).split("/") if part.strip()]
    return parts[-1].strip()[:100] if parts else None


def write_opml(feeds: Sequence[Subscription], *, title: str = "byline subscriptions") -> bytes:
    """An OPML 2.0 document listing ``feeds``: each in the folder of its first tag."""
    from lxml import etree  # here: lxml only when OPML is read or written

    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    etree.SubElement(head, "dateCreated").text = datetime.now(timezone.utc).strftime("%a, %d %b %Y %H:%M:%S GMT")
    body = etree.SubElement(root, "body")
    folders: dict[str, etree._Element] = {}
    for feed in feeds:
        parent = body
        if feed.tags:
            folder = feed.tags[0]
            if folder not in folders:
                folders[folder] = etree.SubElement(body, "outline", text=_xml_safe(folder), title=_xml_safe(folder))
            parent = folders[folder]
        label = _xml_safe(feed.title or feed.url)
        outline = etree.SubElement(parent, "outline", type="rss", text=label, title=label, xmlUrl=_xml_safe(feed.url))
        if feed.site_url:
            outline.set("htmlUrl", _xml_safe(feed.site_url))
        if feed.tags:
            outline.set("category", ",".join(_xml_safe(tag) for tag in feed.tags))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _xml_safe(text: str) -> str:
    # XML 1.0 cannot hold most C0 controls even escaped; sanitised text has none, but be sure.
    return "".join(
        char for char in text if (char in "\t\n\r" or ord(char) >= 0x20) and char not in "\ufffe\uffff"
    )

"""Subscribing and unsubscribing: what ``byline feeds add/remove/import/export``
do, and what the app's "subscribe" prompt will call. Every function blocks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from byline.extract import FileError, clean_inline, is_url
from byline.tui.config import Settings
from byline.tui.data.feeds import Feed, FeedStore
from byline.tui.feeds.errors import FeedError, UnknownFeed
from byline.tui.feeds.opml import MAX_BYTES, Subscription, read_opml, write_opml
from byline.tui.feeds.urls import absolute_http_url, normalise_url

if TYPE_CHECKING:
    from byline.tui.data.library import Library


@dataclass(slots=True, frozen=True)
class Subscribed:
    """The outcome of ``subscribe``: the feed, whether it is new, and how many items it lists now."""

    feed: Feed
    created: bool
    items: int


def subscribe(
    library: Library,
    settings: Settings,
    url: str,
    *,
    name: str | None = None,
    tags: Sequence[str] = (),
    transport: httpx.AsyncBaseTransport | None = None,
) -> Subscribed:
    """Subscribe to the feed at ``url`` (or the one the page at ``url`` names).

    The feed is fetched and parsed to be sure it is one; its items are stored
    by the next update. Raises ``FeedError``/``NotAFeed`` and the fetch's
    ``BylineError`` subclasses.
    """
    import asyncio  # here: the library's other commands never need it

    from byline.tui.feeds.fetching import discover  # here: the fetcher loads asyncio: only subscribing needs it

    address = url.strip()
    if not is_url(address) or absolute_http_url(address, None) is None:
        raise FeedError(f"{clean_inline(url)}: not an http(s) address; give the feed's (or its site's) URL")
    store = FeedStore(library)
    existing = store.find(normalise_url(address))
    if existing is not None:
        return Subscribed(existing, False, existing.items)
    found = asyncio.run(discover(address, settings.fetch_options(), transport=transport))
    feed, created = store.add(
        found.url,
        normalise_url(found.url),
        name=clean_name(name),
        title=found.feed.title,
        site_url=found.feed.site_url,
        tags=clean_tags(tags),
    )
    return Subscribed(feed, created, len(found.feed.items))


def unsubscribe(library: Library, feed_ids: Iterable[int]) -> list[int]:
    """Remove subscriptions and their items (their articles stay in the library);
    return the ids that existed."""
    return FeedStore(library).remove(feed_ids)


def feeds_by_id(library: Library, feed_ids: Sequence[int]) -> list[Feed]:
    """The feeds named, in the order named; every feed when none is. Raises ``UnknownFeed``."""
    store = FeedStore(library)
    if not feed_ids:
        return store.feeds()
    found = {feed.id: feed for feed in store.feeds()}
    missing = [str(i) for i in dict.fromkeys(feed_ids) if i not in found]
    if missing:
        raise UnknownFeed(f"no feed {', '.join(missing)} (byline feeds list shows the ids)")
    return [found[i] for i in dict.fromkeys(feed_ids)]


@dataclass(slots=True, frozen=True)
class Imported:
    added: list[Feed]
    existing: list[Feed]


def import_opml(library: Library, path: str) -> Imported:
    """Subscribe to every feed an OPML file lists (no network: the next update fetches them)."""
    data = _read_file(path)
    subscriptions = read_opml(data, clean_inline(path))
    if not subscriptions:
        raise FeedError(f"{clean_inline(path)}: the OPML file lists no feeds (no outline with an xmlUrl)")
    store = FeedStore(library)
    added, existing = [], []
    for subscription in subscriptions:
        feed, created = store.add(
            subscription.url,
            normalise_url(subscription.url),
            title=subscription.title,
            site_url=subscription.site_url,
            tags=clean_tags(subscription.tags),
        )
        (added if created else existing).append(feed)
    return Imported(added, existing)


def export_opml(library: Library) -> bytes:
    """Every subscription as an OPML 2.0 document."""
    feeds = FeedStore(library).feeds()
    return write_opml([Subscription(feed.url, feed.label, feed.site_url, feed.tags) for feed in feeds])


def clean_name(name: str | None) -> str | None:
    if not name:
        return None
    return clean_inline(name)[:200] or None


def clean_tags(tags: Iterable[str]) -> list[str]:
    """Tags as one-line words: no controls, no commas (OPML lists tags with them)."""
    cleaned = (clean_inline(tag.replace(",", " ").replace("/", " "))[:100] for tag in tags)
    return list(dict.fromkeys(tag for tag in cleaned if tag))


def _read_file(path: str) -> bytes:
    file = Path(path).expanduser()
    try:
        if file.is_dir():
            raise FileError(f"{path}: is a directory; give an OPML file", source=path)
        with file.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise FileError(f"{path}: no such file", source=path) from None
    except PermissionError:
        raise FileError(f"{path}: permission denied", source=path) from None
    except (OSError, ValueError) as exc:
        raise FileError(f"{path}: cannot read ({getattr(exc, 'strerror', None) or exc})", source=path) from None
    return data

"""Feeds and their items as the library hands them out (see ``tui.data.feeds``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from byline.tui.data.records import iso_time

SEPARATOR = "\x1f"  # between tags and between authors: never inside cleaned text



@dataclass(slots=True, frozen=True)
class Feed:
    """A subscription as the start screen lists it."""

    id: int
    url: str
    name: str | None
    title: str | None
    site_url: str | None
    tags: tuple[str, ...]
    added_at: float
    checked_at: float | None
    updated_at: float | None
    error: str | None
    etag: str | None
    last_modified: str | None
    digest: str | None
    unread: int
    items: int

    @property
    def label(self) -> str:
        """What to call the feed: the user's name, the feed's title, else its address."""
        return self.name or self.title or self.url

    def to_dict(self) -> dict[str, Any]:
        """The shape ``byline feeds list --json`` prints."""
        return {
            "id": self.id,
            "url": self.url,
            "name": self.name,
            "title": self.title,
            "site_url": self.site_url,
            "tags": list(self.tags),
            "unread": self.unread,
            "items": self.items,
            "added_at": iso_time(self.added_at),
            "checked_at": iso_time(self.checked_at) if self.checked_at else None,
            "updated_at": iso_time(self.updated_at) if self.updated_at else None,
            "error": self.error,
        }


@dataclass(slots=True, frozen=True)
class Item:
    """One item of a feed as its list shows it; ``article_id`` is its library entry."""

    id: int
    feed_id: int
    guid: str
    url: str | None
    url_key: str | None
    title: str | None
    authors: tuple[str, ...]
    published: str | None
    sort_time: float
    site: str | None
    summary: str | None
    content: str
    error: str | None
    article_id: int | None
    read: bool
    added_at: float

    @property
    def label(self) -> str:
        return self.title or self.summary or self.url or "(untitled)"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "feed": self.feed_id,
            "title": self.title,
            "url": self.url,
            "authors": list(self.authors),
            "published": self.published,
            "site": self.site,
            "content": self.content,
            "error": self.error,
            "article": self.article_id,
            "read": self.read,
        }


@dataclass(slots=True, frozen=True)
class NewItem:
    """An item about to be stored: what the feed said, and what is already known of it."""

    guid: str
    url: str | None
    url_key: str | None
    title: str | None
    authors: tuple[str, ...]
    published: str | None
    sort_time: float
    summary: str | None
    site: str | None = None
    content: str = "pending"
    error: str | None = None
    article_id: int | None = None
    read: bool = False


def feed_from_row(row: Sequence[Any]) -> Feed:
    tags = tuple(row[5].split(SEPARATOR)) if row[5] else ()
    return Feed(*row[:5], tags, *row[6:])  # type: ignore[arg-type]


def item_from_row(row: Sequence[Any]) -> Item:
    authors = tuple(row[6].split(SEPARATOR)) if row[6] else ()
    return Item(*row[:6], authors, *row[7:14], bool(row[14]), row[15])  # type: ignore[arg-type]

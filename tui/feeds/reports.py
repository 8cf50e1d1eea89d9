"""What an update reports: per feed, per item, and as it goes (for a progress line)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True, frozen=True)
class ItemOutcome:
    """What an update did with one item."""

    item_id: int
    title: str | None
    url: str | None
    #: "article" (page stored), "summary" (page unreadable: the feed's summary
    #: stored), "none" (neither), as in ``tui.data.feeds.CONTENT_STATES``.
    content: str
    article_id: int | None = None
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.item_id,
            "title": self.title,
            "url": self.url,
            "content": self.content,
            "article": self.article_id,
            "error": self.error,
        }


@dataclass(slots=True)
class FeedReport:
    """What an update did with one feed."""

    feed_id: int
    url: str
    label: str
    #: "updated", "not modified" (304), "unchanged" (same bytes), "failed", or
    #: "cancelled" (stopped before its pages were all read: the next update goes on).
    status: str = "cancelled"
    #: Items the feed had that were new to byline.
    new: int = 0
    #: The items whose pages this update fetched (or tried to).
    items: list[ItemOutcome] = field(default_factory=list)
    error: str | None = None

    def count(self, content: str) -> int:
        return sum(outcome.content == content for outcome in self.items)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.feed_id,
            "url": self.url,
            "name": self.label,
            "status": self.status,
            "new": self.new,
            "articles": self.count("article"),
            "summaries": self.count("summary"),
            "unreadable": self.count("none"),
            "error": self.error,
            "items": [outcome.to_dict() for outcome in self.items],
        }


@dataclass(slots=True, frozen=True)
class Progress:
    """Where an update is, for a progress line; ``feed`` is set when that feed has just finished."""

    feeds_done: int
    feeds_total: int
    pages_done: int
    pages_total: int
    message: str = ""
    feed: FeedReport | None = None

    def line(self) -> str:
        pages = f" · pages {self.pages_done}/{self.pages_total}" if self.pages_total else ""
        tail = f" · {self.message}" if self.message else ""
        return f"feeds {self.feeds_done}/{self.feeds_total}{pages}{tail}"


ProgressCallback = Callable[[Progress], None]

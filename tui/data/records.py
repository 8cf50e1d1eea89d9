"""The values the library hands out: stored entries, search hits, fresh reads."""

from __future__ import annotations

from datetime import datetime
from dataclasses import dataclass
from typing import Any

from byline.extract import RawDocument

#: Around a search hit's matching words in ``SearchHit.snippet``. Article text
#: never holds C0 controls (extract strips them), so these cannot clash.
MARK_START = "\x02"
MARK_END = "\x03"

#: Entries the start screen reads at a time (a screenful is ~20).
PAGE = 200


@dataclass(slots=True, frozen=True)
class Entry:
    """One stored article as the start screen lists it (no text, no bytes)."""

    id: int
    key: str
    source: str
    origin: str  # "url", "file" or "stdin"
    final_url: str | None
    title: str | None
    site: str | None
    published: str | None
    authors: tuple[str, ...]
    language: str | None
    words: int
    fetched_at: float
    opened_at: float
    read: bool
    position: int
    extractor: str
    ner: str
    file_mtime_ns: int | None
    file_size: int | None
    has_raw: bool
    stored_bytes: int

    @property
    def url(self) -> str | None:
        return self.final_url or (self.source if self.origin == "url" else None)

    @property
    def reopen_source(self) -> str:
        """What to open to read this entry again: the URL as given, the file's
        absolute path (the source may have been relative), or ``-``."""
        if self.origin == "file" and self.key.startswith("file:"):
            return self.key[len("file:") :]
        return "-" if self.origin == "stdin" else self.source

    def to_dict(self) -> dict[str, Any]:
        """The shape ``byline library list --json`` prints."""
        return {
            "id": self.id,
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "site": self.site,
            "published": self.published,
            "authors": list(self.authors),
            "language": self.language,
            "words": self.words,
            "fetched_at": iso_time(self.fetched_at),
            "opened_at": iso_time(self.opened_at),
            "read": self.read,
            "position": self.position,
            "offline_copy": self.has_raw,
            "extractor": self.extractor,
        }


@dataclass(slots=True, frozen=True)
class SearchHit:
    """An entry that matches a search, with a snippet of where.

    ``snippet`` marks each match with ``MARK_START``/``MARK_END``; use
    ``plain_snippet`` and ``highlights`` (offsets into it) to show it.
    """

    entry: Entry
    snippet: str
    rank: float

    @property
    def plain_snippet(self) -> str:
        return self.snippet.replace(MARK_START, "").replace(MARK_END, "")

    @property
    def highlights(self) -> tuple[tuple[int, int], ...]:
        spans, plain_length, start = [], 0, None
        for char in self.snippet:
            if char == MARK_START:
                start = plain_length
            elif char == MARK_END:
                if start is not None:
                    spans.append((start, plain_length))
                start = None
            else:
                plain_length += 1
        return tuple(spans)

    def to_dict(self) -> dict[str, Any]:
        data = self.entry.to_dict()
        data["snippet"] = self.plain_snippet
        data["highlights"] = [list(span) for span in self.highlights]
        return data


@dataclass(slots=True, frozen=True)
class Fetched:
    """A source's bytes as just read, with what the library needs to store them.

    ``file_mtime_ns``/``file_size`` come from a ``stat`` taken *before* the read,
    so a file changed during the read is read again next time.
    """

    raw: RawDocument
    key: str
    origin: str
    fetched_at: float
    file_mtime_ns: int | None = None
    file_size: int | None = None


def iso_time(timestamp: float) -> str:
    """Local ISO 8601 date-time with offset, to the second."""
    return datetime.fromtimestamp(timestamp).astimezone().isoformat(timespec="seconds")

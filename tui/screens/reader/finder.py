"""Finding things in the article from the reading position, less-style: search
matches with n/N, an entity's mentions with ]/[, a quote — forwards and
backwards, wrapping at either end. The ``Finder`` keeps what is being
followed, draws it on the article view and says where it is on the status line.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from byline.extract import Article, Entity, Quote
from byline.tui.widgets.article.view import ArticleView
from byline.tui.widgets.status import StatusLine


@dataclass(slots=True)
class Cursor:
    """Sorted spans and the index of the current one (-1: none yet)."""

    spans: list[tuple[int, int]] = field(default_factory=list)
    index: int = -1
    wrapped: bool = False

    @property
    def current(self) -> tuple[int, int] | None:
        return self.spans[self.index] if 0 <= self.index < len(self.spans) else None

    def step(self, forward: bool, origin: int) -> tuple[int, int] | None:
        """Move to the next (or previous) span after (before) the current one,
        or from ``origin`` when nothing is current yet."""
        if not self.spans:
            return None
        starts = [start for start, _ in self.spans]
        anchor = self.spans[self.index][0] if self.current else None
        if forward:
            index = bisect_right(starts, anchor) if anchor is not None else bisect_left(starts, origin)
        else:
            index = (bisect_left(starts, anchor) if anchor is not None else bisect_left(starts, origin)) - 1
        self.wrapped = not 0 <= index < len(self.spans)
        self.index = index % len(self.spans)
        return self.spans[self.index]

    def describe(self) -> str:
        total = len(self.spans)
        if not total:
            return "no matches"
        position = self.index + 1 if self.current else 0
        return f"{position}/{total}"


def nearest(article: Article, start: int, end: int) -> Entity | Quote | None:
    """The entity or quote whose mention (or start) is first inside ``[start, end)``,
    else the closest one."""
    items: list[tuple[int, Entity | Quote]] = [(q.start, q) for q in article.quotes]
    for entity in article.entities:
        items.extend((offset, entity) for offset, _ in entity.mentions)
    items.sort(key=lambda pair: pair[0])
    if not items:
        return None
    inside = [item for offset, item in items if start <= offset < end]
    if inside:
        return inside[0]
    return min(items, key=lambda pair: abs(pair[0] - start))[1]


def find_matches(text: str, query: str) -> list[tuple[int, int]]:
    """Every occurrence of ``query`` in ``text``, as offsets.

    Case-insensitive unless the query has a capital letter (less's -i, vim's
    smartcase). The query is literal text, never a pattern.
    """
    if not query:
        return []
    flags = 0 if any(char.isupper() for char in query) else re.IGNORECASE
    return [match.span() for match in re.finditer(re.escape(query), text, flags)]


class Finder:
    """The search, the entity and the quote being followed in the article shown."""

    def __init__(self, view: ArticleView, status: StatusLine) -> None:
        self.view = view
        self.status = status
        self._forget()

    def _forget(self) -> None:
        self.query_text = ""
        self.matches = Cursor()
        self.entity: Entity | None = None
        self.mentions = Cursor()
        self.quote: Quote | None = None

    def clear(self) -> None:
        """Forget the search, the entity and the quote being followed."""
        self._forget()
        view = self.view
        view.set_matches(())
        view.set_mentions(())
        view.set_quote(None)
        view.set_current(None)
        self.status.detail = ""

    # ---------------------------------------------------------------- search

    def search(self, text: str, query: str) -> None:
        """Find ``query`` in ``text`` (the article shown) and go to the first match."""
        self.query_text = query
        self.matches = Cursor(find_matches(text, query))
        self.view.set_matches(self.matches.spans)
        if not self.matches.spans:
            self.view.set_current(None)
            self.status.detail = ""
            self.status.say(f"not found: {query}" if query else "")
            return
        self.step_matches(forward=True)

    def step_matches(self, *, forward: bool) -> None:
        if not self.matches.spans:
            self.status.say("no search: press / to search" if not self.query_text else f"not found: {self.query_text}")
            return
        span = self.matches.step(forward, self.view.reading_offset)
        self._go_to(span)
        wrapped = " (wrapped)" if self.matches.wrapped else ""
        self.status.detail = f"match {self.matches.describe()}"
        self.status.say(f"/{self.query_text}{wrapped}")

    # -------------------------------------------------------------- entities

    def follow_entity(self, entity: Entity, *, jump: bool) -> None:
        """Highlight every mention of ``entity``; with ``jump``, go to the next one."""
        self.entity = entity
        self.mentions = Cursor(sorted(entity.mentions))
        self.view.set_mentions(self.mentions.spans)
        count = len(self.mentions.spans)
        self.status.detail = f"{entity.name}: {count} mention{'' if count == 1 else 's'}  ]/[ to move"
        if jump:
            self.step_mentions(forward=True)

    def step_mentions(self, *, forward: bool) -> None:
        if self.entity is None:
            self.status.say("choose an entity first (Tab to the entities pane, or i)")
            return
        span = self.mentions.step(forward, self.view.reading_offset)
        self._go_to(span)
        wrapped = " (wrapped)" if self.mentions.wrapped else ""
        self.status.detail = f"{self.entity.name}: mention {self.mentions.describe()}{wrapped}"

    # ---------------------------------------------------------------- quotes

    def select_quote(self, quote: Quote, *, jump: bool) -> None:
        self.quote = quote
        self.view.set_quote((quote.start, quote.end))
        speaker = quote.speaker or "unattributed"
        self.status.detail = f"quote: {speaker}"
        if jump:
            self.view.reveal(quote.start, quote.end)

    def _go_to(self, span: tuple[int, int] | None) -> None:
        self.view.set_current(span)
        if span is not None:
            self.view.reveal(*span)

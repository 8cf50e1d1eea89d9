"""Finding things in the article from the reading position, less-style: search
matches with n/N, an entity's mentions with ]/[, a quote — forwards and
backwards, wrapping at either end. The ``Finder`` keeps what is being
followed, draws it on the article view and says where it is on the status line.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from typing import TYPE_CHECKING

from byline.extract import Article, Entity, Quote
from byline.tui.widgets.article.view import ArticleView
from byline.tui.widgets.status import StatusLine

if TYPE_CHECKING:
    from byline.tui.screens.reader.searching import Matches


@dataclass(slots=True)
class Cursor:
    """Spans in text order (``starts``/``ends``) and the index of the current one (-1: none yet)."""

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    index: int = -1
    wrapped: bool = False

    @classmethod
    def of_spans(cls, spans: list[tuple[int, int]]) -> Cursor:
        ordered = sorted(spans)
        return cls([start for start, _ in ordered], [end for _, end in ordered])

    def __len__(self) -> int:
        return len(self.starts)

    @property
    def current(self) -> tuple[int, int] | None:
        return (self.starts[self.index], self.ends[self.index]) if 0 <= self.index < len(self.starts) else None

    def step(self, forward: bool, origin: int) -> tuple[int, int] | None:
        """Move to the next (or previous) span after (before) the current one,
        or from ``origin`` when nothing is current yet."""
        if not self.starts:
            return None
        starts = self.starts
        anchor = starts[self.index] if self.current else None
        if forward:
            index = bisect_right(starts, anchor) if anchor is not None else bisect_left(starts, origin)
        else:
            index = (bisect_left(starts, anchor) if anchor is not None else bisect_left(starts, origin)) - 1
        self.wrapped = not 0 <= index < len(starts)
        self.index = index % len(starts)
        return self.current

    def describe(self) -> str:
        total = len(self.starts)
        if not total:
            return "no matches"
        position = self.index + 1 if self.current else 0
        return f"{position}/{total:,}"


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


class Finder:
    """The search, the entity and the quote being followed in the article shown."""

    def __init__(self, view: ArticleView, status: StatusLine, searched: Callable[[], None] | None = None) -> None:
        self.view = view
        self.status = status
        #: Told when the search's matches change (shown, put back or cleared): the key bar's n depends on them.
        self.searched = searched or (lambda: None)
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
        view.set_matches([], [])
        view.set_mentions(())
        view.set_quote(None)
        view.set_current(None)
        self.status.detail = ""
        self.searched()

    # ---------------------------------------------------------------- search

    def show_matches(self, found: Matches, origin: int, *, say: bool) -> None:
        """Highlight ``found`` and go to the first match at or after ``origin``
        (an offset); ``say``: the search was entered (else it is being typed)."""
        self.query_text = found.query
        self.matches = Cursor(found.starts, found.ends)
        self.view.set_matches(found.starts, found.ends)
        self.searched()
        if not found.starts:
            self.view.set_current(None)
            self.status.detail = ""
            if found.query:
                self.status.say(f"not found: {found.query}", transient=True)
            else:
                self.status.say("")
            return
        span = self.matches.step(True, origin)
        self._go_to(span)
        self.status.detail = f"match {self.matches.describe()}"
        self.status.say(f"/{found.query}" if say else "")

    def say_search(self) -> None:
        """The search was entered: say it, or that it found nothing."""
        if not self.matches.starts:
            self.status.say(f"not found: {self.query_text}", transient=True)
            return
        self.status.detail = f"match {self.matches.describe()}"
        self.status.say(f"/{self.query_text}")

    def restore(self, query: str, matches: Cursor) -> None:
        """Put back a search (Escape in the search bar puts back the one before)."""
        self.query_text = query
        self.matches = matches
        self.view.set_matches(matches.starts, matches.ends)
        self.searched()
        self.view.set_current(matches.current)
        self.status.detail = f"match {matches.describe()}" if matches.current else ""
        self.status.say("")

    def step_matches(self, *, forward: bool) -> None:
        if not self.matches.starts:
            self.status.say(
                "no search: press / to search" if not self.query_text else f"not found: {self.query_text}",
                transient=True,
            )
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
        self.mentions = Cursor.of_spans(list(entity.mentions))
        self.view.set_mentions(zip(self.mentions.starts, self.mentions.ends))
        count = len(self.mentions)
        self.status.detail = f"{entity.name}: {count} mention{'' if count == 1 else 's'}  ]/[ to move"
        if jump:
            self.step_mentions(forward=True)

    def step_mentions(self, *, forward: bool) -> None:
        if self.entity is None:
            self.status.say("choose an entity first (Tab to the entities pane, or i)", transient=True)
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

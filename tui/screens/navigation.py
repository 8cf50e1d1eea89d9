"""Finding things in the article from the reader screen: search with n/N, an
entity's mentions with ]/[, a quote, and the entity or quote nearest the
reading position. A mixin of ``ReaderScreen``; the state lives there."""

from __future__ import annotations

from typing import TYPE_CHECKING

from byline.extract import Entity, Quote
from byline.tui.widgets.navigation import Cursor, find_matches, nearest

if TYPE_CHECKING:
    from byline.tui.screens.reader import ReaderScreen

    _Base = ReaderScreen
else:
    _Base = object


class ReaderNavigation(_Base):
    """Search, mentions and quotes for ``ReaderScreen``."""

    def init_navigation(self) -> None:
        self.query_text = ""
        self.matches = Cursor()
        self.entity: Entity | None = None
        self.mentions = Cursor()
        self.quote: Quote | None = None

    def clear_highlights(self) -> None:
        """Forget the search, the entity and the quote being followed."""
        self.init_navigation()
        view = self.view
        view.set_matches(())
        view.set_mentions(())
        view.set_quote(None)
        view.set_current(None)
        self.status.detail = ""

    # ---------------------------------------------------------------- search

    async def action_search(self) -> None:
        from byline.tui.widgets.plain_input import type_in_order
        from byline.tui.widgets.search import SearchBar

        bars = self.query(SearchBar)
        if bars and bars.first().has_focus:
            type_in_order(bars.first(), "slash", "/")
            return
        if self.page is None:
            return
        if bars:
            bar = bars.first()
        else:
            # Mounted on first use: the input is not on the way to the first paint.
            bar = SearchBar(id="search")
            await self.mount(bar, before=self.status)
        bar.value = self.query_text
        bar.display = True
        self.status.display = False
        self.set_focus(bar)

    # Named handlers, not @on: Textual collects @on handlers only from
    # classes built by its metaclass, and this mixin is a plain class.
    def on_input_submitted(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.input.id != "search":
            return
        event.stop()
        self._close_search()
        if self.page is None:
            return
        self.query_text = event.value
        self.matches = Cursor(find_matches(self.page.article.text, event.value))
        self.view.set_matches(self.matches.spans)
        if not self.matches.spans:
            self.view.set_current(None)
            self.status.detail = ""
            self.status.say(f"not found: {event.value}" if event.value else "")
            return
        self._step_matches(forward=True)

    def on_search_bar_closed(self) -> None:
        self._close_search()

    def _close_search(self) -> None:
        self.query_one("#search").display = False
        self.status.display = True
        self.set_focus(self.view)

    def action_next_match(self) -> None:
        self._step_matches(forward=True)

    def action_previous_match(self) -> None:
        self._step_matches(forward=False)

    def _step_matches(self, *, forward: bool) -> None:
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
            self._step_mentions(forward=True)

    def action_next_mention(self) -> None:
        self._step_mentions(forward=True)

    def action_previous_mention(self) -> None:
        self._step_mentions(forward=False)

    def _step_mentions(self, *, forward: bool) -> None:
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

    # ------------------------------------------------------------- nearest

    def action_reveal_nearest(self) -> None:
        """Show the entity or quote nearest the reading position in its pane."""
        if self.page is None:
            return
        article = self.page.article
        items: list[tuple[int, object]] = [(q.start, q) for q in article.quotes]
        for entity in article.entities:
            items.extend((start, entity) for start, _ in entity.mentions)
        items.sort(key=lambda pair: pair[0])
        start, end = self.view.visible_span()
        item = nearest(items, start, end)
        if item is None:
            self.status.say("no entities or quotes found in this article" if self.page.annotated else "still finding entities…")
            return
        self.reveal_in_pane(item)  # type: ignore[arg-type]

    def _go_to(self, span: tuple[int, int] | None) -> None:
        self.view.set_current(span)
        if span is not None:
            self.view.reveal(*span)

"""A feed's items, newest first: ``●`` marks the unread, then title, site and
date. Enter reads the item's full article (an item whose page no update has
read yet is fetched and extracted then, through the opener); ``n``/``p`` open
the next/previous unread; ``r`` updates the feed in the background, ``A``
marks every item read, ``u`` one. Dismissed with the ``Request`` to open, or
None (Escape, ``h``).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label

from byline.extract import BylineError, clean_inline
from byline.tui.data.feeds import FeedStore
from byline.tui.screens.feeds.reading import open_item
from byline.tui.screens.reader.loading import Request
from byline.tui.screens.leaving import LeavingScreen
from byline.tui.widgets.feed_lists import FeedItemList, RowList, when
from byline.tui.widgets.keybar import KeyBar
from byline.tui.widgets.status import StatusLine

if TYPE_CHECKING:
    from byline.tui.app.feed_updates import FeedsProgress, FeedsUpdated
    from byline.tui.app.keeper import LibraryKeeper
    from byline.tui.data.feed_records import Feed, Item
    from byline.tui.data.library import Library


class FeedScreen(LeavingScreen[Request | None]):
    """One feed's items; ``select`` is the item to put the cursor on (None: the first unread)."""

    AUTO_FOCUS = "#items"

    BINDINGS = [
        Binding("n", "step_unread(True)", "Next unread", id="items_next_unread"),
        Binding("p", "step_unread(False)", "Prev unread", show=False, id="items_previous_unread"),
        Binding("r", "update", "Update feed", id="items_update"),
        Binding("A", "mark_all_read", "Mark all read", show=False, id="items_mark_read"),
        Binding("escape,h,backspace", "back", "Back", id="items_back"),
        Binding("question_mark", "help", "Help", show=False, id="help"),
        Binding("q", "app.quit", "Quit", id="quit"),
        Binding("ctrl+p", "app.command_palette", "Commands", show=False),
    ]

    DEFAULT_CSS = """
    FeedScreen #feed {
        height: 1fr;
        padding: 0 1;
    }
    FeedScreen #feed-title {
        text-style: bold;
    }
    FeedScreen #feed-error {
        display: none;
        text-style: italic;
        color: $warning;
    }
    FeedScreen #feed-error.-shown {
        display: block;
    }
    FeedScreen #items {
        height: 1fr;
        margin-top: 1;
    }
    """

    def __init__(self, keeper: LibraryKeeper, feed: Feed, *, select: int | None = None) -> None:
        super().__init__()
        self.keeper = keeper
        self.feed = feed
        self.select = select

    def compose(self) -> ComposeResult:
        with Vertical(id="feed"):
            yield Label(id="feed-title")
            yield Label(id="feed-error")
            yield FeedItemList(id="items")
        yield StatusLine(id="feed-status")
        yield KeyBar()

    @property
    def item_list(self) -> FeedItemList:
        return self.query_one("#items", FeedItemList)

    @property
    def status(self) -> StatusLine:
        return self.query_one("#feed-status", StatusLine)

    def on_mount(self) -> None:
        self.item_list.placeholder = Text("No items yet: r updates the feed.")
        self._show_title()
        self._load(select=self.select, first_unread=self.select is None)

    # ---------------------------------------------------------------- content

    @work(exclusive=True, group="items", description="listing a feed's items")
    async def _load(self, *, select: int | None = None, first_unread: bool = False) -> None:
        library = await self.app.library()  # type: ignore[attr-defined]
        if library is None:
            return
        feed_id = self.feed.id
        try:
            # Items opened before an update read their page are stored now: link them.
            await self.keeper.write(lambda library: _link(library, feed_id))
            feed, items = await asyncio.to_thread(_feed_and_items, library, feed_id)
        except BylineError as error:
            self.status.say(error.message, style="bold")
            return
        if feed is None:
            self.status.say("this feed was unsubscribed")
            return
        self.feed = feed
        self._show_title()
        index = None
        if select is not None:
            index = next((i for i, item in enumerate(items) if item.id == select), None)
        elif first_unread:
            index = next((i for i, item in enumerate(items) if not item.read), None)
        self.item_list.show(items, select=index)
        self._say_position()

    def _show_title(self) -> None:
        feed = self.feed
        updated = f"updated {when(feed.updated_at)}" if feed.updated_at else "never updated"
        self.query_one("#feed-title", Label).update(
            Text.assemble(clean_inline(feed.label), (f" — {feed.unread:,} unread of {feed.items:,} · {updated}", "dim"))
        )
        error = self.query_one("#feed-error", Label)
        error.set_class(bool(feed.error), "-shown")
        if feed.error:
            error.update(Text(f"the last update failed ({when(feed.checked_at)}): {clean_inline(feed.error)}"))

    @on(RowList.Moved)
    def _say_position(self) -> None:
        count = len(self.item_list)
        self.status.position = f"{self.item_list.cursor + 1}/{count:,}" if count else ""

    # ---------------------------------------------------------------- reading

    @on(RowList.Chosen, "#items")
    def _chosen(self, event: RowList.Chosen) -> None:
        item = self.item_list.row(event.index)
        if item is not None:
            self._read(item)

    @work(exclusive=True, group="open", description="opening a feed item")
    async def _read(self, item: Item) -> None:
        self.dismiss(await open_item(self.keeper, item))

    def action_step_unread(self, forward: bool) -> None:
        """Open the next (previous) unread item from the cursor, as newsboat's n/p."""
        items = self.item_list.rows
        cursor = self.item_list.cursor
        order = range(cursor + 1, len(items)) if forward else range(cursor - 1, -1, -1)
        if forward and items and not items[cursor].read:
            order = range(cursor, len(items))  # the one under the cursor first
        for index in order:
            if not items[index].read:
                self.item_list.move_cursor(index)
                self._read(items[index])
                return
        self.status.say("no more unread items in this feed" if forward else "no unread items above")

    # ---------------------------------------------------------------- editing

    @on(FeedItemList.ToggleRead)
    def _toggle_read(self, event: FeedItemList.ToggleRead) -> None:
        self._set_read(event.index, event.item, not event.item.read)

    @work(group="edit", description="marking an item read")
    async def _set_read(self, index: int, item: Item, read: bool) -> None:
        try:
            await self.keeper.write(lambda library: FeedStore(library).set_read(item.id, read))
        except BylineError as error:
            self.status.say(error.message, style="bold")
            return
        self.status.say("marked read" if read else "marked unread")
        self._load()

    def action_mark_all_read(self) -> None:
        self._mark_all_read()

    @work(group="edit", description="marking a feed read")
    async def _mark_all_read(self) -> None:
        feed_id = self.feed.id
        try:
            count = await self.keeper.write(lambda library: FeedStore(library).mark_feed_read(feed_id))
        except BylineError as error:
            self.status.say(error.message, style="bold")
            return
        self.status.say(f"marked {count or 0:,} read")
        self._load()

    def action_update(self) -> None:
        self.app.update_feeds([self.feed.id])  # type: ignore[attr-defined]

    def feeds_progress(self, message: FeedsProgress) -> None:
        """An update is under way (the app passes it on): say how far, and list
        this feed's new items when it has finished."""
        progress = message.progress
        self.status.say(progress.line(), style="dim")
        if progress.feed is not None and progress.feed.feed_id == self.feed.id:
            self._load()

    def feeds_updated(self, message: FeedsUpdated) -> None:
        self.status.say(message.summary())
        self._load()

    # ---------------------------------------------------------------- moving

    def action_back(self) -> None:
        self.dismiss(None)

    def action_help(self) -> None:
        self.app.show_help(self.command_nodes())  # type: ignore[attr-defined]

    def command_nodes(self) -> list[tuple[str, object]]:
        return [("Items", self.item_list), ("Feed", self), ("Everywhere", self.app)]


def _link(library: Library, feed_id: int) -> int:
    return FeedStore(library).link_stored(feed_id)


def _feed_and_items(library: Library, feed_id: int) -> tuple[Feed | None, list[Item]]:
    store = FeedStore(library)
    return store.feed(feed_id), store.items(feed_id)

"""The library screen's feeds: the list (name, unread count, last update, why
the last one failed), a feed's items (``screens.feeds.items``, Enter), and
what is asked of a feed — update (``r``), mark read (``A``), unsubscribe
(``d``, after a yes) — or of the list: subscribe (``a``). Updates run in the
app's background thread; the app passes their progress on.

``Feeds`` is a plain object the ``StartScreen`` owns; the screen runs its
workers and keeps the focus.
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.widgets import Label

from byline.extract import BylineError, clean_inline
from byline.tui.dialogs.confirm import ConfirmDialog
from byline.tui.screens.reader.loading import Request
from byline.tui.textual_private import taken_down

if TYPE_CHECKING:
    from byline.tui.app.feed_updates import FeedsProgress, FeedsUpdated
    from byline.tui.data.feed_records import Feed
    from byline.tui.data.library import Library
    from byline.tui.screens.library.screen import StartScreen
    from byline.tui.widgets.feed_lists import FeedList


class Feeds:
    """The feeds of ``screen`` (the library screen)."""

    def __init__(self, screen: StartScreen) -> None:
        self.screen = screen
        #: Listings asked for so far: one read before a later one is not shown
        #: over it (the first listing could end after an update's reload).
        self.asked = 0

    def ask(self) -> int:
        """A number for a listing about to be read (``show``'s ``asked``)."""
        self.asked += 1
        return self.asked

    def _run(self, work: Any, group: str, description: str, *, exclusive: bool = False) -> None:
        self.screen.run_worker(work, group=group, description=description, exclusive=exclusive)

    def _say_error(self, error: BylineError, prefix: str = "") -> None:
        self.screen.status.say(f"{prefix}{error.message}", style="bold")

    def show(self, feeds: list[Feed], *, settle: bool = True, asked: int | None = None) -> None:
        """List ``feeds`` (the one under the cursor stays under it); ``settle``:
        at start, the focus may go to a feed with something unread. A listing
        ``asked`` for before a later one is out of date: not shown."""
        screen = self.screen
        if taken_down(screen):
            return  # read while the screen was being left (a source typed and opened at once)
        if asked is not None and asked != self.asked:
            if settle:
                screen.settle_focus()
            return
        listing: FeedList = screen.feed_list
        selected = listing.row()
        index = next((i for i, feed in enumerate(feeds) if selected is not None and feed.id == selected.id), None)
        listing.show(feeds, select=index)
        screen.set_class(bool(feeds), "-feeds")
        unread = sum(feed.unread for feed in feeds)
        count = f"{len(feeds):,} feed" + ("" if len(feeds) == 1 else "s")
        screen.query_one("#feeds-title", Label).update(Text(f"Feeds — {count}, {unread:,} unread"))
        if not feeds and screen.focused is listing:
            screen.set_focus(screen.library_list)
        if settle:
            screen.settle_focus()

    def reload(self) -> None:
        """List the feeds again (their counts changed), in a worker."""
        self._run(self._reload, "feeds", "listing the feeds", exclusive=True)

    async def _reload(self) -> None:
        library = await self.screen.app.library()
        if library is None:
            return
        asked = self.ask()
        try:
            feeds = await asyncio.to_thread(feeds_of, library)
        except BylineError as error:
            self._say_error(error)
            return
        self.show(feeds, settle=False, asked=asked)

    def show_items(self, feed: Feed, select: int | None = None) -> None:
        """``feed``'s item list (``select``: the item under the cursor)."""
        from byline.tui.screens.feeds.items import FeedScreen  # here: only when a feed is opened

        screen = self.screen
        screen.app.push_screen(FeedScreen(screen.keeper, feed, select=select), self._items_closed)

    def _items_closed(self, request: Request | None) -> None:
        screen = self.screen
        if request is not None:
            screen.dismiss(request)
            return
        self.reload()
        if screen.feed_list.rows:
            screen.set_focus(screen.feed_list)

    def open_feed_of(self, item_id: int) -> None:
        """The item list of the feed that carries ``item_id``, with it under the cursor."""
        self._run(partial(self._open_feed_of, item_id), "feeds", "finding an item's feed")

    async def _open_feed_of(self, item_id: int) -> None:
        library = await self.screen.app.library()
        if library is None:
            return
        try:
            found = await asyncio.to_thread(_feed_of, library, item_id)
        except BylineError as error:
            self._say_error(error)
            return
        if found is not None:
            self.show_items(found, select=item_id)

    def asked(self, feed: Feed, what: str) -> None:
        """A key on a feed: ``update``, ``mark_read`` or ``unsubscribe`` (after a yes)."""
        screen = self.screen
        if what == "update":
            screen.app.update_feeds([feed.id])
        elif what == "mark_read":
            self._run(partial(self._mark_read, feed), "edit", "marking a feed read")
        elif what == "unsubscribe":
            name = (f"“{clean_inline(feed.label)}”", "bold")
            question = Text.assemble("Unsubscribe from ", name, "? (its articles stay in the library)")

            def answered(yes: bool | None) -> None:
                if yes:
                    self._run(partial(self._unsubscribe, feed), "edit", "unsubscribing")

            screen.app.push_screen(ConfirmDialog(question, yes="Unsubscribe", no="Keep"), answered)

    async def _mark_read(self, feed: Feed) -> None:
        from byline.tui.data.feeds import FeedStore  # here: sqlite3 stays out of the start screen's first paint

        try:
            count = await self.screen.keeper.write(lambda library: FeedStore(library).mark_feed_read(feed.id))
        except BylineError as error:
            self._say_error(error)
            return
        self.screen.status.say(Text.assemble(f"marked {count or 0:,} read in ", (clean_inline(feed.label), "bold")))
        self.reload()

    async def _unsubscribe(self, feed: Feed) -> None:
        from byline.tui.feeds.subscriptions import unsubscribe  # here: it loads sqlite3 and httpx: not at first paint

        try:
            await self.screen.keeper.write(lambda library: unsubscribe(library, [feed.id]))
        except BylineError as error:
            self._say_error(error, "not unsubscribed: ")
            return
        self.screen.status.say(Text.assemble("unsubscribed from ", (clean_inline(feed.label), "bold")))
        self.reload()

    def subscribe(self) -> None:
        """``a``: ask for a feed's (or a site's) address, then subscribe to it."""
        from byline.tui.dialogs.subscribe import SubscribeDialog  # here: a dialog loads when asked for, not at first paint

        def typed(url: str | None) -> None:
            if url:
                self._run(partial(self._subscribe, url), "edit", "subscribing")

        self.screen.app.push_screen(SubscribeDialog(), typed)

    async def _subscribe(self, url: str) -> None:
        from byline.tui.feeds.subscriptions import subscribe  # here: it loads sqlite3 and httpx: not at first paint

        app, status = self.screen.app, self.screen.status
        library = await app.library()
        if library is None:
            status.say("the library is off or cannot be opened: feeds live in it", style="bold")
            return
        status.say(Text.assemble("subscribing to ", clean_inline(url), "…"))
        try:
            # Not on the library's writer thread: finding the feed is a fetch or two.
            done = await asyncio.to_thread(subscribe, library, app.settings, url)
        except BylineError as error:
            self._say_error(error)
            return
        label = clean_inline(done.feed.label)
        if done.created:
            status.say(Text.assemble("subscribed to ", (label, "bold"), f"; reading its {done.items:,} items…"))
            app.update_feeds([done.feed.id])
        else:
            status.say(Text.assemble("already subscribed to ", (label, "bold")))
        self.reload()

    def progress(self, message: FeedsProgress) -> None:
        """An update is under way: how far, and a feed's new count when it finishes."""
        self.screen.status.say(message.progress.line(), style="dim")
        if message.progress.feed is not None:
            self.reload()

    def updated(self, message: FeedsUpdated) -> None:
        self.screen.status.say(message.summary())
        self.reload()


def feeds_of(library: Library) -> list[Feed]:
    """Every feed, in the list's order (blocking: run it in a thread)."""
    from byline.tui.data.feeds import FeedStore  # here: not on the way to the first page's paint

    return FeedStore(library).feeds()


def _feed_of(library: Library, item_id: int) -> Feed | None:
    from byline.tui.data.feeds import FeedStore  # here: sqlite3 stays out of the start screen's first paint

    store = FeedStore(library)
    item = store.item(item_id)
    return store.feed(item.feed_id) if item is not None else None

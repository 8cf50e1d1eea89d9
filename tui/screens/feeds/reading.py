"""Reading a feed's items in the reader: what opening one asks for, and the
reader's hook for ``n``/``p``.

In an article opened from a feed, ``n`` and ``p`` go to the next and the
previous unread item — down the item list, then on through the feeds in the
start screen's order, as newsboat's do. Elsewhere they keep their reader
meanings (less's next match, the panes). While a search is shown (until
Escape), ``n`` is its next match in a feed's article too; the panes toggle
is also on ``P``. All three are ``[keys]`` actions: ``next_unread``,
``previous_unread``, ``toggle_panes_feed``.

``FeedReading`` is a plain object the ``ReaderScreen`` owns; the screen's
``BINDINGS`` begin with ``FEED_KEYS`` (Textual tries a key's bindings in
order: an action that does not apply hands the key on to the next), and its
``check_action`` asks ``FeedReading.check_action`` first. The screen tells
it when a page is shown and the ``Finder`` when a search begins or ends, so
the key bar is refreshed then (never polled).
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.actions import SkipAction
from textual.binding import Binding

from byline.extract import BylineError
from byline.tui.screens.reader.loading import Request

if TYPE_CHECKING:
    from byline.tui.app.keeper import LibraryKeeper
    from byline.tui.data.feed_records import Item
    from byline.tui.data.library import Library

#: First in the reader's BINDINGS: ahead of the search's ``n`` and the panes' ``p``.
FEED_KEYS = [
    Binding("n", "next_unread", "Next unread", id="next_unread"),
    Binding("p", "previous_unread", "Prev unread", id="previous_unread"),
    Binding("P", "toggle_panes", "Panes", show=False, id="toggle_panes_feed"),
]


def item_request(item: Item) -> Request:
    """What to open for ``item``: its stored article (offline, where the reader
    left it), or its page, read now through the opener like any URL."""
    return Request(item.url or "", entry_id=item.article_id, feed_item=item.id)


def summary_request(item: Item) -> Request:
    """An item with no link: the feed's own text, as an article (blocking: run it in a thread)."""
    from byline.extract import extract_text  # here: the extractor is not on the way to the reader's first paint

    text = item.summary or "The feed gives no text and no link for this item."
    article = extract_text(f"{item.title}\n\n{text}" if item.title else text, analyse=False)
    return Request(f"feed item {item.id}", article=article, feed_item=item.id)


async def open_item(keeper: LibraryKeeper, item: Item) -> Request:
    """The request for ``item``, with the item marked read (in every feed that carries it)."""
    from byline.tui.data.feeds import FeedStore  # here: sqlite3 stays out of the reader's first paint

    keeper.write_soon(lambda library: FeedStore(library).set_read(item.id, True))
    if item.url:
        return item_request(item)
    return await asyncio.to_thread(summary_request, item)


def _unread_near(library: Library, item_id: int, forward: bool) -> Item | None:
    from byline.tui.data.feeds import FeedStore  # here: sqlite3 stays out of the reader's first paint

    return FeedStore(library).next_unread(item_id, forward=forward)


class FeedReading:
    """The reader's ``n``/``p`` in an article opened from a feed (see the module's
    docstring), for ``screen``, which runs its worker and delegates ``check_action``."""

    def __init__(self, screen: Any) -> None:
        self.screen = screen
        self._shown = self._keys()

    def changed(self) -> None:
        """A page was shown or a search begun or ended: the key bar shows n/p
        as next/previous unread only while they mean that."""
        keys = self._keys()
        if keys != self._shown:
            self._shown = keys
            self.screen.refresh_bindings()

    def _keys(self) -> tuple[bool, bool]:
        return self.feed_item() is not None, self._searching()

    def feed_item(self) -> int | None:
        """The feed item whose article is shown, if it is one."""
        page = self.screen.page
        return page.request.feed_item if page is not None else None

    def _searching(self) -> bool:
        finder = getattr(self.screen, "finder", None)  # made on mount
        return finder is not None and bool(finder.matches.starts)

    def check_action(self, action: str) -> bool | None:
        """Whether ``action`` applies now; None: not one of the feed's actions."""
        if action == "next_unread":
            return self.feed_item() is not None and not self._searching()
        if action == "previous_unread":
            return self.feed_item() is not None
        return None

    def step(self, *, forward: bool) -> None:
        """``n``/``p``: open the next (previous) unread item, or hand the key on."""
        item_id = self.feed_item()
        if item_id is None or (forward and self._searching()):
            raise SkipAction()  # the key's next binding: the search's n, the panes' p
        self.screen.run_worker(
            partial(self._step_unread, item_id, forward),
            group="feed-unread",
            exclusive=True,
            description="finding the next unread item",
        )

    async def _step_unread(self, item_id: int, forward: bool) -> None:
        screen = self.screen
        app: Any = screen.app
        library = await app.library()
        if library is None:
            return
        try:
            found = await asyncio.to_thread(_unread_near, library, item_id, forward)
        except BylineError as error:
            screen.status.say(error.message, style="bold")
            return
        if found is None:
            screen.status.say("no more unread items" if forward else "no unread items before this one")
            return
        screen.load(await open_item(app.keeper, found))

"""What the library screen and a feed's item list change in the feeds:
subscribe (then read the new feed's items in the background), unsubscribe,
mark a feed or an item read. Each says how it went on the status line;
writes go through the app's ``LibraryKeeper``, in order.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from rich.text import Text

from byline.extract import BylineError, clean_inline
from byline.tui.data.feeds import FeedStore
from byline.tui.feeds.subscriptions import subscribe, unsubscribe
from byline.tui.widgets.status import StatusLine

if TYPE_CHECKING:
    from byline.tui.app.keeper import LibraryKeeper
    from byline.tui.data.feed_records import Feed, Item


class FeedEdits:
    """Subscribe, unsubscribe and read/unread, for the screens that list feeds."""

    def __init__(self, app: Any, keeper: LibraryKeeper, status: StatusLine) -> None:
        self.app = app
        self.keeper = keeper
        self.status = status

    async def subscribe(self, url: str) -> Feed | None:
        """Subscribe to the feed at ``url`` (or the one the page there names) and
        start reading its items; the feed (None: it could not be)."""

        library = await self.app.library()
        if library is None:
            self.status.say("the library is off or cannot be opened: feeds live in it", style="bold")
            return None
        self.status.say(Text.assemble("subscribing to ", clean_inline(url), "…"))
        try:
            # Not on the library's writer thread: finding the feed is a fetch or two.
            done = await asyncio.to_thread(subscribe, library, self.app.settings, url)
        except BylineError as error:
            self.status.say(error.message, style="bold")
            return None
        label = clean_inline(done.feed.label)
        if done.created:
            self.status.say(Text.assemble("subscribed to ", (label, "bold"), f"; reading its {done.items:,} items…"))
            self.app.update_feeds([done.feed.id])
        else:
            self.status.say(Text.assemble("already subscribed to ", (label, "bold")))
        return done.feed

    async def unsubscribe(self, feed: Feed) -> bool:
        try:
            await self.keeper.write(lambda library: unsubscribe(library, [feed.id]))
        except BylineError as error:
            self.status.say(f"not unsubscribed: {error.message}", style="bold")
            return False
        self.status.say(Text.assemble("unsubscribed from ", (clean_inline(feed.label), "bold")))
        return True

    async def mark_feed_read(self, feed: Feed) -> bool:
        """Every item of ``feed`` read (their articles too)."""

        try:
            count = await self.keeper.write(lambda library: FeedStore(library).mark_feed_read(feed.id))
        except BylineError as error:
            self.status.say(error.message, style="bold")
            return False
        self.status.say(Text.assemble(f"marked {count or 0:,} read in ", (clean_inline(feed.label), "bold")))
        return True

    async def set_read(self, item: Item, read: bool) -> bool:
        """One item read or unread (in every feed that carries its story)."""

        try:
            await self.keeper.write(lambda library: FeedStore(library).set_read(item.id, read))
        except BylineError as error:
            self.status.say(error.message, style="bold")
            return False
        self.status.say("marked read" if read else "marked unread")
        return True

"""The feeds on the start screen, and one feed's items, as lists drawn with the
Line API: only the visible rows are drawn, each once until it changes.

Both hold every row in memory (100 feeds, a feed's few thousand items: the
queries take milliseconds) and post ``Chosen`` on Enter or a click. Every
string in a row came from a feed and is cleaned before it is drawn.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from byline.extract import clean_inline
from byline.tui.data.feed_records import Feed, Item
from byline.tui.widgets.cursor_list import CursorList

UNREAD = "●"
SITE_CELLS = 24


class RowList(CursorList):
    """Rows with a cursor, one line each; subclasses say how a row reads."""

    COMPONENT_CLASSES = {"rowlist--cursor", "rowlist--unread", "rowlist--meta", "rowlist--error", "rowlist--placeholder"}

    DEFAULT_CSS = """
    RowList {
        scrollbar-size: 0 0;
        overflow-x: hidden;
    }
    RowList > .rowlist--cursor { text-style: reverse; }
    RowList > .rowlist--unread { text-style: bold; }
    RowList > .rowlist--meta { text-style: dim; }
    RowList > .rowlist--error { text-style: italic; color: $warning; }
    RowList > .rowlist--placeholder { text-style: italic; }
    """

    @dataclass
    class Chosen(Message):
        row_list: RowList
        index: int

        @property
        def control(self) -> RowList:
            return self.row_list

    @dataclass
    class Moved(Message):
        row_list: RowList

        @property
        def control(self) -> RowList:
            return self.row_list

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Any] = []
        self.cursor = 0
        #: Shown when there are no rows.
        self.placeholder = Text("")
        self._cache: dict[int, Strip] = {}

    def __len__(self) -> int:
        return len(self.rows)

    # --------------------------------------------------------------- content

    def show(self, rows: list[Any], *, select: int | None = None) -> None:
        """Show ``rows``; the cursor stays on the row it was on (by position), or goes to ``select``."""
        self.rows = list(rows)
        index = self.cursor if select is None else select
        self.cursor = max(0, min(index, len(self.rows) - 1))
        self._cache.clear()
        self._resize()
        self.refresh(layout=True)
        self.call_after_refresh(self._reveal, self.cursor)
        self.post_message(self.Moved(self))

    def replace_row(self, index: int, row: Any) -> None:
        if 0 <= index < len(self.rows):
            self.rows[index] = row
            self._cache.pop(index, None)
            self._refresh_row(index)

    def row(self, index: int | None = None) -> Any:
        """The row at ``index`` (default: under the cursor)."""
        index = self.cursor if index is None else index
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(len(self.rows), 1)

    # -------------------------------------------------------------- actions

    def action_choose(self) -> None:
        if self.rows:
            self.post_message(self.Chosen(self, self.cursor))

    # ------------------------------------------------------------ rendering

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        index = round(self.scroll_y) + y
        if not self.rows:
            if y == 0:
                return self.text_strip(self.placeholder, width, base + self.component("placeholder"))
            return Strip.blank(width, base)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        strip = self._cache.get(index)
        if strip is None:
            strip = self._cache[index] = self.text_strip(self.row_text(self.rows[index], width), width, base)
        if index == self.cursor and self.has_focus:
            cursor = self.component("cursor")
            return Strip([Segment(s.text, (s.style or base) + cursor) for s in strip])
        return strip

    def row_text(self, row: Any, width: int) -> Text:
        raise NotImplementedError

    def component(self, name: str) -> Style:
        return self.get_component_rich_style(f"rowlist--{name}", partial=True)

    # --------------------------------------------------------- focus, mouse

    def on_click(self, event: events.Click) -> None:
        index = round(self.scroll_y) + event.y
        if 0 <= index < len(self.rows):
            self.focus()
            self.move_cursor(index)
            self.action_choose()


def _line(left: Text, right: Text, width: int) -> Text:
    """``left`` cut to leave room for ``right`` at the right edge."""
    room = max(width - right.cell_len - 2, 8)
    left.truncate(room, overflow="ellipsis")
    line = Text(no_wrap=True)
    line.append_text(left)
    line.append(" " * max(width - left.cell_len - right.cell_len, 2))
    line.append_text(right)
    return line


def _clipped(text: str, cells: int) -> str:
    if cell_len(text) <= cells:
        return text
    shortened = Text(text)
    shortened.truncate(cells, overflow="ellipsis")
    return shortened.plain


def when(timestamp: float | None, *, now: float | None = None) -> str:
    """A time of this day as HH:MM, an earlier one as its date."""
    if not timestamp:
        return "never"
    moment, today = time.localtime(timestamp), time.localtime(now)
    if moment[:3] == today[:3]:
        return time.strftime("%H:%M", moment)
    return time.strftime("%Y-%m-%d", moment)


class FeedList(RowList):
    """The subscriptions: name, unread count, last update, and why the last one failed."""

    BINDINGS = [
        Binding("enter", "choose", "Items", id="feed_open"),
        Binding("r", "update", "Update feed", id="feed_update"),
        Binding("A", "mark_read", "Mark feed read", show=False, id="feed_mark_read"),
        Binding("d,delete", "unsubscribe", "Unsubscribe", show=False, id="feed_unsubscribe"),
    ]

    @dataclass
    class Asked(Message):
        """A key asked for something to be done to the feed under the cursor."""

        feed_list: FeedList
        what: str  # "update", "mark_read", "unsubscribe"
        feed: Feed

    def _ask(self, what: str) -> None:
        feed = self.row()
        if feed is not None:
            self.post_message(self.Asked(self, what, feed))

    def action_update(self) -> None:
        self._ask("update")

    def action_mark_read(self) -> None:
        self._ask("mark_read")

    def action_unsubscribe(self) -> None:
        self._ask("unsubscribe")

    def row_text(self, feed: Feed, width: int) -> Text:
        unread = feed.unread > 0
        left = Text(f"{UNREAD} " if unread else "  ", no_wrap=True)
        left.append(clean_inline(feed.label), style=self.component("unread") if unread else "")
        right = Text(no_wrap=True)
        count = f"{feed.unread:,} unread" if unread else ("all read" if feed.items else "no items")
        right.append(count, style=self.component("meta"))
        if feed.error:
            error = clean_inline(feed.error).removeprefix(f"{feed.url}: ")  # the row is the feed: no need to name it
            right.append("  ")
            right.append(_clipped("failed: " + error, max(width * 2 // 5, 12)), style=self.component("error"))
        elif width >= 50:
            right.append("  ")
            right.append(f"updated {when(feed.updated_at)}" if feed.updated_at else "never updated", style=self.component("meta"))
        return _line(left, right, width)


class FeedItemList(RowList):
    """One feed's items, newest first: unread mark, title, site and date."""

    BINDINGS = [
        Binding("enter", "choose", "Read", id="item_read"),
        Binding("u", "toggle_read", "Read/unread", show=False, id="item_toggle_read"),
    ]

    @dataclass
    class ToggleRead(Message):
        item_list: FeedItemList
        index: int
        item: Item

    def action_toggle_read(self) -> None:
        item = self.row()
        if item is not None:
            self.post_message(self.ToggleRead(self, self.cursor, item))

    def row_text(self, item: Item, width: int) -> Text:
        meta = self.component("meta")
        date = item.published[:10] if item.published else time.strftime("%Y-%m-%d", time.localtime(item.sort_time))
        site = _clipped(clean_inline(item.site or ""), SITE_CELLS)
        right = Text(f"{site}  {date}" if site and width >= 60 else date, style=meta, no_wrap=True)
        left = Text(f"{UNREAD} " if not item.read else "  ", no_wrap=True)
        left.append(clean_inline(item.label), style=self.component("unread") if not item.read else "")
        if item.content in ("summary", "none"):
            left.append(" · feed summary" if item.content == "summary" else " · page unread", style=meta)
        return _line(left, right, width)

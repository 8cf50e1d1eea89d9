"""The library's articles as a list, drawn with the Line API and loaded a page
at a time.

A library of 10,000 articles is one list of 10,000 rows, of which only the
visible ones are drawn, and only the pages the reader scrolls to are read
from the database: a row not loaded yet draws as a dim ellipsis and asks for
its page (``NeedPage``). Browsing shows one line per article; a search shows
two (the title line, then a snippet with the matching words marked).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.message import Message
from textual.strip import Strip

from byline.extract import clean_inline, strip_controls
from byline.tui.data.records import MARK_END, MARK_START, PAGE, Entry, SearchHit
from byline.tui.textual_private import forward_event
from byline.tui.widgets.cursor_list import CursorList
from byline.tui.widgets.plain_input import PlainInput

UNREAD = "●"
SITE_CELLS = 24

_MARKS = re.compile(f"[{MARK_START}{MARK_END}]")
_SPACES = re.compile(r"\s+")


class LibraryList(CursorList):
    """Stored articles (or search hits) with a cursor; posts ``Chosen``."""

    BINDINGS = [Binding("enter", "choose", "Read", id="library_choose")]

    COMPONENT_CLASSES = {
        "librarylist--cursor",
        "librarylist--unread",
        "librarylist--meta",
        "librarylist--snippet",
        "librarylist--match",
        "librarylist--placeholder",
    }

    DEFAULT_CSS = """
    LibraryList {
        scrollbar-size: 0 0;
        overflow-x: hidden;
    }
    LibraryList > .librarylist--cursor { text-style: reverse; }
    LibraryList > .librarylist--unread { text-style: bold; }
    LibraryList > .librarylist--meta { text-style: dim; }
    LibraryList > .librarylist--snippet { text-style: dim; }
    LibraryList > .librarylist--match { text-style: bold underline; }
    LibraryList > .librarylist--placeholder { text-style: italic; }
    """

    @dataclass
    class NeedPage(Message):
        """Rows from ``start`` are on screen but not loaded."""

        library_list: LibraryList
        start: int

    @dataclass
    class Chosen(Message):
        library_list: LibraryList
        index: int
        entry: Entry

    @dataclass
    class Moved(Message):
        """The cursor moved (the screen shows where it is)."""

        library_list: LibraryList

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Entry | None] = []
        self.hits: list[SearchHit] | None = None
        self.cursor = 0
        #: Shown when there are no rows.
        self.placeholder = Text("")
        self._requested: set[int] = set()
        self._cache: LRUCache[tuple[int, int], Strip] = LRUCache(256)

    # --------------------------------------------------------------- content

    @property
    def row_height(self) -> int:
        return 1 if self.hits is None else 2

    @property
    def searching(self) -> bool:
        return self.hits is not None

    def __len__(self) -> int:
        return len(self.rows) if self.hits is None else len(self.hits)

    def browse(self, total: int, first: list[Entry], *, keep_cursor: bool = False) -> None:
        """Show ``total`` stored entries, of which ``first`` are the first page."""
        self.hits = None
        self.rows = [None] * max(total, len(first))
        self.rows[: len(first)] = first
        self._reset(keep_cursor)

    def add_page(self, start: int, entries: list[Entry]) -> None:
        """Fill in a page asked for with ``NeedPage``."""
        self._requested.discard(start)
        if self.hits is not None:
            return
        end = min(start + len(entries), len(self.rows))
        self.rows[start:end] = entries[: end - start]
        for index in range(start, end):
            self._cache.discard((index, 0))
        self.refresh()

    def show_hits(self, hits: list[SearchHit]) -> None:
        self.hits = list(hits)
        self._reset(False)

    def entry(self, index: int | None = None) -> Entry | None:
        """The entry at ``index`` (default: under the cursor), if loaded."""
        index = self.cursor if index is None else index
        if not 0 <= index < len(self):
            return None
        return self.rows[index] if self.hits is None else self.hits[index].entry

    def replace_entry(self, index: int, entry: Entry) -> None:
        if self.hits is None:
            self.rows[index] = entry
        else:
            hit = self.hits[index]
            self.hits[index] = SearchHit(entry, hit.snippet, hit.rank)
        for part in range(self.row_height):
            self._cache.discard((index, part))
        self._refresh_row(index)

    def remove_row(self, index: int) -> None:
        if self.hits is None:
            del self.rows[index]
        else:
            del self.hits[index]
        self._requested.clear()  # later pages moved up by one
        self.cursor = max(0, min(self.cursor, len(self) - 1))
        self._cache.clear()
        self._resize()
        self.refresh()
        self.post_message(self.Moved(self))

    def _reset(self, keep_cursor: bool) -> None:
        self._requested.clear()
        self._cache.clear()
        self.cursor = min(self.cursor, max(len(self) - 1, 0)) if keep_cursor else 0
        self._resize()
        if not keep_cursor:
            self.scroll_to(y=0, animate=False, force=True, immediate=True)
        self.refresh()
        self.post_message(self.Moved(self))

    # -------------------------------------------------------------- actions

    def action_choose(self) -> None:
        entry = self.entry()
        if entry is not None:
            self.post_message(self.Chosen(self, self.cursor, entry))

    # ------------------------------------------------------------ rendering

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        line = round(self.scroll_y) + y
        if not len(self):
            if y == 0:
                return self.text_strip(self.placeholder, width, base + self._component("placeholder"))
            return Strip.blank(width, base)
        index, part = divmod(line, self.row_height)
        if index >= len(self):
            return Strip.blank(width, base)
        strip = self._cache.get((index, part))
        if strip is None:
            strip = self._draw(index, part, width, base)
            if strip is None:
                return Strip.blank(width, base)
            self._cache[(index, part)] = strip
        if index == self.cursor and self.has_focus:
            cursor = self._component("cursor")
            return Strip([Segment(s.text, (s.style or base) + cursor) for s in strip])
        return strip

    def _draw(self, index: int, part: int, width: int, base: Style) -> Strip | None:
        entry = self.entry(index)
        if entry is None:
            start = index // PAGE * PAGE
            if start not in self._requested:
                self._requested.add(start)
                self.post_message(self.NeedPage(self, start))
            return self.text_strip(Text("  …"), width, base + self._component("meta"))
        if part == 0:
            return self.text_strip(self._title_line(entry, width), width, base)
        hit = self.hits[index] if self.hits is not None else None
        return self.text_strip(self._snippet_line(hit, width), width, base) if hit else None

    def _title_line(self, entry: Entry, width: int) -> Text:
        meta_style = self._component("meta")
        date = entry_date(entry)
        site = clean_inline(entry.site or "")
        if cell_len(site) > SITE_CELLS:
            shortened = Text(site)
            shortened.truncate(SITE_CELLS, overflow="ellipsis")
            site = shortened.plain
        right = f"{site}  {date}" if site and width >= 60 else date
        title = Text(entry_title(entry), style=self._component("unread") if not entry.read else "")
        room = max(width - 2 - cell_len(right) - 2, 8)
        title.truncate(room, overflow="ellipsis")
        line = Text(f"{UNREAD} " if not entry.read else "  ", no_wrap=True)
        line.append_text(title)
        line.append(" " * max(width - line.cell_len - cell_len(right), 2))
        line.append(right, style=meta_style)
        return line

    def _snippet_line(self, hit: SearchHit, width: int) -> Text:
        """The sentence with the match on one line, the match marked and in view:
        a sentence wider than the row loses words before the match first."""
        match = self._component("match")
        parts = [_SPACES.sub(" ", strip_controls(part)) for part in _MARKS.split(hit.snippet)]
        line = Text(no_wrap=True)
        for number, part in enumerate(parts):
            # The marks alternate: text, match, text, match…
            line.append(part.lstrip() if number == 0 else part, style=match if number % 2 else "")
        room = max(width - 4, 8)
        first = cell_len(parts[0].lstrip()) if len(parts) > 1 else 0
        if line.cell_len > room and first > room // 3:
            # Keep about a third of the row before the match.
            skip = first - room // 3
            line = line[len(line.plain[: _chars_for_cells(line.plain, skip)]) :]
            line = Text.assemble("…", line, no_wrap=True)
        snippet = Text("    ", style=self._component("snippet"), no_wrap=True)
        snippet.append_text(line)
        snippet.truncate(width, overflow="ellipsis")
        return snippet

    def _component(self, name: str) -> Style:
        return self.get_component_rich_style(f"librarylist--{name}", partial=True)

    # --------------------------------------------------------------- mouse

    def on_click(self, event: events.Click) -> None:
        index = (round(self.scroll_y) + event.y) // self.row_height
        if 0 <= index < len(self):
            self.move_cursor(index)
            self.action_choose()


def _chars_for_cells(text: str, cells: int) -> int:
    """How many characters of ``text`` fill ``cells`` terminal cells."""
    used = 0
    for index, char in enumerate(text):
        used += cell_len(char)
        if used >= cells:
            return index + 1
    return len(text)


def entry_title(entry: Entry) -> str:
    if entry.title:
        return clean_inline(entry.title)
    if entry.origin == "stdin":
        return "(standard input)"
    return clean_inline(entry.url or entry.reopen_source or "(untitled)")


def entry_date(entry: Entry) -> str:
    """The published date, or else the day it was fetched."""
    if entry.published:
        return clean_inline(entry.published)[:10]
    return time.strftime("%Y-%m-%d", time.localtime(entry.fetched_at))



class SearchField(PlainInput):
    """The library's search field. Enter calls ``on_enter`` at once (not through
    a message, which would queue behind the keys typed after it); keys typed
    ahead of the focus moving on (queued here) are passed on to the widget
    that has it, so ``/query⏎jd`` acts on the results."""

    def __init__(self, on_enter: Callable[[str], None], *, id: str | None = None) -> None:
        super().__init__(placeholder="the library: titles, text, names, who said what", compact=True, id=id)
        self.on_enter = on_enter

    def on_key(self, event: events.Key) -> None:
        # Textual runs Input's own handler after this one unless told not to.
        focused = self.screen.focused
        if focused is not self and focused is not None:
            event.stop()
            event.prevent_default()
            # Already routed: the app must not route it again.
            forward_event(focused, events.Key(event.key, event.character))
            return
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.on_enter(self.value)

"""Searching the article as you type, without ever holding up a key.

``SearchSession`` is the ``/`` bar's side of the reader: each letter starts a
search (cancelling the one before), the matches light up and the view goes
to the first one after where the search began; Enter keeps the search (an
empty Enter repeats the last), Escape puts back the view and the search that
were there before.

A query is looked for a slice of the text at a time and the event loop gets
its turn between slices, so a key typed meanwhile is handled at once — and a
new letter cancels the search for the old query. A 6 MB page takes a few
dozen slices; each is a few milliseconds of work. Matches are kept as two
sorted lists of offsets (no tuple per match), which is what the article
view's highlight layer is built from.
"""

from __future__ import annotations

import asyncio
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.widgets import Input

from byline.tui.screens.reader.finder import Cursor
from byline.tui.widgets.keybar import KeyBar
from byline.tui.widgets.plain_input import type_in_order
from byline.tui.widgets.search import SearchBar, SearchHistory

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from byline.tui.screens.reader.finder import Finder
    from byline.tui.screens.reader.history import Page
    from byline.tui.widgets.article.view import ArticleView

#: Characters searched between two turns of the event loop (a few milliseconds' work).
SLICE = 1 << 16


def query_pattern(query: str) -> re.Pattern[str]:
    """The pattern for ``query``: literal text, never a pattern; case-insensitive
    unless the query has a capital letter (less's -i, vim's smartcase)."""
    flags = 0 if any(char.isupper() for char in query) else re.IGNORECASE
    return re.compile(re.escape(query), flags)


@dataclass(slots=True)
class Matches:
    """Where a query occurs: ``starts[i]``–``ends[i]``, in text order."""

    query: str = ""
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.starts)

    def span(self, index: int) -> tuple[int, int]:
        return self.starts[index], self.ends[index]


def find_slice(pattern: re.Pattern[str], text: str, start: int, end: int, found: Matches) -> int:
    """Add the matches that begin in ``[start, end)`` to ``found``; return where the next slice begins
    (past a match that runs over ``end``)."""
    # A literal query's matches are all as long as the query (case folding maps one character to one).
    length = len(found.query)
    begins = [match.start() for match in pattern.finditer(text, start, min(end + length, len(text)))]
    begins = begins[: bisect_left(begins, end)]
    if not begins:
        return end
    found.starts.extend(begins)
    found.ends.extend([begin + length for begin in begins])
    return max(end, begins[-1] + length)


def find_all(text: str, query: str) -> Matches:
    """Every match of ``query`` in ``text``, at once (for callers off the event loop)."""
    found = Matches(query)
    if query:
        find_slice(query_pattern(query), text, 0, len(text), found)
    return found


async def find_all_in_turns(
    text: str, query: str, *, slice_chars: int | None = None, turn: Callable[[int], None] | None = None
) -> Matches:
    """Every match of ``query`` in ``text``, a slice at a time, letting the event
    loop run between slices. Cancelling the task stops it at the next slice.
    ``turn`` is told each slice's start (tests use it to watch keys interleave)."""
    found = Matches(query)
    if not query:
        return found
    pattern = query_pattern(query)
    slice_chars = slice_chars or SLICE
    position, length = 0, len(text)
    while position < length:
        if turn is not None:
            turn(position)
        position = find_slice(pattern, text, position, min(position + slice_chars, length), found)
        if position < length:
            await asyncio.sleep(0)
    return found


class SearchSession:
    """The search being typed or kept, for ``owner`` (the screen, which runs its workers)."""

    def __init__(self, owner: DOMNode, finder: Finder, view: ArticleView) -> None:
        self.owner = owner
        self.finder = finder
        self.view = view
        self.history = SearchHistory()
        #: Where typing searches from (an offset, and the view's scroll), and the search Escape puts back.
        self._origin = (0, 0.0)
        self._before: tuple[str, Cursor] = ("", Cursor())
        #: The query whose search has finished (None while one runs).
        self.found: str | None = ""
        #: Called with the query and each slice's start while searching (tests watch keys interleave).
        self.turn: Callable[[str, int], None] | None = None

    def open(self, bar: SearchBar) -> None:
        """The bar opens, empty (Up recalls earlier searches)."""

        self._origin = (self.view.reading_offset, self.view.scroll_y)
        self._before = (self.finder.query_text, self.finder.matches)
        with bar.prevent(Input.Changed):
            bar.value = ""

    async def show_bar(self) -> None:
        """``/``: the bar opens (mounted on first use: the input is not on the way
        to the first paint); typed into the bar, ``/`` is a letter of the query."""
        screen: Any = self.owner
        bars = screen.query(SearchBar)
        if bars and bars.first().has_focus:
            type_in_order(bars.first(), "slash", "/")
            return
        if screen.page is None:
            return
        if bars:
            bar = bars.first()
        else:
            bar = SearchBar(self.history, id="search")
            await screen.mount(bar, after=screen.status)
        self.open(bar)
        screen.query_one(KeyBar).display = False
        screen.set_focus(bar)

    def close_bar(self) -> None:
        """Enter or Escape: the bar goes, the key bar and the article's focus come back."""
        screen: Any = self.owner
        screen.query_one("#search").display = False
        screen.query_one(KeyBar).display = True
        screen.set_focus(self.view)

    def find(self, page: Page, query: str, *, entered: bool) -> None:
        """Look for ``query`` in the background, replacing any search under way."""
        self.found = None
        self.owner.run_worker(
            partial(self._find_in_turns, page, query, entered),
            group="search",
            exclusive=True,
            description="searching the article",
        )

    def enter(self, page: Page, query: str) -> None:
        """Enter: keep the search (an empty query searches again for the last one, as in less and vim)."""
        self.history.rewind()
        query = query or (self.history.queries[-1] if self.history.queries else "")
        self.history.add(query)
        if not query:
            return
        if query == self.finder.query_text and self.found == query:
            self.finder.say_search()
        else:
            self.find(page, query, entered=True)

    def cancel(self) -> None:
        """Escape: the view and the search go back to what they were."""
        self.history.rewind()
        self.owner.workers.cancel_group(self.owner, "search")
        query, matches = self._before
        self.finder.restore(query, matches)
        self.found = query
        self.view.scroll_to(y=self._origin[1], animate=False, immediate=True, force=True)

    async def _find_in_turns(self, page: Page, query: str, entered: bool) -> None:
        """Find ``query`` a slice at a time (keys are handled between slices; the
        next letter cancels this search), then highlight and go to the first match."""
        turn = partial(self.turn, query) if self.turn is not None else None
        found = await find_all_in_turns(page.article.text, query, turn=turn)
        if page is not getattr(self.owner, "page", None):
            return
        origin, scroll_y = self._origin
        if not len(found):
            # Nothing (yet): the view stays where the search started.
            self.view.scroll_to(y=scroll_y, animate=False, immediate=True, force=True)
        self.finder.show_matches(found, origin, say=entered)
        self.found = query

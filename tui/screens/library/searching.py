"""The library screen's search field: every stored article — titles, text,
entity names and quote speakers (SQLite FTS5) — searched after a short pause
in the typing, in a worker; Enter searches at once and goes to the results;
an empty query brings the history back.

``LibrarySearch`` is a plain object the ``StartScreen`` owns; the screen
runs its workers and shows its list.
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text

from byline.extract import BylineError

if TYPE_CHECKING:
    from textual.timer import Timer

    from byline.tui.screens.library.screen import StartScreen

#: Seconds of quiet after a keystroke before the search runs.
SEARCH_DELAY = 0.06
SEARCH_LIMIT = 200


class LibrarySearch:
    """The search typed in ``screen``'s search field, and its results in the history's list."""

    def __init__(self, screen: StartScreen) -> None:
        self.screen = screen
        self._timer: Timer | None = None
        #: The query whose results are shown ("" while browsing).
        self.query = ""

    def typed(self, value: str) -> None:
        """A key in the field: search when the typing pauses."""
        if self._timer is not None:
            self._timer.stop()
        # Even when ``value`` is what is shown: a search for what was typed
        # before may be under way, and this one replaces it (its worker is exclusive).
        self._timer = self.screen.set_timer(SEARCH_DELAY, lambda: self.search(value))

    def entered(self, query: str) -> None:
        """Enter in the search field: search now, then go to the results."""
        if self._timer is not None:
            self._timer.stop()
        self._search_now(query)
        self.screen.set_focus(self.screen.library_list)

    def _search_now(self, query: str) -> None:
        """Enter in the search field: the results are in place before the next key
        is handled (keys typed ahead act on them). A search takes milliseconds;
        before the library is open it runs in a worker like any other."""
        screen = self.screen
        library = screen.keeper.opened
        if library is None or not query.strip():
            self.search(query)
            return
        screen.workers.cancel_group(screen, "search")
        try:
            hits = library.search(query, limit=SEARCH_LIMIT)
        except BylineError as error:
            screen.status.say(error.message, style="italic")
            return
        self._show_hits(query, hits)

    def search(self, query: str) -> None:
        """Search for ``query`` in a worker (replacing the search under way); empty: the history again."""
        self.screen.run_worker(partial(self._search, query), group="search", exclusive=True)

    async def _search(self, query: str) -> None:
        screen = self.screen
        if not query.strip():
            self.query = ""
            if screen.library_list.searching:
                screen.load_first_page()
            screen.status.say("")
            return
        if query == self.query:
            return  # already shown (Enter searched at once)
        library = await screen.app.library()
        if library is None:
            return
        try:
            hits = await asyncio.to_thread(library.search, query, limit=SEARCH_LIMIT)
        except BylineError as error:  # SearchUnavailable: this Python's SQLite has no FTS5
            screen.status.say(error.message, style="italic")
            return
        self._show_hits(query, hits)

    def _show_hits(self, query: str, hits: list) -> None:
        screen = self.screen
        self.query = query
        screen.library_list.placeholder = Text.assemble("Nothing in the library matches ", (query, "bold"), ".")
        screen.library_list.show_hits(hits)
        screen.show_title()
        screen.status.say("")

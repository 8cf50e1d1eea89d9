"""The library screen: ``byline`` alone, and ``o`` from the reader.

A field for a URL or a path, a search field, and the reading library, most
recently opened first (● marks the unread), paged in from the database as
the list scrolls. Typing in the search field searches titles, text, entity
names and quote speakers (SQLite FTS5) after a short pause, in a worker.
Enter reads the article under the cursor; ``d`` deletes it (after a yes),
``r`` fetches it again in the background, ``u`` marks it read or unread.
Dismissed with the ``Request`` to open, or None.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Label

from byline.extract import BylineError
from byline.tui.dialogs.confirm import ConfirmDialog
from byline.tui.screens.library.edits import LibraryEdits
from byline.tui.screens.reader.loading import Request
from byline.tui.widgets.keybar import KeyBar
from byline.tui.widgets.library_list import PAGE, LibraryList, SearchField, entry_title
from byline.tui.widgets.plain_input import type_in_order
from byline.tui.widgets.source_picker import SourceInput
from byline.tui.widgets.status import StatusLine

if TYPE_CHECKING:
    from byline.tui.app.keeper import LibraryKeeper
    from byline.tui.data.library import Library
    from byline.tui.data.records import Entry

#: Seconds of quiet after a keystroke before the search runs.
SEARCH_DELAY = 0.06
SEARCH_LIMIT = 200

LIST_ACTIONS = frozenset({"delete", "reload", "toggle_read", "help", "quit"})


class StartScreen(Screen[Request | None]):
    """Open a URL or a path, or an article from the library."""

    AUTO_FOCUS = None
    BINDINGS = [
        # Priority: keys typed straight after these go to the field they focus
        # (Textual queues a key on the widget focused when it arrives). In a
        # field they are typed.
        Binding("slash", "search", "Search", id="search", priority=True),
        Binding("o", "focus_source", "Open URL or path", id="open", priority=True),
        Binding("d,delete", "delete", "Delete", id="library_delete"),
        Binding("r", "reload", "Refresh", id="reload"),
        Binding("u", "toggle_read", "Read/unread", show=False, id="library_toggle_read"),
        Binding("question_mark", "help", "Help", show=False, id="help"),
        Binding("escape", "back", "Back", show=False, id="library_back"),
        Binding("q", "quit", "Quit", id="quit"),
        Binding("ctrl+p", "app.command_palette", "Commands", show=False),
    ]

    DEFAULT_CSS = """
    StartScreen {
        layout: vertical;
    }
    StartScreen #start {
        height: 1fr;
        padding: 0 1;
    }
    StartScreen .field {
        height: 1;
    }
    StartScreen .field > Label {
        width: 8;
        text-style: bold;
    }
    StartScreen .field > Input {
        width: 1fr;
    }
    StartScreen #library-title {
        margin-top: 1;
        text-style: bold;
    }
    StartScreen #library {
        height: 1fr;
    }
    """

    def __init__(
        self,
        keeper: LibraryKeeper,
        *,
        from_reader: bool = False,
        listing: tuple[int, list[Entry]] | None = None,
    ) -> None:
        """``listing`` is the first page, (count, entries), when it was read already."""
        super().__init__()
        self.keeper = keeper
        self.from_reader = from_reader
        self.listing = listing
        self.total = 0
        self._search_timer: Timer | None = None
        #: The query whose results are shown ("" while browsing).
        self._query = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="start"):
            with Horizontal(classes="field"):
                yield Label(Text("Open"))
                yield SourceInput(id="source-input")
            with Horizontal(classes="field"):
                yield Label(Text("Search"))
                yield SearchField(self._search_entered, id="library-search")
            yield Label(Text("Library"), id="library-title")
            yield LibraryList(id="library")
        yield StatusLine(id="start-status")
        yield KeyBar()

    @property
    def library_list(self) -> LibraryList:
        return self.query_one("#library", LibraryList)

    @property
    def status(self) -> StatusLine:
        return self.query_one("#start-status", StatusLine)

    def on_mount(self) -> None:
        self.edits = LibraryEdits(self.keeper, self.status)
        self.set_focus(self.query_one("#source-input", Input))
        if not self.keeper.enabled:
            self.library_list.placeholder = Text("The library is off (--no-store): type a URL or a path above.")
            self.library_list.refresh()
            return
        if self.listing is not None:
            self._show_first_page(*self.listing)  # in the first frame
            self._open_library()
        else:
            self._load_first_page()

    # ------------------------------------------------------------ the list

    @work(exclusive=True, group="list")
    async def _load_first_page(self) -> None:
        library = await self._open_library_now()
        if library is None:
            return
        try:
            total, first = await asyncio.to_thread(_first_page, library)
        except BylineError as error:
            self.status.say(error.message, style="bold")
            return
        self._show_first_page(total, first)

    @work(group="list")
    async def _open_library(self) -> None:
        """Open the library in this process too (the first page came from elsewhere)."""
        library = await self._open_library_now()
        if library is not None:
            await asyncio.to_thread(_first_page, library, count=False)

    async def _open_library_now(self):  # type: ignore[no-untyped-def]
        library = await self.app.library()
        if library is None:
            self.library_list.placeholder = Text(
                self.keeper.error.message if self.keeper.error else "The library cannot be opened."
            )
            self.library_list.refresh()
        return library

    def _show_first_page(self, total: int, first: list[Entry]) -> None:
        self.total = total
        self.library_list.placeholder = Text(
            "Nothing stored yet: every article you open is kept here. "
            "Type a URL or a path above (try examples/harbour-bridge.html)."
        )
        self.library_list.browse(total, first)
        self._show_title()
        if first and not self.from_reader and self.query_one("#source-input", Input).value == "":
            self.set_focus(self.library_list)

    def on_library_list_need_page(self, event: LibraryList.NeedPage) -> None:
        self._load_page(event.start)

    @work(group="pages")
    async def _load_page(self, start: int) -> None:
        library = await self.app.library()
        if library is None:
            return
        try:
            entries = await asyncio.to_thread(library.entries, limit=PAGE, offset=start)
        except BylineError as error:
            self.status.say(error.message, style="bold")
            return
        self.library_list.add_page(start, entries)

    def on_library_list_moved(self, event: LibraryList.Moved) -> None:
        count = len(self.library_list)
        self.status.position = f"{self.library_list.cursor + 1}/{count:,}" if count else ""

    def _show_title(self) -> None:
        listing = self.library_list
        if listing.searching:
            shown = f"{len(listing):,}" + ("+" if len(listing) >= SEARCH_LIMIT else "")
            title = f"Library — {shown} matching"
        else:
            title = f"Library — {self.total:,} article" + ("" if self.total == 1 else "s")
        self.query_one("#library-title", Label).update(Text(title))

    @on(LibraryList.Chosen)
    def _chosen(self, event: LibraryList.Chosen) -> None:
        self.dismiss(Request(event.entry.reopen_source, entry_id=event.entry.id))

    # -------------------------------------------------------------- fields

    @on(Input.Changed, "#library-search")
    def _search_typed(self, event: Input.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        if event.value != self._query:
            self._search_timer = self.set_timer(SEARCH_DELAY, lambda: self._search(event.value))

    @on(Input.Submitted, "#source-input")
    def _source_entered(self, event: Input.Submitted) -> None:
        event.stop()
        source = event.value.strip()
        if source:
            self.dismiss(Request(source))

    def _search_entered(self, query: str) -> None:
        """Enter in the search field: search now, then go to the results."""
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_now(query)
        self.set_focus(self.library_list)

    def _search_now(self, query: str) -> None:
        """Enter in the search field: the results are in place before the next key
        is handled (keys typed ahead act on them). A search takes milliseconds;
        before the library is open it runs in a worker like any other."""
        library = self.keeper.opened
        if library is None or not query.strip():
            self._search(query)
            return
        self.workers.cancel_group(self, "search")
        try:
            hits = library.search(query, limit=SEARCH_LIMIT)
        except BylineError as error:
            self.status.say(error.message, style="italic")
            return
        self._show_hits(query, hits)

    @work(exclusive=True, group="search")
    async def _search(self, query: str) -> None:
        if not query.strip():
            self._query = ""
            if self.library_list.searching:
                self._load_first_page()
            self.status.say("")
            return
        if query == self._query:
            return  # already shown (Enter searched at once)
        library = await self.app.library()
        if library is None:
            return
        try:
            hits = await asyncio.to_thread(library.search, query, limit=SEARCH_LIMIT)
        except BylineError as error:  # SearchUnavailable: this Python's SQLite has no FTS5
            self.status.say(error.message, style="italic")
            return
        self._show_hits(query, hits)

    def _show_hits(self, query: str, hits: list) -> None:
        self._query = query
        self.library_list.placeholder = Text.assemble("Nothing in the library matches ", (query, "bold"), ".")
        self.library_list.show_hits(hits)
        self._show_title()
        self.status.say("")

    def on_key(self, event) -> None:  # type: ignore[no-untyped-def]
        # Down from a field goes to the list, as in a browser's address bar.
        if event.key == "down" and isinstance(self.focused, Input) and len(self.library_list):
            event.stop()
            self.set_focus(self.library_list)

    # --------------------------------------------------------------- editing

    def action_delete(self) -> None:
        entry = self.library_list.entry()
        if entry is None:
            return
        index = self.library_list.cursor
        question = Text.assemble("Delete ", (f"“{entry_title(entry)}”", "bold"), " from the library?")

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(index, entry)

        self.app.push_screen(ConfirmDialog(question, yes="Delete", no="Keep"), answered)

    @work(group="edit")
    async def _delete(self, index: int, entry: Entry) -> None:
        if not await self.edits.delete(entry):
            return
        listing = self.library_list
        shown = listing.entry(index)
        if shown is not None and shown.id == entry.id:
            listing.remove_row(index)
        self.total = max(self.total - 1, 0)
        self._show_title()

    def action_toggle_read(self) -> None:
        entry = self.library_list.entry()
        if entry is not None:
            self._set_read(self.library_list.cursor, entry, not entry.read)

    @work(group="edit")
    async def _set_read(self, index: int, entry: Entry, read: bool) -> None:
        changed = await self.edits.set_read(entry, read)
        if changed is not None:
            self._replace(index, changed)

    def action_reload(self) -> None:
        entry = self.library_list.entry()
        if entry is not None:
            self._refresh(self.library_list.cursor, entry)

    @work(group="refresh")
    async def _refresh(self, index: int, entry: Entry) -> None:
        """Fetch the article again, find its entities and store it: all in the background."""
        updated = await self.edits.refresh(entry, await self.app.opener())
        if updated is not None:
            self._replace(index, updated)

    def _replace(self, index: int, entry: Entry) -> None:
        current = self.library_list.entry(index)
        if current is not None and current.id == entry.id:
            self.library_list.replace_entry(index, entry)

    # ------------------------------------------------------------- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that act on the list work (and show) only while it has the focus."""
        if action in LIST_ACTIONS and isinstance(self.focused, Input):
            return False
        return True

    def action_search(self) -> None:
        focused = self.focused
        if isinstance(focused, Input):
            # Textual hands printable keys to a focused field, but not "slash":
            # a path typed in the source field needs its "/".
            type_in_order(focused, "slash", "/")
            return
        self.set_focus(self.query_one("#library-search", Input))

    def action_quit(self) -> None:
        self.app.exit()

    def action_focus_source(self) -> None:
        self.set_focus(self.query_one("#source-input", Input))

    def action_back(self) -> None:
        """Escape: clear the search, leave a field, then leave the screen."""
        field = self.query_one("#library-search", Input)
        if field.value or self.library_list.searching:
            field.value = ""
            self._search("")
            if len(self.library_list) or self.total:
                self.set_focus(self.library_list)
            return
        if isinstance(self.focused, Input) and self.total:
            self.set_focus(self.library_list)
            return
        if self.from_reader:
            self.dismiss(None)
        else:
            self.app.exit()

    def action_help(self) -> None:
        self.app.show_help(self.command_nodes())

    def command_nodes(self) -> list[tuple[str, object]]:
        return [("Library list", self.library_list), ("Library", self), ("Everywhere", self.app)]


def _first_page(library: Library, *, count: bool = True) -> tuple[int, list[Entry]] | None:
    """The count and the first page (``count=False``: only the connection opened)."""
    if not count:
        return None
    return library.count(), library.entries(limit=PAGE)

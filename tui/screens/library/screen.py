"""The library screen: ``byline`` alone, and ``o`` from the reader.

A field for a URL or a path, a search field, the feeds (name, unread count,
last update, why the last one failed), and the history: the articles
opened, most recently first (● marks the unread), paged in from the database
as the list scrolls. Typing in the search field searches every stored
article — titles, text, entity names and quote speakers (SQLite FTS5) —
after a short pause, in a worker; the field keeps the focus until Enter or
Escape. Enter reads the article under the cursor; ``d`` deletes it (after a
yes), ``r`` fetches it again in the background, ``u`` marks it read or
unread. On a feed, Enter lists its items (``screens.feeds.items``), ``r``
updates it, ``A`` marks it read, ``d`` unsubscribes; ``a`` subscribes to a
new one. Dismissed with the ``Request`` to open, or None.

The screen owns plain objects for its parts: ``Feeds`` (the feeds' list and
what is asked of a feed), ``LibrarySearch`` (the search field) and
``LibraryEdits`` (delete, read/unread, refresh).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label

from byline.extract import BylineError
from byline.tui.dialogs.confirm import ConfirmDialog
from byline.tui.screens.library.edits import LibraryEdits
from byline.tui.screens.library.feeds import Feeds, feeds_of
from byline.tui.screens.library.searching import SEARCH_LIMIT, LibrarySearch
from byline.tui.screens.reader.loading import Request
from byline.tui.screens.leaving import LeavingScreen
from byline.tui.widgets.feed_lists import FeedList, RowList
from byline.tui.widgets.keybar import KeyBar
from byline.tui.widgets.library_list import PAGE, LibraryList, SearchField, entry_title
from byline.tui.widgets.plain_input import type_in_order
from byline.tui.widgets.source_picker import SourceInput
from byline.tui.widgets.status import StatusLine
from byline.tui.textual_private import taken_down

if TYPE_CHECKING:
    from byline.tui.app.feed_updates import FeedsProgress, FeedsUpdated
    from byline.tui.app.keeper import LibraryKeeper
    from byline.tui.data.library import Library
    from byline.tui.data.records import Entry

#: Keys that are typed in a field, and act only on a list.
LIST_ACTIONS = frozenset({"delete", "reload", "toggle_read", "help", "quit", "subscribe"})
#: What acts on the history's entry under the cursor: only while the history has the focus.
ENTRY_ACTIONS = frozenset({"delete", "reload", "toggle_read"})


class StartScreen(LeavingScreen[Request | None]):
    """Open a URL or a path, or an article from the library."""

    AUTO_FOCUS = None
    BINDINGS = [
        # Priority: keys typed straight after these go to the field they focus
        # (Textual queues a key on the widget focused when it arrives). In a
        # field they are typed.
        Binding("slash", "search", "Search", id="search", priority=True),
        Binding("o", "focus_source", "Open URL or path", id="open", priority=True),
        Binding("a", "subscribe", "Subscribe", id="feed_subscribe"),
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
    StartScreen #library-title, StartScreen #feeds-title {
        margin-top: 1;
        text-style: bold;
    }
    StartScreen #library {
        height: 1fr;
    }
    StartScreen #feeds-title, StartScreen #feeds {
        display: none;
    }
    StartScreen.-feeds #feeds-title, StartScreen.-feeds #feeds {
        display: block;
    }
    StartScreen #feeds {
        height: auto;
        max-height: 35%;
    }
    """

    def __init__(
        self,
        keeper: LibraryKeeper,
        *,
        from_reader: bool = False,
        listing: tuple[int, list[Entry]] | None = None,
        feed_item: int | None = None,
    ) -> None:
        """``listing`` is the first page, (count, entries), when it was read
        already; ``feed_item`` an item whose feed's list to show at once (``o``
        from an article opened from a feed)."""
        super().__init__()
        self.keeper = keeper
        self.from_reader = from_reader
        self.listing = listing
        self.feed_item = feed_item
        self.total = 0
        #: Whether the focus has been put where the lists, once loaded, want it.
        self._focus_settled = False
        self.searching = LibrarySearch(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="start"):
            with Horizontal(classes="field"):
                yield Label(Text("Open"))
                yield SourceInput(id="source-input")
            with Horizontal(classes="field"):
                yield Label(Text("Search"))
                yield SearchField(self.searching.entered, id="library-search")
            yield Label(Text("Feeds"), id="feeds-title")
            yield FeedList(id="feeds")
            yield Label(Text("Library"), id="library-title")
            yield LibraryList(id="library")
        yield StatusLine(id="start-status")
        yield KeyBar()

    @property
    def library_list(self) -> LibraryList:
        return self.query_one("#library", LibraryList)

    @property
    def feed_list(self) -> FeedList:
        return self.query_one("#feeds", FeedList)

    @property
    def status(self) -> StatusLine:
        return self.query_one("#start-status", StatusLine)

    def on_mount(self) -> None:
        self.edits = LibraryEdits(self.keeper, self.status)
        self.feeds = Feeds(self)
        # From the reader's o: on the list, where / searches and Escape goes back at once.
        from_list = self.from_reader and self.keeper.enabled
        self.set_focus(self.library_list if from_list else self.query_one("#source-input", Input))
        if not self.keeper.enabled:
            self.library_list.placeholder = Text("The library is off (--no-store): type a URL or a path above.")
            self.library_list.refresh()
            return
        if self.listing is not None:
            self._show_first_page(*self.listing)  # in the first frame
            self._open_library()
        else:
            self.load_first_page()
        if self.feed_item is not None:
            self.feeds.open_feed_of(self.feed_item)

    # ------------------------------------------------------------ the list

    @work(exclusive=True, group="list")
    async def load_first_page(self) -> None:
        library = await self._open_library_now()
        if library is None:
            return
        asked = self.feeds.ask()
        try:
            total, first = await asyncio.to_thread(_first_page, library)
            feeds = await asyncio.to_thread(feeds_of, library)
        except BylineError as error:
            self.status.say(error.message, style="bold")
            return
        self._show_first_page(total, first)
        self.feeds.show(feeds, asked=asked)

    @work(group="list")
    async def _open_library(self) -> None:
        """Open the library in this process too (the first page came from elsewhere), and list the feeds."""
        library = await self._open_library_now()
        if library is None:
            return
        asked = self.feeds.ask()
        try:
            feeds = await asyncio.to_thread(feeds_of, library)
        except BylineError as error:
            self.status.say(error.message, style="bold")
            return
        self.feeds.show(feeds, asked=asked)

    async def _open_library_now(self):  # type: ignore[no-untyped-def]
        library = await self.app.library()
        if library is None:
            self.library_list.placeholder = Text(
                self.keeper.error.message if self.keeper.error else "The library cannot be opened."
            )
            self.library_list.refresh()
        return library

    def _show_first_page(self, total: int, first: list[Entry]) -> None:
        if taken_down(self):
            return  # read while the screen was being left (a source typed and opened at once)
        self.total = total
        self.library_list.placeholder = Text(
            "Nothing stored yet: every article you open is kept here. "
            "Type a URL or a path above (try examples/harbour-bridge.html), "
            "or Tab here and press a to subscribe to a feed."
        )
        self.library_list.browse(total, first)
        self.show_title()
        if first and self.query_one("#source-input", Input).value == "":
            if not isinstance(self.focused, SearchField):
                self.set_focus(self.library_list)
        elif not first and self.focused is self.library_list:
            self.set_focus(self.query_one("#source-input", Input))  # nothing to choose: type a source

    def settle_focus(self) -> None:
        """Once, when the feeds have loaded at start: a feed with something
        unread gets the keys (else the history keeps them, as its first page
        left it) — unless the reader has begun typing. From the reader (``o``)
        the history keeps them: ``/`` searches it, ``o`` types a source."""
        if self._focus_settled:
            return
        self._focus_settled = True
        source = self.query_one("#source-input", Input)
        if self.from_reader or source.value or isinstance(self.focused, SearchField):
            return
        unread = next((i for i, feed in enumerate(self.feed_list.rows) if feed.unread), None)
        if unread is not None:
            self.feed_list.move_cursor(unread)
            self.set_focus(self.feed_list)
        elif len(self.library_list) and self.focused is source:
            self.set_focus(self.library_list)

    # ------------------------------------------------------------ the feeds (``Feeds``)

    @on(RowList.Chosen, "#feeds")
    def _feed_chosen(self, event: RowList.Chosen) -> None:
        feed = self.feed_list.row(event.index)
        if feed is not None:
            self.feeds.show_items(feed)

    @on(FeedList.Asked)
    def _feed_asked(self, event: FeedList.Asked) -> None:
        self.feeds.asked(event.feed, event.what)

    def action_subscribe(self) -> None:
        self.feeds.subscribe()

    def feeds_progress(self, message: FeedsProgress) -> None:
        """An update is under way (the app passes it on)."""
        self.feeds.progress(message)

    def feeds_updated(self, message: FeedsUpdated) -> None:
        self.feeds.updated(message)

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
        self._say_position()

    @on(RowList.Moved, "#feeds")
    def _feeds_moved(self) -> None:
        self._say_position()

    def on_descendant_focus(self) -> None:
        self._say_position()

    def _say_position(self) -> None:
        """Where the cursor is in the list that has the keys (the history's, else)."""
        listing = self.feed_list if self.focused is self.feed_list else self.library_list
        count = len(listing)
        cursor = listing.cursor
        self.status.position = f"{cursor + 1}/{count:,}" if count else ""

    def show_title(self) -> None:
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
        self.searching.typed(event.value)

    @on(Input.Submitted, "#source-input")
    def _source_entered(self, event: Input.Submitted) -> None:
        event.stop()
        source = event.value.strip()
        if source:
            self.dismiss(Request(source))

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
        self.show_title()

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
        """Keys that act on a list work (and show) only while it has the focus
        (from the command palette, whatever has it)."""
        if self.app.screen is not self:
            return True
        if action in LIST_ACTIONS and isinstance(self.focused, Input):
            return False
        if action in ENTRY_ACTIONS and self.focused is self.feed_list:
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

    def on_paste(self, event: events.Paste) -> None:
        """A URL pasted while a list has the keys goes to the Open field."""
        if isinstance(self.focused, Input) or not event.text.strip():
            return
        event.stop()
        source = self.query_one("#source-input", Input)
        self.set_focus(source)
        source.insert_text_at_cursor(event.text)

    def action_back(self) -> None:
        """Escape: clear the search; then back to the article (from the reader,
        at once, wherever the focus is), or at start from a field to the lists,
        then quit."""
        field = self.query_one("#library-search", Input)
        if field.value or self.library_list.searching:
            field.value = ""
            self.searching.search("")
            if len(self.library_list) or self.total:
                self.set_focus(self.library_list)
            return
        if self.from_reader:
            self.dismiss(None)
            return
        if isinstance(self.focused, Input) and (self.total or self.feed_list.rows):
            self.set_focus(self.feed_list if not self.total else self.library_list)
            return
        self.app.exit()

    def action_help(self) -> None:
        self.app.show_help(self.command_nodes())

    def command_nodes(self) -> list[tuple[str, object]]:
        return [
            ("Library list", self.library_list),
            ("Feeds", self.feed_list),
            ("Library", self),
            ("Everywhere", self.app),
        ]


def _first_page(library: Library, *, count: bool = True) -> tuple[int, list[Entry]] | None:
    """The count and the first page (``count=False``: only the connection opened)."""
    if not count:
        return None
    return library.count(), library.entries(limit=PAGE)


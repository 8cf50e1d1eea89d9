"""The reader: the article beside its entities and quotes.

The screen owns the state — the ``History`` of pages, the load in progress
(``Opening``), the ``Finder``'s highlights — and pushes it down into the
widgets; the widgets post messages up. The plain objects it owns do the
rest: showing a page and finding its entities is the ``Showing``'s, the
panes and the reading width the ``Panes``', the ``/`` bar the
``SearchSession``'s, links the ``Links``', storing pages the ``Shelf``'s,
export and copy the ``Sharing``'s, a feed's ``n``/``p`` the ``FeedReading``'s.
Loading runs in an exclusive worker, so opening something else (or Escape)
cancels the load before it.
"""

from __future__ import annotations

import dataclasses
from functools import partial

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import Reactive
from textual.widget import Widget
from textual.widgets import Input

from byline.extract import BylineError
from byline.tui.config import Settings
from byline.tui.crash import internal_error_message
from byline.tui.opener import Opener
from byline.tui.screens.feeds.reading import FEED_KEYS, FeedReading
from byline.tui.screens.reader import loading
from byline.tui.screens.reader.arrangement import BESIDE, TABS, arrange
from byline.tui.screens.reader.finder import Finder
from byline.tui.screens.reader.history import History, Page
from byline.tui.screens.reader.links import Links
from byline.tui.screens.reader.panes import Panes, mode_classes
from byline.tui.screens.reader.searching import SearchSession
from byline.tui.screens.reader.showing import Showing
from byline.tui.screens.reader.loading import Opening, Request
from byline.tui.screens.reader.sharing import Sharing
from byline.tui.screens.reader.shelf import Shelf
from byline.tui.screens.leaving import LeavingScreen
from byline.tui.threads import in_thread
from byline.tui.widgets.article.view import WIDTH_STEP, ArticleView
from byline.tui.widgets.keybar import KeyBar
from byline.tui.widgets.notice import Notice
from byline.tui.widgets.search import SearchBar
from byline.tui.widgets.side_panes import EntitiesPane, QuotesPane, SidePanes
from byline.tui.widgets.status import StatusLine
from byline.tui.widgets.tabstrip import TabStrip


class ReaderScreen(LeavingScreen[None]):
    """The article pane, the entities and quotes panes, a status line and the key bar."""

    AUTO_FOCUS = "#article"
    ESCAPE_TO_MINIMIZE = False

    #: Textual repaints the whole screen when the focus moves; the widgets
    #: whose look depends on focus repaint themselves, so Tab costs a pane's
    #: worth of bytes instead of a screenful.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    BINDINGS = [
        *FEED_KEYS,  # n/p: next/previous unread in a feed's article, else the keys below (feeds' hook)
        Binding("question_mark", "help", "Help", id="help"),
        # A priority binding runs as the key arrives, so the keys typed straight
        # after it already go to the search bar (Textual queues keys on the
        # widget focused when they arrive).
        Binding("slash", "search", "Search", id="search", priority=True),
        Binding("n", "next_match", "Next match", show=False, id="next_match"),
        Binding("N", "previous_match", "Previous match", show=False, id="previous_match"),
        Binding("right_square_bracket", "next_mention", "Next mention", show=False, id="next_mention"),
        Binding("left_square_bracket", "previous_mention", "Previous mention", show=False, id="previous_mention"),
        Binding("i", "reveal_nearest", "Reveal nearest entity or quote", show=False, id="reveal_nearest"),
        Binding("tab", "next_pane", "Next pane", show=False, id="next_pane"),
        Binding("shift+tab", "previous_pane", "Previous pane", show=False, id="previous_pane"),
        Binding("p", "toggle_panes", "Panes", id="toggle_panes"),
        Binding("f", "links", "Links", id="links"),
        Binding("h,backspace", "back", "Back", show=False, id="back"),
        Binding("l", "forward", "Forward", show=False, id="forward"),
        Binding("o", "open", "Open", id="open"),
        Binding("M", "open_in_browser", "Open in a browser", show=False, id="open_in_browser"),
        Binding("r", "reload", "Refresh (fetch again)", show=False, id="reload"),
        Binding("e", "export", "Export as Markdown", show=False, id="export"),
        Binding("c", "copy", "Copy quote or paragraph", show=False, id="copy"),
        Binding("y", "copy_link", "Copy link URL", show=False, id="copy_link"),
        Binding("x", "toggle_removed", "Show removed boilerplate", show=False, id="toggle_removed"),
        Binding("minus", "narrower", "Narrower text", show=False, id="narrower"),
        Binding("plus,equals_sign", "wider", "Wider text", show=False, id="wider"),
        Binding("escape", "cancel", "Cancel load / clear highlight", show=False, id="cancel"),
        Binding("q", "app.quit", "Quit", id="quit"),
    ]

    def __init__(self, settings: Settings, request: Request | None = None) -> None:
        # Classes set before mounting cost nothing; set later, they restyle every widget.
        size = self.app.size
        self.arrangement = arrange(size.width, size.height, settings.reading_width)
        super().__init__(classes="-panes -tab-article" + mode_classes(self.arrangement))
        self.settings = settings
        self.first_request = request
        self.history = History()
        self.feed_reading = FeedReading(self)
        self.shelf = Shelf(self.app.keeper, settings)
        self.tab = "article"
        self.panes = Panes(self)
        self.showing = Showing(self)

    def compose(self) -> ComposeResult:
        yield TabStrip(id="tabs")
        with Horizontal(id="body"):
            yield ArticleView(reading_width=self.settings.reading_width, id="article")
            side = SidePanes(id="side")
            if self.arrangement.mode == BESIDE:
                side.styles.width = self.arrangement.side_width
            yield side
            yield Notice(id="notice")
        yield StatusLine(id="status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.opening = Opening(self.status)
        self.finder = Finder(self.view, self.status, self.feed_reading.changed)
        self.search = SearchSession(self, self.finder, self.view)
        self.links = Links(self)
        self.sharing = Sharing(self.app, self.view, self.status, Opener.for_settings(None, self.settings))
        self.status.where = lambda: self.view.scroll_y
        self.watch(self.view, "scroll_y", self.update_position, init=False)
        if self.first_request is not None:
            self.load(self.first_request)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        verdict = self.feed_reading.check_action(action)
        return verdict if verdict is not None else super().check_action(action, parameters)

    def action_next_unread(self) -> None:
        """``n`` in a feed's article: the next unread item (else the key's next binding)."""
        self.feed_reading.step(forward=True)

    def action_previous_unread(self) -> None:
        """``p`` in a feed's article: the previous unread item (else the key's next binding)."""
        self.feed_reading.step(forward=False)

    def on_resize(self) -> None:
        self.panes.arrange()

    # --------------------------------------------------------------- widgets

    @property
    def page(self) -> Page | None:
        """The page shown."""
        return self.history.page

    @property
    def view(self) -> ArticleView:
        return self.query_one("#article", ArticleView)

    @property
    def status(self) -> StatusLine:
        return self.query_one("#status", StatusLine)

    @property
    def entities_pane(self) -> EntitiesPane:
        return self.query_one("#entities", EntitiesPane)

    @property
    def quotes_pane(self) -> QuotesPane:
        return self.query_one("#quotes", QuotesPane)

    @property
    def narrow(self) -> bool:
        """Whether the panes are behind tabs (the article hidden while one is chosen)."""
        return self.arrangement.mode == TABS

    def update_position(self) -> None:
        view, page = self.view, self.page
        if page is not None and view.text_layout is not None and view.article is page.article:
            page.offset = view.reading_offset
        self.status.position = view.position_label()
        self.status.moved()

    # --------------------------------------------------------------- loading

    def load(self, request: Request, *, push: bool = True, offset: int | None = None) -> None:
        """Open ``request``; the page shown stays until the new one is ready.

        ``offset`` is where to start reading; None: where the reader left it
        last time (the library remembers), or the top.
        """
        if request.opened is not None or request.article is not None:
            # Opened before the app started: shown in the first frame.
            shown = dataclasses.replace(request, article=None, opened=None)
            self.showing.show_opened(shown, request.opened, request.article, push, offset)
            return
        self.opening.start(request, say_now=self.page is None)
        self._load(request, push, offset)

    # Each @work has a description: without one Textual builds it from the
    # arguments' repr, which for a Page or a stdin Request is the whole article
    # (seconds of the UI thread for a 5 MB page, and as much memory again).
    # Showing what was opened is the ``Showing``'s.
    @work(exclusive=True, group="load", description="loading an article")
    async def _load(self, request: Request, push: bool, offset: int | None) -> None:
        try:
            opener = await self.app.opener()
            opened = await loading.open_request(request, opener, partial(self.opening.progress, request))
            # Off the UI thread: a very long article takes most of a second to lay out.
            prepared = await in_thread(self.view.prepare_layout, opened.article)
        except BylineError as error:
            self.opening.stop()
            self.showing.show_error(request, error)
            return
        except Exception:  # a bug in extraction: logged, shown, and the reader carries on
            self.opening.stop()
            self.showing.show_error(request, BylineError(internal_error_message("reading this article")))
            return
        self.opening.stop()
        self.showing.show_opened(request, opened, None, push, offset, prepared)

    # --------------------------------------------------------------- the library

    def keep(self, page: Page) -> None:
        """Store ``page`` (or record that it was opened again), off the event loop."""
        if self.shelf.claim(page):
            self._store(page)

    @work(group="store", description="storing an article")  # not repr(page): the whole article
    async def _store(self, page: Page) -> None:
        error = await self.shelf.store(page)
        if error is not None and page is self.page:
            self.status.say(f"not stored in the library: {error.message}", style="italic")

    def leave(self, page: Page) -> None:
        """The reader moves away from ``page``: remember where they were."""
        view = self.view
        if page is self.page and view.article is page.article and view.text_layout is not None:
            page.offset = view.reading_offset
        self.shelf.place(page)

    def finish(self) -> None:
        """The app is ending: queue the writes still owed (called as it unmounts)."""
        self.shelf.finish(self.history.pages())

    # ------------------------------------------------------------ moving about

    def action_cancel(self) -> None:
        if self.opening.request is not None:
            request = self.opening.stop()
            assert request is not None
            self.workers.cancel_group(self, "load")
            if self.page is None:
                self.showing.show_error(request, None)
            else:
                self.status.say("cancelled", transient=True)
            return
        self.finder.clear()
        self.status.drop_transient()

    def action_reload(self) -> None:
        """Retry a failed load, or fetch the article again (the stored copy stays if that fails)."""
        if self.opening.failed is not None:
            request, _ = self.opening.failed
            self.load(request, push=self.page is not None and request is not self.page.request)
        elif self.page is not None:
            request = dataclasses.replace(self.page.request, refresh=True, prefetch=None)
            self.load(request, push=False, offset=self.view.reading_offset)

    def action_back(self) -> None:
        if self.opening.failed is not None and self.page is not None:
            self.opening.failed = None
            self.query_one(Notice).clear()
            self.status.say("")
            return
        if not self.history.back:
            self.status.say("no earlier article", transient=True)
            return
        self._step_history(back=True)

    def action_forward(self) -> None:
        if not self.history.forward:
            self.status.say("no later article", transient=True)
            return
        self._step_history(back=False)

    def _step_history(self, *, back: bool) -> None:
        if self.page is not None:
            self.leave(self.page)
        page = self.history.go(back=back)
        assert page is not None
        self.showing.draw(page)

    def action_open(self) -> None:
        """The library screen: type a URL or path, or choose a stored article."""
        if self.page is not None:
            self.leave(self.page)
        self.app.show_library(from_reader=True)

    def action_links(self) -> None:
        """``f``: the article's links — or, when the page could not be read
        because it is a front page, the articles it links to."""
        self.links.choose()

    def action_open_in_browser(self) -> None:
        """``M`` (w3m's): the article — or the page that could not be read — in a browser the reader can see."""
        self.links.open_page_in_browser()

    def follow_link(self, index: int | None) -> None:
        """Open link ``index`` of the page shown (after asking, when it names a local file: ``Links.follow``)."""
        self.links.follow(index)

    @on(ArticleView.LinkClicked)
    def _link_clicked(self, event: ArticleView.LinkClicked) -> None:
        self.follow_link(event.index)

    def action_help(self) -> None:
        self.app.show_help(self.command_nodes())

    def command_nodes(self) -> list[tuple[str, object]]:
        return [
            ("Reading", self.view),
            ("Article", self),
            ("Entities and quotes panes", self.entities_pane),
            ("Everywhere", self.app),
        ]

    def action_toggle_removed(self) -> None:
        if self.page is None:
            return
        count = len(self.page.article.removed)
        if not count:
            self.status.say("nothing was removed from this article", transient=True)
            return
        shown = self.view.toggle_removed()
        blocks = "block" if count == 1 else "blocks"
        self.status.say(f"showing {count} removed {blocks}, greyed" if shown else f"removed {blocks} hidden", transient=True)

    def action_narrower(self) -> None:
        self.panes.change_width(-WIDTH_STEP)

    def action_wider(self) -> None:
        self.panes.change_width(WIDTH_STEP)

    # ---------------------------------------------------------------- finding

    async def action_search(self) -> None:
        """``/``: the search bar, where matches are highlighted as the query is typed."""
        await self.search.show_bar()

    @on(Input.Changed, "#search")
    def _search_typed(self, event: Input.Changed) -> None:
        event.stop()
        if self.page is not None:
            self.search.find(self.page, event.value, entered=False)

    @on(Input.Submitted, "#search")
    def _search_entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.search.close_bar()
        if self.page is not None:
            self.search.enter(self.page, event.value)

    @on(SearchBar.Closed)
    def _search_cancelled(self) -> None:
        """Escape in the search bar: the view and the search go back to what they were."""
        self.search.close_bar()
        self.search.cancel()

    def action_next_match(self) -> None:
        self.panes.to_article()
        self.finder.step_matches(forward=True)

    def action_previous_match(self) -> None:
        self.panes.to_article()
        self.finder.step_matches(forward=False)

    def action_next_mention(self) -> None:
        self.panes.to_article()
        self.finder.step_mentions(forward=True)

    def action_previous_mention(self) -> None:
        self.panes.to_article()
        self.finder.step_mentions(forward=False)

    def action_reveal_nearest(self) -> None:
        self.panes.reveal_nearest()

    # ------------------------------------------------------------------ panes

    def action_toggle_panes(self) -> None:
        self.panes.toggle()

    def action_next_pane(self) -> None:
        self.panes.step(forward=True)

    def action_previous_pane(self) -> None:
        self.panes.step(forward=False)

    def show_tab(self, tab: str, *, focus: bool = True) -> None:
        """Bring a pane forward (narrow) or focus it (wide)."""
        self.panes.show(tab, focus=focus)

    @on(TabStrip.Clicked)
    def _tab_clicked(self, event: TabStrip.Clicked) -> None:
        self.show_tab(event.tab)

    @on(EntitiesPane.Chosen)
    def _entity_chosen(self, event: EntitiesPane.Chosen) -> None:
        self.finder.follow_entity(event.entity, jump=event.jump)
        if event.jump and self.narrow:
            self.show_tab("article")

    @on(QuotesPane.Chosen)
    def _quote_chosen(self, event: QuotesPane.Chosen) -> None:
        self.finder.select_quote(event.quote, jump=event.jump)
        if event.jump and self.narrow:
            self.show_tab("article")

    # ------------------------------------------------------------ taking text out

    def action_export(self) -> None:
        if self.page is not None:
            self.sharing.export(self.page)

    def action_copy(self) -> None:
        """Copy the selected quote, or else the paragraph at the top, with its source."""
        if self.page is not None:
            self.sharing.copy(self.page.article, self.finder.quote)

    def action_copy_link(self) -> None:
        """Copy the URL of the first link on screen (or the one nearest to it)."""
        index = self.sharing.link_on_screen(self.page.article) if self.page is not None else None
        if index is None:
            self.status.say("this article has no links", transient=True)
            return
        self.sharing.copy_link(index, self.links.url(index))


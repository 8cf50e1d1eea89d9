"""The reader: the article beside its entities and quotes.

The screen owns the state — the page shown, the history, the load in
progress, what is highlighted — and pushes it down into the widgets; the
widgets post messages up. Loading runs in an exclusive worker, so opening
something else (or Escape) cancels the load before it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Label, Static

from byline.extract import Article, BylineError
from byline.tui import loading
from byline.tui.config import Settings
from byline.tui.loading import Request
from byline.tui.screens.keeping import ReaderLibrary
from byline.tui.screens.navigation import ReaderNavigation
from byline.tui.screens.panes import ReaderPanes
from byline.tui.screens.progress import ReaderProgress
from byline.tui.screens.sharing import ReaderSharing
from byline.tui.terminal import internal_error_message
from byline.tui.widgets.article_view import WIDTH_STEP, ArticleView
from byline.tui.widgets.keybar import KeyBar
from byline.tui.widgets.layout import Layout
from byline.tui.widgets.panes import EntitiesPane, QuotesPane
from byline.tui.widgets.status import StatusLine
from byline.tui.widgets.tabstrip import TabStrip

if TYPE_CHECKING:
    from byline.tui.data.through import Opened
    from byline.tui.dialogs.links import LinkChoice

#: Below this many columns the side panes become tabs.
WIDE_MIN = 120


@dataclass(slots=True, eq=False)
class Page:
    """An opened article, where the reader is in it, and its library entry."""

    request: Request
    article: Article
    #: The reading position: an offset into ``Article.text`` (kept up to date).
    offset: int = 0
    annotated: bool = False
    annotating: bool = False
    #: What the library returned (None: not read through the library).
    opened: Opened | None = None
    #: The library entry, once known (stored, or opened from the library).
    entry_id: int | None = None
    #: True once the library has recorded this opening (the store is done).
    stored: bool = False


class ReaderScreen(ReaderNavigation, ReaderPanes, ReaderProgress, ReaderLibrary, ReaderSharing, Screen[None]):
    """The article pane, the entities and quotes panes, a status line and the key bar."""

    AUTO_FOCUS = "#article"
    ESCAPE_TO_MINIMIZE = False

    #: Textual repaints the whole screen when the focus moves; the widgets
    #: whose look depends on focus repaint themselves, so Tab costs a pane's
    #: worth of bytes instead of a screenful.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    BINDINGS = [
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
        classes = "-panes -tab-article" + (" -narrow" if self.app.size.width < WIDE_MIN else "")
        super().__init__(classes=classes)
        self.settings = settings
        self.first_request = request
        self.page: Page | None = None
        self.back_pages: list[Page] = []
        self.forward_pages: list[Page] = []
        self.failed: tuple[Request, BylineError | None] | None = None
        self.loading_request: Request | None = None
        self.tab = "article"
        self.init_navigation()

    def compose(self) -> ComposeResult:
        yield TabStrip(id="tabs")
        with Horizontal(id="body"):
            yield ArticleView(reading_width=self.settings.reading_width, id="article")
            with Vertical(id="side"):
                yield Label(Text("Entities"), id="entities-title", classes="pane-title")
                yield EntitiesPane(placeholder="finding entities…", id="entities")
                yield Label(Text("Quotes"), id="quotes-title", classes="pane-title")
                yield QuotesPane(placeholder="finding quotes…", id="quotes")
            yield Static(id="notice")
        yield StatusLine(id="status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.watch(self.view, "scroll_y", self._update_position, init=False)
        if self.first_request is not None:
            self.load(self.first_request)

    def on_resize(self) -> None:
        self._apply_width(self.size.width)

    # --------------------------------------------------------------- widgets

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
        return self.has_class("-narrow")

    def _apply_width(self, width: int) -> None:
        if (width < WIDE_MIN) != self.narrow:
            self.set_class(width < WIDE_MIN, "-narrow")

    def _update_position(self) -> None:
        view = self.view
        if self.page is not None and view.text_layout is not None and view.article is self.page.article:
            self.page.offset = view.reading_offset
        if view.text_layout is None:
            self.status.position = ""
        elif view.max_scroll_y <= 0:
            self.status.position = "all"
        elif view.scroll_y <= 0:
            self.status.position = "top"
        elif view.scroll_y >= view.max_scroll_y:
            self.status.position = "end"
        else:
            self.status.position = f"{round(100 * view.scroll_y / view.max_scroll_y)}%"

    # --------------------------------------------------------------- loading

    def load(self, request: Request, *, push: bool = True, offset: int | None = None) -> None:
        """Open ``request``; the page shown stays until the new one is ready.

        ``offset`` is where to start reading; None: where the reader left it
        last time (the library remembers), or the top.
        """
        if request.opened is not None or request.article is not None:
            # Opened before the app started: shown in the first frame.
            shown = dataclasses.replace(request, article=None, opened=None)
            self._show_opened(shown, request.opened, request.article, push, offset)
            return
        self.loading_request = request
        self.start_progress(request)
        self._load(request, push, offset)

    # Each @work has a description: without one Textual builds it from the
    # arguments' repr, which for a Page or a stdin Request is the whole article
    # (seconds of the UI thread for a 5 MB page, and as much memory again).
    @work(exclusive=True, group="load", description="loading an article")
    async def _load(self, request: Request, push: bool, offset: int | None) -> None:
        try:
            library = await self.app.library()
            progress = partial(self.progress, request)
            opened = await loading.open_request(request, library, self.settings, progress)
            # Off the UI thread: a very long article takes most of a second to lay out.
            prepared = await loading.in_thread(self.view.prepare_layout, opened.article)
        except BylineError as error:
            self.loading_request = None
            self._show_error(request, error)
            return
        except Exception:  # a bug in extraction: logged, shown, and the reader carries on
            self.loading_request = None
            self._show_error(request, BylineError(internal_error_message("reading this article")))
            return
        self.loading_request = None
        self._show_opened(request, opened, None, push, offset, prepared)

    def _show_opened(
        self,
        request: Request,
        opened: Opened | None,
        article: Article | None,
        push: bool,
        offset: int | None,
        prepared: Layout | None = None,
    ) -> None:
        if opened is not None:
            entry = opened.entry
            if offset is None:  # where the reader left it last time
                offset = entry.position if entry is not None else 0
            entry_id = entry.id if entry is not None else None
            page = Page(request, opened.article, offset, opened.annotated, opened=opened, entry_id=entry_id)
        else:
            page = Page(request, article, offset or 0)  # type: ignore[arg-type]
        self._show_page(page, push=push, prepared=prepared)
        if opened is not None and opened.notes:
            self.status.say(opened.notes[0], style="italic")
        if page.annotated:
            self.call_after_refresh(self.keep, page)

    def _show_page(self, page: Page, *, push: bool, prepared: Layout | None = None) -> None:
        if push and self.page is not None:
            self.leave(self.page)
            self.back_pages.append(self.page)
            self.forward_pages.clear()
        elif not push and self.page is not None and self.page is not page:
            self.leave(self.page)
        self.page = page
        self.failed = None
        self.clear_highlights()
        self._show_notice(None)
        if not self.view.size.width:
            self.view.width_hint = self._expected_view_width()
        self.view.show_article(page.article, offset=page.offset, prepared=prepared)
        self._fill_panes(page)
        self._update_position()
        self.status.say("")
        self.show_warnings(page.article.warnings)
        if not page.annotated:
            # After the text is drawn: entities never delay the first paint.
            self.call_after_refresh(self._annotate, page)

    @work(group="annotate", description="finding entities and quotes")
    async def _annotate(self, page: Page) -> None:
        if page.annotating:
            return
        page.annotating = True
        # Said only if it takes a while: a status that flashes by is bytes and flicker.
        # Never over a message already there (a warning, say).
        slow = self.set_timer(
            0.3, lambda: self.page is page and not self.status.message and self.status.say("finding entities…")
        )
        try:
            article = await loading.find_entities_and_quotes(page.request, page.article, self.settings.ner)
        except Exception as error:  # an NLP bug must not cost the reader the article
            page.annotating = False
            message = error.message if isinstance(error, BylineError) else internal_error_message("finding entities")
            if page is self.page:
                self.status.say(f"entities unavailable: {message}", style="italic")
            return
        finally:
            slow.stop()
        added = tuple(w for w in article.warnings if w not in page.article.warnings)
        page.article, page.annotated, page.annotating = article, True, False
        if page is self.page:
            self.view.set_speech(article)
            self._fill_panes(page)
            if self.status.message.plain == "finding entities…":
                self.status.say("")
            self.show_warnings(added)
        self.keep(page)

    def _show_notice(self, message: Text | None) -> None:
        """A message over the panes (loading, an error), or None to take it away."""
        notice = self.query_one("#notice", Static)
        if message is not None:
            notice.update(message)
        notice.display = message is not None

    def _show_error(self, request: Request, error: BylineError | None) -> None:
        self.failed = (request, error)
        message = Text.assemble(("Could not open ", "bold"), (request.label, "bold"), "\n\n")
        message.append(error.message if error else "Loading was cancelled.")
        hints = "r retry · o open another source" + (" · h back to the article" if self.page else "")
        message.append(f"\n\n{hints}", style="dim")
        self._show_notice(message)
        self.status.say(error.message if error else "cancelled", style="bold" if error else "")

    # --------------------------------------------------------------- actions

    def action_cancel(self) -> None:
        if self.loading_request is not None:
            request, self.loading_request = self.loading_request, None
            self.workers.cancel_group(self, "load")
            if self.page is None:
                self._show_error(request, None)
            else:
                self.status.say("cancelled")
            return
        self.clear_highlights()

    def action_reload(self) -> None:
        """Retry a failed load, or fetch the article again (the stored copy stays if that fails)."""
        if self.failed is not None:
            request, _ = self.failed
            self.load(request, push=self.page is not None and request is not self.page.request)
        elif self.page is not None:
            request = dataclasses.replace(self.page.request, refresh=True, prefetch=None)
            self.load(request, push=False, offset=self.view.reading_offset)

    def action_back(self) -> None:
        if self.failed is not None and self.page is not None:
            self.failed = None
            self._show_notice(None)
            self.status.say("")
            return
        if not self.back_pages:
            self.status.say("no earlier article")
            return
        self._move_history(self.back_pages, self.forward_pages)

    def action_forward(self) -> None:
        if not self.forward_pages:
            self.status.say("no later article")
            return
        self._move_history(self.forward_pages, self.back_pages)

    def _move_history(self, source: list[Page], target: list[Page]) -> None:
        if self.page is not None:
            self.leave(self.page)
            target.append(self.page)
        self.page = None
        self._show_page(source.pop(), push=False)

    def action_open(self) -> None:
        """The library screen: type a URL or path, or choose a stored article."""
        self.app.show_library(from_reader=True)

    def action_links(self) -> None:
        from byline.tui.dialogs.links import LinksDialog

        if self.page is None or not self.view.link_indexes:
            self.status.say("this article has no links")
            return
        self.app.push_screen(LinksDialog(self.page.article, self.view.link_indexes), self._link_chosen)

    def _link_chosen(self, choice: LinkChoice | None) -> None:
        if choice is None or self.page is None:
            return
        if choice.copy:
            self.copy_link(choice.index)
        else:
            self.follow_link(choice.index)

    def follow_link(self, index: int | None) -> None:
        if index is None or self.page is None:
            return
        self.load(Request(self.link_url(index)))

    def link_url(self, index: int) -> str:
        """The absolute URL of ``Article.links[index]`` of the page shown (for a
        saved page, a relative link is a path beside the file, as a browser has it)."""
        assert self.page is not None
        link = self.page.article.links[index]
        source = self.page.request.source
        base = self.page.article.url or (source if "://" in source else None)
        if base is None and source != "-" and "://" not in link.url:
            from urllib.request import url2pathname  # here: 25 ms of imports

            target = urljoin(Path(source).resolve().as_uri(), link.url)
            return url2pathname(urlsplit(target).path) if target.startswith("file:") else target
        return urljoin(base, link.url) if base else link.url

    @on(ArticleView.LinkClicked)
    def _link_clicked(self, event: ArticleView.LinkClicked) -> None:
        self.follow_link(event.index)

    def action_help(self) -> None:
        from byline.tui.dialogs.help import HelpScreen

        self.app.push_screen(HelpScreen(self.command_nodes()))

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
            self.status.say("nothing was removed from this article")
            return
        shown = self.view.toggle_removed()
        self.status.say(f"showing {count} removed blocks, greyed" if shown else "removed blocks hidden")

    def action_narrower(self) -> None:
        self.status.say(f"reading width {self.view.change_width(-WIDTH_STEP)}")

    def action_wider(self) -> None:
        self.status.say(f"reading width {self.view.change_width(WIDTH_STEP)}")

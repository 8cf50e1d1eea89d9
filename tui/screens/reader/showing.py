"""Showing a page in the reader: the article drawn (laid out for the width it
will have), the panes filled with placeholders, the status line's word about
it (a note from the opener, what ``r`` read again, where reading resumed),
then entities and quotes found after the text is drawn — so they never delay
the first paint — and the page stored once it has them. A load that failed
is the notice's.

``Showing`` acts on its screen's widgets and ``History``; the screen runs its
workers (each with a description: without one Textual builds it from the
arguments' repr, which for a Page is the whole article).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from byline.extract import Article, BylineError, FrontPage
from byline.tui.crash import internal_error_message
from byline.tui.opener import Opened
from byline.tui.screens.reader import loading
from byline.tui.screens.reader.arrangement import BESIDE
from byline.tui.screens.reader.history import Page
from byline.tui.screens.reader.loading import Request
from byline.tui.widgets.notice import Notice

if TYPE_CHECKING:
    from byline.tui.screens.reader.screen import ReaderScreen
    from byline.tui.widgets.article.lines import Layout


class Showing:
    """Pages shown on ``screen``: drawn, annotated, said, or the failure noticed."""

    def __init__(self, screen: ReaderScreen) -> None:
        self.screen = screen
        self._width_said = False

    def show_opened(
        self,
        request: Request,
        opened: Opened | None,
        article: Article | None,
        push: bool,
        offset: int | None,
        prepared: Layout | None = None,
    ) -> None:
        """An article opened for ``request`` (``opened`` through the opener, or a bare ``article``) is shown."""
        screen = self.screen
        if opened is not None:
            page = Page.opened_from(request, opened, offset)
        else:
            assert article is not None
            page = Page(request, article, offset or 0)
        replaced = screen.page
        self.show_page(page, push=push, prepared=prepared)
        if opened is not None and opened.notes:
            screen.status.say(opened.notes[0], style="italic")
        elif request.refresh and replaced is not None:
            self._say_reloaded(request, replaced.article, page.article)
        elif offset is None and page.offset > 0:
            screen.call_after_refresh(self._say_resumed, page)
        if page.annotated:
            screen.call_after_refresh(screen.keep, page)

    def _say_reloaded(self, request: Request, before: Article, after: Article) -> None:
        """``r`` has its word: what was read again, and whether the text changed."""
        if "://" in request.source:
            what = f"fetched {urlsplit(request.source).hostname or request.label} again"
        else:
            what = f"read {request.label} again"
        changed = "the text changed" if before.text != after.text else "no change"
        self.screen.status.say(f"{what}: {changed}", transient=True)

    def _say_resumed(self, page: Page) -> None:
        """An article opened where the reader left it says so, and how to go to the top."""
        screen = self.screen
        where = screen.view.position_label()
        if page is screen.page and where not in ("", "top", "all") and not screen.status.message.plain:
            at = "the end" if where == "end" else where
            screen.status.say(f"resumed at {at} — g for the top", transient=True)

    def show_page(self, page: Page, *, push: bool, prepared: Layout | None = None) -> None:
        """``page`` into the history (``push``: as a new page) and drawn; the page left is placed."""
        screen = self.screen
        current = screen.page
        if current is not None and current is not page:
            screen.leave(current)
        screen.history.show(page, push=push)
        self.draw(page, prepared)

    def draw(self, page: Page, prepared: Layout | None = None) -> None:
        """Draw ``page``, the one the history now shows."""
        screen = self.screen
        view = screen.view
        screen.opening.failed = None
        screen.finder.clear()
        screen.query_one(Notice).clear()
        if not view.size.width:
            # The width it will have, to lay the text out before the first layout pass.
            beside = screen.arrangement.mode == BESIDE and screen.has_class("-panes")
            width = screen.app.size.width
            view.width_hint = screen.arrangement.article_width(width) if beside else width
        view.show_article(page.article, offset=page.offset, prepared=prepared)
        screen.feed_reading.changed()
        screen.panes.fill(page)
        screen.update_position()
        screen.status.say("")
        screen.status.warn(page.article.warnings)
        if not self._width_said:
            self._width_said = True
            screen.call_after_refresh(screen.panes.say_configured_width)
        if not page.annotated:
            # After the text is drawn: entities never delay the first paint.
            screen.call_after_refresh(self.annotate, page)

    def annotate(self, page: Page) -> None:
        """Find ``page``'s entities and quotes in a worker, then show and store them."""
        self.screen.run_worker(
            partial(self._annotate, page), group="annotate", description="finding entities and quotes"
        )

    async def _annotate(self, page: Page) -> None:
        if page.annotating:
            return
        page.annotating = True
        screen = self.screen
        status = screen.status
        # Said only if it takes a while: a status that flashes by is bytes and flicker.
        # Never over a message already there (a warning, say).
        slow = screen.set_timer(
            0.3, lambda: screen.page is page and not status.message and status.say("finding entities…")
        )
        try:
            article = await loading.annotated(page.request, page.article, await screen.app.opener())
        except Exception as error:  # an NLP bug must not cost the reader the article
            page.annotating = False
            message = error.message if isinstance(error, BylineError) else internal_error_message("finding entities")
            if page is screen.page:
                status.say(f"entities unavailable: {message}", style="italic")
            return
        finally:
            slow.stop()
        if not screen.app.is_running:  # the app shut down meanwhile: its widgets are gone
            return
        added = tuple(w for w in article.warnings if w not in page.article.warnings)
        page.article, page.annotated, page.annotating = article, True, False
        if page is screen.page:
            screen.view.set_speech(article)
            screen.panes.fill(page)
            # The status line belongs to a load under way or one that failed:
            # a late warning about the page behind it must not replace that.
            if screen.opening.request is None and screen.opening.failed is None:
                if status.message.plain == "finding entities…":
                    status.say("")
                status.warn(added)
        screen.keep(page)

    def show_error(self, request: Request, error: BylineError | None) -> None:
        """``request`` could not be opened (``error`` None: the load was cancelled): the notice says why."""
        screen = self.screen
        screen.opening.failed = (request, error)
        message = error.message if error else None
        links = error.links if isinstance(error, FrontPage) else ()
        screen.query_one(Notice).say_failed(request.label, message, can_go_back=screen.page is not None, links=links)
        screen.status.say(error.message if error else "cancelled", style="bold" if error else "")

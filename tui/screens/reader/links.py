"""The links the reader can act on: the page's own (``f``, a click, ``y``)
and, when a page could not be read because it is a front page, the articles
it links to. Each can be followed, copied, or opened in a browser (``M`` for
the page itself, ``o``/``M`` in the ``f`` list)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text

from byline.extract import FrontPage, clean_inline
from byline.tui.dialogs.confirm import ConfirmDialog
from byline.tui.dialogs.links import LinkChoice, LinkEntry, LinksDialog, article_links
from byline.tui.screens.reader import loading
from byline.tui.screens.reader.browser import page_address
from byline.tui.screens.reader.loading import Request

if TYPE_CHECKING:
    from byline.tui.screens.reader.screen import ReaderScreen


class Links:
    """Links for ``screen``: its page's, or the front page its notice is about."""

    def __init__(self, screen: ReaderScreen) -> None:
        self.screen = screen

    def url(self, index: int) -> str:
        """The absolute URL (or path) of ``Article.links[index]`` of the page shown."""
        page = self.screen.page
        assert page is not None
        return loading.link_target(page.article, page.request.source, index)

    def front_page(self) -> tuple[Request, FrontPage] | None:
        """The front page the notice is about, if it is about one."""
        failed = self.screen.opening.failed
        if failed is not None:
            request, error = failed
            if isinstance(error, FrontPage) and error.links:
                return request, error
        return None

    def choose(self) -> None:
        """``f``: the list to choose from."""
        screen = self.screen
        front = self.front_page()
        if front is not None:
            request, error = front
            title = Text.assemble(("A front page: ", "bold"), request.label, " — choose an article to read")
            entries = [LinkEntry(number, text, url, number - 1) for number, (text, url) in enumerate(error.links, 1)]
            screen.app.push_screen(LinksDialog(entries, title=title), partial(self._front_link_chosen, request, error))
            return
        if screen.page is None or not screen.view.link_indexes:
            screen.status.say("this article has no links", transient=True)
            return
        screen.app.push_screen(LinksDialog(article_links(screen.page.article, screen.view.link_indexes)), self._chosen)

    def follow(self, index: int | None) -> None:
        """Open link ``index`` of the page shown — after asking, when it names a
        local file outside the saved page's folder (``loading.outside_folder``)."""
        screen = self.screen
        if index is None or screen.page is None:
            return
        target = self.url(index)
        folder = loading.outside_folder(target, screen.page.article, screen.page.request.source)
        if folder is None:
            screen.load(Request(target))
            return

        def answered(yes: bool | None) -> None:
            if yes:
                screen.load(Request(target))

        where = f"outside the saved page's folder ({clean_inline(folder)})" if folder else "a file on this computer"
        question = Text.assemble("This link opens ", (clean_inline(target), "bold"), f", {where}. Open it?")
        screen.app.push_screen(ConfirmDialog(question, yes="Open", no="Stay here"), answered)

    def _chosen(self, choice: LinkChoice | None) -> None:
        screen = self.screen
        if choice is None or screen.page is None:
            return
        if choice.copy:
            screen.sharing.copy_link(choice.index, self.url(choice.index))
        elif choice.browser:
            self.open_in_browser(self.url(choice.index))
        else:
            screen.follow_link(choice.index)

    def _front_link_chosen(self, request: Request, error: FrontPage, choice: LinkChoice | None) -> None:
        if choice is None:
            return
        screen = self.screen
        url = loading.resolve_link(error.links[choice.index][1], None, request.source)
        if choice.copy:
            screen.app.copy_to_clipboard(url)
            screen.status.say(Text.assemble("copied ", clean_inline(url)), transient=True)
        elif choice.browser:
            self.open_in_browser(url)
        else:
            screen.load(Request(url))

    def open_page_in_browser(self) -> None:
        """``M``: the article shown, or the page that could not be read."""
        screen = self.screen
        if screen.opening.failed is not None:
            request, url = screen.opening.failed[0], None
        elif screen.page is not None:
            request, url = screen.page.request, screen.page.article.url
        else:
            return
        address = page_address(url, request.source)
        if address is None:
            screen.status.say("this article has no address to open (it came from standard input)", transient=True)
            return
        self.open_in_browser(address)

    def open_in_browser(self, target: str) -> None:
        """A URL, or a path beside a saved page, in a browser."""
        self.screen.sharing.open_in_browser(target if "://" in target else page_address(None, target) or target)

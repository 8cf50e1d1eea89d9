"""The reader and the library: storing what was opened, after it is on screen,
and remembering where the reader was. A mixin of ``ReaderScreen``.

Writes go through the app's ``LibraryKeeper`` (one writer thread, in order):
the store after the text is painted and the entities are found, the reading
position when the reader leaves an article (another article, back, forward,
the library screen, quitting). A write that fails is said in the status
line; the article on screen is never affected.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from textual import work

from byline.extract import BylineError

if TYPE_CHECKING:
    from byline.tui.data.library import Library
    from byline.tui.screens.reader import Page, ReaderScreen

    _Base = ReaderScreen
else:
    _Base = object


class ReaderLibrary(_Base):
    """Store and position keeping for ``ReaderScreen``."""

    def keep(self, page: Page) -> None:
        """Store ``page`` (or record that it was opened again), off the event loop."""
        if page.stored or page.opened is None or not self.app.keeper.enabled:
            return
        page.stored = True
        self._store(page)

    @work(group="store", description="storing an article")  # not repr(page): the whole article
    async def _store(self, page: Page) -> None:
        try:
            await self.app.keeper.write(lambda library: _store_page(library, page, self.settings))
        except BylineError as error:  # LibraryError: full, locked, damaged
            page.stored = False
            if page is self.page:
                self.status.say(f"not stored in the library: {error.message}", style="italic")

    def leave(self, page: Page) -> None:
        """The reader moves away from ``page``: remember where they were."""
        if page is self.page and self.view.article is page.article and self.view.text_layout is not None:
            page.offset = self.view.reading_offset
        if page.stored:
            self.app.keeper.write_soon(lambda library: _place(library, page))

    def finish(self) -> None:
        """The app is ending: queue the writes still owed (called as it unmounts)."""
        pages = [*self.back_pages, *self.forward_pages]
        if self.page is not None:
            pages.append(self.page)
        for page in pages:
            if page.opened is None:
                continue
            if page.stored:
                self.app.keeper.write_soon(lambda library, page=page: _place(library, page))
            else:  # quit before the entities came: find them now, then store
                page.stored = True
                self.app.keeper.write_soon(lambda library, page=page: _store_page(library, page, self.settings))


def _store_page(library: Library, page: Page, settings) -> None:  # type: ignore[no-untyped-def]
    """Runs on the writer thread: store the article with its entities, then its position."""
    from byline.tui import loading
    from byline.tui.data.through import store_opened

    opened = page.opened
    assert opened is not None
    # Never stored without its entities: if finding them fails, it is stored next time.
    article = page.article if page.annotated else loading.annotate(page.article, ner=settings.ner)
    opened = dataclasses.replace(opened, article=article, annotated=True)
    page.entry_id = store_opened(library, opened, settings)
    _place(library, page)


def _place(library: Library, page: Page) -> None:
    if page.entry_id is not None:
        library.set_position(page.entry_id, page.offset)

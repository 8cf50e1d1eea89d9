"""What the reader keeps in the library: each page stored once it is on screen
and its entities are found, and where the reader was in it when they left it
(another article, back, forward, the library screen, quitting).

Writes go through the app's ``LibraryKeeper`` (one writer thread, in order).
A write that fails is the screen's to say; the article on screen is never
affected.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from byline.extract import BylineError
from byline.tui.opener import Opener
from byline.tui.screens.reader.history import Page

if TYPE_CHECKING:
    from byline.tui.app.keeper import LibraryKeeper
    from byline.tui.config import Settings
    from byline.tui.data.library import Library


class Shelf:
    """Stores the reader's pages and their reading positions."""

    def __init__(self, keeper: LibraryKeeper, settings: Settings) -> None:
        self.keeper = keeper
        self.settings = settings

    def claim(self, page: Page) -> bool:
        """Whether ``page`` is to be stored now (it is marked as being stored):
        not when it is already, was not opened through the library, or the
        library is off."""
        if page.stored or page.opened is None or not self.keeper.enabled:
            return False
        page.stored = True
        return True

    async def store(self, page: Page) -> BylineError | None:
        """Store a claimed page (or record that it was opened again); the error
        when the library could not (full, locked, damaged)."""
        try:
            await self.keeper.write(lambda library: self._store_page(library, page))
        except BylineError as error:
            page.stored = False
            return error
        return None

    def place(self, page: Page) -> None:
        """The reader left ``page``: remember where they were in it."""
        if page.stored:
            self.keeper.write_soon(lambda library: _place(library, page))

    def finish(self, pages: list[Page]) -> None:
        """The app is ending: queue the writes still owed."""
        for page in pages:
            if page.opened is None:
                continue
            if page.stored:
                self.keeper.write_soon(lambda library, page=page: _place(library, page))
            else:  # quit before the entities came: find them now, then store
                page.stored = True
                self.keeper.write_soon(lambda library, page=page: self._store_page(library, page))

    def _store_page(self, library: Library, page: Page) -> None:
        """On the writer thread: store the article with its entities, then its position."""
        opened = page.opened
        assert opened is not None
        opener = Opener.for_settings(library, self.settings)
        # Never stored without its entities: if finding them fails, it is stored next time.
        article = page.article if page.annotated else opener.annotate(page.article)
        page.entry_id = opener.store(dataclasses.replace(opened, article=article, annotated=True))
        _place(library, page)


def _place(library: Library, page: Page) -> None:
    if page.entry_id is not None:
        library.set_position(page.entry_id, page.offset)

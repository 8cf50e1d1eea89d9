"""The pages the reader has opened, less-style: the one shown, and the pages
back and forward of it (``h`` and ``l``)."""

from __future__ import annotations

from dataclasses import dataclass

from byline.extract import Article
from byline.tui.opener import Opened
from byline.tui.screens.reader.loading import Request


@dataclass(slots=True, eq=False)
class Page:
    """An opened article, where the reader is in it, and its library entry."""

    request: Request
    article: Article
    #: The reading position: an offset into ``Article.text`` (kept up to date).
    offset: int = 0
    annotated: bool = False
    annotating: bool = False
    #: What the opener returned (None: not read through the library).
    opened: Opened | None = None
    #: The library entry, once known (stored, or opened from the library).
    entry_id: int | None = None
    #: True once the library has recorded this opening (the store is done).
    stored: bool = False

    @classmethod
    def opened_from(cls, request: Request, opened: Opened, offset: int | None) -> Page:
        """The page for what the opener returned; ``offset`` None: where the
        reader left it last time (the library remembers), or the top."""
        entry = opened.entry
        if offset is None:
            offset = entry.position if entry is not None else 0
        entry_id = entry.id if entry is not None else None
        return cls(request, opened.article, offset, opened.annotated, opened=opened, entry_id=entry_id)


class History:
    """The page shown and the pages either side of it."""

    def __init__(self) -> None:
        self.page: Page | None = None
        self.back: list[Page] = []
        self.forward: list[Page] = []

    def show(self, page: Page, *, push: bool) -> None:
        """Make ``page`` the one shown: after the one shown (``push``, which
        forgets the pages forward), or in its place."""
        if push and self.page is not None:
            self.back.append(self.page)
            self.forward.clear()
        self.page = page

    def go(self, *, back: bool) -> Page | None:
        """Step back (or forward) one page; None when there is none that way."""
        source, target = (self.back, self.forward) if back else (self.forward, self.back)
        if not source:
            return None
        if self.page is not None:
            target.append(self.page)
        self.page = source.pop()
        return self.page

    def pages(self) -> list[Page]:
        """Every page, the one shown last."""
        return [*self.back, *self.forward, *([self.page] if self.page is not None else [])]

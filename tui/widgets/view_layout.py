"""Laying the article out at the view's measure, and again when the measure
changes. A mixin of ``ArticleView``; the state lives there.

A very long article takes most of a second to lay out, which keys must not
wait for: a loaded article is laid out in a thread before it is shown
(``prepare_layout``), and past ``BACKGROUND_LAYOUT_CHARS`` a new width (the
panes shown or hidden, a resize, ``x``, ``-``/``+``) is laid out in a thread
while the old lines stay on screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.geometry import Size

from byline.extract import Article
from byline.tui.widgets.layout import Layout, layout_article

if TYPE_CHECKING:
    from byline.tui.widgets.article_view import ArticleView

    _Base = ArticleView
else:
    _Base = object

#: Past this many characters a new width is laid out in a thread: a 5 MB
#: article takes most of a second, which a key must not wait for.
BACKGROUND_LAYOUT_CHARS = 200_000


class ViewLayout(_Base):
    """Layout for ``ArticleView``."""

    def prepare_layout(self, article: Article) -> Layout:
        """``article`` laid out at the view's measure, for ``show_article``.

        Safe to call from a thread: a very long article takes a good part of a
        second to lay out, which the UI must not wait through.
        """
        return layout_article(article, self.measure, show_removed=self.show_removed)

    def _relayout(self, offset: int) -> None:
        if self.article is None:
            return
        if not self.size.width and not self.width_hint:
            # Not laid out yet: the first Resize lays the text out at the real width.
            self._pending_offset = offset
            return
        prepared, self._prepared = self._prepared, None
        if prepared is None or not self._fits(prepared):
            if len(self.article.text) > BACKGROUND_LAYOUT_CHARS:
                if prepared is not None and self._layout_article is not self.article:
                    # Laid out for a width the view no longer has (the panes were
                    # toggled meanwhile): show it so, and lay out again behind it.
                    self._use_layout(prepared, offset)
                if self._layout_article is self.article:
                    # A new width for a very long article: the lines shown stay until
                    # the new ones are ready, and keys go on working meanwhile.
                    if not self._laying_out:
                        self._laying_out = True
                        self._relayout_in_background()
                    return
            prepared = layout_article(self.article, self.measure, show_removed=self.show_removed, words=self._words)
        self._use_layout(prepared, offset)

    def _fits(self, layout: Layout) -> bool:
        """Whether ``layout`` is right for the view as it is now."""
        return layout.width == self.measure and layout.show_removed == self.show_removed

    def _use_layout(self, layout: Layout, offset: int) -> None:
        self.text_layout = layout
        self._layout_article = self.article
        self._update_margin()
        self.virtual_size = Size(self.size.width or self.width_hint, len(layout.lines))
        self._invalidate()
        target = 0 if offset == 0 else layout.line_for_offset(offset)
        self.scroll_to(y=target, animate=False, immediate=True, force=True)

    @work(group="relayout", description="laying out a long article")
    async def _relayout_in_background(self) -> None:
        """Lay the article out until the layout fits the view (it may change
        again meanwhile); one layout at a time, which bounds the memory."""
        from byline.tui.loading import in_thread

        try:
            while (
                self.article is not None
                and self._layout_article is self.article
                and self.text_layout is not None
                and not self._fits(self.text_layout)
            ):
                article = self.article
                layout = await in_thread(
                    layout_article, article, self.measure, show_removed=self.show_removed, words=self._words
                )
                if article is self.article and self._fits(layout):
                    self._use_layout(layout, self.reading_offset)
        finally:
            self._laying_out = False

    def _update_margin(self) -> None:
        if self.text_layout is not None:
            width = self.size.width or self.width_hint
            margin = max((width - self.text_layout.width) // 2, 0)
            if margin != self._margin:
                self._margin = margin
                self._invalidate()

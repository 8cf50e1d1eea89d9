"""The article pane: a line-based view (Textual's Line API) over the laid-out text.

Only the visible lines are drawn, each from its pieces and the styled ranges
that cross it, so a 20,000-word article scrolls as fast as a short one and a
scroll key redraws one screen of lines, nothing more. Text is drawn as plain
segments: nothing from the article is read as markup.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from urllib.parse import urljoin

from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from byline.extract import Article
from byline.tui.threads import in_thread
from byline.tui.widgets.article.lines import Layout, layout_article, link_numbers
from byline.tui.widgets.article.painter import LAYERS, paint_line
from byline.tui.widgets.article.ranges import Ranges

MIN_WIDTH = 20
WIDTH_STEP = 4

#: Past this many characters a new width is laid out in a thread: a 5 MB
#: article takes most of a second, which a key must not wait for.
BACKGROUND_LAYOUT_CHARS = 200_000

_SAFE_URL_SCHEMES = ("http://", "https://")


class ArticleView(ScrollView, can_focus=True):
    """The clean text at a readable measure, centred, with styled ranges.

    A very long article takes most of a second to lay out, which keys must not
    wait for: a loaded article is laid out in a thread before it is shown
    (``prepare_layout``), and past ``BACKGROUND_LAYOUT_CHARS`` a new width (the
    panes shown or hidden, a resize, ``x``, ``-``/``+``) is laid out in a thread
    while the old lines stay on screen.
    """

    BINDINGS = [
        Binding("j,down", "scroll_lines(1)", "Down", show=False, id="line_down"),
        Binding("k,up", "scroll_lines(-1)", "Up", show=False, id="line_up"),
        Binding("space,pagedown", "scroll_pages(1)", "Page down", show=False, id="page_down"),
        Binding("b,pageup", "scroll_pages(-1)", "Page up", show=False, id="page_up"),
        Binding("g,home", "scroll_top", "Top", show=False, id="top"),
        Binding("G,end", "scroll_bottom", "Bottom", show=False, id="bottom"),
    ]

    COMPONENT_CLASSES = {
        "article--title",
        "article--meta",
        "article--rule",
        "article--heading1",
        "article--heading2",
        "article--heading3",
        "article--quote",
        "article--caption",
        "article--list",
        "article--pre",
        "article--prefix",
        "article--speech",
        "article--link",
        "article--marker",
        "article--mention",
        "article--quote-selected",
        "article--match",
        "article--current",
        "article--removed",
        "article--removed-label",
    }

    DEFAULT_CSS = """
    ArticleView {
        scrollbar-size: 0 0;
        overflow-x: hidden;
    }
    """

    class LinkClicked(Message):
        """The reader clicked a link in the text."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, *, reading_width: int = 80, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.text_layout: Layout | None = None
        self.reading_width = reading_width
        self.show_removed = False
        self._words = 0
        self._layers: dict[str, Ranges] = {name: Ranges() for name in LAYERS}
        #: Followable links: index in ``Article.links`` -> the number shown.
        self.link_indexes: dict[int, int] = {}
        #: Links the terminal can open itself (OSC 8): index -> absolute URL.
        self._hyperlinks: dict[int, str] = {}
        self._line_cache: LRUCache[int, Strip] = LRUCache(512)
        self._style_cache: dict[Hashable, Style] = {}
        self._margin = 0
        self._pending_offset = 0
        self._prepared: Layout | None = None
        #: The article ``text_layout`` was made for, and whether a new one is on its way.
        self._layout_article: Article | None = None
        self._laying_out = False
        #: The width the view will have, for laying out before the first layout
        #: pass (so the first frame drawn already shows the text).
        self.width_hint = 0

    # ------------------------------------------------------------------ content

    def show_article(self, article: Article, *, offset: int = 0, prepared: Layout | None = None) -> None:
        """Show ``article`` with the reading position at ``offset`` (``prepared``:
        its layout from ``prepare_layout``, used if the view has not changed since)."""
        self.article = article
        self._words = prepared.words if prepared is not None else article.words
        self.link_indexes = link_numbers(article)
        self._hyperlinks = {}
        for index in self.link_indexes:
            url = article.links[index].url
            if article.url and not url.startswith(_SAFE_URL_SCHEMES):
                url = urljoin(article.url, url)
            if _terminal_safe_url(url):
                self._hyperlinks[index] = url
        self._style_cache.clear()
        for name in LAYERS:
            self._layers[name] = Ranges()
        self._layers["links"] = Ranges(
            (article.links[index].start, article.links[index].end, ("link", index))
            for index in self.link_indexes
        )
        self._layers["speech"] = Ranges((q.start, q.end, "article--speech") for q in article.quotes)
        self._prepared = prepared
        self._relayout(offset)

    def set_speech(self, article: Article) -> None:
        """Mark the quoted speech of ``article`` (the annotated version of the one shown)."""
        if self.article is not None and article.text == self.article.text:
            self.article = article
        self._set_layer("speech", Ranges((q.start, q.end, "article--speech") for q in article.quotes))

    def set_mentions(self, spans: Iterable[tuple[int, int]]) -> None:
        self._set_layer("mentions", Ranges((s, e, "article--mention") for s, e in spans))

    def set_quote(self, span: tuple[int, int] | None) -> None:
        self._set_layer("quote", Ranges([(span[0], span[1], "article--quote-selected")] if span else []))

    def set_matches(self, spans: Iterable[tuple[int, int]]) -> None:
        self._set_layer("matches", Ranges((s, e, "article--match") for s, e in spans))

    def set_current(self, span: tuple[int, int] | None) -> None:
        """The one range the reader is on: the current match or mention."""
        self._set_layer("current", Ranges([(span[0], span[1], "article--current")] if span else []))

    def _set_layer(self, name: str, ranges: Ranges) -> None:
        """Replace a layer and redraw only the visible lines whose styling changed."""
        old = self._layers[name]
        self._layers[name] = ranges
        if self.text_layout is None:
            return
        changed = [(s, e) for s, e, _ in old.overlapping(0, 1 << 62)] + [
            (s, e) for s, e, _ in ranges.overlapping(0, 1 << 62)
        ]
        self._refresh_spans(changed)

    def _refresh_spans(self, spans: list[tuple[int, int]]) -> None:
        """Redraw the visible lines that show any of ``spans`` (a scroll key
        redraws the view; a highlight redraws only the lines it touches)."""
        if not spans or self.text_layout is None:
            return
        layout = self.text_layout
        top = round(self.scroll_y)
        height = max(self.size.height, 1)
        visible_start = layout.lines[min(top, len(layout.lines) - 1)].start if layout.lines else 0
        bottom = min(top + height, len(layout.lines)) - 1
        visible_end = layout.lines[bottom].end if layout.lines else 0
        rows: set[int] = set()
        for start, end in spans:
            if end < visible_start or start > visible_end:
                continue
            first = max(layout.line_for_offset(start), top)
            last = min(layout.line_for_offset(max(start, end - 1)), top + height - 1)
            rows.update(range(first, last + 1))
        for row in rows:
            self._line_cache.discard(row)
            self.refresh_line(row)

    def toggle_removed(self) -> bool:
        """Show or hide the removed boilerplate in place; return the new state."""
        self.show_removed = not self.show_removed
        self._relayout(self.reading_offset)
        return self.show_removed

    def change_width(self, delta: int) -> int:
        """Widen or narrow the reading measure; return the new width."""
        self.reading_width = max(MIN_WIDTH, min(self.reading_width + delta, 400))
        self._relayout(self.reading_offset)
        return self.reading_width

    # ------------------------------------------------------------------- layout

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

    # ----------------------------------------------------------------- position

    @property
    def measure(self) -> int:
        """The text width in cells: the reading width, or less on a narrow pane."""
        return self._measure_for(self.size.width or self.width_hint)

    def _measure_for(self, width: int) -> int:
        available = width - 2 if width > MIN_WIDTH + 2 else width
        return max(min(self.reading_width, available), MIN_WIDTH)

    @property
    def reading_offset(self) -> int:
        """Offset in ``Article.text`` of the line at the top of the view."""
        if self.text_layout is None:
            return 0
        top = round(self.scroll_y)
        return 0 if top == 0 else self.text_layout.offset_at(top)

    def position_label(self) -> str:
        """Where the reader is, as the status line shows it: all, top, end or a percentage."""
        if self.text_layout is None:
            return ""
        if self.max_scroll_y <= 0:
            return "all"
        if self.scroll_y <= 0:
            return "top"
        if self.scroll_y >= self.max_scroll_y:
            return "end"
        return f"{round(100 * self.scroll_y / self.max_scroll_y)}%"

    def visible_span(self) -> tuple[int, int]:
        """The range of ``Article.text`` on screen."""
        if self.text_layout is None or not self.text_layout.lines:
            return (0, 0)
        top = round(self.scroll_y)
        bottom = min(top + max(self.size.height, 1), len(self.text_layout.lines)) - 1
        start = self.text_layout.lines[min(top, bottom)].start
        return (start, max(self.text_layout.lines[bottom].end, start))

    def is_visible(self, start: int, end: int) -> bool:
        if self.text_layout is None:
            return False
        top = round(self.scroll_y)
        first = self.text_layout.line_for_offset(start)
        last = self.text_layout.line_for_offset(max(start, end - 1))
        return first >= top and last < top + self.size.height

    def scroll_to_offset(self, offset: int, *, context: int = 0) -> None:
        """Scroll so the line holding ``offset`` is ``context`` lines below the top."""
        if self.text_layout is None:
            return
        line = self.text_layout.line_for_offset(offset)
        self.scroll_to(y=max(0, line - context), animate=False, immediate=True, force=True)

    def reveal(self, start: int, end: int) -> None:
        """Bring ``[start, end)`` into view, a third of the way down, unless it is in view."""
        if not self.is_visible(start, end):
            self.scroll_to_offset(start, context=max(self.size.height // 3, 0))

    def offset_at_point(self, x: int, y: int) -> int | None:
        """The text offset drawn at view cell ``(x, y)``, if any."""
        if self.text_layout is None:
            return None
        index = round(self.scroll_y) + y
        if not 0 <= index < len(self.text_layout.lines):
            return None
        column = x - self._margin
        for piece in self.text_layout.lines[index].pieces:
            cells = Strip([Segment(piece.text)]).cell_length
            if column < cells:
                if piece.start < 0:
                    return None
                for position, char in enumerate(piece.text):
                    column -= Segment(char).cell_length
                    if column < 0:
                        return piece.start + position
                return None
            column -= cells
        return None

    # ------------------------------------------------------------------ actions

    def action_scroll_lines(self, lines: int) -> None:
        self.scroll_to(y=self.scroll_y + lines, animate=False, immediate=True, force=True)

    def action_scroll_pages(self, pages: int) -> None:
        step = max(self.size.height - 2, 1)
        self.scroll_to(y=self.scroll_y + pages * step, animate=False, immediate=True, force=True)

    def action_scroll_top(self) -> None:
        self.scroll_to(y=0, animate=False, immediate=True, force=True)

    def action_scroll_bottom(self) -> None:
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True, force=True)

    # ---------------------------------------------------------------- rendering

    def on_resize(self, event: events.Resize) -> None:
        if self.text_layout is None:
            self._relayout(self._pending_offset)
            return
        if self.text_layout.width != self.measure:
            self._relayout(self.reading_offset)
        else:
            if self.virtual_size.width != self.size.width:
                self.virtual_size = Size(self.size.width, len(self.text_layout.lines))
            self._update_margin()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style_cache.clear()
        self._line_cache.clear()

    def _invalidate(self) -> None:
        self._line_cache.clear()
        self.refresh()

    def _style(self, key: Hashable) -> Style:
        style = self._style_cache.get(key)
        if style is None:
            if isinstance(key, tuple):
                _, index = key
                style = self.get_component_rich_style("article--link", partial=True)
                if index in self._hyperlinks:
                    style += Style(link=self._hyperlinks[index])
            else:
                style = self.get_component_rich_style(str(key), partial=True)
            self._style_cache[key] = style
        return style

    def _base_style(self) -> Style:
        style = self._style_cache.get("base")
        if style is None:
            style = self.rich_style
            # The terminal's own colours need no escape codes after a reset.
            if (style.color is None or style.color.is_default) and (
                style.bgcolor is None or style.bgcolor.is_default
            ):
                style = Style(bold=style.bold, italic=style.italic) if (style.bold or style.italic) else Style()
            self._style_cache["base"] = style
        return style

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        index = round(self.scroll_y) + y
        base = self._base_style()
        if self.text_layout is None or index >= len(self.text_layout.lines):
            return Strip.blank(width, base)
        strip = self._line_cache.get(index)
        if strip is None:
            line = self.text_layout.lines[index]
            strip = paint_line(line, self._layers, base, self._style, self._margin, width)
            self._line_cache[index] = strip
        return strip

    # ------------------------------------------------------------------- focus

    def on_focus(self, event: events.Focus) -> None:
        # Nothing here is drawn differently with the focus: skip Textual's
        # repaint, which would resend a screenful of text over the wire.
        event.prevent_default()
        self.has_focus = True
        if self.parent is not None:
            self.parent.post_message(events.DescendantFocus(self))

    def on_blur(self, event: events.Blur) -> None:
        event.prevent_default()
        self.has_focus = False
        if self.parent is not None:
            self.parent.post_message(events.DescendantBlur(self))

    # -------------------------------------------------------------------- mouse

    def on_click(self, event: events.Click) -> None:
        offset = self.offset_at_point(event.x, event.y)
        if offset is None or self.article is None:
            return
        key = self._layers["links"].key_at(offset)
        if isinstance(key, tuple):
            self.post_message(self.LinkClicked(key[1]))


def _terminal_safe_url(url: str) -> bool:
    """An absolute http(s) URL of printable ASCII without spaces: nothing in it
    can end the OSC 8 sequence it is written into."""
    return url.startswith(_SAFE_URL_SCHEMES) and url.isascii() and url.isprintable() and " " not in url

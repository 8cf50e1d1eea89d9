"""What the library's list and the feed lists share: rows drawn with the Line
API, a cursor moved with the less/vim keys, the cursor row repainted alone
when the focus comes or goes. Subclasses hold the rows, say how many there
are (``__len__``) and how tall each is (``row_height``), define ``Moved``,
and draw them (``render_line``) through ``_cache``."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip


class CursorList(ScrollView, can_focus=True):
    """Rows with a cursor (see the module's docstring)."""

    BINDINGS = [
        Binding("j,down", "move(1)", "Down", show=False, id="line_down"),
        Binding("k,up", "move(-1)", "Up", show=False, id="line_up"),
        Binding("space,pagedown", "page(1)", "Page down", show=False, id="page_down"),
        Binding("b,pageup", "page(-1)", "Page up", show=False, id="page_up"),
        Binding("g,home", "first", "Top", show=False, id="top"),
        Binding("G,end", "last", "Bottom", show=False, id="bottom"),
    ]

    #: Posted when the cursor moves; subclasses give it their own field name.
    Moved: type[Message]

    #: Drawn rows; cleared when the size or the styles change.
    _cache: dict | object

    cursor = 0

    @property
    def row_height(self) -> int:
        return 1

    def __len__(self) -> int:
        raise NotImplementedError

    # -------------------------------------------------------------- actions

    def action_move(self, step: int) -> None:
        self.move_cursor(self.cursor + step)

    def action_page(self, pages: int) -> None:
        rows = max(self.size.height // self.row_height - 1, 1)
        self.move_cursor(self.cursor + pages * rows)

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self) - 1)

    def move_cursor(self, index: int) -> None:
        if not len(self):
            return
        index = max(0, min(index, len(self) - 1))
        old, self.cursor = self.cursor, index
        self._reveal(index)
        self._refresh_row(old)
        self._refresh_row(index)
        if old != index:
            self.post_message(self.Moved(self))

    def _reveal(self, index: int) -> None:
        top, height = round(self.scroll_y), max(self.size.height, 1)
        first = index * self.row_height
        last = first + self.row_height
        if first < top:
            self.scroll_to(y=first, animate=False, force=True, immediate=True)
        elif last > top + height:
            self.scroll_to(y=last - height, animate=False, force=True, immediate=True)

    def _refresh_row(self, index: int) -> None:
        height = self.row_height
        self.refresh_lines(index * height - round(self.scroll_y), height)

    # ------------------------------------------------------------ rendering

    def _resize(self) -> None:
        size = Size(self.size.width, len(self) * self.row_height)
        if size != self.virtual_size:
            self.virtual_size = size

    def on_resize(self, event: events.Resize) -> None:
        self._cache.clear()  # type: ignore[union-attr]
        self._resize()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()  # type: ignore[union-attr]

    def text_strip(self, text: Text, width: int, style: Style) -> Strip:
        """``text`` as one line of ``width`` cells in ``style``."""
        text.end = ""
        segments = list(text.render(self.app.console, end=""))
        return Strip(segments).apply_style(style).adjust_cell_length(width, style)

    # ---------------------------------------------------------------- focus

    def on_focus(self, event: events.Focus) -> None:
        # Only the cursor row looks different with the focus: repaint it, not the widget.
        event.prevent_default()
        self.has_focus = True
        self._refresh_row(self.cursor)
        if self.parent is not None:
            self.parent.post_message(events.DescendantFocus(self))

    def on_blur(self, event: events.Blur) -> None:
        event.prevent_default()
        self.has_focus = False
        self._refresh_row(self.cursor)
        if self.parent is not None:
            self.parent.post_message(events.DescendantBlur(self))

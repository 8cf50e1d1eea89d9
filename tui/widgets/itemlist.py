"""A list of wrapped items with a cursor, drawn with the Line API.

The side panes use it instead of Textual's OptionList: it lays nothing out
again when it is filled (OptionList measures its options on first render and
asks for a second layout pass, which redraws the whole screen), and moving
the cursor redraws only the two items involved.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip


@dataclass(slots=True, frozen=True)
class Item:
    """One entry; ``selectable`` False for headings and placeholders."""

    prompt: Text
    selectable: bool = True


class ItemList(ScrollView, can_focus=True):
    """Items, wrapped to the width, one of them under the cursor."""

    BINDINGS = [
        Binding("down,j", "move(1)", "Next", show=False, id="pane_next"),
        Binding("up,k", "move(-1)", "Previous", show=False, id="pane_previous"),
        Binding("home,g", "first", "First", show=False, id="pane_first"),
        Binding("end,G", "last", "Last", show=False, id="pane_last"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="pane_page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="pane_page_up"),
        Binding("enter", "select", "Choose", show=False, id="pane_choose"),
    ]

    COMPONENT_CLASSES = {"itemlist--cursor", "itemlist--cursor-blurred", "itemlist--heading"}

    DEFAULT_CSS = """
    ItemList {
        scrollbar-size: 0 0;
        overflow-x: hidden;
    }
    """

    @dataclass
    class Highlighted(Message):
        item_list: ItemList
        index: int

    @dataclass
    class Selected(Message):
        item_list: ItemList
        index: int

    def __init__(self, items: list[Item] | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[Item] = list(items or [])
        self.cursor: int | None = None
        self._lines: list[tuple[int, Strip]] = []  # (item index, strip) per display line
        self._first_line: list[int] = []
        self._width = 0

    # --------------------------------------------------------------- content

    def set_items(self, items: list[Item]) -> None:
        self.items = list(items)
        self.cursor = None
        self._width = 0
        self._wrap()
        self.scroll_to(y=0, animate=False, force=True)
        self.refresh()

    def item_texts(self) -> list[str]:
        return [item.prompt.plain for item in self.items]

    def move_cursor(self, index: int | None, *, announce: bool = True) -> None:
        """Put the cursor on item ``index`` and bring it into view."""
        old = self.cursor
        self.cursor = index
        if index is not None:
            self._reveal(index)
        self._refresh_item(old)
        self._refresh_item(index)
        if announce and index is not None and index != old:
            self.post_message(self.Highlighted(self, index))

    # -------------------------------------------------------------- actions

    def action_move(self, step: int) -> None:
        selectable = [i for i, item in enumerate(self.items) if item.selectable]
        if not selectable:
            return
        if self.cursor is None:
            self.move_cursor(selectable[0] if step > 0 else selectable[-1])
            return
        later = [i for i in selectable if (i > self.cursor if step > 0 else i < self.cursor)]
        if later:
            self.move_cursor(later[0] if step > 0 else later[-1])

    def action_first(self) -> None:
        self.cursor = None
        self.action_move(1)

    def action_last(self) -> None:
        self.cursor = None
        self.action_move(-1)

    def action_page(self, pages: int) -> None:
        for _ in range(max(self.size.height // 2, 1)):
            self.action_move(pages)

    def action_select(self) -> None:
        if self.cursor is not None and self.items[self.cursor].selectable:
            self.post_message(self.Selected(self, self.cursor))

    # ------------------------------------------------------------ rendering

    def _wrap(self) -> None:
        width = self.size.width
        if not width or width == self._width and self._lines:
            return
        self._width = width
        console = self.app.console
        self._lines = []
        self._first_line = []
        for index, item in enumerate(self.items):
            self._first_line.append(len(self._lines))
            for line in item.prompt.wrap(console, width, overflow="fold"):
                # Text.render ignores a Text's own style when it has no spans: make it one.
                if item.prompt.style:
                    line.stylize_before(item.prompt.style)
                self._lines.append((index, Strip(list(line.render(console, end="")))))
        size = Size(width, len(self._lines))
        if size != self.virtual_size:
            self.virtual_size = size

    def on_resize(self, event: events.Resize) -> None:
        self._wrap()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        row = round(self.scroll_y) + y
        base = self.rich_style
        if row >= len(self._lines):
            return Strip.blank(width, base)
        index, strip = self._lines[row]
        style = base
        if index == self.cursor:
            name = "itemlist--cursor" if self.has_focus else "itemlist--cursor-blurred"
            style = base + self.get_component_rich_style(name, partial=True)
        elif not self.items[index].selectable:
            style = base + self.get_component_rich_style("itemlist--heading", partial=True)
        line = Strip([Segment(text, style + seg_style if seg_style else style) for text, seg_style, _ in strip])
        return line.adjust_cell_length(width, style if index == self.cursor else base)

    def _refresh_item(self, index: int | None) -> None:
        if index is None or index >= len(self._first_line):
            return
        start = self._first_line[index]
        end = self._first_line[index + 1] if index + 1 < len(self._first_line) else len(self._lines)
        self.refresh_lines(start, max(end - start, 1))

    def _reveal(self, index: int) -> None:
        self._wrap()
        if index >= len(self._first_line):
            return
        start = self._first_line[index]
        end = self._first_line[index + 1] if index + 1 < len(self._first_line) else len(self._lines)
        top, height = round(self.scroll_y), max(self.size.height, 1)
        if start < top:
            self.scroll_to(y=start, animate=False, force=True, immediate=True)
        elif end > top + height:
            self.scroll_to(y=max(end - height, 0), animate=False, force=True, immediate=True)

    # --------------------------------------------------------- focus, mouse

    def on_focus(self, event: events.Focus) -> None:
        event.prevent_default()
        self.has_focus = True
        self._refresh_item(self.cursor)
        if self.parent is not None:
            self.parent.post_message(events.DescendantFocus(self))

    def on_blur(self, event: events.Blur) -> None:
        event.prevent_default()
        self.has_focus = False
        self._refresh_item(self.cursor)
        if self.parent is not None:
            self.parent.post_message(events.DescendantBlur(self))

    def on_click(self, event: events.Click) -> None:
        row = round(self.scroll_y) + event.y
        if 0 <= row < len(self._lines):
            index = self._lines[row][0]
            if self.items[index].selectable:
                self.move_cursor(index)
                self.post_message(self.Selected(self, index))

"""The status line: what is happening (loading, search matches, the entity
being followed) on the left, the reading position on the right."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class StatusLine(Widget):
    """One line; parts are plain strings or ``Text`` and are never parsed as markup."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        width: 1fr;
    }
    """

    message: reactive[Text] = reactive(Text, layout=False)
    detail: reactive[str] = reactive("", layout=False)
    position: reactive[str] = reactive("", layout=False)

    def say(self, message: str | Text, *, style: str = "") -> None:
        """Replace the left-hand message."""
        self.message = message if isinstance(message, Text) else Text(message, style=style)

    def render(self) -> Text:
        right = Text()
        if self.detail:
            right.append(self.detail)
        if self.position:
            if right:
                right.append("  ")
            right.append(self.position, style="bold")
        width = self.size.width
        left = self.message.copy()
        room = max(width - right.cell_len - 2, 0)
        left.truncate(room, overflow="ellipsis")
        gap = max(width - left.cell_len - right.cell_len, 1)
        return Text.assemble(left, " " * gap, right, no_wrap=True, overflow="crop")

"""The help screen: every binding, from the same table as the command palette
(the app builds it), grouped by where it works."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

if TYPE_CHECKING:
    from byline.tui.app.commands import Command

EXTRA_NOTES = (
    "Links in the text are numbered [1], [2]…; f lists them. Terminals that support "
    "OSC 8 hyperlinks also open them on click (Ctrl/Cmd-click in most).",
    "Ctrl-P opens the command palette: every action above, by name.",
    "Ctrl-Z suspends byline; fg brings it back.",
)


class HelpScreen(ModalScreen[None]):
    """Keys and what they do."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help"),
        Binding("j,down", "scroll_down", "Down", show=False),
        Binding("k,up", "scroll_up", "Up", show=False),
    ]

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen > VerticalScroll {
        width: 84;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        padding: 0 1;
        border: round $primary;
        background: $surface;
    }
    """

    def __init__(self, commands: Iterable[Command]) -> None:
        """``commands``: the table the command palette offers too (``app.commands``)."""
        super().__init__()
        self.commands = list(commands)

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self._table())

    def _table(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True, style="bold")
        table.add_column()
        group = None
        for command in self.commands:
            if command.group != group:
                if group is not None:
                    table.add_row("", "")
                group = command.group
                table.add_row(Text(group, style="bold underline"), "")
            table.add_row(Text(", ".join(command.keys)), Text(command.description))
        table.add_row("", "")
        for note in EXTRA_NOTES:
            table.add_row("", Text(note, style="dim"))
        return table

    def action_scroll_down(self) -> None:
        self.query_one(VerticalScroll).scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.query_one(VerticalScroll).scroll_up(animate=False)

"""The help screen: every binding, from the same table as the command palette
(the app builds it), grouped by where it works."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from byline.extract import clean_inline

if TYPE_CHECKING:
    from byline.tui.app.commands import Command

EXTRA_NOTES = (
    "Links in the text are numbered [1], [2]…; f lists them. Terminals that support "
    "OSC 8 hyperlinks also open them on click (Ctrl/Cmd-click in most).",
    "Ctrl-P opens the command palette: every action above, by name.",
    "Ctrl-Z suspends byline; fg brings it back.",
    "This help scrolls as the article does: j k, Space b, d u, g G (and Ctrl-E Ctrl-Y, "
    "Ctrl-F Ctrl-B, Ctrl-D Ctrl-U); Esc, q or ? closes it.",
)


class HelpScreen(ModalScreen[None]):
    """Keys and what they do."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help"),
        Binding("j,down,ctrl+e", "scroll(1)", "Down", show=False),
        Binding("k,up,ctrl+y", "scroll(-1)", "Up", show=False),
        Binding("space,pagedown,ctrl+f", "scroll_pages(1)", "Page down", show=False),
        Binding("b,pageup,ctrl+b", "scroll_pages(-1)", "Page up", show=False),
        Binding("d,ctrl+d", "scroll_pages(0.5)", "Half a page down", show=False),
        Binding("u,ctrl+u", "scroll_pages(-0.5)", "Half a page up", show=False),
        Binding("g,home", "top", "Top", show=False),
        Binding("G,end", "bottom", "Bottom", show=False),
    ]

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen #problems {
        margin-bottom: 1;
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

    def __init__(self, commands: Iterable[Command], *, problems: Iterable[str] = ()) -> None:
        """``commands``: the table the command palette offers too (``app.commands``);
        ``problems``: what is wrong in the config file, one line each, listed first."""
        super().__init__()
        self.commands = list(commands)
        self.problems = list(problems)

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            if self.problems:
                yield Static(self._problems(), id="problems")
            yield Static(self._table())

    def _problems(self) -> Text:
        """What is wrong in the config file, each problem a paragraph of its own."""
        text = Text("Config file\n", style="bold underline")
        for problem in self.problems:
            text.append("\n")
            text.append("! ", style="bold")
            text.append(clean_inline(problem))  # a path or a name from the file: data, never a control
            text.append("\n")
        return text

    def _table(self) -> Group:
        """Each group's keys under its heading (headings above, not in, the keys'
        column, which stays as narrow as the keys), then the notes."""
        shown = [Text(", ".join(c.keys)) if c.keys else Text("no key", style="dim italic") for c in self.commands]
        width = max((text.cell_len for text in shown), default=0)
        parts: list[Text | Table] = []
        table: Table | None = None
        group = None
        for command, keys in zip(self.commands, shown):
            if command.group != group or table is None:
                group = command.group
                parts.append(Text(("\n" if parts else "") + group, style="bold underline"))
                table = _key_table(width)
                parts.append(table)
            table.add_row(keys, Text(command.description))
        parts.append(Text(""))
        notes = _key_table(width)
        for note in EXTRA_NOTES:
            notes.add_row("", Text(note, style="dim"))
        parts.append(notes)
        return Group(*parts)

    # less's and vim's keys, as in the article.
    def action_scroll(self, lines: int) -> None:
        scroller = self.query_one(VerticalScroll)
        scroller.scroll_to(y=scroller.scroll_y + lines, animate=False)

    def action_scroll_pages(self, pages: float) -> None:
        scroller = self.query_one(VerticalScroll)
        step = max(scroller.scrollable_content_region.height - 1, 1)
        scroller.scroll_to(y=scroller.scroll_y + round(pages * step), animate=False)

    def action_top(self) -> None:
        self.query_one(VerticalScroll).scroll_home(animate=False)

    def action_bottom(self) -> None:
        self.query_one(VerticalScroll).scroll_end(animate=False)


def _key_table(key_width: int) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="bold", width=key_width)
    table.add_column()
    return table

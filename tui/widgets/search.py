"""The search bar: ``/``, then Enter to find, Escape to close."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.message import Message
from byline.tui.widgets.plain_input import PlainInput


class SearchBar(PlainInput):
    """The ``/`` prompt; Enter searches, Escape closes."""

    BINDINGS = [Binding("escape", "close", "Close search", show=False)]

    @dataclass
    class Closed(Message):
        pass

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="Search the article (Enter to find, Esc to close)", id=id)

    def action_close(self) -> None:
        self.post_message(self.Closed())

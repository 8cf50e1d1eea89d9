"""Finding text in the article: the search bar and the match list."""

from __future__ import annotations

import re
from dataclasses import dataclass

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


def find_matches(text: str, query: str) -> list[tuple[int, int]]:
    """Every occurrence of ``query`` in ``text``, as offsets.

    Case-insensitive unless the query has a capital letter (less's -i, vim's
    smartcase). The query is literal text, never a pattern.
    """
    if not query:
        return []
    flags = 0 if any(char.isupper() for char in query) else re.IGNORECASE
    return [match.span() for match in re.finditer(re.escape(query), text, flags)]


class SearchBar(Input):
    """The ``/`` prompt; Enter searches, Escape closes."""

    BINDINGS = [Binding("escape", "close", "Close search", show=False)]

    @dataclass
    class Closed(Message):
        pass

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="Search the article (Enter to find, Esc to close)", id=id)

    def action_close(self) -> None:
        self.post_message(self.Closed())

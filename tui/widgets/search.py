"""The search bar: ``/``, then type (matches light up as you go), Enter to
keep the search, Escape to put things back; Up and Down recall earlier queries."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.message import Message

from byline.tui.widgets.plain_input import PlainInput

#: Queries kept in the history.
HISTORY_SIZE = 100


class SearchHistory:
    """The queries searched this session, oldest first, each once; Up and Down
    in the search bar walk it, coming back to what was being typed."""

    def __init__(self) -> None:
        self.queries: list[str] = []
        self._index: int | None = None
        self._typed = ""

    def add(self, query: str) -> None:
        """``query`` was searched: it becomes the newest (once)."""
        self.rewind()
        if not query:
            return
        if query in self.queries:
            self.queries.remove(query)
        self.queries.append(query)
        del self.queries[:-HISTORY_SIZE]

    def rewind(self) -> None:
        """Forget the walk (the bar was closed)."""
        self._index = None
        self._typed = ""

    def older(self, typed: str) -> str | None:
        """The query before the one shown (``typed``: what the bar holds now); None at the oldest."""
        if not self.queries:
            return None
        if self._index is None:
            self._typed = typed
            self._index = len(self.queries)
        if self._index == 0:
            return None
        self._index -= 1
        return self.queries[self._index]

    def newer(self) -> str | None:
        """The query after the one shown, or what was being typed; None when not walking."""
        if self._index is None:
            return None
        self._index += 1
        if self._index >= len(self.queries):
            typed = self._typed
            self.rewind()
            return typed
        return self.queries[self._index]


class SearchBar(PlainInput):
    """The ``/`` prompt over a ``SearchHistory``."""

    BINDINGS = [
        Binding("escape", "close", "Close search", show=False),
        Binding("up", "history(-1)", "Earlier search", show=False),
        Binding("down", "history(1)", "Later search", show=False),
    ]

    @dataclass
    class Closed(Message):
        pass

    def __init__(self, history: SearchHistory, *, id: str | None = None) -> None:
        super().__init__(placeholder="Search the article (Enter keeps it, Esc goes back, ↑ ↓ earlier searches)", id=id)
        self.history = history

    def action_close(self) -> None:
        self.post_message(self.Closed())

    def action_history(self, step: int) -> None:
        query = self.history.older(self.value) if step < 0 else self.history.newer()
        if query is not None:
            self.value = query
            self.cursor_position = len(query)

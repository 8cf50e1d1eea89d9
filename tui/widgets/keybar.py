"""The key bar: the shown bindings of whatever has the focus, on one line.

Textual's Footer builds a widget per key; this draws the same information as
one line of text, which costs a fraction of the start-up time and of the
bytes sent when the focus moves. The keys come from the bindings themselves
(``show=True``), so the bar is never a hand-kept list.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import events
from textual.binding import ActiveBinding, Binding
from textual.widget import Widget


class KeyBar(Widget):
    """``? Help  / Search  …`` for the focused widget, and the palette key on the right."""

    DEFAULT_CSS = """
    KeyBar {
        height: 1;
        width: 1fr;
    }
    """

    COMPONENT_CLASSES = {"keybar--key"}

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._spans: list[tuple[int, int, str, object]] = []

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keybar--key", partial=True)
        bar = Text(no_wrap=True, overflow="crop")
        self._spans = []
        seen: set[str] = set()
        for active in _in_declared_order(self.screen.active_bindings.values()):
            binding = active.binding
            if not binding.show or not binding.description or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            start = bar.cell_len
            bar.append(self.app.get_key_display(binding), style=key_style)
            bar.append(f" {binding.description}  ")
            self._spans.append((start, bar.cell_len, binding.action, active.node))
        palette = Text.assemble(("^p", key_style), " commands")
        room = self.size.width - bar.cell_len
        if room > palette.cell_len:
            bar.append(" " * (room - palette.cell_len))
            bar.append_text(palette)
        return bar

    async def on_click(self, event: events.Click) -> None:
        for start, end, action, node in self._spans:
            if start <= event.x < end:
                await self.app.run_action(action, node)  # type: ignore[arg-type]
                return


def _in_declared_order(bindings: Iterable[ActiveBinding]) -> list[ActiveBinding]:
    """The bindings each node's in the order its ``BINDINGS`` declares them (the
    nodes in the order Textual gives). Textual orders by key: a key bound twice
    (the reader's ``p``: previous unread in a feed's article, else the panes)
    would take the place of its first binding, however far down it is shown."""
    listed = list(bindings)
    nodes: dict[int, int] = {}
    for active in listed:
        nodes.setdefault(id(active.node), len(nodes))

    def rank(active: ActiveBinding) -> tuple[int, int]:
        declared = getattr(type(active.node), "BINDINGS", [])
        place = next((n for n, b in enumerate(declared) if _same(b, active.binding)), len(declared))
        return nodes[id(active.node)], place

    return sorted(listed, key=rank)


def _same(declared: object, binding: Binding) -> bool:
    if not isinstance(declared, Binding):
        return False
    if binding.id:
        return declared.id == binding.id
    return declared.action == binding.action

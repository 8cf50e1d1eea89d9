"""A one-line tab strip for narrow terminals: Article | Entities | Quotes."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

TABS = (("article", "Article"), ("entities", "Entities"), ("quotes", "Quotes"))


class TabStrip(Widget):
    """Shows which of the three panes is in front; a click brings one forward."""

    DEFAULT_CSS = """
    TabStrip {
        height: 1;
        width: 1fr;
    }
    """

    COMPONENT_CLASSES = {"tabstrip--active", "tabstrip--inactive"}

    active: reactive[str] = reactive("article", layout=False)
    counts: reactive[dict[str, int | None]] = reactive(dict, layout=False)

    @dataclass
    class Clicked(Message):
        tab: str

    def render(self) -> Text:
        strip = Text(no_wrap=True, overflow="crop")
        active = self.get_component_rich_style("tabstrip--active", partial=True)
        inactive = self.get_component_rich_style("tabstrip--inactive", partial=True)
        self._spans: list[tuple[int, int, str]] = []
        for name, label in TABS:
            count = self.counts.get(name)
            shown = f" {label} {count} " if count is not None else f" {label} "
            start = strip.cell_len
            strip.append(shown, style=active if name == self.active else inactive)
            self._spans.append((start, strip.cell_len, name))
            strip.append(" ")
        return strip

    def on_click(self, event: events.Click) -> None:
        for start, end, name in getattr(self, "_spans", []):
            if start <= event.x < end:
                self.post_message(self.Clicked(name))
                return

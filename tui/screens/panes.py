"""The side panes from the reader screen: which one is in front, filling
them, and choosing in them. A mixin of ``ReaderScreen``; the state lives there.

Handlers here are named (``on_…``), not ``@on``: Textual collects ``@on``
handlers only from classes its metaclass builds, and a mixin is a plain class.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Label

from byline.extract import Entity, Quote
from byline.tui.widgets.panes import EntitiesPane, QuotesPane
from byline.tui.widgets.tabstrip import TabStrip

if TYPE_CHECKING:
    from byline.tui.screens.reader import Page, ReaderScreen

    _Base = ReaderScreen
else:
    _Base = object

PANES = ("article", "entities", "quotes")


class ReaderPanes(_Base):
    """Panes for ``ReaderScreen``."""

    def _expected_view_width(self) -> int:
        """The article pane's width before the first layout: the screen, less
        the side panes when they stand beside it."""
        width = self.app.size.width
        side = self.query_one("#side")
        styles = side.styles
        if not self.narrow and self.has_class("-panes") and styles.width is not None:
            width -= int(styles.width.value)
            if styles.box_sizing == "content-box":
                width -= styles.gutter.width
        return max(width, 0)

    def _fill_panes(self, page: Page) -> None:
        tabs = self.query_one(TabStrip)
        if page.annotated:
            self.entities_pane.show_entities(page.article)
            self.quotes_pane.show_quotes(page.article)
            people = sum(1 for e in page.article.entities if e.mentions)
            tabs.counts = {"entities": people, "quotes": len(page.article.quotes)}
        else:
            self.entities_pane.show_placeholder("finding entities…")
            self.quotes_pane.show_placeholder("finding quotes…")
            tabs.counts = {}
        for name in ("entities", "quotes"):
            title = _pane_title(name.capitalize(), tabs.counts.get(name))
            label = self.query_one(f"#{name}-title", Label)
            if str(label.render()) != title.plain:
                label.update(title)

    def action_toggle_panes(self) -> None:
        self.toggle_class("-panes")
        if not self.has_class("-panes"):
            self.show_tab("article")

    def action_next_pane(self) -> None:
        self.show_tab(PANES[(PANES.index(self.tab) + 1) % len(PANES)])

    def action_previous_pane(self) -> None:
        self.show_tab(PANES[(PANES.index(self.tab) - 1) % len(PANES)])

    def show_tab(self, tab: str, *, focus: bool = True) -> None:
        """Bring a pane forward (narrow) or focus it (wide)."""
        if tab != "article":
            self.add_class("-panes")
        self.remove_class(f"-tab-{self.tab}")
        self.tab = tab
        self.add_class(f"-tab-{tab}")
        self.query_one(TabStrip).active = tab
        if focus:
            self.set_focus(self.query_one(f"#{tab}"))

    def on_tab_strip_clicked(self, event: TabStrip.Clicked) -> None:
        self.show_tab(event.tab)

    def on_entities_pane_chosen(self, event: EntitiesPane.Chosen) -> None:
        self.follow_entity(event.entity, jump=event.jump)
        if event.jump and self.narrow:
            self.show_tab("article")

    def on_quotes_pane_chosen(self, event: QuotesPane.Chosen) -> None:
        self.select_quote(event.quote, jump=event.jump)
        if event.jump and self.narrow:
            self.show_tab("article")

    def reveal_in_pane(self, item: Entity | Quote) -> None:
        if isinstance(item, Quote):
            self.show_tab("quotes")
            self.quotes_pane.reveal(item)
            self.select_quote(item, jump=False)
        else:
            self.show_tab("entities")
            self.entities_pane.reveal(item)
            self.follow_entity(item, jump=False)


def _pane_title(name: str, count: int | None) -> Text:
    return Text(f"{name} ({count})" if count is not None else name, style="bold")

"""The side panes: the people, organisations and places an article names, and
the quotes it carries, each under its title. Each pane is an item list of
``Text`` prompts (never markup strings: names and quotes are article data);
choosing one posts a message up."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label

from byline.extract import Article, Entity, Quote
from byline.tui.widgets.itemlist import Item, ItemList

#: Pane groups: entity type -> heading, in display order.
ENTITY_GROUPS = (("PERSON", "People"), ("ORG", "Organisations"), ("PLACE", "Places"))

QUOTE_PREVIEW = 160


def entity_prompt(entity: Entity) -> Text:
    count = len(entity.mentions)
    prompt = Text(entity.name)
    prompt.append(f"  {count}", style="dim")
    return prompt


def quote_prompt(quote: Quote) -> Text:
    words = " ".join(quote.text.split())
    if len(words) > QUOTE_PREVIEW:
        words = words[: QUOTE_PREVIEW - 1].rstrip() + "…"
    speaker = (quote.speaker, "bold") if quote.speaker else ("unattributed", "italic dim")
    return Text.assemble(speaker, " — ", f"“{words}”")


class _Pane(ItemList):
    """An item list that starts with a placeholder line (built with it: filling
    it after the first paint would cost a repaint)."""

    def __init__(self, *, placeholder: str = "", id: str | None = None) -> None:
        super().__init__([_placeholder_item(placeholder)] if placeholder else [], id=id)
        self._placeholder = placeholder

    def show_placeholder(self, message: str) -> None:
        if message == self._placeholder and len(self.items) == 1:
            return
        self._placeholder = message
        self.set_items([_placeholder_item(message)])

    def fill(self, items: list[Item]) -> None:
        self._placeholder = ""
        self.set_items(items)

    def _chosen(self, index: int, jump: bool) -> None:
        """Post the pane's ``Chosen`` for item ``index`` (highlighted, or selected: ``jump``)."""
        raise NotImplementedError

    def on_item_list_highlighted(self, event: ItemList.Highlighted) -> None:
        event.stop()
        if self.has_focus:
            self._chosen(event.index, jump=False)

    def on_item_list_selected(self, event: ItemList.Selected) -> None:
        event.stop()
        self._chosen(event.index, jump=True)


def _placeholder_item(message: str) -> Item:
    return Item(Text(message, style="italic"), selectable=False)


class EntitiesPane(_Pane):
    """People / Organisations / Places, each in the article's order (the library
    ranks its entities most salient first), with counts."""

    @dataclass
    class Chosen(Message):
        """An entity was highlighted (``jump`` False) or selected (``jump`` True)."""

        entity: Entity
        jump: bool

    def __init__(self, *, placeholder: str = "", id: str | None = None) -> None:
        super().__init__(placeholder=placeholder, id=id)
        self.entities: list[Entity | None] = []
        self._by_name: dict[str, int] = {}

    def show_entities(self, article: Article) -> None:
        items: list[Item] = []
        self.entities = []
        self._by_name = {}
        for kind, heading in ENTITY_GROUPS:
            group = [e for e in article.entities if e.type == kind and e.mentions]
            if not group:
                continue
            items.append(Item(Text(f"{heading} ({len(group)})", style="bold"), selectable=False))
            self.entities.append(None)
            for entity in group:
                self._by_name[entity.name] = len(items)
                items.append(Item(entity_prompt(entity)))
                self.entities.append(entity)
        if not items:
            self.show_placeholder("No people, organisations or places found.")
            self.entities = [None]
            return
        self.fill(items)

    def reveal(self, entity: Entity) -> None:
        """Put the cursor on ``entity`` (without choosing it)."""
        index = self._by_name.get(entity.name)
        if index is not None:
            self.move_cursor(index, announce=False)

    def _chosen(self, index: int, jump: bool) -> None:
        if 0 <= index < len(self.entities):
            entity = self.entities[index]
            if entity is not None:
                self.post_message(self.Chosen(entity, jump))


class QuotesPane(_Pane):
    """Speaker — quote, in article order; unattributed quotes say so."""

    @dataclass
    class Chosen(Message):
        quote: Quote
        jump: bool

    def __init__(self, *, placeholder: str = "", id: str | None = None) -> None:
        super().__init__(placeholder=placeholder, id=id)
        self.quotes: list[Quote] = []

    def show_quotes(self, article: Article) -> None:
        self.quotes = sorted(article.quotes, key=lambda q: q.start)
        if not self.quotes:
            self.show_placeholder("No quotes found.")
            return
        self.fill([Item(quote_prompt(quote)) for quote in self.quotes])

    def reveal(self, quote: Quote) -> None:
        for index, candidate in enumerate(self.quotes):
            if candidate.start == quote.start:
                self.move_cursor(index, announce=False)
                return

    def _chosen(self, index: int, jump: bool) -> None:
        if 0 <= index < len(self.quotes):
            self.post_message(self.Chosen(self.quotes[index], jump))


class SidePanes(Vertical):
    """The entities and quotes panes under their titles, filled together: one
    above the other beside the article, side by side below it (the stylesheet
    says which)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="entities-box", classes="pane-box"):
            yield Label(Text("Entities"), id="entities-title", classes="pane-title")
            yield EntitiesPane(placeholder="finding entities…", id="entities")
        with Vertical(id="quotes-box", classes="pane-box"):
            yield Label(Text("Quotes"), id="quotes-title", classes="pane-title")
            yield QuotesPane(placeholder="finding quotes…", id="quotes")

    def show(self, article: Article, *, annotated: bool) -> dict[str, int | None]:
        """Fill the panes (placeholders while entities are still to find); return
        the count each pane's tab shows."""
        entities = self.query_one(EntitiesPane)
        quotes = self.query_one(QuotesPane)
        counts: dict[str, int | None] = {}
        if annotated:
            entities.show_entities(article)
            quotes.show_quotes(article)
            counts = {"entities": sum(1 for e in article.entities if e.mentions), "quotes": len(article.quotes)}
        else:
            entities.show_placeholder("finding entities…")
            quotes.show_placeholder("finding quotes…")
        for name in ("entities", "quotes"):
            title = _pane_title(name.capitalize(), counts.get(name))
            label = self.query_one(f"#{name}-title", Label)
            if str(label.render()) != title.plain:
                label.update(title)
        return counts


def _pane_title(name: str, count: int | None) -> Text:
    return Text(f"{name} ({count})" if count is not None else name, style="bold")

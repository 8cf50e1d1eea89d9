"""The side panes: the people, organisations and places an article names, and
the quotes it carries. Each is an option list of ``Text`` prompts (never markup
strings: names and quotes are article data); choosing one posts a message up."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from extract import Article, Entity, Quote

#: Pane groups: entity type -> heading, in display order.
ENTITY_GROUPS = (("PERSON", "People"), ("ORG", "Organisations"), ("PLACE", "Places"))

QUOTE_PREVIEW = 160


def salience(entity: Entity, article: Article) -> tuple[float, int]:
    """Sort key, most salient first: mentions, with a bonus for being in the
    title or the opening paragraph (where news puts who the story is about)."""
    mentions = len(entity.mentions)
    first = min((start for start, _ in entity.mentions), default=len(article.text))
    score = float(mentions)
    title = (article.title or "").casefold()
    if title and any(form.casefold() in title for form in (entity.name, *entity.aliases)):
        score += 2
    lede_end = article.blocks[0].end if article.blocks else 0
    for block in article.blocks:
        if block.kind == "paragraph":
            lede_end = block.end
            break
    if first < lede_end:
        score += 1
    return (-score, first)


def entity_prompt(entity: Entity) -> Text:
    count = len(entity.mentions)
    prompt = Text(entity.name)
    prompt.append(f"  {count}", style="dim")
    return prompt


def quote_prompt(quote: Quote) -> Text:
    words = " ".join(quote.text.split())
    if len(words) > QUOTE_PREVIEW:
        words = words[: QUOTE_PREVIEW - 1].rstrip() + "…"
    if quote.speaker:
        prompt = Text(quote.speaker, style="bold")
    else:
        prompt = Text("unattributed", style="italic dim")
    prompt.append(" — ")
    prompt.append(f"“{words}”")
    return prompt


class _Pane(OptionList):
    """An option list with less/vim keys and a placeholder line."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]

    def __init__(self, *, placeholder: str = "", id: str | None = None) -> None:
        # Built with its placeholder: filling it after the first paint would lay the screen out again.
        super().__init__(*([_placeholder_option(placeholder)] if placeholder else []), id=id)
        self._placeholder = placeholder

    def show_placeholder(self, message: str) -> None:
        if message == self._placeholder and self.option_count == 1:
            return
        self._placeholder = message
        self.set_options([_placeholder_option(message)])

    def set_options(self, options):  # type: ignore[no-untyped-def]
        self._placeholder = "" if not isinstance(options, list) or len(options) != 1 else self._placeholder
        return super().set_options(options)


def _placeholder_option(message: str) -> Option:
    return Option(Text(message, style="italic"), disabled=True)


class EntitiesPane(_Pane):
    """People / Organisations / Places, each in salience order, with counts."""

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
        options: list[Option] = []
        self.entities = []
        self._by_name = {}
        for kind, heading in ENTITY_GROUPS:
            group = sorted(
                (e for e in article.entities if e.type == kind and e.mentions),
                key=lambda e: salience(e, article),
            )
            if not group:
                continue
            options.append(Option(Text(f"{heading} ({len(group)})", style="bold"), disabled=True))
            self.entities.append(None)
            for entity in group:
                self._by_name[entity.name] = len(options)
                options.append(Option(entity_prompt(entity)))
                self.entities.append(entity)
        if not options:
            self.show_placeholder("No people, organisations or places found.")
            self.entities = [None]
            return
        self.set_options(options)

    def reveal(self, entity: Entity) -> None:
        """Highlight ``entity`` in the list (without choosing it)."""
        index = self._by_name.get(entity.name)
        if index is not None:
            self.highlighted = index

    def _chosen(self, index: int | None, jump: bool) -> None:
        if index is not None and 0 <= index < len(self.entities):
            entity = self.entities[index]
            if entity is not None:
                self.post_message(self.Chosen(entity, jump))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self.has_focus:
            self._chosen(event.option_index, jump=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._chosen(event.option_index, jump=True)


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
        self.set_options([Option(quote_prompt(quote)) for quote in self.quotes])

    def reveal(self, quote: Quote) -> None:
        for index, candidate in enumerate(self.quotes):
            if candidate.start == quote.start:
                self.highlighted = index
                return

    def _chosen(self, index: int | None, jump: bool) -> None:
        if index is not None and 0 <= index < len(self.quotes):
            self.post_message(self.Chosen(self.quotes[index], jump))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self.has_focus:
            self._chosen(event.option_index, jump=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._chosen(event.option_index, jump=True)

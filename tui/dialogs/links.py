"""``f``: the article's numbered links; type a number or pick one to follow it."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from extract import Article


class LinksDialog(ModalScreen[int | None]):
    """Returns the index in ``Article.links`` of the link to follow."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    DEFAULT_CSS = """
    LinksDialog {
        align: center middle;
    }
    LinksDialog > Vertical {
        width: 96;
        max-width: 100%;
        height: auto;
        max-height: 90%;
        padding: 0 1;
        border: round $primary;
        background: $surface;
    }
    LinksDialog OptionList {
        height: auto;
        max-height: 1fr;
    }
    """

    def __init__(self, article: Article, numbers: dict[int, int]) -> None:
        super().__init__()
        self.article = article
        self.by_number = {number: index for index, number in numbers.items()}

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Follow a link: type its number and Enter, or choose it below")
            yield Input(placeholder="link number", type="integer", id="number")
            yield OptionList(*[self._option(number) for number in sorted(self.by_number)], id="links")

    def _option(self, number: int) -> Option:
        link = self.article.links[self.by_number[number]]
        prompt = Text(f"[{number}] ", style="bold")
        prompt.append(" ".join(link.text.split()))
        prompt.append(f"\n    {link.url}", style="dim")
        return Option(prompt, id=str(number))

    @on(Input.Submitted)
    def _number_entered(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            number = int(event.value)
        except ValueError:
            number = -1
        if number in self.by_number:
            self.dismiss(self.by_number[number])
        else:
            self.notify(f"no link numbered {event.value}", severity="warning", markup=False)

    @on(OptionList.OptionSelected)
    def _link_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(self.by_number[int(event.option.id)])

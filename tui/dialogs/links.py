"""``f``: the article's numbered links; type a number or pick one to follow
it, or ``y`` to copy its URL."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from byline.extract import Article


class NumberField(Input):
    """The link number: it takes digits only, so letters stay the dialog's keys (``y``)."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return character is not None and character.isdigit()

    def on_key(self, event) -> None:  # type: ignore[no-untyped-def]
        # Textual runs Input's own handler after this one unless told not to.
        if event.is_printable and not (event.character or "").isdigit():
            event.prevent_default()  # not typed here: it goes on to the dialog's bindings


@dataclass(slots=True, frozen=True)
class LinkChoice:
    """A link chosen in the dialog: its index in ``Article.links``, and whether to
    copy its URL rather than follow it."""

    index: int
    copy: bool = False


class LinksDialog(ModalScreen[LinkChoice | None]):
    """Returns the link chosen, or None."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="links_cancel"),
        Binding("y", "copy_link", "Copy link URL", id="links_copy"),
    ]

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
            yield Label("Follow a link: type its number and Enter, or choose it below · y copies its URL")
            yield NumberField(placeholder="link number", type="integer", id="number")
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
            self.dismiss(LinkChoice(self.by_number[number]))
        else:
            self.notify(f"no link numbered {event.value}", severity="warning", markup=False)

    @on(OptionList.OptionSelected)
    def _link_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(LinkChoice(self.by_number[int(event.option.id)]))

    def action_copy_link(self) -> None:
        """Copy the link whose number is typed, else the one highlighted in the list."""
        typed = self.query_one("#number", Input).value
        number = int(typed) if typed.isdigit() else None
        if number not in self.by_number:
            options = self.query_one("#links", OptionList)
            highlighted = options.highlighted if options.highlighted is not None else 0
            option = options.get_option_at_index(highlighted) if options.option_count else None
            number = int(option.id) if option is not None and option.id is not None else None
        if number in self.by_number:
            self.dismiss(LinkChoice(self.by_number[number], copy=True))

"""A dialog that asks for one line (a path, an address): a prompt, the field,
a hint; Enter returns what was typed (stripped; nothing typed: stays open),
Escape returns None. Subclasses give the words and the field's id."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from byline.tui.widgets.plain_input import PlainInput


class OneLineDialog(ModalScreen[str | None]):
    """Returns the line typed, or None when dismissed (its subclass binds Escape)."""

    DEFAULT_CSS = """
    OneLineDialog {
        align: center middle;
    }
    OneLineDialog > Vertical {
        width: 84;
        max-width: 100%;
        height: auto;
        padding: 0 1;
        border: round $primary;
        background: $surface;
    }
    OneLineDialog Input {
        margin: 1 0;
    }
    """

    PROMPT = ""
    HINT = ""
    PLACEHOLDER = ""
    FIELD_ID = ""

    def field(self) -> PlainInput:
        """The field, as the dialog starts."""
        return PlainInput(placeholder=self.PLACEHOLDER, id=self.FIELD_ID)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.PROMPT)
            yield self.field()
            yield Label(self.HINT)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        line = event.value.strip()
        if line:
            self.dismiss(line)

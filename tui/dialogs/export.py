"""``e``: where to write the article as Markdown. The field starts with a
file name that does not exist yet; a name that does is confirmed first."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from byline.tui.widgets.plain_input import PlainInput


class ExportDialog(ModalScreen[str | None]):
    """Returns the path typed (as typed), or None when dismissed."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="export_cancel")]

    DEFAULT_CSS = """
    ExportDialog {
        align: center middle;
    }
    ExportDialog > Vertical {
        width: 84;
        max-width: 100%;
        height: auto;
        padding: 0 1;
        border: round $primary;
        background: $surface;
    }
    ExportDialog Input {
        margin: 1 0;
    }
    """

    def __init__(self, default: str) -> None:
        super().__init__()
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Export as Markdown (with a front-matter header) to:")
            yield PlainInput(self.default, placeholder="file name", id="export-path", select_on_focus=False)
            yield Label("Enter writes · Esc cancels")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        path = event.value.strip()
        if path:
            self.dismiss(path)

"""``o``: open another article by URL or path, or one opened before."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from tui.data.recent import RecentEntry
from tui.widgets.source_picker import SourcePicker


class OpenDialog(ModalScreen[str | None]):
    """Returns the chosen source, or None when dismissed."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    DEFAULT_CSS = """
    OpenDialog {
        align: center middle;
    }
    OpenDialog > Vertical {
        width: 84;
        max-width: 100%;
        height: auto;
        max-height: 90%;
        padding: 0 1;
        border: round $primary;
        background: $surface;
    }
    """

    def __init__(self, recent: list[RecentEntry]) -> None:
        super().__init__()
        self.recent = recent

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Open an article: a URL, a path, or one from the list")
            yield SourcePicker(self.recent)

    @on(SourcePicker.Picked)
    def _picked(self, event: SourcePicker.Picked) -> None:
        self.dismiss(event.source)

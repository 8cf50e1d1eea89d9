"""``byline`` alone: name an article, or pick one opened before."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label

from tui.data.recent import RecentEntry
from tui.widgets.source_picker import SourcePicker

INTRO = (
    "byline shows a news article's clean text beside the people, organisations and "
    "places it names, and who said what."
)


class StartScreen(Screen[str]):
    """Dismissed with the source to open."""

    AUTO_FOCUS = "#source-input"
    BINDINGS = [
        Binding("escape", "app.quit", "Quit", id="start_quit"),
        Binding("ctrl+p", "app.command_palette", "Commands", show=False),
    ]

    DEFAULT_CSS = """
    StartScreen {
        align: center top;
    }
    StartScreen > Vertical {
        width: 84;
        max-width: 100%;
        height: 1fr;
        padding: 1 1 0 1;
    }
    StartScreen #intro {
        margin-bottom: 1;
    }
    """

    def __init__(self, recent: list[RecentEntry]) -> None:
        super().__init__()
        self.recent = recent

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text("byline", style="bold"))
            yield Label(Text(INTRO), id="intro")
            yield SourcePicker(self.recent)
        yield Footer(compact=True)

    @on(SourcePicker.Picked)
    def _picked(self, event: SourcePicker.Picked) -> None:
        self.dismiss(event.source)

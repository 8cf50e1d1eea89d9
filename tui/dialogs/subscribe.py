"""``a`` on the library screen: the address of a feed to subscribe to (or of a
page that names its feed)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from byline.tui.widgets.plain_input import PlainInput


class SubscribeDialog(ModalScreen[str | None]):
    """Returns the address typed, or None when dismissed."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="subscribe_cancel")]

    DEFAULT_CSS = """
    SubscribeDialog {
        align: center middle;
    }
    SubscribeDialog > Vertical {
        width: 84;
        max-width: 100%;
        height: auto;
        padding: 0 1;
        border: round $primary;
        background: $surface;
    }
    SubscribeDialog Input {
        margin: 1 0;
    }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Subscribe to the feed at (or to the feed a page names):")
            yield PlainInput(placeholder="https://example.com/feed.xml", id="subscribe-url")
            yield Label("Enter subscribes and reads its items in the background · Esc cancels")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        url = event.value.strip()
        if url:
            self.dismiss(url)

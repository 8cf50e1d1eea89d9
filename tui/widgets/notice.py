"""The notice over the reader's panes: why an article could not be opened
(or that its load was cancelled), and what the reader can do next."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class Notice(Static):
    """Hidden until there is something to say; the source and the message are data, never markup."""

    def say_failed(self, label: str, message: str | None, *, can_go_back: bool) -> None:
        """``label`` could not be opened: ``message`` says why (None: the load was cancelled)."""
        text = Text.assemble(("Could not open ", "bold"), (label, "bold"), "\n\n")
        text.append(message if message is not None else "Loading was cancelled.")
        hints = "r retry · o open another source" + (" · h back to the article" if can_go_back else "")
        text.append(f"\n\n{hints}", style="dim")
        self.update(text)
        self.display = True

    def clear(self) -> None:
        self.display = False

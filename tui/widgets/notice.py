"""The notice over the reader's panes: why an article could not be opened
(or that its load was cancelled), and what the reader can do next."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from byline.tui.widgets.safe_text import safe_text


class Notice(Static):
    """Hidden until there is something to say; the source and the message are data, never markup."""

    #: Front-page links named in the notice (``f`` lists them all).
    PREVIEW = 5

    def say_failed(
        self,
        label: str,
        message: str | None,
        *,
        can_go_back: bool,
        links: tuple[tuple[str, str], ...] = (),
    ) -> None:
        """``label`` could not be opened: ``message`` says why (None: the load was
        cancelled). ``links``: a front page's (text, URL) pairs, offered to read instead."""
        text = Text.assemble(("Could not open ", "bold"), (label, "bold"), "\n\n")
        text.append(message if message is not None else "Loading was cancelled.")
        if links:
            text.append("\n\n")
            for title, _ in links[: self.PREVIEW]:
                text.append(f"• {title}\n", style="italic")
            if len(links) > self.PREVIEW:
                text.append(f"… and {len(links) - self.PREVIEW} more\n", style="italic dim")
            text.append("\nf lists the links: choose one to read it", style="bold")
        hints = "r retry · o open another source · M open in a browser" + (" · h back to the article" if can_go_back else "")
        text.append(f"\n\n{hints}", style="dim")
        self.update(safe_text(text))
        self.display = True

    def clear(self) -> None:
        self.display = False

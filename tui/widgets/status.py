"""The status line: what is happening (loading, search matches, the entity
being followed) on the left, the reading position on the right.

While an article loads it says what is happening ("fetching example.org…
12 KB", "extracting…"); a silent server sends no progress, so after a second
the line also counts the seconds and says that Escape cancels.
"""

from __future__ import annotations

import time

from rich.text import Text
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget

from byline.extract import clean_inline


class StatusLine(Widget):
    """One line; parts are plain strings or ``Text`` and are never parsed as markup."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        width: 1fr;
    }
    """

    message: reactive[Text] = reactive(Text, layout=False)
    detail: reactive[str] = reactive("", layout=False)
    position: reactive[str] = reactive("", layout=False)

    _ticker: Timer | None = None

    def say(self, message: str | Text, *, style: str = "") -> None:
        """Replace the left-hand message."""
        self.message = message if isinstance(message, Text) else Text(message, style=style)

    def warn(self, warnings: tuple[str, ...]) -> None:
        """What extraction warns about (a page cut short, markup flattened): the
        first here, where it stays, and all of them in a notification."""
        if not warnings:
            return
        shown = [clean_inline(warning) for warning in warnings]
        more = f" (and {len(shown) - 1} more)" if len(shown) > 1 else ""
        self.say(Text.assemble(("warning: ", "bold"), shown[0], more))
        self.notify("\n".join(shown), title="Warning", severity="warning", markup=False)

    # -------------------------------------------------------------- progress

    def start_progress(self, text: Text, *, say_now: bool = True) -> None:
        """A load has started: say ``text`` (now, or with the first tick), and count the seconds."""
        self._since = time.monotonic()
        self._progress = text
        if say_now:
            self.say(text)
        self.stop_progress()
        self._ticker = self.set_interval(1.0, self._say_progress)

    def progress(self, message: str) -> None:
        """What the load is doing now."""
        if self._ticker is not None:
            self._progress = Text(message)
            self._say_progress()

    def stop_progress(self) -> None:
        """The load has ended (or was cancelled): stop counting."""
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None

    def _say_progress(self) -> None:
        elapsed = time.monotonic() - self._since
        shown = self._progress.copy()
        if elapsed >= 1:
            shown.append(f"  {elapsed:.0f} s · Esc cancels", style="dim")
        self.say(shown)

    def render(self) -> Text:
        right = Text()
        if self.detail:
            right.append(self.detail)
        if self.position:
            if right:
                right.append("  ")
            right.append(self.position, style="bold")
        width = self.size.width
        left = self.message.copy()
        room = max(width - right.cell_len - 2, 0)
        left.truncate(room, overflow="ellipsis")
        gap = max(width - left.cell_len - right.cell_len, 1)
        return Text.assemble(left, " " * gap, right, no_wrap=True, overflow="crop")

"""What the reader says while an article loads, and what it warns about once
it is shown. A mixin of ``ReaderScreen``; the state lives there.

The progress line says what is happening ("fetching example.org… 12 KB",
"extracting…"); a silent server sends no progress, so after a second the line
also counts the seconds and says that Escape cancels. A message from a load
that has ended or been cancelled arrives late and is dropped.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from rich.text import Text
from textual.timer import Timer

from byline.extract.sanitize import clean_inline

if TYPE_CHECKING:
    from byline.tui.loading import Request
    from byline.tui.screens.reader import ReaderScreen

    _Base = ReaderScreen
else:
    _Base = object


class ReaderProgress(_Base):
    """Progress and warnings for ``ReaderScreen``."""

    _ticker: Timer | None = None

    def start_progress(self, request: Request) -> None:
        """``request`` has started loading: say so, and start counting."""
        self._loading_since = time.monotonic()
        self._progress_text = Text.assemble(("opening ", "dim"), request.label, ("…", "dim"))
        if self.page is None:
            self.status.say(self._progress_text)
        if self._ticker is not None:
            self._ticker.stop()
        self._ticker = self.set_interval(1.0, self._say_progress)

    def progress(self, request: Request, message: str) -> None:
        """A progress message from the load of ``request``."""
        if request is self.loading_request:
            self._progress_text = Text(message)
            self._say_progress()

    def _say_progress(self) -> None:
        if self.loading_request is None:
            if self._ticker is not None:
                self._ticker.stop()
                self._ticker = None
            return
        elapsed = time.monotonic() - self._loading_since
        shown = self._progress_text.copy()
        if elapsed >= 1:
            shown.append(f"  {elapsed:.0f} s · Esc cancels", style="dim")
        self.status.say(shown)

    def show_warnings(self, warnings: tuple[str, ...]) -> None:
        """What extraction warns about (a page cut short, markup flattened): the
        first on the status line, where it stays, and all of them in a notification."""
        if not warnings:
            return
        shown = [clean_inline(warning) for warning in warnings]
        more = f" (and {len(shown) - 1} more)" if len(shown) > 1 else ""
        self.status.say(Text.assemble(("warning: ", "bold"), shown[0], more))
        self.notify("\n".join(shown), title="Warning", severity="warning", markup=False)

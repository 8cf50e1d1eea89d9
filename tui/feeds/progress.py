"""A one-line progress display on stderr for ``byline feeds update``.

It redraws one line in place while stderr is a terminal, at most ten times a
second, and says nothing at all when stderr is a file or a pipe (cron mail
stays short). Everything it shows has been sanitised already; it is clipped
to the terminal's width so it never wraps.
"""

from __future__ import annotations

import shutil
import sys
import time
from typing import TextIO

from byline.extract import clean_inline

_INTERVAL = 0.1


class ProgressLine:
    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        try:
            self.enabled = self.stream.isatty()
        except (AttributeError, ValueError, OSError):
            self.enabled = False
        self._last = 0.0
        self._shown = False

    def show(self, text: str, *, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < _INTERVAL:
            return
        self._last = now
        width = max(20, shutil.get_terminal_size((80, 24)).columns - 1)
        line = clean_inline(text)
        if len(line) > width:
            line = line[: width - 1] + "…"
        self.stream.write("\r" + line + "\x1b[K")
        self.stream.flush()
        self._shown = True

    def clear(self) -> None:
        """Erase the line (before ordinary output, and at the end)."""
        if self.enabled and self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False

"""A progress line on a terminal: documents, documents per second, failures, ETA.

Quiet when stderr is not a terminal; the summary at the end is printed either way.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

#: Seconds between redraws.
_EVERY = 0.5


class Progress:
    """Counts documents as their records are written and shows the rate and an ETA.

    ``total`` is the inputs' size in bytes; each document adds its ``weight``
    (the bytes it took), so the ETA holds for pages, JSONL and WARC alike.
    """

    def __init__(self, total: int, *, stream: TextIO | None = None, show: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.show = _isatty(self.stream) if show is None else show
        self.total = max(total, 1)
        self.done = 0
        self.skipped = 0
        self.failed = 0
        self.weight = 0
        self.started = time.monotonic()
        self._drawn = 0.0
        self._width = 0

    def skip(self, weight: int) -> None:
        """A document already in the output (``--resume``): counts toward the ETA, not the rate."""
        self.skipped += 1
        self.total = max(self.total - weight, 1)

    def add(self, weight: int, *, failed: int, count: int = 1) -> None:
        """``count`` documents written (``failed`` of them without an article), ``weight`` bytes of input."""
        self.done += count
        self.failed += failed
        self.weight += weight
        now = time.monotonic()
        if self.show and now - self._drawn >= _EVERY:
            self._drawn = now
            self._draw(self.line(now))

    @property
    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    def line(self, now: float | None = None) -> str:
        elapsed = (now or time.monotonic()) - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        text = f"{self.done:,} documents · {rate:.1f}/s"
        if self.failed:
            text += f" · {self.failed:,} without an article"
        fraction = min(self.weight / self.total, 1.0)
        if 0 < fraction < 1 and elapsed > 2:
            text += f" · {fraction:.0%} · ETA {_duration(elapsed * (1 - fraction) / fraction)}"
        return text

    def _draw(self, text: str) -> None:
        padding = " " * max(0, self._width - len(text))
        self._width = len(text)
        self.stream.write(f"\r{text}{padding}")
        self.stream.flush()

    def clear(self) -> None:
        if self.show and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False

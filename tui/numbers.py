"""Every number a user can give byline, with its range, checked one way.

A number arrives as a command-line flag (``--timeout 10``), a config value
(``network.timeout = 10``) or a subcommand's flag (``byline save --timeout``);
each goes through its ``Number`` here, so ``inf``, ``nan``, ``1e308``,
``-1``, ``1e-6`` and ids past 64 bits are refused the same way everywhere,
with one line saying what would do.
"""

from __future__ import annotations

import argparse
import math
from dataclasses import dataclass

#: SQLite's (and so the library's) largest integer.
INT64_MAX = 2**63 - 1


@dataclass(frozen=True, slots=True)
class Number:
    """A number a user sets: its range, whether it is whole, and what 0 means
    when 0 is allowed outside the range (``zero``)."""

    low: float
    high: float
    whole: bool = False
    unit: str = ""
    #: What 0 means, when 0 is allowed although the range starts higher.
    zero: str | None = None

    def problem(self, value: object) -> str | None:
        """What is wrong with ``value`` ("must be between …"), or None."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"must be {self.kind}"
        if self.whole and isinstance(value, float):
            return f"must be {self.kind}"
        if value == 0 and self.zero is not None:
            return None
        if not math.isfinite(value) or not self.low <= value <= self.high:
            return f"must be {self.span}"
        return None

    def parse(self, text: str) -> int | float:
        """The number written as ``text`` (a flag's value); ``ValueError`` with
        one line when it is not a number in range."""
        written = text.strip()
        try:
            value: int | float = int(written, 10) if self.whole else float(written)
        except ValueError:
            raise ValueError(f"{_shown(text)} is not {self.kind}") from None
        problem = self.problem(value)
        if problem:
            raise ValueError(f"{problem} (it is {_shown(text)})")
        return value

    def argument(self, text: str) -> int | float:
        """``parse`` for argparse's ``type=``: a mistake is a usage error."""
        try:
            return self.parse(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    @property
    def kind(self) -> str:
        return "a whole number" if self.whole else "a number"

    @property
    def span(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        whole = "a whole number " if self.whole else ""
        text = f"{whole}between {_figure(self.low)} and {_figure(self.high)}{unit}"
        return f"0 ({self.zero}) or {text}" if self.zero else text


def _figure(value: float) -> str:
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.0f}" if value.is_integer() else f"{value:g}"


def _shown(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:39] + "…")


#: A whole fetch (DNS, connect, redirects, body), and again the extraction that follows.
TIMEOUT = Number(1, 3600, unit="seconds")
CONNECT_TIMEOUT = Number(1, 3600, unit="seconds")
#: The largest page byline reads, in megabytes.
PAGE_MB = Number(0.1, 1000, unit="MB")
#: The library's size limit, in megabytes.
LIBRARY_MB = Number(1, 10_000_000, whole=True, unit="MB", zero="no limit")
#: The article pane's measure, in columns.
READING_WIDTH = Number(20, 1000, whole=True, unit="columns")
#: ``--dump``'s wrapping width, in columns.
DUMP_WIDTH = Number(20, 1000, whole=True, unit="columns", zero="no wrapping")
#: How many library rows to show.
LIMIT = Number(1, INT64_MAX, whole=True)
#: A library entry's id.
ENTRY_ID = Number(1, INT64_MAX, whole=True)
#: How many sources ``byline save`` reads at once.
JOBS = Number(1, 64, whole=True)
#: How many pages of one host a feed update fetches at once.
FEEDS_PER_HOST = Number(1, 16, whole=True)
#: How many new items of one feed an update reads as articles.
FEEDS_MAX_NEW = Number(1, 100_000, whole=True)

"""Finding things in the article and moving through them from the reading
position, less-style: search matches and an entity's mentions, forwards and
backwards, wrapping at either end."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field


@dataclass(slots=True)
class Cursor:
    """Sorted spans and the index of the current one (-1: none yet)."""

    spans: list[tuple[int, int]] = field(default_factory=list)
    index: int = -1
    wrapped: bool = False

    @property
    def current(self) -> tuple[int, int] | None:
        return self.spans[self.index] if 0 <= self.index < len(self.spans) else None

    def step(self, forward: bool, origin: int) -> tuple[int, int] | None:
        """Move to the next (or previous) span after (before) the current one,
        or from ``origin`` when nothing is current yet."""
        if not self.spans:
            return None
        starts = [start for start, _ in self.spans]
        anchor = self.spans[self.index][0] if self.current else None
        if forward:
            index = bisect_right(starts, anchor) if anchor is not None else bisect_left(starts, origin)
        else:
            index = (bisect_left(starts, anchor) if anchor is not None else bisect_left(starts, origin)) - 1
        self.wrapped = not 0 <= index < len(self.spans)
        self.index = index % len(self.spans)
        return self.spans[self.index]

    def describe(self) -> str:
        total = len(self.spans)
        if not total:
            return "no matches"
        position = self.index + 1 if self.current else 0
        return f"{position}/{total}"


def nearest(items: list[tuple[int, object]], start: int, end: int) -> object | None:
    """The item whose offset is first inside ``[start, end)``, else the closest one."""
    if not items:
        return None
    inside = [item for offset, item in items if start <= offset < end]
    if inside:
        return inside[0]
    return min(items, key=lambda pair: abs(pair[0] - start))[1]


def find_matches(text: str, query: str) -> list[tuple[int, int]]:
    """Every occurrence of ``query`` in ``text``, as offsets.

    Case-insensitive unless the query has a capital letter (less's -i, vim's
    smartcase). The query is literal text, never a pattern.
    """
    if not query:
        return []
    flags = 0 if any(char.isupper() for char in query) else re.IGNORECASE
    return [match.span() for match in re.finditer(re.escape(query), text, flags)]

"""Searching the article as you type, without ever holding up a key.

A query is looked for a slice of the text at a time and the event loop gets
its turn between slices, so a key typed meanwhile is handled at once — and a
new letter cancels the search for the old query. A 6 MB page takes a few
dozen slices; each is a few milliseconds of work. Matches are kept as two
sorted lists of offsets (no tuple per match), which is what the article
view's highlight layer is built from.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass, field

#: Characters searched between two turns of the event loop (a few milliseconds' work).
SLICE = 1 << 17


def query_pattern(query: str) -> re.Pattern[str]:
    """The pattern for ``query``: literal text, never a pattern; case-insensitive
    unless the query has a capital letter (less's -i, vim's smartcase)."""
    flags = 0 if any(char.isupper() for char in query) else re.IGNORECASE
    return re.compile(re.escape(query), flags)


@dataclass(slots=True)
class Matches:
    """Where a query occurs: ``starts[i]``–``ends[i]``, in text order."""

    query: str = ""
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.starts)

    def span(self, index: int) -> tuple[int, int]:
        return self.starts[index], self.ends[index]


def find_slice(pattern: re.Pattern[str], text: str, start: int, end: int, found: Matches) -> int:
    """Add the matches that begin in ``[start, end)`` to ``found``; return where the next slice begins
    (past a match that runs over ``end``)."""
    reach = min(end + len(found.query) + 8, len(text))
    starts, ends = found.starts, found.ends
    for match in pattern.finditer(text, start, reach):
        begin, finish = match.span()
        if begin >= end:
            break
        starts.append(begin)
        ends.append(finish)
    return max(end, ends[-1]) if ends else end


def find_all(text: str, query: str) -> Matches:
    """Every match of ``query`` in ``text``, at once (for callers off the event loop)."""
    found = Matches(query)
    if query:
        find_slice(query_pattern(query), text, 0, len(text), found)
    return found


async def find_all_in_turns(
    text: str, query: str, *, slice_chars: int | None = None, turn: Callable[[int], None] | None = None
) -> Matches:
    """Every match of ``query`` in ``text``, a slice at a time, letting the event
    loop run between slices. Cancelling the task stops it at the next slice.
    ``turn`` is told each slice's start (tests use it to watch keys interleave)."""
    found = Matches(query)
    if not query:
        return found
    pattern = query_pattern(query)
    slice_chars = slice_chars or SLICE
    position, length = 0, len(text)
    while position < length:
        if turn is not None:
            turn(position)
        position = find_slice(pattern, text, position, min(position + slice_chars, length), found)
        if position < length:
            await asyncio.sleep(0)
    return found

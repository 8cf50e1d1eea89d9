"""Styled ranges of ``Article.text``: the layers the article view paints over
the text (quoted speech, links, an entity's mentions, a quote, search matches)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Hashable, Iterable, Iterator


class Ranges:
    """Sorted, non-overlapping ``[start, end)`` spans, each with a style key.

    A span that overlaps one before it is dropped: within one layer a
    character has at most one style.
    """

    __slots__ = ("starts", "ends", "keys")

    def __init__(self, spans: Iterable[tuple[int, int, Hashable]] = ()) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.keys: list[Hashable] = []
        for start, end, key in sorted(spans, key=lambda span: (span[0], span[1])):
            if end <= start or (self.ends and start < self.ends[-1]):
                continue
            self.starts.append(start)
            self.ends.append(end)
            self.keys.append(key)

    def __len__(self) -> int:
        return len(self.starts)

    def __bool__(self) -> bool:
        return bool(self.starts)

    def overlapping(self, start: int, end: int) -> Iterator[tuple[int, int, Hashable]]:
        """The spans that share at least one character with ``[start, end)``."""
        index = bisect_right(self.ends, start)
        starts, ends, keys = self.starts, self.ends, self.keys
        while index < len(starts) and starts[index] < end:
            yield starts[index], ends[index], keys[index]
            index += 1

    def key_at(self, offset: int) -> Hashable | None:
        """The style key of the span holding ``offset``, if any."""
        index = bisect_right(self.starts, offset) - 1
        if index >= 0 and self.ends[index] > offset:
            return self.keys[index]
        return None

    def index_at_or_after(self, offset: int) -> int:
        """Index of the first span ending after ``offset`` (``len(self)`` if none)."""
        return bisect_right(self.ends, offset)

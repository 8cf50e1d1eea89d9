"""A surface form of a possible entity and the evidence its mentions carry:
what the document-level pass votes on and merges."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass(slots=True)
class Candidate:
    """One surface form and everything the mentions say about it."""

    surface: str
    votes: Counter = field(default_factory=Counter)
    spans: list[tuple[int, int]] = field(default_factory=list)
    titled: set[str] = field(default_factory=set)
    #: Every mention opened a sentence: its capital may mean nothing.
    initial_only: bool = True
    #: Where the first mention starts.
    first: int = -1
    words: list[str] = field(default_factory=list)
    #: Mentions where the name stands for a sports team ("Porto beat Lyon").
    team: int = 0
    _seen: set[tuple[int, int]] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.words = self.surface.split()

    def add_span(self, span: tuple[int, int], sentence_initial: bool) -> None:
        """Record a mention once (a set: a name mentioned thousands of times
        must not cost a scan of its earlier mentions each time)."""
        # Evidence that the capital means a name counts even for a span seen before.
        self.initial_only = self.initial_only and sentence_initial
        if span in self._seen:
            return
        self._seen.add(span)
        self.spans.append(span)
        self.first = span[0] if self.first < 0 else min(self.first, span[0])

    def label(self) -> str | None:
        if not self.votes:
            return None
        label, weight = self.votes.most_common(1)[0]
        return label if weight > 0 else None

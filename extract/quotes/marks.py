"""Quotation marks to quoted spans.

Each paragraph is read on its own: straight, curly and mixed double marks
open and close spans; a mark of the same style inside an open span nests
(the seed's “…awaiting their “memorandum”, so that…” is one span); a span
still open at the paragraph's end runs to that end. Single marks are never
read: they only matter nested inside a double-quoted span, where they stay
part of its text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING = "“„«"
CLOSING = "”»"
STRAIGHT = '"'
_MARK = re.compile(r"’’|‘‘|``|''|[\"“”„«»]")
_BEFORE_OPENER = " \t\n([{—–-/:;“‘'"
_AFTER_CLOSER = " \t\n,.;:!?)]}—–-…’'”"


@dataclass(slots=True)
class Span:
    """A quoted span: ``start``/``end`` cover its words without the marks
    (white space trimmed); ``open``/``close`` are the marks' offsets
    (``close`` is None when the paragraph ends first)."""

    start: int
    end: int
    open: int
    close: int | None
    paragraph: int


def find_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[Span]:
    """Every double-quoted span, paragraph by paragraph, in order."""
    spans: list[Span] = []
    for index, (start, end) in enumerate(paragraphs):
        marks = _marks(text, start, end)
        pairs = _nested(marks, end)
        if pairs is None:
            pairs = _flat(marks, end)
        widths = {at: width for at, _, width in marks}
        for open_at, close_at in pairs:
            content_end = close_at if close_at is not None else end
            span = _trimmed(text, open_at + widths[open_at], content_end)
            if span is not None:
                spans.append(Span(span[0], span[1], open_at, close_at, index))
    return spans


def _marks(text: str, start: int, end: int) -> list[tuple[int, str, int]]:
    """(offset, "open" | "close" | "either", width) for every double mark;
    doubled single marks (’’, ‘‘, ``, '') count as double ones."""
    marks = []
    for match in _MARK.finditer(text, start, end):
        at = match.start()
        char = match.group()
        before = text[at - 1] if at > start else " "
        after = text[match.end()] if match.end() < end else " "
        if len(char) == 2:
            marks.append((at, "close" if char in ("’’", "''") and not before.isspace() else "open", 2))
            continue
        opens = before in _BEFORE_OPENER and not after.isspace()
        closes = not before.isspace() and (after in _AFTER_CLOSER or after.isspace())
        if char in OPENING:
            role = "close" if closes and not opens and before not in "“‘" else "open"
        elif char in CLOSING:
            role = "open" if opens and not closes else "close"
        else:
            role = "open" if opens and not closes else "close" if closes and not opens else "either"
        marks.append((at, role, 1))
    return marks


def _nested(marks: list[tuple[int, str, int]], end: int) -> list[tuple[int, int | None]] | None:
    """Pairs with nesting; None when the marks do not nest cleanly (a stray
    opener left more than one span open at the paragraph's end)."""
    pairs: list[tuple[int, int | None]] = []
    stack: list[int] = []
    for at, role, _ in marks:
        if role == "open" or role == "either" and not stack:
            stack.append(at)
        elif stack:
            opener = stack.pop()
            if not stack:
                pairs.append((opener, at))
    if len(stack) > 1:
        return None
    if stack:
        pairs.append((stack[0], None))
    return pairs


def _flat(marks: list[tuple[int, str, int]], end: int) -> list[tuple[int, int | None]]:
    """Pairs without nesting: every mark after an opener closes it."""
    pairs: list[tuple[int, int | None]] = []
    opener: int | None = None
    for at, role, _ in marks:
        if opener is None:
            if role != "close":
                opener = at
        else:
            pairs.append((opener, at))
            opener = None
    if opener is not None:
        pairs.append((opener, None))
    return pairs


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None

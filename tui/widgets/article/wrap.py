"""Wrapping text by terminal cells, keeping every character's offset.

A line is a list of ``Piece``s; a text piece's characters stand for
consecutive offsets into the text it came from, so styles can be laid over
it by offset. Lines break at spaces, between wide (CJK) characters, and
inside a word only when it is wider than the line; no grapheme is split.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from rich.cells import cell_len, split_graphemes

_WORD = re.compile(r"\S+")

# Characters that certainly take one cell: Latin, Greek, Cyrillic, and the
# punctuation news copy is full of (curly quotes, dashes, ellipsis). Lines made
# only of these wrap with one regular expression instead of word by word.
_NARROW_RANGES = (
    (0x20, 0x7E),
    (0xA0, 0xAC),
    (0xAE, 0x2FF),
    (0x370, 0x482),
    (0x1E00, 0x1EFF),
    (0x2010, 0x2027),
    (0x2030, 0x205E),
    (0x20A0, 0x20BF),
)
_NARROW = frozenset(chr(c) for low, high in _NARROW_RANGES for c in range(low, high + 1))
_FAST_WRAP: dict[int, re.Pattern[str]] = {}


def fast_pattern(width: int) -> re.Pattern[str]:
    """Up to ``width`` characters then spaces or the end; else a hard break."""
    pattern = _FAST_WRAP.get(width)
    if pattern is None:
        pattern = _FAST_WRAP[width] = re.compile(rf"(.{{1,{width}}})(?: +|$)|(.{{{width}}})")
    return pattern


@dataclass(slots=True, frozen=True)
class Piece:
    """A run of one line. A text piece's characters stand for the offsets
    ``start``, ``start + 1``…; decorations (bullets, bars, link numbers, the
    header, removed boilerplate) have ``start == -1``."""

    text: str
    start: int = -1
    kind: str = "text"

    @property
    def end(self) -> int:
        return self.start + len(self.text) if self.start >= 0 else -1


class Markers(dict[int, str]):
    """Link numbers by the offset they follow, with the offsets kept sorted."""

    @property
    def offsets(self) -> list[int]:
        cached = self.__dict__.get("_offsets")
        if cached is None or len(cached) != len(self):
            cached = self.__dict__["_offsets"] = sorted(self)
        return cached


def plain_range(text: str, start: int, end: int, marker_offsets: list[int]) -> bool:
    """True when ``text[start:end]`` is all one-cell characters with no link marker."""
    if marker_offsets:
        index = bisect_left(marker_offsets, start)
        if index < len(marker_offsets) and marker_offsets[index] <= end:
            return False
    return start < end and _NARROW.issuperset(text[start:end])


def wrap_marked(
    text: str, start: int, end: int, width: int, markers: dict[int, str], offsets: list[int]
) -> list[list[Piece]] | None:
    """The one-expression wrap for one-cell text that holds link numbers.

    A paragraph with links would otherwise go word by word (a page with a link
    in each of 25,000 paragraphs took two seconds to lay out, with the UI
    frozen): each number is put into the string after its anchor, the string
    is wrapped as plain text, and the numbers come out again as marker pieces.
    None when this does not apply: a character that is not one cell wide, or
    a word so long that a hard break would part a number from its anchor.
    """
    if start >= end or not _NARROW.issuperset(text[start:end]):
        return None
    # (start in the string, end in the string, offset in ``text`` or -1, marker)
    plan: list[tuple[int, int, int, str]] = []
    parts: list[str] = []
    cursor, position = start, 0
    for index in range(bisect_right(offsets, start), len(offsets)):
        offset = offsets[index]
        if offset > end:
            break
        if text[offset - 1].isspace():
            continue  # no word ends here: word by word, the number is not drawn either
        plan.append((position, position + offset - cursor, cursor, ""))
        parts.append(text[cursor:offset])
        position += offset - cursor
        marker = markers[offset]
        plan.append((position, position + len(marker), -1, marker))
        parts.append(marker)
        position += len(marker)
        cursor = offset
    plan.append((position, position + end - cursor, cursor, ""))
    parts.append(text[cursor:end])
    rows: list[list[Piece]] = []
    first = 0
    for match in fast_pattern(width).finditer("".join(parts)):
        row_start, row_end = match.span(1) if match.group(1) is not None else match.span(2)
        while plan[first][1] <= row_start and first < len(plan) - 1:
            first += 1
        row: list[Piece] = []
        for part_start, part_end, offset, marker in plan[first:]:
            if part_start >= row_end:
                break
            low, high = max(part_start, row_start), min(part_end, row_end)
            if marker:
                if (low, high) != (part_start, part_end):
                    return None
                row.append(Piece(marker, kind="marker"))
            elif low < high:
                at = offset + low - part_start
                row.append(Piece(text[at : at + high - low], at))
        if row and row[0].kind == "marker":
            return None  # a hard break parted the number from its anchor
        rows.append(row)
    return rows


def wrap_plain(text: str, width: int) -> list[str]:
    """Wrap a string that is not part of the article text (title, byline)."""
    rows = wrap_range(text, 0, len(text), width, {})
    return ["".join(piece.text for piece in row) for row in rows] or [""]


def line_ends(text: str, start: int, end: int) -> list[int]:
    """Offsets of the hard line breaks inside a block, then its end."""
    ends = []
    position = text.find("\n", start, end)
    while position != -1:
        ends.append(position)
        position = text.find("\n", position + 1, end)
    ends.append(end)
    return ends


class _Row:
    """A line being filled: pieces, width used, and the run being extended."""

    __slots__ = ("pieces", "used", "run_start", "run_end")

    def __init__(self) -> None:
        self.pieces: list[Piece] = []
        self.used = 0
        self.run_start = -1
        self.run_end = -1

    def flush(self, text: str) -> None:
        if self.run_start >= 0:
            self.pieces.append(Piece(text[self.run_start : self.run_end], self.run_start))
            self.run_start = self.run_end = -1

    def add(self, text: str, start: int, end: int, cells: int) -> None:
        if self.run_start >= 0 and self.run_end == start:
            self.run_end = end
        else:
            self.flush(text)
            self.run_start, self.run_end = start, end
        self.used += cells

    def decorate(self, text: str, piece: Piece, cells: int) -> None:
        self.flush(text)
        self.pieces.append(piece)
        self.used += cells


def verbatim_rows(text: str, start: int, end: int, width: int) -> list[list[Piece]]:
    """Preformatted text as it is, spaces included, cut only where the line is full."""
    rows: list[list[Piece]] = []
    row = _Row()
    if start < end:
        spans, _ = split_graphemes(text[start:end])
        for span_start, span_end, cells in spans:
            if row.used + cells > width and row.used > 0:
                row.flush(text)
                rows.append(row.pieces)
                row = _Row()
            chunk = text[start + span_start : start + span_end]
            if chunk == "\t":
                row.decorate(text, Piece(" ", start + span_start), 1)
            else:
                row.add(text, start + span_start, start + span_end, cells)
    row.flush(text)
    rows.append(row.pieces)
    return rows


def wrap_range(
    text: str, start: int, end: int, width: int, markers: dict[int, str]
) -> list[list[Piece]]:
    """Greedy wrap of ``text[start:end]``: breaks at spaces, between wide
    characters, and inside a word only when it is wider than the line."""
    width = max(width, 4)
    rows: list[_Row] = []
    row = _Row()
    previous_end = start
    for match in _WORD.finditer(text, start, end):
        word_start, word_end = match.span()
        gap = word_start - previous_end
        for piece_start, piece_end, cells, glued in _marked_tokens(text, word_start, word_end, markers):
            spaced = not glued and gap > 0 and row.used > 0
            marker = markers.get(piece_end)
            marker_cells = len(marker) if marker else 0
            need = cells + marker_cells + (1 if spaced else 0)
            if row.used + need > width and row.used > 0:
                row.flush(text)
                rows.append(row)
                row = _Row()
                spaced = False
            if spaced:
                if gap == 1 and text[word_start - 1] == " ":
                    row.add(text, word_start - 1, word_start, 1)
                else:
                    row.decorate(text, Piece(" ", word_start - 1), 1)
            if cells > width - row.used:
                row = _split_long(text, piece_start, piece_end, width, row, rows)
            else:
                row.add(text, piece_start, piece_end, cells)
            if marker:
                row.decorate(text, Piece(marker, kind="marker"), marker_cells)
        previous_end = word_end
    row.flush(text)
    if row.pieces or not rows:
        rows.append(row)
    return [r.pieces for r in rows]


def _marked_tokens(
    text: str, start: int, end: int, markers: dict[int, str]
) -> list[tuple[int, int, int, bool]]:
    """``_tokens``, with the word also cut where a link ends inside it (so the
    link's number follows the anchor: ``Gazette[2].``)."""
    cuts = []
    if markers:
        offsets = markers.offsets if isinstance(markers, Markers) else sorted(markers)
        index = bisect_right(offsets, start)
        while index < len(offsets) and offsets[index] < end:
            cuts.append(offsets[index])
            index += 1
    if not cuts:
        return _tokens(text, start, end)
    tokens = []
    for left, right in zip([start, *sorted(cuts)], [*sorted(cuts), end]):
        for token_start, token_end, cells, glued in _tokens(text, left, right):
            tokens.append((token_start, token_end, cells, glued or bool(tokens)))
    return tokens


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, int, bool]]:
    """Split a word into (start, end, cells, glued) tokens: a line may break
    before any wide grapheme, as CJK text has no spaces to break at."""
    word = text[start:end]
    if word.isascii():
        return [(start, end, end - start, False)]
    spans, total = split_graphemes(word)
    if all(cells < 2 for _, _, cells in spans):
        return [(start, end, total if total else cell_len(word), False)]
    tokens: list[tuple[int, int, int, bool]] = []
    run_start = -1
    run_cells = 0
    for span_start, span_end, cells in spans:
        if cells >= 2:
            if run_start >= 0:
                tokens.append((start + run_start, start + span_start, run_cells, bool(tokens)))
                run_start, run_cells = -1, 0
            tokens.append((start + span_start, start + span_end, cells, bool(tokens)))
        else:
            if run_start < 0:
                run_start = span_start
            run_cells += cells
    if run_start >= 0:
        tokens.append((start + run_start, end, run_cells, bool(tokens)))
    return tokens


def _split_long(text: str, start: int, end: int, width: int, row: _Row, rows: list[_Row]) -> _Row:
    """Place a token wider than the line, breaking it between graphemes."""
    spans, _ = split_graphemes(text[start:end])
    for span_start, span_end, cells in spans:
        if row.used + cells > width and row.used > 0:
            row.flush(text)
            rows.append(row)
            row = _Row()
        row.add(text, start + span_start, start + span_end, cells)
    return row

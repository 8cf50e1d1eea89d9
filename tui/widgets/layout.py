"""The article laid out as display lines.

Each block of ``Article.text`` is wrapped to the reading measure by terminal
cells (so CJK and emoji take the two cells they occupy), and every piece of a
line keeps the offset of its first character in ``Article.text``. That keeps
one coordinate system from extraction to the screen: a mention, a quote or a
search match is styled by offset, and a reading position survives a reflow.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len, split_graphemes

from extract import Article, Block, Link, Removed
from tui.render import reading_minutes

#: Prefixes that mark a block's kind, drawn before its first and later lines.
PREFIXES: dict[str, tuple[str, str]] = {
    "quote": ("│ ", "│ "),
    "list": ("• ", "  "),
    "pre": ("  ", "  "),
}

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


def _fast_pattern(width: int) -> re.Pattern[str]:
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


@dataclass(slots=True, frozen=True)
class Line:
    """One display line: its pieces, the role that styles it, and the range of
    ``Article.text`` it shows (``start == end`` for lines showing none)."""

    pieces: tuple[Piece, ...]
    role: str
    start: int
    end: int
    block: int = -1


@dataclass(slots=True)
class Layout:
    """The lines of an article at one measure."""

    lines: list[Line]
    width: int
    #: ``lines[i].start`` for bisecting by offset.
    starts: list[int]

    def line_for_offset(self, offset: int) -> int:
        """Index of the line showing ``offset``: the last line starting at or before it."""
        return max(0, bisect_right(self.starts, offset) - 1)

    def offset_at(self, index: int) -> int:
        """The text offset a reader at line ``index`` is at."""
        if not self.lines:
            return 0
        return self.lines[max(0, min(index, len(self.lines) - 1))].start


def link_numbers(article: Article) -> dict[int, int]:
    """Number each followable link (1, 2, …) by its index in ``Article.links``."""
    numbers: dict[int, int] = {}
    for index, link in enumerate(article.links):
        if link.url:
            numbers[index] = len(numbers) + 1
    return numbers


def layout_article(
    article: Article, width: int, *, show_removed: bool = False, words: int | None = None
) -> Layout:
    """Lay out the header and every block of ``article`` at ``width`` cells.

    ``words`` is the article's word count when the caller already has it
    (counting is a pass over the whole text).
    """
    width = max(width, 12)
    lines: list[Line] = []
    lines.extend(header_lines(article, width, article.words if words is None else words))
    markers = _link_markers(article)
    removed_at = _removed_by_offset(article.removed) if show_removed else {}
    previous_kind = ""
    for index, block in enumerate(article.blocks):
        # List items follow one another without a blank line between them.
        if lines and not (block.kind == "list" and previous_kind == "list"):
            lines.append(Line((), "blank", block.start, block.start, index))
        previous_kind = block.kind
        for removed in removed_at.pop(block.start, ()):
            lines.extend(_removed_lines(removed, width, block.start))
            lines.append(Line((), "blank", block.start, block.start, index))
        lines.extend(block_lines(article.text, block, index, width, markers))
    end = len(article.text)
    for at in sorted(removed_at):
        for removed in removed_at[at]:
            lines.append(Line((), "blank", end, end))
            lines.extend(_removed_lines(removed, width, end))
    return Layout(lines, width, [line.start for line in lines])


def header_lines(article: Article, width: int, words: int) -> list[Line]:
    """The title, then one line of site · authors · date · reading time."""
    lines: list[Line] = []
    if article.title:
        for row in wrap_plain(article.title, width):
            lines.append(Line((Piece(row, kind="title"),), "title", 0, 0))
    details = []
    if article.site:
        details.append(article.site)
    if article.authors:
        details.append("By " + ", ".join(article.authors))
    if article.published:
        details.append(article.published[:10])
    if words:
        details.append(f"{reading_minutes(words)} min read")
    if details:
        for row in wrap_plain(" · ".join(details), width):
            lines.append(Line((Piece(row, kind="meta"),), "meta", 0, 0))
    if lines:
        lines.append(Line((Piece("─" * min(width, 24), kind="rule"),), "rule", 0, 0))
    return lines


def block_lines(text: str, block: Block, index: int, width: int, markers: dict[int, str]) -> list[Line]:
    """Wrap one block, prefixing quotes, list items and preformatted text."""
    first, rest = PREFIXES.get(block.kind, ("", ""))
    role = f"heading{min(max(block.level, 1), 3)}" if block.kind == "heading" else block.kind
    lines: list[Line] = []
    start = block.start
    marker_offsets = markers.offsets if isinstance(markers, Markers) else sorted(markers)
    for end in _line_ends(text, block.start, block.end):
        prefix = first if start == block.start else rest
        avail = max(width - cell_len(prefix), 4)
        if block.kind != "pre" and _plain_range(text, start, end, marker_offsets):
            for number, match in enumerate(_fast_pattern(avail).finditer(text, start, end)):
                row_start, row_end = match.span(1) if match.group(1) is not None else match.span(2)
                piece = Piece(text[row_start:row_end], row_start)
                lead = prefix if number == 0 else rest
                pieces = (Piece(lead, kind="prefix"), piece) if lead else (piece,)
                lines.append(Line(pieces, role, row_start, row_end, index))
            start = end + 1
            continue
        if block.kind == "pre":
            rows = _verbatim_rows(text, start, end, avail)
        else:
            rows = _wrap_range(text, start, end, avail, markers)
        for number, pieces in enumerate(rows):
            lead = prefix if number == 0 else rest
            if lead:
                pieces.insert(0, Piece(lead, kind="prefix"))
            span = [p for p in pieces if p.start >= 0]
            line_start = span[0].start if span else start
            line_end = span[-1].end if span else start
            lines.append(Line(tuple(pieces), role, line_start, line_end, index))
        start = end + 1
    return lines


def _plain_range(text: str, start: int, end: int, marker_offsets: list[int]) -> bool:
    """True when ``text[start:end]`` is all one-cell characters with no link marker."""
    if marker_offsets:
        index = bisect_left(marker_offsets, start)
        if index < len(marker_offsets) and marker_offsets[index] <= end:
            return False
    return start < end and _NARROW.issuperset(text[start:end])


def wrap_plain(text: str, width: int) -> list[str]:
    """Wrap a string that is not part of the article text (title, byline)."""
    rows = _wrap_range(text, 0, len(text), width, {})
    return ["".join(piece.text for piece in row) for row in rows] or [""]


def _line_ends(text: str, start: int, end: int) -> list[int]:
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


def _verbatim_rows(text: str, start: int, end: int, width: int) -> list[list[Piece]]:
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


def _wrap_range(
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


class Markers(dict[int, str]):
    """Link numbers by the offset they follow, with the offsets kept sorted."""

    @property
    def offsets(self) -> list[int]:
        cached = self.__dict__.get("_offsets")
        if cached is None or len(cached) != len(self):
            cached = self.__dict__["_offsets"] = sorted(self)
        return cached


def _link_markers(article: Article) -> Markers:
    """``[n]`` after each numbered link, keyed by the offset where its anchor ends."""
    markers = Markers()
    for index, number in link_numbers(article).items():
        link: Link = article.links[index]
        markers[link.end] = markers.get(link.end, "") + f"[{number}]"
    return markers


def _removed_by_offset(removed: Sequence[Removed]) -> dict[int, list[Removed]]:
    placed: dict[int, list[Removed]] = {}
    for item in removed:
        placed.setdefault(item.at, []).append(item)
    return placed


def _removed_lines(removed: Removed, width: int, at: int) -> list[Line]:
    label = f"✂ removed: {removed.reason}"
    lines = [Line((Piece(label, kind="removed-label"),), "removed", at, at)]
    for row in wrap_plain(" ".join(removed.text.split()), width):
        lines.append(Line((Piece(row, kind="removed"),), "removed", at, at))
    return lines

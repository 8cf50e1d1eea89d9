"""The article laid out as display lines.

Each block of ``Article.text`` is wrapped to the reading measure by terminal
cells (so CJK and emoji take the two cells they occupy), and every piece of a
line keeps the offset of its first character in ``Article.text``. That keeps
one coordinate system from extraction to the screen: a mention, a quote or a
search match is styled by offset, and a reading position survives a reflow.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len

from byline.extract import Article, Block, Link, Removed
from byline.tui.formats.dump import reading_minutes
from byline.tui.widgets.article.wrap import (
    Markers,
    Piece,
    fast_pattern,
    line_ends,
    plain_range,
    verbatim_rows,
    wrap_marked,
    wrap_plain,
    wrap_range,
)

#: Prefixes that mark a block's kind, drawn before its first and later lines.
PREFIXES: dict[str, tuple[str, str]] = {
    "quote": ("│ ", "│ "),
    "list": ("• ", "  "),
    "pre": ("  ", "  "),
}

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
    #: Whether the removed boilerplate is laid out in place.
    show_removed: bool = False
    #: The article's word count (the header's reading time comes from it).
    words: int = 0

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
    words = article.words if words is None else words
    lines: list[Line] = []
    lines.extend(header_lines(article, width, words))
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
    return Layout(lines, width, [line.start for line in lines], show_removed, words)


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
    for end in line_ends(text, block.start, block.end):
        prefix = first if start == block.start else rest
        avail = max(width - cell_len(prefix), 4)
        if block.kind != "pre" and plain_range(text, start, end, marker_offsets):
            for number, match in enumerate(fast_pattern(avail).finditer(text, start, end)):
                row_start, row_end = match.span(1) if match.group(1) is not None else match.span(2)
                piece = Piece(text[row_start:row_end], row_start)
                lead = prefix if number == 0 else rest
                pieces = (Piece(lead, kind="prefix"), piece) if lead else (piece,)
                lines.append(Line(pieces, role, row_start, row_end, index))
            start = end + 1
            continue
        if block.kind == "pre":
            rows = verbatim_rows(text, start, end, avail)
        else:
            rows = wrap_marked(text, start, end, avail, markers, marker_offsets)
            if rows is None:
                rows = wrap_range(text, start, end, avail, markers)
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

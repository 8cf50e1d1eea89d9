"""Drawing one laid-out line: its pieces, styled by their role and by every
layer of ranges (speech, links, mentions, a quote, matches) that crosses them."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from itertools import pairwise

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from byline.tui.widgets.article.lines import Line
from byline.tui.widgets.article.ranges import Ranges
from byline.tui.widgets.article.wrap import Piece

#: Layers painted over the text, lowest first.
LAYERS = ("speech", "links", "quote", "mentions", "matches", "current")

#: Roles drawn in the widget's own style.
PLAIN_ROLES = ("paragraph", "blank")

#: Decorations drawn in their line's style, with nothing added.
ROLE_DECORATIONS = ("title", "meta", "removed")

StyleOf = Callable[[Hashable], Style]


def paint_line(
    line: Line, layers: dict[str, Ranges], base: Style, style_of: StyleOf, margin: int, width: int
) -> Strip:
    """The strip for ``line``: a left margin, then its pieces, padded to ``width``."""
    role_style = base if line.role in PLAIN_ROLES else base + style_of(f"article--{line.role}")
    segments: list[Segment] = [Segment(" " * margin, base)] if margin else []
    active = [layers[name] for name in LAYERS if layers[name]]
    for piece in line.pieces:
        if piece.start >= 0:
            segments.extend(_text_segments(piece, active, role_style, style_of))
        elif piece.kind in ROLE_DECORATIONS:
            segments.append(Segment(piece.text, role_style))
        else:
            name = "article--prefix" if piece.kind == "prefix" else f"article--{piece.kind}"
            segments.append(Segment(piece.text, role_style + style_of(name)))
    # Runs of one style become one segment: fewer escape codes on the wire.
    strip = Strip(segments).simplify()
    return strip.adjust_cell_length(width, base) if strip.cell_length != width else strip


def _text_segments(piece: Piece, layers: list[Ranges], base: Style, style_of: StyleOf) -> list[Segment]:
    start, end = piece.start, piece.end
    cuts = {start, end}
    for layer in layers:
        for span_start, span_end, _ in layer.overlapping(start, end):
            cuts.add(max(span_start, start))
            cuts.add(min(span_end, end))
    if len(cuts) == 2 and not any(layer.key_at(start) is not None for layer in layers):
        return [Segment(piece.text, base)]
    segments = []
    for left, right in pairwise(sorted(cuts)):
        style = base
        for layer in layers:
            key = layer.key_at(left)
            if key is not None:
                style = style + style_of(key)
        segments.append(Segment(piece.text[left - start : right - start], style))
    return segments

"""Where the entities and quotes panes stand for a window's size.

The article comes first: the panes stand beside it only when the window has
room for the whole reading width and a useful column more, so the text is
never narrower with the panes beside it than it is alone at 80 columns.
Short of that, from about 100 columns the panes go below the text (entities
and quotes side by side), so the article stays in view while choosing an
entity; narrower or shorter windows show one pane at a time behind a tab strip.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The side panes' width beside the text: less is too narrow for a name and its count.
SIDE_MIN = 32
SIDE_MAX = 56
#: From this width (and ``BELOW_MIN_HEIGHT`` rows) the panes go below the text rather than behind tabs.
BELOW_MIN_WIDTH = 100
#: The reader's rows needed for the panes below the text to leave a readable article above them.
BELOW_MIN_HEIGHT = 22
#: The article view's columns around its text (one each side).
GUTTER = 2

BESIDE, BELOW, TABS = "beside", "below", "tabs"


@dataclass(frozen=True, slots=True)
class Arrangement:
    """``mode`` is ``beside``, ``below`` or ``tabs``; ``side_width`` is the
    panes' width beside the text (0 otherwise)."""

    mode: str
    side_width: int = 0

    def article_width(self, window_width: int) -> int:
        """The article view's width in a window ``window_width`` wide, with the panes shown."""
        return max(window_width - self.side_width, 0)


def arrange(width: int, height: int, reading_width: int) -> Arrangement:
    """The arrangement for a ``width`` × ``height`` window and the reader's reading width."""
    room = width - (reading_width + GUTTER)
    if room >= SIDE_MIN:
        return Arrangement(BESIDE, min(room, SIDE_MAX))
    if width >= BELOW_MIN_WIDTH and height >= BELOW_MIN_HEIGHT:
        return Arrangement(BELOW)
    return Arrangement(TABS)

"""The reader's panes and widths: where the entities and quotes panes stand
(``arrangement``), which pane is in front (Tab, ``p``, a tab clicked), the
reading width (``-``/``+``) and ``i``, which shows the entity or quote nearest
the reading position in its pane.

``Panes`` acts on its screen's ``arrangement`` and ``tab`` (the screen keeps
its state; the classes it sets change only when the mode does, since each
change restyles every widget).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from byline.extract import Quote
from byline.tui.config import Settings
from byline.tui.screens.reader.arrangement import BELOW, BESIDE, TABS, Arrangement, arrange
from byline.tui.screens.reader.finder import nearest
from byline.tui.widgets.side_panes import SidePanes
from byline.tui.widgets.tabstrip import TabStrip

if TYPE_CHECKING:
    from byline.tui.screens.reader.history import Page
    from byline.tui.screens.reader.screen import ReaderScreen

PANES = ("article", "entities", "quotes")

#: The config's reading width when none is set (the default is never worth a word).
DEFAULT_READING_WIDTH = Settings().reading_width


def mode_classes(arrangement: Arrangement) -> str:
    """The screen's classes for an arrangement of the panes."""
    return {BESIDE: "", BELOW: " -below", TABS: " -narrow"}[arrangement.mode]


class Panes:
    """The panes of ``screen``: where they stand, which is in front, how wide the text is."""

    def __init__(self, screen: ReaderScreen) -> None:
        self.screen = screen

    def arrange(self) -> None:
        """Stand the panes beside the text, below it or behind tabs, for the
        window and the reading width (classes change only when the mode does:
        each change restyles every widget)."""
        screen = self.screen
        size = screen.app.size
        arrangement = arrange(size.width, size.height, screen.view.reading_width)
        if arrangement == screen.arrangement:
            return
        side = screen.query_one(SidePanes)
        if arrangement.side_width != screen.arrangement.side_width:
            side.styles.width = arrangement.side_width if arrangement.mode == BESIDE else None
        if arrangement.mode != screen.arrangement.mode:
            screen.set_class(arrangement.mode == TABS, "-narrow")
            screen.set_class(arrangement.mode == BELOW, "-below")
        screen.arrangement = arrangement

    def fill(self, page: Page) -> None:
        """The panes show ``page``'s entities and quotes (placeholders until they are found)."""
        screen = self.screen
        screen.query_one(TabStrip).counts = screen.query_one(SidePanes).show(page.article, annotated=page.annotated)

    def toggle(self) -> None:
        """``p``: the panes shown or hidden."""
        screen = self.screen
        screen.toggle_class("-panes")
        if not screen.has_class("-panes"):
            self.show("article")

    def step(self, *, forward: bool) -> None:
        """Tab and Shift+Tab: the next (previous) pane."""
        self.show(PANES[(PANES.index(self.screen.tab) + (1 if forward else -1)) % len(PANES)])

    def show(self, tab: str, *, focus: bool = True) -> None:
        """Bring a pane forward (narrow) or focus it (wide)."""
        screen = self.screen
        if tab != "article":
            screen.add_class("-panes")
        screen.remove_class(f"-tab-{screen.tab}")
        screen.tab = tab
        screen.add_class(f"-tab-{tab}")
        screen.query_one(TabStrip).active = tab
        if focus:
            screen.set_focus(screen.query_one(f"#{tab}"))

    def to_article(self) -> None:
        """Behind tabs, a key that moves through the text brings the article forward to show it."""
        if self.screen.narrow and self.screen.tab != "article":
            self.show("article")

    def reveal_nearest(self) -> None:
        """``i``: the entity or quote nearest the reading position, in its pane."""
        screen = self.screen
        page = screen.page
        if page is None:
            return
        item = nearest(page.article, *screen.view.visible_span())
        if item is None:
            screen.status.say(
                "no entities or quotes found in this article" if page.annotated else "still finding entities…",
                transient=True,
            )
            return
        if isinstance(item, Quote):
            self.show("quotes")
            screen.quotes_pane.reveal(item)
            screen.finder.select_quote(item, jump=False)
        else:
            self.show("entities")
            screen.entities_pane.reveal(item)
            screen.finder.follow_entity(item, jump=False)

    # ---------------------------------------------------------------- widths

    def change_width(self, step: int) -> None:
        """``-``/``+``: the reading width, narrower or wider (and said)."""
        screen = self.screen
        width = screen.view.change_width(step)
        self.arrange()
        screen.call_after_refresh(self.say_width, width)

    def say_configured_width(self) -> None:
        """A reading width set in the config wider than the window is said once."""
        view = self.screen.view
        width = view.reading_width
        if width != DEFAULT_READING_WIDTH and width > view.measure and not self.screen.status.message.plain:
            self.say_width(width)

    def say_width(self, width: int) -> None:
        """The reading width, and whether the window shows all of it (after the
        layout pass that gives the article its new room)."""
        shown = self.screen.view.measure
        if shown < width:
            self.screen.status.say(f"reading width {width}: wider than the window, which shows {shown}", transient=True)
        else:
            self.screen.status.say(f"reading width {width}", transient=True)

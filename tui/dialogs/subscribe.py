"""``a`` on the library screen: the address of a feed to subscribe to (or of a
page that names its feed)."""

from __future__ import annotations

from textual.binding import Binding

from byline.tui.dialogs.one_line import OneLineDialog


class SubscribeDialog(OneLineDialog):
    """Returns the address typed, or None when dismissed."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="subscribe_cancel")]

    PROMPT = "Subscribe to the feed at (or to the feed a page names):"
    HINT = "Enter subscribes and reads its items in the background · Esc cancels"
    PLACEHOLDER = "https://example.com/feed.xml"
    FIELD_ID = "subscribe-url"

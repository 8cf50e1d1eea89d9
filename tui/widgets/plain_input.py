"""An Input that keeps terminal controls out of what it holds.

Typed keys are printable by the time they reach an Input, but a paste is
inserted as it came: text copied from a web page can carry ESC sequences or
bidi overrides, which the Input would then draw raw. They are dropped.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from byline.extract import strip_controls


class PlainInput(Input):
    """``Input``, with controls removed from inserted text."""

    def insert_text_at_cursor(self, text: str) -> None:
        super().insert_text_at_cursor(_plain(text))

    def replace(self, text: str, start: int, end: int) -> None:
        super().replace(_plain(text), start, end)


def _plain(text: str) -> str:
    return strip_controls(text).replace("\n", " ").replace("\t", " ")


def type_in_order(field: Input, key: str, character: str) -> None:
    """Give ``field`` a key that a priority binding took on its way there.

    A priority binding runs the moment the key arrives, ahead of the keys
    already queued for the field: inserting its character then put every "/"
    of a URL that arrived in one burst (pasted, or typed over a slow link)
    at the front. Posted, it is typed after them.
    """
    field.post_message(events.Key(key, character))

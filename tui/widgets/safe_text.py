"""The last guard before the screen: nothing a widget is given to show —
whatever its origin: a path, a config value, an error message, a library row,
a feed's field — reaches the terminal as a control.

Article text is clean from extraction, and most callers clean what they add
(``clean_inline``); these functions are for the widgets every message passes
through (status line, notice, yes/no question, notifications), so a string a
caller forgot is cleaned all the same.
"""

from __future__ import annotations

from rich.text import Text

from byline.extract import has_controls, strip_controls


def safe_text(message: str | Text, *, style: str = "") -> Text:
    """``message`` as ``Text`` without terminal controls (a ``Text``'s styles kept)."""
    if not isinstance(message, Text):
        return Text(strip_controls(message), style=style)
    plain = message.plain
    if not has_controls(plain):
        return message
    # Drop the controls one character at a time, moving each span to match.
    kept = [strip_controls(char) if char not in "\n\t" else char for char in plain]
    offsets = [0]
    for piece in kept:
        offsets.append(offsets[-1] + len(piece))
    cleaned = Text(
        "".join(kept),
        style=message.style,
        justify=message.justify,
        overflow=message.overflow,
        no_wrap=message.no_wrap,
        end=message.end,
    )
    for span in message.spans:
        cleaned.stylize(span.style, offsets[span.start], offsets[min(span.end, len(plain))])
    return cleaned

"""Remove what a terminal would act on: text from a page is data, never control.

C0 controls other than tab and line breaks, DEL, C1 controls (U+0080–U+009F),
bidirectional overrides and isolates, and the Unicode line/paragraph separators
are removed, so ``--dump``, ``--json`` and every pane are safe by construction.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(
    "["
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f"  # C0 but \t \n \r, and DEL
    "\x80-\x9f"  # C1, including CSI (\x9b) and OSC (\x9d)
    "\u202a-\u202e"  # bidi embeddings and overrides
    "\u2066-\u2069"  # bidi isolates
    "\ufff9-\ufffb"  # interlinear annotation controls
    "\ufeff"  # stray byte-order marks / zero-width no-break space
    "]+"
)
_LINE_SEPARATORS = re.compile("[\u2028\u2029\x85]")


def strip_controls(text: str) -> str:
    """Return ``text`` without terminal control characters (keeps \\t and \\n)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _LINE_SEPARATORS.sub("\n", text)
    return _CONTROL.sub("", text)


def clean_inline(text: str) -> str:
    """A single-line field (title, author, link text): controls out, spaces collapsed."""
    return " ".join(strip_controls(text).split())

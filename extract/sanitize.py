"""Remove what a terminal would act on: text from a page is data, never control.

C0 controls other than tab and line breaks, DEL, C1 controls (U+0080–U+009F),
bidirectional overrides and isolates, deprecated format controls and the
Unicode line/paragraph separators are removed, so ``--dump``, ``--json`` and
every pane are safe by construction. Lone surrogates (which only a ``str``
from Python code can hold) become U+FFFD: they cannot be encoded for output.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(
    "["
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f"  # C0 but \t \n \r, and DEL
    "\x80-\x9f"  # C1, including CSI (\x9b) and OSC (\x9d)
    "\u202a-\u202e"  # bidi embeddings and overrides
    "\u2066-\u2069"  # bidi isolates
    "\u206a-\u206f"  # deprecated format controls (symmetric swapping, shaping)
    "\ufff9-\ufffb"  # interlinear annotation controls
    "\ufeff"  # stray byte-order marks / zero-width no-break space
    "]+"
)
_LINE_SEPARATORS = re.compile("[\u2028\u2029\x85]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def strip_controls(text: str) -> str:
    """Return ``text`` without terminal control characters (keeps \\t and \\n)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _LINE_SEPARATORS.sub("\n", text)
    text = _SURROGATE.sub("\ufffd", text)
    return _CONTROL.sub("", text)


def clean_inline(text: str) -> str:
    """A single-line field (title, author, link text): controls out, spaces collapsed."""
    return " ".join(strip_controls(text).split())


def mask_controls(text: str) -> str:
    """``text`` with each character :func:`strip_controls` would remove (or turn
    into a line break) replaced by one character, so every offset into it still
    holds: line separators and CR by ``\\n``, the rest by U+FFFD. For text
    that arrives already extracted (a stored or tampered ``to_dict()``)."""
    if not has_controls(text) and not _LINE_SEPARATORS.search(text) and "\r" not in text:
        return text
    text = _LINE_SEPARATORS.sub("\n", text).replace("\r", "\n")
    text = _SURROGATE.sub("\ufffd", text)
    return _CONTROL.sub(lambda match: "\ufffd" * len(match.group()), text)


def has_controls(text: str) -> bool:
    """True when ``text`` holds anything :func:`strip_controls` would remove."""
    return bool(_CONTROL.search(text) or _SURROGATE.search(text))

"""Copy to the clipboard with OSC 52, which works over SSH: the terminal, not
the remote host, owns the clipboard.

This module only builds text and bytes; the app writes them to the terminal.
Inside tmux the sequence is wrapped in tmux's DCS passthrough (tmux needs
``set -g allow-passthrough on``, or ``set -g set-clipboard on``, which makes
tmux forward a plain OSC 52 itself).
"""

from __future__ import annotations

import base64
import os
from collections.abc import Mapping

ESC = "\x1b"
BEL = "\x07"
ST = ESC + "\\"

#: Most terminals drop longer OSC 52 payloads (xterm's default limit, and
#: tmux's input buffer, sit around 100 kB of base64).
MAX_PAYLOAD = 74_994  # base64 of 56,245 bytes, a multiple of 4


def osc52(text: str, *, tmux: bool = False, selection: str = "c") -> str:
    """The escape sequence that puts ``text`` on the clipboard.

    ``selection`` is "c" (clipboard) or "p" (primary). Text whose base64 is
    over ``MAX_PAYLOAD`` is cut at a character boundary first.
    """
    payload = base64.b64encode(_fit(text).encode("utf-8")).decode("ascii")
    sequence = f"{ESC}]52;{selection};{payload}{BEL}"
    if tmux:
        # tmux passes a DCS "tmux;" body through after undoubling its ESCs.
        sequence = f"{ESC}Ptmux;" + sequence.replace(ESC, ESC + ESC) + ST
    return sequence


def inside_tmux(environ: Mapping[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    return bool(env.get("TMUX"))


def copy_sequence(text: str, environ: Mapping[str, str] | None = None) -> str:
    """``osc52`` for this terminal: wrapped for tmux when running inside it."""
    return osc52(text, tmux=inside_tmux(environ))


def _fit(text: str) -> str:
    limit = MAX_PAYLOAD // 4 * 3
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[: limit - len("…".encode())].decode("utf-8", errors="ignore") + "…"

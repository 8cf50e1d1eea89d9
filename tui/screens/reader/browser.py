"""Opening a page in a web browser, w3m's ``M``: which browser, if any, can
show it to the person at this terminal.

- ``$BROWSER`` naming a terminal browser (w3m, lynx, links…) runs it here,
  byline suspended until it quits, as w3m runs its external browser;
- a graphical session (``DISPLAY``/``WAYLAND_DISPLAY``, macOS, Windows) opens
  the desktop's browser through Textual's ``App.open_url``;
- over SSH without a forwarded display, a browser would open (if at all) on
  the remote machine's screen, not the reader's: the reader is told so and
  offered the link (OSC 8) and a copy instead; likewise on a console with no
  graphical session.

``App.open_url`` in a web browser (``byline serve``) opens a new tab there,
wherever the app runs.
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

#: Browsers that draw in the terminal they are started from.
TERMINAL_BROWSERS = frozenset({"w3m", "lynx", "links", "links2", "elinks", "www-browser", "browsh", "carbonyl"})

TERMINAL, DESKTOP, NONE = "terminal", "desktop", "none"


@dataclass(frozen=True, slots=True)
class Browser:
    """How to open a URL here: ``kind`` is ``terminal`` (``command`` runs in this
    terminal), ``desktop`` (``App.open_url``) or ``none`` (``reason`` says why)."""

    kind: str
    command: tuple[str, ...] = ()
    reason: str = ""

    def argv(self, url: str) -> list[str]:
        """The command line that opens ``url`` (``%s`` in ``$BROWSER`` stands for it)."""
        if any("%s" in part for part in self.command):
            return [part.replace("%s", url) for part in self.command]
        return [*self.command, url]


def over_ssh(environ: Mapping[str, str]) -> bool:
    return bool(environ.get("SSH_CONNECTION") or environ.get("SSH_TTY"))


def choose_browser(environ: Mapping[str, str] | None = None, platform: str | None = None) -> Browser:
    """The browser that can show a page to the person at this terminal."""
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    terminal = _terminal_browser(env.get("BROWSER", ""))
    if terminal:
        return Browser(TERMINAL, terminal)
    graphical = bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))
    if over_ssh(env) and not graphical:
        return Browser(NONE, reason="byline runs over SSH, so a browser would open on the remote machine")
    if graphical or platform in ("darwin", "win32"):
        return Browser(DESKTOP)
    return Browser(NONE, reason="there is no graphical display to open one on")


def _terminal_browser(setting: str) -> tuple[str, ...]:
    """The first ``$BROWSER`` entry (a colon-separated list) when it is a terminal browser."""
    first = setting.split(os.pathsep)[0].strip()
    if not first:
        return ()
    try:
        words = tuple(shlex.split(first))
    except ValueError:
        return ()
    return words if words and Path(words[0]).name in TERMINAL_BROWSERS else ()


def page_address(url: str | None, source: str) -> str | None:
    """What a browser opens for an article: its URL, or the saved file it was read from."""
    if url:
        return url
    if "://" in source:
        return source
    if source == "-":
        return None
    return Path(source).resolve().as_uri()

"""Running hostile cases in the app: open one, wait for it to end, read the screen.

``screen_lines`` is what a terminal would show, rendered from the app's own
compositor with every character kept — a control character that reached a
widget is still there to be found.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Callable

from cases_local import FORBIDDEN
from cases_network import NETWORK
from rich.console import Console
from textual.geometry import Region

from byline.tui.app.app import BylineApp
from byline.tui.config import Settings
from byline.tui.screens.reader.loading import Request

#: The network cases that end only at the deadline.
STALLS = [case for case in NETWORK if "timed out" in case.says]


def reader_app(settings: Settings, request: Request | None = None) -> BylineApp:
    """The app on ``request`` (None: the start screen), with the reading library
    (tests/conftest.py gives every test its own data directory)."""
    return BylineApp(settings, request)


async def wait_until(pilot, predicate: Callable[[], object], timeout: float = 10.0) -> float:
    """Let the app run until ``predicate()`` holds; return how long that took."""
    start = time.monotonic()
    while not predicate():
        if time.monotonic() - start > timeout:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.01)
    return time.monotonic() - start


def settled(screen, request: Request) -> bool:
    """The load of ``request`` has ended: its article is shown or its error is."""
    if screen.opening.request is not None:
        return False
    failed = screen.opening.failed is not None and screen.opening.failed[0] is request
    shown = screen.page is not None and screen.page.request is request
    return failed or shown


def screen_lines(app) -> list[str]:
    """Every row of the screen as drawn (modal screens over what is below)."""
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), force_terminal=True, color_system=None,
        record=True, legacy_windows=False, safe_box=False,
    )
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text(styles=False).splitlines()


def region_text(app, region: Region) -> str:
    """The characters drawn inside ``region`` of the screen."""
    rows = screen_lines(app)[region.y : region.bottom]
    return "\n".join(row[region.x : region.right] for row in rows)


def without_space(text: str) -> str:
    """``text`` with all white space gone: wrapping moves line breaks, not characters."""
    return re.sub(r"\s+", "", text)


def controls_in(text: str) -> list[str]:
    """The terminal controls (ESC, BEL, C1, bidi) in ``text``."""
    return sorted({repr(char) for char in text if char in FORBIDDEN})


def notice_text(screen) -> str:
    """The error panel's text, as the widget holds it (unwrapped)."""
    notice = screen.query_one("#notice")
    return str(notice.render()) if notice.display else ""


def notifications(app) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


# ------------------------------------------------------------------ real terminals

_CSI = re.compile(rb"\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]")
_OSC = re.compile(rb"\x1b\]([0-9]*);([^\x07\x1b]*)(?:\x07|\x1b\\)")
#: What a terminal acts on, once the app's own CSI and OSC sequences are taken
#: out: ESC, BEL, C1 controls (UTF-8 C2 80–9F), bidi overrides and isolates.
ACTIVE = re.compile(rb"[\x1b\x07]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")
_SAFE_LINK = re.compile(rb"https?://[\x21-\x7e]+")


def terminal_problems(output: bytes, links: set[str]) -> list[str]:
    """What in ``output`` (every byte the app wrote) a terminal would act on
    for the page rather than for the app.

    Allowed: CSI sequences (the app's drawing), OSC 22 (the mouse pointer's
    shape) and OSC 8 hyperlinks whose URL is one of ``links`` — the article's
    own links — and is an http(s) URL of printable ASCII, so nothing in it can
    end the sequence early. Not allowed: OSC 52 (clipboard), OSC 0/1/2 (window
    title), any other OSC, and a stray ESC, BEL, C1 control or bidi override.
    """
    problems = []
    for number, body in _OSC.findall(output):
        if number == b"22" and re.fullmatch(rb"[a-z-]*", body):
            continue
        if number == b"8":
            _params, _, uri = body.partition(b";")
            if uri == b"" or (_SAFE_LINK.fullmatch(uri) and uri.decode("ascii") in links):
                continue
        problems.append(f"OSC {number.decode()}: {body[:80]!r}")
    rest = _OSC.sub(b"", _CSI.sub(b"", output))
    problems += [f"raw {match.group()!r} near {rest[max(match.start() - 20, 0):match.end() + 20]!r}" for match in ACTIVE.finditer(rest)]
    return problems

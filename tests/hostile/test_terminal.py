"""What a terminal receives from ``byline --dump`` and ``--json`` when the page
is hostile: every byte is captured from a pseudo-terminal and replayed into
a terminal emulator (pyte), which must show the markup literally and never
clear the screen, retitle the window or write the clipboard."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pyte
import pytest
from cases_local import MARKUP, _injected_page, _injected_redirect
from casekit import Env
from patience import HANG

ROOT = Path(__file__).resolve().parents[2]
# ESC, BEL, C1 controls (UTF-8: C2 80–C2 9F), bidi overrides/embeddings (E2 80 AA–AE) and isolates (E2 81 A6–A9).
ACTIVE = re.compile(rb"[\x1b\x07]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")


def on_terminal(*args: str) -> tuple[int, bytes]:
    """Run byline with stdout and stderr on a pseudo-terminal; return its exit code and every byte."""
    controller, terminal = pty.openpty()
    env = {**os.environ, "NO_PROXY": "*", "PYTHONDONTWRITEBYTECODE": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "byline.tui.cli", *args], cwd=ROOT, env=env,
        stdin=subprocess.DEVNULL, stdout=terminal, stderr=terminal,
    )
    os.close(terminal)
    received = bytearray()
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the last writer closed the terminal
            break
        if not chunk:
            break
        received += chunk
    os.close(controller)
    return process.wait(timeout=HANG), bytes(received)


def replay(received: bytes) -> pyte.Screen:
    screen = pyte.Screen(100, 200)
    pyte.ByteStream(screen).feed(received)
    return screen


@pytest.mark.parametrize("mode", ["--dump", "--json"])
def test_a_hostile_page_reaches_the_terminal_as_inert_text(mode, tmp_path):
    page = tmp_path / "hostile.html"
    page.write_text(_injected_page(), encoding="utf-8")

    code, received = on_terminal(mode, str(page))

    assert code == 0, received
    assert ACTIVE.search(received) is None, ACTIVE.search(received)
    screen = replay(received)
    shown = "\n".join(screen.display)
    assert MARKUP in shown  # Rich markup printed as the characters it is
    assert screen.title == "" and screen.icon_name == ""  # no OSC 0/2 acted on
    assert "Tollmere" in shown or "Wrenhaven" in shown


def test_a_hostile_redirect_reaches_the_terminal_as_one_inert_line(server, tmp_path):
    url = _injected_redirect(Env(server, tmp_path))

    code, received = on_terminal("--dump", "--timeout", "5", url)

    assert code == 3
    assert ACTIVE.search(received) is None
    lines = [line.rstrip() for line in replay(received).display if line.strip()]
    assert len(lines) <= 2 and lines[0].startswith("byline: ") and "redirect loop" in "".join(lines)


def test_a_hostile_file_name_reaches_the_terminal_as_one_inert_line(tmp_path):
    code, received = on_terminal("--dump", str(tmp_path / "x\x1b]0;owned\x07\x1b[2J\u202e.html"))

    assert code == 3
    assert ACTIVE.search(received) is None
    screen = replay(received)
    assert screen.title == ""
    assert "no such file" in "".join(screen.display)

"""File names reach the terminal through the Open box's path suggestions: in a
real pseudo-terminal, a name built to write the clipboard (OSC 52), set the
window title (OSC 0), make the terminal answer (CSI 5n, as ESC and as C1
CSI), or that is not UTF-8 at all, never reaches the screen as a sequence."""

from __future__ import annotations

import os
import shlex
import sys

import pytest
from pty_helpers import PtyApp

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals")

HOSTILE_NAMES = (
    b"a\x1b]52;c;b3duZWQ=\x07.html",  # write the clipboard
    b"a\x1b]0;owned\x1b\\.html",  # set the window title
    b"a\x1b[5n.html",  # make the terminal type an answer
    "a\x9b5n.html".encode(),  # the same as a C1 CSI
    "a\u202egnp.html".encode(),  # a bidi override
    b"a\xff\xfe.html",  # not UTF-8
)
#: What must never appear in the bytes the app writes.
SEQUENCES = (b"\x1b]52;", b"\x1b]0;", b"\x1b[5n", b"\xc2\x9b", b"\x9b5n", "\u202e".encode())


def test_hostile_file_names_are_never_drawn_by_the_open_box(tmp_path, monkeypatch):
    folder = tmp_path / "pages"
    folder.mkdir()
    for name in HOSTILE_NAMES:
        with open(os.path.join(os.fsencode(folder), name), "wb") as page:
            page.write(b"<p>x</p>")
    (folder / "a-safe.html").write_text("<p>x</p>")
    monkeypatch.setenv("BYLINE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    command = f"cd {shlex.quote(str(folder))} && exec {shlex.quote(sys.executable)} -m byline.tui"
    app = PtyApp([command], shell=True)
    try:
        app.wait_for("Nothing stored yet", timeout=30)
        app.send(b"a")  # the Open box has the focus: suggest a name starting with "a"
        app.wait_for("a-safe.html", timeout=30)
        app.send(b"\t")  # accept it
        app.wait_for("a-safe.html", timeout=30)
        app.send(b"\x03")
        app.wait_exit(timeout=30)
    finally:
        app.close()

    output = bytes(app.output)
    for sequence in SEQUENCES:
        assert sequence not in output, sequence
    # (Textual's own OSC 22, the pointer shape, reads to pyte as a title: ";default".)
    assert "owned" not in app.screen.title and "owned" not in app.screen.icon_name

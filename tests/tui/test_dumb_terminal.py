"""``TERM=dumb`` (Emacs' shell, a serial console): a terminal that cannot move
its cursor gets the article printed as ``--dump`` prints it, through ``$PAGER``
when one is set, instead of an app it cannot draw; ``byline`` alone says what
to type instead."""

from __future__ import annotations

import sys

import pytest
from pty_helpers import ROOT, PtyApp

from byline.tui.data.library import Library

FERRY = str(ROOT / "tests" / "fixtures" / "ferry-strike.html")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals")


def run_dumb(*args: str, **env: str) -> tuple[int, str, bytes]:
    app = PtyApp.byline(*args, columns=100, rows=30, env={"TERM": "dumb", **env})
    try:
        code = app.wait_exit()
    finally:
        app.close()
    output = bytes(app.output)
    return code, output.decode("utf-8").replace("\r\n", "\n"), output


def test_a_dumb_terminal_gets_the_article_printed_not_the_app():
    code, text, output = run_dumb(FERRY)
    assert code == 0
    lines = text.splitlines()
    assert lines[0] == "byline: this terminal (TERM=dumb) cannot draw the app: printing the article"
    assert lines[1] == "# Island ferry crews vote to strike over rota changes"
    assert "Crews on the ferries linking Carrick Quay" in text
    assert max(len(line) for line in lines[1:]) <= 80, "wrapped as --dump wraps for a terminal"
    assert b"\x1b" not in output, "no cursor movement, no alternate screen: a dumb terminal prints escapes as text"
    with Library() as library:
        assert [entry.title for entry in library.entries()] == ["Island ferry crews vote to strike over rota changes"]


def test_a_dumb_terminal_pages_through_the_users_pager():
    code, text, _ = run_dumb(FERRY, PAGER="sed s/^/paged:/")
    assert code == 0
    assert "paged:# Island ferry crews vote to strike over rota changes" in text.splitlines()


def test_byline_alone_on_a_dumb_terminal_says_what_to_type_instead():
    code, text, _ = run_dumb()
    assert code == 2
    assert text.splitlines() == [
        "byline: this terminal (TERM=dumb) cannot draw the app; byline --dump SOURCE prints an article, "
        "byline library list lists the library"
    ]

"""Odd file names on the command line: a leading "-", a newline, bidi and
terminal controls, 250 bytes, bytes that are not UTF-8. The article opens; a
missing one is one clean line (exit 3); a name read as an option says how to
name the file."""

from __future__ import annotations

import os

import pytest
from cases_cli import Invocation, run
from pages import ARTICLE, FIRST

#: Each name as bytes, the way it sits on disk.
NAMES = {
    "newline": b"new\nline.html",
    "bidi override": b"bidi\xe2\x80\xaegnp.html",
    "OSC title": b"esc\x1b]0;owned\x07.html",
    "C1 CSI": b"c1\xc2\x9b2J.html",
    "250 bytes": b"x" * 245 + b".html",
}
#: What none of the error lines may hold raw.
CONTROLS = ("\x1b", "\x07", "\x9b", "\u202e", "\n")


@pytest.mark.parametrize("name", list(NAMES.values()), ids=list(NAMES))
def test_an_odd_name_opens_and_a_missing_one_is_one_clean_line(name, tmp_path):
    path = os.path.join(os.fsencode(tmp_path), name)
    with open(path, "wb") as handle:
        handle.write(ARTICLE.encode())

    opened = run(Invocation(["--dump", os.fsdecode(path)]))
    assert opened.code == 0, opened.stderr
    assert FIRST in opened.stdout.decode()

    missing = run(Invocation(["--dump", os.fsdecode(path + b"-gone")]))
    assert missing.code == 3
    line = missing.stderr.removesuffix("\n")
    assert line.startswith("byline: ") and line.endswith("-gone: no such file"), line
    assert not any(control in line for control in CONTROLS), repr(line)


def test_a_name_that_is_not_utf8_opens_without_the_library(tmp_path):
    path = os.path.join(os.fsencode(tmp_path), b"caf\xe9-\xff.html")
    with open(path, "wb") as handle:
        handle.write(ARTICLE.encode())
    opened = run(Invocation(["--dump", "--no-store", os.fsdecode(path)]))
    assert opened.code == 0, opened.stderr
    assert FIRST in opened.stdout.decode()


@pytest.mark.parametrize("command", [["--dump"], ["save"]], ids=["--dump", "save"])
def test_a_file_named_like_an_option_is_explained_and_opens_after_double_dash(command, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-ferry.html").write_text(ARTICLE)

    mistaken = run(Invocation([*command, "-ferry.html"]))
    assert mistaken.code == 2
    lines = mistaken.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].endswith("; for the file -ferry.html write ./-ferry.html or put -- before it"), lines[0]

    for argv in ([*command, "--", "-ferry.html"], [*command, "./-ferry.html"]):
        ran = run(Invocation(argv))
        assert ran.code == 0, (argv, ran.stderr)
    assert FIRST in run(Invocation(["--dump", "--", "-ferry.html"])).stdout.decode()


def test_an_unknown_option_that_names_no_file_gets_no_hint(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    ran = run(Invocation(["--dump", "-ferry.html"]))
    assert ran.code == 2
    assert ran.stderr == "byline: unrecognized arguments: -ferry.html (see byline --help)\n"

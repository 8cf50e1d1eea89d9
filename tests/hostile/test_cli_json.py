"""Every JSON byline writes — ``--json``, ``--export json``, ``save --json``,
``library list --json``, ``library search --json`` — comes from one writer:
a C1 control or a bidi override in a file name (or a tampered library row) is
a ``\\u`` escape, never a raw character; and ``save``'s exit code is the one
the README gives."""

from __future__ import annotations

import json
import sqlite3

import pytest
from hostile_catalogue import run_main
from pages import ARTICLE

from byline.extract import EngineUnavailable, FetchError, NotAnArticle
from byline.tui.cli.main import main
from byline.tui.cli.save import Outcome, exit_code
from byline.tui.data.errors import LibraryError
from byline.tui.data.paths import library_path

#: In a file name: C1 CSI and OSC, a bidi override and an isolate, a line separator.
NAME = "story\x9b2J\x9d0;x\u202egnp\u2066\u2028.html"
#: Their UTF-8 bytes, none of which may be written raw.
RAW = [char.encode() for char in "\x9b\x9d\u202e\u2066\u2028"]


def _no_raw(data: bytes) -> None:
    for raw in RAW:
        assert raw not in data, raw


@pytest.fixture
def page(tmp_path):
    path = tmp_path / NAME
    path.write_text(ARTICLE, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    "argv",
    [
        ["--json", "{page}"],
        ["--export", "json", "{page}"],
        ["save", "--json", "{page}"],
        ["library", "list", "--json"],
        ["library", "search", "--json", "ferry"],
    ],
    ids=lambda argv: " ".join(argv[:2]),
)
def test_every_json_escapes_what_a_terminal_would_act_on(page, argv):
    assert run_main(main, ["save", page], None).code == 0  # the library holds the page
    with sqlite3.connect(library_path()) as conn:
        conn.execute("UPDATE articles SET title = title || ?, site = ?", ("\x9b31m\u202e", "\x9d0;site\u2066"))

    outcome = run_main(main, [word.replace("{page}", page) for word in argv], None)

    assert outcome.code == 0, outcome.stderr
    _no_raw(outcome.stdout)
    data = json.loads(outcome.stdout)
    text = json.dumps(data, ensure_ascii=False)
    assert "\u202e" in text, "the value is the same: only the bytes are escaped"


def test_markdown_front_matter_escapes_them_too(tmp_path, page):
    out = tmp_path / "out.md"
    assert run_main(main, ["--export", "md", "-o", str(out), page], None).code == 0
    _no_raw(out.read_bytes())


@pytest.mark.parametrize(
    ("errors", "code"),
    [
        ([], 0),
        ([FetchError("x")], 3),
        ([NotAnArticle("x")], 3),  # some source failed: 3, as the README says
        ([NotAnArticle("x"), FetchError("y")], 3),
        ([FetchError("x"), EngineUnavailable("y")], 2),  # the set-up's failure, not a source's
        ([FetchError("x"), LibraryError("y")], 5),  # the library's
        ([LibraryError("x"), EngineUnavailable("y")], 2),
    ],
)
def test_save_exits_3_when_sources_failed_and_2_or_5_when_it_was_not_their_fault(errors, code):
    outcomes = [Outcome("a", "saved", 1)] + [Outcome(f"s{n}", "failed", error=error) for n, error in enumerate(errors)]
    assert exit_code(outcomes) == code

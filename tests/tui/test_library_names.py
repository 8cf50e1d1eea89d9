"""Odd file names through every library-backed command: paths are bytes on
POSIX, so they are stored faithfully (the exact bytes come back) and shown
cleaned (nothing a terminal would act on). One odd name never stops a batch."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from byline import extract
from byline.tui.cli.main import main
from byline.tui.data.library import Library

#: File names (bytes) a hostile archive or a careless download could hold.
NAMES = {
    "invalid UTF-8": b"caf\xe9 \xff\xfe.html",
    "OSC 52 and BEL": b"clip\x1b]52;c;aGVsbG8=\x07.html",
    "C1 CSI": b"\x9b31mred.html",
    "bidi override": b"report\xe2\x80\xaelmth.exe.html",
    "newline": b"two\nlines.html",
    "255 bytes": b"n" * 250 + b".html",
    "leading dash": b"-rf.html",
}
#: What a terminal could act on: C0 but tab and newline, DEL, C1, bidi controls.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def page(title: str | None, n: int) -> bytes:
    head = f"<title>{title}</title>" if title else ""  # untitled: the list shows the file name
    return (
        f"<html><head>{head}</head><body><article><p>Dispatch {n}: the tide tables for the estuary were "
        f"printed again this week, with corrections for the spring tides.</p><p>Copies wait at the "
        f"harbour office, the clerk said.</p></article></body></html>"
    ).encode()


@pytest.fixture
def odd_files(tmp_path) -> dict[str, str]:
    """The odd names, written in tmp_path; the last two have titles, the others
    none (the list shows their file names)."""
    folder = os.fsencode(tmp_path / "in")
    os.mkdir(folder)
    paths = {}
    for n, (label, name) in enumerate(NAMES.items()):
        path = os.path.join(folder, name)
        with open(path, "wb") as handle:
            handle.write(page(f"Dispatch {n}" if n >= len(NAMES) - 2 else None, n))
        paths[label] = os.fsdecode(path)
    return paths


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def assert_shown_safely(text: str, lines: int | None = None) -> None:
    assert not UNSAFE.search(text), ascii(text)
    if lines is not None:
        assert text.count("\n") == lines, text


def test_a_batch_of_odd_names_is_stored_whole_and_listed_safely(odd_files, capsys):
    status, out, err = run(capsys, "save", "--", *odd_files.values())

    assert status == 0
    assert_shown_safely(err, lines=len(NAMES) + 1)
    assert err.endswith(f"byline: saved {len(NAMES)} of {len(NAMES)}\n")

    status, out, err = run(capsys, "library", "list")
    assert status == 0 and err == ""
    assert_shown_safely(out, lines=len(NAMES))
    assert "caf\ufffd \ufffd\ufffd.html" in out  # shown: the bytes that are not UTF-8 as U+FFFD
    assert "clip]52;c;aGVsbG8=.html" in out and "two lines.html" in out  # controls out, a newline a space

    status, out, _ = run(capsys, "library", "list", "--json")
    assert status == 0
    assert_shown_safely(out)
    stored = {os.fsencode(entry["source"]) for entry in json.loads(out)}
    assert stored == {os.fsencode(path) for path in odd_files.values()}  # faithful: the very bytes

    status, out, _ = run(capsys, "library", "search", "tide", "--json", "--limit", "50")
    assert status == 0 and len(json.loads(out)) == len(NAMES)
    status, out, _ = run(capsys, "library", "search", "tide")
    assert_shown_safely(out)


@pytest.mark.parametrize("label", ["invalid UTF-8", "OSC 52 and BEL", "newline", "leading dash"])
def test_an_odd_name_reads_stores_and_reopens_from_the_library(label, odd_files, capsys, monkeypatch):
    path = odd_files[label]
    status, first, err = run(capsys, "--dump", "--", path)
    assert status == 0 and "tide tables" in first and err == ""
    extracted = []
    monkeypatch.setattr(extract, "extract_document", lambda *a, **k: extracted.append(a) or None)

    status, again, err = run(capsys, "--dump", "--", path)  # unchanged: the stored copy, not extracted

    assert (status, again, err, extracted) == (0, first, "", [])
    with Library() as library:
        [entry] = library.entries()
        assert os.fsencode(entry.reopen_source) == os.fsencode(str(Path(path).resolve()))
        assert library.load_raw(entry.id).data == Path(path).read_bytes()


def test_an_unreadable_odd_name_fails_alone_in_one_clean_line(odd_files, tmp_path, capsys):
    empty = os.fsencode(tmp_path / "in") + b"/empty \x1b[2J\xff.html"
    open(empty, "wb").close()

    status, out, err = run(capsys, "save", os.fsdecode(empty), *odd_files.values())

    lines = err.splitlines()
    assert status in (3, 4) and len(lines) == len(NAMES) + 2
    assert_shown_safely(err)
    [failed] = [line for line in lines if "] failed: " in line]
    assert "empty [2J\ufffd.html" in failed
    assert lines[-1] == f"byline: saved {len(NAMES)} of {len(NAMES) + 1}, 1 failed"

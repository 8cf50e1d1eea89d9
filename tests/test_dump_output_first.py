"""``byline --dump`` prints the article before its entities are found: the
output is the same as ever, the library still gets the article with its
entities, and a pipe's reader sees the end of the output while byline is
still finding them (shown by events: analysis is held until the reader has
seen the end)."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from byline.extract import extract_document, read_source
from byline.tui.cli.main import main
from byline.tui.data.library import Library
from byline.tui.formats.dump import dump_text
from patience import HANG

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TEXT = EXAMPLES / "river-levee-vote.txt"
HTML = EXAMPLES / "harbour-bridge.html"


def dump(capsys, *args: str) -> str:
    assert main(["--dump", "--width", "80", *args]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("source", [TEXT, HTML], ids=["text", "html"])
def test_dump_prints_what_the_fully_analysed_article_prints(capsys, source):
    analysed = extract_document(read_source(str(source)), analyse=True)
    assert analysed.entities  # the comparison means something only if there were entities to find

    first = dump(capsys, str(source))  # read, printed, then analysed and stored
    again = dump(capsys, str(source))  # from the library, entities and all

    expected = dump_text(analysed, width=80)
    assert first.rstrip("\n") == expected.rstrip("\n")
    assert again == first


def test_the_library_gets_the_article_with_its_entities(capsys):
    dump(capsys, str(TEXT))

    library = Library()
    try:
        [entry] = library.entries()
        stored = library.load(entry.id)
    finally:
        library.close()
    fresh = extract_document(read_source(str(TEXT)), analyse=True)
    assert [e.name for e in stored.entities] == [e.name for e in fresh.entities]
    assert len(stored.quotes) == len(fresh.quotes)


# Runs byline as the console script does, with entity finding held until the
# file named by BYLINE_TEST_GATE exists; BYLINE_TEST_HELD is created when
# finding starts, so the test knows byline reached it.
HELD_BYLINE = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from byline.tui.opener import Opener

    gate, held = Path(os.environ["BYLINE_TEST_GATE"]), Path(os.environ["BYLINE_TEST_HELD"])
    annotate = Opener.annotate

    def held_annotate(self, article):
        held.touch()
        while not gate.exists():
            time.sleep(0.01)
        return annotate(self, article)

    Opener.annotate = held_annotate
    from byline.tui.cli.main import entry_point
    sys.argv[0] = "byline"
    entry_point()
    """
)


def read_to_end(fd: int) -> bytes:
    """All of a pipe until its end; fails (never hangs) if the end does not come."""
    chunks = []
    while True:
        ready, _, _ = select.select([fd], [], [], HANG)
        assert ready, "the output never ended while entity finding was held"
        chunk = os.read(fd, 65536)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def wait_for(condition) -> None:
    """Until ``condition()`` holds; fails (never hangs) if it never does."""
    for _ in range(int(HANG / 0.01)):
        if condition():
            return
        time.sleep(0.01)
    raise AssertionError(f"{condition} never held")


def test_a_pipe_reader_sees_the_end_before_the_entities_are_found(tmp_path):
    gate, held = tmp_path / "gate", tmp_path / "held"
    env = {**os.environ, "BYLINE_TEST_GATE": str(gate), "BYLINE_TEST_HELD": str(held)}
    process = subprocess.Popen(
        [sys.executable, "-c", HELD_BYLINE, "--dump", str(TEXT)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        assert process.stdout is not None
        output = read_to_end(process.stdout.fileno())
        wait_for(held.exists)
        # The whole article arrived and the pipe ended while byline was held in
        # entity finding: it cannot have got further, since the gate is shut.
        assert held.exists() and process.poll() is None
        assert output.decode("utf-8").startswith("# ")
        gate.touch()
        _, errors = process.communicate(timeout=HANG)
    finally:
        gate.touch()
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, errors.decode()
    assert errors == b""
    library = Library()
    try:
        [entry] = library.entries()
        assert library.load(entry.id).entities
    finally:
        library.close()


def test_dump_without_the_library_prints_the_same(capsys):
    piped = dump(capsys, str(TEXT))
    assert dump(capsys, "--no-store", str(TEXT)) == piped

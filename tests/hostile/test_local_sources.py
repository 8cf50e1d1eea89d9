"""Files and stdin the catalogue cannot stage: permissions (tests may run as
root), a terminal on stdin, a closed stdin, impossible paths."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pages import ARTICLE

from byline.extract import FileError, load, read_source
from byline.extract.sources import read_file, read_stdin

ROOT = Path(__file__).resolve().parents[2]


def _byline(*args: str, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "byline.tui.cli", *args], cwd=ROOT, env=env, capture_output=True, timeout=20, **kwargs
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_file_is_refused(tmp_path):
    page = tmp_path / "locked.html"
    page.write_text(ARTICLE)
    page.chmod(0)
    with pytest.raises(FileError, match="permission denied"):
        load(str(page))


def test_an_unreadable_file_is_refused_simulated(tmp_path, monkeypatch):
    # Root ignores file modes, so the refusal is staged where the OS would raise it.
    page = tmp_path / "locked.html"
    page.write_text(ARTICLE)

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(FileError, match="locked.html: permission denied"):
        read_file(str(page))


def test_a_path_with_a_nul_byte_is_refused_not_crashed_on():
    with pytest.raises(FileError, match="not a usable path"):
        read_file("page\0.html")


def test_an_empty_source_is_refused():
    with pytest.raises(FileError, match="no source given"):
        read_source("  ")
    result = _byline("--dump", "")
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr


def test_stdin_that_is_a_terminal_is_refused_at_once():
    controller, terminal = pty.openpty()
    try:
        start = time.monotonic()
        result = _byline("--dump", "-", stdin=terminal)
        elapsed = time.monotonic() - start
    finally:
        os.close(controller)
        os.close(terminal)
    assert result.returncode == 3
    assert result.stderr.decode().splitlines() == [
        "byline: -: standard input is a terminal; pipe an article in (cat page.html | byline --dump -)"
    ]
    assert elapsed < 10  # interpreter start-up included; a hang would hit the 20 s timeout


def test_a_closed_stdin_is_refused():
    result = _byline("--dump", "-", stdin=subprocess.DEVNULL, preexec_fn=lambda: os.close(0))
    assert result.returncode == 3
    assert result.stderr.decode().splitlines() == ["byline: -: there is no standard input to read"]


def test_stdin_reader_refuses_a_terminal_like_stream():
    class Terminal:
        def isatty(self) -> bool:
            return True

        def read(self, size: int = -1) -> bytes:  # pragma: no cover - must never be called
            raise AssertionError("read a terminal")

    with pytest.raises(FileError, match="standard input is a terminal"):
        read_stdin(stdin=Terminal())  # type: ignore[arg-type]

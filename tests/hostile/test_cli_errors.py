"""The CLI's own error paths: bad options, a bug, a closed pipe, and the files
byline leaves behind (none outside its own directories)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_catalogue import run_main
from pages import ARTICLE, FIRST

import byline.tui.cli.main as cli

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "0", "soon", "1e9"])
def test_a_timeout_that_is_not_a_sane_number_is_a_usage_error(value, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--dump", "--timeout", value, "page.html"])
    assert exit_.value.code == 2
    assert "--timeout" in capsys.readouterr().err


def test_a_bug_is_one_line_not_a_traceback(monkeypatch, tmp_path):
    def broken(*args, **kwargs):
        raise RuntimeError("boom\n\x1b[2Jsecond line")

    monkeypatch.setattr("byline.tui.opener.Opener.open", broken)
    monkeypatch.delenv("BYLINE_DEBUG", raising=False)
    page = tmp_path / "page.html"
    page.write_text(ARTICLE)

    outcome = run_main(cli.main, ["--dump", str(page)], None)

    assert outcome.code == 1
    lines = outcome.stderr.decode().splitlines()
    assert len(lines) == 1 and "Traceback" not in lines[0]
    assert "internal error (RuntimeError: boom [2Jsecond line)" in lines[0]
    assert "\x1b" not in lines[0]


def test_byline_debug_shows_the_traceback(monkeypatch, tmp_path):
    monkeypatch.setattr("byline.tui.opener.Opener.open", lambda *a, **k: 1 / 0)
    monkeypatch.setenv("BYLINE_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        cli.main(["--dump", str(tmp_path / "page.html")])


def test_a_reader_that_stops_reading_is_not_an_error(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(ARTICLE.replace("</article>", "<p>" + "More words. " * 20000 + "</p></article>"))
    process = subprocess.Popen(
        [sys.executable, "-m", "byline.tui.cli", "--dump", str(page)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.read(100)
    process.stdout.close()  # like `byline --dump page | head -c 100`
    errors = process.stderr.read()
    assert process.wait(timeout=20) == 0
    assert first.startswith(b"# Tollmere")
    assert errors == b""


def test_nothing_is_written_outside_bylines_own_directories(server, tmp_path):
    home, scratch, work = tmp_path / "home", tmp_path / "tmp", tmp_path / "work"
    for folder in (home, scratch, work):
        folder.mkdir()
    page = work / "page.html"
    page.write_text(ARTICLE)
    url = server.page("/ferry", ARTICLE.encode())
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "TMPDIR": str(scratch),
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONPATH": str(ROOT),
        "NO_PROXY": "*",
    }
    for args in (["--dump", str(page)], ["--json", url], ["--dump", str(work / "missing.html")], ["--json", "-"]):
        subprocess.run(
            [sys.executable, "-m", "byline.tui.cli", *args], cwd=work, env=env, input=ARTICLE.encode(),
            capture_output=True, timeout=20, check=False,
        )
    written = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    allowed = ("home/.config/byline", "home/.local/share/byline", "home/.cache/byline", "home/.local/state/byline")
    strays = [p for p in written if p != "work/page.html" and not p.startswith(allowed)]
    assert strays == []


def test_the_article_still_prints_when_the_terminal_is_not_utf8(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(ARTICLE.replace("Monday", "Monday 🚢 — العبارة"))
    env = {**os.environ, "PYTHONIOENCODING": "latin-1", "PYTHONUTF8": "0"}
    result = subprocess.run(
        [sys.executable, "-m", "byline.tui.cli", "--dump", str(page)], cwd=ROOT, env=env, capture_output=True, timeout=20
    )
    assert result.returncode == 0, result.stderr
    assert FIRST.encode("latin-1") in result.stdout
    assert result.stderr == b""

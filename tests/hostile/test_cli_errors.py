"""The CLI's own error paths: bad options, a bug, a closed pipe, and the files
byline leaves behind (none outside its own directories)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

import pytest
from hostile_catalogue import run_main
from pages import ARTICLE, FIRST
from patience import HANG

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
    assert process.wait(timeout=HANG) == 0
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
            capture_output=True, timeout=HANG, check=False,
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
        [sys.executable, "-m", "byline.tui.cli", "--dump", str(page)], cwd=ROOT, env=env, capture_output=True, timeout=HANG
    )
    assert result.returncode == 0, result.stderr
    assert FIRST.encode("latin-1") in result.stdout
    assert result.stderr == b""


# An extraction that never ends and, like a C parser deep in a pathological
# page, never lets its thread see Ctrl-C (SIGINT blocked there): byline must
# still stop at Ctrl-C, and at the deadline.
_ENDLESS_EXTRACTION = """
import pathlib, signal, sys, time
import byline.extract as extract

def endless(raw, **options):
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    pathlib.Path(sys.argv[1]).touch()
    while True:
        time.sleep(0.05)

extract.extract_document = endless
from byline.tui.cli.main import main
sys.exit(main(sys.argv[2:]))
"""


def _as_started_from_a_shell(blocked: bool) -> None:
    """Ctrl-C as an interactive shell leaves it (an earlier test in this process
    may have left it ignored, which a child inherits and byline honours, as
    nohup asks); ``blocked``: as if started from a thread that blocks it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    if blocked:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})


def _endless(tmp_path, *args: str, blocked: bool = False) -> tuple[subprocess.Popen, Path]:
    page = tmp_path / "page.html"
    page.write_text(ARTICLE)
    marker = tmp_path / "extracting"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-c", _ENDLESS_EXTRACTION, str(marker), *args, str(page)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        preexec_fn=partial(_as_started_from_a_shell, blocked),
    )
    return process, marker


def _wait_for(path: Path, process: subprocess.Popen) -> None:
    for _ in range(600):  # generous: a loaded machine may take seconds to get there
        if path.exists() or process.poll() is not None:
            return
        time.sleep(0.1)


@pytest.mark.parametrize("blocked", [False, True], ids=["", "started with Ctrl-C blocked"])
def test_ctrl_c_stops_an_extraction_that_does_not_listen(tmp_path, blocked):
    process, marker = _endless(tmp_path, "--dump", "--no-store", blocked=blocked)
    try:
        _wait_for(marker, process)
        assert marker.exists(), process.communicate(timeout=5)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 130, err
    assert err == b"byline: interrupted\n" and out == b""


def test_the_deadline_stops_an_extraction_that_never_ends(tmp_path):
    process, marker = _endless(tmp_path, "--dump", "--timeout", "1")
    try:
        out, err = process.communicate(timeout=120)
    finally:
        process.kill()
    assert process.returncode == 3, err
    lines = err.decode().splitlines()
    assert len(lines) == 1 and "gave up extracting the article after 1 s" in lines[0], lines
    assert lines[0].startswith(f"byline: {tmp_path / 'page.html'}: ")
    assert out == b""


def test_a_full_or_closed_stdout_is_one_line_and_exit_5_in_a_real_process(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(ARTICLE)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for redirect in (">/dev/full", ">&-"):
        command = f"exec {sys.executable} -m byline.tui.cli --dump --no-store '{page}' {redirect}"
        result = subprocess.run(["/bin/sh", "-c", command], cwd=ROOT, env=env, stderr=subprocess.PIPE, timeout=60)
        lines = result.stderr.decode().splitlines()
        assert result.returncode == 5, lines
        assert len(lines) == 1 and lines[0].startswith("byline: "), lines

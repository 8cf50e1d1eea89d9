"""The app on a real pseudo-terminal: the 2 MB single-line page and a page at
the 100,000-element cap load with the UI answering keys and under 300 MB (the
process's own peak, see peak.py); an extraction that never ends neither holds
the first frame nor the exit; and the app writes nothing outside byline's own
directories. How fast keys are answered meanwhile is bench/hostile.py's figure."""

from __future__ import annotations

import os
import re
import sys
import textwrap
import time
from pathlib import Path

import pytest
from cases_local import _LINE
from pages import ARTICLE, article_html, element_cap_page
from patience import HANG
from pty_helpers import PtyApp, restored

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals")

PEAK_LIMIT_MB = 300
#: Loading the 100,000-element page takes about 10 s on a quiet machine; only a hang takes this long.
LOAD_HANG = 5 * HANG


PAGES = {
    "2 MB single line": lambda: article_html(paragraphs=(_LINE,)),
    "100,000 elements": element_cap_page,
}


@pytest.fixture
def home(tmp_path, monkeypatch):
    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    monkeypatch.setenv("NO_PROXY", "*")
    return tmp_path


def pause(app: PtyApp, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.read(0.02)


def _panes_shown(app: PtyApp) -> bool:
    return "Entities" in app.text()


@pytest.mark.parametrize("name", PAGES)
def test_a_huge_page_loads_with_the_ui_answering_and_under_300_mb(name, server, home):
    url = server.page("/huge", PAGES[name]().encode())
    peak = home / "peak"
    # The narrowest terminal with the side panes beside the text (fewer bytes to replay).
    app = PtyApp([sys.executable, str(HERE / "peak.py"), str(peak), url], columns=120, rows=30)
    answered = 0
    try:
        app.wait_for("Entities")
        give_up = time.monotonic() + LOAD_HANG
        # p shows and hides the side panes: each press is drawn, from the
        # fetch through extraction and layout to the entities.
        while not re.search(r"Entities \(\d+\)", app.text()):
            assert time.monotonic() < give_up, "the page never finished loading"
            expected = not _panes_shown(app)
            app.send(b"p")
            sent = time.monotonic()
            while _panes_shown(app) != expected:
                app.read(0.005)
                assert time.monotonic() - sent < HANG, "a key went unanswered"
            answered += 1
            if not _panes_shown(app):
                continue  # show them again at once: the loop ends when they show the count
            pause(app, 0.25)
        assert "Tollmere" in app.text() or "Wrenhaven" in app.text()
        app.send(b"q")
        assert app.wait_exit() == 0
        assert restored(app) == []
    finally:
        app.close()
    peak_mb = float(peak.read_text())
    print(f"\n{name}: {answered} keys answered while loading; peak {peak_mb:.0f} MB")
    assert answered >= 3, "keys were not answered while the page loaded"
    assert peak_mb < PEAK_LIMIT_MB


def test_the_app_writes_only_in_its_own_directories(server, tmp_path):
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
        "TERM": "xterm-256color",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONPATH": str(ROOT),
        "NO_PROXY": "*",
    }
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)  # PtyApp passes on this process's environment
    try:
        # A file (read by the child process), a URL and a missing file opened with o.
        # (stdin adds nothing: it is never remembered.)
        app = PtyApp([sys.executable, "-m", "byline.tui", str(page)], columns=120, rows=30)
        missing = str(work / "missing.html").encode()
        _drive(app, [(None, "Tollmere"), (b"o", "Library —"), (url.encode() + b"\r", "127.0.0.1 ·"),
                     (b"o", "Library —"), (b"o", "Open"), (missing + b"\r", "no such file"), (b"q", None)])
        # An internal error: a one-line message and the crash log.
        script = textwrap.dedent(
            f"""
            import sys
            from byline.tui.widgets.article.view import ArticleView
            def broken(self, y):
                raise RuntimeError("a bug")
            ArticleView.render_line = broken
            from byline.tui.cli.main import main
            sys.exit(main([{str(page)!r}]))
            """
        )
        app = PtyApp([sys.executable, "-c", script], columns=120, rows=30)
        _drive(app, [(None, "internal error")], code=1)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    written = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    allowed = ("home/.local/share/byline/", "home/.local/state/byline/")
    assert [p for p in written if p != "work/page.html" and not p.startswith(allowed)] == []
    assert "home/.local/state/byline/crash.log" in written
    assert "home/.local/share/byline/library.sqlite3" in written


def _drive(app: PtyApp, steps: list[tuple[bytes | None, str | None]], code: int = 0) -> None:
    try:
        for keys, expect in steps:
            if keys:
                app.send(keys)
            if expect:
                app.wait_for(expect)
        assert app.wait_exit() == code
    finally:
        app.close()


def never_ending_extraction(*args: str) -> list[str]:
    """``byline ARGS``, but extraction never ends: it spins, holding the CPU as
    extraction does (for 2 × HANG seconds, so a test that fails leaves no
    process spinning for ever)."""
    script = textwrap.dedent(
        f"""
        import sys, time
        from byline.tui.opener import Opener
        def extract(self, *args, **kwargs):
            give_up = time.monotonic() + {2 * HANG}
            while time.monotonic() < give_up:
                pass
            raise RuntimeError("extraction spun for too long")
        Opener.extract = extract
        from byline.tui.cli.main import main
        sys.exit(main(sys.argv[1:]))
        """
    )
    return [sys.executable, "-c", script, *args]


def test_q_quits_at_once_while_a_page_is_extracted(server, home):
    # Extraction cannot be interrupted; the app's exit must not wait for it.
    url = server.page("/huge", ARTICLE.encode())
    app = PtyApp(never_ending_extraction(url), columns=120, rows=30)
    try:
        app.wait_for("extracting")
        app.send(b"q")
        assert app.wait_exit() == 0
        assert restored(app) == []
    finally:
        app.close()


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_file_opens_the_app_before_it_is_extracted_and_escape_stops_that(home, tmp_path):
    page = tmp_path / "live.html"
    page.write_text(ARTICLE)
    app = PtyApp(never_ending_extraction(str(page)), columns=120, rows=30)
    try:
        app.wait_for("extracting")  # the app is drawn while the extraction goes on
        assert "Tollmere" not in app.text()
        assert _children(app.pid), "the extraction is not in a child process"
        shown = _panes_shown(app)
        app.send(b"p")  # keys are answered meanwhile
        deadline = time.monotonic() + HANG
        while _panes_shown(app) == shown and time.monotonic() < deadline:
            app.read(0.02)
        assert _panes_shown(app) != shown, "p went unanswered during the extraction"
        pause(app, 0.2)
        app.send(b"\x1b")
        app.wait_for("Loading was cancelled.")
        assert _children(app.pid) == [], "the child went on extracting"
        app.send(b"q")
        assert app.wait_exit() == 0
    finally:
        app.close()

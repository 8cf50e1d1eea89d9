"""The terminal is given back whole: in a real pseudo-terminal, however the app ends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from pty_helpers import ROOT, PtyApp, restored

FERRY = str(ROOT / "tests" / "fixtures" / "ferry-strike.html")
TITLE = "Island ferry crews vote"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals")


@pytest.fixture
def home(tmp_path, monkeypatch):
    """Keep the crash log and config out of the real home directory (the library is in BYLINE_DATA_DIR)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path


def run_until_shown(*args: str) -> PtyApp:
    app = PtyApp.byline(*args)
    app.wait_for(TITLE)
    return app


@pytest.mark.parametrize("key", [b"q", b"\x03"], ids=["q", "ctrl-c"])
def test_quitting_restores_the_terminal(home, key):
    app = run_until_shown(FERRY)
    try:
        app.send(key)
        assert app.wait_exit() == 0
        assert restored(app) == []
    finally:
        app.close()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=["TERM", "HUP", "INT"])
def test_a_signal_ends_the_app_and_restores_the_terminal(home, signum):
    app = run_until_shown(FERRY)
    try:
        os.kill(app.pid, signum)
        assert app.wait_exit() == 128 + signum
        assert restored(app) == []
        assert b"Traceback" not in app.output
    finally:
        app.close()


def test_a_dropped_connection_does_not_leave_the_app_running(home):
    app = run_until_shown(FERRY)
    try:
        os.close(app.master)  # the SSH link drops: the terminal hangs up
        deadline = time.monotonic() + 10
        while app.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert app.poll() is not None, "byline kept running after its terminal went away"
    finally:
        app.close()


def test_ctrl_z_suspends_and_fg_resumes(home):
    app = run_until_shown(FERRY)
    try:
        app.send(b"\x1a")
        deadline = time.monotonic() + 10
        stopped = False
        while time.monotonic() < deadline and not stopped:
            app.read()
            pid, status = os.waitpid(app.pid, os.WNOHANG | os.WUNTRACED)
            stopped = bool(pid) and os.WIFSTOPPED(status)
        assert stopped, "Ctrl-Z did not stop the process"
        while app.read(0.1):  # what it wrote just before it stopped
            pass
        assert restored(app) == [], "the shell gets a normal terminal while byline is stopped"
        os.kill(app.pid, signal.SIGCONT)  # what fg does
        app.screen.reset()
        app.wait_for(TITLE)
        app.send(b"q")
        assert app.wait_exit() == 0
        assert restored(app) == []
    finally:
        app.close()


def test_an_internal_error_ends_with_one_line_not_a_traceback(home):
    script = textwrap.dedent(
        f"""
        import sys
        from byline.tui.widgets.article.view import ArticleView
        def broken(self, y):
            raise RuntimeError("secret article text must not be printed")
        ArticleView.render_line = broken
        from byline.tui.cli.main import main
        sys.exit(main([{FERRY!r}]))
        """
    )
    app = PtyApp([sys.executable, "-c", script])
    try:
        status = app.wait_exit()
        assert status != 0
        tail = bytes(app.output).decode("utf-8", "replace")
        assert "byline: internal error (RuntimeError); details in" in tail
        assert "Traceback" not in tail and "secret article text" not in tail
        assert restored(app) == []
        log = home / "state" / "byline" / "crash.log"
        assert "secret article text must not be printed" in log.read_text()
    finally:
        app.close()


def test_stdin_article_then_keys_from_the_terminal(home):
    app = PtyApp([f"cat {FERRY} | {sys.executable} -m byline.tui -"], shell=True)
    try:
        app.wait_for(TITLE)
        app.send(b"G")
        app.wait_for("end")
        app.send(b"q")
        assert app.wait_exit() == 0
        assert restored(app) == []
    finally:
        app.close()


def test_stdin_without_a_terminal_is_refused_clearly(home):
    with open(FERRY, "rb") as page:
        result = subprocess.run(
            [sys.executable, "-m", "byline.tui", "-"],
            stdin=page,
            capture_output=True,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
            start_new_session=True,  # no controlling terminal at all
            timeout=30,
        )
    assert result.returncode == 2
    assert b"no terminal to read keys from" in result.stderr
    assert b"--dump" in result.stderr
    assert b"Traceback" not in result.stderr


@pytest.mark.parametrize("mode", ["--dump", "--json"])
def test_dump_and_json_never_import_textual(home, mode):
    script = (
        "import sys\n"
        "from byline.tui.cli.main import main\n"
        f"code = main([{mode!r}, {FERRY!r}])\n"
        "print('textual imported' if any(m.startswith('textual') for m in sys.modules) else 'no textual', file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        timeout=60,
    )
    assert result.returncode == 0
    assert b"no textual" in result.stderr
    assert TITLE.encode() in result.stdout

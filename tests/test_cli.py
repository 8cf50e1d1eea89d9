"""The ``byline`` command as a user runs it: the installed console script, a
real process, its stdout, stderr and exit code."""

from __future__ import annotations

import http.server
import json
import os
import pty
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from byline.extract import __version__

BYLINE = Path(sys.executable).with_name("byline")
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

pytestmark = pytest.mark.skipif(not BYLINE.exists(), reason="the console script is not installed in this environment")


def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BYLINE), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], code: int, *fragments: str) -> None:
    assert result.returncode == code, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("byline: ")
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def test_version():
    result = run("--version")

    assert result.returncode == 0
    assert result.stdout.strip() == f"byline {__version__}"


def test_dump_prints_a_header_then_the_clean_article():
    result = run("--dump", str(FIXTURES / "harbour.html"))

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "# Harbour bridge to close for six weeks as repairs begin"
    assert lines[1].startswith("The Coastal Courier · By Priya Natarajan · 2025-03-14"), "as the app has it"
    assert "corroded steel bearings" in result.stdout
    for furniture in ("Advertisement", "Share on Facebook", "Post Comment", "newsletter"):
        assert furniture not in result.stdout


def test_dump_is_unwrapped_when_piped():
    result = run("--dump", str(FIXTURES / "harbour.html"))

    paragraph = next(line for line in result.stdout.splitlines() if line.startswith("The Kestrel Street bridge"))
    assert len(paragraph) > 120


def test_width_wraps_every_line():
    result = run("--dump", "--width", "40", str(EXAMPLES / "harbour-bridge.html"))

    assert result.returncode == 0
    body = result.stdout.splitlines()[2:]
    assert body and max(len(line) for line in body) <= 40
    assert sum(1 for line in body if line) > 40


def test_dump_wraps_to_the_terminal_up_to_80_columns_when_stdout_is_a_terminal():
    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "200", "LINES": "40"}
    process = subprocess.Popen(
        [str(BYLINE), "--dump", str(EXAMPLES / "harbour-bridge.html")], stdout=follower, stderr=subprocess.PIPE, env=env
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    lines = b"".join(chunks).decode("utf-8").replace("\r\n", "\n").splitlines()

    assert process.returncode == 0
    assert max(len(line) for line in lines[2:]) <= 80
    assert any(len(line) > 60 for line in lines[2:])


def test_json_is_the_article_dictionary():
    result = run("--json", str(EXAMPLES / "river-levee-vote.txt"))

    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == "Millbrook council backs $48 million levee plan after flood-season fight"
    assert data["source"] == str(EXAMPLES / "river-levee-vote.txt")
    assert data["url"] is None
    reasons = {r["reason"] for r in data["removed"]}
    assert {"ad marker", "share prompt", "newsletter", "comments", "author footer"} <= reasons
    for removed in data["removed"]:
        assert removed["text"] not in data["text"] or removed["text"] == ""


def test_stdin_is_read_with_a_dash():
    result = run("--dump", "-", stdin=(FIXTURES / "lede-first.txt").read_text(encoding="utf-8"))

    lines = result.stdout.splitlines()
    assert result.returncode == 0
    assert lines[0] == "1 min read", "no title: the header is the reading time alone"
    assert lines[2].startswith("The county's only maternity unit")


def test_missing_file_exits_3_with_one_line_naming_it(tmp_path):
    missing = tmp_path / "nowhere.html"

    assert_one_line_error(run("--dump", str(missing)), 3, str(missing))


def test_page_without_article_text_exits_4(tmp_path):
    page = tmp_path / "nav.html"
    page.write_text('<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav></body></html>', encoding="utf-8")

    assert_one_line_error(run("--json", str(page)), 4, str(page), "no article text")


def test_usage_errors_exit_2_in_one_line():
    assert_one_line_error(run("--dump"), 2, "SOURCE")
    assert_one_line_error(run("--width", "5", "--dump", "x.html"), 2, "width")
    assert_one_line_error(run("--dump", "--json", "x.html"), 2)


class _Pages(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        if self.path == "/story":
            body = (FIXTURES / "harbour.html").read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
        else:
            body = b"not here"
            self.send_response(404)
            self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def local_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_url_is_fetched_and_extracted(local_server):
    result = run("--json", f"{local_server}/story", env={"NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"})

    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["url"] == f"{local_server}/story"
    assert "corroded steel bearings" in data["text"]


def test_http_error_exits_3_naming_the_url(local_server):
    url = f"{local_server}/gone"

    assert_one_line_error(run("--dump", url, env={"NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}), 3, url, "404")

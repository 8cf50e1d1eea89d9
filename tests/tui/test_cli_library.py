"""The command line reads through the library: what was read once reads again
with the network down; ``byline library …`` and ``byline save …``."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from _library_support import page
from byline.tui.cli.main import main

BRIDGE = page(
    "Swing bridge reopens",
    "The old swing bridge at Saltmarsh reopens on Friday after a winter of repairs.\n\n"
    "Engineers replaced every timber of the deck and repainted the iron frame green.",
)
FERRY = page(
    "Night ferry returns",
    "The overnight ferry to the outer islands sails again from April, its operator said.\n\n"
    "Cabins can be booked from next week, and islanders hope for a daily service soon.",
)


class Site:
    """A tiny web server on 127.0.0.1 serving pages from a dict."""

    def __init__(self, pages: dict[str, str], delay: float = 0.0) -> None:
        self.pages = pages
        self.delay = delay
        self.in_flight = 0
        self.most_at_once = 0
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                with site.lock:
                    site.in_flight += 1
                    site.most_at_once = max(site.most_at_once, site.in_flight)
                time.sleep(site.delay)
                with site.lock:
                    site.in_flight -= 1
                body = site.pages.get(self.path)
                if body is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                data = body.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():
    site = Site({"/bridge": BRIDGE, "/ferry": FERRY})
    yield site
    site.stop()


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_dump_json_and_export_read_again_with_the_network_down(site, capsys, tmp_path):
    url = site.url("/bridge")
    status, dumped, err = run(capsys, "--dump", url)
    assert status == 0 and "repainted the iron frame" in dumped and err == ""
    _, as_json, _ = run(capsys, "--json", url)
    site.stop()

    assert run(capsys, "--dump", url) == (0, dumped, "")
    assert run(capsys, "--json", url) == (0, as_json, "")
    assert run(capsys, "--export", "md", url, "-o", str(tmp_path / "b.md"))[0] == 0
    assert "repainted the iron frame" in (tmp_path / "b.md").read_text()


def test_no_store_leaves_the_library_empty(site, capsys):
    assert run(capsys, "--dump", "--no-store", site.url("/bridge"))[0] == 0
    status, out, err = run(capsys, "library", "list", "--json")
    assert (status, json.loads(out)) == (0, [])


def test_refresh_fetches_the_new_version(site, capsys):
    url = site.url("/bridge")
    run(capsys, "--dump", url)
    site.pages["/bridge"] = BRIDGE.replace("Friday", "Saturday")

    assert "Friday" in run(capsys, "--dump", url)[1]
    assert "Saturday" in run(capsys, "--dump", "--refresh", url)[1]
    assert "Saturday" in run(capsys, "--dump", url)[1]


def test_refresh_offline_shows_the_stored_copy_with_a_note(site, capsys):
    url = site.url("/bridge")
    run(capsys, "--dump", url)
    site.stop()

    status, out, err = run(capsys, "--dump", "--refresh", url)

    assert status == 0 and "Saltmarsh" in out
    assert err.startswith("byline: ") and "showing the copy stored" in err and err.count("\n") == 1


def test_save_fetches_concurrently_with_progress_and_stores_unread(capsys):
    site = Site({f"/story{n}": page(f"Story {n}", f"Paragraph about harbour story number {n}, with detail.") for n in range(4)}, delay=0.3)
    try:
        urls = [site.url(f"/story{n}") for n in range(4)] + [site.url("/missing")]
        status, out, err = run(capsys, "save", *urls)
    finally:
        site.stop()

    assert status == 3  # one of them failed: the source-could-not-be-read status
    assert site.most_at_once >= 2
    lines = err.splitlines()
    assert sorted(line.split("]")[0] for line in lines[:-1]) == [f"[{n}/5" for n in range(1, 6)]
    assert sum("] saved  Story" in line for line in lines) == 4
    assert any("] failed: " in line and "404" in line for line in lines)
    assert lines[-1] == "byline: saved 4 of 5, 1 failed"
    listed = json.loads(run(capsys, "library", "list", "--json")[1])
    assert sorted(e["title"] for e in listed) == [f"Story {n}" for n in range(4)]
    assert not any(e["read"] for e in listed)
    assert "harbour story number 2" in run(capsys, "--dump", urls[2])[1]  # offline now


def test_save_skips_what_is_stored_unless_refreshed(site, capsys):
    url = site.url("/ferry")
    assert run(capsys, "save", url)[0] == 0
    status, out, err = run(capsys, "save", url, "--json")
    assert status == 0
    assert json.loads(out)[0]["status"] == "stored already"
    assert json.loads(run(capsys, "save", "--refresh", url, "--json")[1])[0]["status"] == "saved"


def test_library_search_remove_and_vacuum(site, capsys):
    run(capsys, "save", site.url("/bridge"), site.url("/ferry"))

    status, out, _ = run(capsys, "library", "search", "cabins")
    assert status == 0 and "Night ferry returns" in out and "Swing bridge" not in out
    [hit] = json.loads(run(capsys, "library", "search", "cabins", "--json")[1])
    assert hit["title"] == "Night ferry returns" and "Cabins" in hit["snippet"]

    assert run(capsys, "library", "remove", str(hit["id"]))[:2] == (0, f"removed {hit['id']}\n")
    assert run(capsys, "library", "search", "cabins", "--json")[1] == "[]\n"
    status, out, err = run(capsys, "library", "remove", str(hit["id"]))
    assert status == 5 and "not in the library" in err

    status, out, _ = run(capsys, "library", "vacuum", "--json")
    report = json.loads(out)
    assert status == 0 and report["check"] == "ok" and report["entries"] == 1


def test_library_list_text_marks_unread(site, capsys):
    run(capsys, "save", site.url("/ferry"))
    run(capsys, "--dump", site.url("/bridge"))
    out = run(capsys, "library", "list")[1]
    first, second = out.splitlines()
    assert "Swing bridge reopens · Test Gazette" in first and " * " not in first
    assert "Night ferry returns" in second and " * " in second


def test_library_usage_errors(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["library", "frobnicate"])
    assert exit_.value.code == 2
    with pytest.raises(SystemExit):
        main(["library", "remove", "abc"])


def test_a_file_named_like_a_subcommand_still_opens_with_dump(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "save").write_text("Tide notice\n\nThe slipway is closed at high water this week.\n")
    status, out, _ = run(capsys, "--dump", "save")
    assert status == 0 and "slipway is closed" in out


def test_an_unusable_library_warns_and_the_article_still_prints(private_user_dirs, monkeypatch, capsys, fixture_path):
    blocker = private_user_dirs / "not-a-directory"
    blocker.write_text("")
    monkeypatch.setenv("BYLINE_DATA_DIR", str(blocker))

    status, out, err = run(capsys, "--dump", str(fixture_path("harbour.html")))

    assert status == 0 and "Kestrel Street bridge" in out
    assert err.startswith("byline: cannot create the library directory") and err.count("\n") == 1
    assert "continuing without the library" in err
    status, _, err = run(capsys, "library", "list")
    assert status == 5 and err.count("\n") == 1


def test_a_damaged_library_is_reported_once_and_reading_goes_on(private_user_dirs, capsys, fixture_path):
    data = private_user_dirs / "data"
    data.mkdir()
    (data / "library.sqlite3").write_bytes(b"not a database at all " * 100)

    status, out, err = run(capsys, "--dump", str(fixture_path("harbour.html")))

    assert status == 0 and "Kestrel Street bridge" in out
    assert "was damaged" in err and "moved to" in err
    assert len(list(data.glob("library.sqlite3.corrupt-*"))) == 1
    assert json.loads(run(capsys, "library", "list", "--json")[1])[0]["title"].startswith("Harbour bridge")

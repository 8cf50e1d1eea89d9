"""``byline feeds …`` as a person (or cron) uses it: one line per failure, byline's
exit codes, JSON for scripts, nothing but results when stderr is no terminal."""

from __future__ import annotations

import json
import re
import socket

import pytest

from byline.tui.cli.main import main


def feeds(*argv: str) -> int:
    try:
        return main(["feeds", *argv])
    except SystemExit as done:  # a usage error, as the console script would exit
        return done.code


def output(capsys) -> tuple[str, str]:
    captured = capsys.readouterr()
    return captured.out, captured.err


def test_subscribe_update_list_remove(feed_web, capsys):
    harbour = feed_web.serve_feed("harbour-rss.xml")
    assert feeds("add", feed_web.url("/harbour/"), "--name", "Harbour", "--tag", "local") == 0
    out, err = output(capsys)
    assert out.startswith("subscribed: 1  Harbour") and f"<{harbour}>" in out and err == ""
    assert feeds("add", feed_web.serve_feed("lost-rss.xml"), "--json") == 0
    added = json.loads(output(capsys)[0])
    assert added["subscribed"] and added["id"] == 2 and added["listed_items"] == 3

    assert feeds("update", "--json") == 0
    out, err = output(capsys)
    reports = {report["id"]: report for report in json.loads(out)}
    assert reports[1]["status"] == "updated" and reports[1]["articles"] == 3
    assert reports[2]["summaries"] == 2 and reports[2]["unreadable"] == 1
    assert "404" in reports[2]["items"][0]["error"]
    assert "\r" not in err and "\x1b" not in err  # no progress line when stderr is not a terminal
    assert err.startswith("byline: 2 feeds updated in ") and "5 new articles" in err

    assert feeds("list", "--json") == 0
    listed = json.loads(output(capsys)[0])
    assert [(f["id"], f["name"], f["unread"], f["items"], f["tags"], f["error"]) for f in listed] == [
        (1, "Harbour", 3, 3, ["local"], None),
        (2, None, 3, 3, [], None),
    ]
    assert feeds("list") == 0
    lines = output(capsys)[0].splitlines()
    assert lines[0].split()[:3] == ["1", "3/3", "Harbour"] and "Lost Links Daily" in lines[1]

    assert feeds("update", "1") == 0
    out, _ = output(capsys)
    assert out.strip() == "1  Harbour: not modified"

    assert feeds("remove", "2", "7") == 5
    out, err = output(capsys)
    assert out.startswith("removed 2") and err.strip() == "byline: no feed 7 (byline feeds list shows the ids)"
    assert main(["library", "list", "--json"]) == 0
    assert json.loads(output(capsys)[0]) == [], "the history: nothing opened yet (the articles live under their feeds)"
    assert main(["library", "list", "--json", "--all"]) == 0
    assert len(json.loads(output(capsys)[0])) == 5  # the removed feed's articles stay


def test_a_failing_feed_is_named_and_the_exit_code_says_so(feed_web, capsys):
    feed_web.serve_feed("harbour-rss.xml")
    feeds("add", feed_web.url("/feeds/harbour-rss.xml"))
    feed_web.routes["/feeds/harbour-rss.xml"] = feed_web.routes["/feeds/bomb.xml"]
    capsys.readouterr()
    assert feeds("update") == 3
    out, err = output(capsys)
    assert out.startswith("   1  The Harbour Gazette: failed: ") and "10 MB limit" in out
    assert "1 feed failed" in err
    feeds("list")
    assert "failed" in output(capsys)[0]


@pytest.mark.parametrize("argv, code, message", [
    (["add", "PAGE"], 4, "names none"),
    (["add", "ftp://example.org/feed"], 3, "not an http(s) address"),
    (["add", "CLOSED"], 3, "connection refused"),
    (["update", "9"], 5, "no feed 9"),
    (["remove", "abc"], 2, "not a feed id"),
    (["update", "--timeout", "-1"], 2, "timeout must be"),
    (["import", "/nonexistent/subs.opml"], 3, "no such file"),
    ([], 2, "required"),
])
def test_every_failure_is_one_line(feed_web, capsys, argv, code, message):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/feed.xml"
    argv = [{"PAGE": feed_web.url("/plain-page.html"), "CLOSED": closed}.get(arg, arg) for arg in argv]
    assert feeds(*argv) == code
    out, err = output(capsys)
    assert out == "" and err.count("\n") == 1 and message in err and "Traceback" not in err
    assert err.startswith("byline")


def test_a_bad_config_file_stops_with_its_line(capsys, private_user_dirs):
    (private_user_dirs / "config.toml").write_text("[feeds]\nper_host = 0\n", encoding="utf-8")
    assert feeds("list") == 2
    _, err = output(capsys)
    assert "line 2: feeds.per_host must be a whole number between 1 and 16 (it is 0)" in err


def test_import_and_export(feed_web, capsys, tmp_path, monkeypatch):
    feeds("add", feed_web.serve_feed("harbour-rss.xml"), "--tag", "sea")
    feeds("add", feed_web.serve_feed("quarry-atom.xml"))
    capsys.readouterr()
    target = tmp_path / "out.opml"
    assert feeds("export", "-o", str(target)) == 0
    assert output(capsys) == ("", "")
    assert feeds("export") == 0

    def undated(text: str) -> str:  # the two exports may be a second apart
        return re.sub(r"<dateCreated>[^<]*</dateCreated>", "", text)

    assert undated(output(capsys)[0]) == undated(target.read_text(encoding="utf-8"))
    assert b'category="sea"' in target.read_bytes()

    monkeypatch.setenv("BYLINE_DATA_DIR", str(tmp_path / "elsewhere"))  # another library
    assert feeds("import", str(target), "--json") == 0
    imported = json.loads(output(capsys)[0])
    assert [feed["title"] for feed in imported["added"]] == ["The Harbour Gazette", "The Quarry Times"]
    assert feeds("import", str(target)) == 0
    assert "imported 0 feeds (2 already subscribed)" in output(capsys)[1]


def test_export_to_a_directory_is_one_line(capsys, tmp_path):
    assert feeds("export", "-o", str(tmp_path)) == 5
    assert "is a directory" in output(capsys)[1]


def test_an_empty_subscription_list(capsys):
    assert feeds("list") == 0 and feeds("update") == 0
    out, err = output(capsys)
    assert out == "" and "byline feeds add URL" in err


def test_help_names_the_feeds_commands(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "byline feeds {add,list,remove,update,import,export}" in " ".join(output(capsys)[0].split())


class Terminal:
    def __init__(self) -> None:
        self.written = ""

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> None:
        self.written += text

    def flush(self) -> None:
        pass


def test_the_progress_line_redraws_in_place_on_a_terminal_only():
    from byline.tui.feeds.progress import ProgressLine

    terminal = Terminal()
    line = ProgressLine(terminal)
    line.show("feeds 1/2 · \x1b]0;title\x07news.example", force=True)
    line.clear()
    assert terminal.written == "\rfeeds 1/2 · ]0;titlenews.example\x1b[K\r\x1b[K"
    quiet = ProgressLine(Terminal())
    quiet.stream.isatty = lambda: False  # type: ignore[method-assign]
    assert not ProgressLine(quiet.stream).enabled


def test_the_feeds_settings_are_read_from_the_config_file():
    from byline.tui.config import Settings, parse_settings
    from byline.tui.feeds.update import Limits

    settings = parse_settings("[feeds]\nupdate_on_start = true\nper_host = 4\nmax_new = 10\n")
    assert settings.feeds_update_on_start and Limits.for_settings(settings).per_host == 4
    assert Limits.for_settings(settings).max_new == 10
    assert not Settings().feeds_update_on_start

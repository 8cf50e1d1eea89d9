"""``byline batch`` as a user runs it: a real process over saved pages, a WARC and
JSONL; one record per document, a failing document a record with its error;
--resume; Ctrl-C mid-run keeps a valid, resumable output; URL lists."""

from __future__ import annotations

import functools
import http.server
import json
import os
import signal
import subprocess
import threading
import time
from collections import Counter

import pytest
from batch_support import BYLINE, MAX_MB, PAGES, by_source, read_records, run_batch, write_pages

from byline.extract import __version__

pytestmark = pytest.mark.skipif(not BYLINE.exists(), reason="the console script is not installed in this environment")


def test_every_document_of_every_input_kind_is_one_record(pool_run):
    corpus, out, result = pool_run

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1].startswith("byline: 14 records (8 without an article)")
    records = by_source(read_records(out))
    assert len(records) == 14
    pages = str(corpus / "pages")

    bakery = records[f"{pages}/bakery-cooperative.html"]
    assert bakery["error_class"] is None and bakery["input_kind"] == "file"
    assert bakery["title"] == "Village bakery becomes a cooperative after owner retires"
    assert {"Margaret Okafor", "Daniel Reyes"} <= {entity["name"] for entity in bakery["entities"]}
    assert any(quote["speaker"] == "Daniel Reyes" for quote in bakery["quotes"])
    assert (bakery["extractor"], bakery["engine"]) == (__version__, "rules")
    assert records[f"{pages}/harbour.html.gz"]["title"] == "Harbour bridge to close for six weeks as repairs begin"
    assert records[f"{pages}/tram-extension.txt"]["title"] == "Tram line to reach the hospital by next spring"

    def failure(source: str) -> tuple[str, str]:
        record = records[source]
        assert record["text"] is None and record["entities"] == []
        assert record["error"].startswith(source)
        return record["error_class"], record["error"]

    assert failure(f"{pages}/picture.html")[0] == "UnsupportedContent"
    assert failure(f"{pages}/huge.html")[0] == "TooLarge"
    assert failure(f"{pages}/menu-only.html")[0] == "NotAnArticle"


def test_warc_response_records_keep_their_own_charset_and_encodings(corpus, tmp_path):
    from warcio.archiveiterator import ArchiveIterator

    out = tmp_path / "out"
    warc = corpus / "crawl.warc.gz"

    result = run_batch(str(warc), "--output", str(out), "--workers", "1", "--no-analyse")

    assert result.returncode == 0, result.stderr
    records = by_source(read_records(out))
    # The warcinfo, request and revisit records are not documents.
    assert set(records) == {f"https://news.example/{name}" for name in ("market", "tram", "gone", "report.pdf")}
    market = records["https://news.example/market"]
    assert "pay \u20ac40 a week" in market["text"]  # ISO-8859-15, declared only in the HTTP header; gzip undone
    assert market["engine"] is None  # --no-analyse
    assert "Priya Raman" in records["https://news.example/tram"]["text"]  # chunked transfer encoding undone
    assert records["https://news.example/gone"]["error_class"] == "HTTPStatusError"
    assert records["https://news.example/report.pdf"]["error_class"] == "UnsupportedContent"
    with warc.open("rb") as handle:  # each record's offset finds that record in the archive
        for record in records.values():
            assert record["input"] == str(warc) and record["input_kind"] == "warc"
            handle.seek(record["offset"])
            found = next(iter(ArchiveIterator(handle)))
            assert found.rec_headers.get_header("WARC-Record-ID") == record["record_id"]


def test_jsonl_lines_are_records_and_bad_lines_say_what_is_wrong(corpus, tmp_path):
    out = tmp_path / "out"
    feed = corpus / "feed.jsonl"

    result = run_batch(str(feed), "--output", str(out), "--workers", "1", "--max-mb", MAX_MB)

    assert result.returncode == 0, result.stderr
    records = {record["line"]: record for record in read_records(out)}
    assert sorted(records) == [1, 2, 3, 5]  # the blank line 4 is no document
    assert records[1]["url"] == "https://gazette.example/bakery"
    assert records[1]["title"] == "Village bakery becomes a cooperative after owner retires"
    assert records[2]["error_class"] == "InputError" and "not a JSON object" in records[2]["error"]
    assert records[3]["error_class"] == "InputError" and '"html"' in records[3]["error"]
    assert records[5]["error_class"] == "TooLarge" and records[5]["source"] == "https://gazette.example/huge"
    assert all(record["input"] == str(feed) and record["input_kind"] == "jsonl" for record in records.values())


def test_resume_does_only_what_the_output_lacks(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "bakery.html").write_bytes((PAGES / "bakery-cooperative.html").read_bytes())
    out = tmp_path / "out"
    first = run_batch(str(pages), "--output", str(out), "--no-analyse", "--workers", "1")
    assert first.returncode == 0, first.stderr
    (pages / "tram.txt").write_bytes((PAGES / "tram-extension.txt").read_bytes())

    again = run_batch(str(pages), "--output", str(out), "--no-analyse", "--workers", "1")
    resumed = run_batch(str(pages), "--output", str(out), "--no-analyse", "--workers", "1", "--resume")

    assert again.returncode == 2
    assert again.stderr.count("\n") == 1 and "--resume" in again.stderr
    assert resumed.returncode == 0, resumed.stderr
    assert "1 records, 1 already done" in resumed.stderr
    assert sorted(path.name for path in out.iterdir()) == ["run-0001.jsonl", "run-0002.jsonl"]
    assert sorted(record["input"] for record in read_records(out)) == [str(pages / "bakery.html"), str(pages / "tram.txt")]


@pytest.mark.parametrize("output_format", ["jsonl", "parquet"])
def test_ctrl_c_keeps_every_written_record_whole_and_resume_finishes(tmp_path, output_format):
    bakery = (PAGES / "bakery-cooperative.html").read_text(encoding="utf-8")
    feed = tmp_path / "many.jsonl"
    total = 120
    feed.write_text(
        "".join(json.dumps({"url": f"https://gazette.example/{n}", "html": bakery}) + "\n" for n in range(total)),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    arguments = [str(feed), "--output", str(out), "--workers", "1", "--no-analyse", "--format", output_format]
    child = subprocess.Popen(
        [str(BYLINE), "batch", *arguments], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    part = out / f"run-0001.{output_format}"
    started = part.with_name(part.name + ".partial") if output_format == "parquet" else part
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and child.poll() is None:
        if started.exists() and (output_format == "parquet" or part.read_bytes().count(b"\n") >= 2):
            break
        time.sleep(0.05)
    child.send_signal(signal.SIGINT)
    _stdout, stderr = child.communicate(timeout=120)

    assert child.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert "--resume" in stderr.splitlines()[-1]
    assert 1 <= len(read_records(out)) < total  # every line whole; the Parquet part closed and named

    resumed = run_batch(*arguments, "--resume")

    assert resumed.returncode == 0, resumed.stderr
    lines = Counter(record["line"] for record in read_records(out))
    assert sorted(lines) == list(range(1, total + 1))
    assert set(lines.values()) == {1}


def test_urls_from_a_list_are_fetched_and_a_dead_one_is_a_record(tmp_path):
    site = write_pages(tmp_path / "site")
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# to read\n{base}/bakery-cooperative.html\n{base}/tram-extension.txt\n{base}/missing.html\n")
    out = tmp_path / "out"
    try:
        result = run_batch(str(listing), "--output", str(out), "--workers", "1", "--no-analyse", "--per-host", "1")
    finally:
        server.shutdown()

    assert result.returncode == 0, result.stderr
    records = by_source(read_records(out))
    assert records[f"{base}/bakery-cooperative.html"]["title"].startswith("Village bakery")
    assert records[f"{base}/tram-extension.txt"]["url"] == f"{base}/tram-extension.txt"
    assert records[f"{base}/missing.html"]["error_class"] == "HTTPStatusError"
    assert {record["input_kind"] for record in records.values()} == {"url"}


@pytest.mark.parametrize(
    ("arguments", "code", "fragment"),
    [
        (["nowhere/pages", "--output", "{out}"], 3, "nowhere/pages: no such file or directory"),
        (["{pages}", "--output", "{out}", "--workers", "0"], 2, "--workers"),
        (["{pages}", "--output", "{pages}/bakery-cooperative.html"], 5, "not a directory"),
        (["{pages}", "--output", "{out}", "--max-mb", "0"], 2, "--max-mb"),
    ],
)
def test_a_bad_command_is_one_line(tmp_path, arguments, code, fragment):
    pages = write_pages(tmp_path / "pages")
    words = [word.format(out=tmp_path / "out", pages=pages) for word in arguments]

    result = run_batch(*words)

    assert result.returncode == code, result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("byline: "), result.stderr
    assert fragment in result.stderr
    assert result.stdout == ""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


def test_no_textual_or_rich_in_batch():
    code = (
        "import sys, byline.tui.batch, byline.tui.batch.runner, byline.tui.batch.cluster;"
        "print(any(m.split('.')[0] in ('textual', 'rich') for m in sys.modules))"
    )
    result = subprocess.run([str(BYLINE.with_name("python")), "-c", code], capture_output=True, text=True, env=os.environ)
    assert result.stdout.strip() == "False", result.stderr

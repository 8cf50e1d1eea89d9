"""Helpers for the batch tests, and a small corpus of every input kind ``byline batch`` reads, written per test by conftest.py:
saved pages (one gzipped, one a picture, one too large, one not an article),
a WARC written with warcio, and a JSONL file with good and bad lines."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

PAGES = Path(__file__).resolve().parent / "pages"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
BYLINE = Path(sys.executable).with_name("byline")

#: --max-mb for the corpus: 0.1 MB, so a 150 KB page is too large.
MAX_MB = "0.1"

# The PNG signature and the start of a header: a picture saved under an .html name.
PICTURE = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)

EURO_PAGE = (
    "<html><head><title>Market stalls to pay less rent</title></head><body><article>"
    "<h1>Market stalls to pay less rent</h1>"
    "<p>Traders at the covered market in Lindholm will pay \u20ac40 a week for a stall from June, "
    "down from \u20ac55, the town's markets committee decided on Wednesday evening.</p>"
    "<p>The committee said the cut would be paid for by a higher charge for the car park "
    "behind the market hall, which is full on most Saturdays.</p>"
    "<p>Stallholders had asked for the change after three of them left the market last year, "
    "saying the rent had grown faster than their takings.</p></article></body></html>"
)


def run_batch(*args: str, timeout: float = 240, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``byline batch ARGS`` as a user runs it."""
    return subprocess.run(
        [str(BYLINE), "batch", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )


def read_records(directory: Path) -> list[dict[str, Any]]:
    """Every record in an output directory's parts, JSONL or Parquet."""
    records: list[dict[str, Any]] = []
    for part in sorted(directory.iterdir()):
        if part.suffix == ".jsonl":
            records.extend(json.loads(line) for line in part.read_text(encoding="utf-8").splitlines())
        elif part.suffix == ".parquet":
            import pyarrow.parquet as pq

            records.extend(pq.read_table(part).to_pylist())
    return records


def by_source(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    found = {record["source"]: record for record in records}
    assert len(found) == len(records), "two records share a source"
    return found


def write_pages(directory: Path) -> Path:
    """Six saved pages: three articles (one gzipped), a picture, a page too large, a menu."""
    directory.mkdir(parents=True, exist_ok=True)
    for name in ("bakery-cooperative.html", "tram-extension.txt", "menu-only.html"):
        (directory / name).write_bytes((PAGES / name).read_bytes())
    (directory / "harbour.html.gz").write_bytes(gzip.compress((FIXTURES / "harbour.html").read_bytes()))
    (directory / "picture.html").write_bytes(PICTURE)
    paragraph = "<p>" + "The long report goes on about the harbour works. " * 30 + "</p>\n"
    (directory / "huge.html").write_text("<html><body>" + paragraph * 110 + "</body></html>", encoding="utf-8")
    return directory


def _same_every_time_writer():  # type: ignore[no-untyped-def]
    """A WARC writer whose record ids and dates are fixed, so the archive's
    compressed bytes are the same on every run and a test can cut it at a
    chosen place (random ids and the clock moved the places)."""
    from itertools import count

    from warcio.warcwriter import WARCWriter

    class Writer(WARCWriter):
        _ids = count(1)

        @classmethod
        def _make_warc_id(cls):  # type: ignore[no-untyped-def]
            return f"<urn:uuid:00000000-0000-0000-0000-{next(cls._ids):012d}>"

        def curr_warc_date(self):  # type: ignore[no-untyped-def]
            return "2025-05-28T09:30:00Z"

    return Writer


def write_warc(path: Path) -> Path:
    """A WARC as crawlers write them: records of every type, payloads with their own encodings."""
    from warcio.statusandheaders import StatusAndHeaders

    _SameEveryTime = _same_every_time_writer()

    tram = (PAGES / "tram-extension.txt").read_text(encoding="utf-8").split("\n\n")
    tram_html = "<html><body><article><h1>" + tram[0] + "</h1>" + "".join(f"<p>{p}</p>" for p in tram[1:]) + "</article></body></html>"
    chunked = _chunked(tram_html.encode("utf-8"), 200)
    with path.open("wb") as handle:
        writer = _SameEveryTime(handle, gzip=True)
        writer.write_record(writer.create_warcinfo_record("crawl.warc.gz", {"software": "tests"}))

        def response(url: str, status: str, headers: list[tuple[str, str]], body: bytes) -> None:
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))

        request = StatusAndHeaders("GET /market HTTP/1.1", [("Host", "news.example")], is_http_request=True)
        writer.write_record(writer.create_warc_record("https://news.example/market", "request", http_headers=request))
        # Latin-9 with the charset only in the HTTP header, gzip-encoded by the server.
        body = gzip.compress(EURO_PAGE.encode("iso-8859-15"), mtime=0)
        response(
            "https://news.example/market",
            "200 OK",
            [("Content-Type", "text/html; charset=ISO-8859-15"), ("Content-Encoding", "gzip"), ("Content-Length", str(len(body)))],
            body,
        )
        response(
            "https://news.example/tram",
            "200 OK",
            [("Content-Type", "text/html; charset=utf-8"), ("Transfer-Encoding", "chunked")],
            chunked,
        )
        response("https://news.example/gone", "404 Not Found", [("Content-Type", "text/html")], b"<html><body>Not found</body></html>")
        response("https://news.example/report.pdf", "200 OK", [("Content-Type", "application/pdf")], b"%PDF-1.7\n" + bytes(200))
        revisit = writer.create_revisit_record(
            "https://news.example/market", digest="sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", refers_to_uri="https://news.example/market", refers_to_date="2025-01-01T00:00:00Z"
        )
        writer.write_record(revisit)
    return path


def write_jsonl(path: Path) -> Path:
    """Five lines: an article, a line that is not JSON, one without html, a blank, one too large."""
    bakery = (PAGES / "bakery-cooperative.html").read_text(encoding="utf-8")
    huge = "<html><body>" + "<p>Word after word after word.</p>" * 4000 + "</body></html>"
    lines = [
        json.dumps({"url": "https://gazette.example/bakery", "html": bakery}),
        '{"url": "https://gazette.example/broken", "html": ',
        json.dumps({"url": "https://gazette.example/empty"}),
        "",
        json.dumps({"url": "https://gazette.example/huge", "html": huge}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _chunked(data: bytes, size: int) -> bytes:
    out = b""
    for start in range(0, len(data), size):
        piece = data[start : start + size]
        out += f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
    return out + b"0\r\n\r\n"

"""What ``byline batch`` finds in its INPUT arguments, and what it reads from a damaged WARC."""

from __future__ import annotations

import zlib

import pytest
from batch_support import write_pages, write_warc

from byline.tui.batch.inputs import InputError, documents, expand


def test_inputs_are_found_by_kind_and_a_url_list_by_its_lines(tmp_path):
    pages = write_pages(tmp_path / "pages")
    (pages / "notes.doc").write_bytes(b"not an input")
    write_warc(tmp_path / "crawl.warc.gz")
    listing = tmp_path / "reading.txt"
    listing.write_text("# weekend\nhttps://news.example/a\n\nhttps://news.example/b\n")

    found = expand([str(pages), str(tmp_path / "*.warc.gz"), str(listing), "https://news.example/c"])

    assert [(item.path.removeprefix(str(tmp_path) + "/"), item.kind) for item in found] == [
        ("pages/bakery-cooperative.html", "page"),
        ("pages/harbour.html.gz", "page"),
        ("pages/huge.html", "page"),
        ("pages/menu-only.html", "page"),
        ("pages/picture.html", "page"),
        ("pages/tram-extension.txt", "page"),
        ("crawl.warc.gz", "warc"),
        ("reading.txt", "urls"),
        ("https://news.example/c", "url"),
    ]
    assert [document.input for document in documents([found[-2]], max_bytes=1000)] == [
        "https://news.example/a",
        "https://news.example/b",
    ]
    with pytest.raises(InputError, match="no such file or directory"):
        expand([str(tmp_path / "missing")])


def _decoded_landmarks(member: bytes) -> tuple[int, int]:
    """How many bytes of one gzip member must be read before its WARC headers
    are whole, and before the whole record is: a cut before the first falls in
    the headers, one between the two in the payload (whatever the compression
    made of the bytes)."""
    decoder = zlib.decompressobj(31)
    decoded, headers_end = b"", None
    for read in range(1, len(member) + 1):
        decoded += decoder.decompress(member[read - 1 : read])
        if headers_end is None and b"\r\n\r\n" in decoded:
            headers_end = read
    assert headers_end is not None and headers_end < len(member) - 8
    return headers_end, len(member) - 8  # the last 8 bytes are gzip's checksum and size


def test_a_warc_cut_short_keeps_its_whole_records_and_names_the_cut_one(tmp_path):
    whole = write_warc(tmp_path / "crawl.warc.gz").read_bytes()
    read = list(documents(expand([str(tmp_path / "crawl.warc.gz")]), max_bytes=1 << 20))
    cut = tmp_path / "cut.warc.gz"

    def read_cut(at: int) -> list:
        cut.write_bytes(whole[:at])
        return list(documents(expand([str(cut)]), max_bytes=1 << 20))

    headers_end, record_end = _decoded_landmarks(whole[read[1].offset : read[2].offset])
    in_payload = read_cut(read[1].offset + (headers_end + record_end) // 2)  # inside the second response's payload
    in_headers = read_cut(read[1].offset + headers_end - 1)  # inside its headers

    for documents_read in (in_payload, in_headers):
        assert documents_read[0].content == read[0].content and documents_read[0].failure is None
        assert len(documents_read) == 2
        assert documents_read[1].failure is not None and documents_read[1].failure[0] == "InputError"
    assert in_payload[1].failure[1].endswith(f"the archive ends inside this record ({cut} is cut short)")
    assert f"{cut}: damaged after byte {read[1].offset}" in in_headers[1].failure[1]

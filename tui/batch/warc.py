"""WARC input: every HTTP response record of an archive is a document.

Read with warcio (Webrecorder's reader, pure Python): each record's payload
is decoded as its own ``Transfer-Encoding`` and ``Content-Encoding`` say, at
most the size cap of it, and its ``Content-Type`` (with the charset) travels
with the bytes. Requests, metadata, revisits and ``warcinfo`` records are not
documents; a response that is not 2xx is a failed document saying so.
"""

from __future__ import annotations

from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator

from byline.extract import ExtractError, HTTPStatusError, TooLarge, UnsupportedContent
from byline.tui.batch.inputs import (
    Document,
    Input,
    InputError,
    describe,
    failed_document,
    size_text,
    unreadable_document,
    weighted,
)


def warc_documents(item: Input, *, max_bytes: int) -> Iterator[Document]:
    """One document per HTTP response record, its payload decoded as the
    server's Content-Encoding and Transfer-Encoding say, its charset kept."""

    try:
        handle = open(item.path, "rb")
    except OSError as exc:
        yield unreadable_document(item, "warc", exc)
        return
    with handle:
        records = ArchiveIterator(handle)
        last = 0
        while True:
            try:
                record = next(records, None)
                if record is None:
                    yield from _unread_tail(item, records, handle)
                    return
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                document = _warc_document(item, records, record, max_bytes)
            except Exception as exc:  # warcio raises many kinds on a damaged archive
                where = f"after the record at byte {last}" if last else "at its start"
                error = InputError(f"{item.path}: damaged {where} ({describe(exc)}); the records before are read")
                yield failed_document(item, "warc", error)
                return
            document = weighted(document, document.offset - last if document.offset is not None else 1)
            last = document.offset if document.offset is not None else last
            yield document


def _warc_document(item: Input, records, record, max_bytes: int) -> Document:  # type: ignore[no-untyped-def]
    url = record.rec_headers.get_header("WARC-Target-URI")
    record_id = record.rec_headers.get_header("WARC-Record-ID")
    headers = record.http_headers
    status = headers.get_statuscode() or ""
    content_type = headers.get_header("Content-Type")
    failure: ExtractError | None = None
    content: bytes | None = None
    if not status.startswith("2"):
        code = int(status) if status.isdigit() else 0
        what = "a redirect" if status.startswith("3") else "an error page"
        failure = HTTPStatusError(f"{url}: HTTP {status or '(no status)'} in the archive, {what}, not an article", status=code)
    else:
        try:
            content = record.content_stream().read(max_bytes + 1)
        except Exception as exc:  # a payload whose declared encoding is not what it holds
            failure = UnsupportedContent(f"{url}: the archived payload cannot be decoded ({describe(exc)})")
        else:
            if len(content) > max_bytes:
                content, failure = None, TooLarge(f"{url}: is more than the {size_text(max_bytes)} limit")
            elif getattr(record.raw_stream, "limit", 0):  # warcio's reader of the record's block: bytes it never got
                content = None
                failure = InputError(f"{url}: the archive ends inside this record ({item.path} is cut short)")
    # warcio knows a record's offset only once it has been read to its end.
    offset = records.get_record_offset()
    if failure is not None:
        return failed_document(item, "warc", failure, offset=offset, url=url, record_id=record_id)
    return Document(
        item.path, "warc", content=content, url=url, content_type=content_type, offset=offset, record_id=record_id
    )


def _unread_tail(item: Input, records, handle) -> Iterator[Document]:  # type: ignore[no-untyped-def]
    """A failed document when warcio stopped before the end of the file (a record cut inside its headers)."""
    end = getattr(records, "offset", None)  # where warcio's next record would start
    size = handle.seek(0, 2)
    if isinstance(end, int) and 0 <= end < size:
        error = InputError(f"{item.path}: damaged after byte {end} (the last {size - end:,} bytes are not a whole record)")
        yield failed_document(item, "warc", error)

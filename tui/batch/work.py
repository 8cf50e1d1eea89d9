"""What a worker does with a document: the same on a process pool and on Dask.

A worker process calls :func:`start_worker` once (it loads the extractor's
tables by extracting a small built-in page), then :func:`extract_chunk` for
each chunk of documents it is sent.
"""

from __future__ import annotations

import signal
from typing import Any

from byline.extract import ExtractError, FetchOptions, read_source
from byline.tui.batch.inputs import Document
from byline.tui.batch.record import Failure, RecordOptions, extract_record, failed_record, record_from_raw

# A page the worker extracts once at start, so every table is loaded before the first real document.
_WARM_PAGE = (
    "<html><head><title>Council approves harbour plan</title></head><body><article>"
    "<h1>Council approves harbour plan</h1><p>The city council in Porthaven voted on Tuesday to "
    "approve the harbour plan after a long debate.</p><p>\u201cThis is a good day for the town,\u201d "
    "said Mayor Ana Ortiz, who had backed the plan since the spring. The Harbour Trust welcomed "
    "the vote.</p></article></body></html>"
)

_options = RecordOptions()


def start_worker(options: RecordOptions, *, ignore_interrupt: bool = True) -> None:
    """Set a worker process up: Ctrl-C is the parent's to handle; tables load once, here."""
    global _options
    if ignore_interrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    _options = options
    extract_record(_WARM_PAGE, source="warm-up", analyse=options.analyse, ner=options.ner)


def extract_chunk(documents: list[Document]) -> list[dict[str, Any]]:
    """Records of ``documents``, in order, with the options :func:`start_worker` was given."""
    return [document_record(document, _options) for document in documents]


def document_record(document: Document, options: RecordOptions) -> dict[str, Any]:
    """The record of one document: read it if it is a saved page, extract it, say where it came from."""
    source = document.source
    if document.failure is not None:
        name, message = document.failure
        record = failed_record(Failure(name, message), source, url=document.url, options=options)
    elif document.content is None:  # a saved page, read here in the worker
        try:
            raw = read_source(document.input, FetchOptions(max_bytes=options.max_bytes))
        except ExtractError as exc:
            record = failed_record(exc, source, options=options)
        else:
            record = record_from_raw(raw, options)
    else:
        record = extract_record(
            document.content,
            url=document.url,
            source=source,
            content_type=document.content_type,
            analyse=options.analyse,
            ner=options.ner,
            max_bytes=options.max_bytes,
        )
    return placed(record, document)


def placed(record: dict[str, Any], document: Document) -> dict[str, Any]:
    """``record`` with where ``document`` came from (its input, offset, line, record id)."""
    record.update(
        input=document.input,
        input_kind=document.input_kind,
        offset=document.offset,
        line=document.line,
        record_id=document.record_id,
    )
    return record

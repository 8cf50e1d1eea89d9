"""``byline batch`` on one machine: a process pool, records written as they are made.

The parent reads the inputs (a saved page is read by its worker), fetches
URLs, sends chunks of documents to the workers and writes their records as
each chunk comes back (a slow page holds up no other). At most a few chunks
per worker are in flight, so memory does not grow with the corpus. Ctrl-C
(or SIGTERM) stops the workers at once and closes the part: every record
written is whole, and ``--resume`` does the rest.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from byline.extract import ExtractError, FetchOptions
from byline.tui.batch.fetching import fetch_documents
from byline.tui.batch.inputs import Document, Input, documents
from byline.tui.batch.progress import Progress
from byline.tui.batch.record import Failure, RecordOptions, failed_record
from byline.tui.batch.work import extract_chunk, placed, start_worker
from byline.tui.batch.writers import JsonlWriter, Output, ParquetWriter, open_writer
from byline.tui.config import load_cookies

#: Documents sent to a worker at once, and chunks in flight per worker.
CHUNK_DOCUMENTS = 4
CHUNK_BYTES = 4 * 1024 * 1024
CHUNKS_PER_WORKER = 3


@dataclass(slots=True)
class Summary:
    """What a run did."""

    written: int = 0
    failed: int = 0
    skipped: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    parts: tuple[Path, ...] = ()
    #: Whole partitions that failed (a cluster only): each one line for the user.
    errors: list[ExtractError] = field(default_factory=list)


@dataclass(slots=True, frozen=True)
class Fetching:
    """How URLs are fetched: ``byline save``'s limits, and how many at once.

    Picklable, to travel to a Dask worker: the cookies travel as the config's
    file name, loaded where the fetching happens.
    """

    options: FetchOptions
    jobs: int = 4
    per_host: int = 2
    cookies_file: str | None = None

    def fetch_options(self) -> FetchOptions:
        if self.cookies_file is None:
            return self.options

        return dataclasses.replace(self.options, cookies=load_cookies(self.cookies_file))


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class StopRequest:
    """Turns the first Ctrl-C (or SIGTERM) into a flag the run loop checks; a second Ctrl-C interrupts."""

    def __init__(self) -> None:
        self.requested = False
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> StopRequest:
        if threading.current_thread() is threading.main_thread():  # only there can Python handle signals
            for number in (signal.SIGINT, signal.SIGTERM):
                self._previous[number] = signal.signal(number, self._handle)
        return self

    def __exit__(self, *exc_info: object) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, handler)

    def _handle(self, number: int, frame: FrameType | None) -> None:
        if self.requested and number == signal.SIGINT:
            raise KeyboardInterrupt
        self.requested = True


def pending_documents(
    inputs: Iterable[Input],
    options: RecordOptions,
    done: set[tuple[str, int | None]],
    progress: Progress,
    fetching: Fetching | None,
) -> Iterator[Document]:
    """The inputs' documents less those already in the output, URLs fetched."""
    stream: Iterator[Document] = documents(inputs, max_bytes=options.max_bytes)
    if done:
        stream = _skip_done(stream, done, progress)
    if fetching is not None:
        stream = fetch_documents(stream, fetching.fetch_options(), jobs=fetching.jobs, per_host=fetching.per_host)
    return stream


def _skip_done(stream: Iterator[Document], done: set[tuple[str, int | None]], progress: Progress) -> Iterator[Document]:
    for document in stream:
        if document.key in done:
            progress.skip(document.weight)
        else:
            yield document


def run_dask_or_pool(
    inputs: list[Input],
    output: Output,
    options: RecordOptions,
    *,
    dask: str | None,
    workers: int,
    resume: bool,
    fetching: Fetching | None,
    progress: Progress,
) -> Summary:
    """Run on a process pool, or on Dask when ``dask`` is "local" or a scheduler's address."""
    if dask is None:
        return run_pool(inputs, output, options, workers=workers, resume=resume, fetching=fetching, progress=progress)
    from byline.tui.batch.cluster import run_dask  # here: only --dask; cluster imports this module (a circle)

    address = None if dask == "local" else dask
    return run_dask(
        inputs, output, options, address=address, workers=workers, resume=resume, fetching=fetching, progress=progress
    )


def run_pool(
    inputs: list[Input],
    output: Output,
    options: RecordOptions,
    *,
    workers: int,
    resume: bool,
    fetching: Fetching | None,
    progress: Progress,
) -> Summary:
    """Extract every document of ``inputs`` on ``workers`` processes into a new part of ``output``."""
    done = output.done_keys() if resume else set()
    summary = Summary()
    stream = pending_documents(inputs, options, done, progress, fetching)
    chunks = _chunks(stream)
    part = output.next_run_part()
    writer: JsonlWriter | ParquetWriter | None = None
    window: dict[Future[list[dict[str, Any]]], list[Document]] = {}
    started = time.monotonic()
    executor = _executor(workers, options)
    exhausted = False
    with StopRequest() as stop:
        try:
            while not stop.requested:
                while not exhausted and len(window) < workers * CHUNKS_PER_WORKER and not stop.requested:
                    chunk = next(chunks, None)
                    if chunk is None:
                        exhausted = True
                    else:
                        window[executor.submit(extract_chunk, chunk)] = chunk
                if not window:
                    break
                # Records are written as chunks finish: a slow page holds up no other.
                for future in wait(window, timeout=0.2, return_when=FIRST_COMPLETED).done:
                    chunk = window.pop(future)
                    broken = False
                    try:
                        records = future.result()
                    except BrokenProcessPool:
                        records = [_crashed(document, options) for document in chunk]
                        broken = True
                    if writer is None:
                        writer = open_writer(part, output.format)
                    for record, document in zip(records, chunk, strict=True):
                        writer.write(record)
                        failed = record["error_class"] is not None
                        summary.written += 1
                        summary.failed += failed
                        progress.add(document.weight, failed=int(failed))
                    if broken:
                        executor = _replace_broken(executor, workers, options, window)
                        break  # the rest of this wait's futures are in the window still, or sent again
        finally:
            summary.interrupted = stop.requested
            _stop(executor, now=stop.requested)
            progress.clear()
            if writer is not None:
                writer.close()
                summary.parts = (part,)
    summary.skipped = progress.skipped
    summary.seconds = time.monotonic() - started
    return summary


def _chunks(stream: Iterator[Document]) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    size = 0
    for document in stream:
        chunk.append(document)
        size += len(document.content or "")
        if len(chunk) >= CHUNK_DOCUMENTS or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _executor(workers: int, options: RecordOptions) -> ProcessPoolExecutor:
    # forkserver: workers start from a clean process, not a copy of a parent
    # that may hold fetch threads; each loads the extractor's tables once.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context(method),
        initializer=start_worker,
        initargs=(options,),
    )


def _replace_broken(
    executor: ProcessPoolExecutor,
    workers: int,
    options: RecordOptions,
    window: dict[Future[list[dict[str, Any]]], list[Document]],
) -> ProcessPoolExecutor:
    """A worker died (killed, out of memory, a crash in C): start a new pool and send
    it again what the old one had not finished (but the chunk whose future broke first)."""
    executor.shutdown(wait=False, cancel_futures=True)
    fresh = _executor(workers, options)
    for future, chunk in list(window.items()):
        if future.done() and not future.cancelled() and future.exception() is None:
            continue  # finished before the pool broke: its records are good
        del window[future]
        window[fresh.submit(extract_chunk, chunk)] = chunk
    return fresh


def _crashed(document: Document, options: RecordOptions) -> dict[str, Any]:
    message = f"{document.source}: the worker extracting it stopped (killed, out of memory, or a crash)"
    record = failed_record(Failure("WorkerCrashed", message), document.source, url=document.url, options=options)
    return placed(record, document)


def _stop(executor: ProcessPoolExecutor, *, now: bool) -> None:
    """Shut the pool down; when stopping early, end the workers without waiting for their chunks."""
    executor.shutdown(wait=not now, cancel_futures=True)
    if not now:
        return
    terminate = getattr(executor, "terminate_workers", None)  # Python 3.14+
    if terminate is not None:
        terminate()
        return
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        if process.is_alive():
            process.terminate()
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        process.join(timeout=5)

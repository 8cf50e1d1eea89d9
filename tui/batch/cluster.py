"""``byline batch --dask``: the same per-document work on a Dask cluster.

Each partition (a WARC, JSONL or URL-list file, or a group of saved pages,
see ``inputs.partitions``) is one task; the task reads its inputs on the
worker, extracts every document with :func:`work.document_record` and writes
one part, ``OUT/part-<hash>.jsonl`` (or ``.parquet``), renamed from
``….partial`` when the partition is done. On a cluster of several machines
OUT must be a directory every worker can write (a shared file system), and
the inputs must be readable at the same paths there.

``--dask`` alone starts a LocalCluster of ``--workers`` processes, one thread
each (the extractor is pure Python: threads would share one core);
``--dask tcp://host:8786`` joins a running scheduler.
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from byline.extract import ExtractError
from byline.tui.batch.inputs import Input, Partition, partitions
from byline.tui.batch.progress import Progress
from byline.tui.batch.record import RecordOptions
from byline.tui.batch.runner import Fetching, StopRequest, Summary, pending_documents
from byline.tui.batch.work import document_record, start_worker
from byline.tui.batch.writers import Output, open_writer


@dataclass(slots=True, frozen=True)
class PartDone:
    """What one partition's task wrote."""

    written: int
    failed: int
    skipped: int
    weight: int


def run_partition(
    partition: Partition,
    part: str,
    output_format: str,
    options: RecordOptions,
    done: frozenset[tuple[str, int | None]],
    fetching: Fetching | None,
) -> PartDone:
    """Extract one partition on a worker into the part ``part`` (a path): a plain top-level function."""

    progress = Progress(partition.size, show=False)
    stream = pending_documents(partition.inputs, options, set(done), progress, fetching)
    writer = None
    written = failed = weight = 0
    try:
        for document in stream:
            record = document_record(document, options)
            if writer is None:
                writer = open_writer(Path(part), output_format, partial=True)
            writer.write(record)
            written += 1
            failed += record["error_class"] is not None
            weight += document.weight
    except BaseException:
        if writer is not None:
            writer.close(complete=False)
        raise
    if writer is not None:
        writer.close()
    return PartDone(written, failed, progress.skipped, weight)


def run_dask(
    inputs: list[Input],
    output: Output,
    options: RecordOptions,
    *,
    address: str | None,
    workers: int,
    resume: bool,
    fetching: Fetching | None,
    progress: Progress,
) -> Summary:
    """Run every partition of ``inputs`` on a Dask cluster, one part each."""
    from dask.distributed import Client, LocalCluster, wait  # here: the dask extra may not be installed

    started = time.monotonic()
    summary = Summary()
    todo, done_keys = _partitions_to_run(inputs, output, resume, progress)
    if not todo:
        summary.seconds = time.monotonic() - started
        summary.skipped = progress.skipped
        return summary
    cluster = None
    # A LocalCluster's spill space goes inside OUT, the one place byline batch writes.
    scratch = output.directory / ".dask-scratch"
    with StopRequest() as stop:
        if address is None:
            cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.CRITICAL,
                local_directory=str(scratch),
            )
        try:
            client = Client(cluster if cluster is not None else address, timeout="30s")
        except (OSError, TimeoutError) as exc:
            raise ExtractError(f"cannot reach the Dask scheduler at {address} ({exc}); is it running?") from None
        try:
            client.run(_warm_worker, options)
            futures = [
                client.submit(
                    run_partition,
                    partition,
                    str(output.part(partition.name)),
                    output.format,
                    options,
                    _keys_of(partition, done_keys),
                    fetching,
                    key=f"byline-{partition.name}",
                    pure=False,
                )
                for partition in todo
            ]
            partition_of = dict(zip(futures, todo, strict=True))
            pending = set(futures)
            parts: list[Path] = []
            while pending and not stop.requested:
                try:
                    finished, pending = wait(pending, timeout=0.5, return_when="FIRST_COMPLETED")
                except TimeoutError:
                    continue
                for future in finished:
                    partition = partition_of[future]
                    try:
                        result: PartDone = future.result()
                    except Exception as exc:  # a worker died, or the part could not be written
                        summary.errors.append(_partition_error(partition, exc))
                        continue
                    summary.written += result.written
                    summary.failed += result.failed
                    summary.skipped += result.skipped
                    progress.add(result.weight, failed=result.failed, count=result.written)
                    if result.written:
                        parts.append(output.part(partition.name))
            summary.parts = tuple(sorted(parts))
            summary.interrupted = stop.requested
            if stop.requested:
                client.cancel(list(pending), force=True)
        finally:
            progress.clear()
            client.close()
            if cluster is not None:
                cluster.close()
                shutil.rmtree(scratch, ignore_errors=True)
    summary.skipped += progress.skipped
    summary.seconds = time.monotonic() - started
    return summary


def _warm_worker(options: RecordOptions) -> None:
    """Load the extractor's tables in each worker before the first partition."""

    start_worker(options, ignore_interrupt=False)


def _partitions_to_run(
    inputs: list[Input], output: Output, resume: bool, progress: Progress
) -> tuple[list[Partition], set[tuple[str, int | None]]]:
    """The partitions without a whole part yet, and the documents already done (on resume)."""
    every = partitions(inputs)
    if not resume:
        return every, set()
    existing = {path.stem for path in output.parts()}
    todo = []
    for partition in every:
        if partition.name in existing:
            progress.total = max(progress.total - partition.size, 1)
        else:
            todo.append(partition)
    return todo, output.done_keys()


def _keys_of(partition: Partition, done: Iterable[tuple[str, int | None]]) -> frozenset[tuple[str, int | None]]:
    paths = {item.path for item in partition.inputs}
    return frozenset(key for key in done if key[0] in paths)


def _partition_error(partition: Partition, exc: BaseException) -> ExtractError:
    if isinstance(exc, ExtractError):
        return exc
    first = partition.inputs[0].path
    more = f" and {len(partition.inputs) - 1} more" if len(partition.inputs) > 1 else ""
    detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
    return ExtractError(f"{first}{more}: the partition failed on the cluster ({detail}); --resume retries it")

"""Where records go: an output directory of parts, JSONL or Parquet, streamed.

    OUT/run-0001.jsonl        one part per run on this machine (--resume adds run-0002…)
    OUT/part-<hash>.jsonl     one part per partition on a Dask cluster

A JSONL part is written a record (a line) at a time and flushed, so what is
written is kept whatever stops the run; a line cut short by a hard kill is
dropped by ``--resume``. A Parquet part is written a row group at a time
under ``….parquet.partial`` and renamed when closed, so a ``.parquet`` file
is always whole; a cluster's JSONL part is renamed the same way when its
partition is done.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from byline.extract import ExtractError
from byline.tui.batch.inputs import document_key
from byline.tui.batch.record import FIELD_NAMES, FIELDS

FORMATS = ("jsonl", "parquet")
PARTIAL = ".partial"

#: Rows per Parquet row group: bounds the memory a writer holds (rows × a page's text).
ROW_GROUP_ROWS = 256
ROW_GROUP_BYTES = 32 * 1024 * 1024

# Characters JSON may carry raw but line splitters or terminals act on: written as \u escapes.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u206a-\u206f\ufeff\ud800-\udfff]")
_RUN_PART = re.compile(r"^run-(\d+)\.(jsonl|parquet)$")


class OutputError(ExtractError):
    """The output directory cannot be used or written."""

    exit_code = 5


def record_line(record: dict[str, Any]) -> str:
    """One record as one line of JSON, its fields in the documented order."""
    text = json.dumps({name: record.get(name) for name in FIELD_NAMES}, ensure_ascii=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


class JsonlWriter:
    """Appends records to a JSONL file, one flushed line each."""

    def __init__(self, path: Path, *, partial: bool = False) -> None:
        self.path = path
        self.written = 0
        self._target = path.with_name(path.name + PARTIAL) if partial else path
        self._partial = partial
        self._file = _open(self._target, "w" if partial else "a")

    def write(self, record: dict[str, Any]) -> None:
        try:
            self._file.write(record_line(record))
            self._file.flush()
        except OSError as exc:
            raise OutputError(f"{self._target}: cannot write ({exc.strerror or exc})") from None
        self.written += 1

    def close(self, *, complete: bool = True) -> None:
        try:
            self._file.close()
            if self._partial and complete:
                os.replace(self._target, self.path)
        except OSError as exc:
            raise OutputError(f"{self._target}: cannot write ({exc.strerror or exc})") from None


class ParquetWriter:
    """Writes records to a Parquet file in row groups; whole once closed."""

    def __init__(self, path: Path) -> None:
        import pyarrow.parquet as pq  # here: the parquet extra may not be installed

        self.path = path
        self.written = 0
        self._target = path.with_name(path.name + PARTIAL)
        self._rows: list[dict[str, Any]] = []
        self._bytes = 0
        self._schema = parquet_schema()
        try:
            self._writer = pq.ParquetWriter(str(self._target), self._schema, compression="zstd")
        except OSError as exc:
            raise OutputError(f"{self._target}: cannot write ({exc})") from None

    def write(self, record: dict[str, Any]) -> None:
        self._rows.append(record)
        self._bytes += len(record.get("text") or "")
        self.written += 1
        if len(self._rows) >= ROW_GROUP_ROWS or self._bytes >= ROW_GROUP_BYTES:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa  # here: the parquet extra may not be installed

        if not self._rows:
            return
        table = pa.Table.from_pylist(self._rows, schema=self._schema)
        self._rows, self._bytes = [], 0
        try:
            self._writer.write_table(table)
        except OSError as exc:
            raise OutputError(f"{self._target}: cannot write ({exc})") from None

    def close(self, *, complete: bool = True) -> None:
        """Write what is buffered and the footer; the file is then whole and takes its name.

        ``complete`` is ignored: a closed Parquet file is valid however many rows it holds.
        """
        try:
            self._flush()
        finally:
            try:
                self._writer.close()
                os.replace(self._target, self.path)
            except OSError as exc:
                raise OutputError(f"{self._target}: cannot write ({exc})") from None


def open_writer(path: Path, output_format: str, *, partial: bool = False) -> JsonlWriter | ParquetWriter:
    if output_format == "parquet":
        return ParquetWriter(path)
    return JsonlWriter(path, partial=partial)


def parquet_schema():  # type: ignore[no-untyped-def]
    """The Parquet schema of a record (pyarrow), made from ``record.FIELDS``."""
    import pyarrow as pa  # here: the parquet extra may not be installed

    return pa.schema([pa.field(name, _arrow_type(kind)) for name, kind, _doc in FIELDS])


def _arrow_type(kind: Any):  # type: ignore[no-untyped-def]
    import pyarrow as pa  # here: the parquet extra may not be installed

    if isinstance(kind, list):
        return pa.list_(_arrow_type(kind[0]))
    if isinstance(kind, tuple):
        return pa.struct([pa.field(name, _arrow_type(inner)) for name, inner in kind])
    return {"str": pa.string(), "int32": pa.int32(), "int64": pa.int64(), "bool": pa.bool_()}[kind]


# ----------------------------------------------------------- the directory


class Output:
    """The output directory: which parts it holds, which documents they cover."""

    def __init__(self, directory: Path, output_format: str) -> None:
        self.directory = directory
        self.format = output_format

    def prepare(self, *, resume: bool) -> None:
        """Create the directory; refuse one with output in it unless resuming; on resume,
        drop what a hard kill left half-written. Raises OutputError (or a usage error)."""
        directory = self.directory
        if directory.exists() and not directory.is_dir():
            raise OutputError(f"{directory}: exists and is not a directory; --output names a directory of parts")
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{directory}: cannot create the output directory ({exc.strerror or exc})") from None
        parts = self.parts()
        if parts and not resume:
            raise OutputExists(
                f"{directory}: already holds output; add --resume to continue it, or choose another directory"
            )
        other = {part.suffix.lstrip(".") for part in parts} - {self.format}
        if other:
            raise OutputExists(
                f"{directory}: holds {', '.join(sorted(other))} parts; resume it with --format {sorted(other)[0]}"
            )
        if resume:
            self._clean()

    def parts(self) -> list[Path]:
        """The whole parts, in name order."""
        return sorted(
            path
            for path in self.directory.iterdir()
            if path.suffix in (".jsonl", ".parquet") and path.is_file() and not path.name.startswith(".")
        )

    def next_run_part(self) -> Path:
        runs = [int(m.group(1)) for path in self.parts() if (m := _RUN_PART.match(path.name))]
        return self.directory / f"run-{max(runs, default=0) + 1:04d}.{self.format}"

    def part(self, name: str) -> Path:
        return self.directory / f"{name}.{self.format}"

    def _clean(self) -> None:
        for path in self.directory.iterdir():
            if path.name.endswith(PARTIAL):
                path.unlink()
        for path in self.parts():
            if path.suffix == ".jsonl":
                _drop_cut_line(path)

    def done_keys(self) -> set[tuple[str, int | None]]:
        """The key of every document a part already holds a record of."""
        done: set[tuple[str, int | None]] = set()
        for path in self.parts():
            for input_, offset, line in _keys(path):
                done.add(document_key(input_, offset, line))
        return done


class OutputExists(OutputError):
    """The output directory already holds output (a usage error: add --resume)."""

    exit_code = 2


def _keys(path: Path) -> Iterator[tuple[str, int | None, int | None]]:
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq  # here: the parquet extra may not be installed

        try:
            parquet = pq.ParquetFile(str(path))
            for batch in parquet.iter_batches(columns=["input", "offset", "line"], batch_size=65536):
                yield from zip(*(batch.column(i).to_pylist() for i in range(3)))
        except (OSError, ValueError) as exc:
            raise OutputError(f"{path}: is not a readable Parquet part ({exc}); move it out to resume") from None
        return
    try:
        with path.open("rb") as handle:
            for raw in handle:
                try:
                    data = json.loads(raw)
                    yield data["input"], data.get("offset"), data.get("line")
                except (ValueError, KeyError, TypeError):
                    continue  # not a record of ours: its document is done again
    except OSError as exc:
        raise OutputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def _drop_cut_line(path: Path) -> None:
    """Cut a JSONL part back to its last whole line (a hard kill can leave half a line)."""
    try:
        with path.open("rb+") as handle:
            size = handle.seek(0, os.SEEK_END)
            if size == 0:
                return
            handle.seek(size - 1)
            if handle.read(1) == b"\n":
                return
            position = size
            while position > 0:
                step = min(1 << 16, position)
                position -= step
                handle.seek(position)
                chunk = handle.read(step)
                newline = chunk.rfind(b"\n")
                if newline >= 0:
                    handle.truncate(position + newline + 1)
                    return
            handle.truncate(0)
    except OSError as exc:
        raise OutputError(f"{path}: cannot repair the part ({exc.strerror or exc})") from None


def _open(path: Path, mode: str):  # type: ignore[no-untyped-def]
    try:
        return path.open(mode, encoding="utf-8", newline="\n")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None

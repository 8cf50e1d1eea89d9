"""What ``byline batch`` reads: inputs named on the command line, their documents.

An INPUT is a saved page (``.html``, ``.htm``, ``.txt``, each also ``.gz``), a
JSONL file of ``{"url", "html"}`` records (``.jsonl``, ``.ndjson``, also
``.gz``), a WARC file (``.warc``, ``.warc.gz``), an http(s) URL, a text file
that lists URLs one a line, a directory (walked for all of these but URL
lists) or a glob pattern. Each input file yields :class:`Document` values,
small and picklable: a saved page is read by the worker that extracts it, a
JSONL or WARC record carries its bytes.
"""

from __future__ import annotations

import glob
import gzip
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from byline.extract import ExtractError, TooLarge

#: Saved pages per partition when pages are spread over a cluster.
PAGES_PER_PARTITION = 256

_PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".txt", ".text")
_JSONL_SUFFIXES = (".jsonl", ".ndjson")
_WARC_SUFFIXES = (".warc",)
_GLOB_CHARACTERS = set("*?[")
#: Lines of a text file looked at to tell a list of URLs from a plain-text article.
_URL_LIST_SNIFF_LINES = 20


class InputError(ExtractError):
    """An input cannot be read, or one of its records is malformed."""


@dataclass(slots=True, frozen=True)
class Input:
    """One thing named on the command line, or found under it: a path (or URL) and its kind."""

    path: str
    kind: str  # "page", "jsonl", "warc", "urls" (a file listing URLs) or "url"

    @property
    def size(self) -> int:
        """Bytes to read, for the ETA (a URL counts as one)."""
        if self.kind == "url":
            return 1
        try:
            return os.path.getsize(self.path)
        except OSError:
            return 0


@dataclass(slots=True, frozen=True)
class Document:
    """One document of an input, as the reader found it.

    ``content`` is None for a saved page (the worker reads ``input``) and for
    a URL not yet fetched. ``failure`` is ``(error class, message)`` for a
    document that failed before extraction (a malformed JSONL line, a WARC
    record past the size cap, a fetch that failed). ``weight`` is the bytes
    it took in its input, for the ETA.
    """

    input: str
    input_kind: str  # the record's input_kind: "file", "jsonl", "warc", "url"
    content: bytes | str | None = None
    url: str | None = None
    content_type: str | None = None
    offset: int | None = None
    line: int | None = None
    record_id: str | None = None
    failure: tuple[str, str] | None = None
    weight: int = 1

    @property
    def key(self) -> tuple[str, int | None]:
        """What identifies this document across runs (``--resume``)."""
        return document_key(self.input, self.offset, self.line)

    @property
    def source(self) -> str:
        """What the record and its error messages call the document."""
        if self.input_kind == "jsonl":
            return self.url or f"{self.input}:{self.line}"
        if self.input_kind == "warc":
            return self.url or f"{self.input}@{self.offset}"
        return self.input


def document_key(input: str, offset: int | None, line: int | None) -> tuple[str, int | None]:
    return (input, offset if offset is not None else line)


@dataclass(slots=True, frozen=True)
class Partition:
    """The inputs one cluster task reads and writes to one output part."""

    inputs: tuple[Input, ...]

    @property
    def name(self) -> str:
        """A name that is the same for the same inputs in every run: the part's file name."""
        digest = hashlib.blake2b(digest_size=8)
        for item in self.inputs:
            digest.update(f"{item.kind}\0{item.path}\0".encode("utf-8", "surrogateescape"))
        return f"part-{digest.hexdigest()}"

    @property
    def size(self) -> int:
        return sum(item.size for item in self.inputs)


# ------------------------------------------------------------------ inputs


def expand(arguments: Iterable[str]) -> list[Input]:
    """The inputs named by the command line's INPUT arguments, in order, each once.

    Raises InputError naming the first argument that matches nothing.
    """
    found: dict[Input, None] = {}
    for argument in arguments:
        matches = list(_expand_one(argument))
        if not matches:
            raise InputError(f"{argument}: no documents found there (pages, JSONL, WARC or URL lists)", source=argument)
        found.update(dict.fromkeys(matches))
    return list(found)


def _expand_one(argument: str) -> Iterator[Input]:
    if argument.lower().startswith(("http://", "https://")):
        yield Input(argument, "url")
        return
    path = Path(argument).expanduser()
    if path.is_dir():
        yield from _walk(path)
    elif path.is_file():
        kind = kind_of(path.name)
        if kind == "page" and path.name.lower().endswith(".txt") and is_url_list(path):
            kind = "urls"
        if kind is None:
            raise InputError(
                f"{argument}: not a kind of input byline batch reads "
                "(.html, .htm, .txt, .jsonl, .warc, each optionally .gz)",
                source=argument,
            )
        yield Input(str(path), kind)
    elif _GLOB_CHARACTERS & set(argument):
        for match in sorted(glob.iglob(str(path), recursive=True)):
            matched = Path(match)
            if matched.is_dir():
                yield from _walk(matched)
            elif (kind := kind_of(matched.name)) is not None:
                yield Input(match, kind)
    elif os.path.lexists(path):
        raise InputError(f"{argument}: not a regular file or directory", source=argument)
    else:
        raise InputError(f"{argument}: no such file or directory", source=argument)


def _walk(directory: Path) -> Iterator[Input]:
    for root, dirs, files in os.walk(directory):
        dirs.sort()
        for name in sorted(files):
            kind = kind_of(name)
            if kind is not None:
                yield Input(os.path.join(root, name), kind)


def kind_of(name: str) -> str | None:
    """The kind of input a file name says it is, or None."""
    name = name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    if name.endswith(_WARC_SUFFIXES):
        return "warc"
    if name.endswith(_JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(_PAGE_SUFFIXES):
        return "page"
    return None


def is_url_list(path: Path) -> bool:
    """Whether a text file's first lines are all http(s) URLs (``#`` comments allowed)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(64 * 1024)
    except OSError:
        return False
    lines = [line.strip() for line in head.splitlines()[:200]]
    lines = [line for line in lines if line and not line.startswith(b"#")][:_URL_LIST_SNIFF_LINES]
    return bool(lines) and all(line.lower().startswith((b"http://", b"https://")) and b" " not in line for line in lines)


def partitions(inputs: Iterable[Input]) -> list[Partition]:
    """Inputs grouped for a cluster: a JSONL, WARC or URL-list file is a partition
    of its own; saved pages and URLs go ``PAGES_PER_PARTITION`` to a partition."""
    found: list[Partition] = []
    pages: list[Input] = []
    urls: list[Input] = []
    for item in inputs:
        group = pages if item.kind == "page" else urls if item.kind == "url" else None
        if group is None:
            found.append(Partition((item,)))
            continue
        group.append(item)
        if len(group) == PAGES_PER_PARTITION:
            found.append(Partition(tuple(group)))
            group.clear()
    for group in (pages, urls):
        if group:
            found.append(Partition(tuple(group)))
    return found


# --------------------------------------------------------------- documents


def documents(inputs: Iterable[Input], *, max_bytes: int) -> Iterator[Document]:
    """Every document of ``inputs``, in order, read lazily: never more than one
    record's bytes at a time. URLs come out unfetched (``content`` None)."""
    for item in inputs:
        if item.kind == "page":
            yield Document(item.path, "file", weight=item.size)
        elif item.kind == "url":
            yield Document(item.path, "url")
        elif item.kind == "urls":
            yield from url_list_documents(item)
        elif item.kind == "jsonl":
            yield from jsonl_documents(item, max_bytes=max_bytes)
        elif item.kind == "warc":
            from byline.tui.batch.warc import warc_documents  # here: warc imports this module (a circle)

            yield from warc_documents(item, max_bytes=max_bytes)


def url_list_documents(item: Input) -> Iterator[Document]:
    try:
        with open(item.path, "rb") as handle:
            for number, raw in enumerate(handle, 1):
                line = raw.strip().decode("utf-8", "replace")
                if not line or line.startswith("#"):
                    continue
                if line.lower().startswith(("http://", "https://")):
                    yield Document(line, "url", weight=len(raw))
                else:
                    message = f"{item.path}:{number}: not an http(s) URL"
                    yield Document(item.path, "url", line=number, failure=("InputError", message), weight=len(raw))
    except OSError as exc:
        yield unreadable_document(item, "url", exc)


def jsonl_documents(item: Input, *, max_bytes: int) -> Iterator[Document]:
    """One document per line of ``{"url": …, "html": …}``; a bad line is a failed document."""
    # JSON escapes make a page's line longer than the page: allow for it, then check the page.
    line_limit = max_bytes * 2 + 64 * 1024
    try:
        handle = gzip.open(item.path, "rb") if _gzipped(item.path) else open(item.path, "rb")
    except OSError as exc:
        yield unreadable_document(item, "jsonl", exc)
        return
    number = 0
    with handle:
        while True:
            try:
                raw = handle.readline(line_limit + 1)
            except (OSError, EOFError, gzip.BadGzipFile) as exc:
                yield unreadable_document(item, "jsonl", exc, line=number + 1)
                return
            if not raw:
                return
            number += 1
            if len(raw) > line_limit and not raw.endswith(b"\n"):
                skipped = _skip_line(handle)
                message = TooLarge(f"{item.path}:{number}: the record is larger than the {size_text(max_bytes)} limit")
                yield failed_document(item, "jsonl", message, line=number, weight=len(raw) + skipped)
                continue
            if not raw.strip():
                continue
            yield _jsonl_document(item, raw, number, max_bytes)


def _jsonl_document(item: Input, raw: bytes, number: int, max_bytes: int) -> Document:
    where = f"{item.path}:{number}"
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        return failed_document(item, "jsonl", InputError(f"{where}: not a JSON object ({exc})"), line=number, weight=len(raw))
    if not isinstance(data, dict) or not isinstance(data.get("html"), str):
        message = InputError(f'{where}: expected an object with an "html" string (and a "url")')
        return failed_document(item, "jsonl", message, line=number, weight=len(raw))
    url = data.get("url") if isinstance(data.get("url"), str) else None
    html = data["html"]
    if len(html) > max_bytes:  # characters; each is at least a byte
        message = TooLarge(f"{url or where}: is more than the {size_text(max_bytes)} limit")
        return failed_document(item, "jsonl", message, line=number, weight=len(raw), url=url)
    return Document(item.path, "jsonl", content=html, url=url, line=number, weight=len(raw))


# ----------------------------------------------------------------- helpers


def failed_document(item: Input, input_kind: str, error: ExtractError, **fields: object) -> Document:
    return Document(item.path, input_kind, failure=(type(error).__name__, error.message), **fields)  # type: ignore[arg-type]


def unreadable_document(item: Input, input_kind: str, exc: BaseException, **fields: object) -> Document:
    error = InputError(f"{item.path}: cannot be read past this point ({describe(exc)})")
    return failed_document(item, input_kind, error, **fields)


def weighted(document: Document, weight: int) -> Document:
    return replace(document, weight=max(1, weight))


def _skip_line(handle) -> int:  # type: ignore[no-untyped-def]
    skipped = 0
    while True:
        chunk = handle.readline(1 << 20)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _gzipped(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(2) == b"\x1f\x8b"
    except OSError:
        return False


def describe(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]


def size_text(limit: int) -> str:
    return f"{limit / (1024 * 1024):g} MB" if limit >= 1024 * 1024 else f"{limit:,} bytes"

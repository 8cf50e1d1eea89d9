"""The per-document function: one document's bytes (or text) in, one record out.

:func:`extract_record` is a plain top-level function of plain values, so a
process pool, a Dask worker, Spark's ``mapInPandas`` or Ray Data's
``map_batches`` can all call it (:func:`extract_frame` and
:func:`extract_batches` wrap it for pandas batches). It never raises for a bad
document: a document that fails is a record whose ``error_class`` and
``error`` say why.

The record is ``Article.to_dict()`` (the ``byline --json`` shape) plus where
the document came from, the extractor's version and engine, and the error.
Its fields, their types and their order are :data:`FIELDS`, the one table the
JSONL writer, the Parquet schema and the Spark schema are all made from.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from byline.extract import ExtractError, FetchOptions, NotAnArticle, RawDocument, UnsupportedContent, __version__, read_source

if TYPE_CHECKING:  # pandas comes with the parquet and dask extras, and Spark and Ray bring their own
    import pandas

#: Largest document read, as ``byline save`` and the config file's default (network.max_mb).
DEFAULT_MAX_BYTES = FetchOptions().max_bytes

# Field types: "str", "int32", "int64", "bool", a list of one type, or a struct as a tuple of (name, type).
_BLOCK = (("kind", "str"), ("start", "int32"), ("end", "int32"), ("level", "int32"))
_REMOVED = (("text", "str"), ("reason", "str"), ("at", "int32"))
_LINK = (("text", "str"), ("url", "str"), ("start", "int32"), ("end", "int32"))
_ENTITY = (("name", "str"), ("type", "str"), ("aliases", ["str"]), ("mentions", [["int32"]]))
_QUOTE = (("text", "str"), ("speaker", "str"), ("start", "int32"), ("end", "int32"), ("cue", "str"))

#: Every field of a record, in order: (name, type, what it holds). Provenance first.
FIELDS: tuple[tuple[str, Any, str], ...] = (
    ("input", "str", "the saved page's path, the JSONL or WARC file's path, or the URL"),
    ("input_kind", "str", "file, jsonl, warc or url"),
    ("offset", "int64", "WARC: the record's byte offset in its (compressed) file; else null"),
    ("line", "int64", "JSONL: the record's line number, from 1; else null"),
    ("record_id", "str", "WARC: the WARC-Record-ID; else null"),
    ("extractor", "str", "byline.extract.__version__ that made the record"),
    ("engine", "str", "the entity engine (rules or spacy); null with --no-analyse"),
    ("error_class", "str", "null, or the error's type: NotAnArticle, TooLarge, UnsupportedContent, …"),
    ("error", "str", "null, or the one-line message saying why the document gave no article"),
    ("source", "str", "the document's name: path, URL, or JSONL file:line"),
    ("url", "str", "the page's URL, when known"),
    ("title", "str", "as byline --json"),
    ("authors", ["str"], "as byline --json"),
    ("published", "str", "as byline --json"),
    ("site", "str", "as byline --json"),
    ("language", "str", "as byline --json"),
    ("words", "int32", "as byline --json"),
    ("text", "str", "as byline --json"),
    ("blocks", [_BLOCK], "as byline --json (level is 0 for a block that is not a heading)"),
    ("removed", [_REMOVED], "as byline --json"),
    ("links", [_LINK], "as byline --json"),
    ("entities", [_ENTITY], "as byline --json"),
    ("quotes", [_QUOTE], "as byline --json"),
    ("warnings", ["str"], "as byline --json"),
)

FIELD_NAMES = tuple(name for name, _type, _doc in FIELDS)

#: The fields that say where a document came from, set by whoever read it.
PROVENANCE = ("input", "input_kind", "offset", "line", "record_id")

#: The fields ``Article.to_dict()`` gives; null (or empty lists) in a failed record.
ARTICLE_FIELDS = FIELD_NAMES[FIELD_NAMES.index("source") :]

_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_TEXT_TYPES = {"text/plain", "text/markdown", "text/x-markdown"}
_SNIFF_TYPES = {"", "text/xml", "application/xml"}


@dataclass(slots=True, frozen=True)
class RecordOptions:
    """How a document is turned into a record: picklable, sent once to each worker."""

    analyse: bool = True
    ner: str = "rules"
    max_bytes: int = DEFAULT_MAX_BYTES


def extract_record(
    content: bytes | str,
    *,
    url: str | None = None,
    source: str | None = None,
    content_type: str | None = None,
    analyse: bool = True,
    ner: str = "rules",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> dict[str, Any]:
    """Extract one document into a record; never raises for a bad document.

    Args:
        content: the page's bytes (any charset; gzip is undone) or its text.
        url: the page's URL, used to resolve its links.
        source: what to call the document in the record and in error messages
            (default: ``url``).
        content_type: the HTTP ``Content-Type`` header, if the page came with one;
            its charset is honoured, and a type that is not HTML or text is refused.

    Returns:
        A dict with every field of :data:`FIELDS` except the provenance ones,
        which stay null for the caller to fill in.
    """
    options = RecordOptions(analyse=analyse, ner=ner, max_bytes=max_bytes)
    name = source or url or "document"
    if isinstance(content, (bytearray, memoryview)):
        content = bytes(content)
    if not isinstance(content, (bytes, str)):  # a missing value in a DataFrame column: None, NaN
        return failed_record(Failure("InputError", f"{name}: no page content"), name, url=url, options=options)
    try:
        raw = raw_document(content, name, url=url, content_type=content_type, max_bytes=max_bytes)
    except ExtractError as exc:
        return failed_record(exc, name, url=url, options=options)
    return record_from_raw(raw, options)


def raw_document(
    content: bytes | str,
    source: str,
    *,
    url: str | None = None,
    content_type: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> RawDocument:
    """Classify a document's bytes as ``extract`` classifies a file: refuse
    binaries and documents past ``max_bytes``, undo gzip, tell HTML from text."""

    media_type, charset = _parse_content_type(content_type or "")
    if media_type not in _HTML_TYPES | _TEXT_TYPES | _SNIFF_TYPES and not media_type.startswith("text/"):
        raise UnsupportedContent(
            f"{source}: the page is {media_type}, not an article; byline reads HTML and plain text", source=source
        )
    if isinstance(content, str):
        content, charset = content.encode("utf-8", "surrogatepass"), "utf-8"
    if not content.strip():
        raise NotAnArticle(f"{source}: the document is empty", source=source)
    # read_source("-") is extract's own reader of a byte stream: its cap, its
    # gunzip, its refusal of binaries and its HTML-or-text sniffing, as for stdin.
    try:
        raw = read_source("-", FetchOptions(max_bytes=max_bytes), stdin=io.BytesIO(content))
    except ExtractError as exc:
        raise _renamed(exc, source) from None
    kind = raw.kind
    if media_type in _HTML_TYPES:
        kind = "html"
    elif media_type == "text/markdown":
        kind = "text"
    return dataclasses.replace(
        raw, source=source, url=url, kind=kind, content_type=media_type or None, charset=charset
    )


def record_from_raw(raw: RawDocument, options: RecordOptions) -> dict[str, Any]:
    """The record of a document already read (by ``read_source`` or :func:`raw_document`)."""
    from byline.extract import extract_document  # here: the pipeline (lxml) loads in workers, not the parent

    try:
        article = extract_document(raw, analyse=options.analyse, ner=options.ner)
        data = article.to_dict()
    except ExtractError as exc:
        return failed_record(exc, raw.source, url=raw.url, options=options)
    except RecursionError:
        return failed_record(Failure("RecursionError", f"{raw.source}: the page is nested too deeply to read"), raw.source, url=raw.url, options=options)
    except MemoryError:
        return failed_record(Failure("MemoryError", f"{raw.source}: ran out of memory"), raw.source, url=raw.url, options=options)
    except Exception as exc:  # a bug in extraction: this document's record says so, the run goes on
        detail = one_line(f"{type(exc).__name__}: {exc}")[:200]
        return failed_record(
            Failure(type(exc).__name__, f"{raw.source}: internal error ({detail}); please report it"),
            raw.source,
            url=raw.url,
            options=options,
        )
    record = _empty_record(options)
    record.update(data)
    for block in record["blocks"]:
        block.setdefault("level", 0)
    return record


def failed_record(
    error: ExtractError | Failure, source: str, *, url: str | None = None, options: RecordOptions | None = None
) -> dict[str, Any]:
    """The record of a document that gave no article: its source, its error, nothing else."""
    record = _empty_record(options or RecordOptions())
    record["error_class"] = error.__class__.__name__ if isinstance(error, ExtractError) else error.name
    record["error"] = error.message
    record["source"] = source
    record["url"] = url
    return record


@dataclass(slots=True, frozen=True)
class Failure:
    """A failure that is not an ExtractError (a bug, a crashed worker): its name and message."""

    name: str
    message: str


def _empty_record(options: RecordOptions) -> dict[str, Any]:
    record: dict[str, Any] = dict.fromkeys(FIELD_NAMES)
    for name, kind, _doc in FIELDS:
        if isinstance(kind, list) and name in ARTICLE_FIELDS:
            record[name] = []
    record["extractor"] = __version__
    record["engine"] = options.ner if options.analyse else None
    return record


def _renamed(exc: ExtractError, source: str) -> ExtractError:
    """``exc`` raised for "-" (the stream read_source was given), naming ``source`` instead."""
    message = exc.message
    if message.startswith("-: "):
        message = f"{source}: {message[3:]}"
    copy = exc.__class__.__new__(exc.__class__)
    copy.__dict__.update(exc.__dict__)
    ExtractError.__init__(copy, message, source=source)
    return copy


def one_line(text: str) -> str:
    """``text`` as one line without control characters (a message from a bug can quote anything)."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def _parse_content_type(header: str) -> tuple[str, str | None]:
    """``text/html; charset=UTF-8`` → ("text/html", "utf-8")."""
    parts = header.split(";")
    media_type = parts[0].strip().lower()
    charset = None
    for param in parts[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'").lower() or None
    return media_type, charset


# ------------------------------------------------------------ pandas batches


def extract_frame(
    frame: pandas.DataFrame,
    *,
    content: str = "html",
    url: str | None = "url",
    content_type: str | None = None,
    analyse: bool = True,
    ner: str = "rules",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> pandas.DataFrame:
    """A pandas batch of documents in, a batch of records out (Ray Data's ``map_batches``).

    ``content`` names the column of page bytes or text; ``url`` and
    ``content_type`` name optional columns. The input's other columns are
    kept beside the record's fields (say, your own document id).
    """
    import pandas  # here: pandas is no dependency (Spark brings it)

    kept = [column for column in frame.columns if column not in {content, url, content_type} and column not in FIELD_NAMES]
    rows = []
    for row in frame.to_dict("records"):
        page_url = row.get(url) if url else None
        record = extract_record(
            row[content],
            url=page_url if isinstance(page_url, str) else None,
            content_type=row.get(content_type) if content_type else None,
            analyse=analyse,
            ner=ner,
            max_bytes=max_bytes,
        )
        rows.append({**{column: row[column] for column in kept}, **record})
    return pandas.DataFrame(rows, columns=[*kept, *FIELD_NAMES])


def extract_batches(frames: Iterable[pandas.DataFrame], **options: Any) -> Iterator[pandas.DataFrame]:
    """Spark's ``mapInPandas`` shape: an iterator of batches in, one of records out."""
    for frame in frames:
        yield extract_frame(frame, **options)


def spark_schema() -> str:
    """The record's schema as a Spark DDL string, for ``mapInPandas(…, schema=spark_schema())``."""
    return ", ".join(f"`{name}` {_ddl(kind)}" for name, kind, _doc in FIELDS)


def _ddl(kind: Any) -> str:
    if isinstance(kind, list):
        return f"ARRAY<{_ddl(kind[0])}>"
    if isinstance(kind, tuple):
        return "STRUCT<" + ", ".join(f"`{name}`: {_ddl(inner)}" for name, inner in kind) + ">"
    return {"str": "STRING", "int32": "INT", "int64": "BIGINT", "bool": "BOOLEAN"}[kind]

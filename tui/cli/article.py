"""``byline --dump|--json|--export SOURCE``: one article to stdout (or a file),
read through the library, without any UI.

The library is a convenience, never a gate: if it cannot be opened or written,
a warning goes to stderr and the article still comes first. It is written only
after the output: storing never delays what the user came for.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys

from byline.extract import Article, BylineError, ExtractError, strip_controls
from byline.tui.cli.exits import EXIT_OK, report_error, warn
from byline.tui.config import Settings
from byline.tui.data.errors import LibraryError
from byline.tui.data.library import Library
from byline.tui.formats.dump import dump_text
from byline.tui.formats.export import export_text, write_export
from byline.tui.opener import Opener

# Characters JSON may carry raw but a terminal could act on (C1, bidi controls):
# written as \u escapes, so the JSON is the same value and the bytes are inert.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u206a-\u206f\ufeff\ud800-\udfff]")


def print_article(args: argparse.Namespace, settings: Settings) -> int:
    """Open ``args.source`` and print it as asked; return the exit code."""
    library = None if args.no_store else open_library(settings)
    opener = Opener.for_settings(library, settings)
    try:
        opened = opener.open(args.source, refresh=args.refresh)
    except BylineError as error:
        if library is not None:
            library.close()
        return report_error(error, args.source if isinstance(error, ExtractError) else "")
    for note in opened.notes:
        warn(note)
    article = opened.article
    for warning in article.warnings:
        warn(f"warning: {warning}")
    try:
        _output(article, args)
    except BylineError as error:  # the export file could not be written
        if library is not None:
            library.close()
        return report_error(error)
    if library is not None:
        try:
            opener.store(opened, read=args.dump)
        except LibraryError as error:  # the output is out already: a warning
            warn(f"not stored: {error.message}")
        finally:
            library.close()
    return EXIT_OK


def _output(article: Article, args: argparse.Namespace) -> None:
    if args.export:
        write_export(export_text(article, args.export), args.output or "-")
    elif args.json:
        _write(json_text(article.to_dict()) + "\n", "utf-8")
    else:
        # Article text is control-free by construction; this is the last guard
        # before the terminal, for whatever a renderer adds.
        _write(strip_controls(dump_text(article, width=_dump_width(args.width))) + "\n", None)


def open_library(settings: Settings) -> Library | None:
    """The user's library, or None (with a warning) when it cannot be opened."""
    try:
        library = Library(max_bytes=settings.library_max_bytes)
    except LibraryError as error:
        warn(f"{error.message}; continuing without the library (--no-store skips it)")
        return None
    for notice in library.notices:
        warn(notice)
    return library


def json_text(data: object) -> str:
    """``data`` as indented JSON whose bytes hold no terminal controls."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _write(output: str, encoding: str | None) -> None:
    """Write to stdout in ``encoding`` (default: the terminal's), never failing on a character."""
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a replaced stdout (tests, embedding): text only
        stream.write(output)
        stream.flush()
        return
    stream.flush()
    buffer.write(output.encode(encoding or stream.encoding or "utf-8", "replace"))
    buffer.flush()


def _dump_width(requested: int | None) -> int:
    if requested is not None:
        return requested
    if not sys.stdout.isatty():
        return 0
    return min(80, shutil.get_terminal_size((80, 24)).columns)

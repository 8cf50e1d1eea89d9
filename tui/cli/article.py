"""``byline --dump|--json|--export SOURCE``: one article to stdout (or a file),
read through the library, without any UI.

The library is a convenience, never a gate: if it cannot be opened or written,
a warning goes to stderr and the article still comes first. It is written only
after the output: storing never delays what the user came for. ``--dump``
shows no entities, so it prints the article before they are found: standard
output is closed (the reader of a pipe sees its end), then the entities and
quotes are found for the library, which stores nothing without them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from byline import extract
from byline.extract import Article, BylineError, ExtractError, FetchOptions, RawDocument, read_source, strip_controls
from byline.tui.cli.exits import EXIT_OK, report_error, warn
from byline.tui.config import Settings
from byline.tui.data.errors import LibraryError
from byline.tui.data.library import Library
from byline.tui.files import write_stdout
from byline.tui.formats.dump import dump_text
from byline.tui.formats.json_text import json_text
from byline.tui.opener import Opened, Opener

T = TypeVar("T")

#: How often the waiting main thread looks up (it sleeps in between, interruptibly).
_TICK = 0.1


class TooSlow(ExtractError):
    """Extraction did not finish within the deadline (``--timeout``)."""


def print_article(args: argparse.Namespace, settings: Settings) -> int:
    """Open ``args.source`` and print it as asked; return the exit code."""
    library = None if args.no_store else open_library(settings)
    try:
        opened = open_within(args.source, library, settings, refresh=args.refresh, analyse=not args.dump)
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
    except BylineError as error:  # the export file (or stdout) could not be written
        if library is not None:
            library.close()
        return report_error(error)
    if library is not None and not args.output and getattr(args, "owns_stdout", False):
        _close_stdout()  # all of it is out (a pipe's reader sees the end): what follows is the library's
    if library is not None:
        try:
            Opener.for_settings(library, settings).store(opened, read=args.dump)
        except LibraryError as error:  # the output is out already: a warning
            warn(f"not stored: {error.message}")
        finally:
            for notice in library.notices:  # a damaged search index rebuilt, say
                warn(notice)
            library.close()
    return EXIT_OK


def open_within(
    source: str, library: Library | None, settings: Settings, *, refresh: bool = False, analyse: bool = True
) -> Opened:
    """``source`` opened through the library with its entities and quotes, in a
    worker thread the main thread only waits for: Ctrl-C ends the wait at once
    (a pathological page cannot hold it), and extraction — the entities and
    quotes included — gets ``settings.timeout`` seconds once the source is read
    (the fetch has its own deadline of the same length), or from the start when
    there was nothing to read (a stored copy re-extracted): ``TooSlow``. An
    abandoned worker is a daemon thread, which the process's exit does not
    wait for.
    """
    clock = _ReadClock()

    def reader(name: str, options: FetchOptions) -> RawDocument:
        clock.reading = True
        try:
            return read_source(name, options)
        finally:
            # The extractor's modules (lxml, readability: a fifth of a second,
            # more on a busy machine) load before the clock starts: the
            # deadline is for the page's work, not for byline's start.
            extract.extract_document  # noqa: B018 - loads byline.extract.pipeline
            clock.read_at = time.monotonic()

    opener = Opener.for_settings(library, settings, reader=reader)
    clock.started = time.monotonic()
    return _wait(lambda: opener.open(source, refresh=refresh, analyse=analyse), clock, settings.timeout)


class _ReadClock:
    """When opening started, and whether and when the source was read."""

    started = 0.0
    reading = False
    read_at: float | None = None

    def deadline(self, timeout: float) -> float | None:
        """When extraction must have ended (None: the source is being read)."""
        if self.read_at is not None:
            return self.read_at + timeout
        return None if self.reading else self.started + timeout


def _wait(work: Callable[[], T], clock: _ReadClock, timeout: float) -> T:
    """Run ``work`` in a daemon thread and wait for it (see ``open_within``)."""
    outcome: list[tuple[bool, object]] = []
    finished = threading.Event()

    def run() -> None:
        try:
            outcome.append((True, work()))
        except BaseException as exc:  # handed to the waiting thread
            outcome.append((False, exc))
        finally:
            finished.set()

    threading.Thread(target=run, name="byline-open", daemon=True).start()
    while not finished.wait(_TICK):
        deadline = clock.deadline(timeout)
        if deadline is not None and time.monotonic() > deadline:
            raise TooSlow(
                f"gave up extracting the article after {timeout:g} s (the page is too complex to read in time; "
                "--timeout or network.timeout sets the deadline)"
            )
    succeeded, value = outcome[0]
    if not succeeded:
        raise value  # type: ignore[misc]
    return value  # type: ignore[return-value]


def _output(article: Article, args: argparse.Namespace) -> None:
    if args.export:
        from byline.tui.formats.export import export_text, write_export  # here: only --export needs it

        write_export(export_text(article, args.export), args.output or "-")
    elif args.json:
        write_stdout(json_text(article.to_dict()) + "\n", "utf-8")
    else:
        # Article text is control-free by construction; this is the last guard
        # before the terminal, for whatever a renderer adds.
        write_stdout(strip_controls(dump_text(article, width=_dump_width(args.width))) + "\n")


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


def _close_stdout() -> None:
    """Flush standard output and let go of it (it now points at the null device)."""
    try:
        sys.stdout.flush()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _dump_width(requested: int | None) -> int:
    if requested is not None:
        return requested
    stream = sys.stdout
    if stream is None or not stream.isatty():
        return 0
    return min(80, shutil.get_terminal_size((80, 24)).columns)

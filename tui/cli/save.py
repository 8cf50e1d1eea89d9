"""``byline save SOURCE…``: store articles for later without opening them,
fetched a few at a time, each reported on stderr as it finishes.

    byline save SOURCE [SOURCE …] [--refresh] [--json] [--jobs N] [--timeout SECONDS]

A file or piped text stored before with the same bytes (and the same
extractor and entity engine) is skipped and said to be ``unchanged``, so a
``save`` of many files that was killed or interrupted resumes where it
stopped; ``--refresh`` extracts everything again. Ctrl-C stops at once: what
was stored stays stored, and one line says how far it got (exit 130).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
from collections.abc import Sequence
from dataclasses import dataclass

import httpx

from byline.extract import BylineError, clean_inline
from byline.tui import numbers
from byline.tui.cli.exits import EXIT_BUG, EXIT_INTERRUPTED, EXIT_OK, EXIT_SOURCE, EXIT_STORAGE, EXIT_USAGE, tell, warn
from byline.tui.cli.library import open_for_command, say_notices
from byline.tui.config import Settings
from byline.tui.data import db
from byline.tui.data.library import Library
from byline.tui.files import write_stdout
from byline.tui.formats.json_text import json_text
from byline.tui.opener import Opener


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sources", nargs="+", metavar="SOURCE", help="URL or path")
    parser.add_argument("--refresh", action="store_true", help="fetch and extract again even if stored and unchanged")
    parser.add_argument("--jobs", type=numbers.JOBS.argument, default=4, metavar="N", help="fetch N at a time (default 4)")
    parser.add_argument("--timeout", type=numbers.TIMEOUT.argument, metavar="SECONDS", help="deadline for each fetch")
    parser.add_argument("--json", action="store_true", help="print the outcome of each as JSON")


def run(args: argparse.Namespace, settings: Settings, *, transport: httpx.AsyncBaseTransport | None = None) -> int:
    with open_for_command(settings) as library:
        unwritable = library.read_only or db.why_unwritable(library.path)
        if unwritable is not None:  # say it once, before reading anything
            raise db.unwritable(library.path, unwritable)
        return save(library, args.sources, settings, refresh=args.refresh, jobs=args.jobs, as_json=args.json, transport=transport)


@dataclass(slots=True)
class Outcome:
    """How one source went, as ``byline save`` reports it."""

    source: str
    status: str  # "saved", "unchanged", "stored already", "failed"
    entry_id: int | None = None
    title: str | None = None
    error: BylineError | None = None
    #: A bug met while saving this source (the others go on).
    bug: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "status": self.status,
            "id": self.entry_id,
            "title": self.title,
            "error": self.error.message if self.error else self.bug,
        }


def save(
    library: Library,
    sources: Sequence[str],
    settings: Settings,
    *,
    refresh: bool = False,
    jobs: int = 4,
    as_json: bool = False,
    transport: httpx.AsyncBaseTransport | None = None,
) -> int:
    """Fetch and store ``sources`` concurrently, reporting each on stderr."""
    sources = list(dict.fromkeys(sources))
    opener = Opener.for_settings(library, settings, transport=transport, concurrent_reads=jobs)
    outcomes: list[Outcome] = []
    # Not when Ctrl-C is ignored (nohup, a background job); asyncio.run replaces the handler.
    catch = signal.getsignal(signal.SIGINT) is signal.default_int_handler
    try:
        interrupted = asyncio.run(_save_until_interrupted(opener, sources, refresh, outcomes, catch=catch))
    except KeyboardInterrupt:
        interrupted = True
    if as_json:
        write_stdout(json_text([outcome.to_dict() for outcome in outcomes]) + "\n", "utf-8")
    say_notices(library)
    if interrupted:
        warn(f"interrupted: {_tally(outcomes, len(sources))}; what was stored stays stored, and the same command goes on from there")
        return EXIT_INTERRUPTED
    warn(_tally(outcomes, len(sources)))
    return exit_code(outcomes)


def exit_code(outcomes: Sequence[Outcome]) -> int:
    """0 when every source was stored; else 3 (some source could not be read or
    held no article) — unless a failure was not the source's: a set-up problem
    (2: an entity engine not installed, a proxy) or the library (5) comes first."""
    codes = {outcome.error.exit_code for outcome in outcomes if outcome.error is not None}
    if any(outcome.status == "failed" and outcome.error is None for outcome in outcomes):
        codes.add(EXIT_BUG)  # a bug with one source: its line said so, the rest went on
    if not codes:
        return EXIT_OK
    for code in (EXIT_USAGE, EXIT_STORAGE, EXIT_BUG):
        if code in codes:
            return code
    return EXIT_SOURCE


def _tally(outcomes: list[Outcome], total: int) -> str:
    """``saved 3 of 300, 290 unchanged, 1 failed``."""
    counts = {status: sum(o.status == status for o in outcomes) for status in ("saved", "unchanged", "failed")}
    text = f"saved {counts['saved']} of {total}"
    if counts["unchanged"]:
        text += f", {counts['unchanged']} unchanged"
    if counts["failed"]:
        text += f", {counts['failed']} failed"
    return text


async def _save_until_interrupted(
    opener: Opener, sources: Sequence[str], refresh: bool, outcomes: list[Outcome], *, catch: bool
) -> bool:
    """``save_all``, stopped at once by Ctrl-C (``catch``): True when it was.

    The signal may reach any thread, and a worker busy extracting is not the
    main thread, which sleeps in the event loop until something wakes it: the
    next extraction to end, seconds later. A handler from the loop
    (``add_signal_handler``) wakes it at once, whichever thread the signal hit."""
    loop = asyncio.get_running_loop()
    work = asyncio.ensure_future(save_all(opener, sources, refresh=refresh, outcomes=outcomes))
    interrupted = False

    def stop() -> None:
        nonlocal interrupted
        interrupted = True
        work.cancel()

    hooked = catch
    if hooked:
        try:
            loop.add_signal_handler(signal.SIGINT, stop)
        except (NotImplementedError, RuntimeError, ValueError):  # not the main thread; Windows
            hooked = False
    try:
        await work
    except asyncio.CancelledError:
        if not interrupted:
            raise
    finally:
        if hooked:
            loop.remove_signal_handler(signal.SIGINT)
    return interrupted


async def save_all(
    opener: Opener, sources: Sequence[str], *, refresh: bool = False, outcomes: list[Outcome] | None = None
) -> list[Outcome]:
    """Save every source through ``opener`` at once (it bounds the reads and
    extractions); each outcome is appended to ``outcomes`` as it is known."""
    done: list[Outcome] = [] if outcomes is None else outcomes

    def report(outcome: Outcome) -> Outcome:
        done.append(outcome)
        what = clean_inline(outcome.title or outcome.source)
        detail = f": {outcome.error.message}" if outcome.error else f": {outcome.bug}" if outcome.bug else f"  {what}"
        tell(f"[{len(done)}/{len(sources)}] {outcome.status}{detail}")
        return outcome

    async def one(source: str) -> Outcome:
        try:
            saved = await opener.save(source, refresh=refresh)
        except BylineError as error:
            return report(Outcome(source, "failed", error=error))
        except Exception as error:  # a bug with this source: said, and the others go on
            if os.environ.get("BYLINE_DEBUG"):
                raise
            detail = clean_inline(f"{type(error).__name__}: {error}")[:200]
            return report(Outcome(source, "failed", bug=f"internal error ({detail}); please report it"))
        status = "saved" if saved.read_again else "unchanged" if saved.unchanged else "stored already"
        return report(Outcome(source, status, saved.entry_id, saved.title))

    return list(await asyncio.gather(*(one(source) for source in sources)))

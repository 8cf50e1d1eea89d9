"""``byline save SOURCE…``: store articles for later without opening them,
fetched a few at a time, each reported on stderr as it finishes.

    byline save SOURCE [SOURCE …] [--refresh] [--json] [--jobs N] [--timeout SECONDS]
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

import httpx

from byline.extract import BylineError, clean_inline
from byline.tui import numbers
from byline.tui.cli.exits import EXIT_OK, EXIT_SOURCE, EXIT_STORAGE, EXIT_USAGE, tell
from byline.tui.cli.library import open_for_command
from byline.tui.config import Settings
from byline.tui.data.library import Library
from byline.tui.files import write_stdout
from byline.tui.formats.json_text import json_text
from byline.tui.opener import Opener


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sources", nargs="+", metavar="SOURCE", help="URL or path")
    parser.add_argument("--refresh", action="store_true", help="fetch again even if already stored")
    parser.add_argument("--jobs", type=numbers.JOBS.argument, default=4, metavar="N", help="fetch N at a time (default 4)")
    parser.add_argument("--timeout", type=numbers.TIMEOUT.argument, metavar="SECONDS", help="deadline for each fetch")
    parser.add_argument("--json", action="store_true", help="print the outcome of each as JSON")


def run(args: argparse.Namespace, settings: Settings, *, transport: httpx.AsyncBaseTransport | None = None) -> int:
    with open_for_command(settings) as library:
        return save(library, args.sources, settings, refresh=args.refresh, jobs=args.jobs, as_json=args.json, transport=transport)


@dataclass(slots=True)
class Outcome:
    """How one source went, as ``byline save`` reports it."""

    source: str
    status: str  # "saved", "stored already", "failed"
    entry_id: int | None = None
    title: str | None = None
    error: BylineError | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "status": self.status,
            "id": self.entry_id,
            "title": self.title,
            "error": self.error.message if self.error else None,
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
    outcomes = asyncio.run(save_all(opener, sources, refresh=refresh))
    if as_json:
        write_stdout(json_text([outcome.to_dict() for outcome in outcomes]) + "\n", "utf-8")
    failed = [o for o in outcomes if o.error is not None]
    saved = sum(o.status == "saved" for o in outcomes)
    tell(f"byline: saved {saved} of {len(outcomes)}" + (f", {len(failed)} failed" if failed else ""))
    return exit_code(outcomes)


def exit_code(outcomes: Sequence[Outcome]) -> int:
    """0 when every source was stored; else 3 (some source could not be read or
    held no article) — unless a failure was not the source's: a set-up problem
    (2: an entity engine not installed, a proxy) or the library (5) comes first."""
    codes = {outcome.error.exit_code for outcome in outcomes if outcome.error is not None}
    if not codes:
        return EXIT_OK
    for code in (EXIT_USAGE, EXIT_STORAGE):
        if code in codes:
            return code
    return EXIT_SOURCE


async def save_all(opener: Opener, sources: Sequence[str], *, refresh: bool = False) -> list[Outcome]:
    """Save every source through ``opener`` at once (it bounds the reads)."""
    done = 0

    def report(outcome: Outcome) -> Outcome:
        nonlocal done
        done += 1
        what = clean_inline(outcome.title or outcome.source)
        detail = f": {outcome.error.message}" if outcome.error else f"  {what}"
        tell(f"[{done}/{len(sources)}] {outcome.status}{detail}")
        return outcome

    async def one(source: str) -> Outcome:
        try:
            saved = await opener.save(source, refresh=refresh)
        except BylineError as error:
            return report(Outcome(source, "failed", error=error))
        status = "saved" if saved.read_again else "stored already"
        return report(Outcome(source, status, saved.entry_id, saved.title))

    return list(await asyncio.gather(*(one(source) for source in sources)))

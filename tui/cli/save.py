"""``byline save SOURCE…``: store articles for later without opening them,
fetched a few at a time, each reported on stderr as it finishes.

    byline save SOURCE [SOURCE …] [--refresh] [--json] [--jobs N] [--timeout SECONDS]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass

import httpx

from byline.extract import BylineError, clean_inline
from byline.tui.cli.library import count, open_for_command
from byline.tui.config import Settings
from byline.tui.data.library import Library
from byline.tui.opener import Opener


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sources", nargs="+", metavar="SOURCE", help="URL or path")
    parser.add_argument("--refresh", action="store_true", help="fetch again even if already stored")
    parser.add_argument("--jobs", type=count, default=4, metavar="N", help="fetch N at a time (default 4)")
    parser.add_argument("--timeout", type=float, metavar="SECONDS", help="deadline for each fetch")
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
        sys.stdout.write(json.dumps([outcome.to_dict() for outcome in outcomes], ensure_ascii=False, indent=2) + "\n")
    failed = [o for o in outcomes if o.error is not None]
    saved = sum(o.status == "saved" for o in outcomes)
    print(f"byline: saved {saved} of {len(outcomes)}" + (f", {len(failed)} failed" if failed else ""), file=sys.stderr)
    return failed[0].error.exit_code if failed and failed[0].error else 0


async def save_all(opener: Opener, sources: Sequence[str], *, refresh: bool = False) -> list[Outcome]:
    """Save every source through ``opener`` at once (it bounds the reads)."""
    done = 0

    def report(outcome: Outcome) -> Outcome:
        nonlocal done
        done += 1
        what = clean_inline(outcome.title or outcome.source)
        detail = f": {outcome.error.message}" if outcome.error else f"  {what}"
        print(f"[{done}/{len(sources)}] {outcome.status}{detail}", file=sys.stderr, flush=True)
        return outcome

    async def one(source: str) -> Outcome:
        try:
            saved = await opener.save(source, refresh=refresh)
        except BylineError as error:
            return report(Outcome(source, "failed", error=error))
        status = "saved" if saved.read_again else "stored already"
        return report(Outcome(source, status, saved.entry_id, saved.title))

    return list(await asyncio.gather(*(one(source) for source in sources)))

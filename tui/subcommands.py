"""``byline library …`` and ``byline save …``: the library from the command line.

    byline library list [--json] [--limit N]
    byline library search QUERY [--json] [--limit N]
    byline library remove ID [ID …] [--json]
    byline library vacuum [--json]
    byline save SOURCE [SOURCE …] [--refresh] [--json] [--jobs N]

``tui.cli`` hands argv here when its first word is ``library`` or ``save``.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

import httpx

from byline.extract import BylineError, __version__
from byline.extract.sanitize import clean_inline
from byline.tui.config import Settings
from byline.tui.data import Entry, Library, SearchHit
from byline.tui.data.maintenance import VacuumReport
from byline.tui.data.records import Fetched
from byline.tui.data.through import read_fresh, source_key

SUBCOMMANDS = ("library", "save")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="byline", description="The reading library from the command line.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="{library,save}")
    library = commands.add_parser("library", help="list, search, remove or compact stored articles")
    actions = library.add_subparsers(dest="action", required=True, metavar="{list,search,remove,vacuum}")
    listing = actions.add_parser("list", help="stored articles, most recently opened first")
    listing.add_argument("--limit", type=_count, metavar="N", help="show at most N")
    finding = actions.add_parser("search", help="full-text search: titles, text, names, speakers")
    finding.add_argument("query", metavar="QUERY")
    finding.add_argument("--limit", type=_count, default=20, metavar="N", help="show at most N (default 20)")
    removing = actions.add_parser("remove", help="delete stored articles by id")
    removing.add_argument("ids", nargs="+", type=_count, metavar="ID")
    actions.add_parser("vacuum", help="check the library file, rebuild the index, reclaim space")
    for action in (listing, finding, removing, actions.choices["vacuum"]):
        action.add_argument("--json", action="store_true", help="print JSON")
    save = commands.add_parser("save", help="store articles for later without opening them")
    save.add_argument("sources", nargs="+", metavar="SOURCE", help="URL or path")
    save.add_argument("--refresh", action="store_true", help="fetch again even if already stored")
    save.add_argument("--jobs", type=_count, default=4, metavar="N", help="fetch N at a time (default 4)")
    save.add_argument("--timeout", type=float, metavar="SECONDS", help="deadline for each fetch")
    save.add_argument("--json", action="store_true", help="print the outcome of each as JSON")
    parser.add_argument("--version", action="version", version=f"byline {__version__}")
    return parser


def _count(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return int(value)


def run(argv: Sequence[str], settings: Settings, *, transport: httpx.AsyncBaseTransport | None = None) -> int:
    """Run a subcommand; BylineError (library, config) propagates to the CLI's reporter."""
    args = build_parser().parse_args(list(argv))
    if args.command == "save" and args.timeout:
        settings = dataclasses.replace(settings, timeout=args.timeout)
    with Library.for_settings(settings) as library:
        for notice in library.notices:
            print(f"byline: {notice}", file=sys.stderr)
        if args.command == "save":
            return save(library, args.sources, settings, refresh=args.refresh, jobs=args.jobs, as_json=args.json, transport=transport)
        if args.action == "list":
            return _print_entries(library.entries(limit=args.limit), args.json)
        if args.action == "search":
            return _print_hits(library.search(args.query, limit=args.limit), args.json)
        if args.action == "remove":
            return _remove(library, args.ids, args.json)
        return _print_vacuum(library.vacuum(), args.json)


# --------------------------------------------------------------------- output


def _print_entries(entries: list[Entry], as_json: bool) -> int:
    if as_json:
        _emit_json([entry.to_dict() for entry in entries])
    else:
        width = _width()
        for entry in entries:
            print(_entry_line(entry, width))
        if not entries:
            print("the library is empty: byline save URL stores an article", file=sys.stderr)
    return 0


def _print_hits(hits: list[SearchHit], as_json: bool) -> int:
    if as_json:
        _emit_json([hit.to_dict() for hit in hits])
        return 0
    width = _width()
    for hit in hits:
        print(_entry_line(hit.entry, width))
        snippet = clean_inline(hit.plain_snippet)
        print("      " + _clip(snippet, width - 6))
    if not hits:
        print("nothing in the library matches", file=sys.stderr)
    return 0


def _entry_line(entry: Entry, width: int) -> str:
    date = (entry.published or time.strftime("%Y-%m-%d", time.localtime(entry.fetched_at)))[:10]
    mark = " " if entry.read else "*"
    title = clean_inline(entry.title or entry.url or entry.source or "(untitled)")
    if entry.site:
        title += " · " + clean_inline(entry.site)
    head = f"{entry.id:>5}  {date:<10} {mark} "
    return head + _clip(title, width - len(head))


def _remove(library: Library, ids: list[int], as_json: bool) -> int:
    removed = library.remove(ids)
    missing = [i for i in ids if i not in removed]
    if as_json:
        _emit_json({"removed": removed, "missing": missing})
    elif removed:
        print("removed " + ", ".join(str(i) for i in removed))
    if missing:
        print(f"byline: not in the library: {', '.join(str(i) for i in missing)} (byline library list shows the ids)", file=sys.stderr)
        return 5
    return 0


def _print_vacuum(report: VacuumReport, as_json: bool) -> int:
    if as_json:
        _emit_json(report.to_dict())
        return 0 if report.moved_to is None else 5
    if report.moved_to is not None:
        print(f"byline: the library was damaged ({report.check}); it was moved to {report.moved_to} and a new one started", file=sys.stderr)
        return 5
    print(
        f"{report.path}: checked ok, {report.entries} articles, "
        f"{_size(report.size_before)} → {_size(report.size_after)}"
        + ("; search index rebuilt" if report.search_rebuilt else "")
    )
    return 0


def _emit_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _width() -> int:
    return shutil.get_terminal_size((100, 24)).columns if sys.stdout.isatty() else 200


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n // 1024} KB"


# ----------------------------------------------------------------------- save


@dataclass(slots=True)
class Saved:
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
    outcomes = asyncio.run(save_all(library, sources, settings, refresh=refresh, jobs=jobs, transport=transport))
    if as_json:
        _emit_json([outcome.to_dict() for outcome in outcomes])
    failed = [o for o in outcomes if o.error is not None]
    saved = sum(o.status == "saved" for o in outcomes)
    print(f"byline: saved {saved} of {len(outcomes)}" + (f", {len(failed)} failed" if failed else ""), file=sys.stderr)
    return failed[0].error.exit_code if failed and failed[0].error else 0


async def save_all(
    library: Library,
    sources: Sequence[str],
    settings: Settings,
    *,
    refresh: bool = False,
    jobs: int = 4,
    transport: httpx.AsyncBaseTransport | None = None,
) -> list[Saved]:
    """Fetch up to ``jobs`` sources at a time; extract off the loop; store one by one."""
    from byline.extract import fetch_url
    from byline.extract.pipeline import extract_document

    options = settings.fetch_options()
    gate = asyncio.Semaphore(jobs)
    done = 0

    def report(outcome: Saved) -> Saved:
        nonlocal done
        done += 1
        what = clean_inline(outcome.title or outcome.source)
        detail = f": {outcome.error.message}" if outcome.error else f"  {what}"
        print(f"[{done}/{len(sources)}] {outcome.status}{detail}", file=sys.stderr, flush=True)
        return outcome

    async def one(source: str) -> Saved:
        key, origin = source_key(source)
        try:
            stored = library.find(key) if origin != "stdin" else None
            if stored is not None and not refresh and origin == "url":
                return report(Saved(source, "stored already", stored.id, stored.title))
            async with gate:
                if origin == "url":
                    started = time.time()
                    raw = await fetch_url(source, options, transport=transport)
                    fetched = Fetched(raw, key, origin, started)
                else:
                    fetched = await asyncio.to_thread(read_fresh, source, options)
            article = await asyncio.to_thread(extract_document, fetched.raw, ner=settings.ner)
            entry_id = library.store(
                fetched, article, entry_id=stored.id if stored else None, read=False, ner=settings.ner
            )
        except BylineError as exc:
            return report(Saved(source, "failed", error=exc))
        return report(Saved(source, "saved", entry_id, article.title))

    return list(await asyncio.gather(*(one(source) for source in sources)))

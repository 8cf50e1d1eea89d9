"""``byline library …``: the reading library from the command line.

    byline library list [--json] [--limit N] [--all]
    byline library search QUERY [--json] [--limit N]
    byline library remove ID [ID …] [--json]
    byline library vacuum [--json]
"""

from __future__ import annotations

import argparse
import shutil
from collections.abc import Iterable
import sys
import time

from byline.extract import clean_inline
from byline.tui import numbers
from byline.tui.cli.exits import EXIT_OK, EXIT_STORAGE, tell, warn
from byline.tui.config import Settings
from byline.tui.data.library import Library
from byline.tui.data.maintenance import VacuumReport
from byline.tui.data.records import Entry, SearchHit
from byline.tui.files import write_stdout
from byline.tui.formats.json_text import json_text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True, metavar="{list,search,remove,vacuum}")
    listing = actions.add_parser("list", help="the articles opened or saved, most recently opened first")
    listing.add_argument("--limit", type=numbers.LIMIT.argument, metavar="N", help="show at most N")
    listing.add_argument("--all", action="store_true", help="every stored article, feeds' unopened ones too")
    finding = actions.add_parser("search", help="full-text search: titles, text, names, speakers")
    finding.add_argument("query", metavar="QUERY")
    finding.add_argument("--limit", type=numbers.LIMIT.argument, default=20, metavar="N", help="show at most N (default 20)")
    removing = actions.add_parser("remove", help="delete stored articles by id")
    removing.add_argument("ids", nargs="+", type=numbers.ENTRY_ID.argument, metavar="ID")
    vacuum = actions.add_parser("vacuum", help="check the library file, rebuild the index, reclaim space")
    for action in (listing, finding, removing, vacuum):
        action.add_argument("--json", action="store_true", help="print JSON")


def open_for_command(settings: Settings) -> Library:
    """The library a subcommand works on, its notices said (``LibraryError`` if it cannot be opened)."""
    library = Library(max_bytes=settings.library_max_bytes)
    say_notices(library)
    return library


def say_notices(library: Library) -> None:
    """What the library has to tell (a damaged file moved aside, an index rebuilt), once."""
    for notice in library.notices:
        warn(notice)
    library.notices.clear()


def run(args: argparse.Namespace, settings: Settings) -> int:
    with open_for_command(settings) as library:
        if args.action == "vacuum" and library.moved_to is not None:
            return EXIT_STORAGE  # opening found it damaged and moved it aside (said above): nothing to check
        try:
            return _act(library, args)
        finally:
            say_notices(library)


def _act(library: Library, args: argparse.Namespace) -> int:
    if args.action == "list":
        return _print_entries(library.entries(limit=args.limit, everything=args.all), args.json)
    if args.action == "search":
        return _print_hits(library.search(args.query, limit=args.limit), args.json)
    if args.action == "remove":
        return _remove(library, args.ids, args.json)
    return _print_vacuum(library.vacuum(), args.json)


def _print_entries(entries: list[Entry], as_json: bool) -> int:
    if as_json:
        _emit_json([entry.to_dict() for entry in entries])
    else:
        width = _width()
        _emit_lines(_entry_line(entry, width) for entry in entries)
        if not entries:
            tell("the library is empty: byline save URL stores an article")
    return EXIT_OK


def _print_hits(hits: list[SearchHit], as_json: bool) -> int:
    if as_json:
        _emit_json([hit.to_dict() for hit in hits])
        return EXIT_OK
    width = _width()
    lines = []
    for hit in hits:
        lines.append(_entry_line(hit.entry, width))
        lines.append("      " + _clip(clean_inline(hit.plain_snippet), width - 6))
    _emit_lines(lines)
    if not hits:
        tell("nothing in the library matches")
    return EXIT_OK


def _entry_line(entry: Entry, width: int) -> str:
    date = clean_inline(entry.published or time.strftime("%Y-%m-%d", time.localtime(entry.fetched_at)))[:10]
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
        _emit_lines(["removed " + ", ".join(str(i) for i in removed)])
    if missing:
        warn(f"not in the library: {', '.join(str(i) for i in missing)} (byline library list shows the ids)")
        return EXIT_STORAGE
    return EXIT_OK


def _print_vacuum(report: VacuumReport, as_json: bool) -> int:
    if as_json:
        _emit_json(report.to_dict())
        return EXIT_OK if report.moved_to is None else EXIT_STORAGE
    if report.moved_to is not None:
        warn(f"the library was damaged ({report.check}); it was moved to {report.moved_to} and a new one started")
        return EXIT_STORAGE
    rebuilt = ""
    if report.search_damage is not None:
        rebuilt = f"; the search index was damaged ({report.search_damage}) and was rebuilt from the stored articles"
    elif report.search_rebuilt:
        rebuilt = "; search index rebuilt"
    _emit_lines(
        [
            clean_inline(
                f"{report.path}: checked ok, {report.entries} articles, "
                f"{_size(report.size_before)} → {_size(report.size_after)}{rebuilt}"
            )
        ]
    )
    return EXIT_OK


def _emit_json(data: object) -> None:
    write_stdout(json_text(data) + "\n", "utf-8")


def _emit_lines(lines: Iterable[str]) -> None:
    """Lines for people (already cleaned of controls) to stdout, in one write."""
    text = "".join(f"{line}\n" for line in lines)
    if text:
        write_stdout(text)


def _width() -> int:
    stream = sys.stdout
    return shutil.get_terminal_size((100, 24)).columns if stream is not None and stream.isatty() else 200


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n // 1024} KB"

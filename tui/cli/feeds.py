"""``byline feeds …``: subscriptions from the command line, and updates for cron.

    byline feeds add URL [--name NAME] [--tag TAG]… [--json]
    byline feeds list [--json]
    byline feeds remove ID [ID …] [--json]
    byline feeds update [ID …] [--json] [--timeout SECONDS]
    byline feeds import FILE.opml [--json]
    byline feeds export [-o FILE.opml]

Exit codes are byline's (``cli.exits``): 3 a feed or page could not be read,
4 a page that is no feed and names none, 5 the library or the export file
could not be written, or an id names no feed. The work is ``tui.feeds``'.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import sys
import time

import httpx

from byline.extract import clean_inline
from byline.tui.cli.exits import EXIT_OK, EXIT_SOURCE, EXIT_STORAGE, warn
from byline.tui.cli.library import open_for_command
from byline.tui.config import Settings
from byline.tui.data.feeds import FeedStore
from byline.tui.data.library import Library
from byline.tui.feeds.progress import ProgressLine
from byline.tui.feeds.reports import Progress
from byline.tui.feeds.subscriptions import export_opml, feeds_by_id, import_opml, subscribe, unsubscribe
from byline.tui.formats.export import write_export


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Subscribe to RSS, Atom and JSON feeds; every new item is read as a full article into the library."
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="{add,list,remove,update,import,export}")
    add = actions.add_parser("add", help="subscribe to a feed (or the feed a page names)")
    add.add_argument("url", metavar="URL", help="the feed's address, or a page that links its feed")
    add.add_argument("--name", metavar="NAME", help="what to call it (default: the feed's title)")
    add.add_argument("--tag", action="append", default=[], metavar="TAG", help="a tag (repeat for more)")
    listing = actions.add_parser("list", help="subscriptions, with unread counts, last update and errors")
    remove = actions.add_parser("remove", help="unsubscribe (the stored articles stay in the library)")
    remove.add_argument("ids", nargs="+", type=_feed_id, metavar="ID")
    update = actions.add_parser("update", help="fetch feeds and read their new items into the library")
    update.add_argument("ids", nargs="*", type=_feed_id, metavar="ID", help="feeds to update (default: all)")
    update.add_argument("--timeout", type=_timeout, metavar="SECONDS", help="deadline for each fetch")
    importing = actions.add_parser("import", help="subscribe to every feed an OPML file lists")
    importing.add_argument("file", metavar="FILE.opml")
    export = actions.add_parser("export", help="write the subscriptions as OPML")
    export.add_argument("-o", "--output", metavar="FILE.opml", help="the file to write (default: stdout)")
    for action in (add, listing, remove, update, importing):
        action.add_argument("--json", action="store_true", help="print JSON")


def _feed_id(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a feed id: {clean_inline(value)!r} (byline feeds list shows the ids)")
    return int(value)


def _timeout(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {clean_inline(value)!r}") from None
    if not math.isfinite(seconds) or not 0 < seconds <= 24 * 3600:
        raise argparse.ArgumentTypeError("the timeout must be a number of seconds above 0 (at most a day)")
    return seconds


def run(args: argparse.Namespace, settings: Settings, *, transport: httpx.AsyncBaseTransport | None = None) -> int:
    """Run ``byline feeds ACTION``; ``BylineError``s go up to ``cli.main``, which reports them."""
    if args.action == "update":
        settings.fetch_options()  # a bad cookies file is one error now, not one per feed
    with open_for_command(settings) as library:
        if args.action == "add":
            return _add(library, settings, args, transport)
        if args.action == "list":
            return _list(library, args.json)
        if args.action == "remove":
            return _remove(library, args.ids, args.json)
        if args.action == "update":
            return _update(library, settings, args.ids, args.json, transport)
        if args.action == "import":
            return _import(library, args.file, args.json)
        return _export(library, args.output)


# ------------------------------------------------------------------ commands


def _add(library: Library, settings: Settings, args: argparse.Namespace, transport: httpx.AsyncBaseTransport | None) -> int:
    done = subscribe(library, settings, args.url, name=args.name, tags=args.tag, transport=transport)
    feed = done.feed
    if args.json:
        _emit_json({**feed.to_dict(), "subscribed": done.created, "listed_items": done.items})
    elif done.created:
        print(f"subscribed: {feed.id}  {clean_inline(feed.label)}  <{feed.url}> "
              f"({done.items} items listed; `byline feeds update {feed.id}` reads them)")
    else:
        print(f"already subscribed: {feed.id}  {clean_inline(feed.label)}  <{feed.url}>")
    return EXIT_OK


def _list(library: Library, as_json: bool) -> int:
    feeds = FeedStore(library).feeds()
    if as_json:
        _emit_json([feed.to_dict() for feed in feeds])
        return EXIT_OK
    if not feeds:
        warn("no feeds yet: byline feeds add URL subscribes to one")
    width = _width()
    for feed in feeds:
        when = _when(feed.updated_at) if feed.updated_at else "never updated"
        line = f"{feed.id:>4}  {feed.unread:>4}/{feed.items:<4}  {clean_inline(feed.label)}  · {when}"
        if feed.error:
            line += f" · failed {_when(feed.checked_at)}: {clean_inline(feed.error)}"
        print(_clip(line, width))
    return EXIT_OK


def _remove(library: Library, ids: list[int], as_json: bool) -> int:
    removed = unsubscribe(library, ids)
    missing = [i for i in dict.fromkeys(ids) if i not in removed]
    if as_json:
        _emit_json({"removed": removed, "missing": missing})
    elif removed:
        print("removed " + ", ".join(str(i) for i in removed) + " (their articles stay in the library)")
    if missing:
        warn(f"no feed {', '.join(map(str, missing))} (byline feeds list shows the ids)")
        return EXIT_STORAGE
    return EXIT_OK


def _update(
    library: Library, settings: Settings, ids: list[int], as_json: bool, transport: httpx.AsyncBaseTransport | None
) -> int:
    from byline.tui.feeds.update import update  # here: only `feeds update` loads the updater (lxml, extractor)

    feeds = feeds_by_id(library, ids)
    if not feeds:
        warn("no feeds yet: byline feeds add URL subscribes to one")
        return EXIT_OK
    line = ProgressLine()

    def progress(state: Progress) -> None:
        line.show(state.line(), force=state.feed is not None)

    started = time.monotonic()
    try:
        reports = update(library, settings, feeds, progress=progress, transport=transport)
    finally:
        line.clear()
    if as_json:
        _emit_json([report.to_dict() for report in reports])
    else:
        width = _width()
        for report in reports:
            print(_clip(f"{report.feed_id:>4}  {clean_inline(report.label)}: {_outcome(report)}", width))
    failed = [report for report in reports if report.status == "failed"]
    stored = sum(report.count("article") + report.count("summary") for report in reports)
    summary = (
        f"byline: {_count(len(reports), 'feed')} updated in {time.monotonic() - started:.1f} s, "
        f"{_count(stored, 'new article')}"
    )
    if failed:
        summary += f", {_count(len(failed), 'feed')} failed"
    print(summary, file=sys.stderr)
    return EXIT_SOURCE if failed else EXIT_OK


def _outcome(report) -> str:  # type: ignore[no-untyped-def]
    if report.status == "failed":
        text = f"failed: {report.error}"
    elif report.status in ("not modified", "unchanged"):
        text = report.status
    else:
        text = f"{report.new} new"
    parts = []
    for content, label in (("article", "articles"), ("summary", "summaries only"), ("none", "unreadable")):
        if report.count(content):
            parts.append(f"{report.count(content)} {label}")
    return text + (" · " + ", ".join(parts) if parts else "")


def _import(library: Library, path: str, as_json: bool) -> int:
    imported = import_opml(library, path)
    if as_json:
        _emit_json({
            "added": [feed.to_dict() for feed in imported.added],
            "existing": [feed.to_dict() for feed in imported.existing],
        })
    else:
        for feed in imported.added:
            print(f"{feed.id:>4}  {clean_inline(feed.label)}  <{feed.url}>")
        already = f" ({len(imported.existing)} already subscribed)" if imported.existing else ""
        print(f"byline: imported {_count(len(imported.added), 'feed')}{already}; byline feeds update reads them",
              file=sys.stderr)
    return EXIT_OK


def _export(library: Library, output: str | None) -> int:
    write_export(export_opml(library).decode("utf-8"), output or "-")
    return EXIT_OK


# -------------------------------------------------------------------- output


def _emit_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _width() -> int:
    return shutil.get_terminal_size((100, 24)).columns if sys.stdout.isatty() else 1000


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}" if n == 1 else f"{n} {thing}s"


def _when(timestamp: float | None) -> str:
    if not timestamp:
        return "never"
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(timestamp))

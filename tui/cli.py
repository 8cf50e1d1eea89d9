"""The ``byline`` command: the app, or ``--dump``/``--json``/``--export`` without any UI.

Textual is imported only when the app will run: ``--dump`` and ``--json``
start fast and never touch the terminal's modes. ``--dump``, ``--json`` and
``--export`` read through the reading library (``tui.data``), which is
imported only when used; ``byline library …`` and ``byline save …`` live in
``tui.subcommands``.

Exit codes: 0 success, 1 internal error (a bug), 2 usage (or a bad config
file), 3 the source could not be read, 4 no article text found, 5 the library
or an export file could not be written, 130 interrupted. Every failure is one
line on stderr; a traceback is shown only with BYLINE_DEBUG=1.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import sys
from collections.abc import Sequence
from typing import NoReturn

from byline.extract import ExtractError, __version__
from byline.extract.sanitize import clean_inline, strip_controls

EXIT_OK = 0
EXIT_BUG = 1
EXIT_USAGE = 2
EXIT_SOURCE = 3
EXIT_NOT_ARTICLE = 4
EXIT_STORAGE = 5
EXIT_INTERRUPTED = 130


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr (exit 2), like every other error."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"byline: {message} (see byline --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="byline",
        description="A keyboard-driven terminal reader for news articles.",
        epilog=(
            "SOURCE is an http(s) URL, a path to an .html/.txt file, or - for stdin. "
            "Also: byline library {list,search,remove,vacuum} …, byline save SOURCE …, "
            "byline feeds {add,list,remove,update,import,export} …"
        ),
    )
    parser.add_argument("source", nargs="?", metavar="SOURCE", help="URL, path, or - for stdin")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--dump", action="store_true", help="print the clean article as text, no UI")
    mode.add_argument("--json", action="store_true", help="print the article as JSON, no UI")
    mode.add_argument(
        "--export",
        choices=("md", "json"),
        metavar="{md,json}",
        help="write the article as Markdown (with a front-matter header) or JSON, no UI",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="with --export: the file to write (default: stdout)")
    parser.add_argument("--refresh", action="store_true", help="fetch SOURCE again even if the library has it")
    parser.add_argument("--no-store", action="store_true", help="leave the library alone: read SOURCE, store nothing")
    parser.add_argument("--config-path", action="store_true", help="print where the config file is read from")
    parser.add_argument(
        "--width",
        type=_width,
        metavar="N",
        help="wrap --dump output at N columns (default: the terminal's width up to 80; 0 = no wrapping)",
    )
    parser.add_argument("--timeout", type=_timeout, metavar="SECONDS", help="total deadline for fetching a URL")
    parser.add_argument(
        "--ner",
        choices=("rules", "spacy"),
        help="entity engine: rules (default, built in) or spacy (needs the nlp extra)",
    )
    parser.add_argument("--version", action="version", version=f"byline {__version__}")
    return parser


def _width(value: str) -> int:
    try:
        width = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if width < 0 or 0 < width < 20:
        raise argparse.ArgumentTypeError("width must be 0 (no wrapping) or at least 20")
    return width


def _timeout(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not math.isfinite(seconds) or not 0 < seconds <= 24 * 3600:
        raise argparse.ArgumentTypeError("the timeout must be a number of seconds above 0 (at most a day)")
    return seconds


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args: argparse.Namespace | None = None
    try:
        if argv and argv[0] in ("library", "save"):
            return _run_command(argv)
        if argv and argv[0] == "feeds":
            from byline.tui.feeds.cli import main as feeds_main

            return feeds_main(argv[1:])
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.config_path:
            from byline.tui.data.paths import config_path

            print(config_path())
            return EXIT_OK
        if args.output and not args.export:
            parser.error("-o/--output goes with --export")
        if args.dump or args.json or args.export:
            if not args.source:
                parser.error("--dump, --json and --export need a SOURCE")
            return _print_article(args)
        return _run_app(args)
    except KeyboardInterrupt:
        print("byline: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of our stdout went away (byline --dump … | head): not an error.
        _silence_stdout()
        return EXIT_OK
    except MemoryError:
        print(f"byline: {_source_label(args)}ran out of memory", file=sys.stderr)
        return EXIT_BUG
    except Exception as exc:  # a bug: one line, the traceback only on request
        if os.environ.get("BYLINE_DEBUG"):
            raise
        detail = clean_inline(f"{type(exc).__name__}: {exc}")[:200]
        print(
            f"byline: {_source_label(args)}internal error ({detail}); "
            "please report it (BYLINE_DEBUG=1 shows the traceback)",
            file=sys.stderr,
        )
        return EXIT_BUG


def _source_label(args: argparse.Namespace | None) -> str:
    return f"{clean_inline(args.source)}: " if args is not None and args.source else ""


def _print_article(args: argparse.Namespace) -> int:
    from byline.tui import reading

    try:
        settings = reading.settings_for(args.timeout, args.ner)
    except ExtractError as exc:
        return report_error(exc, "")
    library = None if args.no_store else reading.open_library(settings)
    try:
        opened = reading.open_through(args.source, library, settings, refresh=args.refresh)
    except ExtractError as exc:
        return report_error(exc, "" if isinstance(exc, reading.ConfigError) else args.source)
    article = opened.article
    for warning in article.warnings:
        print(f"byline: warning: {clean_inline(warning)}", file=sys.stderr)
    if args.export:
        from byline.tui.export import export_text, write_export

        try:
            write_export(export_text(article, args.export), args.output or "-")
        except ExtractError as exc:
            return report_error(exc, "")
    elif args.json:
        _write(json_text(article.to_dict()) + "\n", "utf-8")
    else:
        from byline.tui.render import dump_text

        # Article text is control-free by construction; this is the last guard
        # before the terminal, for whatever a renderer adds.
        _write(strip_controls(dump_text(article, width=_dump_width(args.width))) + "\n", None)
    if library is not None:
        # After the output: storing never delays what the user came for.
        reading.keep(library, opened, settings, read=args.dump)
    return EXIT_OK


def _run_command(argv: list[str]) -> int:
    from byline.tui import reading, subcommands

    try:
        return subcommands.run(argv, reading.settings_for(None))
    except ExtractError as exc:
        return report_error(exc, "")


# Characters JSON may carry raw but a terminal could act on (C1, bidi controls):
# written as \u escapes, so the JSON is the same value and the bytes are inert.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u206a-\u206f\ufeff\ud800-\udfff]")


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


def report_error(exc: ExtractError, source: str) -> int:
    """Print one line naming the source and the problem; return the exit code."""
    message = exc.message  # already one line without controls
    source = clean_inline(source or "")
    if source and not message.startswith(source):
        message = f"{source}: {message}"
    print(f"byline: {clean_inline(message)}", file=sys.stderr)
    return exc.exit_code


def _dump_width(requested: int | None) -> int:
    if requested is not None:
        return requested
    if not sys.stdout.isatty():
        return 0
    return min(80, shutil.get_terminal_size((80, 24)).columns)


def _run_app(args: argparse.Namespace) -> int:
    from byline.tui.app import Options, run_app

    options = Options(timeout=args.timeout, ner=args.ner, refresh=args.refresh, store=not args.no_store)
    return run_app(args.source, options)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


def entry_point() -> None:
    sys.exit(main())


if __name__ == "__main__":
    entry_point()

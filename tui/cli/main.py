"""The ``byline`` command: the app, ``--dump``/``--json``/``--export`` without
any UI, and the subcommands (``byline library …``, ``byline save …``,
``byline feeds …``).

Textual is imported only when the app will run (``app.startup`` imports it
after its fork), and a subcommand's module only when it is the one asked for:
``--dump`` and ``--json`` start fast and never touch the terminal's modes.
Exit codes and error lines: ``cli.exits``.
"""

from __future__ import annotations

import argparse
import importlib
import math
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NoReturn

from byline.extract import ENGINES, BylineError, ExtractError, __version__
from byline.tui.app.startup import Options, run_app
from byline.tui.cli.exits import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, report_bug, report_error
from byline.tui.config import Settings, load_settings
from byline.tui.data.paths import config_path


@dataclass(frozen=True, slots=True)
class Subcommand:
    """A subcommand: ``module`` has ``add_arguments(parser)`` and
    ``run(args, settings) -> exit code``, and is imported only when run."""

    name: str
    module: str
    #: What ``byline --help`` says about it.
    usage: str
    help: str


#: Every subcommand, by the first word of the command line: a new one is one line here.
SUBCOMMANDS = {
    command.name: command
    for command in (
        Subcommand("library", "byline.tui.cli.library", "library {list,search,remove,vacuum} …", "list, search, remove or compact stored articles"),
        Subcommand("save", "byline.tui.cli.save", "save SOURCE …", "store articles for later without opening them"),
        Subcommand("feeds", "byline.tui.cli.feeds", "feeds {add,list,remove,update,import,export} …", "subscribe to feeds whose items are read as full articles"),
        Subcommand("batch", "byline.tui.batch.cli", "batch INPUT… --output OUT", "extract a corpus to JSONL or Parquet records"),
    )
}


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr (exit 2), like every other error."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"byline: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    also = ", ".join(f"byline {command.usage}" for command in SUBCOMMANDS.values())
    parser = _Parser(
        prog="byline",
        description="A keyboard-driven terminal reader for news articles.",
        epilog=f"SOURCE is an http(s) URL, a path to an .html/.txt file, or - for stdin. Also: {also}",
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
        choices=ENGINES,
        help="entity engine: rules (default, built in) or spacy (needs the nlp extra)",
    )
    parser.add_argument("--version", action="version", version=f"byline {__version__}")
    return parser


def subcommand_parser(command: Subcommand, module: object) -> argparse.ArgumentParser:
    parser = _Parser(prog=f"byline {command.name}", description=command.help)
    module.add_arguments(parser)  # type: ignore[attr-defined]
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
    source: str | None = None
    try:
        if argv and argv[0] in SUBCOMMANDS:
            return _run_subcommand(SUBCOMMANDS[argv[0]], argv[1:])
        parser = build_parser()
        args = parser.parse_args(argv)
        source = args.source
        if args.config_path:
            print(config_path())
            return EXIT_OK
        if args.output and not args.export:
            parser.error("-o/--output goes with --export")
        if (args.dump or args.json or args.export) and not args.source:
            parser.error("--dump, --json and --export need a SOURCE")
        try:
            settings = settings_from(args)
        except BylineError as error:
            return report_error(error)
        if args.dump or args.json or args.export:
            from byline.tui.cli.article import print_article  # here: the app's start needs none of it

            return print_article(args, settings)
        return _run_app(args, settings)
    except KeyboardInterrupt:
        print("byline: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of our stdout went away (byline --dump … | head): not an error.
        _silence_stdout()
        return EXIT_OK
    except Exception as error:  # a bug (or memory exhausted): one line, the traceback only on request
        return report_bug(error, source)


def settings_from(args: argparse.Namespace) -> Settings:
    """The config file's settings with the command line's ``--timeout`` and ``--ner`` on top."""
    return load_settings().overridden(timeout=getattr(args, "timeout", None), ner=getattr(args, "ner", None))


def _run_subcommand(command: Subcommand, argv: list[str]) -> int:
    module = importlib.import_module(command.module)
    prepare = getattr(module, "prepare_argv", None)  # a subcommand whose words argparse cannot read as given
    args = subcommand_parser(command, module).parse_args(prepare(argv) if prepare else argv)
    try:
        return module.run(args, settings_from(args))  # type: ignore[attr-defined]
    except BylineError as error:
        return report_error(error)


def _run_app(args: argparse.Namespace, settings: Settings) -> int:
    try:
        return run_app(args.source, settings, Options(refresh=args.refresh, store=not args.no_store))
    except BylineError as error:
        return report_error(error, args.source if isinstance(error, ExtractError) else "")


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

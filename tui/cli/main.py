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
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NoReturn

from byline.extract import ENGINES, BylineError, ExtractError, __version__, clean_inline, strip_controls
from byline.tui import numbers
from byline.tui.cli.exits import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, report_bug, report_error, warn
from byline.tui.config import ConfigError, Settings, load_settings
from byline.tui.data.paths import CONFIG_ENV, config_path
from byline.tui.files import OutputError, write_stdout
from byline.tui.threads import take_signals_here


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
        Subcommand("serve", "byline.tui.cli.serve", "serve [--host H] [--port N]", "the app in a web browser (the serve extra)"),
    )
}


#: Options whose value may start with "-" (a negative number, a file name):
#: argparse would take ``--timeout -inf`` for two options.
VALUE_OPTIONS = ("--timeout", "--width", "--limit", "--jobs", "-o", "--output")


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr (exit 2), like every
    other error — the subcommands' too (their parsers are this class)."""

    _words: Sequence[str] = ()

    def parse_known_args(self, args=None, namespace=None):  # type: ignore[no-untyped-def,override]
        self._words = list(sys.argv[1:] if args is None else args)
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> NoReturn:
        hint = self._dash_file_hint()
        self.exit(EXIT_USAGE, f"byline: {clean_inline(message)} (see {self.prog} --help){hint}\n")

    def _dash_file_hint(self) -> str:
        """A file whose name starts with "-" reads as an option: when the
        mistake may be that, say how to name the file instead."""
        for word in self._words:
            if word == "--":
                break
            if len(word) < 2 or not word.startswith("-") or word.split("=")[0] in self._option_string_actions:
                continue
            if os.path.lexists(word):
                name = clean_inline(word)
                return f"; for the file {name} write ./{name} or put -- before it"
        return ""


def attach_values(argv: list[str]) -> list[str]:
    """``--timeout -inf`` as ``--timeout=-inf`` (``-o -x.md`` as ``-o-x.md``), so
    a value that starts with "-" reaches its option and its check."""
    joined: list[str] = []
    index = 0
    while index < len(argv):
        word = argv[index]
        if word == "--":
            joined.extend(argv[index:])
            break
        following = argv[index + 1] if index + 1 < len(argv) else None
        if word in VALUE_OPTIONS and following and following.startswith("-") and not following.startswith("--") and following != "-":
            joined.append(f"{word}={following}" if word.startswith("--") else f"{word}{following}")
            index += 2
            continue
        joined.append(word)
        index += 1
    return joined


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
        type=numbers.DUMP_WIDTH.argument,
        metavar="N",
        help="wrap --dump output at N columns (default: the terminal's width up to 80; 0 = no wrapping)",
    )
    parser.add_argument(
        "--timeout",
        type=numbers.TIMEOUT.argument,
        metavar="SECONDS",
        help="deadline for fetching a URL, and again for extracting the article (default 30)",
    )
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


def main(argv: Sequence[str] | None = None, *, owns_stdout: bool = False) -> int:
    """Run the command line; return the exit code. ``owns_stdout``: this is the
    ``byline`` process, whose standard output may be closed once the output is out."""
    argv = attach_values(list(sys.argv[1:] if argv is None else argv))
    _hold_standard_descriptors()
    take_signals_here()
    run = _Run(owns_stdout)
    try:
        code = run.command(argv)
        try:
            _flush_stdout()
        except OutputError:
            if code == EXIT_OK:
                raise
            _silence_stdout()  # the command has said what went wrong: one line is enough
        return code
    except KeyboardInterrupt:
        warn("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of our stdout went away (byline --dump … | head): not an error.
        _silence_stdout()
        return EXIT_OK
    except OutputError as error:  # standard output full or closed
        _silence_stdout()
        return report_error(error)
    except Exception as error:  # a bug (or memory exhausted): one line, the traceback only on request
        return report_bug(error, run.source)


class _Run:
    """One command line's run; ``source`` names what a bug was about."""

    source: str | None = None

    def __init__(self, owns_stdout: bool = False) -> None:
        self.owns_stdout = owns_stdout

    def command(self, argv: list[str]) -> int:
        if argv and argv[0] in SUBCOMMANDS:
            return _run_subcommand(SUBCOMMANDS[argv[0]], argv[1:])
        parser = build_parser()
        args = parser.parse_args(argv)
        self.source = args.source
        args.owns_stdout = self.owns_stdout
        if args.config_path:
            try:
                where = config_path()
            except ValueError as exc:  # BYLINE_CONFIG=~nosuchuser/…
                return report_error(ConfigError(f"{CONFIG_ENV}: {exc}"))
            # A path is shown like any string: no terminal controls (BYLINE_CONFIG can hold them).
            write_stdout(strip_controls(str(where)).replace("\n", " ") + "\n")
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
    if os.environ.get("TERM") == "dumb" and not os.environ.get("TEXTUAL_DRIVER") and sys.stdout.isatty():
        from byline.tui.cli.dumb import without_the_app  # a terminal that cannot draw the app

        try:
            return without_the_app(args, settings)
        except BylineError as error:
            return report_error(error)
    from byline.tui.app.startup import Options, run_app  # here: --dump, --json and the subcommands never need it

    try:
        return run_app(args.source, settings, Options(refresh=args.refresh, store=not args.no_store))
    except BylineError as error:
        return report_error(error, args.source if isinstance(error, ExtractError) else "")


def _hold_standard_descriptors() -> None:
    """Put /dev/null on any of descriptors 0-2 that was closed when byline started
    (``byline --dump x >&-``), so no file byline opens later takes that number
    and receives what is meant for a standard stream. Python has already made
    the stream itself None: writing to a closed stdout is still an error."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            try:
                opened = os.open(os.devnull, os.O_RDWR)
            except OSError:
                return
            if opened != fd:
                os.dup2(opened, fd)
                os.close(opened)


def _flush_stdout() -> None:
    """Flush what ``print`` left buffered now, while a failure is still ours to
    report (at exit, Python would print its own traceback-like complaint)."""
    stream = sys.stdout
    if stream is None:
        return
    try:
        stream.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as exc:
        raise OutputError(f"cannot write to standard output ({getattr(exc, 'strerror', None) or exc})") from None


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush has nowhere to fail."""
    stream = sys.stdout
    if stream is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def entry_point() -> None:
    sys.exit(main(owns_stdout=True))


if __name__ == "__main__":
    entry_point()

"""The ``byline`` command: the app, or ``--dump``/``--json`` without any UI.

Textual is imported only when the app will run: ``--dump`` and ``--json``
start fast and never touch the terminal's modes.

Exit codes: 0 success, 2 usage, 3 the source could not be read, 4 no article
text found, 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections.abc import Sequence

from extract import ExtractError, __version__

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_SOURCE = 3
EXIT_NOT_ARTICLE = 4
EXIT_INTERRUPTED = 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="byline",
        description="A keyboard-driven terminal reader for news articles.",
        epilog="SOURCE is an http(s) URL, a path to an .html/.txt file, or - for stdin.",
    )
    parser.add_argument("source", nargs="?", metavar="SOURCE", help="URL, path, or - for stdin")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--dump", action="store_true", help="print the clean article as text, no UI")
    mode.add_argument("--json", action="store_true", help="print the article as JSON, no UI")
    parser.add_argument(
        "--width",
        type=_width,
        metavar="N",
        help="wrap --dump output at N columns (default: the terminal's width up to 80; 0 = no wrapping)",
    )
    parser.add_argument("--timeout", type=float, metavar="SECONDS", help="total deadline for fetching a URL")
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.dump or args.json:
            if not args.source:
                parser.error("--dump and --json need a SOURCE")
            return _print_article(args)
        return _run_app(args)
    except KeyboardInterrupt:
        print("byline: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of our stdout went away (byline --dump … | head): not an error.
        _silence_stdout()
        return EXIT_OK


def _print_article(args: argparse.Namespace) -> int:
    from extract import load
    from extract.load import FetchOptions

    options = FetchOptions(timeout=args.timeout) if args.timeout else FetchOptions()
    try:
        article = load(args.source, options, ner=args.ner or "rules")
    except ExtractError as exc:
        return report_error(exc, args.source)
    if args.json:
        output = json.dumps(article.to_dict(), ensure_ascii=False, indent=2)
    else:
        from tui.render import dump_text

        output = dump_text(article, width=_dump_width(args.width))
    sys.stdout.write(output + "\n")
    sys.stdout.flush()
    return EXIT_OK


def report_error(exc: ExtractError, source: str) -> int:
    """Print one line naming the source and the problem; return the exit code."""
    message = exc.message
    if source and not message.startswith(source):
        message = f"{source}: {message}"
    print(f"byline: {message}", file=sys.stderr)
    return exc.exit_code


def _dump_width(requested: int | None) -> int:
    if requested is not None:
        return requested
    if not sys.stdout.isatty():
        return 0
    return min(80, shutil.get_terminal_size((80, 24)).columns)


def _run_app(args: argparse.Namespace) -> int:
    from tui.app import run_app

    return run_app(args.source, timeout=args.timeout)


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

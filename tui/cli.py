"""The ``byline`` command: the app, or ``--dump``/``--json`` without any UI.

Textual is imported only when the app will run: ``--dump`` and ``--json``
start fast and never touch the terminal's modes.

Exit codes: 0 success, 1 internal error (a bug), 2 usage, 3 the source could
not be read, 4 no article text found, 130 interrupted. Every failure is one
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

from extract import ExtractError, __version__
from extract.sanitize import clean_inline, strip_controls

EXIT_OK = 0
EXIT_BUG = 1
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
    parser.add_argument("--timeout", type=_timeout, metavar="SECONDS", help="total deadline for fetching a URL")
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


def _source_label(args: argparse.Namespace) -> str:
    return f"{clean_inline(args.source)}: " if args.source else ""


def _print_article(args: argparse.Namespace) -> int:
    from extract import load
    from extract.load import FetchOptions

    options = FetchOptions(timeout=args.timeout) if args.timeout else FetchOptions()
    try:
        article = load(args.source, options)
    except ExtractError as exc:
        return report_error(exc, args.source)
    for warning in article.warnings:
        print(f"byline: warning: {clean_inline(warning)}", file=sys.stderr)
    if args.json:
        output = json_text(article.to_dict())
    else:
        from tui.render import dump_text

        # Article text is control-free by construction; this is the last guard
        # before the terminal, for whatever a renderer adds.
        output = strip_controls(dump_text(article, width=_dump_width(args.width)))
    _write(output + "\n", "utf-8" if args.json else None)
    return EXIT_OK


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

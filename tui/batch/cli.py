"""``byline batch``: its arguments, and a run from start to summary line.

    byline batch INPUT… --output OUT [--format jsonl|parquet] [--workers N]
                 [--ner rules|spacy] [--no-analyse] [--dask [ADDRESS]] [--resume]

Exit codes are the command line's: 0 the run finished (documents without an
article are records, not failures of the run), 2 usage, 3 an input cannot be
read, 5 the output cannot be written, 130 interrupted (what was written is
kept: --resume continues), 1 a bug. Every failure is one line on stderr.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import sys
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

from byline.extract import ENGINES, BylineError
from byline.tui.batch.inputs import expand
from byline.tui.batch.progress import Progress
from byline.tui.batch.record import RecordOptions
from byline.tui.batch.runner import Fetching, default_workers, run_dask_or_pool
from byline.tui.batch.writers import Output
from byline.tui.cli.exits import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE

if TYPE_CHECKING:
    from byline.tui.config import Settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``byline batch``'s arguments (the command line's subcommand table calls this)."""
    parser.epilog = (
        "INPUT is a saved page (.html, .htm, .txt, also .gz), a JSONL file of {\"url\", \"html\"} "
        "records (.jsonl, .ndjson), a WARC file (.warc, .warc.gz), an http(s) URL, a .txt file "
        "listing URLs one a line, a directory, or a quoted glob pattern."
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="pages, JSONL, WARC, URLs, directories, globs")
    parser.add_argument("-o", "--output", required=True, metavar="OUT", help="directory to write the record parts to")
    parser.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl", help="record format (default jsonl)")
    parser.add_argument("--workers", type=_count, metavar="N", help="processes (default: one per core)")
    parser.add_argument("--ner", choices=ENGINES, help="entity engine (default: the config's, or rules)")
    parser.add_argument("--no-analyse", action="store_true", help="text and metadata only: no entities or quotes")
    parser.add_argument(
        "--dask",
        nargs="?",
        const="local",
        metavar="ADDRESS",
        help="run on Dask: alone, a LocalCluster of --workers processes; with tcp://host:port, that scheduler",
    )
    parser.add_argument("--resume", action="store_true", help="continue OUT: skip documents it already holds")
    parser.add_argument("--timeout", type=_seconds, metavar="SECONDS", help="deadline for fetching each URL")
    parser.add_argument("--max-mb", type=_megabytes, metavar="MB", help="largest document read (default: the config's, 10)")
    parser.add_argument("--fetch-jobs", type=_count, default=4, metavar="N", help="URLs fetched at once (default 4)")
    parser.add_argument("--per-host", type=_count, default=2, metavar="N", help="URLs fetched at once from one host (default 2)")


def _count(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return int(value)


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0 < seconds <= 24 * 3600:
        raise argparse.ArgumentTypeError("the timeout must be a number of seconds above 0 (at most a day)")
    return seconds


def _megabytes(value: str) -> int:
    try:
        megabytes = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0 < megabytes <= 1024:
        raise argparse.ArgumentTypeError("the size must be above 0 and at most 1024 MB")
    return max(1, int(megabytes * 1024 * 1024))


_HOST_PORT = re.compile(r"[\w.\-\[\]:]+:\d+")


def _dask_argument(argv: list[str]) -> list[str]:
    """``--dask`` takes an address only when one follows (tcp://host:8786, or host:8786):
    in ``--dask pages/`` it stands alone and ``pages/`` is an INPUT."""
    fixed = []
    for index, word in enumerate(argv):
        following = argv[index + 1] if index + 1 < len(argv) else ""
        if word == "--dask" and not _is_address(following):
            word = "--dask=local"
        fixed.append(word)
    return fixed


def _is_address(word: str) -> bool:
    if "://" in word and not word.lower().startswith(("http://", "https://")):
        return True
    return bool(_HOST_PORT.fullmatch(word)) and not os.path.exists(word)


def prepare_argv(argv: list[str]) -> list[str]:
    """The words after ``batch`` as argparse should read them (see ``_dask_argument``)."""
    return _dask_argument(argv)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run ``byline batch`` (``settings``: the config with --timeout and --ner laid over it)."""

    _check_extras(args)
    ner = settings.ner
    options = RecordOptions(analyse=not args.no_analyse, ner=ner, max_bytes=args.max_mb or settings.max_bytes)
    if options.analyse and ner != "rules":
        _check_engine(ner)
    inputs = expand(args.inputs)
    fetching = None
    if any(item.kind in ("url", "urls") for item in inputs):
        # A cookies file that cannot be read is one error now, not one per URL.
        fetch_options = dataclasses.replace(
            settings.fetch_options(),
            cookies=None,
            max_bytes=options.max_bytes,
        )
        fetching = Fetching(fetch_options, jobs=args.fetch_jobs, per_host=args.per_host, cookies_file=settings.cookies_file)
    output = Output(Path(args.output).expanduser(), args.format)
    inputs = _outside(inputs, output.directory)
    output.prepare(resume=args.resume)
    progress = Progress(sum(item.size for item in inputs))
    summary = run_dask_or_pool(
        inputs,
        output,
        options,
        dask=args.dask,
        workers=args.workers or default_workers(),
        resume=args.resume,
        fetching=fetching,
        progress=progress,
    )
    for error in summary.errors:
        print(f"byline: {error.message}", file=sys.stderr)
    print(f"byline: {_summary_line(summary, output.directory)}", file=sys.stderr)
    if summary.interrupted:
        return EXIT_INTERRUPTED
    if summary.errors:
        return summary.errors[0].exit_code
    return EXIT_OK


def _outside(inputs: list, directory: Path) -> list:  # type: ignore[type-arg]
    """The inputs not inside OUT: a directory walk must not read the parts back as JSONL."""
    out = directory.resolve()
    return [item for item in inputs if item.kind == "url" or not Path(item.path).resolve().is_relative_to(out)]


def _summary_line(summary, directory: Path) -> str:  # type: ignore[no-untyped-def]
    text = f"{summary.written:,} records"
    if summary.failed:
        text += f" ({summary.failed:,} without an article)"
    if summary.skipped:
        text += f", {summary.skipped:,} already done"
    rate = summary.written / summary.seconds if summary.seconds > 0 else 0.0
    text += f" in {summary.seconds:.1f} s ({rate:.1f}/s) → {directory}"
    if summary.interrupted:
        text = f"interrupted: {text}; the same command with --resume continues"
    return text


def _check_extras(args: argparse.Namespace) -> None:
    if args.format == "parquet" and find_spec("pyarrow") is None:
        raise _UsageError("--format parquet needs pyarrow: pip install 'byline[parquet]'")
    if args.dask is not None:
        if find_spec("distributed") is None:
            raise _UsageError("--dask needs dask.distributed: pip install 'byline[dask]'")


def _check_engine(ner: str) -> None:
    """Fail once, before the run, when the entity engine cannot load (not once
    per document): ``annotate`` raises ``EngineUnavailable`` (a usage error)."""
    from byline.extract import Article, annotate  # here: the pipeline loads in the parent only for this check

    annotate(Article(text="Ana Ortiz spoke in Porthaven."), ner=ner)


class _UsageError(BylineError):
    exit_code = EXIT_USAGE

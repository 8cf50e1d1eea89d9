"""All hostile cases, and the two ways to run one: through the library and through the CLI.

``check`` is the single definition of "ended well": the right exit code, one
line on stderr that says what happened (or the article on stdout), no
traceback, nothing a terminal would act on, and within the deadline plus 1 s.
"""

from __future__ import annotations

import io
import re
import sys
import time
from dataclasses import dataclass

from casekit import DEADLINE, Case, Env
from cases_local import CONTENT, FILES, INJECTION
from cases_network import NETWORK

from byline.extract import ExtractError
from byline.extract.sources import FetchOptions, read_source
from byline.extract.pipeline import extract_document

CASES: list[Case] = [*NETWORK, *FILES, *CONTENT, *INJECTION]
CATEGORIES = ("network", "files", "stdin", "content", "injection")

#: Every case must end within this many seconds.
TIME_LIMIT = DEADLINE + 1.0


@dataclass
class Outcome:
    code: int
    stdout: bytes
    stderr: bytes
    elapsed: float


def run_cli(case: Case, env: Env) -> Outcome:
    """Run ``byline MODE --timeout DEADLINE SOURCE`` in this process, capturing the bytes it writes."""
    from byline.tui.cli.main import main

    source = case.setup(env)
    return run_main(main, [case.mode, "--timeout", f"{DEADLINE:g}", source], case.stdin_bytes())


def run_main(main, argv: list[str], stdin: bytes | None) -> Outcome:  # type: ignore[no-untyped-def]
    out, err = io.BytesIO(), io.BytesIO()
    saved = sys.stdin, sys.stdout, sys.stderr
    streams = (
        io.TextIOWrapper(io.BytesIO(stdin or b"")),
        io.TextIOWrapper(out, encoding="utf-8", write_through=True),
        io.TextIOWrapper(err, encoding="utf-8", write_through=True),
    )
    sys.stdin, sys.stdout, sys.stderr = streams
    start = time.monotonic()
    try:
        code = main(argv)
    finally:
        elapsed = time.monotonic() - start
        sys.stdin, sys.stdout, sys.stderr = saved
    for stream in streams:
        stream.flush()
        stream.detach()  # keep the BytesIO open when the wrapper goes away
    return Outcome(code, out.getvalue(), err.getvalue(), elapsed)


def run_library(case: Case, env: Env) -> tuple[object, float]:
    """Read the case through ``extract``; return the Article or the ExtractError, and the time taken."""
    source = case.setup(env)
    stdin = io.BytesIO(case.stdin_bytes() or b"")
    start = time.monotonic()
    try:
        raw = read_source(source, FetchOptions(timeout=DEADLINE), stdin=stdin)
        result: object = extract_document(raw)
    except ExtractError as exc:
        result = exc
    return result, time.monotonic() - start


def check(case: Case, outcome: Outcome) -> None:
    """Assert that the CLI ended ``case`` the way a user should see it end."""
    stdout = outcome.stdout.decode("utf-8")
    stderr = outcome.stderr.decode("utf-8")
    assert "Traceback" not in stderr, stderr
    assert outcome.code == case.code, f"exit {outcome.code}, stderr: {stderr!r}"
    assert outcome.elapsed <= TIME_LIMIT, f"took {outcome.elapsed:.2f} s"
    lines = stderr.splitlines()
    if case.code:
        assert len(lines) == 1, f"expected one line on stderr, got {lines!r}"
        assert lines[0].startswith("byline: "), lines[0]
        assert re.search(case.says, lines[0]), f"{case.says!r} not in {lines[0]!r}"
        assert stdout == ""
    else:
        assert re.search(case.says, stdout), f"{case.says!r} not in the output"
        assert all(line.startswith("byline: warning: ") for line in lines), lines
        if case.warns:
            assert any(re.search(case.warns, line) for line in lines), lines
    for forbidden in case.absent:
        assert forbidden not in stdout and forbidden not in stderr, f"{forbidden!r} reached the terminal"


def tally() -> dict[str, int]:
    """Number of cases per category, for the report."""
    counts = dict.fromkeys(CATEGORIES, 0)
    for case in CASES:
        counts[case.category] += 1
    return counts

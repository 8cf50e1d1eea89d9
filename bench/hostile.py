"""How long hostile input takes: the figures the tests no longer assert.

The tests check that every hostile case ends the right way, that a cancel or
a quit does not wait for what it abandons, and that keys are answered while a
huge page loads — never how long any of it took, as a busy machine would fail
them. These are those times, as medians over ``--runs`` in one process, each
beside a reference run in the same process (the ordinary test article through
the same path) and beside the limit the tests used to assert:

* cases       every case of the hostile catalogue through the library (fetch or
              read, then extract): each ended within the deadline + 1 s = 3 s; the
              three that stall must end at their 2 s deadline
* properties  the property tests' generated pages (tag soup, deep nesting): each
              within 2 s
* cancel      a fetch cancelled while the server says nothing: within 0.5 s
* app         in a real pseudo-terminal: a key to its repaint while the 2 MB
              single-line page and the 100,000-element page load (median
              within 0.5 s, the worst within 2 s), q to exit while the
              100,000-element page is extracted (within 1.5 s), Escape to
              "cancelled" while a server stalls (within 1 s)

    python bench/hostile.py [--runs 3] [--examples 100] [--no-app]
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "tests", ROOT / "tests" / "hostile", ROOT / "tests" / "tui"):
    sys.path.insert(0, str(folder))

from casekit import DEADLINE, Case, Env  # noqa: E402
from hostile_catalogue import CASES, run_library  # noqa: E402
from misbehaving import HostileServer  # noqa: E402
from pages import ARTICLE, article_html, element_cap_page  # noqa: E402

from byline.extract import extract_html  # noqa: E402
from byline.extract.fetch import fetch_url  # noqa: E402
from byline.extract.sources import FetchOptions  # noqa: E402

CASE_LIMIT = DEADLINE + 1.0


def timed(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def median_of(runs: int, function: Callable[[], object]) -> float:
    return statistics.median(timed(function) for _ in range(runs))


def verdict(seconds: float, limit: float) -> str:
    return f"{'ok' if seconds <= limit else 'OVER'} <= {limit:g} s"


# ----------------------------------------------------------------- the library


def bench_cases(runs: int, scratch: Path) -> None:
    server = HostileServer()
    env = Env(server, scratch)
    try:
        reference_case = Case("reference", "the test article", lambda env: env.file("article.html", ARTICLE), 0, "")
        warm_up = Case("warm-up", "a fetch", lambda env: env.page("/warm-up", ARTICLE), 0, "")
        for case in (reference_case, warm_up):  # imports and first calls: not any case's cost
            run_library(case, env)
        reference = median_of(runs, lambda: run_library(reference_case, env))
        print(f"cases: the test article through the library {reference * 1000:.1f} ms (the reference)")
        print(f"{'case':<58} {'ms':>8} {'x ref':>7}  old limit")
        worst = (0.0, "")
        for case in CASES:
            seconds = median_of(1 if case.stalls else runs, lambda case=case: run_library(case, env))
            limit = CASE_LIMIT
            note = f"deadline {DEADLINE:g} s, overshoot {(seconds - DEADLINE) * 1000:+.0f} ms" if case.stalls else ""
            if not case.stalls:
                worst = max(worst, (seconds, case.id))
            print(f"{case.id[:58]:<58} {seconds * 1000:>8.1f} {seconds / reference:>7.1f}  {verdict(seconds, limit)} {note}")
        print(f"cases: slowest that does not stall: {worst[1]} {worst[0] * 1000:.0f} ms ({verdict(worst[0], CASE_LIMIT)})")
    finally:
        for sock in env.keep:
            sock.close()
        server.stop()


def bench_properties(examples: int) -> None:
    from hypothesis import HealthCheck, given, settings
    from test_properties import DEEP, HTML

    reference = median_of(5, lambda: extract_html(ARTICLE))
    for name, strategy in (("tag soup", HTML), ("deep nesting", DEEP)):
        times: list[float] = []

        @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(strategy)
        def run(html: str) -> None:
            started = time.perf_counter()
            try:
                extract_html(html)
            except Exception:  # the tests check what is raised; only the time counts here
                pass
            times.append(time.perf_counter() - started)

        run()
        worst = max(times)
        print(
            f"properties: {name}: {len(times)} pages, median {statistics.median(times) * 1000:.1f} ms, "
            f"worst {worst * 1000:.0f} ms ({worst / reference:.1f}x the test article's {reference * 1000:.1f} ms; "
            f"{verdict(worst, 2.0)})"
        )


def bench_cancel(runs: int) -> None:
    server = HostileServer()
    server.route("/silent", lambda conn: conn.sleep(60))
    server.page("/ferry", ARTICLE.encode())

    async def cancel_once() -> float:
        task = asyncio.create_task(fetch_url(server.url("/silent"), FetchOptions(timeout=60)))
        await asyncio.sleep(0.2)
        started = time.perf_counter()
        task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            pass
        return time.perf_counter() - started

    async def fetch_once() -> float:
        started = time.perf_counter()
        await fetch_url(server.url("/ferry"), FetchOptions(timeout=60))
        return time.perf_counter() - started

    try:
        cancels = [asyncio.run(cancel_once()) for _ in range(runs)]
        fetches = [asyncio.run(fetch_once()) for _ in range(runs)]
    finally:
        server.stop()
    cancel, fetch = statistics.median(cancels), statistics.median(fetches)
    print(
        f"cancel: a silent fetch cancelled in {cancel * 1000:.1f} ms (worst {max(cancels) * 1000:.1f} ms; "
        f"{verdict(max(cancels), 0.5)}); fetching the test article takes {fetch * 1000:.1f} ms (the reference)"
    )


# ---------------------------------------------------------------------- the app


def bench_app(runs: int, scratch: Path) -> None:
    import os

    from pty_helpers import PtyApp

    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        os.environ[name] = str(scratch / name.lower())
    os.environ.pop("BYLINE_DATA_DIR", None)
    os.environ["NO_PROXY"] = "*"
    server = HostileServer()
    pages = {
        "the test article": ARTICLE,
        "2 MB single line": article_html(paragraphs=("word " * 400_000,)),
        "100,000 elements": element_cap_page(),
    }
    try:
        answers: dict[str, list[float]] = {}
        for run in range(runs):
            for number, (name, html) in enumerate(pages.items()):
                url = server.page(f"/page-{run}-{number}", html.encode())
                answers.setdefault(name, []).extend(_keys_while_loading(PtyApp, url))
        reference = statistics.median(answers["the test article"])
        for name, times in answers.items():
            median, worst = statistics.median(times), max(times)
            print(
                f"app: {name}: {len(times)} keys, key to repaint median {median * 1000:.0f} ms "
                f"({median / reference:.1f}x the test article's; {verdict(median, 0.5)}), "
                f"worst {worst * 1000:.0f} ms ({verdict(worst, 2.0)})"
            )
        url = server.page("/cap", pages["100,000 elements"].encode())
        quits = [_q_while_extracting(PtyApp, url) for _ in range(runs)]
        print(f"app: q to exit while the 100,000-element page is extracted: median {statistics.median(quits) * 1000:.0f} ms, worst {max(quits) * 1000:.0f} ms ({verdict(max(quits), 1.5)})")
        server.route("/stall", lambda conn: conn.sleep(60))
        escapes = [_escape_while_stalled(PtyApp, server.url("/stall")) for _ in range(runs)]
        print(f"app: Escape to 'cancelled' while the server stalls: median {statistics.median(escapes) * 1000:.0f} ms, worst {max(escapes) * 1000:.0f} ms ({verdict(max(escapes), 1.0)})")
    finally:
        server.stop()


def _until(app, condition: Callable[[], bool], limit: float = 120) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > limit:
            raise TimeoutError("the app never got there:\n" + app.text())
        app.read(0.005)
    return time.perf_counter() - started


def _keys_while_loading(PtyApp, url: str) -> list[float]:  # type: ignore[no-untyped-def]
    """p (panes off, then on) from the first frame until the entities are counted; each key to its repaint."""
    app = PtyApp.byline(url, columns=120, rows=30)
    times = []
    try:
        _until(app, lambda: "Entities" in app.text())
        while not re.search(r"Entities \(\d+\)", app.text()) or len(times) < 4:
            shown = "Entities" in app.text()
            app.send(b"p")
            times.append(_until(app, lambda: ("Entities" in app.text()) != shown))
        app.send(b"q")
        app.wait_exit()
    finally:
        app.close()
    return times


def _q_while_extracting(PtyApp, url: str) -> float:  # type: ignore[no-untyped-def]
    app = PtyApp.byline(url, columns=120, rows=30)
    try:
        _until(app, lambda: "extracting" in app.text())
        started = time.perf_counter()
        app.send(b"q")
        app.wait_exit()
        return time.perf_counter() - started
    finally:
        app.close()


def _escape_while_stalled(PtyApp, url: str) -> float:  # type: ignore[no-untyped-def]
    app = PtyApp.byline(url, columns=120, rows=30)
    try:
        _until(app, lambda: "fetching" in app.text())
        app.send(b"\x1b")
        seconds = _until(app, lambda: "cancelled" in app.text())
        app.send(b"q")
        app.wait_exit()
        return seconds
    finally:
        app.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--examples", type=int, default=100, help="generated pages per property")
    parser.add_argument("--no-app", action="store_true", help="leave out the app's figures (the slowest part)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="byline-bench-hostile-") as tmp:
        scratch = Path(tmp)
        (scratch / "cases").mkdir()
        bench_cases(args.runs, scratch / "cases")
        bench_properties(args.examples)
        bench_cancel(args.runs)
        if not args.no_app:
            bench_app(args.runs, scratch)
    return 0


if __name__ == "__main__":
    sys.exit(main())

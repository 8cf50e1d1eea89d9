#!/usr/bin/env python3
"""``byline save`` of many files: a first save, a resumed one, and Ctrl-C.

    python bench/save.py [--count 120] [--repeat 3]

Writes ``--count`` generated article pages (a few KB each) to a temporary
directory and times, as medians over ``--repeat`` runs of the real command
(``python -m byline.tui.cli save``, a fresh process each):

- the first save of them all (every page read, extracted and stored): the reference;
- the same command again (every file unchanged: one stat each, nothing extracted),
  as a share of the first, beside the floor every command pays (``byline library
  list`` of the stored files: the interpreter, imports, opening the library);
- again after ``touch`` (new times, same bytes: read and compared, not extracted);
- Ctrl-C: SIGINT once a few are saved, while long pages are being extracted,
  to the process's exit — against the time one long page takes to extract.

The machine is shared and noisy: read the ratios, not the seconds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = "harbour ferry island council engineer tide quay storm bridge market school river".split()


def write_pages(folder: Path, count: int, paragraphs: int = 12) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        body = "".join(
            f"<p>Paragraph {p} of report {n}: the {WORDS[(n + p) % len(WORDS)]} was discussed again, "
            f"Mara Voss of the {WORDS[p % len(WORDS)]} board said on Tuesday, and work goes on.</p>"
            for p in range(paragraphs)
        )
        path = folder / f"report-{n:04}.html"
        path.write_text(f"<html><head><title>Report {n}</title></head><body><article><h1>Report {n}</h1>{body}</article></body></html>")
        paths.append(str(path))
    return paths


def byline(*argv: str, env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "byline.tui.cli", *argv], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"byline {' '.join(argv[:2])}… failed: {done.stderr.strip()[-300:]}")
    return time.perf_counter() - started


def interrupt(small: list[str], long: list[str], env: dict[str, str]) -> float:
    """Seconds from SIGINT to the exit of a save busy extracting ``long``."""
    child = subprocess.Popen(
        [sys.executable, "-m", "byline.tui.cli", "save", *small, *long],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    seen: list[str] = []
    while sum("] saved" in line for line in seen) < len(small):
        line = child.stderr.readline()
        if not line:
            raise SystemExit(f"save ended before it could be interrupted: {seen}")
        seen.append(line)
    started = time.perf_counter()
    child.send_signal(signal.SIGINT)
    child.communicate(timeout=120)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=120)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="byline-bench-save-"))
    try:
        pages = write_pages(work / "pages", args.count)
        small = write_pages(work / "small", 2, paragraphs=2)
        long = write_pages(work / "long", 4, paragraphs=4000)
        env = dict(os.environ, PYTHONPATH=str(ROOT), BYLINE_CONFIG=str(work / "none.toml"))
        first, resumed, touched, stops, floor = [], [], [], [], []
        for run in range(args.repeat):
            env["BYLINE_DATA_DIR"] = str(work / f"data-{run}")
            first.append(byline("save", *pages, env=env))
            resumed.append(byline("save", *pages, env=env))
            floor.append(byline("library", "list", env=env))
            for page in pages:
                os.utime(page)
            touched.append(byline("save", *pages, env=env))
            env["BYLINE_DATA_DIR"] = str(work / f"data-stop-{run}")
            stops.append(interrupt(small, long, env))
        env["BYLINE_DATA_DIR"] = str(work / "data-one")
        one_long = statistics.median(byline("--dump", "--no-store", long[0], env=env) for _ in range(args.repeat))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    f, r, t, s, b = (statistics.median(times) for times in (first, resumed, touched, stops, floor))
    print(f"first save     {args.count} files: median {f:.2f} s (reference)")
    print(f"resumed        all unchanged: median {r:.2f} s = {r / f:.0%} of the first save "
          f"(floor, library list: {b:.2f} s; {(r - b) / args.count * 1000:.1f} ms a file above it)")
    print(f"touched        same bytes, new times: median {t:.2f} s = {t / f:.0%} of the first save")
    print(f"ctrl-c         SIGINT to exit while long pages extract: median {s:.2f} s "
          f"(one long page: {one_long:.2f} s to read and print; ratio {s / one_long:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

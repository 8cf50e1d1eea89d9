"""Searching a long page in the reader: how long the event loop is held at a
time, against one plain pass of ``re.finditer`` over the same text (the
reference, in the same process).

    python bench/search.py            # a 6 MB <pre>-like text, like issue 14's page
    python bench/search.py --mb 2

Prints, per query: the matches, the slices, the median and worst slice (the
longest a key can wait), the whole search, and the ratio of the whole search
to the plain pass. Figures are medians of --repeat runs; the machine is shared.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import statistics
import time

from byline.tui.screens.reader.searching import SLICE, find_all_in_turns
from byline.tui.widgets.article.ranges import Ranges

WORDS = "harbour ferry council bridge repairs tide quay engineer bearing steel detour weather island crossing".split()


def long_text(megabytes: float) -> str:
    random.seed(14)
    lines, size = [], 0
    while size < megabytes * 1_000_000:
        line = " ".join(random.choice(WORDS) for _ in range(12))
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines)


async def timed_search(text: str, query: str) -> tuple[int, int, list[float], float]:
    stamps: list[float] = []
    started = time.perf_counter()
    found = await find_all_in_turns(text, query, turn=lambda _position: stamps.append(time.perf_counter()))
    # What the view then does on the event loop: the highlight layer for every match.
    Ranges.from_sorted(found.starts, found.ends, "article--match")
    ended = time.perf_counter()
    stamps.append(ended)
    slices = [later - earlier for earlier, later in zip(stamps, stamps[1:])]
    return len(found), len(slices), slices, ended - started


def reference(text: str, query: str) -> float:
    started = time.perf_counter()
    sum(1 for _ in re.finditer(re.escape(query), text, re.IGNORECASE))
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=6.0)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    text = long_text(args.mb)
    print(f"text: {len(text):,} characters, slices of {SLICE:,}")
    for query in ("e", "harbour", "bridge repairs", "not there"):
        runs = [asyncio.run(timed_search(text, query)) for _ in range(args.repeat)]
        plain = statistics.median(reference(text, query) for _ in range(args.repeat))
        matches, slices = runs[0][0], runs[0][1]
        median_slice = statistics.median(statistics.median(run[2]) for run in runs) * 1000
        worst_slice = statistics.median(max(run[2]) for run in runs) * 1000
        whole = statistics.median(run[3] for run in runs)
        print(
            f"{query!r:18} {matches:>9,} matches  {slices:>3} slices  slice median {median_slice:5.1f} ms, "
            f"worst {worst_slice:5.1f} ms  whole {whole * 1000:6.0f} ms = {whole / plain:4.1f}x one plain pass"
        )


if __name__ == "__main__":
    main()

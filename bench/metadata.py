#!/usr/bin/env python3
"""Titles, authors and dates on the fixture pages, against what each page states.

    python bench/metadata.py [BENCH_DIR]

The fixture pages (tests/fixtures/pages/) were written for byline's tests,
each stating its title, authors and date the way real sites do (JSON-LD in
CDATA, a site-name <h1>, "Surname, Initial" authors, a visible "By X"
byline). The script prints byline's hits per field beside trafilatura's when
it is installed (a reference only). With BENCH_DIR (the shared bench's
layout) it also prints how many of those pages each tool finds a title,
author and date for: the bench's ground truth holds no metadata, so that is
coverage, not accuracy.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from byline.extract import ExtractError, extract_html  # noqa: E402
from byline.extract.decode import decode  # noqa: E402

PAGES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "pages"

#: page -> (title, authors, date) as the page states them; None where it states none.
STATED = {
    "comment-thread.html": ("Why the allotment gate is locked on Sundays", ("Ivor Pengelly",), "2025-06-08"),
    "formulas.html": ("How big is the new village green? A short lesson in area", None, None),
    "forum-thread.html": ("Chain keeps slipping on the smallest sprocket", None, None),
    "german-blog.html": ("Unser Balkon im dritten Jahr: was wächst, was nicht", ("Hannelore Brix",), "2025-05-12"),
    "latin1-label.html": ("Café owners say the new road signs send visitors the wrong way", None, None),
    "metadata-cdata.html": ("Tide gauge shows the estuary rising faster than forecast", ("Okafor, C.", "Lindqvist, M."), "2025-02-19"),
    "player-and-prompts.html": ("Seal pup rescued from harbour steps returns to the sea", None, None),
    "poem-post.html": ("Low tide at Calder Bay, a poem", None, None),
    "recipe-lists.html": ("Barley and leek broth for a cold evening", ("Morwenna Tregear",), "2024-11-02"),
    "visible-byline.html": ("Curlews return a fortnight early to the mudflats", ("Rhiannon Price",), "2025-03-03"),
}


def byline_fields(html: str, url: str | None) -> tuple[str | None, tuple[str, ...], str | None]:
    try:
        article = extract_html(html, url=url, analyse=False)
    except ExtractError:
        return None, (), None
    return article.title, article.authors, (article.published or "")[:10] or None


def trafilatura_fields(html: str, url: str | None):  # type: ignore[no-untyped-def]
    try:
        import trafilatura
    except ImportError:
        return None
    meta = trafilatura.extract_metadata(html, default_url=url)
    if meta is None:
        return None, (), None
    authors = tuple(a.strip() for a in (meta.author or "").split(";") if a.strip())
    return meta.title, authors, (meta.date or "")[:10] or None


def main() -> int:
    tools = {"byline": byline_fields, "trafilatura": trafilatura_fields}
    hits = {name: [0, 0, 0] for name in tools}
    stated = [0, 0, 0]
    for name, truth in STATED.items():
        html = decode((PAGES / name).read_bytes())[0]
        for position, value in enumerate(truth):
            stated[position] += value is not None
        for tool, read in tools.items():
            found = read(html, "https://example.org/2025/story")
            if found is None:
                hits.pop(tool, None)
                continue
            for position, value in enumerate(truth):
                if value is not None and tool in hits:
                    hits[tool][position] += found[position] == value
    print(f"fixture pages  {len(STATED)}: titles stated {stated[0]}, authors {stated[1]}, dates {stated[2]}")
    for tool, (titles, authors, dates) in hits.items():
        print(f"{tool:<14} titles {titles}/{stated[0]}  authors {authors}/{stated[1]}  dates {dates}/{stated[2]}")
    if len(sys.argv) > 1:
        coverage(Path(sys.argv[1]), tools)
    return 0


def coverage(data_dir: Path, tools: dict) -> None:
    truth = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    counts = {name: [0, 0, 0] for name in tools}
    for key, entry in truth.items():
        html = decode(gzip.decompress((data_dir / "html" / f"{key}.html.gz").read_bytes()))[0]
        for tool, read in tools.items():
            found = read(html, entry.get("url"))
            if found is None:
                counts.pop(tool, None)
                continue
            for position in range(3):
                counts[tool][position] += bool(found[position])
    for tool, (titles, authors, dates) in counts.items():
        print(f"{tool:<14} on {len(truth)} bench pages found: titles {titles}  authors {authors}  dates {dates} (coverage)")


if __name__ == "__main__":
    sys.exit(main())

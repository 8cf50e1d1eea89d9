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
import re
import sys
import unicodedata
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
    "french-news.html": ("À Saint-Aubin, la halle du marché rouvre après deux ans de travaux", ("Claire Dufresne",), "2025-04-05"),
    "japanese-blog.html": ("はじめての味噌づくり：冬に仕込んで夏に食べる", None, "2025-01-20"),
    "consent-modal.html": ("Harbour dredging to begin in June after years of delay", ("Rhys Penhallow",), "2025-03-14"),
    "live-blog.html": ("Live: storm Freya brings gales and flooding to the west coast – as it happened", ("Nia Rowlands",), "2025-11-02"),
    "shop-product.html": ("Enamel Camping Kettle, 1.2 litres", None, None),
    "qa-page.html": ("Why does my sourdough starter smell of nail varnish?", None, None),
    "table-layout.html": ("Restoring a 1930s wireless set", None, None),
    "short-post-replies.html": ("The new path round Hollins Moss is open", ("Ellen Marsh",), "2025-05-11"),
    "german-forum-table.html": ("Apfelbaum trägt kaum noch - woran liegt das?", None, None),
    "craft-materials.html": ("How to make a simple bird box from one plank", None, None),
}
TRUTH = Path(__file__).resolve().parent / "metadata-truth.json"


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
        accuracy(Path(sys.argv[1]), tools)
    return 0


def short_title_fields(html: str, url: str | None):  # type: ignore[no-untyped-def]
    try:
        from readability import Document
    except ImportError:
        return None
    return Document(html).short_title(), NOT_GIVEN, NOT_GIVEN


#: A field a tool does not give (short_title gives titles only): not scored.
NOT_GIVEN = object()


_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


def _title_key(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").translate(_QUOTES).casefold()
    return " ".join(text.split())


def _name_key(name: str) -> str:
    words = re.findall(r"\w+", unicodedata.normalize("NFKC", name).casefold())
    return " ".join(word for word in words if len(word) > 1)


def accuracy(data_dir: Path, tools: dict) -> None:
    """Titles, authors and dates against bench/metadata-truth.json, per half."""
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))["pages"]
    urls = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    tools = dict(tools, short_title=short_title_fields)
    # tool -> half -> field -> [right, stated]
    table: dict[str, dict[str, list[list[int]]]] = {}
    for key, stated in sorted(truth.items()):
        html = decode(gzip.decompress((data_dir / "html" / f"{key}.html.gz").read_bytes()))[0]
        half = "even" if int(key, 16) % 2 == 0 else "odd"
        for tool, read in tools.items():
            found = read(html, urls.get(key, {}).get("url"))
            if found is None:
                continue
            rows = table.setdefault(tool, {}).setdefault(half, [[0, 0], [0, 0], [0, 0]])
            title, authors, date = found
            rows[0][1] += 1
            rows[0][0] += _title_key(title) in {_title_key(t) for t in stated["titles"]}
            if stated["authors"] and authors is not NOT_GIVEN:
                rows[1][1] += 1
                rows[1][0] += {_name_key(a) for a in authors or ()} == {_name_key(a) for a in stated["authors"]}
            if stated["dates"] and date is not NOT_GIVEN:
                rows[2][1] += 1
                rows[2][0] += (date or "")[:10] in stated["dates"]
    print(f"\nbench pages    {len(truth)}, against bench/metadata-truth.json (right / stated, each half)")
    for tool, halves in table.items():
        cells = []
        for position, field in enumerate(("titles", "authors", "dates")):
            parts = []
            for half in ("even", "odd"):
                right, stated_count = halves.get(half, [[0, 0]] * 3)[position]
                if stated_count:
                    parts.append(f"{half} {right}/{stated_count}")
            if parts:
                total_right = sum(halves[h][position][0] for h in halves)
                total = sum(halves[h][position][1] for h in halves)
                cells.append(f"{field} {total_right}/{total} {100 * total_right / total:.0f}% ({', '.join(parts)})")
        print(f"{tool:<14} " + "  ".join(cells))


if __name__ == "__main__":
    sys.exit(main())

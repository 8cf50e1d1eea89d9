#!/usr/bin/env python3
"""The reading library at scale: 10,000 stored articles, search and load times.

    python bench/library.py [--count 10000] [--dir DIR] [--repeat 15]

Builds a library of ``--count`` articles generated from this script's own
word lists (realistic length, names, quotes, page furniture in the raw
HTML), through ``Library.store`` as the app would, in ``--dir`` (default: a
temporary directory, removed afterwards). Then it measures, as medians:

- full-text search over titles, text, names and speakers (target <= 100 ms),
  against a reference: a plain substring scan over the same texts in memory;
- loading a stored article from its DB row to an ``Article`` object, against
  a reference: ``json.loads`` + ``Article.from_dict`` of the same bytes in memory;
- the start screen's data: opening the library and listing entries;
- reopening a URL through the opener (lookup + load, no network).

The on-screen targets (start screen paints <= 0.5 s, search and opening a
stored article <= 100 ms to the screen) are measured in the app, in a real
pty, by ``bench/library_app.py``.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from byline.extract import Article, Block, Entity, Quote, RawDocument  # noqa: E402
from byline.tui.data.library import Library  # noqa: E402
from byline.tui.data.records import Fetched  # noqa: E402
from byline.tui.opener import Opener  # noqa: E402

COMMON = (
    "the of and to in a that for on was with said is by at it as from his her their "
    "has have had be been will would could this which who but not more after over new "
    "two three first last year years week month day people city council government police "
    "school hospital water road bridge harbour river market village town county minister "
    "report plan money price cost workers union strike court judge trial election vote "
    "party leader team season match game club player coach storm flood rain wind fire "
    "farm farmers crop harvest ferry island station train bus service delay repair "
    "museum library park festival music theatre film book story family children home"
).split()
RARE = (
    "ballast clinker russet cooper tannery weir sluice gantry pontoon capstan lantern "
    "quarry kiln orchard bramble heron curlew shingle estuary dredger bollard towpath "
    "lighthouse beacon foghorn trawler netting saltpan causeway ferryman tollgate mill"
).split()
SYLLABLES = "ka lo mer tis ba run sel dov ai pre qu zen ha rik to mi ne sa vo len dra pel".split()


def name(rng: random.Random) -> str:
    part = lambda: "".join(rng.choices(SYLLABLES, k=rng.randint(2, 3))).capitalize()  # noqa: E731
    return f"{part()} {part()}"


def sentence(rng: random.Random, people: list[str]) -> str:
    words = [rng.choice(COMMON) if rng.random() < 0.99 else rng.choice(RARE) for _ in range(rng.randint(8, 22))]
    if people and rng.random() < 0.3:
        words.insert(rng.randint(0, len(words)), rng.choice(people))
    return " ".join(words).capitalize() + "."


def make_article(n: int, rng: random.Random) -> tuple[Article, bytes]:
    people = [name(rng) for _ in range(rng.randint(3, 9))]
    orgs = [f"{name(rng).split()[0]} {rng.choice(['Council', 'Trust', 'Union', 'Group'])}" for _ in range(rng.randint(1, 4))]
    paragraphs, quotes = [], []
    for _ in range(rng.randint(8, 18)):
        paragraph = " ".join(sentence(rng, people + orgs) for _ in range(rng.randint(2, 5)))
        if rng.random() < 0.35:
            speaker = rng.choice(people)
            said = sentence(rng, [])
            paragraph += f" “{said}” said {speaker}."
            quotes.append((said, speaker))
        paragraphs.append(paragraph)
    text = "\n\n".join(paragraphs)
    blocks, offset = [], 0
    for paragraph in paragraphs:
        blocks.append(Block("paragraph", offset, offset + len(paragraph)))
        offset += len(paragraph) + 2
    entities = []
    for entity_name in people + orgs:
        mentions, at = [], text.find(entity_name)
        while at >= 0:
            mentions.append((at, at + len(entity_name)))
            at = text.find(entity_name, at + 1)
        kind = "PERSON" if entity_name in people else "ORG"
        entities.append(Entity(entity_name, kind, (entity_name, entity_name.split()[-1]), tuple(mentions)))
    said = []
    for quoted, speaker in quotes:
        at = text.find(quoted)
        said.append(Quote(quoted, speaker, at, at + len(quoted), "said"))
    url = f"https://news{n % 40}.example/{2020 + n % 6}/story-{n}"
    title = sentence(rng, people).rstrip(".")
    article = Article(
        text=text, blocks=tuple(blocks), title=title, authors=(name(rng),), published=f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}",
        site=f"The Example {n % 40}", language="en", source=url, url=url, entities=tuple(entities), quotes=tuple(said),
    )
    furniture = "".join(f"<li><a href='/s/{rng.randint(1, 9999)}'>{sentence(rng, [])}</a></li>" for _ in range(40))
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = (
        f"<!doctype html><html><head><title>{title}</title><script>{'var x=1;' * 400}</script></head>"
        f"<body><nav><ul>{furniture}</ul></nav><article><h1>{title}</h1>{body}</article>"
        f"<aside><ul>{furniture}</ul></aside><footer>{'© ' * 50}</footer></body></html>"
    )
    return article, html.encode()


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--dir", type=Path, help="where to build the library (default: a temporary directory)")
    parser.add_argument("--repeat", type=int, default=15, help="timings per measurement (median taken)")
    args = parser.parse_args()
    workdir = args.dir or Path(tempfile.mkdtemp(prefix="byline-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / "library.sqlite3"
    try:
        return run(path, args.count, args.repeat)
    finally:
        if args.dir is None:
            shutil.rmtree(workdir, ignore_errors=True)


def run(path: Path, count: int, repeat: int) -> int:
    rng = random.Random(2025)
    library = Library(path)
    texts: dict[int, str] = {}
    payloads: dict[int, bytes] = {}
    started = time.perf_counter()
    store_times = []
    sample_url = ""
    for n in range(count):
        article, raw = make_article(n, rng)
        fetched = Fetched(RawDocument(raw, article.url, "html", url=article.url, content_type="text/html"), article.url, "url", time.time())
        t = time.perf_counter()
        entry_id = library.store(fetched, article)
        store_times.append(time.perf_counter() - t)
        texts[entry_id] = article.text.lower()
        if n == count // 2:
            sample_url = article.url
    built = time.perf_counter() - started
    library.close()
    size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    print(f"library        {count} articles, {size / 1e6:.1f} MB on disk ({size / count / 1024:.1f} KB/article), "
          f"built in {built:.1f} s (store median {statistics.median(store_times) * 1000:.1f} ms)")

    open_ms = median_ms(lambda: Library(path).close(), repeat)
    library = Library(path)
    ids = [e.id for e in library.entries()]
    for entry_id in rng.sample(ids, min(200, len(ids))):
        payloads[entry_id] = library._db().execute("SELECT data FROM extractions WHERE article_id = ?", (entry_id,)).fetchone()[0]
    print(f"open library   median {open_ms:.1f} ms (Library(); no integrity scan)")
    print(f"list all       median {median_ms(lambda: library.entries(), repeat):.1f} ms ({len(ids)} entries, start-screen data)")
    print(f"list first 200 median {median_ms(lambda: library.entries(limit=200), repeat):.1f} ms")

    queries = {
        "common word": "harbour",
        "rare word": "capstan",
        "person name": library.load(ids[len(ids) // 3]).entities[0].name,
        "two words": "ferry delay",
        "phrase": '"bridge repair"',
        "prefix": "lan",
        "2-letter prefix": "ha",
        "no match": "zzyzxqv",
    }
    search_medians = []
    for label, query in queries.items():
        hits = len(library.search(query))
        ms = median_ms(lambda q=query: library.search(q, limit=50), repeat)
        search_medians.append(ms)
        print(f"search         {label:<15} {query!r:<22} median {ms:6.1f} ms ({hits} hits, top 50)")
    scan_ms = median_ms(lambda: [i for i, t in texts.items() if "capstan" in t], max(3, repeat // 3))
    overall = statistics.median(search_medians)
    print(f"search         median {overall:.1f} ms over the kinds above (target <= 100 ms: {'met' if overall <= 100 else 'NOT met'}); "
          f"worst {max(search_medians):.1f} ms; in-memory substring scan reference {scan_ms:.1f} ms, "
          f"ratio {overall / scan_ms:.2f}x")

    sample = list(payloads)
    load_ms = median_ms(lambda: [library.load(i) for i in sample], max(3, repeat // 3)) / len(sample)
    ref_ms = median_ms(lambda: [Article.from_dict(json.loads(zlib.decompress(payloads[i]))) for i in sample], max(3, repeat // 3)) / len(sample)
    print(f"load article   median {load_ms:.2f} ms (DB row to Article); reference decompress+json+from_dict "
          f"{ref_ms:.2f} ms, ratio {load_ms / ref_ms:.2f}x")
    reopen_ms = median_ms(lambda: Opener(library, reader=_offline).open(sample_url), repeat)
    print(f"reopen URL     median {reopen_ms:.2f} ms (Opener.open: lookup + load, no network)")
    evict_start = time.perf_counter()
    evicted = library.enforce_limit(int(library.size() * 0.95))
    print(f"evict 5%       {time.perf_counter() - evict_start:.2f} s (dropped raw bytes of {len(evicted.raw_dropped)} "
          f"articles, removed {len(evicted.entries_removed)})")
    library.close()
    return 0


def _offline(source: str, options: object) -> RawDocument:
    raise AssertionError("the bench reopens from the library; it must not read the source")


if __name__ == "__main__":
    sys.exit(main())

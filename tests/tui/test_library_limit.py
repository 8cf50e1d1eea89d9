"""The library size limit: old raw bytes go first, then old entries; the newest stays."""

from __future__ import annotations

import os
import random

from _library_support import FakeWeb, fetched_for, make_article
from byline.tui.data.library import Library
from byline.tui.opener import Opener

KB = 1024


def words(seed: int, count: int) -> str:
    rng = random.Random(seed)
    syllables = ["ka", "lo", "mer", "tis", "ba", "run", "sel", "dov", "ai", "pre", "qu", "zen"]
    return " ".join("".join(rng.choices(syllables, k=rng.randint(1, 4))) for _ in range(count))


def test_raw_bytes_of_the_least_recently_opened_go_first(tmp_path):
    library = Library(tmp_path / "library.sqlite3", max_bytes=600 * KB)
    ids = []
    for n in range(10):
        article = make_article(f"Pier report {n}", [f"Short report number {n}."])
        ids.append(library.store(fetched_for(article, raw=os.urandom(100 * KB)), article))

    entries = {e.id: e for e in library.entries()}

    assert library.size() <= 600 * KB
    assert len(entries) == 10, "the articles themselves are small: they all stay"
    assert entries[ids[-1]].has_raw
    assert not entries[ids[0]].has_raw
    kept = [entries[i].has_raw for i in ids]
    assert kept == sorted(kept), "raw bytes are dropped oldest first"
    web = FakeWeb({})
    web.down = True
    opened = Opener(library, reader=web).open(entries[ids[0]].url)
    assert opened.article.title == "Pier report 0", "still readable offline without its bytes"


def test_whole_entries_go_when_dropping_bytes_is_not_enough(tmp_path):
    library = Library(tmp_path / "library.sqlite3", max_bytes=400 * KB)
    ids = []
    for n in range(12):
        article = make_article(f"Long read {n}", [words(n, 9000)])
        ids.append(library.store(fetched_for(article), article))
        if n == 1:
            library.mark_opened(ids[0])  # read again: it counts as recent

    remaining = [e.id for e in library.entries()]

    assert library.size() <= 400 * KB
    assert 0 < len(remaining) < 12
    least_recent_first = [ids[1], ids[0], *ids[2:]]
    evicted = [i for i in least_recent_first if i not in remaining]
    assert evicted == least_recent_first[: len(evicted)]
    assert {hit.entry.id for hit in library.search("Long")} == set(remaining)


def test_the_article_just_stored_is_kept_even_over_the_limit(tmp_path):
    library = Library(tmp_path / "library.sqlite3", max_bytes=50 * KB)
    article = make_article("Bigger than the limit", [words(1, 20000)])
    entry_id = library.store(fetched_for(article, raw=os.urandom(200 * KB)), article)

    assert library.load(entry_id) == article
    assert library.get(entry_id).has_raw


def test_the_file_shrinks_after_eviction(tmp_path):
    path = tmp_path / "library.sqlite3"
    library = Library(path)
    for n in range(20):
        article = make_article(f"Bulletin {n}", [f"Bulletin {n}."])
        library.store(fetched_for(article, raw=os.urandom(100 * KB)), article)
    library._db().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    big = path.stat().st_size

    library.enforce_limit(500 * KB)
    library._db().execute("PRAGMA wal_checkpoint(TRUNCATE)")

    assert path.stat().st_size < big / 2
    assert library.count() == 20


def test_no_limit_means_nothing_is_evicted(tmp_path):
    library = Library(tmp_path / "library.sqlite3")
    for n in range(5):
        article = make_article(f"Notice {n}", [f"Notice {n}."])
        library.store(fetched_for(article, raw=os.urandom(100 * KB)), article)
    assert all(e.has_raw for e in library.entries())

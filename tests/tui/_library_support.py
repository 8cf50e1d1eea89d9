"""Helpers for the library tests: articles with names and quotes, fake readers."""

from __future__ import annotations

import dataclasses
import time

from byline.extract import Article, Block, Entity, FetchError, Quote, RawDocument
from byline.tui.data.records import Fetched


def make_article(
    title: str,
    paragraphs: list[str],
    *,
    names: dict[str, str] | None = None,
    quotes: list[tuple[str, str | None]] = (),
    url: str | None = None,
    site: str | None = "The Test Gazette",
) -> Article:
    """An Article built by hand (entities and quotes as the NLP stage would fill them)."""
    text = "\n\n".join(paragraphs)
    blocks, offset = [], 0
    for paragraph in paragraphs:
        blocks.append(Block("paragraph", offset, offset + len(paragraph)))
        offset += len(paragraph) + 2
    entities = []
    for name, kind in (names or {}).items():
        at = text.find(name)
        entities.append(Entity(name, kind, (name,), ((at, at + len(name)),) if at >= 0 else ()))
    said = []
    for quoted, speaker in quotes:
        at = text.find(quoted)
        said.append(Quote(quoted, speaker, at, at + len(quoted), "said"))
    return Article(
        text=text,
        blocks=tuple(blocks),
        title=title,
        authors=("Ines Albescu",),
        published="2025-06-01",
        site=site,
        language="en",
        url=url,
        source=url,
        entities=tuple(entities),
        quotes=tuple(said),
    )


def fetched_for(article: Article, key: str | None = None, *, raw: bytes | None = None) -> Fetched:
    url = article.url or "https://news.example/" + (article.title or "x").lower().replace(" ", "-")
    data = raw if raw is not None else ("<html><body><p>" + article.text + "</p></body></html>").encode()
    document = RawDocument(data, url, "html", url=url, content_type="text/html")
    return Fetched(document, key or url, "url", time.time())


class FakeWeb:
    """A reader for ``Opener(reader=…)`` that serves pages from a dict and counts reads.

    Set ``down = True`` to make every read fail as an unreachable network would.
    """

    def __init__(self, pages: dict[str, str]) -> None:
        self.pages = dict(pages)
        self.reads: list[str] = []
        self.down = False

    def __call__(self, source: str, options) -> RawDocument:  # noqa: ANN001
        self.reads.append(source)
        if self.down or source not in self.pages:
            raise FetchError(f"{source}: could not resolve host (check the address and your network)", source=source)
        return RawDocument(self.pages[source].encode(), source, "html", url=source, content_type="text/html")


def page(title: str, body: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (
        f"<!doctype html><html><head><title>{title}</title>"
        '<meta property="og:site_name" content="Test Gazette"></head>'
        f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    )


ARTICLES = [
    # title, site, published, paragraphs, names, quotes
    (
        "Harbour bridge to close for repairs",
        "The Coastal Courier",
        "2025-03-14",
        ["Engineers will replace the deck of the harbour bridge over six weeks.", "Buses will divert."],
        {"Mara Voss": "PERSON"},
        [("We reopen in spring", "Mara Voss")],
    ),
    (
        "Orchard planted on old rail land",
        "The Millbrook Herald",
        "2025-10-02",
        ["Volunteers planted a hundred apple trees beside the disused sidings.", "Cider is years away."],
        {"Ilse Varga": "PERSON"},
        [("It will be an orchard for everyone", "Ilse Varga")],
    ),
    (
        "Night ferry returns after two years",
        "The Lantern Gazette",
        "2025-06-02",
        ["The overnight crossing to the islands sails again from Friday.", "Cabins are already booked."],
        {"Westway Ferries": "ORG"},
        [],
    ),
]


def stock(articles=ARTICLES, *, read: tuple[int, ...] = ()) -> list[int]:
    """Store ``articles`` in the user's library (oldest first); return their ids."""
    ids = []
    from byline.tui.data.library import Library

    with Library() as library:
        for number, (title, site, published, paragraphs, names, quotes) in enumerate(articles):
            url = f"http://127.0.0.1:9/stories/{number}"  # nothing listens there: never fetched
            article = make_article(title, paragraphs, names=names, quotes=quotes, url=url, site=site)
            article = dataclasses.replace(article, published=published)
            ids.append(library.store(fetched_for(article), article, read=number in read))
            time.sleep(0.002)  # distinct opening times: a stable order
    return ids

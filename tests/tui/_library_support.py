"""Helpers for the library tests: articles with names and quotes, fake readers."""

from __future__ import annotations

import time

from extract import Article, Block, Entity, FetchError, Quote, RawDocument
from tui.data import Fetched


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
    """A reader for ``open_source`` that serves pages from a dict and counts reads.

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

"""The pipeline: one article from bytes to ``Article``, stage by stage.

    load → decode → readable → blocks → boilerplate → metadata → entities → quotes

Plain text skips ``readable`` and goes straight to blocks.
"""

from __future__ import annotations

import dataclasses

from extract import blocks as blocks_stage
from extract import boilerplate, decode, entities, metadata, plaintext, quotes, readable
from extract.article import BLOCK_SEPARATOR, Article, Block, Link, Removed
from extract.blocks import Candidate
from extract.errors import ExtractError, NotAnArticle
from extract.load import FetchOptions, RawDocument, read_source
from extract.sanitize import clean_inline


def load(source: str, options: FetchOptions | None = None, *, analyse: bool = True, ner: str = "rules") -> Article:
    """Read ``source`` (an http(s) URL, a path, or ``-`` for stdin) into an Article."""
    raw = read_source(source, options)
    return extract_document(raw, analyse=analyse, ner=ner)


def extract_document(raw: RawDocument, *, analyse: bool = True, ner: str = "rules") -> Article:
    """Decode and extract a RawDocument read by ``extract.load``'s readers."""
    try:
        text, _codec = decode.decode(raw.data, raw.charset, html=raw.kind == "html")
    except ExtractError as exc:
        raise type(exc)(f"{raw.source}: {exc.message}", source=raw.source) from None
    try:
        if raw.kind == "html":
            article = extract_html(text, url=raw.url, analyse=analyse, ner=ner)
        else:
            article = extract_text(text, analyse=analyse, ner=ner)
    except NotAnArticle as exc:
        raise NotAnArticle(f"{raw.source}: {exc.message}", source=raw.source) from None
    return dataclasses.replace(article, source=raw.source, url=raw.url or article.url)


def extract_html(
    html: str | bytes, url: str | None = None, *, analyse: bool = True, ner: str = "rules"
) -> Article:
    """Extract the article from an HTML page (str, or bytes to be decoded)."""
    if isinstance(html, bytes):
        html, _codec = decode.decode(html)
    if not html.strip():
        raise NotAnArticle("no article text found: the page is empty")
    root = metadata.parse_document(html)
    meta = metadata.html_metadata(root, url)
    fragment = readable.main_content(html, url)
    candidates = blocks_stage.html_blocks(fragment)
    kept, removed = boilerplate.remove_boilerplate(candidates, meta.title)
    if not any(block.kind != "caption" for block in kept):
        raise NotAnArticle(_nothing_found(removed))
    article = assemble(kept, removed, meta, url=url)
    if article.language is None:
        article = dataclasses.replace(article, language=metadata.guess_language(article.text))
    return annotate(article, ner=ner) if analyse else article


def extract_text(text: str, *, analyse: bool = True, ner: str = "rules") -> Article:
    """Extract the article from plain text: paragraphs, a title if the first line
    is a headline, and the same boilerplate removal as HTML."""
    candidates = plaintext.text_blocks(text)
    kept, removed = boilerplate.remove_boilerplate(candidates)
    title, kept = plaintext.split_title(kept)
    plaintext.mark_roles(kept)
    if not any(block.kind != "caption" for block in kept):
        raise NotAnArticle(_nothing_found(removed))
    meta = metadata.Metadata(title=title)
    article = assemble(kept, removed, meta)
    article = dataclasses.replace(article, language=metadata.guess_language(article.text))
    return annotate(article, ner=ner) if analyse else article


def annotate(article: Article, *, ner: str = "rules") -> Article:
    """Fill in the article's entities and quotes (the slow part: run it off the UI thread)."""
    found = entities.find_entities(article.text, article.title, engine=ner)
    headings = [(block.start, block.end) for block in article.blocks if block.kind == "heading"]
    said = quotes.find_quotes(article.text, found, headings)
    return dataclasses.replace(article, entities=found, quotes=said)


def assemble(
    kept: list[Candidate],
    removed: list[tuple[Candidate, str]],
    meta: metadata.Metadata,
    *,
    url: str | None = None,
) -> Article:
    """Join kept blocks into ``Article.text`` and place everything by offset."""
    parts: list[str] = []
    blocks: list[Block] = []
    links: list[Link] = []
    starts: dict[int, int] = {}
    offset = 0
    for candidate in kept:
        if parts:
            offset += len(BLOCK_SEPARATOR)
        starts[id(candidate)] = offset
        parts.append(candidate.text)
        blocks.append(Block(candidate.kind, offset, offset + len(candidate.text), candidate.level))
        for start, end, href in candidate.links:
            anchor = clean_inline(candidate.text[start:end])
            if anchor and href and not href.startswith(("javascript:", "#")):
                links.append(Link(anchor, clean_inline(href), offset + start, offset + end))
        offset += len(candidate.text)
    text = BLOCK_SEPARATOR.join(parts)
    placed = _place_removed(kept, removed, starts, len(text))
    return Article(
        text=text,
        blocks=tuple(blocks),
        title=meta.title,
        authors=meta.authors,
        published=meta.published,
        site=meta.site,
        language=meta.language,
        url=url,
        removed=tuple(placed),
        links=tuple(links),
    )


def _place_removed(
    kept: list[Candidate],
    removed: list[tuple[Candidate, str]],
    starts: dict[int, int],
    end: int,
) -> list[Removed]:
    """A removed block stands where the next kept block starts (or at the end)."""
    kept_by_index = sorted(kept, key=lambda c: c.index)
    placed = []
    cursor = 0
    for candidate, reason in sorted(removed, key=lambda pair: pair[0].index):
        while cursor < len(kept_by_index) and kept_by_index[cursor].index < candidate.index:
            cursor += 1
        at = starts[id(kept_by_index[cursor])] if cursor < len(kept_by_index) else end
        placed.append(Removed(candidate.text, reason, at))
    return placed


def _nothing_found(removed: list[tuple[Candidate, str]]) -> str:
    if not removed:
        return "no article text found: the page has no readable text"
    reasons = sorted({reason for _, reason in removed})
    return f"no article text found: only page furniture ({', '.join(reasons[:4])})"

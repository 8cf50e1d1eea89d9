"""The pipeline: one article from bytes to ``Article``, stage by stage.

    load → decode → markup (parse once) → chrome → readable → recover → blocks
         → boilerplate → safeguard → metadata → entities → quotes

Plain text skips ``readable`` and goes straight to blocks.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from byline.extract import blocks as blocks_stage
from byline.extract import boilerplate, chrome, decode, markup, metadata, nonarticle, recover, safeguard
from byline.extract.article import BLOCK_SEPARATOR, Article, Block, Link, Removed
from byline.extract.blocks import Candidate
from byline.extract.errors import ExtractError, FrontPage, NotAnArticle
from byline.extract.sanitize import clean_inline

if TYPE_CHECKING:  # only named in annotations: extract_html never reads a source
    from byline.extract.sources import FetchOptions, RawDocument

_WORD_RUN = re.compile(r"\w+")


def load(source: str, options: FetchOptions | None = None, *, analyse: bool = True, ner: str = "rules") -> Article:
    """Read ``source`` (an http(s) URL, a path, or ``-`` for stdin) into an Article."""
    from byline.extract.sources import read_source  # here: a fresh process's first extract_html needs no readers

    raw = read_source(source, options)
    return extract_document(raw, analyse=analyse, ner=ner)


def extract_document(raw: RawDocument, *, analyse: bool = True, ner: str = "rules") -> Article:
    """Decode and extract a RawDocument read by ``extract.sources``' readers."""
    try:
        text, _codec = decode.decode(raw.data, raw.charset, html=raw.kind == "html")
        if raw.kind == "html":
            article = extract_html(text, url=raw.url, analyse=analyse, ner=ner)
        else:
            article = extract_text(text, analyse=analyse, ner=ner)
    except ExtractError as exc:
        if exc.message.startswith(raw.source):
            raise
        raise _with_source(exc, raw.source) from None
    return dataclasses.replace(
        article,
        source=raw.source,
        url=raw.url or article.url,
        warnings=raw.warnings + article.warnings,
    )


def _with_source(exc: ExtractError, source: str) -> ExtractError:
    """The same error, its message naming the source the user gave."""
    # Not copy.copy: subclasses take different constructor arguments.
    copy = exc.__class__.__new__(exc.__class__)
    copy.__dict__.update(exc.__dict__)
    ExtractError.__init__(copy, f"{source}: {exc.message}", source=source)
    return copy


def extract_html(
    html: str | bytes, url: str | None = None, *, analyse: bool = True, ner: str = "rules"
) -> Article:
    """Extract the article from an HTML page (str, or bytes to be decoded)."""
    if isinstance(html, bytes):
        html, _codec = decode.decode(html)
    if not html.strip():
        raise NotAnArticle("no article text found: the page is empty")
    prepared = markup.prepare(html)
    html, root = prepared.html, prepared.root
    page = metadata.parse_document(html)
    meta = metadata.html_metadata(page, url)
    from byline.extract import readable  # imported here: a plain-text article never needs it

    marked = []
    if root is not None:
        chrome.strip_chrome(root)
        marked = recover.mark(root)
    fragment = readable.main_content(html, url, root)
    candidates = blocks_stage.html_blocks(recover.recover(fragment, marked, meta.title))
    kept, removed = boilerplate.remove_boilerplate(candidates, meta.title)
    kept, removed, _held = safeguard.hold(candidates, kept, removed)
    body_text = " ".join(block.text for block in kept if block.kind != "caption")
    teasers = nonarticle.front_page_links(root, url, body_text, metadata.claims_article(page), meta.title, meta.site)
    if teasers is not None:
        raise FrontPage(teasers)
    if not any(block.kind != "caption" for block in kept):
        raise NotAnArticle(nonarticle.explain(html, [reason for _, reason in removed], root))
    meta = metadata.with_visible_byline(meta, kept, removed)
    article = assemble(kept, removed, meta, url=url)
    error_page = nonarticle.error_page_reason([meta.title, page.title, page.h1], article.body)
    if error_page:
        raise NotAnArticle(error_page)
    warnings = prepared.warnings
    paywall = nonarticle.paywall_warning(html, article.body, root)
    if paywall:
        warnings += (paywall,)
    if warnings:
        article = dataclasses.replace(article, warnings=article.warnings + warnings)
    if article.language is None:
        article = dataclasses.replace(article, language=metadata.guess_language(article.text))
    return annotate(article, ner=ner) if analyse else article


def extract_text(text: str, *, analyse: bool = True, ner: str = "rules") -> Article:
    """Extract the article from plain text: paragraphs, a title if the first line
    is a headline, and the same boilerplate removal as HTML."""
    from byline.extract import plaintext  # here: a fresh process's first extract_html needs no text splitter

    candidates = plaintext.text_blocks(text)
    kept, removed = boilerplate.remove_boilerplate(candidates)
    title, kept = plaintext.split_title(kept)
    plaintext.mark_roles(kept)
    if not any(block.kind != "caption" for block in kept):
        raise NotAnArticle(nonarticle.explain(None, [reason for _, reason in removed]))
    meta = metadata.Metadata(title=title)
    article = assemble(kept, removed, meta)
    article = dataclasses.replace(article, language=metadata.guess_language(article.text))
    return annotate(article, ner=ner) if analyse else article


#: How many words ``annotate`` reads unless told otherwise: far more than any
#: article (a long read has 10,000), so that only a book or a dump is cut —
#: and then a warning says exactly where. The work is linear, about 15–30 ms
#: per 1,000 words with the rules engine: ``annotate(words=None)`` or
#: ``annotate_slices`` reads a text of any length whole.
ANNOTATE_WORDS = 50_000


def annotate(article: Article, *, ner: str = "rules", words: int | None = ANNOTATE_WORDS) -> Article:
    """Fill in the article's entities and quotes (the slow part: run it off
    the UI thread): in its first ``words`` words (all of it when ``words``
    is None), a warning saying exactly what was left unread when that is
    not the whole text."""
    # Imported on first use, so the text can be shown before the NLP tables load.
    from byline.extract import entities, quotes

    end = len(article.text) if words is None else annotation_end(article.text, words)
    text = article.text[:end]
    found = entities.find_entities(text, article.title, engine=ner)
    headings = [(block.start, block.end) for block in article.blocks if block.kind == "heading" and block.start < end]
    said = quotes.find_quotes(text, found, headings, engine=ner)
    warnings = article.warnings
    if end < len(article.text):
        # The words left are estimated by the spaces between them: counting
        # them one by one would cost as much as a tenth of reading them.
        left = article.text.count(" ", end) + article.text.count("\n", end) + 1
        warnings += (
            f"entities and quotes were looked for in the first {words:,} words only: "
            f"the rest, from character {end:,} (about {left:,} more words), was not read",
        )
    return dataclasses.replace(article, entities=found, quotes=said, warnings=warnings)


#: The first slice ``annotate_slices`` reads: a long article's worth.
SLICE_WORDS = 20_000


def annotate_slices(article: Article, *, ner: str = "rules", first_words: int = SLICE_WORDS) -> Iterator[Article]:
    """``annotate`` in growing slices, for a UI that fills its panes as it
    goes: the article annotated over its first ``first_words`` words, then
    twice as many, and so on; the last is the whole text,
    ``annotate(article, words=None)``. Each
    slice is read afresh (an entity's type is weighed over all it has read),
    and as the slices double, all of them cost less than twice the whole."""
    total = _count_words(article.text)
    words = first_words
    while words < total:
        yield annotate(article, ner=ner, words=words)
        words *= 2
    yield annotate(article, ner=ner, words=None)


def _count_words(text: str) -> int:
    """Words in ``text``, counted a piece at a time (one list of every word
    of a 10 MB text would be large), each piece ending at a space."""
    count = start = 0
    while start < len(text):
        end = text.find(" ", start + 1_000_000)
        end = len(text) if end < 0 else end
        count += len(_WORD_RUN.findall(text, start, end))
        start = end
    return count


def annotation_end(text: str, limit: int) -> int:
    """Where the first ``limit`` words of ``text`` end: at a paragraph break
    when there is one near, else at a sentence end or a space."""
    if (len(text) + 1) // 2 <= limit:
        return len(text)  # words and the gaps between them take a character each at least
    words = 0
    for match in _WORD_RUN.finditer(text):
        words += 1
        if words > limit:
            cut = match.start()
            for mark in (BLOCK_SEPARATOR, ". ", " "):
                at = text.rfind(mark, max(0, cut - 20_000), cut)
                if at > 0:
                    return at + (1 if mark == ". " else 0)
            return cut
    return len(text)


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
        # Only a heading has a level (a quote inside an <h1> must not carry one: to_dict drops it).
        level = candidate.level if candidate.kind == "heading" else 0
        blocks.append(Block(candidate.kind, offset, offset + len(candidate.text), level))
        for start, end, href in candidate.links:
            anchor = candidate.text[start:end]
            target = absolute_link(clean_inline(href), url)
            if anchor.strip() and target and not target.lower().startswith(("javascript:", "#", "data:")):
                links.append(Link(anchor, target, offset + start, offset + end))
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


def absolute_link(href: str, base: str | None) -> str:
    """``href`` resolved against the page's URL. readability is not given the URL
    (rewriting every link on the page cost a fifth of its time); only the links
    kept in the article are resolved, here."""
    if not base or not href:
        return href
    try:
        return urljoin(base, href)
    except ValueError:  # a malformed href ("http://[::1"): keep it as written
        return href


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

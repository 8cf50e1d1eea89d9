"""Stage 4: main-content HTML to a flat list of blocks.

Each block is a heading, paragraph, block quote, list item, caption or
preformatted text, with its links (offsets into the block's own text) and the
structural facts the boilerplate stage weighs: how much of it is link text,
and the class/id words of the elements around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from byline.extract.sanitize import strip_controls

# Elements that end the current block and start a new one.
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p "
    "pre section summary table tbody thead tfoot tr td th caption ul html".split()
)
_SKIP_TAGS = frozenset("script style noscript template svg math button select option textarea input iframe object embed canvas audio video head title".split())
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}

# Class/id words that mark an image caption or credit.
_CAPTION_HINT = re.compile(r"caption|credit|wp-caption-text|image-text|photo-?text|media-?text", re.I)
# An inline credit inside a caption ("…sought treatment<span class=credit>Credit: EPA</span>")
# is a separate phrase even when the markup puts no space before it.
_CREDIT_HINT = re.compile(r"credit|copyright|byline|author|source", re.I)
#: Separator between the cells of a table row.
CELL_SEPARATOR = " | "
_CELL_TAGS = frozenset(("td", "th"))
_HINT_WORD = re.compile(r"[a-z][a-z0-9]+", re.I)


@dataclass(slots=True)
class Candidate:
    """A block before boilerplate removal."""

    kind: str
    text: str
    level: int = 0
    #: Links as (start, end, url), offsets into ``text``.
    links: list[tuple[int, int, str]] = field(default_factory=list)
    link_chars: int = 0
    #: Lower-case class/id words of this block's element and its ancestors.
    hints: str = ""
    #: Source line or element index, for position-based rules.
    index: int = 0
    #: A table row (cells joined by " | "): repeated cells are data, not furniture.
    row: bool = False

    @property
    def link_density(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0


class _Builder:
    """Accumulates inline text, collapsing white space and tracking link spans."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.pending_space = False
        self.links: list[tuple[int, int, str]] = []
        self.link_chars = 0
        self._link: tuple[int | None, str] | None = None

    def add(self, text: str, pre: bool = False) -> None:
        # Controls go before offsets are counted, so link spans stay true.
        text = strip_controls(text)
        if not text:
            return
        if pre:
            self._write(text)
            return
        core = " ".join(text.split())
        if not core:
            self.pending_space = self.pending_space or self.length > 0
            return
        if (self.pending_space or text[0].isspace()) and self.length > 0:
            self._write(" ")
        self.pending_space = False
        if self._link is not None and self._link[0] is None:
            self._link = (self.length, self._link[1])
        self._write(core)
        self.pending_space = text[-1].isspace()

    def newline(self) -> None:
        if self.length:
            self._write("\n")
            self.pending_space = False

    def open_link(self, url: str) -> None:
        self._link = (None, url)

    def close_link(self) -> None:
        if self._link is None:
            return
        start, url = self._link
        self._link = None
        if start is not None and self.length > start:
            self.links.append((start, self.length, url))
            self.link_chars += self.length - start

    def _write(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def separate(self, separator: str) -> None:
        """Write ``separator`` between two pieces of text (table cells)."""
        if self.length:
            self._write(separator)
            self.pending_space = False

    def take(self) -> tuple[str, list[tuple[int, int, str]], int]:
        # A link that wraps block elements (a teaser card: <a><h3/><p/></a>)
        # covers each of them: close it here and open it again for the next block.
        still_open = self._link[1] if self._link is not None else None
        self.close_link()
        raw = "".join(self.parts)
        text = raw.rstrip()
        # Lines inside a block (from <br>) lose their trailing spaces.
        if "\n" in text:
            text = re.sub(r"[ \t]+\n", "\n", text)
        lead = len(text) - len(text.lstrip())
        text = text[lead:]
        links = []
        if raw == text or "\n" not in raw:
            for start, end, url in self.links:
                start, end = max(0, start - lead), min(len(text), end - lead)
                if end > start:
                    links.append((start, end, url))
        else:
            links = _relocate_links(raw, text, self.links)
        link_chars = sum(end - start for start, end, _ in links)
        self.__init__()  # type: ignore[misc]
        if still_open is not None:
            self.open_link(still_open)
        return text, links, link_chars


def _relocate_links(raw: str, text: str, links: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Find each link's anchor text again after white space was trimmed."""
    found = []
    cursor = 0
    for start, end, url in links:
        anchor = raw[start:end].strip()
        at = text.find(anchor, cursor)
        if anchor and at >= 0:
            found.append((at, at + len(anchor), url))
            cursor = at + len(anchor)
    return found


@dataclass(slots=True)
class _Context:
    kind: str = "paragraph"
    level: int = 0
    pre: bool = False
    hints: str = ""
    row: bool = False


def _tag(element: etree._Element) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag.lower().rpartition("}")[2]


#: A link wrapping block elements is a teaser card up to this much text; past it,
#: an unclosed <a> has swallowed the page and its paragraphs are not link text.
CARD_CHARS = 400


def _plausible_link(element: etree._Element) -> bool:
    if not any(_tag(inner) in _BLOCK_TAGS for inner in element.iterdescendants()):
        return True
    return len(element.text_content()) <= CARD_CHARS


def _data_row(element: etree._Element) -> list[etree._Element] | None:
    """The cells of a table row that holds data (two or more cells, only inline
    markup inside), or None for a layout row whose cells hold paragraphs."""
    cells = [child for child in element if _tag(child) in _CELL_TAGS]
    if len(cells) < 2:
        return None
    for cell in cells:
        for inner in cell.iterdescendants():
            if _tag(inner) in _BLOCK_TAGS:
                return None
    return cells


def html_blocks(fragment: str | lxml.html.HtmlElement) -> list[Candidate]:
    """Turn a main-content HTML fragment (or its parsed tree) into candidate blocks, in document order."""
    if isinstance(fragment, str):
        fragment = fragment.strip()
        if not fragment:
            return []
        try:
            root = lxml.html.fragment_fromstring(fragment, create_parent="div")
        except (etree.ParserError, ValueError, AssertionError):
            # lxml asserts on a bare "<html></html>", which readability returns for an empty page.
            return []
    else:
        root = fragment
    walker = _Walker()
    walker.walk(root, _Context())
    walker.flush()
    return walker.blocks


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Candidate] = []
        self.builder = _Builder()
        self.context = _Context()
        self.breaks = 0

    def flush(self) -> None:
        text, links, link_chars = self.builder.take()
        self.breaks = 0
        if not text.strip():
            return
        context = self.context
        self.blocks.append(
            Candidate(
                kind=context.kind,
                text=text,
                level=context.level,
                links=links,
                link_chars=link_chars,
                hints=context.hints,
                index=len(self.blocks),
                row=context.row,
            )
        )

    def walk(self, element: etree._Element, context: _Context) -> None:
        tag = _tag(element)
        if tag in _SKIP_TAGS or not isinstance(element.tag, str):
            if element.tail:
                self._text(element.tail, context)
            return
        if tag == "tr":
            cells = _data_row(element)
            if cells is not None:
                self._row(element, cells, context)
                return
        if tag not in _BLOCK_TAGS and self.builder.length and _CREDIT_HINT.search(element.get("class") or ""):
            self.builder.pending_space = True
        is_block = tag in _BLOCK_TAGS
        inner = context
        if is_block:
            self.flush()
            inner = self._enter(element, tag, context)
            self.context = inner
        elif tag == "br":
            self._br(context)
        elif tag == "img":
            pass
        href = (element.get("href") or "").strip() if tag == "a" else ""
        # In-page anchors ("#section") and scripts are not links away from the story.
        if href and not href.startswith("#") and not href.lower().startswith("javascript:") and _plausible_link(element):
            self.builder.open_link(href)
        if element.text:
            self._text(element.text, inner)
        for child in element:
            self.walk(child, inner)
        if tag == "a":
            self.builder.close_link()
        if is_block:
            self.flush()
            self.context = context
        if element.tail:
            self._text(element.tail, context)

    def _row(self, element: etree._Element, cells: list[etree._Element], context: _Context) -> None:
        """A data row is one block, its cells joined by ``CELL_SEPARATOR``."""
        self.flush()
        inner = self._enter(element, "tr", context)
        inner.row = True
        self.context = inner
        for cell in cells:
            if cell.text_content().strip():
                self.builder.separate(CELL_SEPARATOR)
            if cell.text:
                self._text(cell.text, inner)
            for child in cell:
                self.walk(child, inner)
        self.flush()
        self.context = context
        if element.tail:
            self._text(element.tail, context)

    def _text(self, text: str, context: _Context) -> None:
        if self.context is not context:
            self.context = context
        if text.strip():
            self.breaks = 0
        self.builder.add(text, pre=context.pre)

    def _br(self, context: _Context) -> None:
        self.breaks += 1
        if context.pre:
            self.builder.add("\n", pre=True)
        elif self.breaks >= 2:
            # Two line breaks in a row are a paragraph break.
            self.flush()
            self.breaks = 2
        else:
            self.builder.newline()

    def _enter(self, element: etree._Element, tag: str, context: _Context) -> _Context:
        words = " ".join(filter(None, (element.get("class"), element.get("id"))))
        hints = f"{context.hints} {words}".strip() if words else context.hints
        kind, level, pre = context.kind, context.level, context.pre
        if tag in _HEADINGS:
            kind, level = "heading", _HEADINGS[tag]
        elif tag == "blockquote":
            kind = "quote"
        elif tag == "li" or tag == "dd" or tag == "dt":
            kind = "list" if kind == "paragraph" else kind
        elif tag in ("figcaption", "caption") or (words and _CAPTION_HINT.search(words)):
            kind = "caption"
        elif tag == "pre":
            kind, pre = "pre", True
        return _Context(kind=kind, level=level, pre=pre, hints=hints.lower())

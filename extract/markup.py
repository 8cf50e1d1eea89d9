"""Make a page safe to hand to lxml before any stage parses it.

lxml (libxml2) fails in silence on some input a browser reads fine:

* it stops at a NUL byte, so every word after one is lost;
* it drops everything nested deeper than 255 elements (it logs "Excessive
  depth" and carries on), so a page of 10,000 nested <div>s reads as empty;
* it refuses a ``str`` that starts with an XML declaration.

:func:`prepare` fixes the first and third, and flattens markup that nests too
deep: wrappers past :data:`MAX_DEPTH` are removed (a removed block element
leaves a paragraph break behind), so the text survives and only layout is
lost — which the article's warnings then say. It also refuses pages with more
elements than byline can extract within its time and memory budget.

It bounds the attributes too: libxml2 checks each attribute of an element
against every one before it, so one element with 200,000 distinct attributes
takes it minutes. An element keeps its first :data:`MAX_ATTRIBUTES` (real
elements carry a handful), and a page with more than
:data:`MAX_PAGE_ATTRIBUTES` in all is refused. The page is then parsed here,
once: the tree goes on to the stages that read the whole page (readability
among them), so no stage parses it again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html

from byline.extract.errors import TooLarge

#: Elements a page may have. Extraction costs about 35 µs and 1.5 KB per
#: element; real articles have a few thousand, long live blogs tens of thousands.
MAX_ELEMENTS = 100_000
#: Depth kept as it is; wrappers below it are flattened (libxml2 stops at 256).
MAX_DEPTH = 160
#: Past this estimated depth, a real parse checks that nothing was dropped.
CHECK_DEPTH = 64
#: Attributes one element keeps; the rest are dropped before parsing.
MAX_ATTRIBUTES = 64
#: Attributes a page may carry in all (a long live blog has tens of thousands).
MAX_PAGE_ATTRIBUTES = 400_000

_TAG = re.compile(r"<(?:(!--)|(/?)([A-Za-z][^\s/>]*))")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
_SURROGATES = re.compile("[\ud800-\udfff]")
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*>")
_MARKUP = re.compile(r"<[^>]*>")
# A start tag long enough to hold more than MAX_ATTRIBUTES attributes (each
# needs a name and a space). Two scans: one stops at ">", one at "<", so a
# bracket inside a quoted value does not end the tag early for both.
_LONG_TAGS = (
    re.compile(r"<[A-Za-z][\w:-]*\s[^>]{%d,}" % (2 * MAX_ATTRIBUTES)),
    re.compile(r"<[A-Za-z][\w:-]*\s[^<]{%d,}" % (2 * MAX_ATTRIBUTES)),
)
# One attribute inside a start tag, as HTML tokenises it; and the tag's end.
_TAG_ATTRIBUTE = re.compile(r"""[\s/]*([^\s"'>/=][^\s/>=]*)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?""")
_TAG_NAME = re.compile(r"<[A-Za-z][^\s/>]*")

_VOID = frozenset(
    "area base basefont bgsound br col command embed frame hr img input isindex keygen link "
    "meta param source track wbr".split()
)
# Their content is text, not markup: skipped to their end tag.
_RAW_TEXT = frozenset("script style textarea title xmp".split())
# Opening one of these closes an open element of the same name (<p><p>, <li><li>…).
_SELF_CLOSING = frozenset("a form p li dt dd tr td th option".split())
# Opening one of these closes an open <p>.
_CLOSES_P = frozenset(
    "address article aside blockquote details div dl fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr main nav ol p pre section table ul".split()
)
# Flattening one of these leaves a paragraph break, so blocks stay apart.
_BLOCKS = _CLOSES_P | frozenset("li dt dd tr td th tbody thead tfoot center caption".split())


@dataclass(slots=True, frozen=True)
class Prepared:
    """A page ready for lxml, and what preparing it changed."""

    html: str
    warnings: tuple[str, ...] = ()
    #: The parsed page (lxml.html), or None when lxml could not parse it.
    root: lxml.html.HtmlElement | None = None


def prepare(html: str) -> Prepared:
    """Clean ``html`` for lxml and parse it; raise :class:`TooLarge` for a page
    with too many elements or attributes."""
    html = _XML_DECLARATION.sub("", html, count=1)
    html = _CONTROLS.sub("", html)
    html = _SURROGATES.sub("\ufffd", html)
    html, warnings = bound_attributes(html)
    if html.count("<") <= MAX_ELEMENTS:
        root = parse(html)
        if root is None or not _deeper_than(root, CHECK_DEPTH):
            # The common case, decided in C: the page nests no deeper than the
            # stages after this one can add wrappers to, and it cannot hold more
            # elements than it has "<" characters.
            return Prepared(html, warnings, root)
    scan = _scan(html, MAX_DEPTH)
    if scan.depth <= CHECK_DEPTH:
        return Prepared(html, warnings, parse(html))
    for limit in (MAX_DEPTH, MAX_DEPTH // 2, MAX_DEPTH // 4):
        flat = _scan(html, limit).apply(html) if scan.depth > limit else html
        if not _too_deep(flat):
            break
    else:
        warnings += ("the page nests its markup too deeply to read whole: some text may be missing",)
    if flat is not html:
        warnings = (
            f"the page nests its markup about {scan.depth} levels deep; byline flattened it "
            "to keep the text, so some of its layout may be lost",
        ) + warnings
    return Prepared(flat, warnings, parse(flat))


_PARSER = lxml.html.HTMLParser(encoding="utf-8")


def parse(html: str) -> lxml.html.HtmlElement | None:
    """The page as lxml.html reads it (from UTF-8 bytes: faster than from a str),
    or None when lxml finds no document in it."""
    try:
        return lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=_PARSER)
    except (ValueError, lxml.etree.ParserError):
        return None


def bound_attributes(html: str) -> tuple[str, tuple[str, ...]]:
    """``html`` with no element carrying more than :data:`MAX_ATTRIBUTES`
    attributes; :class:`TooLarge` for a page with more than
    :data:`MAX_PAGE_ATTRIBUTES`. The work is a count, linear in the page."""
    if html.count("=") > MAX_PAGE_ATTRIBUTES:
        total = sum(_count_attributes(html, match.end()) for match in _TAG_NAME.finditer(html))
        if total > MAX_PAGE_ATTRIBUTES:
            raise TooLarge(
                f"the page's HTML elements carry more than {MAX_PAGE_ATTRIBUTES:,} attributes, "
                "more than byline reads (an article has a few thousand)"
            )
    cuts: dict[int, int] = {}  # start of the attributes to drop -> end of the tag
    looked: set[int] = set()
    for pattern in _LONG_TAGS:
        for match in pattern.finditer(html):
            name = _TAG_NAME.match(html, match.start())
            if name is None or match.start() in looked:
                continue
            looked.add(match.start())
            cut = _attribute_cut(html, name.end())
            if cut is not None:
                cuts[cut[0]] = cut[1]
    if not cuts:
        return html, ()
    parts, cursor = [], 0
    for start in sorted(cuts):
        parts.append(html[cursor:start])
        cursor = cuts[start]
    parts.append(html[cursor:])
    warning = (
        f"an element of the page carries more than {MAX_ATTRIBUTES} attributes; byline kept "
        f"its first {MAX_ATTRIBUTES}"
    )
    return "".join(parts), (warning,)


def _count_attributes(html: str, pos: int, limit: int | None = None) -> int:
    count = 0
    while (match := _TAG_ATTRIBUTE.match(html, pos)) is not None and match.end() > pos:
        count += 1
        pos = match.end()
        if limit is not None and count > limit:
            break
    return count


def _attribute_cut(html: str, pos: int) -> tuple[int, int] | None:
    """(start, end) of the attributes past the first MAX_ATTRIBUTES in the tag
    whose attributes start at ``pos``; None when it has no more than that."""
    count = 0
    while (match := _TAG_ATTRIBUTE.match(html, pos)) is not None and match.end() > pos:
        count += 1
        if count == MAX_ATTRIBUTES + 1:
            start = match.start()
            while (match := _TAG_ATTRIBUTE.match(html, pos)) is not None and match.end() > pos:
                pos = match.end()
            return start, pos
        pos = match.end()
    return None


@dataclass(slots=True)
class _Scan:
    depth: int
    #: (start, end, replacement) for each tag removed by flattening, in order.
    edits: list[tuple[int, int, str]]

    def apply(self, html: str) -> str:
        if not self.edits:
            return html
        parts = []
        cursor = 0
        for start, end, replacement in self.edits:
            parts.append(html[cursor:start])
            parts.append(replacement)
            cursor = end
        parts.append(html[cursor:])
        return "".join(parts)


def _scan(html: str, limit: int) -> _Scan:
    """Estimate the nesting depth of ``html`` the way an HTML parser builds it,
    counting elements, and note the tags past ``limit`` levels to remove."""
    stack: list[tuple[str, bool]] = []  # (tag name, removed by flattening)
    kept = 0  # elements on the stack that were not removed
    deepest = 0
    elements = 0
    edits: list[tuple[int, int, str]] = []
    checked = 0  # text before this offset has been looked at
    text_since_break = False
    pos = 0

    def flatten(start: int, end: int, name: str) -> None:
        nonlocal checked, text_since_break
        text_since_break = text_since_break or _has_text(html, checked, start)
        checked = end
        if name in _BLOCKS and text_since_break:
            edits.append((start, end, "<p>"))
            text_since_break = False
        else:
            edits.append((start, end, ""))

    while (match := _TAG.search(html, pos)) is not None:
        if match.group(1):  # a comment: skip to its end
            end = html.find("-->", match.end())
            pos = len(html) if end < 0 else end + 3
            continue
        end = html.find(">", match.end())
        if end < 0:
            break
        pos = end + 1
        name = match.group(3).lower()
        if match.group(2):  # an end tag closes the nearest open element of its name
            for index in range(len(stack) - 1, max(-1, len(stack) - 65), -1):
                if stack[index][0] == name:
                    if stack[index][1]:
                        flatten(match.start(), pos, name)
                    kept -= sum(1 for _, removed in stack[index:] if not removed)
                    del stack[index:]
                    break
            continue
        elements += 1
        if elements > MAX_ELEMENTS:
            raise TooLarge(
                f"the page has more than {MAX_ELEMENTS:,} HTML elements, more than byline "
                "reads (an article has a few thousand)"
            )
        if name in _VOID:
            continue
        if name in _RAW_TEXT:
            close = re.compile(rf"</{re.escape(name)}\b", re.I).search(html, pos)
            pos = len(html) if close is None else close.end()
            continue
        if stack and (
            (name in _SELF_CLOSING and stack[-1][0] == name) or (name in _CLOSES_P and stack[-1][0] == "p")
        ):
            kept -= not stack.pop()[1]
        removed = kept >= limit
        if removed:
            flatten(match.start(), pos, name)
        else:
            kept += 1
        stack.append((name, removed))
        deepest = max(deepest, len(stack))
    return _Scan(deepest, edits)


def _has_text(html: str, start: int, end: int) -> bool:
    return bool(_MARKUP.sub("", html[start:end]).strip())


def _deeper_than(root: lxml.html.HtmlElement, depth: int) -> bool:
    """Whether ``root`` has an element more than ``depth`` levels down (an
    XPath of ``depth`` steps, evaluated in C)."""
    return bool(root.getroottree().getroot().xpath("boolean(" + "/*" * (depth + 1) + ")"))


def _too_deep(html: str) -> bool:
    """Parse ``html`` as every stage will and ask libxml2 whether it dropped depth."""
    parser = lxml.html.HTMLParser()
    try:
        lxml.html.document_fromstring(html, parser=parser)
    except (ValueError, lxml.etree.ParserError):
        return False
    return any("depth" in error.message.lower() for error in parser.error_log)

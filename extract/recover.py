"""Put back what readability left out of a page's own text, on structural
evidence, before the boilerplate stage judges every block as usual.

readability-lxml's choice is the baseline. On layouts nobody tuned it for it
loses three kinds of text, each visible in the page's structure:

* **Lists and boxes cut from the middle of the article.** readability drops
  a list whose link density is over 0.2, and a ``<div>`` holding more list
  items than paragraphs: a post's own linked bullet list, the materials and
  steps boxes of a how-to. Such an element is put back when it sits between
  two blocks readability kept, inside the container it kept (a kept heading
  left with nothing under it is the plainest sign), and names no furniture
  in its class.
* **A thread cut to one post.** Forum posts, and a story split into several
  alike parts, are repeated siblings with the same class; readability keeps
  the best one. The same part of each alike sibling next to it is added.
* **A post lost to its comments.** When readability takes a run of repeated
  units (comments) while the headline has a post of its own right under it,
  outside the units' container, the post is the article; the units stay
  under it only when they run as long as the post (answers to a question).

Elements of the parsed page are numbered (:func:`mark`) before readability
copies it, so the numbers in its output say which elements it kept.
"""

from __future__ import annotations

import os
import re

import lxml.html
from lxml import etree

from byline.extract.furniture import FURNITURE_STEMS, FURNITURE_WORDS, STRONG_STEMS
from byline.extract.words import WORD

#: The numbering attribute; its name is new in each process, so a page cannot
#: write one of its own into the evidence.
MARK = "data-byline-" + os.urandom(4).hex()
_MARKED = (
    "p", "div", "section", "article", "main", "td", "th", "table", "ul", "ol", "dl", "li",
    "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "figure", "header", "footer",
    "aside", "form", "nav", "center",
)
_KEPT = re.compile(r"\s" + MARK + r'="(\d+)"')
_LISTS = frozenset(("ul", "ol", "dl"))
_HEADINGS = frozenset(("h2", "h3", "h4", "h5", "h6"))
_BOXES = frozenset(("div", "section", "figure", "center"))
_UNIT_TAGS = frozenset(("div", "article", "section", "table", "li", "tbody"))
_NEVER = frozenset(("form", "nav", "aside", "header", "footer", "input", "button", "select", "textarea", "iframe"))
_SENTENCE = re.compile(r"\w[.!?…](?:\s|$)")
_WORD = WORD
_DIGITS = re.compile(r"\d+")

#: A unit of a repeated run holds at least this many words (a forum post, a story part).
UNIT_WORDS = 15
#: A run of repeated units is at least this long.
MIN_UNITS = 3
#: A post under the headline has at least this many words of its own.
POST_WORDS = 25


def mark(root: etree._Element) -> list[etree._Element]:
    """Number the page's block elements (the attribute :data:`MARK`); the list
    maps each number back to its element."""
    marked = []
    for number, element in enumerate(root.iter(*_MARKED)):
        element.set(MARK, str(number))
        marked.append(element)
    return marked


def recover(fragment: str, marked: list[etree._Element], title: str | None = None) -> str | etree._Element:
    """readability's ``fragment``, or a tree of it with the page's own text it
    left out put back (see the module docstring)."""
    if not marked:
        return fragment
    kept = {int(number) for number in _KEPT.findall(fragment)}
    if not kept:
        return fragment
    kept_elements = [marked[n] for n in sorted(kept) if n < len(marked)]
    units = _comment_units(kept_elements, kept)
    post = _post_above(units, marked, title) if units is not None else None
    if post is not None and _shorter_units(units, post):
        return _tree(post)
    restore = _dropped_runs(kept_elements, kept)
    run = _repeated_run(kept_elements, kept)
    if not restore and run is None and post is None:
        return fragment
    try:
        output = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError, AssertionError):
        return fragment
    if post is not None:
        # Answers as long as the question (a Q&A page, a forum's replies) stay, under it.
        for position, element in enumerate(post):
            output.insert(position, _clean_copy(element))
    by_mark = {element.get(MARK): element for element in output.iter() if element.get(MARK) is not None}
    for anchor, elements in restore:
        place = by_mark.get(anchor.get(MARK))
        for element in elements:
            if place is not None:
                copy = _clean_copy(element)
                place.addnext(copy)
                place = copy
    if run is not None:
        chosen, before, after = run
        place = by_mark.get(chosen.get(MARK))
        if place is not None:
            for element in before:
                place.addprevious(_clean_copy(element))
            for element in reversed(after):
                place.addnext(_clean_copy(element))
    return output


def _tree(elements: list[etree._Element]) -> etree._Element:
    wrapper = etree.Element("div")
    for element in elements:
        wrapper.append(_clean_copy(element))
    return wrapper


def _clean_copy(element: etree._Element) -> etree._Element:
    from byline.extract._readability.cleaners import html_cleaner  # loaded with readability already

    copy = html_cleaner.clean_html(element)
    copy.tail = None
    for inner in list(copy.iter("noscript", "template")):
        inner.drop_tree()
    return copy


# -- lists and boxes readability cut from the middle of what it kept --------


def _dropped_runs(kept_elements: list[etree._Element], kept: set[int]) -> list[tuple[etree._Element, list]]:
    """(kept element, elements to put back after it) for each run of dropped
    content between two kept siblings."""
    restore = []
    parents = []
    seen = set()
    for element in kept_elements:
        parent = element.getparent()
        if parent is not None and id(parent) not in seen:
            seen.add(id(parent))
            parents.append(parent)
    for parent in parents:
        anchor = None
        run: list[etree._Element] = []
        for child in parent:
            if not isinstance(child.tag, str):
                continue
            number = _number(child)
            if number is None:
                if _has_words(child):
                    anchor, run = None, []  # loose inline text between: not a clean run
                continue
            if number in kept or _has_kept(child, kept):
                if anchor is not None and run and _restorable(run):
                    restore.append((anchor, run))
                anchor, run = child, []
            elif anchor is not None:
                run.append(child)
    return restore


def _restorable(run: list[etree._Element]) -> bool:
    """Whether a run of dropped siblings is the article's own lists and boxes."""
    content = [element for element in run if _has_words(element)]
    if not content:
        return False
    for element in content:
        if _furniture(element) or element.tag in _NEVER or next(element.iter(*_NEVER), None) is not None:
            return False
        if element.tag in _HEADINGS:
            continue
        if element.tag in _LISTS:
            if _link_share(element) > 0.5 and not _after_heading(element):
                return False
            continue
        if element.tag in _BOXES and _is_list_box(element):
            continue
        return False
    # A run of headings alone is not content.
    return any(element.tag not in _HEADINGS for element in content)


def _after_heading(element: etree._Element) -> bool:
    """Whether a heading stands right over ``element`` (a list not all links)."""
    previous = element.getprevious()
    while previous is not None and not isinstance(previous.tag, str):
        previous = previous.getprevious()
    return previous is not None and previous.tag in _HEADINGS and _link_share(element) < 1.0


def _is_list_box(element: etree._Element) -> bool:
    """A box of a heading and a list (materials, tools, steps), with little
    link text and no furniture inside."""
    heading = next(element.iter(*_HEADINGS), None)
    listing = next(element.iter(*_LISTS), None)
    if heading is None or listing is None:
        return False
    return _link_share(element) <= 0.5 and not any(_furniture(inner) for inner in element.iter(*_BOXES))


# -- a thread cut to one post --------------------------------------------------


def _repeated_run(kept_elements: list[etree._Element], kept: set[int]):
    """(kept part, alike parts before it, alike parts after it) when readability
    kept one of a run of repeated units, else None."""
    top = _top_kept(kept_elements, kept)
    if top is None:
        return None
    unit, path = top, []
    for _ in range(5):
        parent = unit.getparent()
        if parent is None or unit.tag in ("body", "html"):
            return None
        signature = _signature(unit)
        if signature and unit.tag in _UNIT_TAGS:
            before, after = _alike_siblings(unit, signature)
            if len(before) + len(after) + 1 >= MIN_UNITS:
                parts_before = [p for p in (_follow(u, path) for u in before) if p is not None and _unit_text(p, kept)]
                parts_after = [p for p in (_follow(u, path) for u in after) if p is not None and _unit_text(p, kept)]
                if len(parts_before) + len(parts_after) + 1 >= MIN_UNITS:
                    return top, parts_before, parts_after
                return None
        path.insert(0, _step(unit))
        unit = parent
    return None


def _top_kept(kept_elements: list[etree._Element], kept: set[int]) -> etree._Element | None:
    """The kept element holding the most of what readability kept."""
    best, best_size = None, 0
    for element in kept_elements:
        parent = element.getparent()
        if parent is not None and _number(parent) in kept:
            continue
        if element.tag not in _UNIT_TAGS and element.tag not in ("td", "main"):
            continue
        size = _size(element)
        if size > best_size:
            best, best_size = element, size
    return best


def _signature(element: etree._Element) -> str:
    """tag.class with numbers left out (phpBB alternates "bg1"/"bg2"), or
    tag#id without its numbers; "" when the element has neither."""
    classes = " ".join(sorted(token for token in (element.get("class") or "").split() if not _DIGITS.search(token)))
    if classes:
        return f"{element.tag}.{classes}"
    ident = element.get("id") or ""
    if ident and _DIGITS.search(ident):
        return f"{element.tag}#{_DIGITS.sub('', ident)}"
    return ""


def _alike_siblings(unit: etree._Element, signature: str) -> tuple[list, list]:
    """The unit's alike siblings either side of it, as far as they run (small
    things between them, an ad slot or a page number, do not end the run)."""
    runs = []
    for preceding in (True, False):
        found = []
        for sibling in unit.itersiblings(preceding=preceding):
            if not isinstance(sibling.tag, str):
                continue
            if _signature(sibling) == signature:
                found.append(sibling)
            elif _has_words(sibling, 10):
                break
        runs.append(found[::-1] if preceding else found)
    return runs[0], runs[1]


def _step(element: etree._Element) -> tuple[str, str]:
    return element.tag, _signature(element)


def _follow(unit: etree._Element, path: list[tuple[str, str]]) -> etree._Element | None:
    """The part of ``unit`` at the same place as the kept part in its own unit
    (the first that holds text, where several children fit a step)."""
    if not path:
        return unit
    (tag, signature), rest = path[0], path[1:]
    for child in unit:
        if child.tag == tag and _signature(child) == signature:
            found = _follow(child, rest)
            if found is not None and _has_words(found):
                return found
    return None


def _unit_text(element: etree._Element, kept: set[int]) -> bool:
    if _number(element) in kept or _has_kept(element, kept):
        return False
    return _has_words(element, UNIT_WORDS) and _link_share(element) < 0.5


# -- a post lost to its comments -----------------------------------------------


def _comment_units(kept_elements: list[etree._Element], kept: set[int]) -> etree._Element | None:
    """The container of what readability kept when that is one run of
    repeated units (most of its words in alike children), else None."""
    tops = [e for e in kept_elements if not any(_number(a) in kept for a in e.iterancestors())]
    if not tops:
        return None
    container = tops[0]
    for other in tops[1:]:
        while container is not None and not (other is container or _contains(container, other)):
            container = container.getparent()
    if container is None or container.tag in ("body", "html"):
        return None
    children = [child for child in container if isinstance(child.tag, str) and _has_words(child)]
    signatures = [_signature(child) for child in children]
    common = max(set(signatures), key=signatures.count, default="")
    if not common or signatures.count(common) < MIN_UNITS:
        return None
    unit_size = sum(_size(child) for child, s in zip(children, signatures) if s == common)
    if unit_size < 0.7 * _size(container):
        return None
    return container


def _post_above(units: etree._Element, marked: list[etree._Element], title: str | None) -> list | None:
    """The elements under the headline and before ``units`` that hold a post
    of their own, outside the units' container; None when there is none."""
    headline = _headline(marked, title)
    if headline is None or _contains(units, headline):
        return None
    ancestors = {id(a) for a in units.iterancestors()}
    common = next((a for a in headline.iterancestors() if id(a) in ancestors), None)
    if common is None:
        return None
    start = _child_holding(common, headline)
    end = _child_holding(common, units)
    if start is None or end is None:
        return None
    region = []
    for child in start.itersiblings(preceding=False):
        if child is end:
            break
        region.append(child)
    region.insert(0, start)
    return region if _has_prose(region, headline) else None


def _shorter_units(units: etree._Element, post: list[etree._Element]) -> bool:
    """Whether the units are each shorter than the post, as comments under
    it are (answers to a question, or a forum's replies, run longer)."""
    sizes = sorted(_size(child) for child in units if isinstance(child.tag, str) and _has_words(child))
    return bool(sizes) and sizes[len(sizes) // 2] < sum(_size(element) for element in post)


def _headline(marked: list[etree._Element], title: str | None) -> etree._Element | None:
    key = _key(title)
    first_h1 = None
    for element in marked:
        if element.tag in ("h1", "h2", "h3"):
            text = _key(element.text_content())
            if key and text and (text == key or (element.tag == "h1" and key.startswith(text))):
                return element
            if element.tag == "h1" and first_h1 is None:
                first_h1 = element
    return first_h1


def _child_holding(parent: etree._Element, element: etree._Element) -> etree._Element | None:
    while element is not None and element.getparent() is not parent:
        element = element.getparent()
    return element


def _contains(outer: etree._Element, inner: etree._Element) -> bool:
    return any(a is outer for a in inner.iterancestors())


def _has_prose(region: list[etree._Element], headline: etree._Element) -> bool:
    """Whether ``region`` holds a post: POST_WORDS words and two sentences of
    its own, outside the headline and links."""
    text = " ".join(element.text_content() for element in region)
    words = len(_WORD.findall(text)) - len(_WORD.findall(headline.text_content()))
    words -= sum(len(_WORD.findall(link.text_content())) for element in region for link in element.iter("a"))
    return words >= POST_WORDS and len(_SENTENCE.findall(text)) >= 2


# -- small measures -------------------------------------------------------------


def _number(element: etree._Element) -> int | None:
    value = element.get(MARK)
    return int(value) if value is not None else None


def _has_kept(element: etree._Element, kept: set[int]) -> bool:
    return any(_number(inner) in kept for inner in element.iterdescendants(*_MARKED))


def _size(element: etree._Element) -> int:
    """Characters of text: what compares the size of two elements cheaply."""
    return len(element.text_content())


def _has_words(element: etree._Element, count: int = 1) -> bool:
    """Whether ``element`` holds at least ``count`` words (counting stops there)."""
    seen = 0
    for _ in _WORD.finditer(element.text_content()):
        seen += 1
        if seen >= count:
            return True
    return False


def _words(element: etree._Element) -> int:
    return len(_WORD.findall(element.text_content()))


def _link_share(element: etree._Element) -> float:
    """The share of ``element``'s words that are link text."""
    return sum(_words(link) for link in element.iter("a")) / (_words(element) or 1)


def _key(text: str | None) -> str:
    return " ".join(_WORD.findall((text or "").casefold()))


def _furniture(element: etree._Element) -> bool:
    for token in f"{element.get('class') or ''} {element.get('id') or ''}".lower().split():
        if any(stem in token for stem in STRONG_STEMS):
            return True
        for part in re.split(r"[-_]+", token):
            if part in FURNITURE_WORDS or (part and part.startswith(FURNITURE_STEMS)):
                return True
    return False

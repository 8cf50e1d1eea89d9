"""Before readability scores the page: drop what no reader sees as the
article, and turn formulas into text a reader can follow.

* ``aria-hidden="true"`` marks what the page itself says is decoration for
  sighted readers only (a drop cap's doubled letter, an icon's name, a
  player's hidden dialog); its text read inline glues onto the next word.
* Dialogs (``role="dialog"``/``"alertdialog"``, ``aria-modal``, a closed
  ``<dialog>``) are overlays: a video player's "This is a modal window",
  caption settings, cookie and sign-up boxes.
* A social post embedded in the article (Twitter's, Instagram's, TikTok's
  own embed markup: a ``<blockquote>`` with the post's text) is quoted
  content; readability's class-name rules drop it as "twitter" furniture,
  so its class is cleared.
* MathML would otherwise be skipped whole ("the area is  square metres"):
  each ``<math>`` becomes its text laid out in one line (fractions as a/b,
  powers as a^b, roots as √(…)), or its ``alttext`` when it has no text.

The page says these things in its own markup, the same on every site. A page
can still misuse them (an app shell that marks its whole content
``aria-hidden`` while a menu is open): an element holding a large share of
the page's text is left alone, because that is the article, not chrome.
"""

from __future__ import annotations

from lxml import etree

#: An element with more than this share of the page's text is never dropped.
MAX_SHARE = 0.25

_HIDDEN = etree.XPath(
    "//*[@aria-hidden='true' or @aria-hidden='TRUE' or @role='dialog' or @role='alertdialog'"
    " or @aria-modal='true' or (local-name()='dialog' and not(@open))]"
)
_MATH = etree.XPath("//*[local-name()='math']")
# A social post embedded the way its platform's embed code writes it: a
# blockquote whose text is the post, quoted by the article.
_EMBEDDED_POSTS = etree.XPath(
    "//blockquote[contains(@class, 'twitter-tweet') or contains(@class, 'instagram-media')"
    " or contains(@class, 'tiktok-embed') or contains(@class, 'bluesky-embed') or contains(@class, 'mastodon-embed')]"
)
_SKIPPED_MATH = frozenset(("annotation", "annotation-xml", "none", "mprescripts"))


def strip_chrome(root: etree._Element) -> int:
    """Drop hidden decoration and dialogs from ``root`` in place, and write its
    formulas out as text; return how many elements were dropped."""
    dropped = 0
    hits = _HIDDEN(root)
    if hits:
        body = root.find("body")
        total = len((body if body is not None else root).text_content()) or 1
        for element in hits:
            if element.getparent() is None or _inside_dropped(element):
                continue
            if len(element.text_content()) > total * MAX_SHARE:
                continue
            _drop(element)
            dropped += 1
    for math in _MATH(root):
        if math.getparent() is not None:
            _replace_math(math)
    for quote in _EMBEDDED_POSTS(root):
        # readability takes "tweet"/"twitter" in a class for page furniture and
        # drops the post the article quotes; the blockquote stays, unlabelled.
        quote.set("class", "embedded-post")
    return dropped


def _inside_dropped(element: etree._Element) -> bool:
    # An element whose ancestor was already dropped is detached from the page.
    return element.getroottree().getroot().tag != "html"


def _drop(element: etree._Element) -> None:
    """Remove ``element`` but keep its tail text, which belongs to its parent."""
    parent = element.getparent()
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _replace_math(math: etree._Element) -> None:
    # The formula's own text reads best ("40×25=1000"); alttext is often TeX
    # ("40 \times 25"), so it stands in only when the markup has no text.
    text = " ".join(math_text(math).split()) or " ".join((math.get("alttext") or "").split())
    block = (math.get("display") or "").lower() == "block"
    replacement = etree.Element("div" if block else "span")
    replacement.text = text
    replacement.tail = math.tail
    math.getparent().replace(math, replacement)


def _name(element: etree._Element) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag.rpartition("}")[2].lower()


def math_text(element: etree._Element, depth: int = 0) -> str:
    """A MathML element as one line of text."""
    name = _name(element)
    if name in _SKIPPED_MATH or depth > 64:
        return ""
    children = [child for child in element if isinstance(child.tag, str)]
    parts = [math_text(child, depth + 1) for child in children]
    if name == "mfrac" and len(parts) == 2:
        return f"{_group(parts[0])}/{_group(parts[1])}"
    if name == "msup" and len(parts) == 2:
        return f"{parts[0]}^{_group(parts[1])}"
    if name == "msub" and len(parts) == 2:
        return f"{parts[0]}_{_group(parts[1])}"
    if name == "msubsup" and len(parts) == 3:
        return f"{parts[0]}_{_group(parts[1])}^{_group(parts[2])}"
    if name == "msqrt":
        return f"√({''.join(parts)})"
    if name == "mroot" and len(parts) == 2:
        return f"{_group(parts[1])}√({parts[0]})"
    if not children:
        return (element.text or "").strip()
    return (element.text or "").strip() + "".join(parts)


def _group(text: str) -> str:
    return text if len(text) <= 1 or text.isalnum() else f"({text})"

"""Metadata as the page prints it, for what its declared metadata leaves
out: the byline and date on the lines under the headline, the headline
itself where a declared one is cut short, and <title> without the labels
(site, section) the page prints on their own.

Read from the page's HTML as the tag scanner (``metadata.parse_document``)
left it; no second DOM parse.
"""

from __future__ import annotations

import html as html_lib
import re
from typing import TYPE_CHECKING

from byline.extract.dates import loose_date, normalise_date
from byline.extract.names import BY, clean_names, name_key, person_like, visible_names

if TYPE_CHECKING:
    from byline.extract.metadata import PageTags

#: Separators between a title's parts: "Story | Site", "Story - Section - Site".
TITLE_SEPARATORS = re.compile(r"\s+[|–—-]\s+|\s+::\s+|\s+»\s+|\s+·\s+")
_MARKUP = re.compile(r"<[^>]*>")


def _words_key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _inner_text(markup: str) -> str:
    return " ".join(html_lib.unescape(_MARKUP.sub(" ", markup)).split())


def printed_authors(declared: tuple[str, ...], printed: tuple[str, ...]) -> tuple[str, ...]:
    """The authors the metadata declares, or the printed byline's when the
    metadata declares none, or only some of the people it prints."""
    if not declared:
        return printed
    known = {name_key(name) for name in printed}
    if (
        len(printed) > len(declared)
        and all(name_key(name) in known for name in declared)
        and all(person_like(name) for name in printed)
    ):
        return printed
    return declared


def untruncated(title: str | None, page: PageTags) -> str | None:
    """The page's heading when the declared title is that heading cut short
    (a JSON-LD headline stops at 110 characters)."""
    if not title:
        return title
    key = _words_key(title)
    for heading in page.headings:
        heading_key = _words_key(heading)
        if len(heading_key) > len(key) + 3 and heading_key.startswith(key + " "):
            return " ".join(heading.split())
    return title


#: How much of the page after the headline is read for its byline and date.
UNDER_HEADLINE_CHARS = 3000


_BLOCK_TAG = r"<\s*/?\s*(?:p|div|br|li|dt|dd|dl|h[1-6]|span|time|section|header|figure|table|tr|td)\b[^>]*>"


_SKIPPED = r"<(script|style|noscript|template|svg)\b.*?</\1\s*>"


_BODY_TAG = re.compile(r"<body\b", re.I)


_H1_OPEN = re.compile(r"<h1\b[^>]*>", re.I)


_H1_CLOSE = re.compile(r"</h1\s*>", re.I)


def under_headline(page: PageTags, title: str | None) -> list[str]:
    """The first few lines of text after the page's headline, where a byline
    and a date are printed: after the <h1> that reads as the title, else after
    an element that holds the title alone, else after the first <h1> of four
    words or more. Read once per page."""
    if page.under_headline is None:
        page.under_headline = _read_under_headline(page.html, title)
    return page.under_headline


def _read_under_headline(html: str, title: str | None) -> list[str]:
    body_match = _BODY_TAG.search(html)
    body = body_match.start() if body_match else 0
    key = _words_key(title or "")
    start = fallback = -1
    for match in _H1_OPEN.finditer(html, body):
        close = _H1_CLOSE.search(html, match.end())
        if close is None:
            break
        heading = _words_key(_inner_text(html[match.end() : close.start()]))
        if key and heading == key:
            start = close.start()
            break
        if fallback < 0 and len(heading.split()) >= 4:
            fallback = close.start()
    if start < 0 and title and len(title) >= 12:
        for written in {html_lib.escape(title, quote=False), title}:
            match = re.search(r">\s*" + re.escape(written) + r"\s*<", html[body:])
            if match:
                start = body + match.end() - 1
                break
    start = start if start >= 0 else fallback
    if start < 0:
        return []
    # re's own cache compiles these on the first page that gets this far.
    chunk = re.sub(_SKIPPED, " ", html[start : start + UNDER_HEADLINE_CHARS], flags=re.I | re.S)
    text = html_lib.unescape(_MARKUP.sub(" ", re.sub(_BLOCK_TAG, "\n", chunk, flags=re.I)))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return [line for line in lines if line][:8]


_CHANGED = re.compile(r"\b(changed|modified|updated|edited|geändert|aktualisiert|bearbeitet|mis à jour|modifié|actualizado|aggiornato)\b", re.I)


def date_under_headline(page: PageTags, title: str | None) -> str | None:
    """A date printed near the headline, on a short line that does not say
    it is the date of a change."""
    for line in under_headline(page, title)[:6]:
        if len(line) > 120 or _CHANGED.search(line):
            continue
        found = loose_date(line)
        if found and normalise_date(found):
            return normalise_date(found)
    return None


def names_under_headline(page: PageTags, title: str | None, site: str | None) -> tuple[str, ...]:
    """The names of a "By …" line among the first lines under the headline
    ("By" alone on its line, the names in links after it, reads as one line)."""
    lines = under_headline(page, title)[:6]
    for index, line in enumerate(lines):
        if BY.match(line) or line.lower() in ("by", "von", "par", "por", "door", "di"):
            # The names may stand in links of their own lines; a line of prose is past the byline.
            parts = [line]
            for following in lines[index + 1 : index + 6]:
                if len(following.split()) > 4 or following.rstrip().endswith((".", "!", "?")):
                    break
                parts.append(following)
            return clean_names(visible_names(" ".join(parts)[:200]), site)
    return ()


def cut_printed_labels(title: str, page: PageTags) -> str:
    """<title> without its trailing parts that the page prints as labels of
    their own (an element's whole text: the site's name in its masthead, a
    section in its breadcrumb), as "Topic - Section - Forum" reads "Topic"."""
    body = _BODY_TAG.search(page.html)
    html = page.html[body.start() if body else 0 :]
    while True:
        separators = list(TITLE_SEPARATORS.finditer(title))
        if not separators:
            return title
        last = separators[-1]
        head, tail = title[: last.start()].strip(), title[last.end() :].strip()
        if not head or not tail or not _printed_alone(tail, html):
            return title
        title = head


def _printed_alone(text: str, html: str) -> bool:
    for written in {html_lib.escape(text, quote=False), text}:
        if re.search(r">\s*" + re.escape(written) + r"\s*<", html):
            return True
    return False

"""Stage 6: title, authors, published date, site name and language.

Sources in order of trust: JSON-LD (schema.org Article types), OpenGraph and
article:* properties, other <meta> names (Dublin Core, Parsely, sailthru),
itemprop/rel markup, <time datetime>, then the document itself (<h1>,
<title>, <html lang>, a dated element, the URL's host).

Where the declared metadata says less than the page prints (a byline under
the headline, a headline cut short, a <title> carrying its site's labels),
``printed`` reads the page itself; ``names`` cleans author names for both;
``jsonld`` reads the schema.org objects.

The page is read with one pass of a tag scanner, not a second DOM parse:
readability already parses the page once, and metadata lives in a handful of
tags whose attributes a regular expression reads exactly.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from byline.extract.dates import loose_date, normalise_date
from byline.extract.jsonld import any_ld_date, json_ld_article, ld_name, ld_nodes, ld_text, unwrap_json
from byline.extract.language import guess_language  # noqa: F401 - the pipeline asks metadata for it
from byline.extract.names import BY, clean_names, looks_like_name, name_key, split_names, visible_names
from byline.extract.printed import (
    TITLE_SEPARATORS,
    cut_printed_labels,
    date_under_headline,
    names_under_headline,
    printed_authors,
    untruncated,
)
from byline.extract.sanitize import clean_inline

_LANG = re.compile(r"^[a-z]{2,3}\b", re.I)

# The tags metadata lives in, found in one pass over the page.
_TAG = re.compile(r"<(meta|title|h1|h2|h3|time|script|html)\b([^>]*)>", re.I)
_ATTRIBUTE = re.compile(r"""([^\s"'=<>/]+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_MARKUP = re.compile(r"<[^>]*>")
# Elements marked up as the author or the date ("itemprop=author", "rel=author").
# Literal-led patterns without IGNORECASE: the regex engine then skips ahead fast.
_MICRODATA = (
    re.compile(r"""itemprop\s*=\s*["']?(author|datePublished|datepublished)\b"""),
    re.compile(r"""rel\s*=\s*["']?(author)\b"""),
)
# An element whose class says it holds the date: "article-publish-date", "storyDate".
_DATED_CLASS = re.compile(
    r"""class\s*=\s*["']([^"'>]{0,200}?(?:date|Date|datum|Datum|fecha|publi|Publi|posted|timestamp)[^"'>]{0,200})["'][^>]{0,500}>([^<]{6,100})<"""
)
#: Bytes of a page scanned for metadata: what matters sits near the top.
SCAN_LIMIT = 600_000
#: Headings remembered as title candidates.
MAX_HEADINGS = 12
_AUTHOR_KEYS = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl")
@dataclass(slots=True, frozen=True)
class Metadata:
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    site: str | None = None
    language: str | None = None


@dataclass(slots=True)
class PageTags:
    """What the tag scanner found: meta values by lower-case key, and the rest."""

    html: str
    meta: dict[str, str] = field(default_factory=dict)
    json_ld: list[object] = field(default_factory=list)
    title: str | None = None
    h1: str | None = None
    #: The first few headings (h1–h3) in page order: where the page's own
    #: title is looked for when <title> carries the site's name too.
    headings: list[str] = field(default_factory=list)
    #: Every value of the author keys, in page order (a page may name two authors in two tags).
    authors: dict[str, list[str]] = field(default_factory=dict)
    time: str | None = None
    lang: str | None = None
    #: The first lines of text under the headline, once read (see under_headline).
    under_headline: list[str] | None = None


def parse_document(html: str) -> PageTags:
    """Scan a page's tags for metadata (tolerant of any markup)."""
    page = PageTags(html=html[:SCAN_LIMIT])
    text = page.html
    for match in _TAG.finditer(text):
        tag = match.group(1).lower()
        attributes = _attributes(match.group(2))
        if tag == "meta":
            keys = (attributes.get("property") or attributes.get("name") or attributes.get("itemprop")
                    or attributes.get("http-equiv") or "").strip().lower()
            value = attributes.get("content", "").strip()
            # RDFa lets one attribute name several properties: property="og:title dc:title".
            for key in keys.split():
                if key and value and key not in page.meta:
                    page.meta[key] = value
                if key in _AUTHOR_KEYS and value:
                    page.authors.setdefault(key, []).append(value)
        elif tag == "script" and "ld+json" in attributes.get("type", "").lower():
            body = _until(text, match.end(), "script")
            try:
                # strict=False: a raw newline or tab inside a JSON string is common, and harmless.
                page.json_ld.append(json.loads(unwrap_json(body), strict=False))
            except (ValueError, RecursionError):
                continue
        elif tag == "title" and page.title is None:
            page.title = _inner_text(_until(text, match.end(), "title"))
        elif tag in ("h1", "h2", "h3") and len(page.headings) < MAX_HEADINGS:
            heading = _inner_text(_until(text, match.end(), tag))[:300]
            if heading:
                page.headings.append(heading)
                if tag == "h1" and page.h1 is None:
                    page.h1 = heading
        elif tag == "time" and page.time is None:
            page.time = attributes.get("datetime") or None
        elif tag == "html" and page.lang is None:
            page.lang = attributes.get("lang") or attributes.get("xml:lang") or None
    return page


def html_metadata(page: PageTags | None, url: str | None = None) -> Metadata:
    """Read the page's metadata from what ``parse_document`` found."""
    if page is None:
        return Metadata()
    meta = page.meta
    ld = json_ld_article(page.json_ld)

    declared = _first(
        ld_text(ld.get("headline")),
        meta.get("og:title"),
        meta.get("twitter:title"),
        meta.get("dc.title"),
    )
    site = _site(
        _first(
            ld_name(ld.get("publisher")),
            meta.get("og:site_name"),
            meta.get("application-name"),
            meta.get("twitter:site"),
        ),
        url,
    )
    if declared and site and name_key(declared) == name_key(site):
        declared = None  # a site that gives every page its own name as og:title
    title = _strip_site(declared, site) if declared and site else declared or _page_title(page, site)
    title = untruncated(title, page)

    published = _first_date(
        ld.get("datePublished"),
        meta.get("article:published_time"),
        meta.get("og:article:published_time"),
        meta.get("article:published"),
        meta.get("datepublished"),
        meta.get("parsely-pub-date"),
        meta.get("sailthru.date"),
        meta.get("dc.date.issued"),
        meta.get("dc.date"),
        meta.get("dcterms.created"),
        meta.get("date"),
        meta.get("pubdate"),
        meta.get("publish-date"),
        meta.get("article.published"),
        ld.get("dateCreated"),
        lambda: any_ld_date(page.json_ld),
        page.time,
        lambda: _microdata(page.html, "datePublished"),
        ld.get("dateModified"),
        meta.get("article:modified_time"),
        lambda: _dated_element(page.html),
        lambda: date_under_headline(page, title),
    )
    language = _language(
        ld_text(ld.get("inLanguage")),
        page.lang,
        meta.get("og:locale"),
        meta.get("content-language"),
        meta.get("language"),
        meta.get("dc.language"),
    )
    return Metadata(
        title=clean_inline(title) or None if title else None,
        authors=printed_authors(_authors(ld, page, site), names_under_headline(page, title, site)),
        published=published,
        site=site,
        language=language,
    )


def _attributes(source: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(source):
        name = match.group(1).lower()
        value = match.group(2) if match.group(2) is not None else match.group(3) if match.group(3) is not None else match.group(4)
        if name not in found:
            found[name] = html_lib.unescape(value or "")
    return found


_CLOSING = {tag: re.compile(f"</{tag}\\s*>", re.I) for tag in ("script", "title", "h1", "h2", "h3")}
def _until(text: str, start: int, tag: str) -> str:
    """The text from ``start`` to the closing ``tag`` (or a short stretch if unclosed)."""
    match = _CLOSING[tag].search(text, start)
    end = match.start() if match else min(len(text), start + 2000)
    return text[start:end]


def _inner_text(markup: str) -> str:
    return " ".join(html_lib.unescape(_MARKUP.sub(" ", markup)).split())


def _first(*values: str | None) -> str | None:
    for value in values:
        if value and value.strip():
            return " ".join(html_lib.unescape(value).split())
    return None


def _microdata(html: str, prop: str) -> str | None:
    """The value of the first element marked ``itemprop``/``rel`` = ``prop``:
    its content/datetime attribute, else its text."""
    for pattern in _MICRODATA:
        value = _marked_value(html, pattern, prop)
        if value:
            return value
    return None


def _marked_value(html: str, pattern: re.Pattern[str], prop: str) -> str | None:
    for match in pattern.finditer(html):
        if match.group(1).lower() != prop.lower():
            continue
        start = html.rfind("<", 0, match.start())
        close = html.find(">", match.end())
        if start < 0 or close < 0:
            continue
        attributes = _attributes(html[start + 1 : close])
        value = attributes.get("content") or attributes.get("datetime")
        if not value:
            value = _inner_text(html[close + 1 : close + 400].split("</", 1)[0])
        if value and len(value) <= 100:
            return value
    return None


# A date in an element of these is another story's or a comment's.
_OTHER_STORY = re.compile(r"related|comment|sidebar|widget|recommend|teaser|trending|popular|promo|footer", re.I)


def _dated_element(html: str) -> str | None:
    for match in _DATED_CLASS.finditer(html, 0, min(len(html), SCAN_LIMIT)):
        if _OTHER_STORY.search(match.group(1)):
            continue
        found = loose_date(html_lib.unescape(match.group(2)))
        if found and normalise_date(found):
            return found
    return None


def _authors(ld: dict, page: PageTags, site: str | None) -> tuple[str, ...]:
    """The article's authors: the people its JSON-LD names, else its author
    <meta> tags, else an element marked as the byline, else the organisations
    its JSON-LD names (a wire service; never the site itself)."""
    people: list[str] = []
    organisations: list[str] = []
    author = ld.get("author") or ld.get("creator")
    nodes = None
    for item in author if isinstance(author, list) else [author]:
        if isinstance(item, dict) and "@id" in item and not item.get("name"):
            # A reference into the page's @graph (Yoast writes authors so): {"@id": "…#/schema/person/…"}.
            nodes = nodes if nodes is not None else ld_nodes(page.json_ld)
            item = nodes.get(item["@id"], item)
        name = ld_name(item)
        if name:
            kind = str(item.get("@type", "")).lower() if isinstance(item, dict) else ""
            (organisations if "organization" in kind else people).extend(split_names(name))
    names = clean_names(people, site)
    if not names:
        for key in _AUTHOR_KEYS:
            values = [v for v in page.authors.get(key, ()) if not v.startswith(("http://", "https://"))]
            names = clean_names([n for value in values for n in split_names(value)], site)
            if names:
                break
    if not names:
        value = _microdata(page.html, "author") or _byline_element(page.html)
        if value:
            names = clean_names(split_names(value), site)
    return names or clean_names(organisations, site)


# An element the page marks as its author or byline: class="author vcard", "byline", "fn".
_BYLINE_CLASS = re.compile(
    r"""class\s*=\s*["']([^"'>]{0,200}?\b(?:author|byline|vcard|fn|author-name)\b[^"'>]{0,200})["'][^>]{0,300}>"""
    r"""(?:\s*<(?!/)[^>]{0,300}>)*\s*([^<]{3,100})<"""
)


def _byline_element(html: str) -> str | None:
    """The first name written in an element marked as the author's (not a comment's)."""
    for match in _BYLINE_CLASS.finditer(html, 0, min(len(html), SCAN_LIMIT)):
        if _OTHER_STORY.search(match.group(1)):
            continue
        text = BY.sub("", " ".join(html_lib.unescape(match.group(2)).split()))
        names = split_names(text)
        if names and all(looks_like_name(name) for name in names):
            return text
    return None


def _site(name: str | None, url: str | None) -> str | None:
    """A publication's name: "@handle" and URLs become names, "Name | Domain" keeps
    the name, and with nothing declared the URL's host stands in."""
    if name:
        name = clean_inline(name).lstrip("@")
        if name.startswith(("http://", "https://")):
            name = urlsplit(name).hostname or ""
            name = name.removeprefix("www.")
        else:
            name = TITLE_SEPARATORS.split(name)[0]
        if name:
            return name
    if url:
        host = urlsplit(url).hostname
        if host:
            return host.removeprefix("www.")
    return None


def _strip_site(title: str, site: str | None) -> str:
    """Drop " | Site Name" from a title. With a known site only the part naming it
    goes; without one, a short part beside a long one ("Story | Paper") goes."""
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    if site:
        site_key = name_key(site)
        kept = [p for p in parts if site_key not in name_key(p)]
        if kept and len(kept) < len(parts):
            return " - ".join(kept) if len(kept) > 1 else kept[0]
        # A short trailing part is a section label ("… - Auto News").
        if len(parts[-1].split()) <= 3 and len(" ".join(parts[:-1]).split()) >= 4:
            return title[: title.rfind(parts[-1])].rstrip(" |–—-:·»")
        return title
    longest = max(parts, key=len)
    return longest if len(longest.split()) >= 4 else title


def _first_date(*values: object) -> str | None:
    """The first value that is a date; callables are the costly sources, asked only if needed."""
    for value in values:
        if callable(value):
            value = value()
        normal = normalise_date(ld_text(value) if not isinstance(value, str) else value)
        if normal:
            return normal
    return None


def _language(*values: str | None) -> str | None:
    for value in values:
        if value:
            match = _LANG.match(value.strip().replace("_", "-"))
            if match:
                return match.group(0).lower()
    return None


def _page_title(page: PageTags, site: str | None) -> str | None:
    """The page's own title when it declares none: the longest heading that
    <title> contains (the headline, not the blog's name in an <h1> of the site's
    chrome), else <title> without the site's name, else the first <h1>."""
    full = " ".join(html_lib.unescape(page.title or "").split())
    if full:
        title_key = f" {_words_key(full)} "
        best = None
        for heading in page.headings:
            key = _words_key(heading)
            if len(key.split()) >= 2 and len(heading) >= 15 and f" {key} " in title_key:
                if best is None or len(key) > len(_words_key(best)):
                    best = heading
        if best:
            return best
        stripped = cut_printed_labels(_strip_site(full, site), page)
        if not page.h1 or len(stripped.split()) >= 4 or len(stripped.split()) >= len(page.h1.split()):
            return stripped
    return page.h1 or None


def _words_key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def claims_article(page: PageTags) -> bool:
    """Whether the page declares itself one article: og:type "article", a
    schema.org article with a headline, or a publication date."""
    if page.meta.get("og:type", "").strip().lower() == "article":
        return True
    if page.meta.get("article:published_time"):
        return True
    ld = json_ld_article(page.json_ld)
    types = ld.get("@type")
    types = types if isinstance(types, list) else [types]
    return bool(ld.get("headline")) and not any(isinstance(t, str) and t.lower() == "webpage" for t in types)


def with_visible_byline(meta: Metadata, kept: list, removed: list) -> Metadata:
    """Authors and date from the byline printed at the top of the article
    ("By Rhiannon Price", "12. Mai 2025 von Hannelore Brix") when the page's
    metadata names none. ``removed``: (block, reason) pairs from the
    boilerplate stage, which has already recognised those lines; only those
    above the article's second kept block count (a date lower down is a
    related story's)."""
    top = kept[1].index if len(kept) > 1 else (kept[0].index + 1 if kept else 0)
    lines = [block.text for block, reason in removed if reason in ("byline", "date line") and block.index < top]
    lines = [line for line in lines if len(line) <= 200][:4]
    authors, published = meta.authors, meta.published
    for line in lines:
        names = clean_names(visible_names(line), meta.site)
        if names:
            # The printed byline wins when the metadata names none, or only some, of its people.
            known = {name_key(name) for name in names}
            if not authors or (len(names) > len(authors) and all(name_key(a) in known for a in authors)):
                authors = names
            break
    if not published:
        for line in lines:
            found = loose_date(line)
            if found and normalise_date(found):
                published = found
                break
    if (authors, published) == (meta.authors, meta.published):
        return meta
    return Metadata(meta.title, authors, published, meta.site, meta.language)


"""Stage 6: title, authors, published date, site name and language.

Sources in order of trust: JSON-LD (schema.org Article types), OpenGraph and
article:* properties, other <meta> names (Dublin Core, Parsely, sailthru),
<time datetime>, then the document itself (<h1>, <title>, <html lang>).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime

import lxml.html
from lxml import etree

from extract.sanitize import clean_inline

_ARTICLE_TYPES = {
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "blogposting", "socialmediaposting", "liveblogposting", "backgroundnewsarticle", "webpage",
    "scholarlyarticle", "techarticle", "report", "review", "posting",
}
_TITLE_SEPARATORS = re.compile(r"\s+[|–—-]\s+|\s+::\s+|\s+»\s+|\s+·\s+")
_LANG = re.compile(r"^[a-z]{2,3}\b", re.I)


@dataclass(slots=True, frozen=True)
class Metadata:
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    site: str | None = None
    language: str | None = None


def parse_document(html: str) -> etree._Element | None:
    """Parse a whole page for metadata; None when it is not parseable."""
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def html_metadata(root: etree._Element | None, url: str | None = None) -> Metadata:
    """Read the page's metadata from its parsed tree."""
    if root is None:
        return Metadata()
    meta = _meta_tags(root)
    ld = _json_ld_article(root)

    title = _first(
        _ld_text(ld.get("headline")),
        meta.get("og:title"),
        meta.get("twitter:title"),
        meta.get("dc.title"),
        _h1(root),
        _document_title(root),
    )
    site = _first(
        _ld_name(ld.get("publisher")),
        meta.get("og:site_name"),
        meta.get("application-name"),
        meta.get("twitter:site", "").lstrip("@") or None,
    )
    if title and site:
        title = _strip_site(title, site)
    elif title and not ld.get("headline") and not meta.get("og:title"):
        title = _strip_site(title, None)

    authors = _authors(ld, meta, root)
    published = _first_date(
        ld.get("datePublished"),
        meta.get("article:published_time"),
        meta.get("og:article:published_time"),
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
        _time_element(root),
        ld.get("dateModified"),
        meta.get("article:modified_time"),
    )
    language = _language(
        _ld_text(ld.get("inLanguage")),
        root.get("lang"),
        root.get("{http://www.w3.org/XML/1998/namespace}lang"),
        meta.get("og:locale"),
        meta.get("content-language"),
        meta.get("language"),
        meta.get("dc.language"),
    )
    return Metadata(
        title=clean_inline(title) or None if title else None,
        authors=authors,
        published=published,
        site=clean_inline(site) or None if site else None,
        language=language,
    )


def _first(*values: str | None) -> str | None:
    for value in values:
        if value and value.strip():
            return " ".join(value.split())
    return None


def _meta_tags(root: etree._Element) -> dict[str, str]:
    found: dict[str, str] = {}
    for element in root.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or element.get("http-equiv") or "").strip().lower()
        value = element.get("content")
        if key and value and value.strip() and key not in found:
            found[key] = value.strip()
    return found


def _json_ld_article(root: etree._Element) -> dict:
    """The first schema.org article-like object in the page's JSON-LD."""
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text.strip().rstrip(";"))
        except (ValueError, RecursionError):
            continue
        for item in _walk_ld(data):
            types = item.get("@type")
            types = types if isinstance(types, list) else [types]
            if any(isinstance(t, str) and t.lower() in _ARTICLE_TYPES for t in types) and (
                item.get("headline") or item.get("datePublished") or item.get("author")
            ):
                return item
    return {}


def _walk_ld(data: object, depth: int = 0):  # type: ignore[no-untyped-def]
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk_ld(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
            if key in data:
                yield from _walk_ld(data[key], depth + 1)


def _ld_text(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value and isinstance(value[0], str):
        return value[0]
    return None


def _ld_name(value: object) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        return _ld_text(value.get("name"))
    return _ld_text(value)


def _authors(ld: dict, meta: dict[str, str], root: etree._Element) -> tuple[str, ...]:
    names: list[str] = []
    author = ld.get("author") or ld.get("creator")
    for item in author if isinstance(author, list) else [author]:
        name = _ld_name(item)
        if name:
            names.extend(_split_names(name))
    if not names:
        for key in ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl"):
            value = meta.get(key)
            if value and not value.startswith(("http://", "https://")):
                names.extend(_split_names(re.sub(r"^by\s+", "", value, flags=re.I)))
                break
    if not names:
        for element in root.xpath('//*[@rel="author" or @itemprop="author"]')[:3]:
            text = element.text_content().strip()
            if 0 < len(text) <= 60:
                names.extend(_split_names(text))
    unique: list[str] = []
    for name in names:
        name = clean_inline(name)
        if name and name.casefold() not in {n.casefold() for n in unique} and len(name) <= 80:
            unique.append(name)
    return tuple(unique[:8])


def _split_names(value: str) -> list[str]:
    parts = re.split(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\bi\b|\by\b)\s*", value.strip())
    return [p for p in parts if p and not p.startswith(("http://", "https://"))]


def _h1(root: etree._Element) -> str | None:
    for element in root.iter("h1"):
        text = element.text_content().strip()
        if text:
            return text
    return None


def _document_title(root: etree._Element) -> str | None:
    element = root.find(".//title")
    if element is not None and element.text:
        return element.text
    return None


def _strip_site(title: str, site: str | None) -> str:
    """Drop " | Site Name" from a title, when the site is known or the part is short."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    if site:
        site_key = site.casefold()
        kept = [p for p in parts if p.strip().casefold() != site_key and site_key not in p.strip().casefold()]
        if kept and len(kept) < len(parts):
            return " - ".join(kept) if len(kept) > 1 else kept[0]
    longest = max(parts, key=len)
    return longest if len(longest.split()) >= 4 else title


def _time_element(root: etree._Element) -> str | None:
    for element in root.iter("time"):
        value = element.get("datetime")
        if value:
            return value
    return None


def normalise_date(value: object) -> str | None:
    """An ISO 8601 date, or date-time with offset; naive times become dates."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    iso = text.replace("Z", "+00:00").replace(" ", "T", 1) if re.match(r"\d{4}-\d{2}-\d{2}", text) else None
    if iso:
        iso = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", iso)
        iso = re.sub(r"\.\d+(?=[+-]|$)", "", iso)
        try:
            moment = datetime.fromisoformat(iso)
        except ValueError:
            try:
                return date.fromisoformat(text[:10]).isoformat()
            except ValueError:
                return None
        if moment.tzinfo is None:
            return moment.date().isoformat()
        return moment.isoformat()
    for pattern in ("%a, %d %b %Y %H:%M:%S %z", "%d %B %Y", "%B %d, %Y", "%b %d, %Y", "%Y%m%d", "%d.%m.%Y", "%Y/%m/%d"):
        try:
            moment = datetime.strptime(text, pattern)
        except ValueError:
            continue
        return moment.isoformat() if moment.tzinfo else moment.date().isoformat()
    return None


def _first_date(*values: object) -> str | None:
    for value in values:
        normal = normalise_date(_ld_text(value) if not isinstance(value, str) else value)
        if normal and 1990 <= int(normal[:4]) <= 2100:
            return normal
    return None


def _language(*values: str | None) -> str | None:
    for value in values:
        if value:
            match = _LANG.match(value.strip().replace("_", "-"))
            if match:
                return match.group(0).lower()
    return None


# Very common function words per language: enough to tell a plain text's
# language when nothing declares it. Scores are counts of these words.
_STOPWORDS = {
    "en": "the and of to in is that for it with was on as by at from his her they said this be have are",
    "de": "der die und das ist nicht ein eine zu den mit sich des auf für im dem auch es von sie",
    "fr": "le la les et des est une un du que dans pour pas qui sur au avec il elle ce sont",
    "es": "el la los las y de que en un una por con para es se del al lo como más pero",
    "it": "il la le di che e un una per non sono del della con si gli nel alla anche è",
    "pt": "o a os as e de que em um uma para com não do da no na se por mais foi",
    "nl": "de het een en van is dat op te in zijn met voor niet aan er ook als bij",
    "pl": "i w na z się nie do to że jest o jak po co ale przez od za dla tak",
    "sv": "och i att det som en på är av för med till den har inte om ett var",
}
_STOPWORD_SETS = {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}


def guess_language(text: str) -> str | None:
    """Guess a Latin-script text's language from its function words, or None."""
    tokens = re.findall(r"[^\W\d_]+", text[:20000].lower())
    if len(tokens) < 20:
        return None
    scores = {lang: sum(1 for t in tokens if t in words) for lang, words in _STOPWORD_SETS.items()}
    best = max(scores, key=scores.__getitem__)
    if scores[best] < max(5, len(tokens) // 25):
        return None
    return best

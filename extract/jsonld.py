"""Reading a page's JSON-LD (schema.org): its article object, dates and
names, through ``@graph`` wrappers and ``@id`` references, whatever shape
(string, list, object) a site gives each value. ``metadata`` asks it.
"""

from __future__ import annotations

import re

from byline.extract.dates import normalise_date

#: schema.org types that hold a page's article (lower case).
ARTICLE_TYPES = {
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "blogposting", "socialmediaposting", "liveblogposting", "backgroundnewsarticle", "webpage",
    "scholarlyarticle", "techarticle", "report", "review", "posting", "claimreview", "videoobject",
}
# JSON-LD wrapped for old parsers: "//<![CDATA[ … //]]>", "/*<![CDATA[*/ … /*]]>*/", "<!-- … -->".
_JSON_WRAPPERS = re.compile(r"^\s*(?://|/\*)?\s*(?:<!\[CDATA\[|<!--)\s*(?:\*/)?|(?://|/\*)?\s*(?:\]\]>|-->)\s*(?:\*/)?\s*$")


def unwrap_json(body: str) -> str:
    """A JSON-LD script's JSON, without a CDATA or comment wrapper or a trailing ";"."""
    return _JSON_WRAPPERS.sub("", body).strip().rstrip(";")


def json_ld_article(items: list[object]) -> dict:
    """The first schema.org article-like object in the page's JSON-LD."""
    for data in items:
        for item in walk_ld(data):
            types = item.get("@type")
            types = types if isinstance(types, list) else [types]
            if any(isinstance(t, str) and t.lower() in ARTICLE_TYPES for t in types) and (
                item.get("headline") or item.get("datePublished") or item.get("author")
            ):
                return item
    return {}


def any_ld_date(items: list[object]) -> str | None:
    """The first datePublished that is a date, in any object of the page's JSON-LD."""
    for data in items:
        for item in walk_ld(data):
            value = item.get("datePublished")
            if isinstance(value, str) and normalise_date(value):
                return value
    return None


def walk_ld(data: object, depth: int = 0):  # type: ignore[no-untyped-def]
    """Every object in ``data``, into lists, @graph and main entities (six levels deep at most)."""
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from walk_ld(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
            if key in data:
                yield from walk_ld(data[key], depth + 1)


def ld_text(value: object) -> str | None:
    """A value given as a string, or the first of a list of strings."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value and isinstance(value[0], str):
        return value[0]
    return None


def ld_name(value: object) -> str | None:
    """A thing's name: a string, or the name of an object (the first of a list)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        return ld_text(value.get("name"))
    return ld_text(value)


def ld_nodes(items: list[object]) -> dict[str, dict]:
    """Every JSON-LD node with an @id, by its @id."""
    nodes: dict[str, dict] = {}
    for data in items:
        for item in walk_ld(data):
            if isinstance(item.get("@id"), str) and item.get("name"):
                nodes.setdefault(item["@id"], item)
    return nodes

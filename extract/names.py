"""Names of authors as a reader expects them, from metadata and from the
byline a page prints: one name each, no "By", no handles, addresses, job
titles or the publication's own name, a name ending where the line goes on
to a date ("By Jane Doe Monday, …")."""

from __future__ import annotations

import html as html_lib
import re

from byline.extract.dates import MONTHS
from byline.extract.sanitize import clean_inline

# Author strings that are not a person's name: job titles, usernames, addresses.
_NOT_A_NAME = re.compile(
    r"@|https?://|www\.|\.\w{2,4}$|"
    r"\b(writer|staff|correspondent|reporter|editor|bureau|desk|contributor|redaktion|rédaction|redakcja)s?$",
    re.I,
)
#: "By" and its kin before a byline's names.
BY = re.compile(r"^(by|von|par|przez|por|di|door|av|af)\s+", re.I)


def looks_like_name(name: str) -> bool:
    tokens = name.split()
    return 2 <= len(tokens) <= 5 and all(t[0].isupper() or t.lower() in NAME_PARTICLES for t in tokens)


def clean_names(names: list[str], site: str | None = None) -> tuple[str, ...]:
    """Names as a reader expects them: each once, no "By", no handles, addresses
    or job titles, not the publication's own name, capitals tamed."""
    unique: list[str] = []
    seen = {name_key(site)} if site else set()
    for name in names:
        name = clean_inline(BY.sub("", html_lib.unescape(name)))
        if not name or len(name) > 80 or name_key(name) in seen or _NOT_A_NAME.search(name) or name.islower():
            continue
        seen.add(name_key(name))
        unique.append(_title_case(name) if name.isupper() and " " in name else name)
    return tuple(unique[:8])


def _title_case(name: str) -> str:
    """"JANE O'NEIL-ROE" (a wire byline in capitals) reads "Jane O'Neil-Roe"."""
    return re.sub(r"[^\W\d_]+", lambda word: word.group(0).capitalize(), name)


# Initials alone: "C.", "J.-P.", "M. K." — the given name of a "Surname, Initial" author.
_INITIALS = re.compile(r"^(?:[^\W\d_]{1,2}\.(?:\s*-?\s*)?)+$")


def split_names(value: str) -> list[str]:
    """"Jane Doe and John Roe" is two names; "Okafor, C." (surname, initials) is one."""
    pieces = re.split(r"(\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\bi\b|\by\b)\s*)", value.strip())
    parts: list[str] = []
    for index in range(0, len(pieces), 2):
        part = pieces[index].strip()
        separator = pieces[index - 1].strip() if index else ""
        if parts and separator == "," and _INITIALS.match(part):
            parts[-1] = f"{parts[-1]}, {part}"
        elif part:
            parts.append(part)
    return [p for p in parts if not p.startswith(("http://", "https://"))]


def name_key(name: str) -> str:
    """"Snopes.com", "snopes" and "SNOPES" are one name."""
    name = re.sub(r"\.(com|net|org|info|news|co\.uk|[a-z]{2})$", "", name.strip().casefold())
    return "".join(ch for ch in name if ch.isalnum())


def person_like(name: str) -> bool:
    """Two to five capitalised words, none a web address or shouted (a
    dateline running on after the byline: "Cleveland.com CLEVELAND, Ohio")."""
    tokens = name.split()
    return looks_like_name(name) and not any(
        re.search(r"[^\W\d_]\.[^\W\d_]", token) or (len(token) > 2 and token.isupper()) for token in tokens
    )


# A name's next word is never a joiner: "By Jane Doe and John Roe" is two names, not "Jane Doe and John".
_NEXT_WORD = r"\s+(?!(?:and|und|et|y|i|on|at|am|um|le|el|in)\b)[^\W\d_][\w'’.-]*"


_VISIBLE_BY = re.compile(
    r"(?:^|\s)(?:by|von|par|przez|por|di|door|av|af)\s+([^\W\d_][\w'’.-]*(?:" + _NEXT_WORD + r"){0,3}"
    r"(?:\s*(?:,|&|\band\b|\bund\b|\bet\b)\s*[^\W\d_][\w'’.-]*(?:" + _NEXT_WORD + r"){0,3})*)",
    re.I,
)


NAME_PARTICLES = frozenset("von van der den de del della di da du la le bin al el dos das ter ten".split())


def visible_names(line: str) -> list[str]:
    match = _VISIBLE_BY.search(line.split("\n", 1)[0])
    if match is None:
        return []
    names = []
    for name in split_names(re.split(r"\s*[|•·/@]\s*|\s+[-–—]\s+", match.group(1))[0]):
        tokens = []
        # A name ends where the line goes on: "Malcolm Owen Monday, …", "Minh Do on Monday".
        for token in name.split():
            if token.lower().strip(".,") in _DATE_WORDS or not (token[0].isupper() or token.lower() in NAME_PARTICLES):
                break
            tokens.append(token)
        if tokens and tokens[-1].lower() not in NAME_PARTICLES:
            names.append(" ".join(tokens))
    return names


_DATE_WORDS = frozenset(MONTHS) | frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun "
    "montag dienstag mittwoch donnerstag freitag samstag sonntag lundi mardi mercredi jeudi vendredi samedi dimanche "
    "updated published posted".split()
)

"""Every mention of every entity: each alias searched for in the whole text."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from byline.extract.article import Entity

#: A word that may open an alias (aliases start with a capital letter), not
#: inside a word or after "&".
_CAPITAL_WORD = re.compile(r"(?<![\w&])[^\W\d_a-z]\w*")
_LEADING_WORD = re.compile(r"\w+")


def locate(text: str, entities: list[Entity], searched: list[list[str]]) -> list[Entity]:
    """Find every occurrence of every alias; a longer name wins an overlap."""
    forms: dict[str, int] = {}
    for index, names in enumerate(searched):
        for name in names:
            forms.setdefault(name, index)
    if not forms:
        return entities
    # Aliases in a trie of their words: each capitalised word of the text
    # walks a few levels down it, rather than every alias being tried there.
    trie = _Trie(forms)
    kept = [(start, end, index) for index, entity in enumerate(entities) for start, end in entity.mentions]
    # The mentions the engine found stand (a place inside a ministry's name
    # included); an alias found by search must not overlap anything.
    taken = sorted((start, end) for start, end, _ in kept)
    resume = 0
    for word in _CAPITAL_WORD.finditer(text):
        start = word.start()
        if start < resume:
            continue
        form = trie.longest(text, start, word.group())
        if form is None:
            continue
        end = resume = start + len(form)
        position = bisect.bisect_right(taken, (end, end))
        if any(s < end and start < e for s, e in taken[max(0, position - 3) : position]):
            continue
        kept.append((start, end, forms[form]))
    kept.sort()
    mentions: dict[int, list[tuple[int, int]]] = {}
    for start, end, index in kept:
        mentions.setdefault(index, []).append((start, _trim_end(text, start, end)))
    located = []
    for index, entity in enumerate(entities):
        spans = tuple(mentions.get(index, ()))
        if spans:
            located.append(Entity(entity.name, entity.type, entity.aliases, spans))
    return located


class _Trie:
    """Aliases by the sequence of their words ("U.S. Army" → U, S, Army)."""

    #: Characters that may stand between two words of a name (". ", " & ", "-").
    _NEXT_WORD = re.compile(r"\W{1,4}(\w+)")

    def __init__(self, forms: Iterable[str]) -> None:
        self.root: dict = {}
        for form in forms:
            node = self.root
            for word in _LEADING_WORD.findall(form):
                node = node.setdefault(word, {})
            node.setdefault("", []).append(form)

    def longest(self, text: str, start: int, first: str) -> str | None:
        """The longest alias that starts at ``start`` (whose first word is
        ``first``) and ends where the name ends."""
        node = self.root.get(first)
        end = start + len(first)
        found = None
        while node is not None:
            for form in node.get("", ()):
                if (found is None or len(form) > len(found)) and text.startswith(form, start) and _ends_name(text, start + len(form)):
                    found = form
            following = self._NEXT_WORD.match(text, end)
            if following is None:
                break
            node = node.get(following.group(1))
            end = following.end()
        return found


def _ends_name(text: str, end: int) -> bool:
    """No word, "&" or "-Capital" continues the name past ``end``."""
    following = text[end : end + 2]
    if not following:
        return True
    return not (following[0].isalnum() or following[0] in "_&" or following[0] == "-" and "A" <= following[1:2] <= "Z")


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in "’'":
        end -= 1
    return end

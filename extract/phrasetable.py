"""A table of whole-block patterns that compiles only what a page needs.

The furniture table holds a few hundred alternatives (labels in a dozen
languages). Compiled as one alternation it costs 50–150 ms, all of it on the
first page a process reads, though a page's short blocks can only ever match
a handful of the alternatives: "Advertisement" cannot be "Lesen Sie auch".

So each alternative keeps its own pattern, compiled on first need, behind a
gate read from the pattern's own text (no regex parser): the literal words
the block must start with ("share", "folgen sie") or, failing that, a
literal it must contain somewhere ("newsletter"). A block only tries the
alternatives whose gate it passes, in table order, so the first alternative
that matches the whole block wins, exactly as in the one alternation. An
alternative whose text the gate reader does not follow is always tried:
the gate can only save work, never change a verdict.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_META = frozenset("\\.^$*+?{}[]()|")
_OPTIONAL = "?*{"
# A leading "anything, up to N characters" (and a word boundary or spaces after it).
_LEADING_ANY = re.compile(r"\.\{0,\d+\}(?:\\b|\\s\*)?")
# re.IGNORECASE matches these too, beyond what str.casefold maps.
_FOLD_FIXES = str.maketrans({"ı": "i", "İ": "i", "ϑ": "θ", "ϐ": "β", "ϵ": "ε", "ϰ": "κ", "ϱ": "ρ", "ϖ": "π", "ẛ": "ṡ"})


def fold(text: str) -> str:
    """``text`` as the gates compare it: case-folded."""
    return text.casefold().translate(_FOLD_FIXES)


class PhraseTable:
    """Whole-block patterns in order, each with a reason; :meth:`reason` names
    the reason of the first pattern that matches all of a text."""

    __slots__ = ("_entries", "_flags", "_compiled", "_by_first", "_by_literal", "_always")

    def __init__(self, entries: Iterable[tuple[str, str, str]], flags: int = re.I | re.S) -> None:
        # (reason, one top-level alternative, what may follow it).
        self._entries = [
            (reason, atom, tail) for reason, source, tail in entries for atom in split_alternatives(source)
        ]
        self._flags = flags
        self._compiled: list[re.Pattern[str] | None] = [None] * len(self._entries)
        self._by_first: dict[str, list[tuple[int, tuple[str, ...]]]] | None = None
        self._by_literal: dict[str, list[int]] = {}
        self._always: list[int] = []

    def __len__(self) -> int:
        return len(self._entries)

    def _index(self) -> dict[str, list[tuple[int, tuple[str, ...]]]]:
        by_first: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        for number, (_, atom, _tail) in enumerate(self._entries):
            mode, literals = gate(atom)
            if mode == "start":
                for first in {literal[0] for literal in literals}:
                    starts = tuple(literal for literal in literals if literal[0] == first)
                    by_first.setdefault(first, []).append((number, starts))
            elif mode == "contains":
                for literal in literals:
                    self._by_literal.setdefault(literal, []).append(number)
            else:
                self._always.append(number)
        self._by_first = by_first
        return by_first

    def candidates(self, text: str) -> list[int]:
        """The numbers of the entries ``text`` could match, in table order."""
        by_first = self._by_first if self._by_first is not None else self._index()
        key = fold(text)
        found = list(self._always)
        if key:
            found.extend(number for number, starts in by_first.get(key[0], ()) if key.startswith(starts))
        for literal, numbers in self._by_literal.items():
            if literal in key:
                found.extend(numbers)
        found = sorted(set(found))
        return found

    def reason(self, text: str) -> str | None:
        """The reason of the first entry whose pattern matches all of ``text``, or None."""
        for number in self.candidates(text):
            pattern = self._compiled[number]
            if pattern is None:
                _, atom, tail = self._entries[number]
                pattern = self._compiled[number] = re.compile(f"(?:{atom}){tail}", self._flags)
            if pattern.fullmatch(text):
                return self._entries[number][0]
        return None

    def sources(self) -> list[tuple[str, str]]:
        """(reason, pattern) for every entry, in order: what :meth:`reason` tries."""
        return [(reason, f"(?:{atom}){tail}") for reason, atom, tail in self._entries]


def split_alternatives(source: str) -> list[str]:
    """``source`` cut at its top-level ``|``."""
    parts, start = [], 0
    for i, char, depth in _syntax(source):
        if char == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
    parts.append(source[start:])
    return parts


def _syntax(source: str, i: int = 0) -> Iterator[tuple[int, str, int]]:
    """(index, character, group depth after it) for each character of
    ``source`` from ``i`` that is neither escaped nor inside a [class]."""
    depth, in_class = 0, False
    while i < len(source):
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        else:
            if char == "[":
                in_class = True
            elif char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
            yield i, char, depth
        i += 1


def gate(atom: str) -> tuple[str, frozenset[str]]:
    """("start", literals) when a match must start with one of ``literals``;
    ("contains", literals) when it must contain one; ("always", ∅) otherwise."""
    starts = _prefixes(atom)
    if starts and all(len(literal) >= 2 for literal in starts):
        return "start", frozenset(fold(literal) for literal in starts)
    lead = _LEADING_ANY.match(atom)
    rest = atom[lead.end() :] if lead else atom
    inside = _required(rest)
    if inside:
        return "contains", frozenset(fold(literal) for literal in inside)
    if starts:
        return "start", frozenset(fold(literal) for literal in starts)
    return "always", frozenset()


# Literal text: characters that are not regex syntax, and escaped punctuation.
_LITERAL = re.compile(r"(?:[^\\.^$*+?{}\[\]()|]|\\[^\w])*")
_ESCAPE = re.compile(r"\\(.)")


def _literal_run(source: str, i: int) -> tuple[str, int]:
    """The literal text at ``i`` (escaped punctuation included) and where it stops."""
    match = _LITERAL.match(source, i)
    text = match.group()
    return (_ESCAPE.sub(r"\1", text) if "\\" in text else text), match.end()


def _closing(source: str, i: int) -> int:
    """Where the group opening at ``i`` closes (-1: it does not)."""
    return next((j for j, char, depth in _syntax(source, i) if char == ")" and depth == 0), -1)


def _group(source: str, i: int) -> tuple[str | None, int, bool]:
    """The plain group at ``i``: (its inner text or None for a special group,
    the index after it and its quantifier, whether it may be absent)."""
    end = _closing(source, i)
    if end < 0:
        return None, len(source), True
    inner = source[i + 1 : end]
    after = end + 1
    optional = after < len(source) and source[after] in _OPTIONAL and not source.startswith("{1", after)
    while after < len(source) and source[after] in "?*+":
        after += 1
    if after < len(source) and source[after] == "{":
        close = source.find("}", after)
        after = len(source) if close < 0 else close + 1
        if after < len(source) and source[after] == "?":
            after += 1
    if inner.startswith("?:"):
        inner = inner[2:]
    elif inner.startswith("?"):
        return None, after, optional
    return inner, after, optional


def _prefixes(source: str, depth: int = 0) -> set[str] | None:
    """Literals one of which every match of ``source`` starts with, or None."""
    if depth > 8 or not source:
        return None
    run, i = _literal_run(source, 0)
    if run:
        if i < len(source) and source[i] in _OPTIONAL:
            run = run[:-1]
        return {run} if run else None
    if source[0] != "(":
        return None
    inner, after, optional = _group(source, 0)
    if inner is None:
        return None
    rest = source[after:]
    found: set[str] = set()
    for branch in split_alternatives(inner):
        # A branch's own prefix; a branch that is all literal also runs on into what follows.
        literal, stop = _literal_run(branch, 0)
        whole = stop == len(branch)
        branch_prefixes = _prefixes(branch + rest if whole and not optional else branch, depth + 1)
        if not branch_prefixes:
            return None
        found |= branch_prefixes
    if optional:
        tail = _prefixes(rest, depth + 1)
        if not tail:
            return None
        found |= tail
    return found or None


def _required(source: str, depth: int = 0) -> set[str] | None:
    """Literals (three characters or more) one of which every match of
    ``source`` contains, or None when no such set is read from it."""
    if depth > 8:
        return None
    i = 0
    while i < len(source):
        char = source[i]
        if char == "(":
            inner, after, optional = _group(source, i)
            if inner is not None and not optional:
                found: set[str] = set()
                for branch in split_alternatives(inner):
                    inside = _required(branch, depth + 1)
                    if not inside:
                        found = set()
                        break
                    found |= inside
                if found:
                    return found
            i = after
            continue
        if char == "[":
            close = i + 1
            while close < len(source) and source[close] != "]":
                close += 2 if source[close] == "\\" else 1
            i = close + 1
        elif char == "\\":
            i += 2
        elif char in _META:
            i += 1
            if char == "{":
                close = source.find("}", i)
                i = len(source) if close < 0 else close + 1
            continue
        else:
            run, stop = _literal_run(source, i)
            if stop < len(source) and source[stop] in _OPTIONAL:
                run = run[:-1]
            if len(run.strip()) >= 3:
                return {run}
            i = max(stop, i + 1)
            continue
        # An element just skipped may itself be optional; what follows still must match.
        while i < len(source) and source[i] in "?*+":
            i += 1
    return None

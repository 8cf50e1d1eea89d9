"""Readers of the word tables in ``data/``: small hand-written tables read
line by line, and the large generated ones (places, names) read without
parsing a line each.

A large table is a sorted list of one name a line (optionally a tab and a
value after it). Looking a name up bisects the text itself: the first call
of a process builds no set of 50,000 strings for the few hundred names an
article asks about, and holds one string per table, not one per name.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@cache
def lines(name: str) -> tuple[str, ...]:
    """The lines of a small hand-written table, without comments or blank
    lines (read once: several tables are read by more than one function)."""
    text = (DATA / name).read_text(encoding="utf-8")
    # The tables are written clean: only lines with spaces at their ends need a strip.
    return tuple(line.strip() if line[-1:].isspace() or line[:1].isspace() else line for line in text.splitlines() if line and line[0] != "#" and not line.isspace())


def words(name: str) -> frozenset[str]:
    return frozenset(word for line in lines(name) for word in line.split())


def body(name: str) -> str:
    """A generated table without its header (the comment lines at its top),
    every line ending in a newline."""
    text = (DATA / name).read_text(encoding="utf-8")
    start = 0
    while text.startswith("#", start):
        start = text.index("\n", start) + 1
    return text[start:] if text.endswith("\n") else text[start:] + "\n"


def sections(name: str) -> dict[str, str]:
    """A generated table in sections headed "[name]": each section's lines,
    as one string."""
    found = {}
    for chunk in ("\n" + body(name)).split("\n[")[1:]:
        head, _, names = chunk.partition("]\n")
        found[head] = names + "\n" if names and not names.endswith("\n") else names
    return found


def split(table: str) -> list[str]:
    """The lines of a table's text (one name each)."""
    return table[:-1].split("\n") if table else []


class SortedNames:
    """Membership in a sorted table of one name a line, by bisection of its
    text (about 17 comparisons for 50,000 names). Answers are remembered, up
    to ``REMEMBERED`` names."""

    REMEMBERED = 1 << 16
    __slots__ = ("text", "_known")

    def __init__(self, text: str) -> None:
        self.text = text
        self._known: dict[str, str | None] = {}

    def __contains__(self, name: str) -> bool:
        return self.value(name) is not None

    def value(self, name: str) -> str | None:
        """What follows the name's tab on its line ("" when nothing does),
        or None when the name is not in the table."""
        try:
            return self._known[name]
        except KeyError:
            pass
        if len(self._known) >= self.REMEMBERED:
            self._known.clear()
        found = self._known[name] = self._find(name) if "\n" not in name and "\t" not in name else None
        return found

    def _find(self, name: str) -> str | None:
        text = self.text
        low, high = 0, len(text)  # both at the start of a line
        while low < high:
            middle = (low + high) // 2
            start = text.rfind("\n", low, middle) + 1 or low
            end = text.index("\n", start)
            line = text[start:end]
            key, tab, value = line.partition("\t")
            if key == name:
                return value if tab else ""
            if key < name:
                low = end + 1
            else:
                high = start
        return None


class Filtered:
    """A sorted name table less the words news capitalises for other reasons
    (``common`` as written, ``common_lower`` in lower case): a read-only
    mapping of name → its value."""

    __slots__ = ("_names", "_common", "_common_lower")

    def __init__(self, names: SortedNames, common: frozenset[str], common_lower: frozenset[str]) -> None:
        self._names = names
        self._common = common
        self._common_lower = common_lower

    def _kept(self, name: str) -> bool:
        return name not in self._common and name.lower() not in self._common_lower

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self._kept(name) and name in self._names

    def get(self, name: str, default: str | None = None) -> str | None:
        value = self._names.value(name) if self._kept(name) else None
        return default if value is None else value

    def __getitem__(self, name: str) -> str:
        value = self.get(name)
        if value is None:
            raise KeyError(name)
        return value

    def __iter__(self):
        for line in split(self._names.text):
            name = line.partition("\t")[0]
            if self._kept(name):
                yield name

    def __len__(self) -> int:
        return sum(1 for _ in self)

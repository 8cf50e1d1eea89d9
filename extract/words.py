"""Words counted the same way by every stage, in scripts written with spaces
and without.

``\\w+`` counts a run of letters as one word, so a Japanese or Chinese
paragraph of two hundred characters, written without spaces, is "three
words" and every threshold in words (a short label, a substantive paragraph,
the safeguard's floor) misreads it. Here each Han, Hiragana or Katakana
character is a word of its own: a paragraph of CJK text then counts about as
many words as its English translation has, give or take a factor of two,
which is all the thresholds need. (Korean is written with spaces.)

The runs are found with ``\\w+`` and only a run holding CJK is split, in
Python: a character class spanning the CJK blocks costs the regex compiler
about 10 ms, which every fresh process would pay on its first page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def is_cjk(char: str) -> bool:
    """Hiragana, Katakana, a CJK ideograph (unified, extension A, compatibility), 々 or 〆."""
    return (
        "\u3040" <= char <= "\u30ff"
        or "\u4e00" <= char <= "\u9fff"
        or "\u3400" <= char <= "\u4dbf"
        or "\uf900" <= char <= "\ufaff"
        or char in "\u3005\u3006"
    )


#: The lowest code point :func:`is_cjk` accepts.
_FIRST_CJK = "\u3005"
#: UTF-8 lead bytes of U+3000–U+9FFF and U+F000–U+FFFF: a text without them
#: has no CJK (``bytes.__contains__`` runs in C, which a regex class spanning
#: these blocks would make the first page pay 7–10 ms to compile).
_CJK_LEADS = (b"\xe3", b"\xe4", b"\xe5", b"\xe6", b"\xe7", b"\xe8", b"\xe9", b"\xef")


def _may_hold_cjk(text: str) -> bool:
    if text.isascii():
        return False
    data = text.encode("utf-8", "surrogatepass")
    return any(lead in data for lead in _CJK_LEADS)


class Words:
    """A word pattern with the regex API the stages use (``findall``,
    ``finditer``), CJK characters one word each."""

    __slots__ = ("_run",)

    def __init__(self, pattern: str) -> None:
        self._run = re.compile(pattern)

    def findall(self, text: str) -> list[str]:
        if not _may_hold_cjk(text):
            return self._run.findall(text)
        return list(self.finditer(text))

    def finditer(self, text: str) -> Iterator[str]:
        """The words one by one (a caller counting to a limit stops early)."""
        for match in self._run.finditer(text):
            run = match.group()
            if run.isascii() or max(run) < _FIRST_CJK:
                yield run
                continue
            other: list[str] = []
            for char in run:
                if is_cjk(char):
                    if other:
                        yield "".join(other)
                        other = []
                    yield char
                else:
                    other.append(char)
            if other:
                yield "".join(other)


#: One word: a CJK character alone, or a run of other word characters.
WORD = Words(r"\w+")
#: The same, with inner apostrophes kept in the word ("don't", "l’eau").
WORD_WITH_APOSTROPHES = Words(r"\w+(?:['’]\w+)*")


def count(text: str) -> int:
    """The number of words in ``text``."""
    return len(WORD.findall(text))

"""What a reader remembers while reading: who was named where, the subjects
of recent sentences, the role nouns the text tied to names, what was said.

Also the two views of the text attribution works on: sentences (split
outside quotes) and skeletons (a stretch of text with each entity mention
replaced by a placeholder ``\\x01index\\x02``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from extract.article import Entity
from extract.entities import lexicon as lx
from extract.entities.tokens import ABBREVIATIONS
from extract.quotes.frames import Reference
from extract.quotes.marks import Span

_SENTENCE_END = re.compile(r"[.!?…]+[\"”’')\]]*\s+(?=[A-Z\"“‘(])")
_LAST_WORD = re.compile(r"(\S+)$")
_ROLE_FIRST = re.compile(r"(?:the|The)\s+(\w+),\s*$")


@dataclass(slots=True)
class Skeleton:
    """A stretch of text with mentions as placeholders; ``origin[i]`` is the
    text offset skeleton character ``i`` came from."""

    text: str
    origin: list[int]


@dataclass(slots=True)
class Discourse:
    entities: tuple[Entity, ...]
    text: str
    #: (start, end, entity index), by start, longest first.
    mentions: list[tuple[int, int, int]] = field(default_factory=list)
    #: (sentence start, entity index) of each sentence with a subject.
    subjects: list[tuple[int, int]] = field(default_factory=list)
    #: (role word offset, role noun, entity index).
    bindings: list[tuple[int, str, int]] = field(default_factory=list)
    #: (quote words, speaker index) of every attributed quote so far.
    said: list[tuple[str, int]] = field(default_factory=list)

    @classmethod
    def read(cls, text: str, entities: tuple[Entity, ...]) -> Discourse:
        mentions = sorted(
            ((start, end, index) for index, entity in enumerate(entities) for start, end in entity.mentions),
            key=lambda m: (m[0], -m[1]),
        )
        discourse = cls(entities, text, mentions)
        discourse._bind_roles()
        return discourse

    def kind(self, index: int) -> str:
        return self.entities[index].type

    def gender(self, index: int) -> str:
        """"m", "f" or "mf" (unknown), from an honorific or the given name."""
        entity = self.entities[index]
        for alias in entity.aliases:
            if alias.startswith(("Mr.", "Mr ")):
                return "m"
            if alias.startswith(("Ms.", "Mrs.", "Ms ", "Mrs ")):
                return "f"
        return lx.first_names().get(entity.name.split()[0], "mf")

    def skeleton(self, start: int, end: int) -> Skeleton:
        parts: list[str] = []
        origin: list[int] = []
        position = start
        first = bisect.bisect_left(self.mentions, (start, -1, -1))
        for m_start, m_end, index in self.mentions[first:]:
            if m_start >= end or m_end > end:
                break
            if m_start < position:
                continue
            parts.append(self.text[position:m_start])
            origin.extend(range(position, m_start))
            marker = f"\x01{index}\x02"
            parts.append(marker)
            origin.extend([m_start] * len(marker))
            position = m_end
        parts.append(self.text[position:end])
        origin.extend(range(position, end))
        return Skeleton("".join(parts), origin)

    def outside(self, start: int, end: int, quotes: list[Span]) -> Skeleton:
        """A sentence's skeleton with its quotes blanked out."""
        skeleton = self.skeleton(start, end)
        chars = list(skeleton.text)
        for span in quotes:
            close = span.close if span.close is not None else end
            for position, origin in enumerate(skeleton.origin):
                if span.open <= origin <= close:
                    chars[position] = " "
        return Skeleton("".join(chars), skeleton.origin)

    def named_in(self, start: int, end: int, quotes: list[Span] = ()) -> list[int]:
        """Entities named in ``text[start:end]``, outside the given quotes."""
        first = bisect.bisect_left(self.mentions, (start, -1, -1))
        found = []
        for m_start, _, index in self.mentions[first:]:
            if m_start >= end:
                break
            if not any(s.open < m_start < (s.close if s.close is not None else end) for s in quotes):
                found.append(index)
        return found

    def first_named(self, start: int, end: int, quotes: list[Span] = ()) -> int | None:
        """The first person (else organisation) named: a sentence's subject."""
        named = self.named_in(start, end, quotes)
        for kind in ("PERSON", "ORG"):
            for index in named:
                if self.kind(index) == kind:
                    return index
        return None

    def resolve(self, ref: Reference, skeleton: Skeleton, before: int, sentence_start: int) -> int | None:
        """The entity a reference points at, or None."""
        if ref.kind == "entity":
            return ref.entity
        at = skeleton.origin[ref.start] if ref.start < len(skeleton.origin) else before
        if ref.kind == "pronoun":
            return self.antecedent(ref.word, at, sentence_start)
        if ref.kind == "role" and ref.definite:
            bound = self._role(ref.word, at)
            if bound is None and lx.role_nouns().get(ref.word, "PERSON") == "PERSON":
                # "the 56-year-old said", "the Portuguese boss added": the
                # person the text is about.
                return self.antecedent("person", at, sentence_start)
            return bound
        return None

    def antecedent(self, pronoun: str, at: int, sentence_start: int) -> int | None:
        """"he"/"she" → a person of that gender, "it"/"they" → an organisation:
        the first named earlier in the sentence, else a recent subject."""
        if pronoun in ("we", "i"):
            return None
        wanted = {"he": "m", "she": "f"}.get(pronoun)
        kinds = ("PERSON",) if wanted or pronoun == "person" else ("ORG",)
        recent = [
            index
            for start, _, index in self.mentions
            if sentence_start <= start < at and not _in_quote(self.text, sentence_start, start)
        ]
        for index in recent[:1] + [index for _, index in reversed(self.subjects)]:
            if self.kind(index) in kinds and (wanted is None or wanted in self.gender(index)):
                return index
        return None

    def _role(self, word: str, at: int) -> int | None:
        bound = [index for start, role, index in self.bindings if role == word and start <= at]
        if bound:
            return bound[-1]
        if lx.role_nouns().get(word) == "ORG":
            orgs = [index for start, _, index in self.mentions if start < at and self.kind(index) == "ORG"]
            return orgs[-1] if orgs else None
        return None

    def _bind_roles(self) -> None:
        """Tie role nouns to entities: "spokeswoman Maria Zakharova", "Marco
        Villa, the company's chief operating officer,", "The group, WeWorkers
        Coalition,". A binding counts from where its role word stands."""
        roles = lx.role_nouns()
        text = self.text
        for start, end, index in self.mentions:
            before = text[max(0, start - 40) : start]
            words = before.split()
            if words and words[-1].islower() and words[-1].strip(",") in roles:
                self.bindings.append((start - len(words[-1]) - 1, words[-1].strip(","), index))
            role_first = _ROLE_FIRST.search(before)
            if role_first and role_first.group(1).lower() in roles:
                self.bindings.append((max(0, start - 40) + role_first.start(), role_first.group(1).lower(), index))
            after = text[end : end + 120]
            if after.startswith(", "):
                phrase = re.split(r"[,.;:()]", after[2:], maxsplit=1)[0].split()[:8]
                role = next((w.lower().strip("'’") for w in phrase if w.lower().strip("'’") in roles), None)
                if role is not None:
                    self.bindings.append((start, role, index))
        self.bindings.sort()


def sentences(text: str, start: int, end: int, quotes: list[Span]) -> list[tuple[int, int]]:
    """Sentence bounds in a paragraph; full stops inside quotes do not count,
    except the one that ends a quote."""
    inside = [(s.open, s.close if s.close is not None else end) for s in quotes]
    bounds = [start]
    for match in _SENTENCE_END.finditer(text, start, end):
        if any(o < match.start() < c and not match.start() < c < match.end() for o, c in inside):
            continue
        # Only the word before the full stop matters: look back a little, not to
        # the paragraph's start (that made a long paragraph quadratic).
        word = _LAST_WORD.search(text, max(start, match.start() - 64), match.start() + 1)
        if word and word.group(1).rstrip(".") in ABBREVIATIONS:
            continue
        bounds.append(match.end())
    bounds.append(end)
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def _in_quote(text: str, start: int, at: int) -> bool:
    stretch = text[start:at]
    return stretch.count("“") > stretch.count("”") or stretch.count('"') % 2 == 1

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

from byline.extract.article import Entity
from byline.extract import lexicon as lx
from byline.extract.quotes.frames import Reference
from byline.extract.quotes.marks import Span

_SENTENCE_END = re.compile(r"[.!?…]+[\"”’')\]]*\s+(?=[A-Z\"“‘(])")
_LAST_WORD = re.compile(r"(\S+)$")
_ROLE_FIRST = re.compile(r"(?:the|The)\s+(\w+),\s*$")
_PHRASE_END = re.compile(r"[,.;:()]")
#: "X issued a statement", "X posted a statement on its website".
_ISSUED = re.compile(r"^(?:,[^,;.]{1,80},)?\s+(?:\w+ly\s+)?(?:issued|released|put out|posted|published|shared|sent)\s+(?:a|an|its|their|his|her|the)\s+(?:\w+\s+)?(?P<noun>statement|letter|note|post)\b")


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
    #: Look-ups built once, so that each question costs a bisection, not a
    #: scan of the whole article (see ``_index``).
    _starts: list[int] = field(default_factory=list)
    #: Entity type → (mention starts, entity indices), in text order.
    _by_kind: dict[str, tuple[list[int], list[int]]] = field(default_factory=dict)
    _roles: dict[str, tuple[list[int], list[int]]] = field(default_factory=dict)
    _latest: dict[str, int] = field(default_factory=dict)
    _genders: dict[int, str] = field(default_factory=dict)
    _opening: dict[int, _Opening] = field(default_factory=dict)
    _said_by_words: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def read(cls, text: str, entities: tuple[Entity, ...]) -> Discourse:
        mentions = sorted(
            ((start, end, index) for index, entity in enumerate(entities) for start, end in entity.mentions),
            key=lambda m: (m[0], -m[1]),
        )
        discourse = cls(entities, text, mentions)
        discourse._bind_roles()
        discourse._index()
        return discourse

    def _index(self) -> None:
        self._starts = [start for start, _, _ in self.mentions]
        for start, _, index in self.mentions:
            starts, indices = self._by_kind.setdefault(self.kind(index), ([], []))
            starts.append(start)
            indices.append(index)
        for start, role, index in self.bindings:
            starts, indices = self._roles.setdefault(role, ([], []))
            starts.append(start)
            indices.append(index)

    def add_subject(self, sentence_start: int, index: int) -> None:
        """Remember a sentence's subject; later pronouns look for the latest
        one of their kind ("he" → a man, "it" → an organisation)."""
        self.subjects.append((sentence_start, index))
        if self.kind(index) == "PERSON":
            self._latest["PERSON"] = index
            for gender in ("m", "f"):
                if gender in self.gender(index):
                    self._latest["PERSON" + gender] = index
        elif self.kind(index) == "ORG":
            self._latest["ORG"] = index

    def remember_said(self, words: str, speaker: int) -> None:
        self.said.append((words, speaker))
        split = words.split()
        for position in range(max(1, len(split) - 2)):
            key = " ".join(split[position : position + 3])
            entries = self._said_by_words.setdefault(key, [])
            if not entries or entries[-1] != len(self.said) - 1:
                entries.append(len(self.said) - 1)

    def said_before(self, words: str) -> int | None:
        """The speaker of the latest attributed quote that contains ``words``
        (three words or more), looked up by its first three words."""
        key = " ".join(words.split()[:3])
        padded = f" {words} "
        for entry in reversed(self._said_by_words.get(key, [])[-REPEAT_LOOKS:]):
            said, speaker = self.said[entry]
            if padded in f" {said} ":
                return speaker
        return None

    def kind(self, index: int) -> str:
        return self.entities[index].type

    def gender(self, index: int) -> str:
        """"m", "f" or "mf" (unknown): from an honorific, else from the
        pronouns the article itself uses right after the person's name ("Omar
        … her"), else from the given names table."""
        if index not in self._genders:
            self._genders[index] = self._gender(index)
        return self._genders[index]

    def _gender(self, index: int) -> str:
        entity = self.entities[index]
        for alias in entity.aliases:
            if alias.startswith(("Mr.", "Mr ")):
                return "m"
            if alias.startswith(("Ms.", "Mrs.", "Ms ", "Mrs ")):
                return "f"
        starts, _ = self._by_kind.get("PERSON", ((), ()))
        counts = {"m": 0, "f": 0}
        for start, end in entity.mentions[:GENDER_LOOKS]:
            # Up to the next person's name, a sentence or so.
            following = bisect.bisect_right(starts, start)
            stop = min(starts[following] if following < len(starts) else len(self.text), end + GENDER_REACH)
            paragraph_end = self.text.find("\n", end, stop)
            stop = paragraph_end if paragraph_end >= 0 else stop
            for pronoun in _GENDERED.findall(self.text, end, stop):
                counts["f" if pronoun.lower() in ("she", "her", "hers", "herself") else "m"] += 1
        if counts["m"] > 2 * counts["f"]:
            return "m"
        if counts["f"] > 2 * counts["m"]:
            return "f"
        return lx.first_names().get(entity.name.split()[0], "mf")

    def skeleton(self, start: int, end: int) -> Skeleton:
        parts: list[str] = []
        origin: list[int] = []
        position = start
        for number in range(bisect.bisect_left(self._starts, start), len(self.mentions)):
            m_start, m_end, index = self.mentions[number]
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
        if not quotes:
            return skeleton
        chars = list(skeleton.text)
        for span in quotes:
            close = span.close if span.close is not None else end
            # ``origin`` never decreases: the quote's characters are one stretch.
            first = bisect.bisect_left(skeleton.origin, span.open)
            last = bisect.bisect_right(skeleton.origin, close)
            chars[first:last] = " " * max(0, last - first)
        return Skeleton("".join(chars), skeleton.origin)

    def named_in(self, start: int, end: int, quotes: list[Span] = ()) -> list[int]:
        """Entities named in ``text[start:end]``, outside the given quotes."""
        first = bisect.bisect_left(self._starts, start)
        opens = [s.open for s in quotes]
        found = []
        for m_start, _, index in self.mentions[first : bisect.bisect_left(self._starts, end)]:
            # Quotes do not overlap: only the last one opened before can hold it.
            inside = bisect.bisect_left(opens, m_start) - 1
            if inside < 0 or not m_start < _close(quotes[inside], end):
                found.append(index)
        return found

    def first_named(self, start: int, end: int, quotes: list[Span] = ()) -> int | None:
        """The first person (else organisation) named: a sentence's subject."""
        if not quotes:
            for kind in ("PERSON", "ORG"):
                starts, indices = self._by_kind.get(kind, ((), ()))
                first = bisect.bisect_left(starts, start)
                if first < len(starts) and starts[first] < end:
                    return indices[first]
            return None
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
        if ref.kind == "role" and ref.word in lx.speaks_for():
            # "the statement read": whoever issued it; "a spokesperson said": bound, or just named.
            bound = self._role(ref.word, at) if ref.definite or ref.word not in lx.role_nouns() else None
            return bound if bound is not None else self._organisation_just_named(at)
        if ref.kind == "role" and ref.definite:
            bound = self._role(ref.word, at)
            if bound is None and lx.role_nouns().get(ref.word, "PERSON") == "PERSON":
                # "the 56-year-old said", "the Portuguese boss added": the
                # person the text is about.
                return self.antecedent("person", at, sentence_start)
            return bound
        return None

    def _organisation_just_named(self, at: int) -> int | None:
        """"Westway Ferries said it was disappointed. “…,” a spokesperson
        said.": an unnamed spokesperson speaks for the organisation that was
        the subject of the sentence just before."""
        if not self.subjects:
            return None
        start, index = self.subjects[-1]
        return index if self.kind(index) == "ORG" and 0 <= at - start <= SPOKESPERSON_REACH else None

    def antecedent(self, pronoun: str, at: int, sentence_start: int) -> int | None:
        """"he"/"she" → a person of that gender, "it"/"they" → an organisation:
        the first named earlier in the sentence, else a recent subject."""
        if pronoun in ("we", "i"):
            return None
        wanted = {"he": "m", "she": "f"}.get(pronoun)
        kind = "PERSON" if wanted or pronoun == "person" else "ORG"
        opening = self._opening_before(sentence_start, at)
        if opening is not None:
            if self.kind(opening) == kind and (wanted is None or wanted in self.gender(opening)):
                return opening
        return self._latest.get(kind + (wanted or ""))

    def _opening_before(self, sentence_start: int, at: int) -> int | None:
        """The first entity named from ``sentence_start`` on, before ``at``,
        outside quotation marks. Each sentence's mentions are read once, however
        many pronouns ask (the reading resumes where the last question stopped)."""
        reading = self._opening.get(sentence_start)
        if reading is None:
            reading = self._opening[sentence_start] = _Opening(bisect.bisect_left(self._starts, sentence_start), sentence_start)
        while reading.found is None and reading.next < len(self.mentions) and self.mentions[reading.next][0] < at:
            start, _, index = self.mentions[reading.next]
            reading.marks.read(self.text, reading.position, start)
            reading.position = start
            reading.next += 1
            if not reading.marks.open:
                reading.found = (start, index)
        if reading.found is not None and reading.found[0] < at:
            return reading.found[1]
        return None

    def _role(self, word: str, at: int) -> int | None:
        starts, indices = self._roles.get(word, ((), ()))
        bound = bisect.bisect_right(starts, at)
        if bound:
            return indices[bound - 1]
        if lx.role_nouns().get(word) == "ORG":
            # "the company said": the organisation a recent sentence was about,
            # else the last one named.
            latest = self._latest.get("ORG")
            if latest is not None and self.subjects and at - self.subjects[-1][0] <= SPOKESPERSON_REACH:
                return latest
            starts, indices = self._by_kind.get("ORG", ((), ()))
            before = bisect.bisect_left(starts, at)
            return indices[before - 1] if before else None
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
            elif words and before.endswith(" ") and words[-1].istitle() and self.kind(index) == "PERSON":
                # A capitalised title: "Judge Miriam Achterberg" … "the judge said".
                if lx.role_nouns().get(words[-1].lower()) == "PERSON":
                    self.bindings.append((start - len(words[-1]) - 1, words[-1].lower(), index))
            role_first = _ROLE_FIRST.search(before)
            if role_first and role_first.group(1).lower() in roles:
                self.bindings.append((max(0, start - 40) + role_first.start(), role_first.group(1).lower(), index))
            after = text[end : end + 120]
            issued = _ISSUED.match(after)
            if issued and self.kind(index) in ("ORG", "PERSON"):
                # "Big Machine Records issued a statement": the statement is theirs.
                self.bindings.append((end, issued.group("noun").lower(), index))
            if after.startswith(", "):
                phrase = _PHRASE_END.split(after[2:], maxsplit=1)[0].split()[:8]
                role = next((w.lower().strip("'’") for w in phrase if w.lower().strip("'’") in roles), None)
                if role is not None:
                    self.bindings.append((start, role, index))
        self.bindings.sort()


def sentences(text: str, start: int, end: int, quotes: list[Span]) -> list[tuple[int, int]]:
    """Sentence bounds in a paragraph; full stops inside quotes do not count,
    except the one that ends a quote. A run-on stretch longer than
    ``LONGEST_SENTENCE`` is cut where no quote is open, so that no sentence
    makes the work on it grow with the square of the text."""
    inside = [(s.open, _close(s, end)) for s in quotes]
    opens = [o for o, _ in inside]
    bounds = [start]
    for match in _SENTENCE_END.finditer(text, start, end):
        holder = bisect.bisect_left(opens, match.start()) - 1
        if holder >= 0 and match.start() < inside[holder][1] and not match.start() < inside[holder][1] < match.end():
            continue
        # Only the word before the full stop matters: look back a little, not to
        # the paragraph's start (that made a long paragraph quadratic).
        word = _LAST_WORD.search(text, max(start, match.start() - 64), match.start() + 1)
        if word and _no_sentence_end(word.group(1), text, match.end()):
            continue
        bounds.append(match.end())
    bounds.append(end)
    found = []
    for a, b in zip(bounds, bounds[1:]):
        if b > a:
            found.extend(_cut(text, a, b, inside, opens))
    return found


_INITIALS = re.compile(r"(?:[A-Z]\.){2,}")
_NEXT_WORD = re.compile(r"[A-Z][\w.]*")


def _no_sentence_end(word: str, text: str, after: int) -> bool:
    """A full stop that ends an abbreviation ("Gov."), a middle initial
    ("James P. Kennedy"), or dotted initials before a title or an institution's
    word ("U.S. Attorney Nealy Cox", "U.S. Army"), not a sentence."""
    bare = word.lstrip("\"“‘(").rstrip(".")
    if bare in lx.abbreviations() or len(bare) == 1 and bare.isupper():
        return True
    if not _INITIALS.fullmatch(bare + "."):
        return False
    following = _NEXT_WORD.match(text, after)
    if following is None:
        return False
    next_word = following.group().rstrip(".")
    return lx.is_title(next_word) or next_word.lower() in lx.title_words() or next_word in lx.org_words()


#: How far after a person's name the article's own pronouns tell the gender,
#: and how many of the name's mentions are looked after.
GENDER_REACH = 200
GENDER_LOOKS = 20
_GENDERED = re.compile(r"(?<![\w’'-])(?:[Hh]e|[Hh]im|[Hh]is|[Hh]imself|[Ss]he|[Hh]er|[Hh]ers|[Hh]erself)(?![\w-])")
#: How far back an unnamed spokesperson's organisation may have been the subject.
SPOKESPERSON_REACH = 600
#: Longer than any real sentence (a quoted passage aside, which is never cut).
LONGEST_SENTENCE = 2000
#: Earlier quotations sharing a repeated quote's first words, checked at most.
REPEAT_LOOKS = 64


def _cut(text: str, start: int, end: int, inside: list[tuple[int, int]], opens: list[int]) -> list[tuple[int, int]]:
    """``text[start:end]`` in pieces of about ``LONGEST_SENTENCE`` characters,
    cut after a space, never inside a quote (a quote longer than that is one
    piece)."""
    pieces = []
    while end - start > LONGEST_SENTENCE:
        cut = text.rfind(" ", start + 1, start + LONGEST_SENTENCE) + 1
        if cut <= start:
            cut = start + LONGEST_SENTENCE
        holder = bisect.bisect_right(opens, cut - 1) - 1
        if holder >= 0 and cut <= inside[holder][1]:
            # The cut would split a quote: cut before it, or after it when it opens the piece.
            cut = inside[holder][0] if inside[holder][0] > start else inside[holder][1] + 1
        if cut >= end:
            break
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def _close(span: Span, end: int) -> int:
    return span.close if span.close is not None else end


@dataclass(slots=True)
class _Opening:
    """How far the search for a sentence's first mention outside quotes got."""

    next: int
    position: int
    marks: _QuoteMarks = field(default_factory=lambda: _QuoteMarks())
    found: tuple[int, int] | None = None


class _QuoteMarks:
    """Whether a quotation is open, read stretch by stretch: more “ than ”
    so far, or an odd number of straight marks."""

    __slots__ = ("curly", "straight")

    def __init__(self) -> None:
        self.curly = 0
        self.straight = 0

    def read(self, text: str, start: int, end: int) -> None:
        if start < end:
            self.curly += text.count("“", start, end) - text.count("”", start, end)
            self.straight += text.count('"', start, end)

    @property
    def open(self) -> bool:
        return self.curly > 0 or self.straight % 2 == 1

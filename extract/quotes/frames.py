"""Attribution frames: who a cue verb's words belong to.

The text around a quote is read as a skeleton in which every entity mention
is a placeholder. A *reference* is a placeholder, a pronoun, a role noun
phrase ("the spokeswoman", "a spokesperson for <the Foreign Office>") or a
plural noun that names no one ("prosecutors"). A frame joins a reference to a
cue verb: before it, with only adverbs or an apposition between ("Morrison,
Vindman's superior, said", "Thomas allegedly told"), or after it ("said Avi
Bell"), on either side of the quote.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from byline.extract import lexicon as lx

_NAME = r"\x01(?P<name>\d+)\x02"
#: "according to <X>", "according to the <X>", "according to his aunt, <X>,"
_ACCORDING_TO = re.compile(r"according to (?:the |(?:his|her|their|its|the|a) (?:[a-z’'-]+ ){0,2}?[a-z’'-]+, )?" + _NAME, re.I)
_PRONOUNS = {"he": "m", "she": "f", "they": "org", "it": "org", "we": "we", "i": "i"}


@dataclass(slots=True, frozen=True)
class Reference:
    """Who a frame points at: an entity index, a pronoun, a role noun, or
    nobody nameable (``kind == "none"``)."""

    kind: str  # "entity" | "pronoun" | "role" | "none"
    start: int
    end: int
    entity: int | None = None
    word: str = ""
    definite: bool = False


@dataclass(slots=True, frozen=True)
class Frame:
    reference: Reference
    cue: str
    #: The cue is a participle ("…, saying"): its subject is the clause's.
    participle: bool = False


#: A cue is a whole word: no letter, apostrophe or hyphen joins it on either side.
_CUE_WORD = re.compile(r"[\w’'-]+")


@cache
def _reference_pattern() -> re.Pattern[str]:
    roles = sorted(set(lx.role_nouns()) | lx.speaks_for(), key=len, reverse=True)
    role = r"(?P<det>the|a|an|its|his|her|their|The|A|An|Its|His|Her|Their)\s+(?:[\w’'-]+\s+){0,3}?(?P<role>\d+-year-old|" + "|".join(roles) + r")s?(?![\w’'-])(?:\s+(?:for|at|of|with)\s+(?:the\s+)?\x01(?P<of>\d+)\x02)?"
    # "he", and "he’d", "she’ll" before a verb.
    pronoun = r"(?<![\w’'-])(?P<pron>[Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Ww]e|I)(?:['’](?:d|ll))?(?![\w’'-])"
    # "the Spaniard told the BBC": a nationality standing for a person.
    national = r"(?<![\w’'-])(?:the|The)\s+(?P<national>[A-Z][a-z]+)(?![\w’'-])"
    plural = r"(?<![\w’'-])(?P<plural>[A-Za-z][a-z]+(?:ors|ers|ists|ans|ants|ents|ives|ials|ies|ics|ces|ians|ses|ts|ls|ns))(?![\w’'-])"
    # A capitalised word no engine took for a name still names someone.
    unknown = r"(?<![\w’'-])(?P<cap>[A-Z][a-z][\w’'-]*)(?![\w’'-])"
    return re.compile(_NAME + r"(?P<owned>['’]s)?|" + role + "|" + pronoun + "|" + national + "|" + plural + "|" + unknown)


@cache
def _offices() -> frozenset[str]:
    """The roles and titles an owner's name may stand before ("<China>'s
    ambassador", "<Acme>'s spokeswoman")."""
    return frozenset(lx.role_nouns()) | lx.speaks_for() | {t for t in lx.titles() if t.isalpha() and len(t) > 3}


_NEXT_WORD = re.compile(r"\s+([\w’'-]+)(?![\w’'-])")
#: "<China>'s ambassador to <Britain>": a place or body after the office's
#: preposition is no subject of its own.
_OFFICE_OF = re.compile(r"\s+(?:to|in|for|at|of|from|with)\s+(?:the\s+)?\x01\d+\x02")


def _office(skeleton: str, end: int) -> re.Match[str] | None:
    """The office among the three words after a possessive name ("<China>'s
    ambassador", "<Acme>'s chief operating officer")."""
    offices = _offices()
    position = end
    for _ in range(3):
        word = _NEXT_WORD.match(skeleton, position)
        if word is None:
            return None
        if word.group(1) in offices:
            return word
        position = word.end()
    return None


def references(skeleton: str) -> list[Reference]:
    found = []
    pattern = _reference_pattern()
    position = 0
    while (match := pattern.search(skeleton, position)) is not None:
        position = match.end()
        if match.group("owned") is not None and (office := _office(skeleton, match.end())) is not None:
            # "<China>'s ambassador to <Britain>": the owner's role is the reference.
            position = office.end()
            tail = _OFFICE_OF.match(skeleton, position)
            position = tail.end() if tail else position
            word = office.group(1).lower()
            if word in lx.speaks_for():  # an unnamed spokesperson speaks for the body
                found.append(Reference("entity", match.start(), position, int(match.group("name")), word, True))
            else:
                found.append(Reference("role", match.start(), position, None, word, True))
        elif match.group("name") is not None:
            found.append(Reference("entity", match.start(), match.end(), int(match.group("name"))))
        elif match.group("role") is not None:
            owner = match.group("of")
            definite = match.group("det").lower() not in ("a", "an")
            if owner is not None:
                found.append(Reference("entity", match.start(), match.end(), int(owner), match.group("role"), True))
            else:
                found.append(Reference("role", match.start(), match.end(), None, match.group("role").lower(), definite))
        elif match.group("national") is not None:
            word = match.group("national")
            if word in lx.demonyms():
                found.append(Reference("role", match.start(), match.end(), None, word.lower(), True))
        elif match.group("pron") is not None:
            found.append(Reference("pronoun", match.start(), match.end(), None, match.group("pron").lower()))
        elif match.group("plural") is not None:
            if match.group("plural").lower() not in lx.function_words():
                found.append(Reference("none", match.start(), match.end(), None, match.group("plural").lower()))
        elif not _describes(match.group("cap")):
            found.append(Reference("none", match.start(), match.end(), None, match.group("cap")))
    return found


_BETWEEN = re.compile(
    r"(?:\s*,[^;\"“”]{1,200}?,)?(?:\s*(?:\w+ly|also|then|later|further|again|previously|earlier|once|had|has|have|"
    r"would|will|did|does|was|is|were|could|may|might|been|first|last|however|too|just|now|then|today|yesterday|"
    r"on \w+day|in a statement|,\s*however,))*\s*"
)
_APPOSITION_CUE_GUARD = re.compile(r"[.!?]\s")


def _describes(word: str) -> bool:
    """A capitalised word that names no one: a function word, a cue verb, or
    a title before a name ("said Mayor <Ana Lopez>", "Foreign Minister")."""
    lower = word.lower()
    return lower in lx.function_words() or lower in lx.cue_forms() or lx.is_title(word) or lower in lx.title_words()


_ACCORDING_TO_TITLED = re.compile(r"[Aa]ccording to (?P<title>(?:[\w.]+ ){1,3})" + _NAME)


def _titled_after_according(skeleton: str, start: int) -> re.Match[str] | None:
    """"according to Mayor <Ana Lopez>", "according to Foreign Minister <X>"."""
    match = _ACCORDING_TO_TITLED.match(skeleton, start)
    if match is None:
        return None
    words = match.group("title").split()
    return match if all(lx.is_title(w) or w.lower() in lx.title_words() for w in words) else None


_ACCORDING_CUE = re.compile(r"(?<!\w)[Aa]ccording to\b")


def cues(skeleton: str) -> list[tuple[int, int, str]]:
    forms = lx.cue_forms()
    found = []
    for match in _CUE_WORD.finditer(skeleton):
        word = match.group()
        if word in forms or word[0].isupper() and (word := word.lower()) in forms:
            found.append((match.start(), match.end(), word))
    for match in _ACCORDING_CUE.finditer(skeleton):
        found.append((match.start(), match.end(), "according to"))
    return sorted(found)


#: How far before its cue a subject may stand (an apposition and adverbs).
SUBJECT_REACH = 400


def subject_before(skeleton: str, cue_start: int, refs: list[Reference]) -> Reference | None:
    """The reference right before a cue, with only adverbs between ("Thomas
    allegedly told"), else the first one an apposition separates from it
    ("Lucas Paganini, a scientist at Goddard in Greenbelt, Maryland, said")."""
    apposed = None
    # References do not overlap: their ends are in order too.
    for position in range(bisect.bisect_right(refs, cue_start, key=lambda r: r.end) - 1, -1, -1):
        ref = refs[position]
        if cue_start - ref.end > SUBJECT_REACH:
            break
        between = skeleton[ref.end : cue_start]
        if between.strip() == "," and skeleton[max(0, ref.start - 3) : ref.start].rstrip().endswith(","):
            # The name is itself the apposition: "Its chief executive, Fiona Strachan, said".
            apposed = position
            continue
        if not _BETWEEN.fullmatch(between) or _APPOSITION_CUE_GUARD.search(between):
            continue
        if "," not in between:
            return _head(skeleton, refs, position)
        apposed = position
    return _head(skeleton, refs, apposed) if apposed is not None else None


_OF_THE = re.compile(r" of (?:the )?$")


def _head(skeleton: str, refs: list[Reference], position: int) -> Reference:
    """"<Miriam Achterberg> of the <Superior Court> said": the name the
    "of" phrase hangs on is the subject, not the organisation after it."""
    ref = refs[position]
    if position and refs[position - 1].kind == "entity" and ref.kind == "entity":
        previous = refs[position - 1]
        if ref.start - previous.end <= 8 and _OF_THE.search(skeleton, previous.end, ref.start):
            return previous
    return ref


_INTRODUCES_NEXT = re.compile(r"[^.!?,]{0,40}:\s*$")


def frame_after_quote(post: str, refs: list[Reference] | None = None, cued: list[tuple[int, int, str]] | None = None) -> Frame | None:
    """`," Lavrov said`, `," said Avi Bell, who…`, `," he added`: the frame
    that opens the text after a quote (before any full stop). ``refs`` and
    ``cued`` are its references and cues, when the caller has read them."""
    refs = references(post) if refs is None else refs
    found = cues(post) if cued is None else cued
    if not found:
        return None
    first_cue = found[0]
    lead = post[: first_cue[0]]
    if not lead.strip(" ,\n"):
        # "said X", "said CEO Craig Menear": the reference right after the cue,
        # a few descriptive words at most between them.
        for position in range(bisect.bisect_left(refs, first_cue[1], key=lambda r: r.start), len(refs)):
            between = post[first_cue[1] : refs[position].start]
            if _descriptors(between):
                return Frame(_titled_name(post, refs, position), first_cue[2])
            if len(between.split(None, _DESCRIPTOR_WORDS)) > _DESCRIPTOR_WORDS:
                break  # further names are further away still
        return None
    if first_cue[2] == "according to":
        return None
    if _INTRODUCES_NEXT.match(post, first_cue[1]):
        return None  # "He then adds: “…”" introduces the next quote.
    subject = subject_before(post, first_cue[0], refs)
    if subject is not None and _descriptors(post[: subject.start]):
        return Frame(subject, first_cue[2], first_cue[2].endswith("ing"))
    return None


_DESCRIPTOR_WORDS = 5


def _titled_name(skeleton: str, refs: list[Reference], position: int) -> Reference:
    """"said <Kremlin> spokesman <Dmitry Peskov>", "said <US> Secretary of
    State <Ana Lopez>": a name inside the title is not the speaker; the
    name the title leads to is."""
    ref = refs[position]
    capitalised = ref.kind == "entity" or ref.kind == "none" and ref.word[:1].isupper()
    if not capitalised or position + 1 >= len(refs) or refs[position + 1].kind != "entity":
        return ref
    words = skeleton[ref.end : refs[position + 1].start].split()
    roles = lx.role_nouns()
    titled = any(lx.is_title(w) or w.lower() in lx.title_words() or w.lower() in roles for w in words)
    if titled and "," not in skeleton[ref.end : refs[position + 1].start] and _descriptors(" ".join(words)):
        return refs[position + 1]
    return ref


def _descriptors(text: str) -> bool:
    """Only a description may stand between a quote or cue and a name:
    "study lead author Lucas Paganini", "said CEO Craig Menear"."""
    words = text.replace(",", " ").split(None, _DESCRIPTOR_WORDS)
    if len(words) > _DESCRIPTOR_WORDS:
        return False
    return all(w.islower() or lx.is_title(w) or w.lower() in lx.title_words() for w in words)


def frames_in(
    skeleton: str, refs: list[Reference] | None = None, cued: list[tuple[int, int, str]] | None = None
) -> list[tuple[int, Frame | None]]:
    """(cue position, frame) for every cue in a stretch of text, in order
    (one per cue). ``refs`` and ``cued`` are its references and cues, when
    the caller has read them: the text after a quote is asked several ways."""
    refs = references(skeleton) if refs is None else refs
    found = []
    for start, end, word in cues(skeleton) if cued is None else cued:
        if word == "according to":
            owner = _ACCORDING_TO.match(skeleton, start) or _titled_after_according(skeleton, start)
            ref = Reference("entity", start, end, int(owner.group("name"))) if owner else None
            found.append((start, Frame(ref, word) if ref else None))
            continue
        subject = subject_before(skeleton, start, refs)
        # "…, saying", and "he asked …, called … and said": the clause's subject speaks.
        participle = word.endswith("ing") or bool(_COORDINATED.search(skeleton, max(0, start - 8), start))
        if subject is None:
            # Only the first reference after the cue can stand right after it.
            following = bisect.bisect_left(refs, end, key=lambda r: r.start)
            after = [r for r in refs[following : following + 1] if not skeleton[end : r.start].strip()]
            inverted = after and after[0].kind in ("entity", "role") and _ends_clause(skeleton, after[0].end)
            found.append((start, Frame(after[0], word) if inverted else (Frame(Reference("none", start, start), word, True) if participle else None)))
        else:
            found.append((start, Frame(subject, word, participle)))
    return found


_COORDINATED = re.compile(r"(?<![\w’'-])and\s+$")


def _ends_clause(skeleton: str, end: int) -> bool:
    """"said X." or "said X, who…" — not "said X would…"."""
    rest = skeleton[end : end + 3]
    return not rest.strip() or rest.lstrip()[:1] in ",.;:!?(" or rest.startswith(" in ")

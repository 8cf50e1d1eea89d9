"""The document-level pass both engines share: from mentions to entities.

Decisions are made per document, not per mention: every surface form gathers
the type evidence of all its mentions; surnames, first names, acronyms,
shortened organisation names and spelling variants join the entity they stand
for; fragments with no support are dropped; every alias is then searched for
in the whole text so that each mention is found, and the entities are ordered
by salience.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from extract.article import Entity
from extract.entities import lexicon as lx
from extract.entities.spans import CLUB_PREFIXES, CONNECTORS, NOT_ENTITY, ORG, PERSON, PLACE, STATE_OF, Mention

_POSSESSIVE_END = re.compile(r"['’]s?$")
_DOMAIN = re.compile(r"\.(?:com|org|net|co\.uk|io)$", re.I)
#: Above this share of capitalised words in mid-sentence, capitals are not names.
CAPITALS_SHARE = 0.28
_MID_CAPITAL = re.compile(r"(?<=[a-z,;] )[A-ZÀ-Þ][\w’'-]+")
_MID_WORD = re.compile(r"(?<=[a-z,;] )[\w’'-]+")
_LIST_GAP = re.compile(r", | and |, and | or |, or ")
_INVERTIBLE = ("Department", "Ministry", "Bureau", "Office")
#: A word that may open an alias (aliases start with a capital letter), not
#: inside a word or after "&".
_CAPITAL_WORD = re.compile(r"(?<![\w&])[^\W\d_a-z]\w*")
_LEADING_WORD = re.compile(r"\w+")
_DEFINED = re.compile(r"\s*\(([^()\s]{2,12})\)")


@dataclass(slots=True)
class Candidate:
    """One surface form and everything the mentions say about it."""

    surface: str
    votes: Counter = field(default_factory=Counter)
    spans: list[tuple[int, int]] = field(default_factory=list)
    titled: set[str] = field(default_factory=set)
    #: Every mention opened a sentence: its capital may mean nothing.
    initial_only: bool = True
    #: Where the first mention starts.
    first: int = -1
    words: list[str] = field(default_factory=list)
    _seen: set[tuple[int, int]] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.words = self.surface.split()

    def add_span(self, span: tuple[int, int], sentence_initial: bool) -> None:
        """Record a mention once (a set: a name mentioned thousands of times
        must not cost a scan of its earlier mentions each time)."""
        if span in self._seen:
            return
        self._seen.add(span)
        self.spans.append(span)
        self.first = span[0] if self.first < 0 else min(self.first, span[0])
        self.initial_only = self.initial_only and sentence_initial

    def label(self) -> str | None:
        if not self.votes:
            return None
        label, weight = self.votes.most_common(1)[0]
        return label if weight > 0 else None


def resolve(text: str, title: str | None, mentions: list[Mention], *, read_to: int | None = None) -> tuple[Entity, ...]:
    """Entities from mentions: vote, merge, filter, find every mention, rank.
    ``read_to`` is where the engine stopped reading (mentions are then
    searched for in the whole text)."""
    candidates = _gather(text, mentions)
    _drop_surname_rows(candidates)
    _list_votes(text, mentions, candidates)
    clusters = _cluster(text, candidates)
    guesses = capitals_mark_names(text if read_to is None else text[:read_to])
    entities = []
    searched = []
    for members in clusters:
        label = _vote(members, guesses)
        if label is None or label == NOT_ENTITY:
            continue
        entities.append(_entity(text, members, label))
        searched.append([m.surface for m in members if _plausible(m.surface)])
    located = _locate(text, entities, searched)
    return _rank(located, title)


def capitals_mark_names(text: str) -> bool:
    """In English a capital in mid-sentence marks a name, so a capitalised
    word no table knows may be guessed to be one. Where a fifth of the words
    in mid-sentence are capitalised (German capitalises every noun) only real
    evidence counts."""
    capitalised = len(_MID_CAPITAL.findall(text))
    words = len(_MID_WORD.findall(text))
    return capitalised <= CAPITALS_SHARE * max(words, 1)


def surface(text: str) -> str:
    """A mention's name form: no possessive, no leading lower-case "the"."""
    text = " ".join(text.split())
    text = _POSSESSIVE_END.sub("", text) if re.search(r"\w['’]s?$", text) else text
    if text.startswith("the "):
        text = text[4:]
    return text.strip(" ,;:-–—\"“”‘’'()")


def _gather(text: str, mentions: list[Mention]) -> dict[str, Candidate]:
    candidates: dict[str, Candidate] = {}
    for mention in mentions:
        name = surface(mention.text)
        if not _plausible(name):
            continue
        candidate = candidates.setdefault(name, Candidate(name))
        if mention.label is not None:
            candidate.votes[mention.label] += mention.weight
        candidate.add_span((mention.start, mention.start + len(mention.text)), mention.sentence_initial)
        if mention.alias_start < mention.start:
            titled = surface(text[mention.alias_start : mention.end])
            if titled != name:
                candidate.titled.add(titled)
    return candidates


def _drop_surname_rows(candidates: dict[str, Candidate]) -> None:
    """"Zelenskyy Putin" in a caption's row of tag words: every word is the
    surname of someone the article names in full, and the first is no given
    name, so the row is no one's name (the surnames are found in it later)."""
    surnames: dict[str, set[str]] = {}
    for candidate in candidates.values():
        weak = not candidate.votes or max(candidate.votes.values()) < 1.5
        if len(candidate.words) > 1 and (candidate.label() == PERSON or weak):
            surnames.setdefault(candidate.words[-1], set()).add(candidate.surface)
    for name, candidate in list(candidates.items()):
        words = candidate.words
        if len(words) < 2 or words[0] in lx.first_names():
            continue
        if all(surnames.get(word, set()) - {name} for word in words):
            del candidates[name]


def _plausible(name: str) -> bool:
    if len(name) < 2 or not name[:1].isupper() or name.startswith(("@", "#", "http")):
        return False
    words = name.split()
    if len(words) == 1 and (name.lower() in lx.function_words() and not name.isupper() or name in lx.generic_acronyms() or name in lx.demonyms()):
        return False
    return not all(w.lower().rstrip(".") in lx.titles() or w.lower() in lx.title_words() for w in words)


def _list_votes(text: str, mentions: list[Mention], candidates: dict[str, Candidate]) -> None:
    """Names in one list are of one kind ("Astrobotic, Deep Space Systems,
    Draper and Firefly Aerospace"; "Volodymyr Zelenskyy and Vladimir Putin"):
    a name the words say little about takes the kind of its strong neighbours."""
    spans = sorted({(m.start, m.start + len(m.text)): surface(m.text) for m in mentions}.items())
    chain: list[str] = []
    previous_end = -1
    for (start, end), name in spans + [((len(text) + 2, 0), "")]:
        if chain and _LIST_GAP.fullmatch(text[previous_end:start] if start <= len(text) else "."):
            chain.append(name)
        else:
            _vote_in_list([candidates[n] for n in chain if n in candidates])
            chain = [name]
        previous_end = end


def _vote_in_list(members: list[Candidate]) -> None:
    if len(members) < 2:
        return
    strong = Counter(c.label() for c in members if c.votes and max(c.votes.values()) >= 1.5)
    strong.pop(None, None)
    strong.pop(NOT_ENTITY, None)
    if not strong:
        return
    label, count = strong.most_common(1)[0]
    if count * 2 < sum(strong.values()) + 1:
        return
    for member in members:
        if not member.votes or max(member.votes.values()) < 1.0:
            member.votes[label] += 1.0


class _Clusters:
    """Union-find over surface forms."""

    def __init__(self, names: list[str]) -> None:
        self.parent = {name: name for name in names}

    def find(self, name: str) -> str:
        while self.parent[name] != name:
            self.parent[name] = self.parent[self.parent[name]]
            name = self.parent[name]
        return name

    def join(self, alias: str, name: str) -> None:
        self.parent[self.find(alias)] = self.find(name)


def _cluster(text: str, candidates: dict[str, Candidate]) -> list[list[Candidate]]:
    clusters = _Clusters(list(candidates))
    by_key: dict[str, str] = {}
    places = lx.places()
    for name in candidates:
        for key in {name.casefold(), name.replace(".", "").casefold(), "place:" + _place_key(name)}:
            if key == "place:" + name and name not in places.sure:
                continue
            if key in by_key:
                clusters.join(name, by_key[key])
            else:
                by_key[key] = name
    _surname_votes(candidates)
    own = {name: c.label() for name, c in candidates.items()}
    persons = _Index(c for c in candidates.values() if own[c.surface] == PERSON and len(c.words) > 1)
    orgs = _Index(c for c in candidates.values() if own[c.surface] in (ORG, PLACE) and (len(c.words) > 1 or _DOMAIN.search(c.surface)))
    orgs.index_definitions(text)
    for candidate in sorted(candidates.values(), key=lambda c: len(c.words)):
        target = _person_for(candidate, persons) or _long_form(text, candidate, orgs, own)
        if target is not None and target.surface != candidate.surface:
            if target.surface in persons.members and own[candidate.surface] != PERSON:
                candidate.votes.clear()
            clusters.join(candidate.surface, target.surface)
    groups: dict[str, list[Candidate]] = {}
    for name, candidate in candidates.items():
        groups.setdefault(clusters.find(name), []).append(candidate)
    return list(groups.values())


class _Index:
    """Full names looked up by the parts a short form shares with them (last
    words, first word, initials…): a short form finds its long form without
    a scan of every name, so an article naming thousands stays linear."""

    def __init__(self, members: Iterable[Candidate]) -> None:
        self.members: dict[str, Candidate] = {}
        self.by_ending: dict[tuple[str, ...], list[Candidate]] = {}
        self.by_first: dict[str, list[Candidate]] = {}
        self.by_initials: dict[str, list[Candidate]] = {}
        self.by_inversion: dict[tuple[str, str], list[Candidate]] = {}
        self.by_domain: dict[str, list[Candidate]] = {}
        #: "Pioneers" → "Portland Pioneers": what follows a leading place name.
        self.by_placed_rest: dict[str, list[Candidate]] = {}
        #: "Porto" → "FC Porto": a club's city after its letters.
        self.by_club_place: dict[str, list[Candidate]] = {}
        self.defined: dict[str, list[Candidate]] = {}
        for member in members:
            words = member.words
            self.members[member.surface] = member
            for size in range(1, len(words)):
                self.by_ending.setdefault(tuple(words[-size:]), []).append(member)
            self.by_first.setdefault(words[0], []).append(member)
            for initials in _initials(words):
                self.by_initials.setdefault(initials, []).append(member)
            if len(words) >= 3 and words[1] == "of":
                self.by_inversion.setdefault((words[0], words[-1]), []).append(member)
            if len(words) == 2 and words[0] in lx.places():
                self.by_placed_rest.setdefault(words[1], []).append(member)
            if len(words) == 2 and words[0] in CLUB_PREFIXES:
                self.by_club_place.setdefault(words[1], []).append(member)
            if _DOMAIN.search(member.surface):
                self.by_domain.setdefault(_DOMAIN.sub("", member.surface), []).append(member)

    def index_definitions(self, text: str) -> None:
        """"National Security Council (NSC)": the abbreviations defined in
        brackets right after a mention of a name."""
        for member in self.members.values():
            for start, _ in member.spans:
                if not text.startswith(member.surface, start):
                    continue
                defined = _DEFINED.match(text, start + len(member.surface))
                # The abbreviation starts as the name does: "SAN FRANCISCO (AP) —"
                # is a dateline and its agency, not a definition.
                if defined and defined.group(1)[0] == member.surface[0] and member not in self.defined.get(defined.group(1), ()):
                    self.defined.setdefault(defined.group(1), []).append(member)


def _place_key(name: str) -> str:
    """"State of Israel" and "Israel", "U.S." and "United States" share a key."""
    places = lx.places()
    state_of = STATE_OF.match(name)
    if state_of and state_of.group(2) in places.sure:
        name = state_of.group(2)
    return places.canonical(name)


def _surname_votes(candidates: dict[str, Candidate]) -> None:
    """A name whose last word also stands alone ("Gwynne Shotwell" … "Shotwell
    said") is a person's: companies are not called by their last word."""
    heads = lx.org_words() | lx.place_words()
    for candidate in candidates.values():
        words = candidate.words
        if len(words) < 2 or words[-1] in heads or lx.is_acronym(words[-1]) or words[0] in lx.places():
            continue
        alone = candidates.get(words[-1])
        if alone is not None and alone.votes[ORG] < 1.5 and alone.votes[PLACE] < 3 and candidate.votes[ORG] < 1:
            candidate.votes[PERSON] += 1.0


def _person_for(candidate: Candidate, persons: _Index) -> Candidate | None:
    """The full name a surname ("Putin"), a first name ("Joe") or a shorter
    form ("Hawk Sawyer") stands for, the most mentioned one when several fit."""
    words = candidate.words
    if lx.is_acronym(candidate.surface):
        return None
    fits = persons.by_ending.get(tuple(words), [])
    if not fits and len(words) == 1 and words[0].endswith("s"):
        # "the Bidens": the family goes with its best-known member.
        fits = persons.by_ending.get((words[0][:-1],), [])
    if not fits and len(words) == 1 and candidate.votes[ORG] < 2:
        firsts = persons.by_first.get(words[0], [])
        fits = firsts if len(firsts) == 1 else []
    if not fits:
        return None
    return max(fits, key=lambda p: (len(p.spans), -p.first))


def _long_form(text: str, candidate: Candidate, orgs: _Index, own: dict[str, str | None]) -> Candidate | None:
    """The organisation or place an acronym ("NSC"), a shortened name
    ("Intelligence Committee", "Tyvak") or a variant ("Justice Department",
    "Edmunds") stands for."""
    name = candidate.surface
    bare = name.replace(".", "").replace("&", "")
    words = candidate.words
    fits: list[Candidate] = []
    if lx.is_acronym(name):
        fits = list(orgs.by_initials.get(bare, []))
        if bare.startswith("T"):
            # "TWP" for "The Washington Post": a masthead's "The" counts.
            seen = {o.surface for o in fits}
            fits += [o for o in orgs.by_initials.get(bare[1:], []) if o.surface not in seen and _after_the(text, o)]
        fits = orgs.defined.get(name) or fits
    elif len(words) > 1 and words[-1] in lx.org_words():
        fits = [o for o in orgs.by_ending.get(tuple(words), []) if len(o.words) > len(words)]
        if len(words) == 2 and words[-1] in _INVERTIBLE:
            fits += orgs.by_inversion.get((words[-1], words[0]), [])
    elif len(words) == 1 and _known_place(name):
        # "Porto" for "FC Porto": a club named after its city, by its city —
        # but a city's name does not stand for the paper named after it
        # ("Pittsburgh Post-Gazette").
        fits = orgs.by_club_place.get(name, [])
    elif len(words) == 1 and (own.get(name) != PLACE or candidate.votes[PLACE] < 1.5):
        # "Tyvak" for "Tyvak Nano-Satellite Systems", "Arvelo" for "Arvelo
        # Semiconductor" (a small town's name too).
        firsts = orgs.by_first.get(name, [])
        found = {o.surface: o for o in firsts + orgs.by_domain.get(name, []) if own[o.surface] == ORG}
        if not found:
            # "the Pioneers" for the "Portland Pioneers": a name after its city.
            found = {o.surface: o for o in orgs.by_placed_rest.get(name, []) if own[o.surface] == ORG}
        fits = list(found.values())
    if len(fits) != 1:
        return None
    return fits[0]


def _known_place(name: str) -> bool:
    """A country, region or big city: its name alone is the place."""
    places = lx.places()
    return name in places.sure or name in places.big_cities


def _after_the(text: str, candidate: Candidate) -> bool:
    return any(text[max(0, start - 4) : start] == "The " for start, _ in candidate.spans)


def _initials(words: list[str]) -> set[str]:
    """"NSC" for "National Security Council"; also without a leading place
    ("PUC" for "California Public Utilities Commission") or a closing company
    suffix ("PGE" for "Pacific Gas & Electric Co.")."""
    found = set()
    for variant in (words, words[1:] if words[0] in lx.places() else words, words[:-1] if words[-1].rstrip(".") in ("Co", "Corp", "Inc", "Ltd", "Company", "Corporation") else words):
        content = [w for w in variant if w.lower() not in CONNECTORS and w != "&"]
        found.add("".join(w[0] for w in content).upper())
        found.add("".join(w[0] for w in variant if w[0].isalpha()).upper())
    return found


def _vote(members: list[Candidate], guesses: bool = True) -> str | None:
    votes: Counter = Counter()
    for member in members:
        votes.update(member.votes)
    if not guesses and (not votes or votes.most_common(1)[0][1] < 1.0):
        return None
    initial_word = all(m.initial_only and len(m.words) == 1 for m in members)
    if initial_word and not any(_sure_alone(m) for m in members):
        # A capital that only ever opens a sentence says nothing by itself.
        return None
    if votes and votes.most_common(1)[0][1] > 0:
        return votes.most_common(1)[0][0]
    if all(m.initial_only for m in members) or any(len(m.words) > 1 for m in members):
        return None
    # A lone capitalised word in mid-sentence that no table knows: most often a
    # company or institution ("Burisma", "Politico").
    return ORG


def _sure_alone(member: Candidate) -> bool:
    """A sentence's first word that is a name all the same: a country, an
    acronym, a brand spelled "WeWork", a city's team."""
    word = member.surface
    team = word in lx.places() and member.votes[ORG] >= 2.5  # "Leeds beat Portsmouth 2-1."
    return team or member.votes[PLACE] >= 3 or (lx.is_acronym(word) or lx.is_camel(word)) and member.votes[ORG] >= 1.5


def _entity(text: str, members: list[Candidate], label: str) -> Entity:
    places = lx.places()
    forms = [m for m in members if not (m.initial_only and len(members) == 1 and len(m.words) == 1 and m.votes[label] < 1.5)]
    forms = forms or members
    if label == PLACE:
        canonical = {places.canonical(m.surface) for m in forms}
        preferred = [m for m in forms if m.surface in canonical]
        if preferred:
            forms = preferred + [m for m in forms if m.surface not in canonical]
    best = max(forms, key=lambda m: (len(m.words) if label != PLACE else 0, not m.surface.isupper(), len(m.spans), -m.first))
    name = best.surface
    if label == PLACE and name.isupper() and len(name) > 3 and name.title() in places:
        name = name.title()  # a dateline's "WASHINGTON"
    if label == ORG:
        name = _masthead(text, best) or name
    found: dict[str, None] = {}
    for member in sorted(members, key=lambda m: m.first):
        for form in [member.surface, *sorted(member.titled)]:
            found.setdefault(form)
    aliases = list(found) if name in found else [name, *found]
    spans = tuple(sorted({span for m in members for span in m.spans}))
    return Entity(name, label, tuple(aliases), spans)


def _masthead(text: str, best: Candidate) -> str | None:
    """"The Real Deal", "The Washington Post": a capital "The" in mid-sentence
    belongs to the name."""
    for start, _ in best.spans:
        before = text[max(0, start - 6) : start]
        if before.endswith("The ") and re.search(r"[a-z,;] The $", text[max(0, start - 8) : start]):
            return "The " + best.surface
    return None


def _locate(text: str, entities: list[Entity], searched: list[list[str]]) -> list[Entity]:
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


def _in_words(name: str, line: str) -> bool:
    """``name`` stands in ``line`` as whole words."""
    at = line.find(name)
    while at >= 0:
        end = at + len(name)
        if not (at and (line[at - 1].isalnum() or line[at - 1] == "_")) and not (line[end : end + 1].isalnum() or line[end : end + 1] == "_"):
            return True
        at = line.find(name, at + 1)
    return False


def _rank(entities: list[Entity], title: str | None) -> tuple[Entity, ...]:
    """Most salient first: mentions, presence in the headline, first position."""
    headline = title or ""

    def salience(entity: Entity) -> tuple[float, int]:
        in_title = any(_in_words(alias, headline) for alias in entity.aliases)
        return (-(len(entity.mentions) + (3 if in_title else 0)), entity.mentions[0][0])

    return tuple(sorted(entities, key=salience))

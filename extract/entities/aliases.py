"""Alias merging: which surface forms name one entity.

Surnames and first names join the full name they stand for ("Putin",
"Vladimir Putin"), acronyms and shortened names their long form ("NSC",
"Intelligence Committee", "Tyvak"), spelling variants and a place's other
names each other ("U.S.", "United States"). Every look-up goes through an
index of the full names, so that an article naming thousands stays linear.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from byline.extract import lexicon as lx
from byline.extract.entities.candidates import Candidate
from byline.extract.entities.mentions import CLUB_PREFIXES, CONNECTORS, ORG, PERSON, PLACE, STATE_OF

DOMAIN = re.compile(r"\.(?:com|org|net|co\.uk|io)$", re.I)
_INVERTIBLE = ("Department", "Ministry", "Bureau", "Office")
_DEFINED = re.compile(r"\s*\(([^()\s]{2,12})\)")


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


def cluster(text: str, candidates: dict[str, Candidate]) -> list[list[Candidate]]:
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
    _company_forms(candidates, own, clusters)
    # A place's strongest evidence counts for all its spellings: "MILLBROOK,
    # Ohio —" in a dateline makes "Millbrook" a place too.
    strongest: dict[str, float] = {}
    for name, candidate in candidates.items():
        root = clusters.find(name)
        strongest[root] = max(strongest.get(root, 0.0), candidate.votes[PLACE])
    place_votes = {name: strongest[clusters.find(name)] for name in candidates}
    persons = _Index(c for c in candidates.values() if own[c.surface] == PERSON and len(c.words) > 1)
    orgs = _Index(c for c in candidates.values() if own[c.surface] in (ORG, PLACE) and (len(c.words) > 1 or DOMAIN.search(c.surface)))
    orgs.index_definitions(text)
    # "Arvelo" (shares of it rose) for "Arvelo Quantum": a longer name no word
    # types takes the type of the short form that the text shows is a firm.
    for candidate in candidates.values():
        if own[candidate.surface] is None and len(candidate.words) > 1:
            orgs.unlabeled_by_first.setdefault(candidate.words[0], []).append(candidate)
    for candidate in sorted(candidates.values(), key=lambda c: len(c.words)):
        target = _person_for(candidate, persons) or _long_form(text, candidate, orgs, own, place_votes[candidate.surface])
        if target is not None and target.surface != candidate.surface:
            if target.surface in persons.members and own[candidate.surface] != PERSON:
                candidate.votes.clear()
            clusters.join(candidate.surface, target.surface)
    groups: dict[str, list[Candidate]] = {}
    for name, candidate in candidates.items():
        groups.setdefault(clusters.find(name), []).append(candidate)
    return list(groups.values())


#: A company's legal form after its name ("Corp.", "Inc", "Ltd").
COMPANY_FORMS = frozenset({"Corp", "Corporation", "Inc", "Incorporated", "Co", "Company", "Ltd", "Limited", "LLC", "PLC", "Plc", "GmbH", "AG", "SA", "NV"})


def _company_forms(candidates: dict[str, Candidate], own: dict[str, str | None], clusters: _Clusters) -> None:
    """"Sierra Nevada Corp." and "Sierra Nevada Corporation", "Tyvak
    Systems Inc." and "Tyvak Systems": one company, with or without its
    legal form (a place or person of the bare name is another entity)."""
    by_core: dict[str, str] = {}
    for name, candidate in candidates.items():
        words = candidate.words
        end = len(words)
        while end > 1 and words[end - 1].rstrip(".,") in COMPANY_FORMS:
            end -= 1
        if end == len(words) or own[name] in (PERSON, PLACE):
            continue
        core = " ".join(words[:end]).rstrip(",")
        if core in by_core:
            clusters.join(name, by_core[core])
        else:
            by_core[core] = name
            bare = candidates.get(core)
            if bare is not None and own[core] not in (PERSON, PLACE):
                clusters.join(core, name)


class _Index:
    """Full names looked up by the parts a short form shares with them (last
    words, first word, initials…): a short form finds its long form without
    a scan of every name, so an article naming thousands stays linear."""

    def __init__(self, members: Iterable[Candidate]) -> None:
        self.members: dict[str, Candidate] = {}
        self.by_ending: dict[tuple[str, ...], list[Candidate]] = {}
        self.by_first: dict[str, list[Candidate]] = {}
        #: Full names by their last word's transliteration key (``spelling_key``).
        self.by_spelling: dict[str, list[Candidate]] = {}
        self.by_initials: dict[str, list[Candidate]] = {}
        self.by_inversion: dict[tuple[str, str], list[Candidate]] = {}
        self.by_domain: dict[str, list[Candidate]] = {}
        #: "Pioneers" → "Portland Pioneers": what follows a leading place name.
        self.by_placed_rest: dict[str, list[Candidate]] = {}
        #: "Porto" → "FC Porto": a club's city after its letters.
        self.by_club_place: dict[str, list[Candidate]] = {}
        self.defined: dict[str, list[Candidate]] = {}
        #: Longer names no word types, by their first word.
        self.unlabeled_by_first: dict[str, list[Candidate]] = {}
        #: "Corps" → "U.S. Army Corps of Engineers": an organisation word inside a longer name.
        self.by_org_word: dict[str, list[Candidate]] = {}
        for member in members:
            words = member.words
            self.members[member.surface] = member
            for size in range(1, len(words)):
                self.by_ending.setdefault(tuple(words[-size:]), []).append(member)
            core = _without_suffix(words)
            for size in range(1, len(core) if core is not words else 0):
                # "Kennedy" for "James P. Kennedy Jr."
                self.by_ending.setdefault(tuple(core[-size:]), []).append(member)
            self.by_first.setdefault(words[0], []).append(member)
            if len(words[-1]) >= _SPELLING_LENGTH:
                self.by_spelling.setdefault(spelling_key(words[-1]), []).append(member)
            for initials in _initials(words):
                self.by_initials.setdefault(initials, []).append(member)
            if len(words) >= 3 and words[1] == "of":
                self.by_inversion.setdefault((words[0], words[-1]), []).append(member)
            if len(words) == 2 and words[0] in lx.places():
                self.by_placed_rest.setdefault(words[1], []).append(member)
            elif len(words) == 3 and " ".join(words[:2]) in lx.places():
                # "Islanders" for the "New York Islanders".
                self.by_placed_rest.setdefault(words[2], []).append(member)
            if len(words) == 2 and words[0] in CLUB_PREFIXES:
                self.by_club_place.setdefault(words[1], []).append(member)
            for word in set(words[1:]) & lx.org_words():
                self.by_org_word.setdefault(word, []).append(member)
            if DOMAIN.search(member.surface):
                self.by_domain.setdefault(DOMAIN.sub("", member.surface), []).append(member)

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


def _without_suffix(words: list[str]) -> list[str]:
    """A name's words without a suffix after them ("Jr.", "III")."""
    end = len(words)
    while end > 1 and words[end - 1].rstrip(",.").lower() in lx.name_suffixes():
        end -= 1
    return words if end == len(words) else words[:end]


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
    heads = lx.head_words()
    for candidate in candidates.values():
        words = candidate.words
        if len(words) < 2 or words[-1] in heads or lx.is_acronym(words[-1]) or words[0] in lx.places() or _brand(words[0]):
            continue  # "Google Stadia" … "Stadia": a brand's product goes by its own name
        alone = candidates.get(words[-1])
        if alone is not None and alone.votes[ORG] < 1.5 and alone.votes[PLACE] < 3 and candidate.votes[ORG] < 1:
            candidate.votes[PERSON] += 1.0


def _brand(word: str) -> bool:
    """A word that names a firm by itself: a widely named organisation, an
    acronym, a camel-cased brand."""
    return word in lx.organisations() or lx.is_acronym(word) or lx.is_camel(word)


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
    if not fits and len(words) == 1 and len(words[0]) >= _SPELLING_LENGTH and candidate.votes[ORG] < 2:
        # "Zelenskyy", "Zelenskiy" for "Volodymyr Zelensky": one name transliterated two ways.
        fits = persons.by_spelling.get(spelling_key(words[0]), [])
    if not fits:
        return None
    return max(fits, key=lambda p: (len(p.spans), -p.first))


#: A surname this long or longer may be matched by its transliteration key.
_SPELLING_LENGTH = 6
_DOUBLED_LETTER = re.compile(r"(\w)\1+")


_Y_ENDING = re.compile(r"(?:iy|ij|yi)$")


def spelling_key(word: str) -> str:
    """What two transliterations of one name share: "Zelensky", "Zelenskyy"
    and "Zelenskiy" all give "zelensky" (doubled letters single, "-iy" and
    "-ij" as "-y")."""
    key = _DOUBLED_LETTER.sub(r"\1", word.casefold())
    return _Y_ENDING.sub("y", key)


def _long_form(text: str, candidate: Candidate, orgs: _Index, own: dict[str, str | None], place_vote: float) -> Candidate | None:
    """The organisation or place an acronym ("NSC"), a shortened name
    ("Intelligence Committee", "Tyvak") or a variant ("Justice Department",
    "Edmunds") stands for."""
    name = candidate.surface
    bare = name.replace(".", "").replace("&", "")
    words = candidate.words
    fits: list[Candidate] = []
    if lx.is_acronym(name) and candidate.votes[PLACE] >= 3:
        return None  # "VA" after "Bristow, " is Virginia, not the "Verizon Amphitheatre"
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
    elif len(words) == 1 and name in lx.org_words():
        # "the Corps", "the Council": the one organisation named with that word.
        fits = [o for o in orgs.by_org_word.get(name, []) if own[o.surface] == ORG]
    elif len(words) == 1 and _known_place(name):
        # "Porto" for "FC Porto": a club named after its city, by its city —
        # but a city's name does not stand for the paper named after it
        # ("Pittsburgh Post-Gazette").
        fits = orgs.by_club_place.get(name, [])
    elif len(words) == 1 and (own.get(name) == ORG or place_vote < 1.5):
        # "Tyvak" for "Tyvak Nano-Satellite Systems", "Arvelo" for "Arvelo
        # Semiconductor" (a small town's name too).
        # "Lexus" is not "Lexus Philippines", its arm in a country.
        firsts = [o for o in orgs.by_first.get(name, []) if " ".join(o.words[1:]) not in lx.places()]
        found = {o.surface: o for o in firsts + orgs.by_domain.get(name, []) if own[o.surface] == ORG}
        if not found:
            # "the Pioneers" for the "Portland Pioneers": a name after its city.
            found = {o.surface: o for o in orgs.by_placed_rest.get(name, []) if own[o.surface] == ORG}
        if not found and own.get(name) == ORG and candidate.votes[ORG] >= 1.5 and name not in lx.organisations():
            # (A widely named firm's name before other words names its product
            # or service: "Google Stadia", "Apple Music".)
            found = {o.surface: o for o in orgs.unlabeled_by_first.get(name, [])}
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

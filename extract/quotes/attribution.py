"""Who said each quote: frames, then the discourse.

The article is read in order, sentence by sentence. A quote takes its
speaker from, in turn: a cue that introduces it ("Trump told reporters:"), a
frame right after it ("…," he added), a frame later in its sentence, a cue
earlier in its sentence ("X said that … “partial quote”"), "according to X";
failing those, the speaker of the paragraph so far, or — for a paragraph that
opens with a quote — the previous paragraph's speaker; a repeated quotation
keeps its first speaker. Pronouns go to the subject of a recent sentence of
the right kind and gender; role nouns ("the group") to the entity the text
tied them to ("The group, WeWorkers Coalition,") or, for organisations, the
latest one named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.article import Entity
from extract.entities import lexicon as lx
from extract.quotes.frames import Frame, Reference, cues, frame_after_quote, frames_in, references
from extract.quotes.marks import Span

_INTRO_TAIL = re.compile(r"^[^.!?\x01]{0,60}?[:,]\s*$|^\s*$")
_NEAR_FRAME = re.compile(r"^[\s,’'”\"]*(?:(?:[A-Z][\w’'.-]*|\x01\d+\x02|[a-z]+ly|he|she|they|it)\s+){0,4}$")
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’')\]]*\s+(?=[A-Z\"“‘(])")


@dataclass(slots=True)
class Attribution:
    speaker: int | None
    cue: str | None
    #: Which rule found it: "intro", "after", "later", "clause", "context" or "".
    how: str = ""
    #: A speech verb stands in the quote's sentence, outside quotes.
    cue_in_sentence: bool = False


@dataclass(slots=True)
class Discourse:
    """What the reader remembers: recent subjects, role bindings, speakers."""

    entities: tuple[Entity, ...]
    mentions: list[tuple[int, int, int]]
    subjects: list[tuple[int, int]] = field(default_factory=list)
    bindings: list[tuple[int, str, int]] = field(default_factory=list)
    said: list[tuple[str, int]] = field(default_factory=list)

    def kind(self, index: int) -> str:
        return self.entities[index].type

    def gender(self, index: int) -> str:
        entity = self.entities[index]
        for alias in entity.aliases:
            if alias.startswith(("Mr.", "Mr ")):
                return "m"
            if alias.startswith(("Ms.", "Mrs.", "Ms ", "Mrs ")):
                return "f"
        return lx.first_names().get(entity.name.split()[0], "mf")


def attribute(text: str, spans: list[Span], paragraphs: list[tuple[int, int]], entities: tuple[Entity, ...]) -> list[Attribution]:
    """One attribution per span, in order."""
    mentions = sorted(
        ((start, end, index) for index, entity in enumerate(entities) for start, end in entity.mentions),
        key=lambda m: (m[0], -m[1]),
    )
    discourse = Discourse(entities, mentions)
    _bind_roles(text, discourse)
    results: dict[int, Attribution] = {}
    previous_speaker: int | None = None
    for number, (p_start, p_end) in enumerate(paragraphs):
        in_paragraph = [(i, s) for i, s in enumerate(spans) if s.paragraph == number]
        speaker: int | None = None
        sentences = _sentences(text, p_start, p_end, [s for _, s in in_paragraph])
        for s_start, s_end in sentences:
            in_sentence = [(i, s) for i, s in in_paragraph if s_start <= s.open < s_end]
            last_close = s_start
            sentence_speaker: int | None = None
            for position, (index, span) in enumerate(in_sentence):
                post_end = _post_end(text, span, in_paragraph, sentences, s_end)
                result = _attribute_one(text, span, (last_close, s_start, s_end, post_end), discourse)
                if result.speaker is None and result.cue is None:
                    fallback = speaker if speaker is not None else (previous_speaker if span.open == p_start else None)
                    result = Attribution(fallback if fallback is not None else _repeated(text, span, discourse), None, "context")
                results[index] = result
                if result.speaker is not None:
                    speaker = sentence_speaker = result.speaker
                    discourse.said.append((_words(text[span.start : span.end]), result.speaker))
                last_close = (span.close + 1) if span.close is not None else s_end
            _fill_sentence(in_sentence, results, text, s_start, s_end, discourse)
            subject = sentence_speaker if sentence_speaker is not None else _sentence_subject(text, s_start, s_end, in_sentence, discourse)
            if subject is not None:
                discourse.subjects.append((s_start, subject))
                if sentence_speaker is None and _has_cue_frame(text, s_start, s_end, in_sentence, discourse):
                    speaker = subject
        if speaker is not None or not _aside(text, p_start, p_end, in_paragraph):
            previous_speaker = speaker
    return [results.get(i, Attribution(None, None)) for i in range(len(spans))]


def _attribute_one(text: str, span: Span, bounds: tuple[int, int, int, int], discourse: Discourse) -> Attribution:
    last_close, s_start, s_end, next_open = bounds
    pre_start = max(last_close, s_start)
    pre = _skeleton(text, pre_start, span.open, discourse)
    pre_frames = frames_in(pre.text)
    # 1. A cue that introduces the quote: "Trump told reporters: “…”".
    if pre_frames and _INTRO_TAIL.match(pre.text[pre_frames[-1][0] :].split(" ", 1)[-1]):
        found = _resolved(pre_frames, len(pre_frames) - 1, pre, text, s_start, span, discourse)
        if found is not None:
            found.how = "intro"
            return found
    # 2. A frame right after it, then anywhere later in its sentence.
    if span.close is not None:
        post = _skeleton(text, span.close + 1, max(span.close + 1, next_open), discourse)
        frame = frame_after_quote(post.text)
        if frame is not None:
            speaker = _resolve(frame.reference, post, span.open, discourse, text, s_start)
            if speaker is not None or frame.reference.kind in ("none", "role"):
                return Attribution(speaker, frame.cue, "after")
        later = [f for f in frames_in(post.text) if f[1] is not None and f[1].reference.kind != "none"]
        if later and later[0][0] < 80:
            speaker = _resolve(later[0][1].reference, post, span.open, discourse, text, s_start)
            if speaker is not None:
                return Attribution(speaker, later[0][1].cue, "later")
        near = [c for c in cues(post.text) if c[0] < 40 and _NEAR_FRAME.match(post.text[: c[0]])]
        if near:
            # A speech verb right after the quote whose subject we cannot name.
            return Attribution(None, near[0][2], "after")
    # 3. A cue earlier in the sentence: "X said that … “partial quote”".
    for index in range(len(pre_frames) - 1, -1, -1):
        found = _resolved(pre_frames, index, pre, text, s_start, span, discourse)
        if found is not None:
            found.how = "clause"
            return found
    return Attribution(None, None)


def _fill_sentence(in_sentence: list[tuple[int, Span]], results: dict[int, Attribution], text: str, s_start: int, s_end: int, discourse: Discourse) -> None:
    """Quotes of one sentence share its attribution (`The outages have been
    “terribly disruptive” … “we won’t roll the dice,” company CEO Andy Vesey
    said.`), and note whether a speech verb stands outside them."""
    framed = [results[i] for i, _ in in_sentence if results[i].how in ("intro", "after", "later", "clause") and results[i].speaker is not None]
    outside = _outside(text, s_start, s_end, in_sentence, discourse)
    has_cue = bool(cues(outside.text))
    for index, _ in in_sentence:
        result = results[index]
        result.cue_in_sentence = has_cue
        if framed and result.how in ("", "context") and result.speaker is None:
            results[index] = Attribution(framed[-1].speaker, framed[-1].cue, "clause", has_cue)


def _aside(text: str, start: int, end: int, quotes: list[tuple[int, Span]]) -> bool:
    """A short paragraph with no quote (an embedded post's signature, a
    one-line aside) does not end the previous speaker's turn."""
    return not quotes and len(text[start:end].split()) <= 25


def _post_end(text: str, span: Span, in_paragraph: list[tuple[int, Span]], sentences: list[tuple[int, int]], s_end: int) -> int:
    """Where the text that may attribute a quote after it ends: the next quote,
    or its sentence's end — the next sentence's when the quote itself ends
    with "?" or "!" (`"…?" Schiff asked.`)."""
    if span.close is None:
        return span.end
    end = s_end
    if s_end <= span.close + 1 or re.search(r"[?!…]\W*$", text[span.start : span.end]):
        end = next((b for a, b in sentences if a > span.close), s_end)
        end = max(end, s_end)
    later = [s.open for _, s in in_paragraph if s.open > span.close]
    return min([end, *later])


def _resolved(frames: list[tuple[int, Frame | None]], index: int, pre: _Skeleton, text: str, s_start: int, span: Span, discourse: Discourse) -> Attribution | None:
    """The speaker a pre-quote frame gives; a participle or subjectless cue
    ("…, adding, “…”") takes the subject of the clause it hangs on."""
    frame = frames[index][1]
    if frame is None:
        return None
    ref = frame.reference
    if frame.participle and ref.kind == "none" and ref.start == ref.end:
        earlier = [f for _, f in frames[:index] if f is not None and f.reference.start != f.reference.end]
        if earlier:
            ref = earlier[-1].reference
        else:
            firsts = [r for r in references(pre.text) if r.kind in ("entity", "pronoun", "role") and r.end <= frames[index][0]]
            if not firsts:
                return Attribution(_sentence_subject_before(text, s_start, span.open, discourse), frame.cue)
            ref = firsts[0]
    speaker = _resolve(ref, pre, span.open, discourse, text, s_start)
    if speaker is None and ref.kind not in ("none", "role"):
        return None
    return Attribution(speaker, frame.cue)


@dataclass(slots=True)
class _Skeleton:
    """Text with entity mentions replaced by \\x01index\\x02, and where each
    skeleton offset came from."""

    text: str
    origin: list[int]


def _skeleton(text: str, start: int, end: int, discourse: Discourse) -> _Skeleton:
    parts: list[str] = []
    origin: list[int] = []
    position = start
    for m_start, m_end, index in discourse.mentions:
        if m_end <= start or m_start < position:
            continue
        if m_start >= end or m_end > end:
            break
        parts.append(text[position:m_start])
        origin.extend(range(position, m_start))
        marker = f"\x01{index}\x02"
        parts.append(marker)
        origin.extend([m_start] * len(marker))
        position = m_end
    parts.append(text[position:end])
    origin.extend(range(position, end))
    return _Skeleton("".join(parts), origin)


def _resolve(ref: Reference, skeleton: _Skeleton, before: int, discourse: Discourse, text: str, s_start: int) -> int | None:
    if ref.kind == "entity":
        return ref.entity
    at = skeleton.origin[ref.start] if ref.start < len(skeleton.origin) else before
    if ref.kind == "pronoun":
        return _antecedent(ref.word, at, discourse, text, s_start)
    if ref.kind == "role" and ref.definite:
        bound = _role(ref.word, at, discourse)
        if bound is None and lx.role_nouns().get(ref.word, "PERSON") == "PERSON":
            # "the 56-year-old said", "the Portuguese boss added": the person
            # the text is about.
            return _antecedent("they-person", at, discourse, text, s_start)
        return bound
    return None


def _antecedent(pronoun: str, at: int, discourse: Discourse, text: str, s_start: int) -> int | None:
    wanted = {"he": "m", "she": "f"}.get(pronoun)
    if pronoun in ("we", "i"):
        return None
    kinds = ("PERSON",) if wanted or pronoun == "they-person" else ("ORG",)
    recent = [index for start, _, index in discourse.mentions if s_start <= start < at and not _in_quote(text, s_start, start)]
    candidates = recent[:1] + [index for _, index in reversed(discourse.subjects)]
    for index in candidates:
        if discourse.kind(index) in kinds and (wanted is None or wanted in discourse.gender(index)):
            return index
    return None


def _in_quote(text: str, start: int, at: int) -> bool:
    stretch = text[start:at]
    return (stretch.count("“") > stretch.count("”")) or stretch.count('"') % 2 == 1


def _role(word: str, at: int, discourse: Discourse) -> int | None:
    bound = [index for start, role, index in discourse.bindings if role == word and start <= at]
    if bound:
        return bound[-1]
    if lx.role_nouns().get(word) == "ORG":
        orgs = [index for start, _, index in discourse.mentions if start < at and discourse.kind(index) == "ORG"]
        return orgs[-1] if orgs else None
    return None


def _bind_roles(text: str, discourse: Discourse) -> None:
    """Tie role nouns to entities: "spokeswoman Maria Zakharova", "Marco
    Villa, the company's chief operating officer,", "The group, WeWorkers
    Coalition,". A binding counts from where its role word stands."""
    roles = lx.role_nouns()
    for start, end, index in discourse.mentions:
        before = text[max(0, start - 40) : start].split()
        if before and before[-1].lower().strip(",") in roles and before[-1].islower():
            discourse.bindings.append((start - len(before[-1]) - 1, before[-1].lower(), index))
        role_first = re.search(r"(?:the|The)\s+(\w+),\s*$", text[max(0, start - 40) : start])
        if role_first and role_first.group(1).lower() in roles:
            discourse.bindings.append((max(0, start - 40) + role_first.start(), role_first.group(1).lower(), index))
        after = text[end : end + 120]
        if after.startswith(", "):
            phrase = re.split(r"[,.;:()]", after[2:], maxsplit=1)[0].split()[:8]
            for word in phrase:
                word = word.lower().strip("'’")
                if word in roles:
                    discourse.bindings.append((start, word, index))
                    break
    discourse.bindings.sort()


def _sentences(text: str, start: int, end: int, spans: list[Span]) -> list[tuple[int, int]]:
    inside = [(s.open, s.close if s.close is not None else end) for s in spans]
    bounds = [start]
    for match in _SENTENCE_END.finditer(text, start, end):
        at = match.end()
        if any(o < match.start() < c and not match.start() < c < match.end() for o, c in inside):
            continue
        word = re.search(r"(\S+)$", text[start : match.start() + 1])
        if word and word.group(1).rstrip(".") in lx_abbreviations():
            continue
        bounds.append(at)
    bounds.append(end)
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def lx_abbreviations() -> frozenset[str]:
    from extract.entities.tokens import ABBREVIATIONS

    return ABBREVIATIONS


def _sentence_subject(text: str, start: int, end: int, quotes: list[tuple[int, Span]], discourse: Discourse) -> int | None:
    """The sentence's subject for later pronouns: a cue's subject, else its
    first person (else organisation) named outside quotes."""
    outside = _outside(text, start, end, quotes, discourse)
    for _, frame in frames_in(outside.text):
        if frame is not None and frame.reference.kind in ("entity", "pronoun"):
            speaker = _resolve(frame.reference, outside, end, discourse, text, start)
            if speaker is not None:
                return speaker
    return _sentence_subject_before(text, start, end, discourse, quotes)


def _sentence_subject_before(text: str, start: int, end: int, discourse: Discourse, quotes: list[tuple[int, Span]] = ()) -> int | None:
    named = [
        index
        for m_start, _, index in discourse.mentions
        if start <= m_start < end and not any(s.open < m_start < (s.close or end) for _, s in quotes)
    ]
    for kind in ("PERSON", "ORG"):
        for index in named:
            if discourse.kind(index) == kind:
                return index
    return None


def _has_cue_frame(text: str, start: int, end: int, quotes: list[tuple[int, Span]], discourse: Discourse) -> bool:
    outside = _outside(text, start, end, quotes, discourse)
    return any(frame is not None and frame.reference.kind in ("entity", "pronoun") for _, frame in frames_in(outside.text))


def _outside(text: str, start: int, end: int, quotes: list[tuple[int, Span]], discourse: Discourse) -> _Skeleton:
    """The sentence's skeleton with its quotes blanked out."""
    skeleton = _skeleton(text, start, end, discourse)
    chars = list(skeleton.text)
    for _, span in quotes:
        close = span.close if span.close is not None else end
        for position, origin in enumerate(skeleton.origin):
            if span.open <= origin <= close:
                chars[position] = " "
    return _Skeleton("".join(chars), skeleton.origin)


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _repeated(text: str, span: Span, discourse: Discourse) -> int | None:
    """A quotation repeated from an earlier attributed one keeps its speaker."""
    words = _words(text[span.start : span.end])
    if len(words.split()) < 3:
        return None
    for said, speaker in reversed(discourse.said):
        if words in said:
            return speaker
    return None

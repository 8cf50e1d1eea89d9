"""Annotating never grows faster than the text: twice the text, about twice
the work, whatever shape the text takes (one endless paragraph, thousands of
quotes, thousands of different names, a quote that never closes).

Two measures, never against a clock:

- the number of Python lines run (a trace function counts them) for the text
  repeated n, 2n and 4n times: for linear work the step from 2n to 4n adds
  exactly twice what the step from n to 2n added (fixed costs cancel out),
  for quadratic work four times. The count is exact and repeatable, so the
  bound is tight and a small quadratic term shows; it sees loops in Python.
- CPU time at 8n over CPU time at n: it also sees work done inside C (a
  slice, a search, a list scan) when it is large; a linear stage gives about
  8, a quadratic one about 64. It is the CPU time of this thread alone (other
  threads and processes cannot add to it), the two sizes are run in turn and
  the least of each is taken (what a busy machine adds is never less), and
  the bound is generous. How long annotating takes is bench/nlp.py's figure.
"""

from __future__ import annotations

import gc
import sys
import time

import pytest

from byline.extract import annotate, extract_text
from byline.extract import lexicon
from byline.extract.pipeline import ANNOTATE_WORDS

#: Lines added from 2n to 4n over lines added from n to 2n: 2 when linear.
LINES_GROWTH_BOUND = 2.03
#: CPU time at 8n over CPU time at n: about 8 when linear, 64 when quadratic.
TIME_BOUND = 16


def _surnames(count: int) -> list[str]:
    """Distinct made-up surnames ("Kalomi", "Lomira", …)."""
    syllables = ["ka", "lo", "mi", "ra", "ten", "vo", "su", "pel", "dar", "ni", "mor", "ste"]
    return [(syllables[i % 12] + syllables[i // 12 % 12] + syllables[i // 144 % 12]).capitalize() for i in range(count)]


def _people(count: int) -> list[str]:
    """Distinct full names with real given names, a few of them shared by
    many ("Aaron Kalomi", "Aaron Lomira", …)."""
    given = sorted(lexicon.first_names())
    return [f"{given[i % 3 * 7]} {surname}" for i, surname in enumerate(_surnames(count))]


SHAPES = {
    # One paragraph that never ends, a quote and a title in every sentence.
    "run-on quotes": lambda n: "“We will rebuild the pier,” said Mayor Ana Lopez of Port Avery. " * n,
    # One paragraph of names joined by "and", an organisation among them.
    "run-on names": lambda n: "Ana Lopez met John Smith and the Port Avery City Council in London. " * n,
    # Quotation marks that open and never close.
    "unclosed quotes": lambda n: "“and then " * (4 * n),
    # Straight marks in one sentence with no full stop.
    "straight marks": lambda n: 'He said "yes and no" then "maybe" ' * n,
    # Thousands of different people and organisations, an acronym each.
    "many names": lambda n: "\n\n".join(
        f"“Yes we can {i},” said {person} of {company} Holdings Ltd ({company[:2].upper()}H). "
        f"{person.split()[-1]} added: “Soon.”"
        for i, (person, company) in enumerate(zip(_people(n), reversed(_surnames(n))))
    ),
    # Short quoted paragraphs whose speakers are pronouns and role nouns.
    "pronoun chains": lambda n: "Bob Rae runs the Tollmere Ferry Company.\n\n"
    + "\n\n".join(
        f"{person}, the company's spokeswoman, spoke first. “Right {i},” she said. “Yes {i},” he told them. "
        f"“No {i},” the spokeswoman said. “Fine {i},” it said."
        for i, person in enumerate(_people(n))
    ),
}


def _lines_run(text: str) -> int:
    """How many Python lines (and calls) annotating ``text`` runs."""
    article = extract_text(text, analyse=False)
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        count += 1
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        annotate(article)
    finally:
        sys.settrace(previous)
    return count


@pytest.mark.parametrize("shape", SHAPES)
def test_annotating_runs_a_number_of_lines_linear_in_the_text(shape):
    make = SHAPES[shape]
    # Load tables, compile patterns, and look up every name once: the large
    # tables remember their answers, a fixed cost like loading them.
    annotate(extract_text(make(120), analyse=False))
    single, double, quadruple = (_lines_run(make(n)) for n in (30, 60, 120))
    growth = (quadruple - double) / (double - single)
    assert growth < LINES_GROWTH_BOUND, f"{shape}: {single}, {double}, {quadruple} lines at n, 2n, 4n"


def _cpu_seconds(article) -> float:
    """CPU time this thread spends annotating ``article``."""
    gc.collect()
    started = time.thread_time()
    annotate(article)
    return time.thread_time() - started


@pytest.mark.parametrize("shape", SHAPES)
def test_annotating_time_grows_linearly_with_the_text(shape):
    make = SHAPES[shape]
    n = 60
    assert len(make(8 * n).split()) < ANNOTATE_WORDS  # the whole text is read at both sizes
    annotate(extract_text(make(3), analyse=False))  # load tables, compile patterns
    articles = extract_text(make(n), analyse=False), extract_text(make(8 * n), analyse=False)
    runs = [[_cpu_seconds(article) for article in articles] for _ in range(3)]
    small, large = (min(times) for times in zip(*runs))
    assert large / max(small, 1e-4) < TIME_BOUND, f"{shape}: {small * 1000:.1f} ms at n, {large * 1000:.1f} ms at 8n"


def test_a_long_chain_of_names_joined_by_and_is_read():
    text = "Ann and Bob " + "and Cat " * 3000 + "arrived at Port Avery on Monday, said Mayor Ana Lopez."
    article = extract_text(text)
    assert any(e.name == "Ana Lopez" for e in article.entities)


def test_a_very_long_text_is_read_whole_when_asked_and_a_cut_is_said():
    from byline.extract import annotate

    opening = "“We will rebuild the pier,” said Mayor Ana Lopez of Port Avery.\n\n"
    filler = "\n\n".join(f"Paragraph {i} of the minutes: Lopez spoke again about the harbour wall." for i in range(6000))
    text = opening + filler + "\n\n“A late quote,” said Ben Ortiz."
    cut = annotate(extract_text(text, analyse=False), words=20_000)
    assert [q.speaker for q in cut.quotes] == ["Ana Lopez"]
    assert any("was not read" in warning for warning in cut.warnings)
    article = annotate(extract_text(text, analyse=False), words=None)
    assert not article.warnings
    lopez = next(e for e in article.entities if e.name == "Ana Lopez")
    assert lopez.mentions[-1][0] > len(article.text) - 500  # "Lopez" near the end is marked
    assert [q.speaker for q in article.quotes] == ["Ana Lopez", "Ben Ortiz"]

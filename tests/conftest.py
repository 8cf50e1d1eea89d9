from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLES = ROOT / "examples"


@pytest.fixture(autouse=True)
def private_user_dirs(tmp_path_factory, monkeypatch):
    """Every test gets its own library, config file and crash log: none touches the user's."""
    home = tmp_path_factory.mktemp("byline-user")
    monkeypatch.setenv("BYLINE_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("BYLINE_CONFIG", str(home / "config.toml"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    return home


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

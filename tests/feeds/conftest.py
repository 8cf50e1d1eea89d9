"""Fixtures for the feeds tests: the 127.0.0.1 web of ``feed_web.py``, a library, settings."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from feed_web import start_web

from byline.tui.config import Settings
from byline.tui.data.library import Library


@pytest.fixture
def feed_web():
    web = start_web()
    yield web
    web.stop()


@pytest.fixture
def library(tmp_path):
    with Library(tmp_path / "library.sqlite3") as opened:
        yield opened


@pytest.fixture
def settings() -> Settings:
    return Settings(timeout=20.0)


@pytest.fixture
def subscribe_to(library, settings) -> Callable[..., object]:
    """Subscribe the library to a served feed URL; return the Feed."""
    from byline.tui.feeds.subscriptions import subscribe

    def add(url: str, **options: object):
        return subscribe(library, settings, url, **options).feed

    return add

"""Driving the reader in tests: wait for loads, read what the article view shows."""

from __future__ import annotations

import time
from collections.abc import Callable

from fixture_articles import FIXTURES
from patience import HANG

FERRY = FIXTURES / "ferry-strike.html"


async def wait_until(pilot, predicate: Callable[[], bool], timeout: float = HANG) -> None:
    """Let the app run until ``predicate()`` holds (loading runs in threads)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.02)


async def loaded(pilot, *, annotated: bool = True) -> None:
    """Wait until the reader shows an article (and its entities, by default)."""
    screen = pilot.app.screen
    await wait_until(pilot, lambda: getattr(screen, "page", None) is not None)
    if annotated:
        await wait_until(pilot, lambda: screen.page.annotated)
    await pilot.pause()


def visible_text(view) -> list[str]:
    """The article view's lines as drawn (margins stripped)."""
    return [view.render_line(y).text.strip() for y in range(view.size.height)]

"""A screen whose workers may finish after it has begun to go.

A worker's result (a library page, a feed listing, a search) can arrive while
its screen is being taken down: the screen popped as an article opens, or the
app quitting. The screen is still attached but its widgets are already
removed, so drawing the result raises NoMatches, which Textual reports as a
failed worker and byline as an internal error. On a ``LeavingScreen`` that one
failure, raised while the screen is indeed going, is the race and is dropped;
any other error, or NoMatches on a screen still shown, is still a bug."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any, TypeVar

from textual.css.query import NoMatches
from textual.screen import Screen
from textual.worker import Worker

from byline.tui.textual_private import taken_down

ResultType = TypeVar("ResultType")
ScreenResult = TypeVar("ScreenResult")


class LeavingScreen(Screen[ScreenResult]):
    """A Screen whose async workers end quietly when it goes before they do."""

    def run_worker(self, work: Any, *args: Any, thread: bool = False, **kwargs: Any) -> Worker[Any]:
        # Wrapped as an async callable, called when the worker starts: a
        # coroutine made now would be left unawaited (and warned of) when an
        # exclusive worker replaces this one before it starts.
        if not thread:
            if inspect.iscoroutinefunction(work):
                work = partial(self._unless_gone, work)
            elif inspect.isawaitable(work):
                work = partial(self._unless_gone, partial(_given, work))
        return super().run_worker(work, *args, thread=thread, **kwargs)

    async def _unless_gone(self, start: Callable[[], Awaitable[ResultType]]) -> ResultType | None:
        try:
            return await start()
        except NoMatches:
            if taken_down(self):
                return None
            raise


def _given(awaitable: Awaitable[ResultType]) -> Awaitable[ResultType]:
    return awaitable

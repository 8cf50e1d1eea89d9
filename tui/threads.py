"""Blocking work off the event loop, in threads an app's exit does not wait for."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


async def in_thread(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``asyncio.to_thread``, but in a daemon thread of its own.

    The app's exit waits for every thread of the default executor, and
    extraction cannot be interrupted: q during a 100,000-element page waited
    four seconds for it to finish. A daemon thread is left to the interpreter,
    and a cancelled caller simply never sees its result.
    """
    import asyncio  # here: a caller has a loop, so it is loaded; the CLI and the prefetch child never load it (5 MB with ssl)

    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(outcome: Callable[[Any], None], value: Any) -> None:
        if not future.done():
            outcome(value)

    def run() -> None:
        try:
            result = function(*args, **kwargs)
        except BaseException as exc:  # handed to the awaiting task
            outcome, value = future.set_exception, exc
        else:
            outcome, value = future.set_result, result
        try:
            loop.call_soon_threadsafe(settle, outcome, value)
        except RuntimeError:
            pass  # the loop has closed: nobody is waiting

    threading.Thread(target=run, name="byline-work", daemon=True).start()
    return await future

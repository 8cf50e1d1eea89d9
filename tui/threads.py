"""Blocking work off the event loop, in threads an app's exit does not wait for."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

#: Signals Python (or the app) handles in the main thread. Delivered to a busy
#: worker instead, they waited for whatever woke the main thread next: Ctrl-C
#: in ``byline save`` took as long as the extraction that ended next (10-12 s).
_MAIN_THREAD_SIGNALS = {signal.SIGINT, signal.SIGTERM} | ({signal.SIGHUP} if hasattr(signal, "SIGHUP") else set())


def take_signals_here() -> None:
    """Unblock, in the calling (main) thread, the signals it must handle: a
    process inherits its starter's signal mask, and one started from a worker
    thread that blocked them (another program's, or this one's) would never see Ctrl-C."""
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _MAIN_THREAD_SIGNALS)


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
        if hasattr(signal, "pthread_sigmask"):  # signals go to the main thread, which handles them
            signal.pthread_sigmask(signal.SIG_BLOCK, _MAIN_THREAD_SIGNALS)
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

"""Event loops a deadline can rely on.

DNS lookups are the one step of a fetch asyncio cannot cancel: the resolver
runs in the loop's executor, and closing a loop waits for that thread, so a
resolver that hangs for 30 s would hold a 5 s deadline (or an app's exit)
hostage. A :class:`DeadlineEventLoop` resolves in daemon threads it can walk
away from; :func:`run_sync` runs a coroutine on one from blocking code, and
:func:`on_own_loop` from any other event loop.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


class DeadlineEventLoop(asyncio.SelectorEventLoop):
    """An event loop whose DNS lookups run in daemon threads.

    When the deadline cancels a lookup, nobody waits for the stuck resolver:
    closing the loop does not join its thread and the process can exit.
    """

    async def getaddrinfo(self, host, port, *, family=0, type=0, proto=0, flags=0):  # type: ignore[no-untyped-def,override]
        future: asyncio.Future = self.create_future()

        def settle(outcome: Callable[[Any], None], value: Any) -> None:
            if not future.done():
                outcome(value)

        def resolve() -> None:
            try:
                result = socket.getaddrinfo(host, port, family, type, proto, flags)
            except Exception as exc:  # handed to the awaiting task below
                outcome, value = future.set_exception, exc
            else:
                outcome, value = future.set_result, result
            try:
                self.call_soon_threadsafe(settle, outcome, value)
            except RuntimeError:
                pass  # the loop closed while we resolved: nobody is waiting

        threading.Thread(target=resolve, name="byline-resolve", daemon=True).start()
        return await future


def run_sync(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion from synchronous code, even inside a running loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return _run(coroutine)
    result: list[T] = []
    error: list[BaseException] = []

    def target() -> None:
        try:
            result.append(_run(coroutine))
        except BaseException as exc:  # handed back to the caller's thread below
            error.append(exc)

    thread = threading.Thread(target=target, name="byline-fetch", daemon=True)
    thread.start()
    thread.join()
    if error:
        raise error[0]
    return result[0]


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    with asyncio.Runner(loop_factory=DeadlineEventLoop) as runner:
        return runner.run(coroutine)


async def on_own_loop(
    make: Callable[[Callable[[str], None] | None], Coroutine[Any, Any, T]],
    progress: Callable[[str], None] | None = None,
) -> T:
    """Await, from any loop, ``make(progress)`` run on a DeadlineEventLoop in a daemon thread.

    ``progress`` is called back on the caller's loop; cancelling the caller
    cancels the coroutine on the other loop.
    """
    caller = asyncio.get_running_loop()
    outcome: asyncio.Future[T] = caller.create_future()
    cancelled = threading.Event()
    own: dict[str, Any] = {}

    def relay(message: str) -> None:
        if progress is not None:
            _call_soon(caller, progress, message)

    def deliver(settle: Callable[[Any], None], value: Any) -> None:
        if not outcome.done():
            settle(value)

    async def run() -> T:
        own["task"] = asyncio.current_task()
        if cancelled.is_set():
            raise asyncio.CancelledError
        return await make(relay if progress else None)

    def target() -> None:
        with asyncio.Runner(loop_factory=DeadlineEventLoop) as runner:
            own["loop"] = runner.get_loop()
            try:
                result = runner.run(run())
            except BaseException as exc:  # handed to the awaiting task
                _call_soon(caller, deliver, outcome.set_exception, exc)
            else:
                _call_soon(caller, deliver, outcome.set_result, result)

    threading.Thread(target=target, name="byline-fetch", daemon=True).start()
    try:
        return await outcome
    except asyncio.CancelledError:
        cancelled.set()
        if "task" in own:
            _call_soon(own["loop"], own["task"].cancel)
        raise


def _call_soon(loop: asyncio.AbstractEventLoop, callback: Callable[..., Any], *args: Any) -> None:
    try:
        loop.call_soon_threadsafe(callback, *args)
    except RuntimeError:
        pass  # that loop has closed: nobody is waiting for this any more

"""The private corners of Textual that byline relies on, in one place.

Each is something Textual's public API does not offer: the reason is beside
it. Nothing else in byline touches an underscored Textual name, and
tests/tui/test_textual_private.py fails, naming the attribute, when an upgrade
moves one. Besides the functions below, ``BylineApp._fatal_error`` overrides
Textual's handler of that name (a bug logged, one line shown); and handlers
named ``on_focus``/``on_blur``/``on_key`` that ``prevent_default`` Textual's own
``_on_…`` handlers follow its public convention — the test checks that those
handlers still exist to be prevented.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App
    from textual.binding import BindingsMap
    from textual.dom import DOMNode
    from textual.driver import Driver
    from textual.events import Event
    from textual.widget import Widget

#: Every private name used below, by owner: what the test checks.
PRIVATE_NAMES = {
    "textual.app.App": ("_disable_tooltips", "_refresh_truecolor_filter", "_driver", "_clipboard", "_keymap", "_fatal_error"),
    "textual.dom.DOMNode": ("_merged_bindings", "_bindings", "_pruning", "_closing", "_closed"),
    "textual.message.Message": ("_set_forwarded",),
    "textual.drivers.linux_driver.LinuxDriver": ("_file", "_writer_thread"),
}


def taken_down(node: DOMNode) -> bool:
    """Whether ``node`` is gone or going: detached, closing, or being pruned
    (its screen popped, or the app quitting), when its children may already be
    removed although it is still attached. A worker's or an update's result
    that arrives then must not be drawn: querying a child raises NoMatches.
    Textual flags the pruning only privately."""
    return not node.is_attached or node._closing or node._closed or node._pruning


def skip_tooltips(app: App) -> None:
    """No widget of byline's has a tooltip: skip mounting Textual's tooltip layer
    (Textual sets this only for ``run_test``)."""
    app._disable_tooltips = True


def refresh_truecolor_filter(app: App) -> None:
    """Bring the ANSI-to-truecolor filter in line with the current theme, as setting
    ``App.theme`` does, without the stylesheet re-parse that setting it queues."""
    app._refresh_truecolor_filter(app.ansi_theme)


def write_to_terminal(app: App, sequence: str) -> bool:
    """Write ``sequence`` to the terminal through the app's driver (Textual writes
    OSC 52 itself only unwrapped, which tmux drops); False when there is no driver."""
    driver = app._driver
    if driver is None:
        return False
    driver.write(sequence)
    return True


def remember_clipboard(app: App, text: str) -> None:
    """What ``App.clipboard`` (public, read-only) returns: the last text copied."""
    app._clipboard = text


def keymap(app: App) -> dict[str, str]:
    """The user's key overrides as the app applied them (``set_keymap`` has no getter)."""
    return app._keymap


def node_bindings(node: DOMNode) -> BindingsMap:
    """A node's bindings before the keymap (``active_bindings`` holds only the enabled ones of the focus chain)."""
    return node._bindings


def class_bindings(cls: type[DOMNode]) -> BindingsMap | None:
    """A widget class's bindings merged with its bases', without an instance."""
    return cls._merged_bindings


def forward_event(widget: Widget, event: Event) -> None:
    """Post ``event`` to ``widget`` as already routed, so the app does not route it again."""
    event._set_forwarded()
    widget.post_message(event)


def wrap_driver_output(driver: Driver, wrap: Callable[[IO[str]], Any]) -> None:
    """Put ``wrap`` around the stream the Linux driver writes the terminal through."""
    driver._file = wrap(driver._file)  # type: ignore[attr-defined]


def driver_writer_thread(driver: Driver) -> Any | None:
    """The Linux driver's writer thread (it queues output), or None when it has none."""
    return getattr(driver, "_writer_thread", None)

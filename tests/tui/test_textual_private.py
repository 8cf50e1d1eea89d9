"""The private corners of Textual byline relies on are still where they were:
after a Textual upgrade this fails first, naming what moved (see
tui/textual_private.py), before the app breaks in a user's terminal."""

from __future__ import annotations

import importlib

import pytest
from textual.app import App
from textual.drivers.linux_driver import LinuxDriver
from textual.widget import Widget
from textual.widgets import Input

from byline.tui.textual_private import PRIVATE_NAMES


def _instance(owner: str) -> object:
    """An object of ``owner`` on which its instance attributes are set."""
    module, _, name = owner.rpartition(".")
    cls = getattr(importlib.import_module(module), name)
    if cls is LinuxDriver:
        return LinuxDriver(App(), debug=False, mouse=False, size=(80, 24))
    if name == "Message":
        from textual.events import Key

        return Key("a", "a")
    return App()


@pytest.mark.parametrize("owner", sorted(PRIVATE_NAMES))
async def test_every_private_name_byline_uses_is_still_there(owner):
    instance = _instance(owner)
    missing = [name for name in PRIVATE_NAMES[owner] if not hasattr(instance, name)]
    assert missing == [], f"Textual moved {owner}'s {missing}: update tui/textual_private.py"


def test_the_handlers_byline_prevents_are_still_textual_s_own():
    """ArticleView, ItemList and LibraryList stop Widget's focus handlers (a
    repaint per focus change); the fields stop Input's key handler."""
    assert callable(getattr(Widget, "_on_focus", None)) and callable(getattr(Widget, "_on_blur", None))
    assert callable(getattr(Input, "_on_key", None))

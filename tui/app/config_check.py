"""Names in the config file that only the app can check: the theme, and the
actions named in ``[keys]``. Each unknown name gets one line saying where it
is, what is wrong and what would work; the app shows them and goes on
without those settings (``--dump`` and friends never need them)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from textual.dom import DOMNode

from byline.tui.textual_private import class_bindings
from byline.tui.config import Settings, setting_line
from byline.tui.dialogs.confirm import ConfirmDialog
from byline.tui.dialogs.export import ExportDialog
from byline.tui.dialogs.links import LinksDialog
from byline.tui.dialogs.subscribe import SubscribeDialog
from byline.tui.screens.feeds.items import FeedScreen
from byline.tui.screens.library.screen import StartScreen
from byline.tui.screens.reader.screen import ReaderScreen
from byline.tui.widgets.article.view import ArticleView
from byline.tui.widgets.feed_lists import FeedItemList, FeedList
from byline.tui.widgets.itemlist import ItemList
from byline.tui.widgets.library_list import LibraryList

#: What a ``[keys]`` entry can rebind the bindings of (with what they inherit), besides the app's.
BOUND = (
    ReaderScreen, ArticleView, ItemList, StartScreen, LibraryList, FeedList, FeedScreen, FeedItemList,
    LinksDialog, ConfirmDialog, ExportDialog, SubscribeDialog,
)


def binding_ids(app_class: type[DOMNode]) -> set[str]:
    """Every action name a ``[keys]`` entry can rebind: the ids of the bindings
    of the app and byline's screens, widgets and dialogs."""
    ids: set[str] = set()
    for cls in (app_class, *BOUND):
        bindings = class_bindings(cls)
        if bindings is not None:
            ids.update(binding.id for _, binding in bindings if binding.id)
    return ids


def unknown_names(
    settings: Settings, unknown_theme: str | None, themes: Iterable[str], app_class: type[DOMNode]
) -> list[str]:
    """One message per name the app (of ``app_class``) does not know."""
    messages = []
    if unknown_theme:
        messages.append(
            f"{_where('', 'theme')}theme {unknown_theme!r} is not a theme{_close(unknown_theme, themes)}; "
            f"using the default (known: {', '.join(sorted(themes))})"
        )
    if settings.keys:
        known = binding_ids(app_class)
        for action in settings.keys:
            if action not in known:
                messages.append(
                    f"{_where('keys', action)}[keys] {action!r} is not an action{_close(action, known)}; "
                    "it is ignored (the help screen, ?, lists the actions; their names are in the README)"
                )
    return messages


def _where(section: str, key: str) -> str:
    path, line = setting_line(section, key)
    return f"{path}: line {line}: " if line else f"{path}: "


def _close(name: str, known: Iterable[str]) -> str:
    matches = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean {matches[0]!r}?)" if matches else ""

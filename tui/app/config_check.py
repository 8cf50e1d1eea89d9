"""What only the app can check in the config file: the theme's name, the
actions named in ``[keys]``, and keys given to two actions at once. Each
problem is one line saying where it is, what is wrong and what would work;
the app says how many there are in one short notice, lists them on the help
screen, and goes on without those settings (``--dump`` and friends never
need them)."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable

from textual.binding import Binding
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

#: The bindings Textual looks a key up in together, the focused widget's
#: first, then its screen's (the app's come last): where two actions can
#: want one key, and the words for where that is.
CHAINS: tuple[tuple[str, tuple[type[DOMNode], ...]], ...] = (
    ("in the article", (ArticleView, ReaderScreen)),
    ("in the entities and quotes panes", (ItemList, ReaderScreen)),
    ("in the library", (LibraryList, StartScreen)),
    ("in the links list", (LinksDialog,)),
    ("in a yes/no question", (ConfirmDialog,)),
    ("in the export box", (ExportDialog,)),
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


def key_conflicts(
    keymap: dict[str, str],
    app_class: type[DOMNode],
    describe_key: Callable[[str], str] = str,
    written: dict[str, str] | None = None,
) -> list[str]:
    """One message per key that ``keymap`` (binding id -> keys, as the app
    normalised them) gives an action while another action has it too: which
    action the key does, which loses it, and what the loser is left with.
    ``describe_key`` shows a key as the help screen does; ``written`` is the
    ``[keys]`` table as the user wrote it (for quoting their line)."""
    written = written or keymap
    messages: list[str] = []
    seen: set[tuple[str, str]] = set()
    for place, chain in CHAINS:
        entries = [(depth, binding) for depth, cls in enumerate((*chain, app_class)) for binding in _bindings_of(cls)]
        for action, keys in keymap.items():
            mine = [(index, depth, binding) for index, (depth, binding) in enumerate(entries) if binding.id == action]
            if not mine:
                continue
            index, depth, rebound = mine[0]
            for key in keys.split(","):
                for other_index, (other_depth, other) in enumerate(entries):
                    if other.id == action or other.key != key:
                        continue
                    if other.id in keymap and key not in keymap[other.id].split(","):
                        continue  # the other action was given other keys
                    winner, loser = _winner(rebound, index, depth, other, other_index, other_depth, keymap)
                    if ((loser.id or loser.action), key) in seen:
                        continue
                    seen.add(((loser.id or loser.action), key))
                    left = [describe_key(k) for k in _keys_left(loser, key, keymap, entries)]
                    shown = describe_key(key)
                    what = f"{shown} now does {_name(winner)}" if winner is rebound else f"{shown} still does {_name(winner)} {place}"
                    rest = f"keeps {', '.join(left)}" if left else "has no key left"
                    messages.append(
                        f"{_where('keys', action)}[keys] {action} = \"{written.get(action, keys)}\": {what}; "
                        f"{_name(loser)} {rest} (give one of them another key in [keys])"
                    )
    return messages


def _winner(
    rebound: Binding, index: int, depth: int, other: Binding, other_index: int, other_depth: int, keymap: dict[str, str]
) -> tuple[Binding, Binding]:
    """(the binding a key runs, the one it no longer runs), as Textual looks
    keys up: priority bindings first, then the focused widget's before its
    screen's; within one widget, a rebinding replaces the binding it lands on,
    and of two rebound to one key the first listed runs."""
    if rebound.priority != other.priority:
        return (rebound, other) if rebound.priority else (other, rebound)
    if depth != other_depth:
        return (rebound, other) if depth < other_depth else (other, rebound)
    if other.id in keymap:
        return (rebound, other) if index < other_index else (other, rebound)
    return rebound, other


def _bindings_of(cls: type[DOMNode]) -> list[Binding]:
    bindings = class_bindings(cls)
    return [binding for _, binding in bindings] if bindings is not None else []


def _keys_left(loser: Binding, key: str, keymap: dict[str, str], entries: list[tuple[int, Binding]]) -> list[str]:
    """The keys ``loser``'s action still has once ``key`` is taken from it."""
    if loser.id in keymap:
        keys = keymap[loser.id].split(",")
    else:
        keys = [binding.key for _, binding in entries if binding.id == loser.id and binding.id] or [loser.key]
    return [k for k in dict.fromkeys(keys) if k != key]


def _name(binding: Binding) -> str:
    description = binding.description or binding.action
    return f"“{description}” ({binding.id})" if binding.id else f"“{description}”"


def _where(section: str, key: str) -> str:
    path, line = setting_line(section, key)
    return f"{path}: line {line}: " if line else f"{path}: "


def _close(name: str, known: Iterable[str]) -> str:
    matches = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean {matches[0]!r}?)" if matches else ""

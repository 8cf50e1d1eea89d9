"""Every action with a key, in one table: the help screen lists it and the
command palette offers it, so neither is a second hand-kept list."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual.dom import DOMNode

from byline.tui.textual_private import keymap, node_bindings


@dataclass(frozen=True, slots=True)
class Command:
    """One bound action: what it does, its keys, and the node that runs it."""

    description: str
    keys: tuple[str, ...]
    action: str
    node: DOMNode
    group: str


def command_table(nodes: Iterable[tuple[str, DOMNode]]) -> list[Command]:
    """The described bindings of ``nodes`` (group name, node), keys merged per action.

    Bindings are read after the user's keymap has been applied, so the help
    screen shows the keys that actually work.
    """
    commands: dict[tuple[int, str], Command] = {}
    order: list[tuple[int, str]] = []
    for group, node in nodes:
        # Textual applies the user's keymap to a copy of a node's bindings
        # when it looks keys up; the table does the same.
        bindings = node_bindings(node).copy()
        keys = keymap(node.app) if node.is_attached else {}
        if keys:
            bindings.apply_keymap(keys)
        for key, binding in bindings:
            # byline's own bindings all have an id (it is how the keymap names
            # them); ones inherited from Textual's widgets (horizontal scrolling,
            # copying a selection) are left out.
            if not binding.id or not binding.description or binding.system:
                continue
            ident = (id(node), binding.action)
            shown = node.app.get_key_display(binding) if node.is_attached else key
            existing = commands.get(ident)
            if existing is None:
                commands[ident] = Command(binding.description, (shown,), binding.action, node, group)
                order.append(ident)
            elif shown not in existing.keys:
                commands[ident] = Command(
                    existing.description, (*existing.keys, shown), existing.action, node, group
                )
    return [_typed_keys_first(commands[ident]) for ident in order]


def _typed_keys_first(command: Command) -> Command:
    """``j, ↓`` rather than ``↓, j``: the letter is the habit, the arrow the fallback."""
    keys = sorted(command.keys, key=lambda key: not ((len(key) == 1 and key.isascii()) or key == "space"))
    return Command(command.description, tuple(keys), command.action, command.node, command.group)

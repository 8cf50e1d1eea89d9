"""The house's shape, read from the code's own imports: no module imports
itself back at module level, the library never imports the app, and the app
uses only the library's public face."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Repository folder -> its import name.
PACKAGES = {"extract": "byline.extract", "tui": "byline.tui"}


def _modules() -> dict[str, Path]:
    found = {}
    for folder, name in PACKAGES.items():
        for path in (ROOT / folder).rglob("*.py"):
            parts = list(path.relative_to(ROOT / folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join([name, *parts])] = path
    return found


MODULES = _modules()


@cache
def _tree(module: str) -> ast.Module:
    return ast.parse(MODULES[module].read_text(encoding="utf-8"))


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _top_level_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Imports that run when the module is imported: its body and the ``if``/``try``
    blocks in it, but not ``if TYPE_CHECKING:`` nor function or class bodies."""
    found: list[ast.Import | ast.ImportFrom] = []
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        elif isinstance(node, ast.If):
            if not _is_type_checking(node.test):
                pending.extend(node.body)
            pending.extend(node.orelse)
        elif isinstance(node, ast.Try):
            pending.extend([*node.body, *node.orelse, *node.finalbody])
            for handler in node.handlers:
                pending.extend(handler.body)
    return found


def _resolve(module: str, node: ast.Import | ast.ImportFrom) -> list[tuple[str, list[str]]]:
    """(module imported, names taken from it) for each byline module the statement imports."""
    if isinstance(node, ast.Import):
        return [(alias.name, []) for alias in node.names]
    base = node.module or ""
    if node.level:
        package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{base}" if base else package
    targets = []
    names = []
    for alias in node.names:
        if f"{base}.{alias.name}" in MODULES:
            targets.append((f"{base}.{alias.name}", []))
        else:
            names.append(alias.name)
    return [(base, names), *targets]


def _edges() -> dict[str, set[str]]:
    """Each byline module -> the byline modules importing it runs (parent packages included)."""
    edges: dict[str, set[str]] = {name: set() for name in MODULES}
    for module in MODULES:
        for node in _top_level_imports(_tree(module)):
            for target, _names in _resolve(module, node):
                parts = target.split(".")
                for end in range(2, len(parts) + 1):  # importing a.b.c runs a.b's __init__ first
                    candidate = ".".join(parts[:end])
                    if candidate in MODULES and candidate != module and not module.startswith(candidate + "."):
                        edges[module].add(candidate)
    return edges


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


def test_no_module_imports_itself_back_at_module_level():
    assert _cycles(_edges()) == []


def _runtime_imports(module: str) -> set[str]:
    """Every byline module ``module`` imports when it runs, in a function too
    (``if TYPE_CHECKING:`` blocks left out)."""
    skipped = {
        id(statement)
        for node in ast.walk(_tree(module))
        if isinstance(node, ast.If) and _is_type_checking(node.test)
        for block in node.body
        for statement in ast.walk(block)
    }
    found = set()
    for node in ast.walk(_tree(module)):
        if isinstance(node, (ast.Import, ast.ImportFrom)) and id(node) not in skipped:
            found.update(target for target, _ in _resolve(module, node))
    return found


#: Rooms that never import the rooms listed (at run time): the layers of docs/ARCHITECTURE.md.
NEVER = {
    "byline.tui.data": ("byline.tui.opener", "byline.tui.cli", "byline.tui.app", "byline.tui.screens", "byline.tui.widgets", "byline.tui.dialogs", "textual"),
    "byline.tui.formats": ("byline.tui.cli", "byline.tui.app", "byline.tui.screens", "byline.tui.widgets", "byline.tui.dialogs", "textual", "rich"),
    "byline.tui.opener": ("byline.tui.cli", "byline.tui.app", "byline.tui.screens", "byline.tui.widgets", "byline.tui.dialogs", "textual"),
    "byline.tui.config": ("byline.tui.cli", "byline.tui.app", "byline.tui.screens", "byline.tui.widgets", "byline.tui.dialogs", "textual"),
    "byline.tui.feeds": ("byline.tui.cli", "byline.tui.app", "byline.tui.screens", "byline.tui.widgets", "byline.tui.dialogs", "textual", "rich"),
    "byline.tui.widgets": ("byline.tui.cli", "byline.tui.app", "byline.tui.screens", "byline.tui.dialogs"),
    "byline.tui.dialogs": ("byline.tui.cli", "byline.tui.app", "byline.tui.screens"),
    "byline.tui.screens": ("byline.tui.cli", "byline.tui.app"),
    "byline.tui.app": ("byline.tui.cli",),
}


def test_the_rooms_import_one_way():
    crossings = []
    for module in MODULES:
        for room, forbidden in NEVER.items():
            if module == room or module.startswith(room + "."):
                crossings += [f"{module} imports {target}" for target in _runtime_imports(module) if target.startswith(forbidden)]
    assert crossings == []


def test_the_library_never_imports_the_app_textual_or_rich():
    for module in MODULES:
        if not module.startswith("byline.extract"):
            continue
        for node in ast.walk(_tree(module)):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for target, _ in _resolve(module, node):
                    assert not target.startswith(("byline.tui", "textual", "rich")), f"{module} imports {target}"


def test_the_app_uses_only_the_library_s_public_face():
    """``byline.tui`` takes from ``byline.extract`` only what its ``__all__`` names,
    anywhere in a module (a function-level import counts too)."""
    import byline.extract

    face = set(byline.extract.__all__)
    behind = []
    for module in sorted(m for m in MODULES if m.startswith("byline.tui")):
        for node in ast.walk(_tree(module)):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "extract":
                if node.attr not in face:
                    behind.append(f"{module}: extract.{node.attr}")
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                for target, names in _resolve(module, node):
                    if target.startswith("byline.extract."):
                        behind.append(f"{module}: {target}")
                    elif target == "byline.extract" and not set(names) <= face:
                        behind.append(f"{module}: {sorted(set(names) - face)} from byline.extract")
    assert behind == []

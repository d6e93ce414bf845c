"""The package's import graph has no cycles: what several modules share lives below them.

Every ``import`` of a ``bilateral`` module counts, wherever it is written: at the top, inside a
function or under ``TYPE_CHECKING``; moving an import into a function hides a cycle, it does not
break it. An import of ``a.b.c`` is an edge to ``a.b.c`` only, not to the packages above it,
whose ``__init__`` Python runs first: a package that imports its own modules to register them
(``cli/__init__``) is not a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import bilateral

ROOT = Path(bilateral.__file__).parent


def modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def import_graph() -> dict[str, set[str]]:
    mods = modules()

    def resolve(name: str) -> str | None:
        while name and name not in mods:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for name, path in mods.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*up, base] if base else up)
                # `from a.b import c` imports the module a.b.c when there is one, else a.b.
                targets.update(
                    f"{base}.{a.name}" if f"{base}.{a.name}" in mods else base for a in node.names
                )
        edges = {resolve(t) for t in targets if t.split(".")[0] == "bilateral"}
        graph[name] = {t for t in edges if t is not None and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_graph_sees_every_kind_of_import() -> None:
    graph = import_graph()
    assert "bilateral.context" in graph["bilateral.pipeline"]  # at the top
    assert "bilateral.extract.dates.stage" in graph["bilateral.query.question"]  # in a function
    assert "bilateral.kb" in graph["bilateral.context"]  # under TYPE_CHECKING


def test_a_cycle_is_found() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_the_package_has_no_import_cycles() -> None:
    assert cycles(import_graph()) == []

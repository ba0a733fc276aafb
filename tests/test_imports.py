"""The package's import graph: no cycle, ortools in one place, no private lever module outside."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "mission_planner"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_only(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return True
    return False


def exported(path: Path) -> set[str]:
    """The names a package's ``__init__`` lists in ``__all__`` (re-exported objects)."""
    init = path / "__init__.py"
    if not init.exists():
        return set()
    for node in ast.walk(ast.parse(init.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            return {ast.literal_eval(e) for e in getattr(node.value, "elts", [])}
    return set()


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """Modules of the package ``path`` imports anywhere (functions included), not typing-only.

    ``from package import name`` is an import of the submodule ``name`` only when the package
    does not re-export an object of that name (``__all__``).
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Import | ast.ImportFrom) or _type_checking_only(node, parents):
            continue
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            package = SRC.joinpath(*base.split("."))
            names = [base] + [
                f"{base}.{alias.name}"
                for alias in node.names
                if alias.name not in exported(package)
            ]
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name:
                found.add(name)
    found.discard(module_name(path))
    return found


def graph() -> dict[str, set[str]]:
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    modules = set(files)
    return {name: imports_of(path, modules) for name, path in files.items()}


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if node.rpartition(".")[0] == nxt:  # a submodule back to its own package
                continue
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_no_import_cycle() -> None:
    """No module of the package imports, even inside a function, a module that imports it back.

    A submodule may import from its own package's ``__init__`` only through the submodule it
    needs; the one edge skipped is a submodule back to its parent package, which Python loads
    first anyway.
    """
    assert find_cycle(graph()) is None, find_cycle(graph())


def test_the_detector_finds_a_cycle() -> None:
    """The detector itself reports a two-module cycle."""
    assert find_cycle({"a": {"b"}, "b": {"a"}}) == ["a", "b", "a"]


def test_only_cpsat_imports_ortools() -> None:
    """In the package only ``cpsat/`` imports OR-Tools."""
    offenders = [
        module_name(p)
        for p in PACKAGE.rglob("*.py")
        if not module_name(p).startswith("mission_planner.cpsat")
        and any(
            isinstance(n, ast.Import | ast.ImportFrom) and "ortools" in ast.unparse(n)
            for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        )
    ]
    assert offenders == []


def test_no_private_lever_module_outside_the_levers() -> None:
    """explore, charts, io and the rest import the levers' package, never one of its modules."""
    edges = graph()
    private = {m for m in edges if m.startswith("mission_planner.levers.")}
    public_users = {
        m: sorted(edges[m] & private)
        for m in edges
        if not m.startswith("mission_planner.levers") and edges[m] & private
    }
    assert public_users == {}


def test_levers_take_no_original_scenario() -> None:
    """No function of the levers takes an ``original`` scenario beside a variant."""
    found = []
    for path in (PACKAGE / "levers").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef):
                names = [a.arg for a in node.args.args + node.args.kwonlyargs]
                if "original" in names:
                    found.append(f"{path.name}:{node.name}")
    assert found == []

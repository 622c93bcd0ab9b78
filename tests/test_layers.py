"""The import layers of listlint (STYLE.md: data flows one way, no step reaches back).

Read from the source, every import counted (module level or inside a function; only
``if TYPE_CHECKING:`` blocks are left out, they never run):

* the lower layers (loader, text, policy and the shared helpers under them) never import
  rules, the engine, formatters or the CLI;
* no import cycle between packages, counting each rule family (``listlint.rules.<family>``)
  and each top-level module as a package of its own.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "listlint"

#: the layers that must not reach up, and what they must not reach
LOWER = (
    "listlint.loader",
    "listlint.text",
    "listlint.policy",
    "listlint.units",
    "listlint.gtin",
    "listlint.taxonomy",
    "listlint.batch",
    "listlint.catalog",
)
UPPER = ("listlint.rules", "listlint.engine", "listlint.formatters", "listlint.cli")
#: modules of ``listlint.rules`` that are the family contract, not a family
RULES_CORE = {"base", "family", "context", "registry", "packs", "selectors"}


def _modules(root: Path = SRC) -> dict[str, Path]:
    out = {}
    for path in root.rglob("*.py"):
        parts = path.relative_to(root.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _runtime_imports(path: Path, modules: dict[str, Path]) -> Iterator[tuple[str, int]]:
    """(imported listlint module, line) for every import that can run."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for node in ast.walk(block)
    }
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.split(".")[0] != "listlint":
                continue
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                yield (full if full in modules else node.module), node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "listlint":
                    yield alias.name, node.lineno


def _package(module: str) -> str:
    """The node of the package graph a module belongs to."""
    parts = module.split(".")
    if len(parts) >= 3 and parts[1] == "rules" and parts[2] not in RULES_CORE:
        return ".".join(parts[:3])
    return ".".join(parts[:2])


def _graph() -> tuple[dict[str, set[str]], dict[tuple[str, str], list[str]]]:
    modules = _modules()
    edges: dict[str, set[str]] = defaultdict(set)
    where: dict[tuple[str, str], list[str]] = defaultdict(list)
    for name, path in modules.items():
        for target, line in _runtime_imports(path, modules):
            a, b = _package(name), _package(target)
            if a != b and b != "listlint":
                edges[a].add(b)
                where[a, b].append(f"{path.relative_to(SRC.parent)}:{line}")
    return edges, where


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def _inside(module: str, packages: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def test_lower_layers_do_not_import_upper_layers() -> None:
    edges, where = _graph()
    bad = [
        f"{a} -> {b} ({', '.join(where[a, b][:2])})"
        for a in sorted(edges)
        if _inside(a, LOWER)
        for b in sorted(edges[a])
        if _inside(b, UPPER)
    ]
    assert not bad, "lower layers reach up:\n" + "\n".join(bad)


def test_no_import_cycle_between_packages() -> None:
    edges, where = _graph()
    found = []
    for component in _cycles(edges):
        inside = [
            f"  {a} -> {b} ({', '.join(where[a, b][:2])})"
            for a in component
            for b in sorted(edges[a])
            if b in component
        ]
        found.append(" <-> ".join(component) + "\n" + "\n".join(inside))
    assert not found, "import cycles:\n" + "\n".join(found)


def test_the_checks_see_what_they_guard(tmp_path: Path) -> None:
    """The graph is built from real imports: a function-level import counts, a
    TYPE_CHECKING one does not, and a planted cycle is found."""
    pkg = tmp_path / "listlint"
    (pkg / "text").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "text" / "__init__.py").write_text("")
    (pkg / "engine.py").write_text("from listlint.text import fold\n")
    (pkg / "text" / "fold.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from listlint.cli import main\n"
        "def f():\n    from listlint import engine\n"
    )
    modules = _modules(pkg)
    found = {t for n, p in modules.items() for t, _ in _runtime_imports(p, modules)}
    assert "listlint.engine" in found and "listlint.cli" not in found
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize(
    ("module", "package"),
    [
        ("listlint.rules.claims.vocab", "listlint.rules.claims"),
        ("listlint.rules.family", "listlint.rules"),
        ("listlint.loader.csv", "listlint.loader"),
        ("listlint.engine", "listlint.engine"),
    ],
)
def test_package_nodes(module: str, package: str) -> None:
    assert _package(module) == package

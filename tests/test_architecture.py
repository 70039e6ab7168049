"""The shape of the code: imports run one way, modules stay small, stages import downstream only.

These are the rules a newcomer relies on to know where a change goes (issue "Code health").
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "sebrief"
MAX_LINES = 450


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The sebrief modules ``name`` imports, at any depth of its body (lazy imports count)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            # ``from a.b import c`` imports the module a.b.c when there is one (as ``import a.b.c``
            # does), and a name of a.b's face otherwise: then a.b itself is what it runs.
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(name, path, known) for name, path in modules.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle as the list of modules on it, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_cycle_finder_finds_a_circle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_an_import_from_a_package_names_the_module_or_the_face(tmp_path: Path) -> None:
    module = tmp_path / "sub.py"
    module.write_text("from pkg import other, VALUE\nfrom . import other as again\n", encoding="utf-8")
    known = {"pkg", "pkg.sub", "pkg.other"}
    # "from pkg import other" imports the module pkg.other; VALUE is a name of pkg's face.
    assert _imports("pkg.sub", module, known) == {"pkg.other", "pkg"}


def test_imports_run_one_way() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import circle: " + " -> ".join(cycle or [])


def test_the_engine_imports_one_way() -> None:
    """The engine (the analysis, the diff and its wording) is on no circle: issue 17 done for it."""
    graph = {
        name: {target for target in targets if target.startswith("sebrief.engine")}
        for name, targets in import_graph().items()
        if name.startswith("sebrief.engine")
    }
    assert "sebrief.engine.diff" in graph
    cycle = find_cycle(graph)
    assert cycle is None, "import circle: " + " -> ".join(cycle or [])


def _long_modules() -> Iterator[tuple[str, int]]:
    for name, path in _modules().items():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            yield name, lines


def test_no_module_is_over_the_limit() -> None:
    assert dict(_long_modules()) == {}


def test_no_module_of_the_engine_is_over_the_limit() -> None:
    assert {name: lines for name, lines in _long_modules() if name.startswith("sebrief.engine")} == {}


@pytest.mark.parametrize(
    ("stage", "forbidden"),
    [
        ("sebrief.dataset", ("sebrief.engine", "sebrief.render", "sebrief.export", "sebrief.commands")),
        ("sebrief.engine", ("sebrief.render", "sebrief.export", "sebrief.commands", "sebrief.draft")),
        ("sebrief.render", ("sebrief.commands", "sebrief.draft", "sebrief.export")),
    ],
)
def test_stages_import_only_upstream(stage: str, forbidden: tuple[str, ...]) -> None:
    wrong = {
        (name, target)
        for name, targets in import_graph().items()
        if name == stage or name.startswith(stage + ".")
        for target in targets
        if any(target == f or target.startswith(f + ".") for f in forbidden)
    }
    assert wrong == set()

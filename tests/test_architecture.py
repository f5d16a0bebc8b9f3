"""The shape of the package (docs/architecture.md): imports point one way, down the
pipeline, with no circle between kg's modules or between its stages (folders), and no
private name is imported from another module."""
from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

from conftest import REPO

PACKAGE = REPO / "kg"


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports(name: str) -> list[tuple[str, str | None]]:
    """(module imported, name taken from it or None) for every import of ``name``'s file,
    those inside functions too: an import put in a function to dodge a circle is still one."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, None) for alias in node.names if alias.name.split(".")[0] == "kg"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            if source.split(".")[0] != "kg":
                continue
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                found.append((submodule, None) if submodule in MODULES else (source, alias.name))
    return found


def module_graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(MODULES)
    for name in MODULES:
        for target, _ in imports(name):
            while target not in MODULES:  # kg.schema (data), or a name taken from a package
                target = target.rpartition(".")[0]
            if target != name:
                graph.add_edge(name, target)
    return graph


def stage(module: str) -> str:
    """The folder (kg.read, kg.store, ...) or top-level module a module belongs to."""
    return ".".join(module.split(".")[:2])


def circles(graph: nx.DiGraph) -> list[list[str]]:
    return [sorted(component) for component in nx.strongly_connected_components(graph) if len(component) > 1]


def test_every_import_names_a_module_of_kg():
    """An import inside a function runs only when it is called: one left behind by a move fails late."""
    stale = [f"{name} imports {target}" for name in MODULES for target, taken in imports(name)
             if target not in MODULES and not target.startswith("kg.schema")]
    assert stale == []


def test_no_import_circle_between_modules():
    assert circles(module_graph()) == []


def test_no_import_circle_between_stages():
    stages = nx.DiGraph()
    stages.add_edges_from((stage(a), stage(b)) for a, b in module_graph().edges if stage(a) != stage(b))
    assert circles(stages) == []


def test_the_store_knows_nothing_of_queries_serving_or_exports():
    below = {stage(target) for module in MODULES if stage(module) == "kg.store"
             for target in nx.descendants(module_graph(), module)}
    assert not below & {"kg.query", "kg.serve", "kg.export", "kg.pipeline", "kg.cli"}


def test_no_private_name_imported_from_another_module():
    private = [f"{name} takes {source}.{taken}" for name in MODULES for source, taken in imports(name)
               if taken is not None and taken.startswith("_") and not taken.startswith("__") and source != name]
    assert private == []


def test_no_module_is_too_long_to_read():
    lines = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in MODULES.items()}
    assert {name: count for name, count in lines.items() if count > 450} == {}

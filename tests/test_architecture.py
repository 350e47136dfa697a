"""The package's layers: which relgraph modules import which.

A small walk over the source's syntax trees lists every ``relgraph`` import of
every module, module-level and function-level (lazy) alike; imports only a type
checker follows (``if TYPE_CHECKING:``) are left out, since they never run.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "relgraph"


def _modules() -> dict[str, tuple[Path, bool]]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        found[".".join(parts)] = (path, is_package)
    return found


MODULES = _modules()


def _owner(name: str) -> str | None:
    """The relgraph module an imported name lives in (a package for its attributes)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _typing_only(tree: ast.Module) -> set[int]:
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for statement in node.body:
                skipped.update(id(n) for n in ast.walk(statement))
    return skipped


def imports_of(module: str) -> set[str]:
    """The relgraph modules ``module`` imports when it runs, at any depth of its code."""
    path, is_package = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if is_package else module.rpartition(".")[0]
    skipped = _typing_only(tree)
    found: set[str | None] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(_owner(a.name) for a in node.names if a.name.startswith("relgraph"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            if name == "relgraph" or name.startswith("relgraph."):
                for alias in node.names:
                    full = f"{name}.{alias.name}"
                    found.add(full if full in MODULES else _owner(name))
    found.discard(None)
    found.discard(module)
    return {m for m in found if m is not None}


@functools.cache
def import_graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(MODULES)
    graph.add_edges_from((m, i) for m in MODULES for i in imports_of(m))
    return graph


def test_the_walk_sees_lazy_imports_and_skips_typing_only_ones() -> None:
    # graph.py binds Dataset's methods at import; rendering imports analysis inside functions
    assert "relgraph.model" in imports_of("relgraph.graph")
    assert "relgraph.analysis" in imports_of("relgraph.rendering")
    # model.py names Vocabulary for the type checker only
    assert "relgraph.vocabulary" not in imports_of("relgraph.model")


#: What the bottom layers may use: the model nothing of relgraph, the
#: diagnostics only the terminal's text cleaning, the quote matcher only the
#: passage finder (which imports no relgraph module either).
LEAVES = {
    "relgraph.model": set(),
    "relgraph.terminal": set(),
    "relgraph.passages": set(),
    "relgraph._version": set(),
    "relgraph.errors": {"relgraph.terminal"},
    "relgraph.quotes": {"relgraph.passages"},
}


@pytest.mark.parametrize("module", sorted(LEAVES))
def test_the_bottom_layers_import_nothing_above_them(module: str) -> None:
    assert nx.descendants(import_graph(), module) == LEAVES[module]


def test_importing_the_model_alone_still_gives_a_dataset_its_graph_and_page() -> None:
    import subprocess
    import sys

    code = (
        "from relgraph.model import Dataset\n"
        "from relgraph.vocabulary import builtin_vocabulary\n"
        "ds = Dataset('d', 'D', builtin_vocabulary())\n"
        "print(ds.graph().number_of_nodes(), type(ds.project()).__name__,"
        " '<iframe' in ds._repr_html_(), len(list(ds._origins)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "0 Graph True 0\n"


def test_no_import_cycles() -> None:
    cycles = [c for c in nx.strongly_connected_components(import_graph()) if len(c) > 1]
    assert cycles == []


#: Loading, bottom up: each of these modules reaches (at any depth) none of the later
#: ones. The readers of the formats and of a folder, then the rules, then the loader
#: with its fast path, then the joiner of several datasets, then ``load()`` and
#: ``validate()``; conversion sits above them all.
LOADING = [
    "relgraph.load.yaml",
    "relgraph.load.jsonl",
    "relgraph.folders",
    "relgraph.load.rules",
    "relgraph.load.fast",
    "relgraph.combine",
    "relgraph.load",
    "relgraph.convert",
]

#: What loading never imports: the writers of other formats, the importers, the page
#: and the command line.
ABOVE_LOADING = ("relgraph.export", "relgraph.imports", "relgraph.rendering", "relgraph.cli")


@pytest.mark.parametrize("index", range(len(LOADING)))
def test_loading_imports_point_one_way(index: int) -> None:
    module = LOADING[index]
    assert set(LOADING[index + 1 :]).isdisjoint(nx.descendants(import_graph(), module))


@pytest.mark.parametrize(
    "module", sorted(m for m in MODULES if m == "relgraph.load" or m.startswith("relgraph.load."))
)
def test_the_load_package_imports_nothing_from_the_layers_above_it(module: str) -> None:
    reached = nx.descendants(import_graph(), module)
    assert [m for m in reached if m.startswith(ABOVE_LOADING)] == []


def test_the_version_has_one_home() -> None:
    import relgraph
    from relgraph._version import __version__

    assert relgraph.__version__ is __version__
    # below the command line, no module reaches up to the package's facade for it
    below_cli = [m for m in MODULES if m != "relgraph" and not m.startswith("relgraph.cli")]
    assert [m for m in below_cli if "relgraph" in imports_of(m)] == []


def test_relgraph_load_stays_the_function_when_the_loading_modules_are_imported() -> None:
    # the package relgraph.load shares its name with the function relgraph.load: importing
    # a submodule sets an attribute of its parent, which must never replace the function
    import subprocess
    import sys

    code = (
        "import relgraph\n"
        "import relgraph.load.yaml, relgraph.load.jsonl, relgraph.load.rules, relgraph.load.fast\n"
        "import relgraph.convert\n"
        "from relgraph.load import fast, jsonl, rules, yaml\n"
        "import sys\n"
        "print(callable(relgraph.load), relgraph.load.__module__, sys.modules['relgraph.load'])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("True relgraph.load <module 'relgraph.load' from ")


#: The format's layer: the spec, the records, the spreadsheet cells and the YAML writer
#: (which quotes what the YAML reader reads as a number). The exports and the imports
#: both stand on it, and neither reaches the other.
FORMAT_LAYER = {
    "relgraph.spec": {"relgraph.model"},
    "relgraph.cells": {"relgraph.spec", "relgraph.model"},
    "relgraph.yamlwriter": {
        "relgraph.model",
        "relgraph.load.yaml",
        "relgraph.errors",
        "relgraph.terminal",
    },
}


@pytest.mark.parametrize("module", sorted(FORMAT_LAYER))
def test_the_format_layer_stands_on_the_model_and_the_yaml_reader_only(module: str) -> None:
    assert nx.descendants(import_graph(), module) == FORMAT_LAYER[module]


def _family(package: str) -> set[str]:
    return {m for m in MODULES if m == package or m.startswith(package + ".")}


@pytest.mark.parametrize(
    ("package", "other"),
    [("relgraph.export", "relgraph.imports"), ("relgraph.imports", "relgraph.export")],
)
def test_the_exports_and_the_imports_do_not_import_each_other(package: str, other: str) -> None:
    reached = {(m, i) for m in _family(package) for i in imports_of(m) if i in _family(other)}
    assert reached == set()


@pytest.mark.parametrize("module", ["relgraph.records", "relgraph.schema"])
def test_the_records_and_the_schema_stand_below_the_exports_and_the_imports(module: str) -> None:
    above = _family("relgraph.export") | _family("relgraph.imports") | _family("relgraph.cli")
    assert nx.descendants(import_graph(), module) & above == set()

"""What the docs say of the code is what the code does."""

from __future__ import annotations

import re
from pathlib import Path

import relgraph
import relgraph.graph

ROOT = Path(__file__).resolve().parents[1]


def _named(text: str) -> set[str]:
    return set(re.findall(r"``(\w+)``", text))


def test_the_graph_modules_attribute_lists_are_the_graphs() -> None:
    doc = relgraph.graph.__doc__ or ""
    nodes = doc[doc.index("Node attributes:") : doc.index("Edge attributes:")]
    edges = doc[doc.index("Edge attributes:") : doc.index("The projection")]
    start = edges.index("``evidence`` (list")
    evidence = edges[start : edges.index(")", start)]
    edges = edges.replace(evidence, "``evidence``")
    g = relgraph.load(ROOT / "graph_data" / "cuba_iran.yaml").graph()
    _, node = next(iter(g.nodes(data=True)))
    _, _, edge = next(iter(g.edges(data=True)))
    assert _named(nodes) == set(node)
    assert _named(edges) - {"None"} == set(edge)
    assert _named(evidence) - {"evidence"} == set(edge["evidence"][0])


def test_the_readme_names_no_networkx_fallback_for_igraph() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "fallback" not in readme.split("- **igraph**")[1].split("- **")[0]
    assert "falls back" not in (relgraph.analysis.__doc__ or "")


def test_a_page_is_drawn_without_importing_pyvis_or_what_it_brings() -> None:
    """The README: pyvis is there for vis-network's script alone, never imported."""
    import subprocess
    import sys

    code = (
        "import sys, relgraph\n"
        f"ds = relgraph.load({str(ROOT / 'graph_data' / 'cuba_iran.yaml')!r})\n"
        "html = relgraph.render(ds)\n"
        "assert 'vis-network' in html or 'vis.Network' in html\n"
        "print(sorted(m for m in ('pyvis', 'IPython', 'jsonpickle') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT
    )
    assert out.stdout == "[]\n"

"""The GEXF and GraphML exports, read by graphology's own parsers (Gephi Lite, sigma.js).

``tests/js`` holds the readers (installed from its lockfile by ``scripts/test``) and
``read_graph.js``, which prints what graphology makes of a file: every node and edge with
its attributes, by the names a user sees.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import relgraph
from relgraph.export import export
from relgraph.export.gexf import EDGE_ATTRIBUTES, NODE_ATTRIBUTES

JS = Path(__file__).resolve().parent / "js"


def read(fmt: str, path: Path) -> dict[str, Any]:
    node = shutil.which("node")
    assert node is not None, "node is needed: scripts/test installs it"
    assert (JS / "node_modules" / "graphology").is_dir(), "run scripts/test to install tests/js"
    out = subprocess.run(
        [node, str(JS / "read_graph.js"), fmt, str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    data: dict[str, Any] = json.loads(out.stdout)
    return data


ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(
    scope="module",
    params=[
        ("cuba_iran.yaml", "1.3"),
        ("raisi_havana_2023.yaml", "1.3"),
        ("cuba_iran_havana.yaml", "1.3"),
        ("cuba_iran.yaml", "1.2draft"),
    ],
    ids=lambda p: f"{p[0]}-{p[1]}",
)
def dataset_and_gexf(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[relgraph.Dataset, dict[str, Any]]:
    """Each bundled dataset's GEXF (and one in GEXF 1.2draft), as graphology reads it."""
    name, version = request.param
    ds = relgraph.load(ROOT / "graph_data" / name)
    path = tmp_path_factory.mktemp("gexf") / "g.gexf"
    export(ds, "gexf", path, version=version)
    return ds, read("gexf", path)


def test_graphology_reads_gexf_attributes_by_their_titles(
    dataset_and_gexf: tuple[relgraph.Dataset, dict[str, Any]],
) -> None:
    bundled, gexf = dataset_and_gexf
    assert set(gexf["nodes"]) == {e.id for e in bundled.entities}
    titles = {t for t, _ in NODE_ATTRIBUTES}
    for entity in bundled.entities:
        node = gexf["nodes"][entity.id]
        assert (node["label"], node["kind"]) == (entity.name, entity.kind)
        assert set(node) - {"label", "color", "size", "x", "y", "z", "shape"} <= titles
    edge_titles = {t for t, _ in EDGE_ATTRIBUTES}
    for edge in gexf["edges"].values():
        names = set(edge["attributes"]) - {"label", "weight", "kind", "color", "spells"}
        assert names <= edge_titles, names - edge_titles


def test_graphology_reads_every_quote_of_the_gexf(
    dataset_and_gexf: tuple[relgraph.Dataset, dict[str, Any]],
) -> None:
    bundled, gexf = dataset_and_gexf
    by_id = {r.id: r for r in bundled.relations}
    assert len(gexf["edges"]) == len(bundled.relations)
    for key, edge in gexf["edges"].items():
        relation = by_id[key]
        text = edge["attributes"]["evidence"]
        assert all(e.quote in text for e in relation.evidence), key
        assert (edge["source"], edge["target"]) == (relation.source, relation.target)


def test_graphology_reads_graphml_labels_and_attributes(
    bundled: relgraph.Dataset, tmp_path: Path
) -> None:
    path = tmp_path / "g.graphml"
    export(bundled, "graphml", path)
    data = read("graphml", path)
    assert data["nodes"]["cuba"]["label"] == "Cuba"
    assert data["nodes"]["cuba"]["name"] == "Cuba"
    by_id = {r.id: r for r in bundled.relations}
    assert len(data["edges"]) == len(bundled.relations)
    for edge in data["edges"].values():
        attrs = edge["attributes"]
        relation = by_id[attrs["relation_id"]]
        assert attrs["evidence_count"] == len(relation.evidence)
        assert all(e.quote in attrs["evidence"] for e in relation.evidence)

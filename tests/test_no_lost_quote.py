"""No export loses a quote in the tool it is made for.

Each bundled dataset is exported for a target and read the way that target reads it,
with the target's own reader where one installs from PyPI or npm, else by the target's
documented import conventions; then every evidence quote of the dataset must be there,
on the relation (or claim) it is evidence for.

=================  ===============================================================
target             read with
=================  ===============================================================
NetworkX           ``networkx.node_link_graph`` with its default keys (JSON export)
Gephi (GraphML)    ``networkx.read_graphml``, and graphology-graphml from npm
Gephi (GEXF)       ``networkx.read_gexf``, and graphology-gexf from npm
Gephi (CSV)        Gephi's spreadsheet importer's conventions: an edges table is one
                   with ``Source`` and ``Target`` columns, ``Id`` names the edge (a
                   repeated ``Id`` is the same edge, so only one of its rows is kept),
                   every other column an attribute holding the cell's text
Kumu (CSV)         Kumu's documented spreadsheet import: connections by ``From``/``To``,
                   a row with the ``ID`` of an earlier one updates that connection
                   (its last row wins), a cell's values separated by ``|``
FollowTheMoney     ``followthemoney``'s own model (``model.get_proxy``) from PyPI
=================  ===============================================================

(Kumu and Gephi cannot be installed here: they are a web service and a desktop program.)
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from test_readers_js import read as graphology_read

import relgraph
from relgraph.export import export, export_bytes
from relgraph.export.ftm import ftm_id

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ["cuba_iran.yaml", "cuba_iran_havana.yaml", "raisi_havana_2023.yaml"]


@pytest.fixture(scope="module", params=DATASETS)
def ds(request: pytest.FixtureRequest) -> relgraph.Dataset:
    return relgraph.load(ROOT / "graph_data" / request.param)


def relation_quotes(ds: relgraph.Dataset) -> dict[str, Counter[str]]:
    return {r.id: Counter(e.quote for e in r.evidence) for r in ds.relations}


def claim_quotes(ds: relgraph.Dataset) -> dict[str, Counter[str]]:
    return {c.id: Counter(e.quote for e in c.evidence) for c in ds.claims}


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def test_the_bundled_datasets_have_quotes_to_lose(ds: relgraph.Dataset) -> None:
    assert sum(len(r.evidence) for r in ds.relations) > len(ds.relations)  # several a relation
    assert ds.claims


def test_networkx_reads_every_quote_with_its_default_keys(ds: relgraph.Dataset) -> None:
    g = nx.node_link_graph(json.loads(export_bytes(ds, "json")))
    edges = g.edges(keys=True, data=True)
    got = {key: Counter(e["quote"] for e in d["evidence"]) for _, _, key, d in edges}
    assert got == relation_quotes(ds)
    claims = {c["id"]: Counter(e["quote"] for e in c["evidence"]) for c in g.graph["claims"]}
    assert claims == claim_quotes(ds)


def _every_quote_in(texts: dict[str, str], ds: relgraph.Dataset) -> None:
    assert set(texts) == {r.id for r in ds.relations}
    quotes = relation_quotes(ds)
    missing = [(rid, q) for rid, qs in quotes.items() for q in qs if q not in texts[rid]]
    assert missing == []


def test_gephi_graphml_keeps_every_quote_and_labels_nodes(ds: relgraph.Dataset) -> None:
    g = nx.read_graphml(io.BytesIO(export_bytes(ds, "graphml")))
    assert {n: d["label"] for n, d in g.nodes(data=True)} == {e.id: e.name for e in ds.entities}
    _every_quote_in({d["relation_id"]: d["evidence"] for _, _, d in g.edges(data=True)}, ds)


def test_gephi_gexf_keeps_every_quote(ds: relgraph.Dataset) -> None:
    g = nx.read_gexf(io.BytesIO(export_bytes(ds, "gexf")))
    _every_quote_in({d["id"]: d["evidence"] for _, _, d in g.edges(data=True)}, ds)


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_graphology_keeps_every_quote(fmt: str, ds: relgraph.Dataset, tmp_path: Path) -> None:
    path = tmp_path / f"g.{fmt}"
    export(ds, fmt, path)
    edges = graphology_read(fmt, path)["edges"]
    # graphology keys GEXF edges by their id; GraphML edges carry it as relation_id
    ids = {k: e["attributes"]["relation_id"] if fmt == "graphml" else k for k, e in edges.items()}
    _every_quote_in({ids[k]: e["attributes"]["evidence"] for k, e in edges.items()}, ds)


def _gephi_spreadsheet(folder: Path) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """Nodes and edges as Gephi's spreadsheet importer takes them (see the module docs)."""
    nodes_rows = _rows((folder / "entities.csv").read_bytes())
    edges_rows = _rows((folder / "relations.csv").read_bytes())
    assert list(nodes_rows[0])[:2] == ["Id", "Label"]
    assert list(edges_rows[0])[:6] == ["Id", "Source", "Target", "Type", "Label", "Weight"]
    nodes = {r["Id"]: r for r in nodes_rows}
    edges: dict[str, dict[str, str]] = {}
    for row in edges_rows:
        edges.setdefault(row["Id"], row)  # Gephi: "an edge with this id already exists"
    return nodes, edges


def test_gephi_spreadsheet_import_keeps_every_quote(ds: relgraph.Dataset, tmp_path: Path) -> None:
    export(ds, "csv", tmp_path / "gephi", layout="gephi", texts=False)
    nodes, edges = _gephi_spreadsheet(tmp_path / "gephi")
    assert {i: n["Label"] for i, n in nodes.items()} == {e.id: e.name for e in ds.entities}
    assert {r["Type"] for r in edges.values()} <= {"Directed", "Undirected"}
    assert {i: int(r["Weight"]) for i, r in edges.items()} == {
        r.id: len(r.evidence) for r in ds.relations
    }
    _every_quote_in({i: r["Quote"] for i, r in edges.items()}, ds)


def test_gephi_spreadsheet_one_row_per_evidence_item_would_lose_quotes(
    ds: relgraph.Dataset, tmp_path: Path
) -> None:
    """Why ``--evidence rows`` is not the default: Gephi keeps one row of each ``Id``."""
    export(ds, "csv", tmp_path / "rows", layout="gephi", evidence="rows", texts=False)
    _, edges = _gephi_spreadsheet(tmp_path / "rows")
    kept = sum(1 for rid, qs in relation_quotes(ds).items() for q in qs if q in edges[rid]["Quote"])
    assert kept < sum(len(r.evidence) for r in ds.relations)


def _kumu_connections(folder: Path) -> dict[str, dict[str, list[str]]]:
    """Connections as Kumu's spreadsheet import makes them (see the module docs)."""
    rows = _rows((folder / "relations.csv").read_bytes())
    assert list(rows[0])[:3] == ["ID", "From", "To"]
    connections: dict[str, dict[str, list[str]]] = {}
    for row in rows:
        fields = {k: v.split("|") for k, v in row.items() if v}
        connections.setdefault(row["ID"], {}).update(fields)  # a repeated ID updates it
    return connections


def test_kumu_import_keeps_every_quote(ds: relgraph.Dataset, tmp_path: Path) -> None:
    export(ds, "csv", tmp_path / "kumu", texts=False)
    connections = _kumu_connections(tmp_path / "kumu")
    assert set(connections) == {r.id for r in ds.relations}
    for r in ds.relations:
        fields = connections[r.id]
        assert (fields["From"], fields["To"], fields["Type"]) == ([r.source], [r.target], [r.type])
        assert fields["Quote"] == [e.quote for e in r.evidence]  # one value per quote, in order
        assert fields["Quote source"] == [e.source for e in r.evidence]
        assert fields["Evidence count"] == [str(len(r.evidence))]


def test_kumu_import_of_one_row_per_evidence_item_would_lose_quotes(
    ds: relgraph.Dataset, tmp_path: Path
) -> None:
    """Why ``--evidence rows`` is not the default: Kumu keeps a connection's last row."""
    export(ds, "csv", tmp_path / "rows", evidence="rows", texts=False)
    connections = _kumu_connections(tmp_path / "rows")
    kept = sum(len(c["Quote"]) for c in connections.values())
    assert kept == len(ds.relations) < sum(len(r.evidence) for r in ds.relations)


def test_followthemoney_keeps_every_quote(ds: relgraph.Dataset) -> None:
    from followthemoney import model

    proxies = [model.get_proxy(json.loads(line)) for line in export_bytes(ds, "ftm").splitlines()]
    by_record = {
        p.first("recordId"): p for p in proxies if p.schema.edge and p.get("recordId", quiet=True)
    }
    _every_quote_in({rid: "\n".join(p.get("description")) for rid, p in by_record.items()}, ds)
    by_id = {p.id: p for p in proxies}
    for c in ds.claims:
        notes = "\n".join(by_id[ftm_id("e", ds.id, c.entity)].get("notes"))
        assert [e.quote for e in c.evidence if e.quote not in notes] == [], c.id

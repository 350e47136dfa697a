"""The model graph: what ``Dataset.graph()`` gives, whatever way it is built."""

from __future__ import annotations

import dataclasses
import importlib.util
from pathlib import Path

import networkx as nx
import pytest

import relgraph
from relgraph.graph import edge_attributes
from relgraph.model import Dataset

BENCH = Path(__file__).resolve().parent.parent / "bench"


def through_the_public_api(ds: Dataset) -> nx.MultiDiGraph:
    """The graph as ``add_nodes_from`` and ``add_edges_from`` build it."""
    reference = ds.graph()  # only for the node attributes, checked on their own below
    g = nx.MultiDiGraph(id=ds.id, title=ds.title)
    g.add_nodes_from(reference.nodes(data=True))
    g.add_edges_from((r.source, r.target, r.id, edge_attributes(ds, r)) for r in ds.relations)
    return g


def same_graph(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    assert a.graph == b.graph
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))
    assert list(a.in_edges(keys=True, data=True)) == list(b.in_edges(keys=True, data=True))
    assert nx.utils.graphs_equal(a, b)


def test_the_graph_is_the_one_add_edges_from_builds(bundled: Dataset) -> None:
    same_graph(bundled.graph(), through_the_public_api(bundled))


def test_a_bulk_dataset_gives_the_graph_add_edges_from_builds(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("generate", BENCH / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    ds = relgraph.load(generate.write_dataset(2000, tmp_path)["jsonl"])
    same_graph(ds.graph(), through_the_public_api(ds))


def test_both_directions_share_one_edge_and_networkx_can_change_it(bundled: Dataset) -> None:
    g = bundled.graph()
    r = bundled.relations[0]
    g.edges[r.source, r.target, r.id]["status"] = "denied"
    assert g.pred[r.target][r.source][r.id]["status"] == "denied"
    g.remove_edge(r.source, r.target, r.id)
    assert not g.has_edge(r.source, r.target, r.id)
    assert g.number_of_edges() == len(bundled.relations) - 1
    assert bundled.graph().has_edge(r.source, r.target, r.id)  # the dataset is untouched
    assert nx.utils.graphs_equal(g.reverse().reverse(), g)


def test_a_relation_to_no_entity_adds_a_bare_node_as_networkx_does(bundled: Dataset) -> None:
    r = bundled.relations[0]
    odd = dataclasses.replace(r, id="odd", target="nobody")
    ds = dataclasses.replace(bundled, relations=(*bundled.relations, odd))
    g = ds.graph()
    assert g.nodes["nobody"] == {}
    assert g.pred["nobody"][r.source]["odd"]["id"] == "odd"
    same_graph(g, through_the_public_api(ds))


def test_a_repeated_relation_id_between_one_pair_is_one_edge_as_in_networkx(
    bundled: Dataset,
) -> None:
    r = bundled.relations[0]
    again = dataclasses.replace(r, notes="the second one")
    ds = dataclasses.replace(bundled, relations=(*bundled.relations, again))
    g = ds.graph()
    assert g.number_of_edges() == len(bundled.relations)
    assert g.edges[r.source, r.target, r.id]["notes"] == "the second one"
    same_graph(g, through_the_public_api(ds))


def test_each_edge_carries_the_documented_attributes(bundled: Dataset) -> None:
    g = bundled.graph()
    alleged = next(r for r in bundled.relations if r.status == "alleged")
    data = g.edges[alleged.source, alleged.target, alleged.id]
    assert sorted(data) == sorted(
        [
            *("id", "type", "category", "label", "inverse_label", "directed", "status"),
            *("sign", "allegation", "date", "start", "end", "notes", "referents"),
            *("evidence_count", "source_count", "origins", "evidence"),
        ]
    )
    assert data["allegation"] is True
    assert data["evidence_count"] == len(alleged.evidence)
    assert data["source_count"] == len({e.source for e in alleged.evidence})
    assert data["evidence"][0]["quote"] == alleged.evidence[0].quote


@pytest.mark.parametrize("field", ["evidence", "aliases"])
def test_changing_the_graph_leaves_the_next_graph_alone(bundled: Dataset, field: str) -> None:
    g = bundled.graph()
    if field == "evidence":
        r = bundled.relations[0]
        g.edges[r.source, r.target, r.id]["evidence"].clear()
        again = bundled.graph().edges[r.source, r.target, r.id]["evidence"]
        assert len(again) == len(r.evidence)
    else:
        e = bundled.entities[0]
        g.nodes[e.id]["aliases"].append("changed")
        assert "changed" not in bundled.graph().nodes[e.id]["aliases"]

"""The model graph: what ``Dataset.graph()`` gives, whatever way it is built."""

from __future__ import annotations

import dataclasses
import importlib.util
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import relgraph
from relgraph.graph import Weighting, edge_attributes
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


@pytest.mark.parametrize("end", ["source", "target"])
def test_a_relation_to_no_entity_adds_a_bare_node_as_networkx_does(
    bundled: Dataset, end: str
) -> None:
    r = bundled.relations[0]
    odd = dataclasses.replace(r, id="odd", **{end: "nobody"})
    # first, so that the relations after it must still be added
    ds = dataclasses.replace(bundled, relations=(odd, *bundled.relations))
    g = ds.graph()
    assert g.nodes["nobody"] == {}
    assert g.number_of_edges() == len(bundled.relations) + 1
    u, v = (odd.source, odd.target)
    assert g.succ[u][v]["odd"]["id"] == g.pred[v][u]["odd"]["id"] == "odd"
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


# The projection, on tests/fixtures/projection/projection.yaml: alpha and beta are joined by
# a denied relation (the first one written), a confirmed agreement (undirected, cooperative,
# written from beta), a reported criticism and an alleged hostility (directed, hostile) and a
# disputed meeting (undirected, neutral) from alpha; alpha and gamma by one hostile and one
# cooperative relation; gamma and delta, written against the order of their ids, by one
# cooperative relation; epsilon by none. The meeting's evidence comes from wire and from
# reprint, which copies wire: two sources, one origin.

PROJECTION = Path(__file__).parent / "fixtures" / "projection" / "projection.yaml"

AGREEMENT = "alpha.agreement.beta.2021-03"
CRITICISM = "alpha.criticism.beta.2021-04-02"
HOSTILITY = "alpha.hostility.beta"
MEETING = "alpha.meeting.beta"
DENIED = "alpha.intelligence_sharing.beta"
SUPPORT = "alpha.material_support.gamma"
CRITICISED_BY_GAMMA = "gamma.criticism.alpha.2021-06-09"
GAMMA_SUPPORTS_DELTA = "gamma.material_support.delta"


@pytest.fixture
def pairs() -> nx.MultiDiGraph:
    # built for each test: mutation testing runs a test against a change to a function
    # only if the test itself calls it, and a wider fixture is built by the first alone
    return relgraph.load(PROJECTION).graph()


def edges_of(p: nx.Graph) -> dict[tuple[str, str], tuple[float, int, list[str]]]:
    """Each projected edge as it reads: (weight, sign, the relations merged into it)."""
    return {
        (a, b): (d["weight"], d["sign"], sorted(d["relations"])) for a, b, d in p.edges(data=True)
    }


def test_the_projection_is_undirected_and_counts_relations_unless_asked(
    pairs: nx.MultiDiGraph,
) -> None:
    p = relgraph.project(pairs)
    assert type(p) is nx.Graph
    # the denied relation is left out; the others between alpha and beta are one edge
    assert edges_of(p) == {
        ("alpha", "beta"): (4.0, -1, [AGREEMENT, CRITICISM, HOSTILITY, MEETING]),
        ("alpha", "gamma"): (2.0, 0, [SUPPORT, CRITICISED_BY_GAMMA]),
        ("gamma", "delta"): (1.0, 1, [GAMMA_SUPPORTS_DELTA]),
    }


@pytest.mark.parametrize(
    ("weight", "alpha_beta", "alpha_gamma", "gamma_delta"),
    [
        ("relations", 4.0, 2.0, 1.0),
        ("evidence", 6.0, 2.0, 1.0),  # the agreement and the meeting have two items each
        ("sources", 3.0, 2.0, 1.0),  # wire, paper and reprint
        ("origins", 2.0, 2.0, 1.0),  # reprint copies wire: one origin
        ("unit", 1.0, 1.0, 1.0),
    ],
)
def test_each_weighting_counts_what_it_says(
    pairs: nx.MultiDiGraph,
    weight: Weighting,
    alpha_beta: float,
    alpha_gamma: float,
    gamma_delta: float,
) -> None:
    p = relgraph.project(pairs, weight=weight)
    assert {pair: w for pair, (w, _, _) in edges_of(p).items()} == {
        ("alpha", "beta"): alpha_beta,
        ("alpha", "gamma"): alpha_gamma,
        ("gamma", "delta"): gamma_delta,
    }
    # the weighting changes the weights only
    assert {pair: rest for pair, (_, *rest) in edges_of(p).items()} == {
        pair: rest for pair, (_, *rest) in edges_of(relgraph.project(pairs)).items()
    }


@pytest.mark.parametrize(
    ("weight", "alpha_beta", "beta_alpha"),
    [
        ("relations", 4.0, 2.0),
        ("evidence", 6.0, 4.0),
        ("sources", 3.0, 3.0),  # beta to alpha: wire and paper, wire and reprint
        ("origins", 2.0, 2.0),
        ("unit", 1.0, 1.0),
    ],
)
def test_directed_relations_run_one_way_and_undirected_ones_both(
    pairs: nx.MultiDiGraph, weight: Weighting, alpha_beta: float, beta_alpha: float
) -> None:
    d = relgraph.project(pairs, directed=True, weight=weight)
    assert type(d) is nx.DiGraph
    # alpha to beta: two hostile relations, the agreement and the neutral meeting (-1);
    # beta to alpha: the agreement and the meeting only (+1)
    assert edges_of(d) == {
        ("alpha", "beta"): (alpha_beta, -1, [AGREEMENT, CRITICISM, HOSTILITY, MEETING]),
        ("beta", "alpha"): (beta_alpha, 1, [AGREEMENT, MEETING]),
        ("alpha", "gamma"): (1.0, 1, [SUPPORT]),
        ("gamma", "alpha"): (1.0, -1, [CRITICISED_BY_GAMMA]),
        ("gamma", "delta"): (1.0, 1, [GAMMA_SUPPORTS_DELTA]),
    }


def test_statuses_choose_the_relations_that_count(pairs: nx.MultiDiGraph) -> None:
    everything = relgraph.project(pairs, statuses=relgraph.model.STATUSES)
    # the denied cooperative relation evens the balance of alpha and beta
    assert edges_of(everything)["alpha", "beta"] == (
        5.0,
        0,
        [AGREEMENT, CRITICISM, HOSTILITY, DENIED, MEETING],
    )
    confirmed = relgraph.project(pairs, directed=True, statuses=["confirmed"])
    assert edges_of(confirmed) == {
        ("alpha", "beta"): (1.0, 1, [AGREEMENT]),
        ("beta", "alpha"): (1.0, 1, [AGREEMENT]),
    }
    denied = relgraph.project(pairs, directed=True, statuses={"denied"})
    assert edges_of(denied) == {("alpha", "beta"): (1.0, 1, [DENIED])}
    assert edges_of(relgraph.project(pairs, statuses=())) == {}


def test_every_actor_is_a_node_with_a_copy_of_its_attributes(pairs: nx.MultiDiGraph) -> None:
    p = relgraph.project(pairs, weight="origins")
    assert dict(p.nodes(data=True)) == dict(pairs.nodes(data=True))
    assert list(p) == ["alpha", "beta", "gamma", "delta", "epsilon"]  # epsilon has no relation
    assert p.graph == pairs.graph == {"id": "projection", "title": "Every way a pair is projected"}
    p.nodes["alpha"]["aliases"].append("changed")
    p.nodes["alpha"]["claims"][0]["evidence"].clear()
    assert pairs.nodes["alpha"]["aliases"] == ["Alpha"]
    assert len(pairs.nodes["alpha"]["claims"][0]["evidence"]) == 1


def test_a_graph_built_by_hand_projects_with_the_documented_defaults() -> None:
    # only a status: a relation without ``directed`` runs one way, counts one evidence
    # item and no source or origin; one without a status never counts
    g = nx.MultiDiGraph(sources=["s1"])
    g.add_edge("x", "y", "r1", status="reported")
    g.add_edge("y", "z", "r2")
    assert edges_of(relgraph.project(g, directed=True)) == {("x", "y"): (1.0, 0, ["r1"])}
    assert edges_of(relgraph.project(g, weight="evidence")) == {("x", "y"): (1.0, 0, ["r1"])}
    for weight in ("sources", "origins"):
        assert edges_of(relgraph.project(g, weight=weight)) == {("x", "y"): (0.0, 0, ["r1"])}
    p = relgraph.project(g)
    p.graph["sources"].append("s2")
    assert g.graph == {"sources": ["s1"]}  # the caller's graph keeps its own lists


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            {"weight": "quotes"},
            "unknown weighting 'quotes'; choose relations, evidence, sources, origins or unit",
        ),
        (
            {"statuses": ["reported", "rumoured", "leaked"]},
            "unknown status 'leaked'; statuses are confirmed, reported, alleged, disputed, denied",
        ),
    ],
)
def test_an_unknown_weighting_or_status_is_refused_by_name(
    pairs: nx.MultiDiGraph, arguments: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        relgraph.project(pairs, **arguments)


# The model graph's attributes, on the same fixture.


def test_each_actor_carries_its_fields_and_claims(pairs: nx.MultiDiGraph) -> None:
    assert pairs.nodes["alpha"] == {
        "name": "Alphaland",
        "kind": "state",
        "aliases": ["Alpha"],
        "country": "AL",
        "description": "a coastal state",
        "external_ids": {"registry": "AL-1"},
        "tags": ["coast"],
        "referents": [],
        "claims": [
            {
                "id": "alpha.claim.is-a-coastal-state",
                "statement": "is a coastal state",
                "status": "reported",
                "date": None,
                "notes": None,
                "referents": [],
                "evidence": [
                    {
                        "quote": "Alphaland, known as Alpha, is a coastal state.",
                        "source": "paper",
                        "attributed_to": None,
                        "credibility": None,
                        "context": "Alphaland, known as Alpha, is a coastal state.",
                        "notes": None,
                    }
                ],
            }
        ],
    }
    (claim,) = pairs.nodes["beta"]["claims"]
    assert {k: claim[k] for k in ("id", "status", "date", "notes")} == {
        "id": "beta.claim.arms-the-gamma-front",
        "status": "alleged",
        "date": "2021-02",
        "notes": "The paper gives no source.",
    }
    assert pairs.nodes["epsilon"]["claims"] == []


def test_each_relation_carries_its_dates_evidence_and_allegation(pairs: nx.MultiDiGraph) -> None:
    hostility = pairs.edges["alpha", "beta", HOSTILITY]
    assert hostility == {
        "id": HOSTILITY,
        "type": "hostility",
        "category": "political_stance",
        "label": "is hostile to",
        "inverse_label": "is the target of hostility from",
        "directed": True,
        "status": "alleged",
        "sign": "hostile",
        "allegation": True,
        "date": None,
        "start": None,
        "end": None,
        "notes": "Only one diplomat says so.",
        "referents": [],
        "evidence": [
            {
                "quote": "Alphaland is hostile to Betania",
                "source": "paper",
                "attributed_to": "an unnamed diplomat",
                "credibility": 4,
                "context": "An unnamed diplomat said that Alphaland is hostile to Betania.",
                "notes": "The paper does not name the diplomat.",
            }
        ],
        "evidence_count": 1,
        "source_count": 1,
        "origins": ["paper"],
    }
    meeting = pairs.edges["alpha", "beta", MEETING]
    assert (meeting["date"], meeting["start"], meeting["end"]) == (None, "2021-05-01", "2021-05-01")
    assert (meeting["status"], meeting["allegation"], meeting["directed"]) == (
        "disputed",
        True,
        False,
    )
    assert [e["source"] for e in meeting["evidence"]] == ["wire", "reprint"]
    assert (meeting["evidence_count"], meeting["source_count"], meeting["origins"]) == (
        2,
        2,
        ["wire"],
    )
    agreement = pairs.edges["beta", "alpha", AGREEMENT]
    assert (agreement["date"], agreement["start"], agreement["end"]) == ("2021-03", None, None)
    assert (agreement["status"], agreement["allegation"]) == ("confirmed", False)
    assert [e["quote"] for e in agreement["evidence"]] == [
        "Alphaland and Betania signed a trade agreement on 3 March 2021.",
        "The two states, Alphaland and Betania, signed the trade agreement in March 2021.",
    ]
    assert (agreement["source_count"], agreement["origins"]) == (2, ["wire", "paper"])
    assert pairs.edges["alpha", "beta", CRITICISM]["date"] == "2021-04-02"
    # alleged and disputed relations are allegations, whatever else they are
    allegation = {d["status"]: d["allegation"] for _, _, d in pairs.edges(data=True)}
    assert allegation == {
        "confirmed": False,
        "reported": False,
        "alleged": True,
        "disputed": True,
        "denied": False,
    }

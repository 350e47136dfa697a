"""Analysis results exactly as a reader gets them: records, JSON, readings, messages.

``test_analysis`` checks the numbers against NetworkX and published values; this module pins
what the result objects hand out (``to_records()``, ``to_dict()``, the sentences read from an
actor, the dates as a reader writes them, ranks, blocs, periods) and the exact messages for
options that cannot work, on small datasets whose answers can be worked out by hand.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import replace
from typing import Any

import pytest
import test_analysis as support

from relgraph.analysis import (
    Network,
    balance,
    centrality,
    communities,
    ego,
    over_time,
    paths,
    sensitivity,
)
from relgraph.analysis.allegations import _spearman
from relgraph.errors import UsageError
from relgraph.filters import Filter
from relgraph.model import STATUSES, Dataset, PartialDate

build = support.build


def _no_filter(d: dict[str, Any]) -> dict[str, Any]:
    assert d.pop("filter") == Filter().as_dict()
    return d


# a - b - c - d - a, one relation of each kind of date, two of them allegations; e alone
def square() -> Dataset:
    return build(
        [
            ("a", "b", "visit", {"date": "2006-01", "sources": ["s1", "s2"], "credibility": 2}),
            ("b", "c", "hostility", {"status": "alleged", "start": "2007", "end": "2008-06"}),
            ("c", "d", "trade", {"start": "2009"}),
            ("a", "d", "meeting", {"status": "disputed", "end": "2010-03", "sources": ["s2"]}),
        ],
        isolated=("e",),
    )


# a hub h with x, y, z; a tail z - t - u (the last tie alleged); x and y hostile (disputed)
def star() -> Dataset:
    return build(
        [
            ("h", "x", "trade"),
            ("h", "y", "trade", {"sources": ["s1", "s2"]}),
            ("h", "z", "visit"),
            ("z", "t", "visit"),
            ("t", "u", "alliance", {"status": "alleged"}),
            ("x", "y", "hostility", {"status": "disputed"}),
        ],
        isolated=("w",),
    )


def _quote(source: str, credibility: int | None = None) -> dict[str, Any]:
    title, reliability = {"s1": ("First source", "B"), "s2": ("Second source", "E")}[source]
    return {
        "quote": "Words",
        "source": source,
        "source_title": title,
        "reliability": reliability,
        "credibility": credibility,
        "attributed_to": None,
    }


# ---------------------------------------------------------------------------
# Evidence trails
# ---------------------------------------------------------------------------
def test_paths_list_every_hop_read_from_its_first_actor_with_dates_as_a_reader_writes_them() -> (
    None
):
    trail = paths(square(), "a", "c", k=3)
    assert [p.actors for p in trail.paths] == [("a", "b", "c"), ("a", "d", "c")]
    assert [str(p) for p in trail.paths] == ["A - B - C", "A - D - C"]
    assert [(p.length, p.alleged_hops) for p in trail.paths] == [(2, 1), (2, 1)]
    assert trail.to_records() == [
        {
            "path": 1, "hop": 1, "from": "a", "to": "b", "relation": "r0",
            "reading": "A visited B", "type": "visit", "direction": "forward",
            "status": "reported", "alleged": False, "when": "2006-01", "quote": "Words",
            "source": "s1", "reliability": "B", "credibility": 2, "attributed_to": None,
        },
        {
            "path": 1, "hop": 1, "from": "a", "to": "b", "relation": "r0",
            "reading": "A visited B", "type": "visit", "direction": "forward",
            "status": "reported", "alleged": False, "when": "2006-01", "quote": "Words",
            "source": "s2", "reliability": "E", "credibility": 2, "attributed_to": None,
        },
        {
            "path": 1, "hop": 2, "from": "b", "to": "c", "relation": "r1",
            "reading": "B is hostile to C", "type": "hostility", "direction": "forward",
            "status": "alleged", "alleged": True, "when": "2007 to 2008-06", "quote": "Words",
            "source": "s1", "reliability": "B", "credibility": None, "attributed_to": None,
        },
        {
            "path": 2, "hop": 1, "from": "a", "to": "d", "relation": "r3",
            "reading": "A met with D", "type": "meeting", "direction": "undirected",
            "status": "disputed", "alleged": True, "when": "until 2010-03", "quote": "Words",
            "source": "s2", "reliability": "E", "credibility": None, "attributed_to": None,
        },
        {
            "path": 2, "hop": 2, "from": "d", "to": "c", "relation": "r2",
            "reading": "D trades with C", "type": "trade", "direction": "undirected",
            "status": "reported", "alleged": False, "when": "from 2009", "quote": "Words",
            "source": "s1", "reliability": "B", "credibility": None, "attributed_to": None,
        },
    ]  # fmt: skip


def test_paths_as_json_carry_each_hop_with_its_relations_and_quotes() -> None:
    trail = paths(square(), "a", "c")
    assert _no_filter(trail.to_dict()) == {
        "source": "a",
        "target": "c",
        "k": 1,
        "directed": False,
        "paths": [
            {
                "actors": ["a", "b", "c"],
                "length": 2,
                "alleged_hops": 1,
                "hops": [
                    {
                        "from": "a",
                        "to": "b",
                        "alleged": False,
                        "relations": [
                            {
                                "id": "r0", "type": "visit", "category": "diplomatic",
                                "source": "a", "target": "b", "from_actor": "a",
                                "direction": "forward", "reading": "A visited B",
                                "status": "reported", "sign": "cooperative",
                                "date": "2006-01", "start": None, "end": None,
                                "quotes": (_quote("s1", 2), _quote("s2", 2)),
                                "alleged": False,
                            }
                        ],
                    },
                    {
                        "from": "b",
                        "to": "c",
                        "alleged": True,
                        "relations": [
                            {
                                "id": "r1", "type": "hostility",
                                "category": "political_stance", "source": "b", "target": "c",
                                "from_actor": "b", "direction": "forward",
                                "reading": "B is hostile to C", "status": "alleged",
                                "sign": "hostile", "date": None, "start": "2007",
                                "end": "2008-06", "quotes": (_quote("s1"),), "alleged": True,
                            }
                        ],
                    },
                ],
            }
        ],
    }  # fmt: skip


def test_a_directed_path_reads_a_relation_against_its_direction_by_its_inverse_label() -> None:
    ds = build([("b", "a", "visit"), ("b", "c", "trade")])
    hop = paths(ds, "a", "c").paths[0].hops[0]
    (r,) = hop.relations
    assert (r.direction, r.reading, r.from_actor) == ("backward", "A was visited by B", "a")
    assert paths(ds, "a", "c", directed=True).paths == ()
    assert [p.actors for p in paths(ds, "b", "a", directed=True).paths] == [("b", "a")]


def test_a_hop_is_alleged_only_when_every_relation_of_it_is() -> None:
    ds = build([("a", "b", "trade", {"status": "alleged"}), ("a", "b", "visit")])
    (hop,) = paths(ds, "a", "b").paths[0].hops
    assert [r.alleged for r in hop.relations] == [True, False]
    assert hop.alleged is False
    assert paths(ds, "a", "b").paths[0].alleged_hops == 0
    only = build(
        [("a", "b", "trade", {"status": "alleged"}), ("a", "b", "visit", {"status": "disputed"})]
    )
    assert paths(only, "a", "b").paths[0].hops[0].alleged is True


def test_the_k_shortest_paths_stop_at_k_and_unconnected_actors_have_none() -> None:
    ds = square()
    assert len(paths(ds, "a", "c", k=1).paths) == 1
    assert len(paths(ds, "a", "c", k=2).paths) == 2
    assert paths(ds, "a", "e", k=3).paths == ()
    assert paths(ds, "a", "e").to_records() == []


@pytest.mark.parametrize(
    ("k", "message"),
    [
        (0, "k must be a whole number of at least 1, not 0"),
        (-1, "k must be a whole number of at least 1, not -1"),
        (True, "k must be a whole number of at least 1, not True"),
        (1.0, "k must be a whole number of at least 1, not 1.0"),
    ],
)
def test_a_k_below_one_or_not_whole_is_refused(k: Any, message: str) -> None:
    with pytest.raises(UsageError) as info:
        paths(square(), "a", "c", k=k)
    assert str(info.value) == message


def test_a_path_from_an_actor_to_itself_names_the_actor() -> None:
    with pytest.raises(UsageError) as info:
        paths(square(), "a", "A")
    assert str(info.value) == "'a' and 'A' are the same actor (a)"


# ---------------------------------------------------------------------------
# Ego networks
# ---------------------------------------------------------------------------
def test_an_ego_network_reads_each_relation_from_its_end_nearer_the_centre() -> None:
    e = ego(square(), "b")
    assert e.actor_records() == [
        {"id": "b", "name": "B", "kind": "state", "distance": 0},
        {"id": "a", "name": "A", "kind": "state", "distance": 1},
        {"id": "c", "name": "C", "kind": "state", "distance": 1},
    ]
    assert e.to_records() == [
        {
            "relation": "r0", "source": "a", "type": "visit", "target": "b",
            "reading": "B was visited by A", "status": "reported", "alleged": False,
            "when": "2006-01", "evidence": 2,
        },
        {
            "relation": "r1", "source": "b", "type": "hostility", "target": "c",
            "reading": "B is hostile to C", "status": "alleged", "alleged": True,
            "when": "2007 to 2008-06", "evidence": 1,
        },
    ]  # fmt: skip
    d = _no_filter(e.to_dict())
    assert (d["center"], d["radius"], d["actors"]) == ("b", 1, e.actor_records())
    assert [r["from_actor"] for r in d["relations"]] == ["b", "b"]
    assert d["relations"][0]["direction"] == "backward"
    assert d["relations"][0]["quotes"] == (_quote("s1", 2), _quote("s2", 2))


def test_an_ego_network_grows_hop_by_hop_and_its_dataset_keeps_what_it_holds() -> None:
    ds = build([("a", "b", "trade"), ("b", "c", "visit"), ("c", "d", "trade")])
    assert [(a.id, a.distance) for a in ego(ds, "a", radius=0).actors] == [("a", 0)]
    assert ego(ds, "a", radius=0).relations == ()
    two = ego(ds, "a", radius=2)
    assert [(a.id, a.distance) for a in two.actors] == [("a", 0), ("b", 1), ("c", 2)]
    assert [r.id for r in two.relations] == ["r0", "r1"]
    sub = two.dataset(ds)
    assert [e.id for e in sub.entities] == ["a", "b", "c"]
    assert [r.id for r in sub.relations] == ["r0", "r1"]
    assert [(a.id, a.distance) for a in ego(ds, "b", radius=5).actors] == [
        ("b", 0), ("a", 1), ("c", 1), ("d", 2),
    ]  # fmt: skip


def test_an_ego_networks_actors_at_one_distance_come_by_name() -> None:
    ds = build([("m", "z", "trade"), ("m", "b", "trade"), ("m", "k", "trade")])
    e = ego(ds, "m")
    assert [a.id for a in e.actors] == ["m", "b", "k", "z"]
    assert [r.id for r in e.relations] == ["r0", "r1", "r2"]


@pytest.mark.parametrize("radius", [-1, True, 1.5])
def test_a_radius_below_zero_or_not_whole_is_refused(radius: Any) -> None:
    with pytest.raises(UsageError) as info:
        ego(square(), "a", radius=radius)
    assert str(info.value) == (f"the radius must be a whole number of at least 0, not {radius!r}")


# ---------------------------------------------------------------------------
# Centrality
# ---------------------------------------------------------------------------
STAR = {
    # id: degree, in, out, weighted, betweenness, k-core
    "h": (3, 2, 3, 3.0, 0.4, 2),
    "t": (2, 2, 1, 2.0, 4 / 15, 1),
    "x": (2, 1, 2, 2.0, 0.0, 2),
    "y": (2, 2, 1, 2.0, 0.0, 2),
    "z": (2, 1, 1, 2.0, 0.4, 1),
    "u": (1, 1, 1, 1.0, 0.0, 1),
    "w": (0, 0, 0, 0.0, 0.0, 0),
}


@pytest.mark.parametrize("engine", ["igraph", "networkx"])
def test_centrality_records_rank_every_actor_with_every_metric(engine: str) -> None:
    c = centrality(
        star(),
        ["degree", "in_degree", "out_degree", "weighted_degree", "betweenness", "k_core"],
        engine=engine,  # type: ignore[arg-type]
    )
    records = c.to_records()
    assert [(r["rank"], r["id"], r["name"], r["kind"]) for r in records] == [
        (1, "h", "H", "state"),
        (2, "t", "T", "state"),
        (2, "x", "X", "state"),
        (2, "y", "Y", "state"),
        (2, "z", "Z", "state"),
        (6, "u", "U", "state"),
        (7, "w", "W", "state"),
    ]
    for r in records:
        assert (
            r["degree"], r["in_degree"], r["out_degree"], r["weighted_degree"],
            pytest.approx(r["betweenness"]), r["k_core"],
        ) == STAR[r["id"]]  # fmt: skip
    assert c.engine == engine
    assert c.ranks("betweenness") == {"h": 1, "z": 1, "t": 3, "u": 4, "w": 4, "x": 4, "y": 4}


@pytest.mark.parametrize("engine", ["igraph", "networkx"])
def test_constraint_ranks_lowest_first_and_an_isolate_last_with_no_value(engine: str) -> None:
    c = centrality(star(), ["constraint", "effective_size"], engine=engine)  # type: ignore[arg-type]
    assert c.ranks() == {"t": 1, "z": 1, "h": 3, "u": 4, "x": 5, "y": 5, "w": 7}
    records = c.to_records()
    assert [r["id"] for r in records] == ["t", "z", "h", "u", "x", "y", "w"]
    assert records[-1]["constraint"] is None
    assert records[-1]["effective_size"] is None
    assert records[2]["constraint"] == pytest.approx(11 / 18)
    assert records[2]["effective_size"] == pytest.approx(7 / 3)
    assert records[4]["constraint"] == pytest.approx(1.0069444444444444)
    assert c.ranks("effective_size") == {"h": 1, "t": 2, "z": 2, "u": 4, "x": 4, "y": 4, "w": 7}


def test_centrality_records_sort_by_any_computed_metric_and_keep_the_top() -> None:
    c = centrality(star(), ["degree", "betweenness"])
    assert [r["id"] for r in c.to_records(sort="betweenness")] == [
        "h", "z", "t", "u", "w", "x", "y",
    ]  # fmt: skip
    assert [r["rank"] for r in c.to_records(sort="betweenness")] == [1, 1, 3, 4, 4, 4, 4]
    assert [r["id"] for r in c.to_records(top=2)] == ["h", "t"]
    assert c.to_records(top=0) == []
    assert c.to_records(top=-1) == []
    assert c.order() == [0, 4, 1, 2, 3, 5, 6]  # h, t, x, y, z by the dataset's order
    assert c.column("degree") == {a: v[0] for a, v in STAR.items()}
    assert c.value("h", "degree") == 3
    assert c.metrics == ("degree", "betweenness")


def test_centrality_as_json_says_what_each_metric_is_and_how_it_was_computed() -> None:
    c = centrality(star(), ["constraint", "betweenness"], samples=3, seed=4)
    d = _no_filter(c.to_dict(top=1))
    assert d["metrics"] == [
        {
            "name": "constraint",
            "description": "Burt's constraint: low means a broker between others",
            "projection": "undirected",
            "weighted": True,
            "ascending": True,
            "integer": False,
            "samples": None,
        },
        {
            "name": "betweenness",
            "description": "share of shortest paths through the actor",
            "projection": "undirected",
            "weighted": False,
            "ascending": False,
            "integer": False,
            "samples": 3,
        },
    ]
    assert (d["engine"], d["weight"], d["seed"]) == ("igraph", "relations", 4)
    assert [r["id"] for r in d["actors"]] == ["t"]
    assert (c.samples, c.seed) == (3, 4)


def test_betweenness_is_sampled_only_from_fewer_sources_than_actors() -> None:
    ds = build([("a", "b", "trade"), ("b", "c", "visit"), ("c", "d", "trade")])
    exact = centrality(ds, "betweenness", samples=None)
    assert exact.samples is None
    assert exact.values["betweenness"] == pytest.approx((0.0, 2 / 3, 2 / 3, 0.0))
    assert centrality(ds, "betweenness", samples=4).samples is None
    assert centrality(ds, "betweenness", samples=40).values == exact.values
    sampled = centrality(ds, "betweenness", samples=2, seed=1)
    assert sampled.samples == 2
    nx_sampled = centrality(ds, "betweenness", samples=2, seed=1, engine="networkx")
    assert sampled.values["betweenness"] == pytest.approx(nx_sampled.values["betweenness"])
    assert centrality(ds, "degree", samples=2).samples is None  # no betweenness, no sample


@pytest.mark.parametrize("samples", [0, -2, True, 1.5, "many"])
def test_a_sample_size_that_is_no_whole_number_of_at_least_one_is_refused(samples: Any) -> None:
    with pytest.raises(UsageError) as info:
        centrality(square(), "betweenness", samples=samples)
    assert str(info.value) == (
        f"samples must be a whole number of at least 1, 'auto' or None, not {samples!r}"
    )


def test_the_messages_for_what_a_result_does_not_hold() -> None:
    c = centrality(square(), "degree")
    with pytest.raises(UsageError) as info:
        c.value("zz", "degree")
    assert str(info.value) == "'zz' is not an actor of this result"
    with pytest.raises(UsageError) as info:
        c.column("pagerank")
    assert str(info.value) == "'pagerank' was not computed\n  hint: computed: degree"
    with pytest.raises(UsageError) as info:
        c.ranks("pagerank")
    assert str(info.value) == "'pagerank' was not computed\n  hint: computed: degree"


def test_the_messages_for_options_that_name_nothing() -> None:
    ds = square()
    with pytest.raises(UsageError) as info:
        centrality(ds, [])
    assert str(info.value) == (
        "no metric given\n  hint: metrics are degree, in_degree, out_degree, weighted_degree, "
        "betweenness, closeness, harmonic, eigenvector, pagerank, constraint, effective_size, "
        "k_core"
    )
    with pytest.raises(UsageError) as info:
        Network(ds, weight="quotes")  # type: ignore[arg-type]
    assert str(info.value) == (
        "'quotes' is not a weighting\n  hint: weightings are relations, evidence, sources, "
        "origins, unit"
    )
    with pytest.raises(UsageError) as info:
        centrality(ds, engine="fast")  # type: ignore[arg-type]
    assert (
        str(info.value) == "'fast' is not an engine\n  hint: engines are auto, igraph and networkx"
    )
    with pytest.raises(UsageError) as info:
        paths(Network(ds), "a", "c", filter=Filter())
    assert str(info.value) == (
        "a Network is already filtered; give the filter when building the Network"
    )


def test_all_metrics_once_each_in_the_registrys_order() -> None:
    c = centrality(square(), ["pagerank", "all", "degree"])
    assert c.metrics[0] == "pagerank"
    assert sorted(c.metrics) == sorted(set(c.metrics))
    assert len(c.metrics) == 12
    assert centrality(square(), ["degree", "degree"]).metrics == ("degree",)
    assert centrality(square()).metrics == (
        "degree", "weighted_degree", "betweenness", "eigenvector", "pagerank", "k_core",
    )  # fmt: skip


# ---------------------------------------------------------------------------
# Sensitivity to allegations
# ---------------------------------------------------------------------------
def test_sensitivity_shows_each_actors_rank_with_and_without_allegations() -> None:
    s = sensitivity(star(), "betweenness")
    d = _no_filter(s.to_dict())
    assert d.pop("spearman") == pytest.approx(0.8695819912499182)
    actors = d.pop("actors")
    assert d == {
        "metric": "betweenness",
        "relations_with": 6,
        "relations_without": 4,
        "allegations": 2,
        "only_alleged": ["u"],
    }
    assert [
        (a["id"], a["rank_with"], a["rank_without"], a["change"]) for a in actors
    ] == [
        ("h", 1, 1, 0), ("z", 1, 2, 1), ("t", 3, 3, 0), ("u", 4, 3, -1),
        ("w", 4, 3, -1), ("x", 4, 3, -1), ("y", 4, 3, -1),
    ]  # fmt: skip
    assert actors[1] == {
        "id": "z", "name": "Z", "kind": "state", "value_with": pytest.approx(0.4),
        "rank_with": 1, "value_without": pytest.approx(0.2), "rank_without": 2, "change": 1,
    }  # fmt: skip
    assert [(r.id, r.change) for r in s.moved] == [
        ("z", 1), ("u", -1), ("w", -1), ("x", -1), ("y", -1),
    ]  # fmt: skip
    assert [r["id"] for r in s.to_records(top=2)] == ["h", "z"]
    assert s.to_records(top=-3) == []
    assert len(s.to_dict(top=1)["actors"]) == 1


def test_sensitivity_on_a_network_uses_its_filter_and_weighting() -> None:
    ds = star()
    net = Network(ds, Filter(statuses=("reported", "alleged")), weight="evidence")
    s = sensitivity(net, "weighted_degree")
    assert (s.relations_with, s.relations_without, s.allegations) == (5, 4, 1)
    assert s.filter == net.filter
    h = next(r for r in s.rows if r.id == "h")
    assert (h.value_with, h.value_without) == (4.0, 4.0)  # h - y has two evidence items
    assert s.only_alleged == ("u",)


def test_sensitivity_compares_one_metric() -> None:
    with pytest.raises(UsageError) as info:
        sensitivity(square(), "all")
    assert str(info.value) == "sensitivity compares one metric; name one"
    with pytest.raises(UsageError) as info:
        sensitivity(Network(square()), filter=Filter())
    assert str(info.value) == (
        "a Network is already filtered; give the filter when building the Network"
    )
    with pytest.raises(UsageError, match="'degre' is not a metric"):
        sensitivity(square(), "degre")


@pytest.mark.parametrize(
    ("xs", "ys", "rho"),
    [
        ([1, 2, 3, 4], [10, 20, 30, 40], 1.0),
        ([1, 2, 3], [3, 2, 1], -1.0),
        ([1, 2, 2, 3], [1, 3, 2, 2], 0.5),  # ties share their average rank
        ([3, 1, 2], [30, 10, 20], 1.0),
        ([1, 2, 3, 4, 5], [2, 1, 4, 3, 5], 0.8),
        ([1, 2], [3, 4], 1.0),  # two actors are enough
        ([1, 2], [4, 3], -1.0),
        ([1, 2, 2, 3, 4], [2, 1, 4, 4, 3], 0.39473684210526316),  # as scipy.stats.spearmanr
        ([1, 1], [1, 2], None),  # one side has no spread
        ([1, 2], [5, 5], None),
        ([1], [1], None),
        ([], [], None),
        ([1, 2], [1], None),
    ],
)
def test_spearman_rank_correlation(xs: list[float], ys: list[float], rho: float | None) -> None:
    got = _spearman(xs, ys)
    assert got == (None if rho is None else pytest.approx(rho))


# ---------------------------------------------------------------------------
# Communities
# ---------------------------------------------------------------------------
def two_triangles() -> Dataset:
    return build(
        [
            ("a", "b", "trade"), ("b", "c", "trade"), ("a", "c", "trade"),
            ("x", "y", "trade"), ("y", "z", "trade"), ("x", "z", "trade"),
            ("c", "x", "trade"),
        ],
        isolated=("q",),
    )  # fmt: skip


@pytest.mark.parametrize("engine", ["igraph", "networkx"])
def test_communities_are_numbered_by_size_and_list_their_actors_by_id(engine: str) -> None:
    found = communities(two_triangles(), engine=engine, seed=3)  # type: ignore[arg-type]
    d = _no_filter(found.to_dict())
    assert d.pop("modularity") == pytest.approx(found.modularity)
    assert d == {
        "engine": engine,
        "seed": 3,
        "resolution": 1.0,
        "weight": "relations",
        "communities": [
            {"number": 1, "size": 3, "actors": ["a", "b", "c"]},
            {"number": 2, "size": 3, "actors": ["x", "y", "z"]},
            {"number": 3, "size": 1, "actors": ["q"]},
        ],
    }
    assert found.modularity == pytest.approx(0.35714285714285715)
    assert found.to_records() == [
        {"community": 1, "id": "a", "name": "A"},
        {"community": 1, "id": "b", "name": "B"},
        {"community": 1, "id": "c", "name": "C"},
        {"community": 2, "id": "x", "name": "X"},
        {"community": 2, "id": "y", "name": "Y"},
        {"community": 2, "id": "z", "name": "Z"},
        {"community": 3, "id": "q", "name": "Q"},
    ]
    assert found.membership == {"a": 1, "b": 1, "c": 1, "x": 2, "y": 2, "z": 2, "q": 3}
    assert [c.size for c in found.communities] == [3, 3, 1]


def test_communities_without_ties_put_each_actor_alone() -> None:
    ds = build([("a", "b", "trade")], isolated=("c",))
    found = communities(Filter(kinds=["state"], types=["visit"]).apply(ds))
    assert [c.actors for c in found.communities] == [("a",), ("b",), ("c",)]
    assert found.modularity == 0.0


def test_communities_at_a_higher_resolution_split_finer() -> None:
    coarse = communities(two_triangles(), resolution=0.1)
    fine = communities(two_triangles(), resolution=5.0)
    assert (coarse.resolution, fine.resolution) == (0.1, 5.0)
    assert len(coarse.communities) < len(fine.communities)


# ---------------------------------------------------------------------------
# Structural balance
# ---------------------------------------------------------------------------
def test_balance_lists_the_unbalanced_triangle_its_ties_and_the_frustrated_tie() -> None:
    b = balance(star())
    d = _no_filter(b.to_dict())
    assert (d["positive_ties"], d["negative_ties"]) == (5, 1)
    assert d["census"] == {"+++": 0, "++-": 1, "+--": 0, "---": 0}
    assert (d["balanced"], d["unbalanced"]) == (0, 1)
    (triangle,) = d["unbalanced_triangles"]
    assert triangle["actors"] == ["h", "x", "y"]
    assert triangle["signs"] == "++-"
    assert [(t["a"], t["b"], t["sign"]) for t in triangle["ties"]] == [
        ("h", "x", 1), ("x", "y", -1), ("h", "y", 1),
    ]  # fmt: skip
    assert [r["reading"] for t in triangle["ties"] for r in t["relations"]] == [
        "H trades with X", "X is hostile to Y", "H trades with Y",
    ]  # fmt: skip
    assert d["blocs"] == [["h", "t", "u", "x", "y", "z"], []]
    assert d["frustration"] == 1
    assert [(t["a"], t["b"], t["sign"]) for t in d["frustrated"]] == [("x", "y", -1)]
    assert (d["method"], d["unplaced"]) == ("exact", ["w"])
    assert b.to_records() == [
        {"bloc": 1, "id": a, "name": a.upper()} for a in ["h", "t", "u", "x", "y", "z"]
    ]
    assert [
        (r["triangle"], r["signs"], r["a"], r["b"], r["sign"], r["relation"], r["source"])
        for r in b.triangle_records()
    ] == [
        (1, "++-", "h", "x", 1, "r0", "s1"),
        (1, "++-", "x", "y", -1, "r5", "s1"),
        (1, "++-", "h", "y", 1, "r1", "s1"),
        (1, "++-", "h", "y", 1, "r1", "s2"),
    ]
    assert (b.balanced_count, b.unbalanced_count) == (0, 1)
    assert b.unbalanced[0].balanced is False


def test_balance_counts_each_kind_of_triangle() -> None:
    # + + + among a, b, c; + - - among c, d, e; - - - among f, g, h
    ds = build(
        [
            ("a", "b", "trade"), ("b", "c", "trade"), ("a", "c", "trade"),
            ("c", "d", "trade"), ("d", "e", "hostility"), ("c", "e", "hostility"),
            ("f", "g", "hostility"), ("g", "h", "hostility"), ("f", "h", "hostility"),
        ]
    )  # fmt: skip
    b = balance(ds)
    assert b.census == {"+++": 1, "++-": 0, "+--": 1, "---": 1}
    assert (b.balanced_count, b.unbalanced_count) == (2, 1)
    assert [t.actors for t in b.unbalanced] == [("f", "g", "h")]
    assert [t.signs for t in b.unbalanced] == ["---"]
    assert b.blocs == (("a", "b", "c", "d", "f"), ("e", "g", "h"))
    assert b.frustration == 1
    assert (b.positive, b.negative) == (4, 5)


def test_balance_places_each_part_with_its_most_tied_actor_in_the_first_bloc() -> None:
    ds = build(
        [
            ("p", "q", "hostility"), ("p", "r", "hostility"), ("p", "s", "trade"),
            ("m", "n", "hostility"),
        ]
    )  # fmt: skip
    b = balance(ds)
    assert b.blocs == (("m", "p", "s"), ("n", "q", "r"))
    assert b.frustration == 0
    assert b.method == "exact"


def test_balance_beyond_the_exact_limit_is_a_local_search() -> None:
    ds = build([("a", "b", "trade"), ("b", "c", "hostility"), ("c", "a", "hostility")])
    assert balance(ds, exact_limit=2).method == "local search"
    assert balance(ds, exact_limit=3).method == "exact"
    assert balance(ds, exact_limit=2).frustration == 0
    # an odd ring of hostility frustrates one tie, whichever the search
    ring = build([("a", "b", "hostility"), ("b", "c", "hostility"), ("c", "a", "hostility")])
    assert balance(ring).frustration == 1
    assert balance(ring, exact_limit=1, restarts=0).frustration == 1


# ---------------------------------------------------------------------------
# Over time
# ---------------------------------------------------------------------------
def dated() -> Dataset:
    return build(
        [
            ("a", "b", "trade", {"date": "2006-11"}),
            ("b", "c", "visit", {"start": "2006-12", "end": "2007-02"}),
            ("c", "d", "trade"),
        ]
    )


def test_months_run_across_the_turn_of_the_year() -> None:
    t = over_time(dated(), "month")
    assert t.period_records() == [
        {"period": "2006-11", "start": "2006-11-01", "end": "2006-11-30", "relations": 1,
         "new": 1, "actors": 2},
        {"period": "2006-12", "start": "2006-12-01", "end": "2006-12-31", "relations": 1,
         "new": 1, "actors": 2},
        {"period": "2007-01", "start": "2007-01-01", "end": "2007-01-31", "relations": 1,
         "new": 0, "actors": 2},
        {"period": "2007-02", "start": "2007-02-01", "end": "2007-02-28", "relations": 1,
         "new": 0, "actors": 2},
    ]  # fmt: skip
    assert (t.by, t.undated, t.metrics, t.cumulative, t.dates) == (
        "month", 1, ("degree",), False, "event",
    )  # fmt: skip


def test_a_cumulative_timeline_keeps_what_holds_as_of_each_period() -> None:
    t = over_time(dated(), "month", cumulative=True)
    assert [(p["period"], p["relations"], p["new"], p["actors"]) for p in t.period_records()] == [
        ("2006-11", 1, 1, 2), ("2006-12", 2, 1, 3), ("2007-01", 2, 0, 3), ("2007-02", 2, 0, 3),
    ]  # fmt: skip


def test_a_timeline_by_year_ranks_the_actors_active_in_each_year() -> None:
    t = over_time(dated(), "year", "pagerank")
    assert t.metrics == ("degree", "pagerank")
    assert t.period_records() == [
        {"period": "2006", "start": "2006-01-01", "end": "2006-12-31", "relations": 2,
         "new": 2, "actors": 3},
        {"period": "2007", "start": "2007-01-01", "end": "2007-12-31", "relations": 1,
         "new": 0, "actors": 2},
    ]  # fmt: skip
    rows = t.to_records()
    assert [(r["period"], r["rank"], r["id"], r["degree"]) for r in rows] == [
        ("2006", 1, "b", 2), ("2006", 2, "a", 1), ("2006", 2, "c", 1),
        ("2007", 1, "b", 1), ("2007", 1, "c", 1),
    ]  # fmt: skip
    assert [(r["period"], r["id"]) for r in t.to_records(sort="pagerank", top=1)] == [
        ("2006", "b"), ("2007", "c"),
    ]  # fmt: skip
    assert t.to_records(top=-1) == []
    d = _no_filter(t.to_dict(top=1))
    assert (d["by"], d["dates"], d["cumulative"], d["undated"], d["metrics"]) == (
        "year", "event", False, 1, ["degree", "pagerank"],
    )  # fmt: skip
    assert [(p["period"], [r["id"] for r in p["top"]]) for p in d["periods"]] == [
        ("2006", ["b"]), ("2007", ["b"]),
    ]  # fmt: skip
    assert d["periods"][0]["relations"] == 2


def test_a_timeline_of_undated_relations_has_no_period() -> None:
    t = over_time(build([("a", "b", "trade")]), "year")
    assert (t.periods, t.undated) == ((), 1)
    assert t.to_records() == []


def test_a_timeline_by_decade_is_refused() -> None:
    with pytest.raises(UsageError) as info:
        over_time(dated(), "decade")  # type: ignore[arg-type]
    assert str(info.value) == "'decade' is not a period\n  hint: periods are year and month"


def test_a_period_with_no_relation_appears_with_zeros() -> None:
    ds = build([("a", "b", "trade", {"date": "2006"}), ("b", "c", "trade", {"date": "2008"})])
    assert [(p["period"], p["relations"], p["actors"]) for p in over_time(ds).period_records()] == [
        ("2006", 1, 2), ("2007", 0, 0), ("2008", 1, 2),
    ]  # fmt: skip


def test_reading_dates_a_relation_begun_in_the_period_before_is_not_new() -> None:
    ds = build([("a", "b", "trade", {"start": "2005-06", "end": "2006-02"})])
    t = over_time(ds, "year")
    assert [(p.label, p.relations, p.new) for p in t.periods] == [("2005", 1, 1), ("2006", 1, 0)]


def test_an_ego_networks_dataset_keeps_the_claims_about_its_actors_only() -> None:
    import relgraph

    ds = relgraph.load("graph_data/cuba_iran.yaml")
    sub = ego(ds, "hamas").dataset(ds)
    assert {c.entity for c in sub.claims} == {"cuba", "iran", "hamas"}
    assert [c.id for c in sub.claims] == [c.id for c in ds.claims if c.entity != "niknam"]
    assert "niknam-key-figure" in {c.id for c in ds.claims}


def test_an_ego_network_counts_what_its_filter_keeps_and_says_which_filter() -> None:
    ds = square()
    reported = Filter(statuses=("reported",))
    e = ego(ds, "b", filter=reported)
    assert [(a.id, a.distance) for a in e.actors] == [("b", 0), ("a", 1)]
    assert [r.id for r in e.relations] == ["r0"]
    assert e.filter == reported
    assert e.to_dict()["filter"] == reported.as_dict()


def test_a_relation_between_two_actors_at_one_distance_is_read_from_its_source() -> None:
    ds = build([("m", "b", "trade"), ("m", "k", "trade"), ("b", "k", "visit"), ("k", "b", "visit")])
    e = ego(ds, "m")
    assert [r.reading for r in e.relations] == [
        "M trades with B", "M trades with K", "B visited K", "K visited B",
    ]  # fmt: skip


def test_the_json_of_a_centrality_and_a_timeline_ranks_by_the_metric_asked_for() -> None:
    c = centrality(star(), ["degree", "betweenness"])
    assert [r["id"] for r in c.to_dict(sort="betweenness", top=2)["actors"]] == ["h", "z"]
    assert [r["id"] for r in c.to_dict(top=2)["actors"]] == ["h", "t"]
    t = over_time(dated(), "year", "pagerank")
    by_pagerank = t.to_dict(sort="pagerank", top=1)["periods"]
    assert [(p["period"], [r["id"] for r in p["top"]]) for p in by_pagerank] == [
        ("2006", ["b"]), ("2007", ["c"]),
    ]  # fmt: skip


def test_each_period_of_a_timelines_json_holds_its_own_actors() -> None:
    ds = build([("a", "b", "trade", {"date": "2006"}), ("c", "d", "trade", {"date": "2007"})])
    periods = over_time(ds).to_dict()["periods"]
    assert [(p["period"], [r["id"] for r in p["top"]]) for p in periods] == [
        ("2006", ["a", "b"]), ("2007", ["c", "d"]),
    ]  # fmt: skip
    assert {r["period"] for p in periods for r in p["top"] if r["period"] != p["period"]} == set()


def reported() -> Dataset:
    """Dated by report three ways: the relation's own, its evidence's, its source's."""
    ds = build(
        [
            ("a", "b", "trade", {"date": "2001"}),
            ("b", "c", "trade"),
            ("c", "d", "trade"),
            ("d", "e", "trade", {"sources": ["s2"]}),
        ]
    )
    r0, r1, r2, r3 = ds.relations
    r0 = replace(r0, reported=PartialDate.parse("2006-03"))
    r1 = replace(r1, evidence=tuple(replace(e, reported=PartialDate(2007, 5)) for e in r1.evidence))
    s1, s2 = ds.sources
    return replace(
        ds, relations=(r0, r1, r2, r3), sources=(replace(s1, published=PartialDate(2008)), s2)
    )


def test_a_timeline_by_report_dates_reads_when_each_relation_was_reported() -> None:
    t = over_time(reported(), "year", filter=Filter(dates="reported"))
    assert (t.dates, t.undated) == ("reported", 1)  # d - e: its source has no date
    assert [(p["period"], p["relations"], p["new"], p["actors"]) for p in t.period_records()] == [
        ("2006", 1, 1, 2), ("2007", 1, 1, 2), ("2008", 1, 1, 2),
    ]  # fmt: skip
    assert [(p.label, sorted(_active_ids(p))) for p in t.periods] == [
        ("2006", ["a", "b"]), ("2007", ["b", "c"]), ("2008", ["c", "d"]),
    ]  # fmt: skip
    months = over_time(reported(), "month", filter=Filter(dates="reported"))
    assert (len(months.periods), months.periods[0].label, months.periods[-1].label) == (
        34, "2006-03", "2008-12",
    )  # fmt: skip
    # the same relations by event date: only the first has one
    events = over_time(reported(), "year")
    assert (events.dates, events.undated) == ("event", 3)
    assert [p.label for p in events.periods] == ["2001"]


def _active_ids(p: Any) -> set[str]:
    return {r["id"] for r in p.centrality.to_records() if r["degree"]}


def test_a_start_alone_means_its_first_day_and_an_end_alone_its_last() -> None:
    starts = over_time(build([("a", "b", "trade", {"start": "2007"})]), "month")
    assert [(p.label, p.relations, p.new) for p in starts.periods] == [("2007-01", 1, 1)]
    both = build([("a", "b", "trade", {"start": "2007"}), ("b", "c", "trade", {"end": "2007-03"})])
    assert [(p.label, p.relations) for p in over_time(both, "month").periods] == [
        ("2007-01", 2), ("2007-02", 2), ("2007-03", 2),
    ]  # fmt: skip


def test_a_timeline_counts_what_its_filter_keeps_with_the_default_seed_and_samples() -> None:
    ds = square()
    t = over_time(ds, "year", filter=Filter(statuses=("reported",)))
    assert [(p.label, p.relations) for p in t.periods] == [
        ("2006", 1), ("2007", 0), ("2008", 0), ("2009", 1),
    ]  # fmt: skip
    assert t.filter == Filter(statuses=("reported",))
    many = support.random_dataset(3, actors=12, relations=30)
    many = replace(
        many, relations=tuple(replace(r, date=PartialDate(2006)) for r in many.relations)
    )
    default = over_time(many, "year", "betweenness", samples=3).periods[0].centrality
    assert default.samples == 3
    assert default.values == (
        over_time(many, "year", "betweenness", samples=3, seed=0).periods[0].centrality.values
    )
    assert default.values != (
        over_time(many, "year", "betweenness", samples=3, seed=1).periods[0].centrality.values
    )
    exact = over_time(many, "year", "betweenness").periods[0].centrality
    assert exact.samples is None


def test_each_analysis_tells_its_progress_stage_by_stage() -> None:
    ds = build(
        [
            ("a", "b", "trade", {"date": "2006"}),
            ("b", "c", "trade", {"date": "2007", "status": "denied"}),
            ("c", "d", "visit", {"date": "2007"}),
        ]
    )
    runs: dict[str, Any] = {
        "centrality": lambda p: centrality(ds, ["degree", "pagerank"], progress=p),
        "sensitivity": lambda p: sensitivity(ds, "degree", progress=p),
        "communities": lambda p: communities(ds, progress=p),
        "balance": lambda p: balance(ds, progress=p),
        "years": lambda p: over_time(ds, progress=p),
    }
    seen: dict[str, list[tuple[str, int, int | None]]] = {}
    for name, run in runs.items():
        calls: list[tuple[str, int, int | None]] = []
        run(lambda *a, calls=calls: calls.append(a))
        seen[name] = calls
    ranking = "ranking by degree with and without allegations"
    assert seen == {
        "centrality": [("computing centrality", 0, 2), ("computing centrality", 1, 2),
                       ("computing centrality", 2, 2), ("computing centrality", 2, 2)],
        "sensitivity": [(ranking, 0, 2), (ranking, 1, 2), (ranking, 2, 2)],
        "communities": [("finding communities", 0, 1), ("finding communities", 1, 1)],
        "balance": [("weighing signed ties", 0, 1), ("weighing signed ties", 1, 1)],
        "years": [("computing year by year", 0, 2), ("computing year by year", 1, 2),
                  ("computing year by year", 2, 2), ("computing year by year", 2, 2)],
    }  # fmt: skip
    months: list[tuple[str, int, int | None]] = []
    over_time(ds, "month", progress=lambda *a: months.append(a))
    assert months[0] == ("computing month by month", 0, 24)
    assert months[-1] == ("computing month by month", 24, 24)


def test_a_timeline_keeps_the_statuses_and_weighting_asked_for() -> None:
    ds = build(
        [
            ("a", "b", "trade", {"date": "2006", "sources": ["s1", "s2"]}),
            ("b", "c", "trade", {"date": "2007", "status": "denied"}),
            ("c", "d", "visit", {"date": "2007"}),
        ]
    )
    everything = over_time(ds, filter=Filter(statuses=STATUSES))
    assert [(p["period"], p["relations"], p["actors"]) for p in everything.period_records()] == [
        ("2006", 1, 2), ("2007", 2, 3),
    ]  # fmt: skip
    denied = over_time(ds, filter=Filter(statuses=("denied",)))
    assert [(p["period"], p["relations"]) for p in denied.period_records()] == [("2007", 1)]
    weighted = over_time(ds, metrics="weighted_degree", weight="evidence")
    assert weighted.periods[0].centrality.column("weighted_degree")["a"] == 2.0
    assert weighted.periods[0].centrality.weight == "evidence"


def test_a_relation_dated_on_the_last_day_of_a_period_is_new_in_it() -> None:
    ds = build(
        [("a", "b", "trade", {"date": "2006-12-31"}), ("b", "c", "trade", {"date": "2006-01-01"})]
    )
    (period,) = over_time(ds).periods
    assert (period.label, period.relations, period.new) == ("2006", 2, 2)
    months = over_time(ds, "month").periods
    assert [(p.label, p.new) for p in months if p.relations] == [("2006-01", 1), ("2006-12", 1)]


@pytest.mark.parametrize(
    "name", ["centrality", "sensitivity", "communities", "balance", "paths", "ego", "timeline"]
)
def test_every_result_gives_its_records_as_a_dataframe(name: str) -> None:
    ds = square()
    result: Any = {
        "centrality": lambda: centrality(ds, "degree"),
        "sensitivity": lambda: sensitivity(ds, "degree"),
        "communities": lambda: communities(ds),
        "balance": lambda: balance(ds),
        "paths": lambda: paths(ds, "a", "c"),
        "ego": lambda: ego(ds, "b"),
        "timeline": lambda: over_time(ds),
    }[name]()
    frame = result.to_dataframe()
    records = result.to_records()
    assert len(frame) == len(records) > 0
    assert list(frame.columns) == list(records[0])
    assert frame.iloc[0].to_dict() == pytest.approx(records[0], nan_ok=True)


def test_a_timelines_periods_are_computed_on_the_engine_asked_for_and_carry_its_filter() -> None:
    only = Filter(statuses=("reported", "alleged"))
    t = over_time(square(), "year", ["degree", "betweenness"], filter=only, engine="networkx")
    assert {p.centrality.engine for p in t.periods} == {"networkx"}
    assert {p.centrality.filter for p in t.periods} == {only}
    assert {p.centrality.engine for p in over_time(square()).periods} == {"igraph"}


def test_a_directed_hop_lists_only_the_relations_that_run_its_way() -> None:
    ds = build([("a", "b", "visit"), ("b", "a", "visit"), ("a", "b", "trade"), ("b", "c", "trade")])
    hop = paths(ds, "a", "c", directed=True).paths[0].hops[0]
    assert [(r.id, r.direction) for r in hop.relations] == [("r0", "forward"), ("r2", "undirected")]
    both = paths(ds, "a", "c").paths[0].hops[0]
    assert sorted((r.id, r.direction) for r in both.relations) == [
        ("r0", "forward"), ("r1", "backward"), ("r2", "undirected"),
    ]  # fmt: skip


@pytest.mark.parametrize("engine", ["igraph", "networkx"])
def test_communities_follow_the_weights_of_the_ties(engine: str) -> None:
    heavy = {"sources": ["s1", "s1", "s1"]}  # three evidence items
    ring = build(
        [
            ("a", "b", "trade", heavy), ("b", "c", "trade"), ("c", "d", "trade", heavy),
            ("d", "e", "trade"), ("e", "f", "trade", heavy), ("f", "a", "trade"),
            ("a", "c", "trade"), ("d", "f", "trade"),
        ]
    )  # fmt: skip
    by_relations = communities(ring, engine=engine)  # type: ignore[arg-type]
    assert [c.actors for c in by_relations.communities] == [("a", "b", "c"), ("d", "e", "f")]
    assert by_relations.modularity == pytest.approx(0.25)
    by_evidence = communities(ring, engine=engine, weight="evidence")  # type: ignore[arg-type]
    assert [c.actors for c in by_evidence.communities] == [("a", "b"), ("c", "d"), ("e", "f")]
    assert by_evidence.modularity == pytest.approx(0.3087, abs=1e-4)
    assert by_evidence.weight == "evidence"


def test_communities_are_found_with_seed_zero_unless_told_and_on_what_the_filter_keeps() -> None:
    club = support.karate()

    def partition(**options: Any) -> list[tuple[str, ...]]:
        return [c.actors for c in communities(club, **options).communities]

    assert partition() == partition(seed=0)
    assert partition() != partition(seed=1)
    ds = square()
    only = Filter(statuses=("reported",))
    found = communities(ds, filter=only)
    assert found.filter == only
    assert [c.actors for c in found.communities] == [("a", "b"), ("c", "d"), ("e",)]
    assert paths(ds, "a", "b", filter=only).filter == only


@pytest.mark.parametrize("seed", [16, 21, 26, 33, 37, 41])
def test_exact_search_improves_on_a_single_local_search_to_the_least_frustration(
    seed: int,
) -> None:
    # dense signed networks where one round of local search stops short of the best split
    rng = random.Random(seed)
    pairs = [p for p in itertools.combinations(range(10), 2) if rng.random() < 0.6]
    ds = build([(f"a{i}", f"a{j}", rng.choice(["alliance", "hostility"])) for i, j in pairs])
    local = balance(ds, exact_limit=0, restarts=1, seed=seed)
    exact = balance(ds, restarts=1, seed=seed)
    net = Network(ds)
    index = {a: i for i, a in enumerate(net.actors)}
    signs = {(index[u], index[v]): d["sign"] for u, v, d in net.undirected.edges(data=True)}
    best = support._brute_force(signs, len(net.actors))
    assert local.frustration > best
    assert (exact.method, exact.frustration) == ("exact", best)
    side = {a: n for n, bloc in enumerate(exact.blocs) for a in bloc}
    by_blocs = sorted(
        (min(u, v), max(u, v))
        for u, v, d in net.undirected.edges(data=True)
        if d["sign"] and (d["sign"] > 0) != (side[u] == side[v])
    )
    assert by_blocs == sorted((min(t.a, t.b), max(t.a, t.b)) for t in exact.frustrated)
    assert len(by_blocs) == best
    assert sorted(side) == sorted(net.actors)


def test_sensitivity_correlates_only_actors_with_a_value_in_both_pictures() -> None:
    s = sensitivity(star(), "constraint")
    assert [(r.id, r.value_with) for r in s.rows][:3] == [
        ("t", 0.5), ("z", 0.5), ("h", pytest.approx(11 / 18)),
    ]  # fmt: skip
    u = next(r for r in s.rows if r.id == "u")
    assert (u.value_with, u.rank_with) == (1.0, 4)
    assert u.value_without != u.value_without  # nan: no tie left without allegations
    with_both = [(r.value_with, r.value_without) for r in s.rows if r.id in "tzhxy"]
    assert s.spearman == pytest.approx(_spearman(*zip(*with_both, strict=True)))
    assert s.spearman == pytest.approx(0.3535533905932738)


def test_sensitivity_of_a_dataset_uses_the_filter_weighting_and_seed_given() -> None:
    s = sensitivity(
        star(),
        "weighted_degree",
        filter=Filter(statuses=("reported", "alleged")),
        weight="evidence",
    )
    assert (s.relations_with, s.relations_without, s.allegations) == (5, 4, 1)
    assert s.filter == Filter(statuses=("reported", "alleged"))
    assert [(r.id, r.value_with, r.value_without) for r in s.rows][:3] == [
        ("h", 4.0, 4.0), ("t", 2.0, 1.0), ("y", 2.0, 2.0),
    ]  # fmt: skip
    many = support.random_dataset(3, actors=12, relations=30)
    sampled = sensitivity(many, "betweenness", samples=3)
    assert sampled == sensitivity(many, "betweenness", samples=3, seed=0)
    assert sampled.rows != sensitivity(many, "betweenness", samples=3, seed=1).rows
    assert sampled.rows != sensitivity(many, "betweenness").rows
    with pytest.raises(UsageError, match="'degre' is not a metric"):
        sensitivity(star(), "degre", weight="quotes")  # type: ignore[arg-type]


def test_a_quote_names_who_it_is_attributed_to() -> None:
    ds = build([("a", "b", "trade")])
    (r,) = ds.relations
    said = replace(r, evidence=(replace(r.evidence[0], attributed_to="a ministry spokesman"),))
    ds = replace(ds, relations=(said,))
    (record,) = paths(ds, "a", "b").to_records()
    assert record["attributed_to"] == "a ministry spokesman"
    (quote,) = ego(ds, "a").relations[0].quotes
    assert (quote.attributed_to, quote.source_title, quote.reliability) == (
        "a ministry spokesman", "First source", "B",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("seed", "by_restarts"),
    [(16, [7, 7, 6, 6, 6]), (21, [8, 8, 8, 7, 6]), (41, [5, 5, 5, 5, 4])],
)
def test_more_restarts_of_the_local_search_frustrate_fewer_ties(
    seed: int, by_restarts: list[int]
) -> None:
    # the same dense networks; restarts 0, 1, 2, 5 and 20 (0 runs once, as 1 does)
    rng = random.Random(seed)
    pairs = [p for p in itertools.combinations(range(10), 2) if rng.random() < 0.6]
    ds = build([(f"a{i}", f"a{j}", rng.choice(["alliance", "hostility"])) for i, j in pairs])
    found = [balance(ds, exact_limit=0, restarts=r, seed=seed) for r in (0, 1, 2, 5, 20)]
    assert [b.frustration for b in found] == by_restarts
    assert {b.method for b in found} == {"local search"}
    assert found[-1].frustration == balance(ds).frustration  # twenty reach the least


def _signed_chain(n: int) -> Dataset:
    """A ring of ``n`` actors, every third tie hostile, closed by a hostile one."""
    ties = [
        (f"a{i:02d}", f"a{i + 1:02d}", "hostility" if i % 3 == 0 else "alliance")
        for i in range(n - 1)
    ]
    return build([*ties, (f"a{n - 1:02d}", "a00", "hostility")])


def test_parts_of_up_to_24_actors_are_searched_exactly_by_default() -> None:
    assert (balance(_signed_chain(24)).method, balance(_signed_chain(24)).frustration) == (
        "exact", 1,
    )  # fmt: skip
    assert balance(_signed_chain(25)).method == "local search"
    assert balance(_signed_chain(25), exact_limit=25).method == "exact"


def test_the_local_search_is_seeded_with_zero_unless_told() -> None:
    rng = random.Random(2)
    rels = []
    for _ in range(120):
        u, v = rng.sample(range(30), 2)
        rels.append((f"a{u:02d}", f"a{v:02d}", rng.choice(["alliance", "hostility"])))
    ds = build(rels)
    default = balance(ds)
    assert (default.method, default.frustration) == ("local search", 22)
    assert default == balance(ds, seed=0)
    assert balance(ds, seed=1).frustration == 23


def test_neutral_pairs_have_no_sign_and_leave_the_others_counted() -> None:
    b = balance(square())  # a - d only met: no sign
    assert (b.positive, b.negative) == (2, 1)
    assert b.blocs == (("a", "b"), ("c", "d"))
    assert (b.frustration, b.unplaced) == (0, ("e",))


def test_the_most_tied_actor_goes_to_the_first_bloc_wherever_it_is_listed() -> None:
    ds = build([("q", "p", "hostility"), ("r", "p", "hostility"), ("s", "p", "trade")])
    assert balance(ds).blocs == (("p", "s"), ("q", "r"))


def test_the_census_counts_every_triangle_of_each_kind() -> None:
    ds = build(
        [
            ("a", "b", "trade"), ("b", "c", "trade"), ("a", "c", "trade"),
            ("c", "d", "trade"), ("a", "d", "trade"),
            ("d", "e", "hostility"), ("c", "e", "hostility"), ("a", "e", "hostility"),
        ]
    )  # fmt: skip
    b = balance(ds)
    assert b.census == {"+++": 2, "++-": 0, "+--": 3, "---": 0}
    assert (b.balanced_count, b.unbalanced_count, b.frustration) == (5, 0, 0)
    assert b.blocs == (("a", "b", "c", "d"), ("e",))


@pytest.mark.parametrize("engine", ["igraph", "networkx"])
def test_the_smallest_networks_get_the_values_networkx_defines(engine: str) -> None:
    def values(ds: Dataset, metrics: list[str]) -> dict[str, tuple[float, ...]]:
        return centrality(ds, metrics, engine=engine).values  # type: ignore[arg-type]

    alone = values(build([], isolated=("a",)), ["closeness", "harmonic", "eigenvector", "pagerank"])
    assert alone == {
        "closeness": (0.0,), "harmonic": (0.0,), "eigenvector": (1.0,), "pagerank": (1.0,),
    }  # fmt: skip
    pair = values(build([("a", "b", "trade")]), ["closeness", "harmonic", "eigenvector"])
    assert pair["closeness"] == (1.0, 1.0)
    assert pair["harmonic"] == (1.0, 1.0)
    assert pair["eigenvector"] == pytest.approx((2**-0.5, 2**-0.5))
    apart = Filter(types=["visit"]).apply(build([("a", "b", "trade")], isolated=("c", "d")))
    untied = values(apart, ["closeness", "harmonic", "eigenvector", "pagerank"])
    assert untied == {
        "closeness": (0.0,) * 4, "harmonic": (0.0,) * 4, "eigenvector": (0.5,) * 4,
        "pagerank": (0.25,) * 4,
    }  # fmt: skip


def test_a_part_of_exactly_the_exact_limit_is_searched_exactly() -> None:
    rng = random.Random(21)
    pairs = [p for p in itertools.combinations(range(10), 2) if rng.random() < 0.6]
    ds = build([(f"a{i}", f"a{j}", rng.choice(["alliance", "hostility"])) for i, j in pairs])
    at_limit = balance(ds, exact_limit=10, restarts=1, seed=21)
    assert (at_limit.method, at_limit.frustration) == ("exact", 6)
    below = balance(ds, exact_limit=9, restarts=1, seed=21)
    assert (below.method, below.frustration) == ("local search", 8)


def test_balance_counts_what_its_filter_keeps() -> None:
    only = Filter(statuses=("reported",))
    b = balance(star(), filter=only)
    assert b.filter == only
    assert (b.positive, b.negative, b.unbalanced_count) == (4, 0, 0)
    assert b.unplaced == ("u", "w")


def _clique(names: str, **opts: Any) -> list[tuple[Any, ...]]:
    return [(u, v, "trade", opts) for u, v in itertools.combinations(names, 2)]


def _path(names: str) -> list[tuple[Any, ...]]:
    return [(u, v, "trade") for u, v in itertools.pairwise(names)]


DISCONNECTED = {
    # a long path first (the largest part) and a smaller part with a larger eigenvalue
    "path and square clique": _path("abcdefghij") + _clique("wxyz"),
    "two triangles and an isolate": _clique("abc") + _clique("xyz"),
    "triangle and pair": [*_clique("abc"), ("x", "y", "trade")],
    "path, triangle, triangle": _path("abcdef") + _clique("pqr") + _clique("xyz"),
    "heavy triangle, light clique": _clique("abc", sources=["s1", "s2", "s1"]) + _clique("wxyz"),
    "star and pair": [*[("h", x, "trade") for x in "abcde"], ("x", "y", "trade")],
    # equal leading eigenvalues (2) in parts of different sizes
    "triangle and ring of four": _clique("abc") + _path("wxyzw"),
    # a part as strong as the clique's eigenvalue whose own eigenvalue is smaller
    "clique of five and star of four": _clique("abcde") + [("s", x, "trade") for x in "wxyz"],
}


@pytest.mark.parametrize("case", DISCONNECTED)
@pytest.mark.parametrize("weight", ["relations", "evidence"])
def test_eigenvector_on_disconnected_networks_is_networkxs(case: str, weight: str) -> None:
    ds = build(DISCONNECTED[case], isolated=("lone",))
    ig = centrality(ds, "eigenvector", engine="igraph", weight=weight)  # type: ignore[arg-type]
    ref = centrality(ds, "eigenvector", engine="networkx", weight=weight)  # type: ignore[arg-type]
    assert ig.values["eigenvector"] == pytest.approx(ref.values["eigenvector"], abs=1e-6)
    assert ig.column("eigenvector")["lone"] == 0.0
    assert sum(x * x for x in ig.values["eigenvector"]) == pytest.approx(1.0)


@pytest.mark.parametrize("engine", ["igraph", "networkx"])
def test_the_middle_of_three_actors_in_a_row_lies_on_every_path(engine: str) -> None:
    c = centrality(build(_path("abc")), "betweenness", engine=engine)  # type: ignore[arg-type]
    assert c.values["betweenness"] == (0.0, 1.0, 0.0)


@pytest.mark.parametrize("engine", ["igraph", "networkx"])
def test_betweenness_from_one_sampled_source_leaves_that_source_without_a_value(
    engine: str,
) -> None:
    ds = build(_path("abcde"))
    c = centrality(ds, "betweenness", samples=1, seed=3, engine=engine)  # type: ignore[arg-type]
    assert c.samples == 1
    a, b, rest = c.values["betweenness"][0], c.values["betweenness"][1], c.values["betweenness"][2:]
    assert b != b  # nan: the one source cannot lie between itself and another
    assert (a, *rest) == pytest.approx((0.0, 2 / 3, 1 / 3, 0.0))
    assert c.ranks()["b"] == 5


def test_networkx_eigenvector_converges_on_a_long_path_as_igraph_does() -> None:
    # NetworkX's default of 100 iterations does not reach 1e-10 on a path of 61 actors
    ds = build([(f"p{i:02d}", f"p{i + 1:02d}", "trade") for i in range(60)])
    ref = centrality(ds, "eigenvector", engine="networkx").values["eigenvector"]
    ig = centrality(ds, "eigenvector", engine="igraph").values["eigenvector"]
    assert ref == pytest.approx(ig, abs=1e-6)
    assert ref[:2] == pytest.approx((0.00909686264754926, 0.018170373709854932), abs=1e-6)


def test_betweenness_is_exact_up_to_the_auto_limit_and_sampled_above(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from relgraph.analysis import metrics

    monkeypatch.setattr(metrics, "AUTO_EXACT_ACTORS", 5)
    monkeypatch.setattr(metrics, "AUTO_SAMPLES", 3)
    assert centrality(build(_path("abcde")), "betweenness").samples is None
    assert centrality(build(_path("abcdef")), "betweenness").samples == 3
    assert centrality(build(_path("abcdef")), "betweenness", samples=None).samples is None


def test_unranked_actors_come_last_by_name_wherever_the_dataset_lists_them() -> None:
    ds = build([("m", "n", "trade"), ("n", "o", "trade")], isolated=("z", "b"))
    first = replace(ds, entities=tuple(sorted(ds.entities, key=lambda e: e.id != "z")))
    assert [e.id for e in first.entities] == ["z", "m", "n", "o", "b"]
    c = centrality(first, "constraint")
    assert [r["id"] for r in c.to_records()] == ["n", "m", "o", "b", "z"]
    assert c.ranks() == {"n": 1, "m": 2, "o": 2, "b": 4, "z": 4}
    apart = Filter(types=["visit"]).apply(build([("a", "b", "trade")], isolated=("c", "d")))
    assert centrality(apart, "constraint").ranks() == {"a": 1, "b": 1, "c": 1, "d": 1}


def test_asking_for_a_metric_not_computed_lists_those_that_were() -> None:
    c = centrality(square(), ["degree", "pagerank"])
    with pytest.raises(UsageError) as info:
        c.value("a", "k_core")
    assert str(info.value) == "'k_core' was not computed\n  hint: computed: degree, pagerank"


@pytest.mark.parametrize("engine", ["igraph", "networkx"])
def test_weighting_by_origins_counts_a_reprint_and_its_original_once(engine: str) -> None:
    ds = build(
        [
            ("a", "b", "trade", {"sources": ["s1", "s2"]}),
            ("b", "a", "visit", {"sources": ["s1"]}),
            ("b", "c", "trade", {"sources": ["s2"]}),
        ]
    )
    s1, s2 = ds.sources
    reprint = replace(ds, sources=(s1, replace(s2, derived_from=("s1",))))

    def strength(data: Dataset, weight: str) -> dict[str, float]:
        c = centrality(data, "weighted_degree", weight=weight, engine=engine)  # type: ignore[arg-type]
        return c.column("weighted_degree")

    assert strength(ds, "origins") == {"a": 2.0, "b": 3.0, "c": 1.0}
    assert strength(reprint, "origins") == {"a": 1.0, "b": 2.0, "c": 1.0}
    assert strength(reprint, "sources") == {"a": 2.0, "b": 3.0, "c": 1.0}
    assert strength(reprint, "relations") == {"a": 2.0, "b": 3.0, "c": 1.0}
    assert strength(reprint, "evidence") == {"a": 3.0, "b": 4.0, "c": 1.0}
    assert strength(reprint, "unit") == {"a": 1.0, "b": 2.0, "c": 1.0}
    directed = centrality(reprint, "pagerank", weight="origins", engine=engine)  # type: ignore[arg-type]
    assert sum(directed.values["pagerank"]) == pytest.approx(1.0)


def test_centralitys_seed_is_zero_unless_told_and_its_filter_is_the_one_given() -> None:
    many = support.random_dataset(3, actors=12, relations=30)
    default = centrality(many, "betweenness", samples=3)
    assert default.values == centrality(many, "betweenness", samples=3, seed=0).values
    assert default.values != centrality(many, "betweenness", samples=3, seed=1).values
    assert default.seed == 0
    only = Filter(statuses=("reported",))
    assert centrality(many, "degree", filter=only).filter == only
    with pytest.raises(UsageError, match="'bogus' is not a metric"):
        centrality(many, ["all", "bogus"])

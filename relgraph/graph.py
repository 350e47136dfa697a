"""Graph building: the dataset as a NetworkX ``MultiDiGraph``, and its projections.

The model graph
---------------
:func:`build_graph` gives one node per entity and one edge per relation, keyed
by the relation's id, so many typed relations between the same pair stay
separate. Relations of undirected types (an agreement, a meeting) are stored
once, from ``source`` to ``target`` as written, with ``directed=False``.
Every attribute is a fresh copy: changing the graph never changes the dataset.

The graph's own attributes are ``id`` and ``title``, the dataset's. An actor's
claims are dicts with ``id``, ``statement``, ``status``, ``date``, ``notes``,
``referents`` and ``evidence``, as a relation's. The evidence dicts hold only
the keys listed below: an evidence item's ``stance``, ``origin``, ``amounts``,
``date`` and ``reported``, its place in the source's text and the entity it is
attributed to are not on the graph; read them from the dataset's
:class:`~relgraph.model.Evidence` objects (``ds.relations``, ``ds.claims``).

Node attributes: ``name``, ``kind``, ``aliases``, ``country``, ``description``,
``external_ids``, ``tags``, ``referents`` (old ids a merge folded into the
actor) and ``claims`` (list of dicts).
Edge attributes: ``id``, ``type``, ``category``, ``label``, ``inverse_label``,
``directed``, ``status``, ``sign``, ``allegation``, ``date``, ``start``, ``end``
(ISO text at the precision given, or ``None``), ``notes``, ``referents`` (the ids
of the relations a merge folded into this one), ``evidence`` (list of dicts with
``quote``, ``source``, ``attributed_to``, ``credibility``, ``context`` and
``notes``), ``evidence_count``, ``source_count`` and ``origins`` (the ids of the
independent origins of the evidence that supports or qualifies it, see
:mod:`relgraph.corroboration`).

The projection
--------------
Many algorithms (eigenvector centrality, most community detection) refuse
multigraphs. :func:`project` collapses the typed relations between each pair
into one weighted edge, explicitly:

* ``statuses`` chooses which relations count (default: all but ``denied``);
* ``directed=False`` (default) gives a ``Graph``; every relation joins its two
  ends. ``directed=True`` gives a ``DiGraph``; directed relations run from
  source to target, undirected ones run both ways;
* ``weight`` is ``"relations"`` (default: how many relations join the pair),
  ``"evidence"`` (how many evidence items), ``"sources"`` (how many distinct
  sources), ``"origins"`` (how many distinct independent origins back the
  pair's relations: copies of one story count once, see
  :mod:`relgraph.corroboration`) or ``"unit"`` (1 for every linked pair);
* each projected edge also carries ``relations`` (the ids merged into it) and
  ``sign``: +1 when its cooperative relations outnumber its hostile ones, -1
  when the hostile ones do, 0 otherwise (neutral relations count for neither).

Examples
--------
>>> import relgraph
>>> ds = relgraph.load("graph_data/cuba_iran.yaml")
>>> g = ds.graph()
>>> g.number_of_nodes() == len(ds.entities), g.number_of_edges() == len(ds.relations)
(True, True)
>>> sorted(g.graph)
['id', 'title']
>>> list(g.nodes["iran"])  # doctest: +NORMALIZE_WHITESPACE
['name', 'kind', 'aliases', 'country', 'description', 'external_ids', 'tags',
 'referents', 'claims']
>>> edge = next(iter(g.edges(keys=True, data=True)))[3]
>>> list(edge)  # doctest: +NORMALIZE_WHITESPACE
['id', 'type', 'category', 'label', 'inverse_label', 'directed', 'status', 'sign',
 'allegation', 'date', 'start', 'end', 'notes', 'referents', 'evidence',
 'evidence_count', 'source_count', 'origins']
>>> list(edge["evidence"][0])
['quote', 'source', 'attributed_to', 'credibility', 'context', 'notes']
>>> claimed = next(n for n, claims in g.nodes(data="claims") if claims)
>>> list(g.nodes[claimed]["claims"][0])
['id', 'statement', 'status', 'date', 'notes', 'referents', 'evidence']
>>> p = relgraph.project(g, weight="evidence")
>>> p.is_directed(), p.is_multigraph()
(False, False)
"""

from __future__ import annotations

import contextlib
import copy
import gc
import operator
from collections.abc import Callable, Collection, Iterable, Iterator
from typing import Any, Literal

import networkx as nx

from relgraph.model import STATUSES, Claim, Dataset, Entity, Evidence, PartialDate, Relation, bind
from relgraph.spec import RECORDS

__all__ = ["DEFAULT_STATUSES", "Weighting", "build_graph", "edge_attributes", "project"]

Weighting = Literal["relations", "evidence", "sources", "origins", "unit"]

#: Statuses that count unless the caller says otherwise: everything but ``denied``.
DEFAULT_STATUSES: tuple[str, ...] = tuple(s for s in STATUSES if s != "denied")


def _date_text(value: PartialDate | None) -> str | None:
    return None if value is None else str(value)


#: A node's attributes are its entity's fields of the format spec, in the spec's order (so a
#: field added to the spec reaches the graph), but the id, which is the node, and the review
#: mark, then its ``claims``. Edges, evidence items and claims carry a chosen few of their
#: fields (no report date, modality or review mark): the graph is for analysis, and an edge
#: is made a million times on a large dataset, so they are spelled out below.
_NODE_SPEC = [f for f in RECORDS["entity"].fields if f.name not in ("id", "review")]
#: Each node attribute's name and what makes its value plain data (``None``: as it is).
_NODE_PLAN: tuple[tuple[str, Callable[[Any], Any] | None], ...] = tuple(
    (
        f.name,
        list
        if f.type in ("ids", "id-list", "texts", "choices")
        else dict
        if f.type == "mapping"
        else _date_text
        if f.type == "date"
        else None,
    )
    for f in _NODE_SPEC
)
#: The attributes' values in one call (a node is made per entity: 100,000s on a large dataset).
_node_values = operator.attrgetter(*(f.attribute for f in _NODE_SPEC))


def _node(e: Entity, claims: list[dict[str, Any]]) -> dict[str, Any]:
    node = {
        n: (plain(v) if plain else v)
        for (n, plain), v in zip(_NODE_PLAN, _node_values(e), strict=True)
    }
    node["claims"] = claims
    return node


def _evidence_item(e: Evidence) -> dict[str, Any]:
    return {
        "quote": e.quote,
        "source": e.source,
        "attributed_to": e.attributed_to,
        "credibility": e.credibility,
        "context": e.context,
        "notes": e.notes,
    }


def _evidence(items: Iterable[Evidence]) -> list[dict[str, Any]]:
    return [_evidence_item(e) for e in items]


def _claim(c: Claim) -> dict[str, Any]:
    return {
        "id": c.id,
        "statement": c.statement,
        "status": c.status,
        "date": str(c.date) if c.date else None,
        "notes": c.notes,
        "referents": list(c.referents),
        "evidence": _evidence(c.evidence),
    }


def edge_attributes(dataset: Dataset, relation: Relation) -> dict[str, Any]:
    """Return the attributes :func:`build_graph` puts on the edge of ``relation``.

    Parameters
    ----------
    dataset : Dataset
        The dataset ``relation`` belongs to (its vocabulary and origins are read).
    relation : Relation
        One of its relations.

    Returns
    -------
    dict
        A fresh dict with the edge attributes the module docs list.

    Examples
    --------
    >>> import relgraph
    >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
    >>> attrs = edge_attributes(ds, ds.relations[0])
    >>> attrs["id"] == ds.relations[0].id, attrs["evidence_count"] >= 1
    (True, True)
    """
    return _EdgeAttributes(dataset)(relation)


class _EdgeAttributes:
    """Makes edge attribute dicts, looking each relation type and date up once."""

    def __init__(self, dataset: Dataset) -> None:
        self.types = {
            t.id: (t.category, t.label, t.inverse_label, t.directed)
            for t in dataset.vocabulary.relation_types.values()
        }
        # by identity: a loaded dataset shares one object per date written, which
        # stays alive as long as the dataset does; hashing a dataclass is slow
        self.dates: dict[int, str] = {}
        from relgraph.corroboration import independent_origins

        self.origins = independent_origins(dataset)

    def date(self, value: PartialDate | None) -> str | None:
        if value is None:
            return None
        text = self.dates.get(id(value))
        if text is None:
            text = self.dates[id(value)] = str(value)
        return text

    def __call__(self, r: Relation) -> dict[str, Any]:
        category, label, inverse_label, directed = self.types[r.type]
        evidence = r.evidence
        status = r.status
        date, start, end = r.date, r.start, r.end
        if len(evidence) == 1:  # the common case, without a loop
            items = [_evidence_item(evidence[0])]
            sources = 1
        else:
            items = _evidence(evidence)
            sources = len({e.source for e in evidence})
        return {
            "id": r.id,
            "type": r.type,
            "category": category,
            "label": label,
            "inverse_label": inverse_label,
            "directed": directed,
            "status": status,
            "sign": r.sign,
            "allegation": status == "alleged" or status == "disputed",
            "date": None if date is None else self.date(date),
            "start": None if start is None else self.date(start),
            "end": None if end is None else self.date(end),
            "notes": r.notes,
            "referents": list(r.referents),
            "evidence": items,
            "evidence_count": len(evidence),
            "source_count": sources,
            "origins": self.origins.supporting(evidence),
        }


def build_graph(dataset: Dataset) -> nx.MultiDiGraph:
    """Return the dataset as a ``MultiDiGraph``: entities are nodes, relations are keyed edges.

    Parameters
    ----------
    dataset : Dataset
        A loaded dataset.

    Returns
    -------
    networkx.MultiDiGraph
        A new graph; its attributes are copies (see the module docs for them).

    Examples
    --------
    >>> import relgraph
    >>> g = relgraph.load("graph_data/cuba_iran.yaml").graph()
    >>> g.graph["title"]
    'Cuba–Iran relations'
    >>> g.nodes["iran"]["kind"]
    'state'
    """
    # A graph is millions of small dicts that hold no cycles: pausing the cyclic
    # collector while they are made saves most of the time (measured in bench/).
    with collector_paused():
        return _build_graph(dataset)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of acyclic objects are made.

    Building a graph or loading a dataset creates no reference cycles; the
    collector would only walk the growing structure again and again. It is
    switched back on (if it was on) however the block ends.

    When the block ends normally, what it made is handed to the collector's
    oldest generation as it is (``gc.freeze()`` then ``gc.unfreeze()``, which
    move objects without visiting them): left young, every one of them would
    be walked by the next young collection, and again by the one after it, to
    find no garbage. The objects there already go with them, so a cycle the
    caller dropped just before is freed by the next full collection instead of
    a young one. Nothing is moved when the caller has frozen objects of its own
    (``gc.get_freeze_count()``), which ``gc.unfreeze()`` would release, or when
    the block raises.

    Yields
    ------
    None
        Inside the block the collector is off.

    Examples
    --------
    >>> import gc
    >>> with collector_paused():
    ...     made = [[n] for n in range(1000)]
    ...     gc.isenabled()
    False
    >>> gc.isenabled(), gc.get_count()[0] < 1000
    (True, True)
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    except BaseException:
        if was_enabled:
            gc.enable()
        raise
    if was_enabled:
        if not gc.get_freeze_count():
            gc.freeze()
            gc.unfreeze()
        gc.enable()


def _build_graph(dataset: Dataset) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(id=dataset.id, title=dataset.title)
    claims: dict[str, list[dict[str, Any]]] = {}
    for c in dataset.claims:
        claims.setdefault(c.entity, []).append(_claim(c))
    # The adjacency is filled in directly, in the layout NetworkX documents for
    # a MultiDiGraph (``_node``, ``_succ`` and ``_pred`` as dicts of dicts, one
    # key dict shared by both directions), as its own ``convert`` and
    # ``set_edge_attributes`` do:
    # ``add_edges_from`` costs a method call and three view lookups per edge,
    # two fifths of the build (measured in bench/bench_load.py). The tests
    # compare the result with a graph built through ``add_edges_from``.
    node, succ, pred = g._node, g._succ, g._pred
    for e in dataset.entities:
        node[e.id] = _node(e, claims.get(e.id, []))
        succ[e.id] = {}
        pred[e.id] = {}
    attributes = _EdgeAttributes(dataset)
    for r in dataset.relations:
        u, v = r.source, r.target
        if u not in succ or v not in succ:  # an end that is no entity: as add_edge does
            g.add_edge(u, v, r.id, **attributes(r))
            continue
        out = succ[u]
        keys = out.get(v)
        if keys is None:
            keys = out[v] = pred[v][u] = {}
        keys[r.id] = attributes(r)
    return g


def _weight_of(data: dict[str, Any], weight: Weighting) -> float:
    if weight == "relations":
        return 1.0
    if weight == "evidence":
        return float(data.get("evidence_count", 1))
    if weight == "sources":
        return 1.0  # distinct sources are counted per pair below
    return 1.0


def project(
    graph: nx.MultiDiGraph,
    *,
    directed: bool = False,
    weight: Weighting = "relations",
    statuses: Collection[str] | None = None,
) -> nx.Graph:
    """Collapse the typed relations of ``graph`` into a simple weighted graph.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A graph from :func:`build_graph` (or :meth:`Dataset.graph`).
    directed : bool
        ``False`` for an undirected ``Graph``, ``True`` for a ``DiGraph`` in
        which undirected relations run both ways.
    weight : {"relations", "evidence", "sources", "origins", "unit"}
        What an edge's ``weight`` counts (see the module docs).
    statuses : collection of str, optional
        The relation statuses that count; default all but ``denied``.

    Returns
    -------
    networkx.Graph or networkx.DiGraph
        Every entity is a node (with the same attributes); each linked pair is
        one edge with ``weight``, ``relations`` and ``sign``.

    Raises
    ------
    ValueError
        For an unknown weighting or status.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("a", "b", "r1", status="reported", sign="cooperative", directed=True,
    ...            evidence_count=2, evidence=[{"source": "s1"}, {"source": "s2"}])
    'r1'
    >>> g.add_edge("b", "a", "r2", status="alleged", sign="hostile", directed=False,
    ...            evidence_count=1, evidence=[{"source": "s1"}])
    'r2'
    >>> p = project(g, weight="evidence")
    >>> p["a"]["b"]["weight"], p["a"]["b"]["relations"], p["a"]["b"]["sign"]
    (3.0, ['r1', 'r2'], 0)
    >>> d = project(g, directed=True, statuses=["reported"])
    >>> sorted(d.edges())
    [('a', 'b')]
    """
    if weight not in ("relations", "evidence", "sources", "origins", "unit"):
        raise ValueError(
            f"unknown weighting {weight!r}; choose relations, evidence, sources, origins or unit"
        )
    wanted = set(DEFAULT_STATUSES if statuses is None else statuses)
    unknown = wanted - set(STATUSES)
    if unknown:
        raise ValueError(
            f"unknown status {sorted(unknown)[0]!r}; statuses are {', '.join(STATUSES)}"
        )
    out: nx.Graph = nx.DiGraph() if directed else nx.Graph()
    # copies all the way down: the caller's graph keeps its own lists and dicts
    out.graph.update(copy.deepcopy(graph.graph))
    out.add_nodes_from((n, copy.deepcopy(d)) for n, d in graph.nodes(data=True))
    balance: dict[tuple[Any, Any], int] = {}
    sources: dict[tuple[Any, Any], set[str]] = {}
    for u, v, key, data in graph.edges(keys=True, data=True):
        if data.get("status") not in wanted:
            continue
        pairs = [(u, v)]
        if directed and not data.get("directed", True):
            pairs.append((v, u))
        for a, b in pairs:
            pair = (a, b) if directed else tuple(sorted((a, b), key=str))
            if out.has_edge(a, b):
                edge = out[a][b]
                edge["weight"] += _weight_of(data, weight)
                edge["relations"].append(key)
            else:
                out.add_edge(a, b, weight=_weight_of(data, weight), relations=[key])
            sign = data.get("sign")
            balance[pair] = balance.get(pair, 0) + (
                1 if sign == "cooperative" else -1 if sign == "hostile" else 0
            )
            if weight == "origins":
                sources.setdefault(pair, set()).update(data.get("origins", ()))
            else:
                sources.setdefault(pair, set()).update(
                    e.get("source", "") for e in data.get("evidence", [])
                )
    for a, b, edge in out.edges(data=True):
        pair = (a, b) if directed else tuple(sorted((a, b), key=str))
        b_ = balance.get(pair, 0)
        edge["sign"] = (b_ > 0) - (b_ < 0)
        if weight in ("sources", "origins"):
            edge["weight"] = float(len(sources.get(pair, ())))
        elif weight == "unit":
            edge["weight"] = 1.0
    return out


bind(build_graph=build_graph, project=project)

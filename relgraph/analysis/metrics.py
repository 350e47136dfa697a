"""Centrality: the catalogue of metrics (:data:`METRICS`), the :class:`Centrality`
table, and the two engines that fill it, igraph and NetworkX (the reference),
with sampled betweenness and eigenvector centrality on disconnected graphs.
"""

from __future__ import annotations

import math
import random
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import networkx as nx

from relgraph.analysis._common import Engine, Samples, _clean, _dataframe, _engine, seeded_igraph
from relgraph.analysis.network import Network, _network
from relgraph.collation import sort_key
from relgraph.errors import UsageError, did_you_mean
from relgraph.filters import Filter
from relgraph.graph import Weighting
from relgraph.model import Dataset
from relgraph.progress import ProgressCallback, Ticker

__all__ = [
    "AUTO_EXACT_ACTORS",
    "AUTO_SAMPLES",
    "DEFAULT_METRICS",
    "METRICS",
    "TOLERANCE",
    "Centrality",
    "MetricInfo",
    "centrality",
]

#: Largest absolute difference allowed between the igraph and NetworkX engines.
TOLERANCE = 1e-6
#: With ``samples="auto"``, betweenness is exact up to this many actors, sampled above.
AUTO_EXACT_ACTORS = 5000
#: With ``samples="auto"`` on a larger network, how many source actors are sampled.
AUTO_SAMPLES = 500


@dataclass(frozen=True)
class MetricInfo:
    """What a metric measures and how it is computed (see the table in :mod:`relgraph.analysis`)."""

    name: str
    description: str
    projection: Literal["undirected", "directed"]
    weighted: bool
    ascending: bool = False  # True when a lower value ranks first
    integer: bool = False


#: Every metric :func:`centrality` computes, in the order the CLI lists them.
METRICS: dict[str, MetricInfo] = {
    m.name: m
    for m in (
        MetricInfo(
            "degree", "distinct actors tied to the actor", "undirected", False, integer=True
        ),
        MetricInfo(
            "in_degree", "distinct actors with a tie to the actor", "directed", False, integer=True
        ),
        MetricInfo(
            "out_degree", "distinct actors the actor has a tie to", "directed", False, integer=True
        ),
        MetricInfo("weighted_degree", "sum of the weights of the actor's ties", "undirected", True),
        MetricInfo("betweenness", "share of shortest paths through the actor", "undirected", False),
        MetricInfo(
            "closeness", "inverse mean distance to the actors it reaches", "undirected", False
        ),
        MetricInfo(
            "harmonic", "sum of inverse distances to every other actor", "undirected", False
        ),
        MetricInfo("eigenvector", "ties to well-tied actors", "undirected", True),
        MetricInfo("pagerank", "ties received from important actors", "directed", True),
        MetricInfo(
            "constraint",
            "Burt's constraint: low means a broker between others",
            "undirected",
            True,
            ascending=True,
        ),
        MetricInfo(
            "effective_size", "Burt's effective size: non-redundant contacts", "undirected", False
        ),
        MetricInfo(
            "k_core", "the deepest k-core the actor belongs to", "undirected", False, integer=True
        ),
    )
}


#: What :func:`centrality` computes when no metric is named.
DEFAULT_METRICS: tuple[str, ...] = (
    "degree",
    "weighted_degree",
    "betweenness",
    "eigenvector",
    "pagerank",
    "k_core",
)


def _metric_names(metrics: Iterable[str] | str | None) -> tuple[str, ...]:
    if metrics is None:
        return DEFAULT_METRICS
    names = [metrics] if isinstance(metrics, str) else list(metrics)
    out: list[str] = []
    for name in names:
        if name == "all":
            out.extend(m for m in METRICS if m not in out)
            continue
        if name not in METRICS:
            hint = did_you_mean(name, list(METRICS), f"metrics are {', '.join(METRICS)}")
            raise UsageError(f"'{name}' is not a metric\n  hint: {hint}")
        if name not in out:
            out.append(name)
    if not out:
        raise UsageError(f"no metric given\n  hint: metrics are {', '.join(METRICS)}")
    return tuple(out)


@dataclass(frozen=True)
class Centrality:
    """Centrality values of every actor, one column per metric.

    Attributes
    ----------
    actors, names, kinds : tuple of str
        Every actor of the filtered dataset (isolated ones too), in the
        dataset's order.
    values : dict of str to tuple of float
        For each metric, its value for each actor (same order as ``actors``).
        ``nan`` where a metric is undefined (constraint of an isolate).
    engine : str
        ``"igraph"`` or ``"networkx"``: what computed the values.
    weight : str
        The weighting of the projection.
    samples : int or None
        How many source actors betweenness was sampled from; ``None`` if exact.
    seed : int
        The seed of any sampling.
    filter : Filter
        What was counted.

    Examples
    --------
    >>> import relgraph
    >>> c = centrality(relgraph.load("graph_data/cuba_iran.yaml"), ["pagerank", "degree"])
    >>> c.metrics
    ('pagerank', 'degree')
    >>> top = c.to_records(sort="degree", top=1)[0]
    >>> top["id"], top["rank"], top["degree"]
    ('cuba', 1, 10)
    >>> c.ranks("degree")["iran"]
    2
    """

    actors: tuple[str, ...]
    names: tuple[str, ...]
    kinds: tuple[str, ...]
    values: dict[str, tuple[float, ...]]
    engine: str
    weight: str
    samples: int | None
    seed: int
    filter: Filter = field(default_factory=Filter)

    @property
    def metrics(self) -> tuple[str, ...]:
        """The metrics computed, in the order asked for."""
        return tuple(self.values)

    def column(self, metric: str) -> dict[str, float]:
        """``{actor id: value}`` for one metric."""
        return dict(zip(self.actors, self._values(metric), strict=True))

    def value(self, actor: str, metric: str) -> float:
        """One actor's value (by id) for one metric."""
        try:
            i = self.actors.index(actor)
        except ValueError:
            raise UsageError(f"'{actor}' is not an actor of this result") from None
        return self._values(metric)[i]

    def _values(self, metric: str) -> tuple[float, ...]:
        if metric not in self.values:
            raise UsageError(
                f"'{metric}' was not computed\n  hint: computed: {', '.join(self.metrics)}"
            )
        return self.values[metric]

    def order(self, metric: str | None = None) -> list[int]:
        """Actor positions, best first by ``metric`` (default: the first metric).

        Higher values come first, except for ``constraint`` (lower is more
        brokerage); ``nan`` comes last; ties go by name, then id.
        """
        metric = metric or self.metrics[0]
        column = self._values(metric)
        sign = 1.0 if METRICS[metric].ascending else -1.0

        def key(i: int) -> tuple[bool, float, tuple[str, str, str], str]:
            v = column[i]
            missing = math.isnan(v)
            return (missing, 0.0 if missing else sign * v, sort_key(self.names[i]), self.actors[i])

        return sorted(range(len(self.actors)), key=key)

    def ranks(self, metric: str | None = None) -> dict[str, int]:
        """``{actor id: rank}``, 1 for the best; equal values share a rank (1, 2, 2, 4)."""
        metric = metric or self.metrics[0]
        column = self._values(metric)
        out: dict[str, int] = {}
        previous: float | None = None
        rank = 0
        for position, i in enumerate(self.order(metric), start=1):
            v = column[i]
            if previous is None or not (v == previous or (math.isnan(v) and math.isnan(previous))):
                rank = position
            previous = v
            out[self.actors[i]] = rank
        return out

    def to_records(self, sort: str | None = None, top: int | None = None) -> list[dict[str, Any]]:
        """One dict per actor, best first: rank, id, name, kind and every metric.

        Parameters
        ----------
        sort : str, optional
            The metric to rank by (default: the first computed).
        top : int, optional
            Keep only the first ``top`` actors.
        """
        sort = sort or self.metrics[0]
        ranks = self.ranks(sort)
        order = self.order(sort)
        if top is not None:
            order = order[: max(top, 0)]
        return [
            {
                "rank": ranks[self.actors[i]],
                "id": self.actors[i],
                "name": self.names[i],
                "kind": self.kinds[i],
                **{m: _clean(self.values[m][i]) for m in self.metrics},
            }
            for i in order
        ]

    def to_dict(self, sort: str | None = None, top: int | None = None) -> dict[str, Any]:
        """The result with how it was computed, JSON-ready."""
        return {
            "metrics": [
                {**asdict(METRICS[m]), "samples": self.samples if m == "betweenness" else None}
                for m in self.metrics
            ],
            "engine": self.engine,
            "weight": self.weight,
            "seed": self.seed,
            "filter": self.filter.as_dict(),
            "actors": self.to_records(sort, top),
        }

    def to_dataframe(self) -> Any:
        """A pandas ``DataFrame`` of :meth:`to_records` (needs pandas)."""
        return _dataframe(self.to_records())


def _betweenness_sources(net: Network, samples: Samples, seed: int) -> list[str] | None:
    n = len(net.actors)
    if samples == "auto":
        samples = None if n <= AUTO_EXACT_ACTORS else AUTO_SAMPLES
    if samples is None:
        return None
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 1:
        raise UsageError(
            f"samples must be a whole number of at least 1, 'auto' or None, not {samples!r}"
        )
    if samples >= n:
        return None
    return random.Random(seed).sample(list(net.actors), samples)


def _zeros_to(value: float, n: int) -> tuple[float, ...]:
    return (value,) * n


def _igraph_metric(net: Network, metric: str, sources: list[str] | None) -> tuple[float, ...]:
    n = len(net.actors)
    info = METRICS[metric]
    g = net.igraph(info.projection == "directed")
    weights = "weight" if g.ecount() else None
    if metric == "degree":
        return tuple(g.degree())
    if metric == "in_degree":
        return tuple(g.indegree())
    if metric == "out_degree":
        return tuple(g.outdegree())
    if metric == "weighted_degree":
        return tuple(float(x) for x in g.strength(weights=weights))
    if metric == "k_core":
        return tuple(g.coreness())
    if metric == "betweenness":
        if n < 3:
            return _zeros_to(0.0, n)
        if sources is None:
            scale = 2.0 / ((n - 1) * (n - 2))
            return tuple(x * scale for x in g.betweenness(directed=False))
        k = len(sources)
        picked = {net.index[s] for s in sources}
        raw = g.betweenness(sources=sorted(picked), directed=False)
        # NetworkX counts ordered (s, t) pairs from each sampled source, igraph
        # unordered ones: hence the 2; sources cannot lie between themselves.
        on, off = 2.0 / ((k - 1) * (n - 2)) if k > 1 else math.nan, 2.0 / (k * (n - 2))
        return tuple(x * (on if i in picked else off) for i, x in enumerate(raw))
    if metric == "closeness":
        if n < 2:
            return _zeros_to(0.0, n)
        size = [0] * n
        for comp in g.connected_components():
            for i in comp:
                size[i] = len(comp)
        raw = g.closeness(mode="all", normalized=True)
        return tuple(
            0.0 if math.isnan(x) else x * (size[i] - 1) / (n - 1) for i, x in enumerate(raw)
        )
    if metric == "harmonic":
        return tuple(float(x) for x in g.harmonic_centrality(mode="all", normalized=False))
    if metric == "eigenvector":
        return _igraph_eigenvector(g)
    if metric == "pagerank":
        if n == 0:
            return ()
        return tuple(g.pagerank(directed=True, damping=0.85, weights=weights))
    if metric == "constraint":
        return tuple(g.constraint(weights=weights))
    if metric == "effective_size":
        degree = g.degree()
        local = g.transitivity_local_undirected(mode="zero")
        return tuple(
            math.nan if d == 0 else d - t * (d - 1) for d, t in zip(degree, local, strict=True)
        )
    raise AssertionError(metric)  # pragma: no cover - names are checked first


def _igraph_eigenvector(g: Any) -> tuple[float, ...]:
    """Eigenvector centrality as NetworkX defines it, also on disconnected graphs.

    NetworkX iterates ``A + I`` from a uniform start, so on a disconnected
    graph every part whose leading eigenvalue is the largest keeps a share in
    proportion to the start's weight on it, and every other part fades to 0.
    igraph picks one part; here each part is solved on its own and combined
    the way the iteration does.
    """
    n = g.vcount()
    if n == 0:
        return ()
    if not g.ecount():
        return _zeros_to(1 / math.sqrt(n), n)

    def solve(h: Any) -> tuple[list[float], float]:
        # ARPACK's start vector comes from igraph's generator: seed it, and leave
        # the caller's `random` state alone
        with warnings.catch_warnings(), seeded_igraph(0):
            warnings.simplefilter("ignore", RuntimeWarning)
            vector, value = h.eigenvector_centrality(
                weights="weight", scale=True, return_eigenvalue=True
            )
        norm = math.sqrt(sum(x * x for x in vector)) or 1.0
        return [abs(x) / norm for x in vector], float(value)

    parts = sorted(g.connected_components(), key=len, reverse=True)
    if len(parts) == 1:
        return tuple(solve(g)[0])
    strength = g.strength(weights="weight")
    out = [0.0] * n
    chosen: list[tuple[list[int], list[float], float]] = []
    top = 0.0
    for part in parts:
        if len(part) < 2 or max(strength[i] for i in part) < top * (1 - 1e-9):
            continue  # its leading eigenvalue is at most its largest strength
        vector, value = solve(g.induced_subgraph(part))
        if value > top * (1 + 1e-9):
            chosen = [c for c in chosen if c[2] >= value * (1 - 1e-9)]
            top = value
        if value >= top * (1 - 1e-9):
            chosen.append((part, vector, value))
    for part, vector, _ in chosen:
        share = sum(vector)
        for i, x in zip(part, vector, strict=True):
            out[i] = x * share
    norm = math.sqrt(sum(x * x for x in out)) or 1.0
    return tuple(x / norm for x in out)


def _networkx_metric(
    net: Network, metric: str, samples: int | None, seed: int
) -> tuple[float, ...]:
    info = METRICS[metric]
    g = net.projection(info.projection == "directed")
    order = net.actors
    result: Mapping[str, float]
    if metric == "degree":
        result = dict(g.degree())
    elif metric == "in_degree":
        result = dict(g.in_degree())
    elif metric == "out_degree":
        result = dict(g.out_degree())
    elif metric == "weighted_degree":
        result = {k: float(v) for k, v in g.degree(weight="weight")}
    elif metric == "k_core":
        result = nx.core_number(g)
    elif metric == "betweenness":
        result = nx.betweenness_centrality(g, k=samples, seed=seed)
    elif metric == "closeness":
        result = nx.closeness_centrality(g)
    elif metric == "harmonic":
        result = nx.harmonic_centrality(g)
    elif metric == "eigenvector":
        if not len(g):
            return ()
        try:
            result = nx.eigenvector_centrality(g, weight="weight", max_iter=10000, tol=1e-10)
        except nx.PowerIterationFailedConvergence:  # pragma: no cover - (A+I) converges
            raise UsageError("eigenvector centrality did not converge on this network") from None
    elif metric == "pagerank":
        if not len(g):
            return ()
        result = nx.pagerank(g, alpha=0.85, weight="weight", tol=1e-10, max_iter=10000)
    elif metric == "constraint":
        result = nx.constraint(g, weight="weight")
    elif metric == "effective_size":
        result = nx.effective_size(g)
    else:  # pragma: no cover - names are checked first
        raise AssertionError(metric)
    return tuple(result[a] for a in order)


def centrality(
    data: Dataset | Network,
    metrics: Iterable[str] | str | None = None,
    *,
    filter: Filter | None = None,
    weight: Weighting = "relations",
    engine: Engine = "auto",
    samples: Samples = "auto",
    seed: int = 0,
    progress: ProgressCallback | None = None,
) -> Centrality:
    """Centrality of every actor on the documented projection.

    Parameters
    ----------
    data : Dataset or Network
        What to analyse. A :class:`Network` carries its own filter and weighting.
    metrics : str or iterable of str, optional
        Names from :data:`METRICS`, or ``"all"``; default :data:`DEFAULT_METRICS`.
    filter : Filter, optional
        What counts (default: everything but denied relations).
    weight : {"relations", "evidence", "sources", "origins", "unit"}
        What an edge's weight counts.
    engine : {"auto", "igraph", "networkx"}
        Where to compute: ``"auto"`` and ``"igraph"`` on igraph, ``"networkx"``
        on NetworkX, the reference (see :mod:`relgraph.analysis`).
    samples : int, None or "auto"
        Betweenness: ``None`` for exact; a number of source actors to sample
        (a number at least the actor count means exact); ``"auto"`` for exact
        up to :data:`AUTO_EXACT_ACTORS` actors and :data:`AUTO_SAMPLES` above.
    seed : int
        Seed of the sampling.
    progress : callable, optional
        ``progress(stage, done, total)``, told after each metric (see
        :mod:`relgraph.progress`).

    Returns
    -------
    Centrality

    Raises
    ------
    UsageError
        For an unknown metric, engine, weighting or sample size; for engine
        ``"auto"`` or ``"igraph"`` where python-igraph cannot be imported.

    Examples
    --------
    >>> import relgraph
    >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
    >>> c = centrality(ds, ["degree", "betweenness"])
    >>> c.value("cuba", "degree"), round(c.value("cuba", "betweenness"), 4)
    (10, 0.2865)
    >>> c.to_records(top=1)[0]["name"]
    'Cuba'
    >>> nx_c = centrality(ds, "betweenness", engine="networkx")
    >>> abs(nx_c.value("iran", "betweenness") - c.value("iran", "betweenness")) < TOLERANCE
    True
    """
    names = _metric_names(metrics)
    net = _network(data, filter, weight)
    chosen = _engine(engine)
    sources = _betweenness_sources(net, samples, seed) if "betweenness" in names else None
    k = None if sources is None else len(sources)
    values: dict[str, tuple[float, ...]] = {}
    tick = Ticker(progress, "computing centrality", total=len(names))
    for name in names:
        if chosen == "igraph":
            values[name] = _igraph_metric(net, name, sources)
        else:
            values[name] = _networkx_metric(net, name, k, seed)
        tick.advance()
    tick.finish()
    return Centrality(
        actors=net.actors,
        names=net.names,
        kinds=net.kinds,
        values=values,
        engine=chosen,
        weight=net.weight,
        samples=k,
        seed=seed,
        filter=net.filter,
    )

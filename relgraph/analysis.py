"""Analysis: who is central, who brokers, which blocs exist, and on what evidence.

Every function takes a :class:`~relgraph.model.Dataset` (with an optional
:class:`~relgraph.filters.Filter`) or a prepared :class:`Network`, and
returns a plain, documented result object with ``to_records()`` (a list of
dicts, ready for JSON or CSV), ``to_dict()`` and ``to_dataframe()`` (the
latter only where pandas is installed; it is never required).

The projections
---------------
Metrics run on the projections of :func:`relgraph.graph.project`, built once
per :class:`Network` from the filtered dataset: the **undirected** projection
(a ``Graph``: every relation joins its two ends) and the **directed** one (a
``DiGraph``: directed relations run from source to target, undirected ones
both ways). An edge's ``weight`` is what the chosen weighting counts between
the pair: relations (default), evidence items, distinct sources or 1. Signs
play no part in centrality; :func:`balance` is where they count.

=================== ============ ======== ==============================================
metric              projection   weights  NetworkX reference on the same projection
=================== ============ ======== ==============================================
``degree``          undirected   no       ``G.degree()``: distinct neighbours
``in_degree``       directed     no       ``D.in_degree()``
``out_degree``      directed     no       ``D.out_degree()``
``weighted_degree`` undirected   yes      ``G.degree(weight="weight")``
``betweenness``     undirected   no       ``betweenness_centrality(G)``, normalised;
                                          sampled: ``(G, k=samples, seed=seed)``
``closeness``       undirected   no       ``closeness_centrality(G)`` (Wasserman–Faust
                                          scaling for disconnected graphs)
``harmonic``        undirected   no       ``harmonic_centrality(G)``
``eigenvector``     undirected   yes      ``eigenvector_centrality(G, weight="weight")``
``pagerank``        directed     yes      ``pagerank(D, alpha=0.85, weight="weight")``
``constraint``      undirected   yes      ``constraint(G, weight="weight")``; lower
                                          means more brokerage; ``nan`` for isolates
``effective_size``  undirected   no       ``effective_size(G)``; ``nan`` for isolates
``k_core``          undirected   no       ``core_number(G)``
=================== ============ ======== ==============================================

Path-based metrics count hops, not weights: a tie backed by more relations is
not "longer" or "shorter" than another.

Engines
-------
``engine="auto"`` (the default) computes on igraph, through a conversion of
the same projection, and falls back to NetworkX where igraph is not
installed; ``engine="networkx"`` computes with NetworkX itself, the
reference. The two agree within :data:`TOLERANCE` (``1e-6``, absolute) on
every metric; integer metrics are equal. NetworkX's iterative metrics
(eigenvector, PageRank) run here to a tolerance of ``1e-10`` so that the
engines agree; NetworkX's own default (``tol=1e-6``) can stop up to about
``1e-4`` away.

Randomness is always seeded: sampled betweenness draws its sources with
``random.Random(seed).sample`` exactly as NetworkX does, and Louvain
(:func:`communities`) gives the same partition for the same seed.

Examples
--------
>>> import relgraph
>>> from relgraph.analysis import centrality, paths
>>> ds = relgraph.load("graph_data/cuba_iran.yaml")
>>> c = centrality(ds, ["degree", "pagerank"])
>>> [row["id"] for row in c.to_records(sort="degree", top=2)]
['cuba', 'iran']
>>> trail = paths(ds, "Hezbollah", "Venezuela")
>>> print(trail.paths[0])
Hezbollah - Cuba - Iran - Venezuela
"""

from __future__ import annotations

import contextlib
import itertools
import math
import random
import warnings
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import cached_property
from typing import Any, Literal

import networkx as nx

from relgraph.errors import UsageError, did_you_mean
from relgraph.filters import Filter
from relgraph.graph import Weighting, build_graph, project
from relgraph.model import STATUSES, Dataset, Entity, PartialDate, Relation, Source
from relgraph.progress import ProgressCallback, Ticker
from relgraph.resolve import resolve_actor

__all__ = [
    "DEFAULT_METRICS",
    "METRICS",
    "TOLERANCE",
    "Balance",
    "Centrality",
    "Communities",
    "Community",
    "Ego",
    "EgoActor",
    "Engine",
    "Hop",
    "MetricInfo",
    "Network",
    "Path",
    "Paths",
    "Period",
    "Quote",
    "RelationEvidence",
    "Sensitivity",
    "SensitivityRow",
    "SignedTie",
    "Timeline",
    "Triangle",
    "balance",
    "centrality",
    "communities",
    "ego",
    "over_time",
    "paths",
    "resolve_actor",
    "sensitivity",
]

Engine = Literal["auto", "igraph", "networkx"]
Samples = int | None | Literal["auto"]

#: Largest absolute difference allowed between the igraph and NetworkX engines.
TOLERANCE = 1e-6
#: With ``samples="auto"``, betweenness is exact up to this many actors, sampled above.
AUTO_EXACT_ACTORS = 5000
#: With ``samples="auto"`` on a larger network, how many source actors are sampled.
AUTO_SAMPLES = 500
_WEIGHTINGS = ("relations", "evidence", "sources", "unit")
_ALLEGED = ("alleged", "disputed")


@dataclass(frozen=True)
class MetricInfo:
    """What a metric measures and how it is computed (see the module table)."""

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


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------
def _engine(engine: str) -> Literal["igraph", "networkx"]:
    if engine not in ("auto", "igraph", "networkx"):
        raise UsageError(
            f"'{engine}' is not an engine\n  hint: engines are auto, igraph and networkx"
        )
    if engine == "networkx":
        return "networkx"
    try:
        import igraph  # noqa: F401
    except ImportError:
        if engine == "igraph":
            raise UsageError(
                "the igraph engine needs python-igraph, which is not installed\n"
                "  hint: pip install igraph, or use engine='networkx'"
            ) from None
        return "networkx"
    return "igraph"


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


def _clean(value: Any) -> Any:
    """NaN becomes ``None`` so that records are valid JSON."""
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _dataframe(records: list[dict[str, Any]]) -> Any:
    import importlib

    try:
        pd = importlib.import_module("pandas")
    except ImportError:
        raise UsageError(
            "to_dataframe() needs pandas, which is not installed\n"
            "  hint: pip install pandas, or use to_records()"
        ) from None
    return pd.DataFrame.from_records(records)


def _spearman(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Spearman's rank correlation (average ranks for ties); ``None`` if undefined.

    Examples
    --------
    >>> _spearman([1, 2, 3, 4], [10, 20, 30, 40]), _spearman([1, 2, 3], [3, 2, 1])
    (1.0, -1.0)
    """
    n = len(xs)
    if n < 2 or n != len(ys):
        return None

    def ranks(values: Sequence[float]) -> list[float]:
        order = sorted(range(n), key=lambda i: values[i])
        out = [0.0] * n
        i = 0
        while i < n:
            j = i
            while j + 1 < n and values[order[j + 1]] == values[order[i]]:
                j += 1
            for k in range(i, j + 1):
                out[order[k]] = (i + j) / 2 + 1
            i = j + 1
        return out

    rx, ry = ranks(xs), ranks(ys)
    mx, my = sum(rx) / n, sum(ry) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    sxx = sum((a - mx) ** 2 for a in rx)
    syy = sum((b - my) ** 2 for b in ry)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


# ---------------------------------------------------------------------------
# The network: a filtered dataset and its projections, built once
# ---------------------------------------------------------------------------
class Network:
    """A filtered dataset with its projections, built on first use and kept.

    Build one when several analyses look at the same data, so that the
    filtering, the projections and the igraph conversion are done once.

    Parameters
    ----------
    dataset : Dataset
        The loaded dataset; it is not changed.
    filter : Filter, optional
        What counts (default: :class:`Filter()`, everything but denied).
    weight : {"relations", "evidence", "sources", "unit"}
        What an edge's weight counts (see :func:`relgraph.graph.project`).

    Examples
    --------
    >>> import relgraph
    >>> net = Network(relgraph.load("graph_data/cuba_iran.yaml"), weight="evidence")
    >>> net.undirected.is_directed(), net.directed.is_directed()
    (False, True)
    >>> net.actors[:2]
    ('cuba', 'iran')
    """

    def __init__(
        self,
        dataset: Dataset,
        filter: Filter | None = None,
        *,
        weight: Weighting = "relations",
    ) -> None:
        if weight not in _WEIGHTINGS:
            raise UsageError(
                f"'{weight}' is not a weighting\n  hint: weightings are {', '.join(_WEIGHTINGS)}"
            )
        self.original = dataset
        self.filter = filter if filter is not None else Filter()
        self.weight: Weighting = weight
        #: The filtered dataset every analysis of this network looks at.
        self.dataset = self.filter.apply(dataset)
        self._igraphs: dict[bool, Any] = {}

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """The filtered dataset as a ``MultiDiGraph`` (see :func:`relgraph.graph.build_graph`)."""
        return build_graph(self.dataset)

    @cached_property
    def undirected(self) -> nx.Graph:
        """The undirected weighted projection."""
        return project(self.graph, directed=False, weight=self.weight, statuses=STATUSES)

    @cached_property
    def directed(self) -> nx.DiGraph:
        """The directed weighted projection."""
        return project(self.graph, directed=True, weight=self.weight, statuses=STATUSES)

    @cached_property
    def actors(self) -> tuple[str, ...]:
        """Actor ids in the dataset's order: the node order of every projection."""
        return tuple(e.id for e in self.dataset.entities)

    @cached_property
    def names(self) -> tuple[str, ...]:
        """Actor names, in the order of :attr:`actors`."""
        return tuple(e.name for e in self.dataset.entities)

    @cached_property
    def kinds(self) -> tuple[str, ...]:
        """Actor kinds, in the order of :attr:`actors`."""
        return tuple(e.kind for e in self.dataset.entities)

    @cached_property
    def index(self) -> dict[str, int]:
        """Each actor's position in :attr:`actors`."""
        return {a: i for i, a in enumerate(self.actors)}

    @cached_property
    def entities(self) -> dict[str, Entity]:
        """The actors of the filtered dataset by id."""
        return {e.id: e for e in self.dataset.entities}

    @cached_property
    def sources(self) -> dict[str, Source]:
        """Every source of the dataset by id (those a filter dropped too, for citing)."""
        return {s.id: s for s in self.original.sources}

    @cached_property
    def relations(self) -> dict[str, Relation]:
        """The relations of the filtered dataset by id."""
        return {r.id: r for r in self.dataset.relations}

    def projection(self, directed: bool) -> nx.Graph:
        """The directed or the undirected projection."""
        return self.directed if directed else self.undirected

    def igraph(self, directed: bool) -> Any:
        """The projection as an ``igraph.Graph``: vertex ``i`` is ``actors[i]``, with ``weight``.

        It holds the same weighted edges as :attr:`undirected` or
        :attr:`directed` (tested), but is built straight from the relations,
        without the NetworkX graphs, which is several times faster.
        """
        if directed not in self._igraphs:
            import igraph as ig

            edges, weights = self._pairs(directed)
            out = ig.Graph(n=len(self.actors), edges=edges, directed=directed)
            out.es["weight"] = weights
            self._igraphs[directed] = out
        return self._igraphs[directed]

    def _pairs(self, directed: bool) -> tuple[list[tuple[int, int]], list[float]]:
        """Projected edges and weights, computed as :func:`relgraph.graph.project` does."""
        one_way = {t.id: t.directed for t in self.dataset.vocabulary.relation_types.values()}
        index = self.index
        by_evidence = self.weight == "evidence"
        by_sources = self.weight == "sources"
        total: dict[tuple[int, int], float] = {}
        sources: dict[tuple[int, int], set[str]] = {}
        for r in self.dataset.relations:
            u, v = index[r.source], index[r.target]
            if directed:
                pairs: tuple[tuple[int, int], ...] = (
                    ((u, v),) if one_way[r.type] else ((u, v), (v, u))
                )
            else:
                pairs = ((u, v) if u < v else (v, u),)
            w = float(len(r.evidence)) if by_evidence else 1.0
            for p in pairs:
                total[p] = total.get(p, 0.0) + w
                if by_sources:
                    sources.setdefault(p, set()).update(e.source for e in r.evidence)
        edges = list(total)
        if by_sources:
            return edges, [float(len(sources[p])) for p in edges]
        if self.weight == "unit":
            return edges, [1.0] * len(edges)
        return edges, list(total.values())


def _network(data: Dataset | Network, filter: Filter | None, weight: Weighting) -> Network:
    if isinstance(data, Network):
        if filter is not None:
            raise UsageError(
                "a Network is already filtered; give the filter when building the Network"
            )
        return data
    return Network(data, filter, weight=weight)


# ---------------------------------------------------------------------------
# Centrality
# ---------------------------------------------------------------------------
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
    ('cuba', 1, 11)
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

        def key(i: int) -> tuple[bool, float, str, str]:
            v = column[i]
            missing = math.isnan(v)
            return (missing, 0.0 if missing else sign * v, self.names[i].casefold(), self.actors[i])

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


@contextlib.contextmanager
def seeded_igraph(seed: int) -> Iterator[None]:
    """Give igraph a seeded random number generator, and its default back afterwards.

    igraph draws random numbers from the generator it is given, Python's
    ``random`` module by default: Louvain, Fruchterman-Reingold and ARPACK's
    start vector (eigenvector centrality) all do. A generator of our own makes
    results reproducible and leaves ``random``'s state alone. igraph's
    generator is process-wide: do not run this alongside other igraph work in
    another thread.

    Examples
    --------
    >>> import random
    >>> state = random.getstate()
    >>> with seeded_igraph(1):
    ...     pass
    >>> random.getstate() == state
    True
    """
    import igraph

    igraph.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        igraph.set_random_number_generator(random)


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
    weight : {"relations", "evidence", "sources", "unit"}
        What an edge's weight counts.
    engine : {"auto", "igraph", "networkx"}
        Where to compute (see the module docs).
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
        For an unknown metric, engine, weighting or sample size.

    Examples
    --------
    >>> import relgraph
    >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
    >>> c = centrality(ds, ["degree", "betweenness"])
    >>> c.value("cuba", "degree"), round(c.value("cuba", "betweenness"), 4)
    (11, 0.2895)
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


# ---------------------------------------------------------------------------
# Sensitivity to allegations
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class SensitivityRow:
    """One actor's value and rank with and without allegations.

    ``change`` is ``rank_without - rank_with``: positive when the actor ranks
    higher once allegations count, i.e. how many places allegations lift it.
    """

    id: str
    name: str
    kind: str
    value_with: float
    rank_with: int
    value_without: float
    rank_without: int
    change: int


@dataclass(frozen=True)
class Sensitivity:
    """The same ranking with and without alleged and disputed relations.

    Attributes
    ----------
    metric : str
        The metric ranked.
    rows : tuple of SensitivityRow
        Every actor, by rank with allegations.
    relations_with, relations_without : int
        Relations counted in each picture.
    allegations : int
        Alleged or disputed relations among ``relations_with``.
    spearman : float or None
        Rank correlation of the two pictures' values (1: same order).
    only_alleged : tuple of str
        Actors tied in only by allegations: they have ties with, none without.
    """

    metric: str
    rows: tuple[SensitivityRow, ...]
    relations_with: int
    relations_without: int
    allegations: int
    spearman: float | None
    only_alleged: tuple[str, ...]
    filter: Filter = field(default_factory=Filter)

    @property
    def moved(self) -> tuple[SensitivityRow, ...]:
        """Rows whose rank changes, biggest move first."""
        rows = [r for r in self.rows if r.change]
        return tuple(sorted(rows, key=lambda r: (-abs(r.change), r.rank_with, r.id)))

    def to_records(self, top: int | None = None) -> list[dict[str, Any]]:
        """One dict per actor, by rank with allegations."""
        rows = self.rows if top is None else self.rows[: max(top, 0)]
        return [{k: _clean(v) for k, v in asdict(r).items()} for r in rows]

    def to_dict(self, top: int | None = None) -> dict[str, Any]:
        """The comparison with its summary, JSON-ready."""
        return {
            "metric": self.metric,
            "relations_with": self.relations_with,
            "relations_without": self.relations_without,
            "allegations": self.allegations,
            "spearman": self.spearman,
            "only_alleged": list(self.only_alleged),
            "filter": self.filter.as_dict(),
            "actors": self.to_records(top),
        }

    def to_dataframe(self) -> Any:
        """A pandas ``DataFrame`` of :meth:`to_records` (needs pandas)."""
        return _dataframe(self.to_records())


def sensitivity(
    data: Dataset | Network,
    metric: str = "pagerank",
    *,
    filter: Filter | None = None,
    weight: Weighting = "relations",
    engine: Engine = "auto",
    samples: Samples = "auto",
    seed: int = 0,
    progress: ProgressCallback | None = None,
) -> Sensitivity:
    """How a ranking changes when alleged and disputed relations are left out.

    The picture *with* allegations is the one ``filter`` gives; the picture
    *without* is the same filter with ``alleged`` and ``disputed`` removed
    from its statuses. Both rank every actor of the first picture. The
    options are :func:`centrality`'s; ``progress(stage, done, total)`` is told
    after each picture (see :mod:`relgraph.progress`).

    Examples
    --------
    >>> import relgraph
    >>> s = sensitivity(relgraph.load("graph_data/cuba_iran.yaml"), "degree")
    >>> s.allegations, s.only_alleged
    (8, ('hamas', 'hezbollah', 'terrorists-in-the-middle-east'))
    >>> row = next(r for r in s.rows if r.id == "hamas")
    >>> (row.value_with, row.value_without)
    (2, 0)
    """
    _metric_names(metric)
    if metric == "all":
        raise UsageError("sensitivity compares one metric; name one")
    if isinstance(data, Network):
        if filter is not None:
            raise UsageError(
                "a Network is already filtered; give the filter when building the Network"
            )
        base, weight, dataset = data.filter, data.weight, data.original
        with_net = data
    else:
        base, dataset = filter if filter is not None else Filter(), data
        with_net = Network(dataset, base, weight=weight)
    without = replace(base, statuses=tuple(s for s in base.statuses if s not in _ALLEGED))
    without_net = Network(dataset, without, weight=weight)
    options: dict[str, Any] = {"engine": engine, "samples": samples, "seed": seed}
    tick = Ticker(progress, f"ranking by {metric} with and without allegations", total=2)
    a = centrality(with_net, [metric], **options)
    tick.advance()
    b = centrality(without_net, [metric], **options)
    tick.finish()
    ranks_a, ranks_b = a.ranks(metric), b.ranks(metric)
    values_b = b.column(metric)
    tied_b: set[str] = set()
    for r in without_net.dataset.relations:
        tied_b.update((r.source, r.target))
    tied_a: set[str] = set()
    for r in with_net.dataset.relations:
        tied_a.update((r.source, r.target))
    rows = []
    for i in a.order(metric):
        actor = a.actors[i]
        rows.append(
            SensitivityRow(
                id=actor,
                name=a.names[i],
                kind=a.kinds[i],
                value_with=a.values[metric][i],
                rank_with=ranks_a[actor],
                value_without=values_b[actor],
                rank_without=ranks_b[actor],
                change=ranks_b[actor] - ranks_a[actor],
            )
        )
    pairs = [
        (r.value_with, r.value_without)
        for r in rows
        if not (math.isnan(r.value_with) or math.isnan(r.value_without))
    ]
    return Sensitivity(
        metric=metric,
        rows=tuple(rows),
        relations_with=len(with_net.dataset.relations),
        relations_without=len(without_net.dataset.relations),
        allegations=sum(r.status in _ALLEGED for r in with_net.dataset.relations),
        spearman=_spearman([p[0] for p in pairs], [p[1] for p in pairs]),
        only_alleged=tuple(sorted(tied_a - tied_b)),
        filter=base,
    )


# ---------------------------------------------------------------------------
# Communities
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Community:
    """One community: its number (1 is the largest) and its actors by id."""

    number: int
    actors: tuple[str, ...]

    @property
    def size(self) -> int:
        """How many actors it holds."""
        return len(self.actors)


@dataclass(frozen=True)
class Communities:
    """A Louvain partition of the undirected weighted projection.

    Communities are numbered from 1 by size (largest first, ties by their
    first actor id); actors within one are sorted by id. ``modularity`` is
    the partition's weighted modularity at ``resolution``.
    """

    communities: tuple[Community, ...]
    modularity: float
    names: dict[str, str]
    engine: str
    seed: int
    resolution: float
    weight: str
    filter: Filter = field(default_factory=Filter)

    @property
    def membership(self) -> dict[str, int]:
        """``{actor id: community number}``."""
        return {a: c.number for c in self.communities for a in c.actors}

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per actor: community, id, name."""
        return [
            {"community": c.number, "id": a, "name": self.names[a]}
            for c in self.communities
            for a in c.actors
        ]

    def to_dict(self) -> dict[str, Any]:
        """The partition with how it was computed, JSON-ready."""
        return {
            "modularity": self.modularity,
            "engine": self.engine,
            "seed": self.seed,
            "resolution": self.resolution,
            "weight": self.weight,
            "filter": self.filter.as_dict(),
            "communities": [
                {"number": c.number, "size": c.size, "actors": list(c.actors)}
                for c in self.communities
            ],
        }

    def to_dataframe(self) -> Any:
        """A pandas ``DataFrame`` of :meth:`to_records` (needs pandas)."""
        return _dataframe(self.to_records())


def communities(
    data: Dataset | Network,
    *,
    filter: Filter | None = None,
    weight: Weighting = "relations",
    engine: Engine = "auto",
    seed: int = 0,
    resolution: float = 1.0,
    progress: ProgressCallback | None = None,
) -> Communities:
    """Louvain communities of the undirected weighted projection, reproducibly.

    The same seed gives the same partition. On igraph the seed drives
    ``community_multilevel`` through ``igraph.set_random_number_generator``
    for the call; igraph is then handed back Python's :mod:`random` module
    (its default generator). On NetworkX it is ``louvain_communities(seed=)``.
    The two engines may find different partitions of similar modularity.
    ``progress(stage, done, total)`` is told when the search starts and ends
    (see :mod:`relgraph.progress`).

    Examples
    --------
    >>> import relgraph
    >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
    >>> first = communities(ds, seed=1)
    >>> first == communities(ds, seed=1)
    True
    >>> first.membership["hamas"] == first.membership["cuba"]
    True
    >>> 0 < first.modularity < 1
    True
    """
    net = _network(data, filter, weight)
    chosen = _engine(engine)
    tick = Ticker(progress, "finding communities", total=1)
    g = net.undirected
    groups: list[list[str]]
    if not g.number_of_edges():
        groups = [[a] for a in net.actors]
        modularity = 0.0
    elif chosen == "igraph":
        h = net.igraph(False)
        with seeded_igraph(seed):
            membership = h.community_multilevel(weights="weight", resolution=resolution).membership
        modularity = h.modularity(membership, weights="weight", resolution=resolution)
        by: dict[int, list[str]] = {}
        for i, m in enumerate(membership):
            by.setdefault(m, []).append(net.actors[i])
        groups = list(by.values())
    else:
        found = nx.community.louvain_communities(
            g, weight="weight", resolution=resolution, seed=seed
        )
        groups = [list(c) for c in found]
        modularity = nx.community.modularity(g, found, weight="weight", resolution=resolution)
    ordered = sorted((tuple(sorted(c)) for c in groups), key=lambda c: (-len(c), c[0]))
    tick.finish()
    return Communities(
        communities=tuple(Community(i, c) for i, c in enumerate(ordered, start=1)),
        modularity=float(modularity),
        names={e.id: e.name for e in net.dataset.entities},
        engine=chosen,
        seed=seed,
        resolution=resolution,
        weight=net.weight,
        filter=net.filter,
    )


# ---------------------------------------------------------------------------
# Evidence records shared by paths, ego networks and signed structure
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Quote:
    """One evidence item as a reader needs it: the words and who says so."""

    quote: str
    source: str
    source_title: str
    reliability: str
    credibility: int | None
    attributed_to: str | None


@dataclass(frozen=True)
class RelationEvidence:
    """A relation seen from one of its ends, with its evidence.

    ``direction`` says how the relation runs as read from ``from_actor``:
    ``"forward"`` (from it), ``"backward"`` (towards it) or ``"undirected"``;
    ``reading`` is the sentence read that way ("Hezbollah keeps a base in
    Cuba"). ``date``, ``start`` and ``end`` are ISO text at the precision the
    source gives, or ``None``.
    """

    id: str
    type: str
    category: str
    source: str
    target: str
    from_actor: str
    direction: Literal["forward", "backward", "undirected"]
    reading: str
    status: str
    sign: str
    date: str | None
    start: str | None
    end: str | None
    quotes: tuple[Quote, ...]

    @property
    def alleged(self) -> bool:
        """True when the relation is alleged or disputed."""
        return self.status in _ALLEGED

    @property
    def when(self) -> str | None:
        """The date or period as a reader writes it, if any."""
        if self.date:
            return self.date
        if self.start and self.end:
            return f"{self.start} to {self.end}"
        if self.start:
            return f"from {self.start}"
        if self.end:
            return f"until {self.end}"
        return None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, quotes included."""
        out = asdict(self)
        out["alleged"] = self.alleged
        return out


def _relation_evidence(net: Network, relation: Relation, from_actor: str) -> RelationEvidence:
    t = net.dataset.vocabulary.relation_types[relation.type]
    names = net.entities
    other = relation.target if relation.source == from_actor else relation.source
    if not t.directed:
        direction: Literal["forward", "backward", "undirected"] = "undirected"
        label = t.label
    elif relation.source == from_actor:
        direction, label = "forward", t.label
    else:
        direction, label = "backward", t.inverse_label
    sources = net.sources
    quotes = tuple(
        Quote(
            quote=e.quote,
            source=e.source,
            source_title=sources[e.source].title if e.source in sources else e.source,
            reliability=sources[e.source].reliability if e.source in sources else "F",
            credibility=e.credibility,
            attributed_to=e.attributed_to,
        )
        for e in relation.evidence
    )
    return RelationEvidence(
        id=relation.id,
        type=relation.type,
        category=t.category,
        source=relation.source,
        target=relation.target,
        from_actor=from_actor,
        direction=direction,
        reading=f"{names[from_actor].name} {label} {names[other].name}",
        status=relation.status,
        sign=relation.sign,
        date=str(relation.date) if relation.date else None,
        start=str(relation.start) if relation.start else None,
        end=str(relation.end) if relation.end else None,
        quotes=quotes,
    )


def _between(net: Network, a: str, b: str, directed: bool) -> list[RelationEvidence]:
    """The relations of the projected edge a–b (a→b if directed), read from ``a``."""
    g = net.projection(directed)
    ids = g[a][b]["relations"] if g.has_edge(a, b) else []
    return [_relation_evidence(net, net.relations[i], a) for i in ids]


def _evidence_records(r: RelationEvidence, extra: dict[str, Any]) -> Iterator[dict[str, Any]]:
    base = {
        **extra,
        "relation": r.id,
        "reading": r.reading,
        "type": r.type,
        "direction": r.direction,
        "status": r.status,
        "alleged": r.alleged,
        "when": r.when,
    }
    for q in r.quotes:
        yield {
            **base,
            "quote": q.quote,
            "source": q.source,
            "reliability": q.reliability,
            "credibility": q.credibility,
            "attributed_to": q.attributed_to,
        }


# ---------------------------------------------------------------------------
# Evidence trails
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Hop:
    """One step of a path: from one actor to the next, with every relation between them."""

    source: str
    target: str
    relations: tuple[RelationEvidence, ...]

    @property
    def alleged(self) -> bool:
        """True when every relation of the hop is alleged or disputed."""
        return all(r.alleged for r in self.relations)


@dataclass(frozen=True)
class Path:
    """A chain of actors and the evidence for each hop."""

    actors: tuple[str, ...]
    names: tuple[str, ...]
    hops: tuple[Hop, ...]

    @property
    def length(self) -> int:
        """How many hops."""
        return len(self.hops)

    @property
    def alleged_hops(self) -> int:
        """How many hops rest on allegations only."""
        return sum(h.alleged for h in self.hops)

    def __str__(self) -> str:
        return " - ".join(self.names)


@dataclass(frozen=True)
class Paths:
    """The shortest paths (or the ``k`` shortest) between two actors."""

    source: str
    target: str
    k: int
    directed: bool
    paths: tuple[Path, ...]
    filter: Filter = field(default_factory=Filter)

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per quote of each hop of each path."""
        out: list[dict[str, Any]] = []
        for n, p in enumerate(self.paths, start=1):
            for h, hop in enumerate(p.hops, start=1):
                for r in hop.relations:
                    extra = {"path": n, "hop": h, "from": hop.source, "to": hop.target}
                    out.extend(_evidence_records(r, extra))
        return out

    def to_dict(self) -> dict[str, Any]:
        """Every path with its hops, relations and quotes, JSON-ready."""
        return {
            "source": self.source,
            "target": self.target,
            "k": self.k,
            "directed": self.directed,
            "filter": self.filter.as_dict(),
            "paths": [
                {
                    "actors": list(p.actors),
                    "length": p.length,
                    "alleged_hops": p.alleged_hops,
                    "hops": [
                        {
                            "from": h.source,
                            "to": h.target,
                            "alleged": h.alleged,
                            "relations": [r.to_dict() for r in h.relations],
                        }
                        for h in p.hops
                    ],
                }
                for p in self.paths
            ],
        }

    def to_dataframe(self) -> Any:
        """A pandas ``DataFrame`` of :meth:`to_records` (needs pandas)."""
        return _dataframe(self.to_records())


def paths(
    data: Dataset | Network,
    a: str,
    b: str,
    k: int = 1,
    *,
    filter: Filter | None = None,
    directed: bool = False,
) -> Paths:
    """The ``k`` shortest paths from ``a`` to ``b``, with every hop's evidence.

    Paths count hops on the projection (undirected by default; with
    ``directed=True`` each hop must follow a relation's direction, and
    undirected relations run both ways). Paths of equal length come in a
    stable order. Every relation joining the two ends of a hop is listed,
    read from the hop's first actor, with its status and quotes.

    Parameters
    ----------
    data : Dataset or Network
    a, b : str
        The two actors, by id, name or alias.
    k : int
        How many paths, shortest first.

    Returns
    -------
    Paths
        With no path at all when the two are not connected.

    Raises
    ------
    UsageError
        For an actor that matches nothing or several, ``a`` equal to ``b``,
        or ``k`` below 1.

    Examples
    --------
    >>> import relgraph
    >>> trail = paths(relgraph.load("graph_data/cuba_iran.yaml"), "hezbollah", "Venezuela")
    >>> first = trail.paths[0].hops[0]
    >>> first.alleged, first.relations[0].reading
    (True, 'Hezbollah keeps a base in Cuba')
    """
    net = _network(data, filter, "relations")
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise UsageError(f"k must be a whole number of at least 1, not {k!r}")
    source = resolve_actor(net.dataset, a)
    target = resolve_actor(net.dataset, b)
    if source.id == target.id:
        raise UsageError(f"'{a}' and '{b}' are the same actor ({source.id})")
    g = net.projection(directed)
    found: list[list[str]] = []
    if nx.has_path(g, source.id, target.id):
        for p in nx.shortest_simple_paths(g, source.id, target.id):
            found.append(p)
            if len(found) == k:
                break
    names = net.entities
    out = []
    for p in found:
        hops = tuple(
            Hop(u, v, tuple(_between(net, u, v, directed))) for u, v in itertools.pairwise(p)
        )
        out.append(Path(tuple(p), tuple(names[x].name for x in p), hops))
    return Paths(source.id, target.id, k, directed, tuple(out), net.filter)


# ---------------------------------------------------------------------------
# Ego networks
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class EgoActor:
    """An actor of an ego network and its distance (in hops) from the centre."""

    id: str
    name: str
    kind: str
    distance: int


@dataclass(frozen=True)
class Ego:
    """An actor's neighbourhood: the actors within ``radius`` hops and the relations among them."""

    center: str
    radius: int
    actors: tuple[EgoActor, ...]
    relations: tuple[RelationEvidence, ...]
    filter: Filter = field(default_factory=Filter)

    def dataset(self, dataset: Dataset) -> Dataset:
        """The neighbourhood as a dataset of its own: its actors, the relations among them
        and the claims about them, from ``dataset`` (the one the network was built on).

        Examples
        --------
        >>> import relgraph
        >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
        >>> sub = ego(ds, "hamas").dataset(ds)
        >>> sorted(e.id for e in sub.entities)
        ['cuba', 'hamas', 'iran']
        """
        keep = {a.id for a in self.actors}
        rels = {r.id for r in self.relations}
        return replace(
            dataset,
            entities=tuple(e for e in dataset.entities if e.id in keep),
            relations=tuple(r for r in dataset.relations if r.id in rels),
            claims=tuple(c for c in dataset.claims if c.entity in keep),
        )

    def actor_records(self) -> list[dict[str, Any]]:
        """One dict per actor, nearest first."""
        return [asdict(a) for a in self.actors]

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per relation: id, reading, type, status, date and evidence count."""
        return [
            {
                "relation": r.id,
                "source": r.source,
                "type": r.type,
                "target": r.target,
                "reading": r.reading,
                "status": r.status,
                "alleged": r.alleged,
                "when": r.when,
                "evidence": len(r.quotes),
            }
            for r in self.relations
        ]

    def to_dict(self) -> dict[str, Any]:
        """Actors and relations (with quotes), JSON-ready."""
        return {
            "center": self.center,
            "radius": self.radius,
            "filter": self.filter.as_dict(),
            "actors": self.actor_records(),
            "relations": [r.to_dict() for r in self.relations],
        }

    def to_dataframe(self) -> Any:
        """A pandas ``DataFrame`` of :meth:`to_records` (needs pandas)."""
        return _dataframe(self.to_records())


def ego(
    data: Dataset | Network,
    actor: str,
    radius: int = 1,
    *,
    filter: Filter | None = None,
) -> Ego:
    """The actors within ``radius`` hops of ``actor`` and every relation among them.

    Distances are hops on the undirected projection. Relations are read
    from the end nearer the centre, nearest first.

    Examples
    --------
    >>> import relgraph
    >>> e = ego(relgraph.load("graph_data/cuba_iran.yaml"), "Hezbollah", radius=1)
    >>> [(a.id, a.distance) for a in e.actors]
    [('hezbollah', 0), ('cuba', 1)]
    >>> e.relations[0].reading, e.relations[0].status
    ('Hezbollah keeps a base in Cuba', 'alleged')
    """
    net = _network(data, filter, "relations")
    if isinstance(radius, bool) or not isinstance(radius, int) or radius < 0:
        raise UsageError(f"the radius must be a whole number of at least 0, not {radius!r}")
    center = resolve_actor(net.dataset, actor)
    g = net.undirected
    distance = {center.id: 0}
    queue = deque([center.id])
    while queue:
        u = queue.popleft()
        if distance[u] == radius:
            continue
        for v in g[u]:
            if v not in distance:
                distance[v] = distance[u] + 1
                queue.append(v)
    entities = net.entities
    actors = tuple(
        EgoActor(a, entities[a].name, entities[a].kind, d)
        for a, d in sorted(distance.items(), key=lambda x: (x[1], entities[x[0]].name.casefold()))
    )
    chosen = []
    for r in net.dataset.relations:
        if r.source in distance and r.target in distance:
            near = r.source if distance[r.source] <= distance[r.target] else r.target
            chosen.append((distance[near], r.id, _relation_evidence(net, r, near)))
    chosen.sort(key=lambda x: (x[0], x[1]))
    return Ego(center.id, radius, actors, tuple(c[2] for c in chosen), net.filter)


# ---------------------------------------------------------------------------
# Signed structure
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class SignedTie:
    """A pair of actors on the signed projection, its sign (+1 or -1) and its relations."""

    a: str
    b: str
    sign: int
    relations: tuple[RelationEvidence, ...]


@dataclass(frozen=True)
class Triangle:
    """Three actors tied pairwise on the signed projection."""

    actors: tuple[str, str, str]
    ties: tuple[SignedTie, SignedTie, SignedTie]

    @property
    def signs(self) -> str:
        """The signs sorted, e.g. ``"++-"``."""
        return "".join(sorted("+" if t.sign > 0 else "-" for t in self.ties))

    @property
    def balanced(self) -> bool:
        """True when the product of the signs is positive (``+++`` or ``+--``)."""
        return self.signs in ("+++", "+--")


@dataclass(frozen=True)
class Balance:
    """Structural balance of the signed projection.

    Attributes
    ----------
    census : dict of str to int
        Triangles by signs: ``"+++"`` and ``"+--"`` are balanced, ``"++-"``
        and ``"---"`` unbalanced.
    unbalanced : tuple of Triangle
        Every unbalanced triangle with the evidence for its ties.
    blocs : tuple of two tuples of str
        A two-bloc partition of the actors with signed ties that minimises
        frustration. Each connected part is placed on its own; within a part
        bloc 1 holds its most tied actor, and across parts the two labels
        carry no meaning.
    frustration : int
        How many ties the partition frustrates: positive ties across the
        blocs plus negative ties within one.
    frustrated : tuple of SignedTie
        Those ties, with their evidence.
    method : str
        ``"exact"`` when every part was searched exhaustively (parts up to
        ``exact_limit`` actors), else ``"local search"`` (seeded; the count is
        then an upper bound).
    unplaced : tuple of str
        Actors with no signed tie (only neutral or mixed relations).
    """

    census: dict[str, int]
    unbalanced: tuple[Triangle, ...]
    blocs: tuple[tuple[str, ...], tuple[str, ...]]
    frustration: int
    frustrated: tuple[SignedTie, ...]
    method: str
    unplaced: tuple[str, ...]
    positive: int
    negative: int
    names: dict[str, str]
    filter: Filter = field(default_factory=Filter)

    @property
    def balanced_count(self) -> int:
        """How many triangles are balanced."""
        return self.census["+++"] + self.census["+--"]

    @property
    def unbalanced_count(self) -> int:
        """How many triangles are unbalanced."""
        return self.census["++-"] + self.census["---"]

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per placed actor: bloc (1 or 2), id, name."""
        return [
            {"bloc": n, "id": a, "name": self.names[a]}
            for n, bloc in enumerate(self.blocs, start=1)
            for a in bloc
        ]

    def triangle_records(self) -> list[dict[str, Any]]:
        """One dict per quote of each tie of each unbalanced triangle."""
        out: list[dict[str, Any]] = []
        for n, t in enumerate(self.unbalanced, start=1):
            for tie in t.ties:
                for r in tie.relations:
                    extra = {
                        "triangle": n,
                        "signs": t.signs,
                        "a": tie.a,
                        "b": tie.b,
                        "sign": tie.sign,
                    }
                    out.extend(_evidence_records(r, extra))
        return out

    def to_dict(self) -> dict[str, Any]:
        """Everything, JSON-ready."""

        def tie(t: SignedTie) -> dict[str, Any]:
            return {
                "a": t.a,
                "b": t.b,
                "sign": t.sign,
                "relations": [r.to_dict() for r in t.relations],
            }

        return {
            "positive_ties": self.positive,
            "negative_ties": self.negative,
            "census": dict(self.census),
            "balanced": self.balanced_count,
            "unbalanced": self.unbalanced_count,
            "unbalanced_triangles": [
                {"actors": list(t.actors), "signs": t.signs, "ties": [tie(x) for x in t.ties]}
                for t in self.unbalanced
            ],
            "blocs": [list(b) for b in self.blocs],
            "frustration": self.frustration,
            "frustrated": [tie(t) for t in self.frustrated],
            "method": self.method,
            "unplaced": list(self.unplaced),
            "filter": self.filter.as_dict(),
        }

    def to_dataframe(self) -> Any:
        """A pandas ``DataFrame`` of :meth:`to_records` (needs pandas)."""
        return _dataframe(self.to_records())


def _conflicts(v: int, side: int, adj: list[dict[int, int]], bloc: list[int]) -> int:
    """Frustrated ties between ``v`` (placed on ``side``) and the placed actors."""
    c = 0
    for u, s in adj[v].items():
        b = bloc[u]
        if b < 0:
            continue
        if (s > 0) != (b == side):
            c += 1
    return c


def _frustration(adj: list[dict[int, int]], bloc: list[int], part: Sequence[int]) -> int:
    total = 0
    for v in part:
        for u, s in adj[v].items():
            if u > v and (s > 0) != (bloc[u] == bloc[v]):
                total += 1
    return total


def _local_search(
    adj: list[dict[int, int]], part: list[int], rng: random.Random, restarts: int
) -> tuple[int, dict[int, int]]:
    best_cost, best = -1, {}
    bloc = [-1] * len(adj)
    for attempt in range(max(restarts, 1)):
        for v in part:
            bloc[v] = -1
        root = part[0] if attempt == 0 else rng.choice(part)
        bloc[root] = 0
        queue = deque([root])
        while queue:  # place each actor as its tie to an already placed one says
            u = queue.popleft()
            for v, s in adj[u].items():
                if bloc[v] < 0:
                    bloc[v] = bloc[u] if s > 0 else 1 - bloc[u]
                    queue.append(v)
        improved = True
        order = list(part)
        while improved:
            improved = False
            rng.shuffle(order)
            for v in order:
                stay = _conflicts(v, bloc[v], adj, bloc)
                move = _conflicts(v, 1 - bloc[v], adj, bloc)
                if move < stay:
                    bloc[v] = 1 - bloc[v]
                    improved = True
        cost = _frustration(adj, bloc, part)
        if best_cost < 0 or cost < best_cost:
            best_cost, best = cost, {v: bloc[v] for v in part}
    return best_cost, best


def _exact(
    adj: list[dict[int, int]], part: list[int], bound: int, start: dict[int, int]
) -> tuple[int, dict[int, int]]:
    """Branch and bound over the part's actors, seeded with a known partition."""
    best_cost, best = bound, dict(start)
    order = [part[0]]
    seen = {part[0]}
    for u in order:  # breadth-first, so every later actor has a placed neighbour
        for v in sorted(adj[u]):
            if v not in seen:
                seen.add(v)
                order.append(v)
    bloc = [-1] * len(adj)
    n = len(order)

    def lower_bound(i: int) -> int:
        return sum(min(_conflicts(v, 0, adj, bloc), _conflicts(v, 1, adj, bloc)) for v in order[i:])

    def search(i: int, cost: int) -> None:
        nonlocal best_cost, best
        if cost >= best_cost:
            return
        if i == n:
            best_cost, best = cost, {v: bloc[v] for v in order}
            return
        if cost + lower_bound(i) >= best_cost:
            return
        v = order[i]
        sides = (0,) if i == 0 else (0, 1)
        options = sorted((_conflicts(v, s, adj, bloc), s) for s in sides)
        for extra, side in options:
            bloc[v] = side
            search(i + 1, cost + extra)
            bloc[v] = -1

    search(0, 0)
    return best_cost, best


def balance(
    data: Dataset | Network,
    *,
    filter: Filter | None = None,
    exact_limit: int = 24,
    seed: int = 0,
    restarts: int = 20,
    progress: ProgressCallback | None = None,
) -> Balance:
    """Balanced and unbalanced triangles, and the two blocs that frustrate fewest ties.

    The signed projection is the undirected projection with each pair's sign:
    +1 when its cooperative relations outnumber its hostile ones, -1 when the
    hostile ones do; pairs with only neutral relations, or as many of each
    sign, have no sign and are left out. Each tie counts once, however many
    relations back it.

    Parameters
    ----------
    data : Dataset or Network
    filter : Filter, optional
    exact_limit : int
        Connected parts of up to this many actors are partitioned by exact
        search (branch and bound); larger ones by seeded local search.
    seed, restarts : int
        The local search's seed and number of restarts.
    progress : callable, optional
        ``progress(stage, done, total)``, told when the work starts and ends
        (see :mod:`relgraph.progress`).

    Examples
    --------
    >>> import relgraph
    >>> b = balance(relgraph.load("graph_data/cuba_iran.yaml"))
    >>> b.census["+++"] >= 1, b.method
    (True, 'exact')
    """
    tick = Ticker(progress, "weighing signed ties", total=1)
    net = _network(data, filter, "relations")
    g = net.undirected
    index = net.index
    actors = net.actors
    adj: list[dict[int, int]] = [{} for _ in actors]
    ties: dict[tuple[int, int], list[str]] = {}
    positive = negative = 0
    for u, v, d in g.edges(data=True):
        s = d.get("sign", 0)
        if not s:
            continue
        i, j = index[u], index[v]
        adj[i][j] = adj[j][i] = s
        ties[(min(i, j), max(i, j))] = d["relations"]
        positive += s > 0
        negative += s < 0

    def tie(i: int, j: int) -> SignedTie:
        a, b = (i, j) if i < j else (j, i)
        rels = tuple(_relation_evidence(net, net.relations[r], actors[a]) for r in ties[(a, b)])
        return SignedTie(actors[a], actors[b], adj[a][b], rels)

    census = {"+++": 0, "++-": 0, "+--": 0, "---": 0}
    unbalanced: list[Triangle] = []
    for u in range(len(actors)):
        higher = [v for v in adj[u] if v > u]
        for x, v in enumerate(higher):
            for w in higher[x + 1 :]:
                if w in adj[v]:
                    signs = (adj[u][v], adj[v][w], adj[u][w])
                    key = "".join(sorted("+" if s > 0 else "-" for s in signs))
                    census[key] += 1
                    if key in ("++-", "---"):
                        a, b, c = sorted((u, v, w))
                        unbalanced.append(
                            Triangle(
                                (actors[a], actors[b], actors[c]), (tie(a, b), tie(b, c), tie(a, c))
                            )
                        )
    unbalanced.sort(key=lambda t: t.actors)

    # parts: connected components of the signed graph
    placed = [i for i in range(len(actors)) if adj[i]]
    seen: set[int] = set()
    rng = random.Random(seed)
    blocs: dict[int, int] = {}
    method = "exact"
    for root in sorted(placed, key=lambda i: (-len(adj[i]), actors[i])):
        if root in seen:
            continue
        part = [root]
        seen.add(root)
        for u in part:
            for v in adj[u]:
                if v not in seen:
                    seen.add(v)
                    part.append(v)
        cost, found = _local_search(adj, part, rng, restarts)
        if len(part) <= exact_limit and cost > 0:
            cost, found = _exact(adj, part, cost, found)
        elif len(part) > exact_limit:
            method = "local search"
        flip = found[root] != 0  # the most tied actor of the part goes to bloc 1
        blocs.update({v: side ^ flip for v, side in found.items()})
    frustrated = [tie(i, j) for (i, j) in sorted(ties) if (adj[i][j] > 0) != (blocs[i] == blocs[j])]
    first = tuple(sorted(actors[v] for v, s in blocs.items() if s == 0))
    second = tuple(sorted(actors[v] for v, s in blocs.items() if s == 1))
    tick.finish()
    return Balance(
        census=census,
        unbalanced=tuple(unbalanced),
        blocs=(first, second),
        frustration=len(frustrated),
        frustrated=tuple(frustrated),
        method=method,
        unplaced=tuple(sorted(a for i, a in enumerate(actors) if not adj[i])),
        positive=positive,
        negative=negative,
        names={e.id: e.name for e in net.dataset.entities},
        filter=net.filter,
    )


# ---------------------------------------------------------------------------
# Time
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Period:
    """One period: its relations and the metrics of the network they make.

    ``relations`` counts the relations that cover the period (with
    ``cumulative``, that hold as of it); ``new`` those whose earliest
    possible date falls in it; ``actors`` the actors with at least one of them.
    """

    label: str
    start: str
    end: str
    relations: int
    new: int
    actors: int
    centrality: Centrality


@dataclass(frozen=True)
class Timeline:
    """Relations and metrics period by period.

    Only dated relations take part; ``undated`` counts those left out.
    """

    by: str
    cumulative: bool
    periods: tuple[Period, ...]
    undated: int
    metrics: tuple[str, ...]
    filter: Filter = field(default_factory=Filter)

    def period_records(self) -> list[dict[str, Any]]:
        """One dict per period: label, start, end, relations, new, actors."""
        return [
            {
                "period": p.label,
                "start": p.start,
                "end": p.end,
                "relations": p.relations,
                "new": p.new,
                "actors": p.actors,
            }
            for p in self.periods
        ]

    def to_records(self, sort: str | None = None, top: int | None = None) -> list[dict[str, Any]]:
        """One dict per period and actor with ties in it, best first within a period."""
        out: list[dict[str, Any]] = []
        for p in self.periods:
            active = _active(p)
            rows = [r for r in p.centrality.to_records(sort) if r["id"] in active]
            if top is not None:
                rows = rows[: max(top, 0)]
            out.extend({"period": p.label, **r} for r in rows)
        return out

    def to_dict(self, sort: str | None = None, top: int | None = None) -> dict[str, Any]:
        """Periods with their actors, JSON-ready."""
        rows = self.to_records(sort, top)
        return {
            "by": self.by,
            "cumulative": self.cumulative,
            "undated": self.undated,
            "metrics": list(self.metrics),
            "filter": self.filter.as_dict(),
            "periods": [
                {**p, "top": [r for r in rows if r["period"] == p["period"]]}
                for p in self.period_records()
            ],
        }

    def to_dataframe(self) -> Any:
        """A pandas ``DataFrame`` of :meth:`to_records` (needs pandas)."""
        return _dataframe(self.to_records())


def _active(p: Period) -> set[str]:
    c = p.centrality
    if "degree" in c.values:
        return {a for a, d in zip(c.actors, c.values["degree"], strict=True) if d}
    return set(c.actors)


def _periods(first: PartialDate, last: PartialDate, by: str) -> list[PartialDate]:
    out: list[PartialDate] = []
    if by == "year":
        return [PartialDate(y) for y in range(first.year, last.year + 1)]
    y, m = first.year, first.month or 1
    end = (last.year, last.month or 12)
    while (y, m) <= end:
        out.append(PartialDate(y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def over_time(
    data: Dataset | Network,
    by: Literal["year", "month"] = "year",
    metrics: Iterable[str] | str | None = ("degree",),
    *,
    filter: Filter | None = None,
    cumulative: bool = False,
    weight: Weighting = "relations",
    engine: Engine = "auto",
    samples: Samples = "auto",
    seed: int = 0,
    progress: ProgressCallback | None = None,
) -> Timeline:
    """Relations per period, and centrality of the network each period makes.

    Periods run from the first to the last date of the filtered relations.
    A period's network holds the relations whose dates overlap it, or with
    ``cumulative=True`` those that hold as of it (see ``Filter.as_of``), so
    that ties are seen to form. Undated relations are left out of every
    period and counted in ``undated``. A period with no relation still
    appears, with zeros. ``progress(stage, done, total)`` is told after each
    period (see :mod:`relgraph.progress`).

    Examples
    --------
    >>> import relgraph
    >>> t = over_time(relgraph.load("graph_data/cuba_iran.yaml"), "year")
    >>> [(p.label, p.relations) for p in t.periods if p.relations]
    [('2006', 1), ('2023', 2)]
    >>> t.undated
    34
    """
    if by not in ("year", "month"):
        raise UsageError(f"'{by}' is not a period\n  hint: periods are year and month")
    names = _metric_names(metrics)
    if "degree" not in names:
        names = ("degree", *names)
    net = _network(data, filter, weight)
    base = net.dataset
    dated = [r for r in base.relations if r.earliest() is not None or r.latest() is not None]
    undated = len(base.relations) - len(dated)
    points: list[str] = []
    for r in dated:
        for d in (r.date, r.start, r.end):
            if d is not None:
                points.extend((d.earliest(), d.latest() if d is not r.start else d.earliest()))
    periods: list[Period] = []
    if points:
        first, last = PartialDate.parse(min(points)), PartialDate.parse(max(points))
        everything = replace(Filter(), statuses=STATUSES)
        spans = _periods(first, last, by)
        tick = Ticker(progress, f"computing {by} by {by}", total=len(spans))
        for period in spans:
            if cumulative:
                f = replace(everything, as_of=period, keep_undated=False)
            else:
                f = replace(everything, date_from=period, date_to=period, keep_undated=False)
            sub = Network(base, f, weight=net.weight)
            lo, hi = period.earliest(), period.latest()
            new = sum(lo <= (r.earliest() or "") <= hi for r in sub.dataset.relations)
            c = centrality(sub, names, engine=engine, samples=samples, seed=seed)
            c = replace(c, filter=net.filter)
            periods.append(
                Period(
                    label=str(period),
                    start=lo,
                    end=hi,
                    relations=len(sub.dataset.relations),
                    new=new,
                    actors=sum(1 for d in c.values["degree"] if d),
                    centrality=c,
                )
            )
            tick.advance()
        tick.finish()
    return Timeline(by, cumulative, tuple(periods), undated, names, net.filter)

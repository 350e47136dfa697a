"""Centrality: the metric registry, the :class:`Centrality` table and its two engines.

The registry (:data:`METRICS`) holds a :class:`MetricInfo` per metric, with
the functions that compute it on igraph and on NetworkX (the reference);
:func:`centrality` fills the table through them, with sampled betweenness
and eigenvector centrality on disconnected graphs.
"""

from __future__ import annotations

import math
import random
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
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
from relgraph.tables import Column, markdown_table, text_table

__all__ = [
    "AUTO_EXACT_ACTORS",
    "AUTO_SAMPLES",
    "DEFAULT_METRICS",
    "METRICS",
    "TOLERANCE",
    "Centrality",
    "IgraphMetric",
    "MetricInfo",
    "NetworkxMetric",
    "centrality",
]

#: Largest absolute difference allowed between the igraph and NetworkX engines.
TOLERANCE = 1e-6
#: With ``samples="auto"``, betweenness is exact up to this many actors, sampled above.
AUTO_EXACT_ACTORS = 5000
#: With ``samples="auto"`` on a larger network, how many source actors are sampled.
AUTO_SAMPLES = 500


#: How an igraph engine computes a metric: ``(network, igraph graph of the metric's
#: projection, betweenness's sampled sources or None)`` to one value per actor, in order.
IgraphMetric = Callable[[Network, Any, "list[str] | None"], tuple[float, ...]]
#: How NetworkX computes a metric: ``(projection, betweenness's sample size or None,
#: seed)`` to ``{actor id: value}``.
NetworkxMetric = Callable[[Any, "int | None", int], Mapping[str, float]]


@dataclass(frozen=True)
class MetricInfo:
    """One metric of the registry: what it measures, and how each engine computes it.

    :data:`METRICS` holds one per metric; :func:`centrality` computes through
    them, ``relgraph analyze --metric`` offers their names and the page
    (:data:`relgraph.rendering.SIZE_METRICS`) sizes its actors by those marked
    ``page``. The table in :mod:`relgraph.analysis` documents each.

    Attributes
    ----------
    name : str
        The metric's name, as :func:`centrality` and ``--metric`` take it.
    description : str
        What it measures, in a few words.
    projection : {"undirected", "directed"}
        The projection it runs on.
    weighted : bool
        Whether it reads the edges' weights.
    ascending : bool
        Whether a lower value ranks first (Burt's constraint).
    integer : bool
        Whether its values are whole numbers.
    label : str
        Its name for a reader (the page's menu).
    costly : bool
        Whether it costs a search from every actor, so that a large page leaves
        it out unless asked for (see :data:`relgraph.rendering.COSTLY_METRICS_UP_TO`).
    page : bool
        Whether the page offers to size its actors by it.
    igraph : callable
        How the igraph engine computes it (see :data:`IgraphMetric`).
    networkx : callable
        How NetworkX, the reference engine, computes it (see :data:`NetworkxMetric`).

    Examples
    --------
    >>> info = METRICS["pagerank"]
    >>> info.label, info.projection, info.weighted
    ('PageRank', 'directed', True)
    >>> [m.name for m in METRICS.values() if m.costly]
    ['closeness', 'harmonic']
    >>> info.as_dict()["description"]
    'ties received from important actors'
    """

    name: str
    description: str
    projection: Literal["undirected", "directed"]
    weighted: bool
    ascending: bool = False
    integer: bool = False
    label: str = ""
    costly: bool = False
    page: bool = False
    igraph: IgraphMetric = field(kw_only=True, compare=False, repr=False)
    networkx: NetworkxMetric = field(kw_only=True, compare=False, repr=False)

    def as_dict(self) -> dict[str, Any]:
        """Return what the metric is, JSON-ready: the fields results carry in ``to_dict()``.

        Returns
        -------
        dict
            ``name``, ``description``, ``projection``, ``weighted``, ``ascending``
            and ``integer``.

        Examples
        --------
        >>> sorted(METRICS["degree"].as_dict())
        ['ascending', 'description', 'integer', 'name', 'projection', 'weighted']
        """
        return {
            "name": self.name,
            "description": self.description,
            "projection": self.projection,
            "weighted": self.weighted,
            "ascending": self.ascending,
            "integer": self.integer,
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
        """``{actor id: value}`` for one metric.

        Parameters
        ----------
        metric : str
            A computed metric.

        Returns
        -------
        dict of str to float
            Each actor's value.

        Examples
        --------
        >>> import relgraph
        >>> c = centrality(relgraph.load("graph_data/cuba_iran.yaml"), ["degree"])
        >>> c.column("degree")["cuba"]
        10
        """
        return dict(zip(self.actors, self._values(metric), strict=True))

    def value(self, actor: str, metric: str) -> float:
        """One actor's value (by id) for one metric.

        Parameters
        ----------
        actor : str
            An actor id of the result.
        metric : str
            A computed metric.

        Returns
        -------
        float
            The value.

        Raises
        ------
        UsageError
            For an actor not in the result or a metric not computed.

        Examples
        --------
        >>> import relgraph
        >>> c = centrality(relgraph.load("graph_data/cuba_iran.yaml"), ["degree"])
        >>> c.value("iran", "degree")
        8
        """
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

        Parameters
        ----------
        metric : str, optional
            A computed metric.

        Returns
        -------
        list of int
            Positions in :attr:`actors`.

        Examples
        --------
        >>> import relgraph
        >>> c = centrality(relgraph.load("graph_data/cuba_iran.yaml"), ["degree"])
        >>> [c.actors[i] for i in c.order()[:2]]
        ['cuba', 'iran']
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
        """``{actor id: rank}``, 1 for the best; equal values share a rank (1, 2, 2, 4).

        Parameters
        ----------
        metric : str, optional
            A computed metric (default: the first).

        Returns
        -------
        dict of str to int
            Each actor's rank.

        Examples
        --------
        >>> import relgraph
        >>> centrality(relgraph.load("graph_data/cuba_iran.yaml"), ["degree"]).ranks()["cuba"]
        1
        """
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

        Returns
        -------
        list of dict
            ``rank``, ``id``, ``name``, ``kind``, then one key per metric.

        Examples
        --------
        >>> import relgraph
        >>> c = centrality(relgraph.load("graph_data/cuba_iran.yaml"), ["degree"])
        >>> c.to_records(top=1)
        [{'rank': 1, 'id': 'cuba', 'name': 'Cuba', 'kind': 'state', 'degree': 10}]
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
        """Return the result with how it was computed, JSON-ready.

        Parameters
        ----------
        sort, top
            As for :meth:`to_records`.

        Returns
        -------
        dict
            The metrics (as :meth:`MetricInfo.as_dict`, with betweenness's
            sample size), the engine, weighting, seed, filter and the actors.

        Examples
        --------
        >>> import relgraph
        >>> d = centrality(relgraph.load("graph_data/cuba_iran.yaml"), ["degree"]).to_dict(top=1)
        >>> [m["name"] for m in d["metrics"]], d["actors"][0]["id"]
        (['degree'], 'cuba')
        """
        return {
            "metrics": [
                {**METRICS[m].as_dict(), "samples": self.samples if m == "betweenness" else None}
                for m in self.metrics
            ],
            "engine": self.engine,
            "weight": self.weight,
            "seed": self.seed,
            "filter": self.filter.as_dict(),
            "actors": self.to_records(sort, top),
        }

    def _columns(self) -> list[Column]:
        head: list[Column] = [("rank", "#"), ("name", "actor"), ("id", "id"), ("kind", "kind")]
        return head + [(m, m) for m in self.metrics]

    def to_text(self, sort: str | None = None, top: int | None = None) -> str:
        """Return the ranking as an aligned text table, best first, as ``relgraph analyze`` prints.

        Parameters
        ----------
        sort : str, optional
            The metric to rank by (default: the first computed).
        top : int, optional
            Show only the first ``top`` actors.

        Returns
        -------
        str
            A header, a rule and a line per actor: rank, name, id, kind and
            each metric (four decimals; whole numbers without).

        Examples
        --------
        >>> import relgraph
        >>> c = centrality(relgraph.load("graph_data/cuba_iran.yaml"), ["degree", "pagerank"])
        >>> print(c.to_text(top=2))
        #  actor  id    kind   degree  pagerank
        -  -----  ----  -----  ------  --------
        1  Cuba   cuba  state      10    0.1786
        2  Iran   iran  state       8    0.1503
        """
        return text_table(self.to_records(sort, top), self._columns())

    def _repr_markdown_(self) -> str:
        """Return what Jupyter shows for the result: its report, :meth:`to_markdown`."""
        return self.to_markdown()

    def to_markdown(self, sort: str | None = None, top: int | None = None) -> str:
        """Return the ranking as a Markdown table, best first, every cell escaped.

        Parameters
        ----------
        sort : str, optional
            The metric to rank by (default: the first computed).
        top : int, optional
            Show only the first ``top`` actors.

        Returns
        -------
        str
            The table, as :meth:`to_text` has it.

        Examples
        --------
        >>> import relgraph
        >>> c = centrality(relgraph.load("graph_data/cuba_iran.yaml"), "degree")
        >>> print(c.to_markdown(top=1))
        | # | actor | id | kind | degree |
        |---:|---|---|---|---:|
        | 1 | Cuba | cuba | state | 10 |
        """
        return markdown_table(self.to_records(sort, top), self._columns())

    def to_dataframe(self) -> Any:
        """Return a pandas ``DataFrame`` of :meth:`to_records` (needs pandas).

        Returns
        -------
        pandas.DataFrame
            One row per actor; pandas must be installed.

        Examples
        --------
        >>> import relgraph
        >>> c = centrality(relgraph.load("graph_data/cuba_iran.yaml"), ["degree"])
        >>> len(c.to_dataframe()) == len(c.actors)
        True
        """
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


def _weights(g: Any) -> str | None:
    return "weight" if g.ecount() else None


# -- igraph: one function per metric, on the igraph graph of its projection ------


def _ig_degree(net: Network, g: Any, sources: list[str] | None) -> tuple[float, ...]:
    return tuple(g.degree())


def _ig_in_degree(net: Network, g: Any, sources: list[str] | None) -> tuple[float, ...]:
    return tuple(g.indegree())


def _ig_out_degree(net: Network, g: Any, sources: list[str] | None) -> tuple[float, ...]:
    return tuple(g.outdegree())


def _ig_weighted_degree(net: Network, g: Any, sources: list[str] | None) -> tuple[float, ...]:
    return tuple(float(x) for x in g.strength(weights=_weights(g)))


def _ig_k_core(net: Network, g: Any, sources: list[str] | None) -> tuple[float, ...]:
    return tuple(g.coreness())


def _ig_betweenness(net: Network, g: Any, sources: list[str] | None) -> tuple[float, ...]:
    n = len(net.actors)
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


def _ig_closeness(net: Network, g: Any, sources: list[str] | None) -> tuple[float, ...]:
    n = len(net.actors)
    if n < 2:
        return _zeros_to(0.0, n)
    size = [0] * n
    for comp in g.connected_components():
        for i in comp:
            size[i] = len(comp)
    raw = g.closeness(mode="all", normalized=True)
    return tuple(0.0 if math.isnan(x) else x * (size[i] - 1) / (n - 1) for i, x in enumerate(raw))


def _ig_harmonic(net: Network, g: Any, sources: list[str] | None) -> tuple[float, ...]:
    return tuple(float(x) for x in g.harmonic_centrality(mode="all", normalized=False))


def _ig_eigenvector(net: Network, g: Any, sources: list[str] | None) -> tuple[float, ...]:
    return _igraph_eigenvector(g)


def _ig_pagerank(net: Network, g: Any, sources: list[str] | None) -> tuple[float, ...]:
    if not len(net.actors):
        return ()
    return tuple(g.pagerank(directed=True, damping=0.85, weights=_weights(g)))


def _ig_constraint(net: Network, g: Any, sources: list[str] | None) -> tuple[float, ...]:
    return tuple(g.constraint(weights=_weights(g)))


def _ig_effective_size(net: Network, g: Any, sources: list[str] | None) -> tuple[float, ...]:
    degree = g.degree()
    local = g.transitivity_local_undirected(mode="zero")
    return tuple(
        math.nan if d == 0 else d - t * (d - 1) for d, t in zip(degree, local, strict=True)
    )


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


# -- NetworkX, the reference: one function per metric, on its projection ---------


def _nx_degree(g: Any, samples: int | None, seed: int) -> Mapping[str, float]:
    return dict(g.degree())


def _nx_in_degree(g: Any, samples: int | None, seed: int) -> Mapping[str, float]:
    return dict(g.in_degree())


def _nx_out_degree(g: Any, samples: int | None, seed: int) -> Mapping[str, float]:
    return dict(g.out_degree())


def _nx_weighted_degree(g: Any, samples: int | None, seed: int) -> Mapping[str, float]:
    return {k: float(v) for k, v in g.degree(weight="weight")}


def _nx_k_core(g: Any, samples: int | None, seed: int) -> Mapping[str, float]:
    return nx.core_number(g)  # type: ignore[no-any-return]


def _nx_betweenness(g: Any, samples: int | None, seed: int) -> Mapping[str, float]:
    return nx.betweenness_centrality(g, k=samples, seed=seed)  # type: ignore[no-any-return]


def _nx_closeness(g: Any, samples: int | None, seed: int) -> Mapping[str, float]:
    return nx.closeness_centrality(g)  # type: ignore[no-any-return]


def _nx_harmonic(g: Any, samples: int | None, seed: int) -> Mapping[str, float]:
    return nx.harmonic_centrality(g)  # type: ignore[no-any-return]


def _nx_eigenvector(g: Any, samples: int | None, seed: int) -> Mapping[str, float]:
    if not len(g):
        return {}
    try:
        return nx.eigenvector_centrality(  # type: ignore[no-any-return]
            g, weight="weight", max_iter=10000, tol=1e-10
        )
    except nx.PowerIterationFailedConvergence:  # pragma: no cover - (A+I) converges
        raise UsageError("eigenvector centrality did not converge on this network") from None


def _nx_pagerank(g: Any, samples: int | None, seed: int) -> Mapping[str, float]:
    if not len(g):
        return {}
    return nx.pagerank(  # type: ignore[no-any-return]
        g, alpha=0.85, weight="weight", tol=1e-10, max_iter=10000
    )


def _nx_constraint(g: Any, samples: int | None, seed: int) -> Mapping[str, float]:
    return nx.constraint(g, weight="weight")  # type: ignore[no-any-return]


def _nx_effective_size(g: Any, samples: int | None, seed: int) -> Mapping[str, float]:
    return nx.effective_size(g)  # type: ignore[no-any-return]


#: Every metric :func:`centrality` computes, in the order the CLI lists them: the
#: registry that :func:`centrality`, ``relgraph analyze --metric`` and the page read.
METRICS: dict[str, MetricInfo] = {
    m.name: m
    for m in (
        MetricInfo(
            "degree",
            "distinct actors tied to the actor",
            "undirected",
            False,
            integer=True,
            label="Degree",
            page=True,
            igraph=_ig_degree,
            networkx=_nx_degree,
        ),
        MetricInfo(
            "in_degree",
            "distinct actors with a tie to the actor",
            "directed",
            False,
            integer=True,
            label="In-degree",
            igraph=_ig_in_degree,
            networkx=_nx_in_degree,
        ),
        MetricInfo(
            "out_degree",
            "distinct actors the actor has a tie to",
            "directed",
            False,
            integer=True,
            label="Out-degree",
            igraph=_ig_out_degree,
            networkx=_nx_out_degree,
        ),
        MetricInfo(
            "weighted_degree",
            "sum of the weights of the actor's ties",
            "undirected",
            True,
            label="Weighted degree",
            page=True,
            igraph=_ig_weighted_degree,
            networkx=_nx_weighted_degree,
        ),
        MetricInfo(
            "betweenness",
            "share of shortest paths through the actor",
            "undirected",
            False,
            label="Betweenness",
            page=True,
            igraph=_ig_betweenness,
            networkx=_nx_betweenness,
        ),
        MetricInfo(
            "closeness",
            "inverse mean distance to the actors it reaches",
            "undirected",
            False,
            label="Closeness",
            costly=True,
            page=True,
            igraph=_ig_closeness,
            networkx=_nx_closeness,
        ),
        MetricInfo(
            "harmonic",
            "sum of inverse distances to every other actor",
            "undirected",
            False,
            label="Harmonic centrality",
            costly=True,
            page=True,
            igraph=_ig_harmonic,
            networkx=_nx_harmonic,
        ),
        MetricInfo(
            "eigenvector",
            "ties to well-tied actors",
            "undirected",
            True,
            label="Eigenvector",
            page=True,
            igraph=_ig_eigenvector,
            networkx=_nx_eigenvector,
        ),
        MetricInfo(
            "pagerank",
            "ties received from important actors",
            "directed",
            True,
            label="PageRank",
            page=True,
            igraph=_ig_pagerank,
            networkx=_nx_pagerank,
        ),
        MetricInfo(
            "constraint",
            "Burt's constraint: low means a broker between others",
            "undirected",
            True,
            ascending=True,
            label="Constraint",
            igraph=_ig_constraint,
            networkx=_nx_constraint,
        ),
        MetricInfo(
            "effective_size",
            "Burt's effective size: non-redundant contacts",
            "undirected",
            False,
            label="Effective size",
            igraph=_ig_effective_size,
            networkx=_nx_effective_size,
        ),
        MetricInfo(
            "k_core",
            "the deepest k-core the actor belongs to",
            "undirected",
            False,
            integer=True,
            label="k-core",
            page=True,
            igraph=_ig_k_core,
            networkx=_nx_k_core,
        ),
    )
}


def _compute(
    net: Network, info: MetricInfo, engine: str, sources: list[str] | None, seed: int
) -> tuple[float, ...]:
    """One metric's values, one per actor in the network's order, on ``engine``."""
    directed = info.projection == "directed"
    if engine == "igraph":
        return info.igraph(net, net.igraph(directed), sources)
    k = None if sources is None else len(sources)
    result = info.networkx(net.projection(directed), k, seed)
    return tuple(result[a] for a in net.actors)


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
        values[name] = _compute(net, METRICS[name], chosen, sources, seed)
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

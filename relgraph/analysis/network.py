"""The network every analysis looks at.

A filtered dataset with its undirected and directed projections and their igraph
conversions, built once on first use and kept.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

import networkx as nx

from relgraph.errors import UsageError
from relgraph.filters import Filter
from relgraph.graph import Weighting, build_graph, project
from relgraph.model import STATUSES, Dataset, Entity, Relation, Source

__all__ = ["Network"]

_WEIGHTINGS = ("relations", "evidence", "sources", "origins", "unit")


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
    weight : {"relations", "evidence", "sources", "origins", "unit"}
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
        """Return the directed or the undirected projection.

        Parameters
        ----------
        directed : bool
            Which of the two.

        Returns
        -------
        networkx.Graph or networkx.DiGraph
            :attr:`directed` or :attr:`undirected`.

        Examples
        --------
        >>> import relgraph
        >>> net = Network(relgraph.load("graph_data/cuba_iran.yaml"))
        >>> net.projection(False) is net.undirected, net.projection(True).is_directed()
        (True, True)
        """
        return self.directed if directed else self.undirected

    def igraph(self, directed: bool) -> Any:
        """Return the projection as an ``igraph.Graph``; vertex ``i`` is ``actors[i]``.

        Edges carry their ``weight``.

        It holds the same weighted edges as :attr:`undirected` or
        :attr:`directed` (tested), but is built straight from the relations,
        without the NetworkX graphs, which is several times faster.

        Parameters
        ----------
        directed : bool
            Which of the two projections.

        Returns
        -------
        igraph.Graph
            Built on first use and kept.

        Examples
        --------
        >>> import relgraph
        >>> net = Network(relgraph.load("graph_data/cuba_iran.yaml"))
        >>> g = net.igraph(False)
        >>> g.vcount() == len(net.actors), g.ecount() == net.undirected.number_of_edges()
        (True, True)
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
        by_origins = self.weight == "origins"
        if by_origins:
            from relgraph.corroboration import independent_origins

            origins = independent_origins(self.dataset)
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
                elif by_origins:
                    sources.setdefault(p, set()).update(origins.supporting(r.evidence))
        edges = list(total)
        if by_sources or by_origins:
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

"""Communities.

A seeded, reproducible Louvain partition of the undirected weighted projection, on
igraph or NetworkX, with its modularity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from relgraph.analysis._common import Engine, _dataframe, _engine, seeded_igraph
from relgraph.analysis.network import Network, _network
from relgraph.filters import Filter
from relgraph.graph import Weighting
from relgraph.model import Dataset
from relgraph.progress import ProgressCallback, Ticker
from relgraph.tables import Column, markdown_table, text_table

__all__ = ["COMMUNITY_NAMES", "Communities", "Community", "communities"]

#: How many names a community's line lists in :meth:`Communities.to_text`.
COMMUNITY_NAMES = 20


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
        """One dict per actor: community, id, name.

        Returns
        -------
        list of dict
            ``community``, ``id`` and ``name``, community by community.

        Examples
        --------
        >>> import relgraph
        >>> communities(relgraph.load("graph_data/cuba_iran.yaml"), seed=1).to_records()[0]
        {'community': 1, 'id': 'cuba', 'name': 'Cuba'}
        """
        return [
            {"community": c.number, "id": a, "name": self.names[a]}
            for c in self.communities
            for a in c.actors
        ]

    def _summary(self, top: int | None, names: int, listed: str, markdown: bool) -> str:
        def some(c: Community) -> str:
            shown = [self.names[a] for a in c.actors[:names]]
            more = c.size - len(shown)
            if more > 0:
                shown.append(f"and {more:,} more ({listed})")
            return ", ".join(shown)

        n = len(self.communities)
        title = (
            f"Louvain communities (seed {self.seed}): {n} communit{'y' if n == 1 else 'ies'}, "
            f"modularity {self.modularity:.4f}"
        )
        rows = [
            {"community": c.number, "size": c.size, "actors": some(c)} for c in self.communities
        ]
        if top is not None:
            rows = rows[:top]
        columns: list[Column] = [("community", "community"), ("size", "size"), ("actors", "actors")]
        table = markdown_table(rows, columns) if markdown else text_table(rows, columns)
        return f"{title}\n\n{table}"

    def to_text(
        self,
        top: int | None = None,
        names: int = COMMUNITY_NAMES,
        listed: str = "to_records() lists them all",
    ) -> str:
        """Return the partition as text: its modularity, then a line per community.

        Parameters
        ----------
        top : int, optional
            Show only the ``top`` largest communities.
        names : int
            How many of a community's names to list; the rest are counted.
        listed : str
            What the count of the rest says lists them all (the command line
            names its ``--format csv``).

        Returns
        -------
        str
            A title with the seed, the number of communities and the
            modularity, a blank line and a table: number, size, names.

        Examples
        --------
        >>> import relgraph
        >>> c = communities(relgraph.load("graph_data/cuba_iran.yaml"), seed=1)
        >>> print(c.to_text(top=1, names=2))
        Louvain communities (seed 1): 7 communities, modularity 0.1087
        <BLANKLINE>
        community  size  actors
        ---------  ----  -----------------------------------------------------
                1    12  Cuba, Gaza, and 10 more (to_records() lists them all)
        """
        return self._summary(top, names, listed, markdown=False)

    def _repr_markdown_(self) -> str:
        """Return what Jupyter shows for the result: its report, :meth:`to_markdown`."""
        return self.to_markdown()

    def to_markdown(
        self,
        top: int | None = None,
        names: int = COMMUNITY_NAMES,
        listed: str = "to_records() lists them all",
    ) -> str:
        """Return the partition as Markdown: the title, then a table of the communities.

        Parameters
        ----------
        top, names, listed
            As for :meth:`to_text`.

        Returns
        -------
        str
            :meth:`to_text`'s report with a Markdown table, names escaped.

        Examples
        --------
        >>> import relgraph
        >>> c = communities(relgraph.load("graph_data/cuba_iran.yaml"), seed=1)
        >>> c.to_markdown().splitlines()[2]
        '| community | size | actors |'
        """
        return self._summary(top, names, listed, markdown=True)

    def to_dict(self) -> dict[str, Any]:
        """Return the partition with how it was computed, JSON-ready.

        Returns
        -------
        dict
            The modularity, how it was computed (engine, seed, resolution, weight,
            filter) and the communities.

        Examples
        --------
        >>> import relgraph
        >>> d = communities(relgraph.load("graph_data/cuba_iran.yaml"), seed=1).to_dict()
        >>> d["seed"], d["engine"], d["communities"][0]["number"]
        (1, 'igraph', 1)
        """
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
        """Return a pandas ``DataFrame`` of :meth:`to_records` (needs pandas).

        Returns
        -------
        pandas.DataFrame
            One row per record; pandas must be installed.

        Examples
        --------
        >>> import relgraph
        >>> c = communities(relgraph.load("graph_data/cuba_iran.yaml"), seed=1)
        >>> len(c.to_dataframe()) == len(c.membership)
        True
        """
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

    Parameters
    ----------
    data : Dataset or Network
        What to analyse; a :class:`~relgraph.analysis.Network` carries its own
        filter and weighting.
    filter : Filter, optional
        What counts (default: everything but denied relations).
    weight : {"relations", "evidence", "sources", "origins", "unit"}
        What an edge's weight counts.
    engine : {"auto", "igraph", "networkx"}
        Where to compute: ``"auto"`` and ``"igraph"`` on igraph, ``"networkx"``
        on NetworkX.
    seed : int
        Seed of the search.
    resolution : float
        Louvain's resolution: above 1 favours smaller communities.
    progress : callable, optional
        ``progress(stage, done, total)``.

    Returns
    -------
    Communities
        The communities, largest first, each actor's membership and the
        partition's modularity.

    Raises
    ------
    UsageError
        For an unknown engine or weighting, a filter given with a Network, or
        engine ``"auto"`` or ``"igraph"`` where python-igraph cannot be imported.

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

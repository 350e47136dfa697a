"""Evidence trails.

The shortest paths (or the ``k`` shortest) between two actors, each hop with every
relation that joins its ends and the evidence for it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from relgraph.analysis._common import _dataframe
from relgraph.analysis.evidence import RelationEvidence, _evidence_records, _relation_evidence
from relgraph.analysis.network import Network, _network
from relgraph.errors import UsageError
from relgraph.filters import Filter
from relgraph.model import Dataset
from relgraph.resolve import resolve_actor
from relgraph.tables import text_writer

__all__ = ["Hop", "Path", "Paths", "paths"]


def _between(net: Network, a: str, b: str, directed: bool) -> list[RelationEvidence]:
    """Return the relations of the projected edge a–b (a→b if directed), read from ``a``."""
    g = net.projection(directed)
    ids = g[a][b]["relations"] if g.has_edge(a, b) else []
    return [_relation_evidence(net, net.relations[i], a) for i in ids]


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
        """Return the path's actors' names joined by dashes."""
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
        """One dict per quote of each hop of each path.

        Returns
        -------
        list of dict
            The path's number, the hop, the relation and one quote with its source.

        Examples
        --------
        >>> import relgraph
        >>> found = paths(relgraph.load("graph_data/cuba_iran.yaml"), "hezbollah", "iran")
        >>> row = found.to_records()[0]
        >>> row["path"], row["hop"], row["from"], row["to"], row["source"]
        (1, 1, 'hezbollah', 'cuba', 'deepening-ties')
        """
        out: list[dict[str, Any]] = []
        for n, p in enumerate(self.paths, start=1):
            for h, hop in enumerate(p.hops, start=1):
                for r in hop.relations:
                    extra = {"path": n, "hop": h, "from": hop.source, "to": hop.target}
                    out.extend(_evidence_records(r, extra))
        return out

    def to_dict(self) -> dict[str, Any]:
        """Every path with its hops, relations and quotes, JSON-ready.

        Returns
        -------
        dict
            The two ends, how the paths were searched and the paths.

        Examples
        --------
        >>> import relgraph
        >>> d = paths(relgraph.load("graph_data/cuba_iran.yaml"), "hezbollah", "iran").to_dict()
        >>> d["source"], d["target"], d["paths"][0]["actors"]
        ('hezbollah', 'iran', ['hezbollah', 'cuba', 'iran'])
        """
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

    def _report(self, markdown: bool) -> str:
        md = markdown
        t = text_writer(md)
        blocks = []
        for n, p in enumerate(self.paths, start=1):
            names = dict(zip(p.actors, p.names, strict=True))
            alleged = f", {p.alleged_hops} resting on allegations only" if p.alleged_hops else ""
            head = f"Path {n}: {t(str(p))} ({p.length} hop{'s' * (p.length != 1)}{alleged})"
            lines = [f"## {head}" if md else head]
            for h, hop in enumerate(p.hops, start=1):
                src, dst = t(names[hop.source]), t(names[hop.target])
                if md:
                    lines.append(f"{h}. **{src} -> {dst}**{' (alleged)' if hop.alleged else ''}")
                else:
                    lines.append(f"{h}. {src} -> {dst}{'  ALLEGED' if hop.alleged else ''}")
                for r in hop.relations:
                    lines.append(f"   {'- ' if md else ''}{r.to_text(md)}")
                    lines.extend(r.quote_lines("     ", md))
            blocks.append("\n".join(lines))
        return "\n\n".join(blocks)

    def to_text(self) -> str:
        r"""Return the paths as text, hop by hop, each relation with its quotes.

        Returns
        -------
        str
            What ``relgraph path`` prints: for each path its actors and length,
            then each hop (``ALLEGED`` when it rests on allegations only) with
            its relations and their quotes; paths apart by a blank line. Empty
            when no path was found.

        Examples
        --------
        >>> import relgraph
        >>> found = paths(relgraph.load("graph_data/cuba_iran.yaml"), "Hezbollah", "Venezuela")
        >>> print("\n".join(found.to_text().splitlines()[:3]))
        Path 1: Hezbollah - Cuba - Iran - Venezuela (3 hops, 1 resting on allegations only)
        1. Hezbollah -> Cuba  ALLEGED
           Hezbollah keeps a base in Cuba  [hosts_base; cuba -> hezbollah; ALLEGED; undated]
        """
        return self._report(markdown=False)

    def _repr_markdown_(self) -> str:
        """Return what Jupyter shows for the result: its report, :meth:`to_markdown`."""
        return self.to_markdown()

    def to_markdown(self) -> str:
        """Return the paths as Markdown: a heading per path, hops as a list, quotes as block quotes.

        Returns
        -------
        str
            :meth:`to_text`'s report, data text escaped.

        Examples
        --------
        >>> import relgraph
        >>> found = paths(relgraph.load("graph_data/cuba_iran.yaml"), "Hezbollah", "Venezuela")
        >>> found.to_markdown().splitlines()[1]
        '1. **Hezbollah -> Cuba** (alleged)'
        """
        return self._report(markdown=True)

    def to_dataframe(self) -> Any:
        """Return a pandas ``DataFrame`` of :meth:`to_records` (needs pandas).

        Returns
        -------
        pandas.DataFrame
            One row per record; pandas must be installed.

        Examples
        --------
        >>> import relgraph
        >>> p = paths(relgraph.load("graph_data/cuba_iran.yaml"), "hezbollah", "iran")
        >>> len(p.to_dataframe()) == len(p.to_records())
        True
        """
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
    """Return the ``k`` shortest paths from ``a`` to ``b``, with every hop's evidence.

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

"""Ego networks.

The actors within a number of hops of one actor, and every relation among them with
its evidence, also as a dataset of its own.
"""

from __future__ import annotations

from collections import deque
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from relgraph.analysis._common import _dataframe
from relgraph.analysis.evidence import RelationEvidence, _relation_evidence
from relgraph.analysis.network import Network, _network
from relgraph.collation import sort_key
from relgraph.errors import UsageError
from relgraph.filters import Filter
from relgraph.model import Dataset
from relgraph.resolve import resolve_actor
from relgraph.tables import Column, markdown_table, text_table, text_writer

__all__ = ["Ego", "EgoActor", "ego"]


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
        """Return the neighbourhood as a dataset of its own.

        The dataset holds its actors, the relations among them and the claims about
        them, from ``dataset`` (the one the network was built on).

        Parameters
        ----------
        dataset : Dataset
            The dataset the network was built on.

        Returns
        -------
        Dataset
            A new dataset, with the same vocabulary and sources.

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
        """One dict per actor, nearest first.

        Returns
        -------
        list of dict
            ``id``, ``name``, ``kind`` and ``distance``.

        Examples
        --------
        >>> import relgraph
        >>> ego(relgraph.load("graph_data/cuba_iran.yaml"), "hezbollah").actor_records()[1]
        {'id': 'cuba', 'name': 'Cuba', 'kind': 'state', 'distance': 1}
        """
        return [asdict(a) for a in self.actors]

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per relation: id, reading, type, status, date and evidence count.

        Returns
        -------
        list of dict
            One per relation, nearest first.

        Examples
        --------
        >>> import relgraph
        >>> row = ego(relgraph.load("graph_data/cuba_iran.yaml"), "hezbollah").to_records()[0]
        >>> row["relation"], row["status"], row["evidence"]
        ('cuba-hosts-hezbollah-base', 'alleged', 1)
        """
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
        """Actors and relations (with quotes), JSON-ready.

        Returns
        -------
        dict
            The centre, the radius, the filter, the actors and the relations.

        Examples
        --------
        >>> import relgraph
        >>> d = ego(relgraph.load("graph_data/cuba_iran.yaml"), "hezbollah").to_dict()
        >>> d["center"], d["radius"], len(d["actors"]), len(d["relations"])
        ('hezbollah', 1, 2, 1)
        """
        return {
            "center": self.center,
            "radius": self.radius,
            "filter": self.filter.as_dict(),
            "actors": self.actor_records(),
            "relations": [r.to_dict() for r in self.relations],
        }

    def _report(self, quotes: bool, markdown: bool) -> str:
        md = markdown
        center = text_writer(md)(next(a.name for a in self.actors if a.id == self.center))
        n_actors, n_rel = len(self.actors), len(self.relations)
        head = (
            f"Ego network of {center} (radius {self.radius}): {n_actors} "
            f"actor{'s' * (n_actors != 1)}, {n_rel} relation{'s' * (n_rel != 1)}"
        )
        table = markdown_table if md else text_table
        actor_columns: list[Column] = [
            ("distance", "distance"),
            ("name", "actor"),
            ("id", "id"),
            ("kind", "kind"),
        ]
        out = [f"## {head}" if md else head, "", table(self.actor_records(), actor_columns)]
        rows = self.to_records()
        if not rows:
            return "\n".join(out)
        out.append("")
        if not quotes:
            for r in rows:
                if r["alleged"]:
                    r["status"] = r["status"].upper()
            rel_columns: list[Column] = [
                ("reading", "relation"),
                ("status", "status"),
                ("when", "when"),
                ("evidence", "quotes"),
                ("relation", "id"),
            ]
            out.append(table(rows, rel_columns))
            return "\n".join(out)
        for relation in self.relations:
            out.append(f"{'- ' if md else ''}{relation.to_text(md)}")
            out.append("\n".join(relation.quote_lines("    ", md)))
        return "\n".join(out)

    def to_text(self, quotes: bool = False) -> str:
        """Return the neighbourhood as text: its actors, then its relations.

        Parameters
        ----------
        quotes : bool
            List each relation with its quotes instead of a table of relations.

        Returns
        -------
        str
            What ``relgraph ego`` prints: a title with the counts, a table of
            the actors by distance, and a table of the relations (alleged or
            disputed statuses in capitals), or each relation with its quotes.

        Examples
        --------
        >>> import relgraph
        >>> e = ego(relgraph.load("graph_data/cuba_iran.yaml"), "hamas")
        >>> print(e.to_text().splitlines()[0])
        Ego network of Hamas (radius 1): 3 actors, 12 relations
        """
        return self._report(quotes, markdown=False)

    def _repr_markdown_(self) -> str:
        """Return what Jupyter shows for the result: its report, :meth:`to_markdown`."""
        return self.to_markdown()

    def to_markdown(self, quotes: bool = False) -> str:
        """Return the neighbourhood as Markdown: a heading and tables, or quotes as block quotes.

        Parameters
        ----------
        quotes : bool
            As for :meth:`to_text`.

        Returns
        -------
        str
            :meth:`to_text`'s report, data text escaped.

        Examples
        --------
        >>> import relgraph
        >>> e = ego(relgraph.load("graph_data/cuba_iran.yaml"), "hamas")
        >>> e.to_markdown().splitlines()[0]
        '## Ego network of Hamas (radius 1): 3 actors, 12 relations'
        """
        return self._report(quotes, markdown=True)

    def to_dataframe(self) -> Any:
        """Return a pandas ``DataFrame`` of :meth:`to_records` (needs pandas).

        Returns
        -------
        pandas.DataFrame
            One row per record; pandas must be installed.

        Examples
        --------
        >>> import relgraph
        >>> e = ego(relgraph.load("graph_data/cuba_iran.yaml"), "hezbollah")
        >>> len(e.to_dataframe()) == len(e.relations)
        True
        """
        return _dataframe(self.to_records())


def ego(
    data: Dataset | Network,
    actor: str,
    radius: int = 1,
    *,
    filter: Filter | None = None,
) -> Ego:
    """Return the actors within ``radius`` hops of ``actor`` and every relation among them.

    Distances are hops on the undirected projection. Relations are read
    from the end nearer the centre, nearest first.

    Parameters
    ----------
    data : Dataset or Network
        What to look in; a :class:`~relgraph.analysis.Network` carries its own filter.
    actor : str
        The centre: an actor's id, old id or name.
    radius : int
        How many hops out to go (0: the actor alone).
    filter : Filter, optional
        What counts (default: everything but denied relations).

    Returns
    -------
    Ego
        The actors by distance and the relations among them with their evidence.

    Raises
    ------
    UsageError
        For an actor the network does not hold or a radius that is not a whole
        number of at least 0.

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
        for a, d in sorted(distance.items(), key=lambda x: (x[1], sort_key(entities[x[0]].name)))
    )
    chosen = []
    for r in net.dataset.relations:
        if r.source in distance and r.target in distance:
            near = r.source if distance[r.source] <= distance[r.target] else r.target
            chosen.append((distance[near], r.id, _relation_evidence(net, r, near)))
    chosen.sort(key=lambda x: (x[0], x[1]))
    return Ego(center.id, radius, actors, tuple(c[2] for c in chosen), net.filter)

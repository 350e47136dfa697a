"""Signed structure.

The census of balanced and unbalanced triangles of the signed projection, and the
two-bloc partition that frustrates the fewest ties, found by exact search (branch and
bound) on small parts and seeded local search on large ones.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from relgraph.analysis._common import _dataframe
from relgraph.analysis.evidence import RelationEvidence, _evidence_records, _relation_evidence
from relgraph.analysis.network import Network, _network
from relgraph.filters import Filter
from relgraph.model import Dataset
from relgraph.progress import ProgressCallback, Ticker
from relgraph.tables import Column, markdown_table, text_table, text_writer

__all__ = ["Balance", "SignedTie", "Triangle", "balance"]


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
        """One dict per placed actor: bloc (1 or 2), id, name.

        Returns
        -------
        list of dict
            ``bloc``, ``id`` and ``name``.

        Examples
        --------
        >>> import relgraph
        >>> balance(relgraph.load("graph_data/cuba_iran.yaml")).to_records()[0]
        {'bloc': 1, 'id': 'cuba', 'name': 'Cuba'}
        """
        return [
            {"bloc": n, "id": a, "name": self.names[a]}
            for n, bloc in enumerate(self.blocs, start=1)
            for a in bloc
        ]

    def triangle_records(self) -> list[dict[str, Any]]:
        """One dict per quote of each tie of each unbalanced triangle.

        Returns
        -------
        list of dict
            The triangle, the tie, its sign and one quote with its source.

        Examples
        --------
        >>> import relgraph
        >>> balance(relgraph.load("graph_data/cuba_iran.yaml")).triangle_records()  # all balanced
        []
        """
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
        """Everything, JSON-ready.

        Returns
        -------
        dict
            The census, the triangles with their evidence, the blocs and how they
            were found.

        Examples
        --------
        >>> import relgraph
        >>> d = balance(relgraph.load("graph_data/cuba_iran.yaml")).to_dict()
        >>> d["method"], d["unbalanced_triangles"]
        ('exact', [])
        """

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

    def _report(self, markdown: bool) -> str:
        md = markdown
        t = text_writer(md)
        c = self.census
        lines = [
            f"signed ties: {self.positive} positive, {self.negative} negative "
            "(pairs whose relations lean cooperative or hostile)",
            f"triangles: {self.balanced_count} balanced (+++ {c['+++']}, +-- {c['+--']}), "
            f"{self.unbalanced_count} unbalanced (++- {c['++-']}, --- {c['---']})",
            f"two blocs ({self.method}): {self.frustration} frustrated "
            f"tie{'s' * (self.frustration != 1)}",
        ]
        out = ["\n".join(f"- {x}" for x in lines) if md else "\n".join(lines)]
        blocs = [
            {"bloc": n, "size": len(b), "actors": ", ".join(self.names[a] for a in b)}
            for n, b in enumerate(self.blocs, start=1)
        ]
        columns: list[Column] = [("bloc", "bloc"), ("size", "size"), ("actors", "actors")]
        out += ["", markdown_table(blocs, columns) if md else text_table(blocs, columns)]
        if self.unplaced:
            out += ["", "no signed tie: " + ", ".join(t(self.names[a]) for a in self.unplaced)]

        def tie(tie: SignedTie, lead: str) -> None:
            sign = "+" if tie.sign > 0 else "-"
            out.append(f"{lead}{t(self.names[tie.a])} / {t(self.names[tie.b])} ({sign})")
            for r in tie.relations:
                out.append(f"     {r.to_text(md)}")
                out.append("\n".join(r.quote_lines("       ", md)))

        if self.unbalanced:
            out += ["", "## unbalanced triangles" if md else "unbalanced triangles:"]
            for n, triangle in enumerate(self.unbalanced, start=1):
                names = ", ".join(t(self.names[a]) for a in triangle.actors)
                out.append(f"{n}. {names} ({triangle.signs})")
                for one in triangle.ties:
                    tie(one, "   ")
        if self.frustrated:
            out += ["", "## frustrated ties" if md else "frustrated ties:"]
            for n, one in enumerate(self.frustrated, start=1):
                tie(one, f"{n}. ")
        return "\n".join(out)

    def to_text(self) -> str:
        """Return the signed structure as text, each unbalanced triangle with its evidence.

        Returns
        -------
        str
            What ``relgraph analyze --balance`` prints: the signed ties, the
            triangle census, the two blocs as a table, the actors with no signed
            tie, each unbalanced triangle and each frustrated tie with its
            relations and quotes.

        Examples
        --------
        >>> import relgraph
        >>> b = balance(relgraph.load("graph_data/cuba_iran.yaml"))
        >>> print(b.to_text().splitlines()[0])  # doctest: +ELLIPSIS
        signed ties: ... positive, ... negative (pairs whose relations lean cooperative or hostile)
        """
        return self._report(markdown=False)

    def _repr_markdown_(self) -> str:
        """Return what Jupyter shows for the result: its report, :meth:`to_markdown`."""
        return self.to_markdown()

    def to_markdown(self) -> str:
        """Return the signed structure as Markdown: a list, a table and headed sections.

        Returns
        -------
        str
            :meth:`to_text`'s report, data text escaped, quotes as block quotes.

        Examples
        --------
        >>> import relgraph
        >>> b = balance(relgraph.load("graph_data/cuba_iran.yaml"))
        >>> b.to_markdown().startswith("- signed ties: ")
        True
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
        >>> b = balance(relgraph.load("graph_data/cuba_iran.yaml"))
        >>> len(b.to_dataframe()) == len(b.to_records())
        True
        """
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

    Returns
    -------
    Balance
        The triangle census, the triangles, and the two blocs with the ties they
        frustrate.

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

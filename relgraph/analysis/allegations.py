"""Sensitivity to allegations.

One metric's ranking with and without the alleged and disputed relations, actor by
actor, with the rank correlation of the two pictures.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from relgraph.analysis._common import _ALLEGED, Engine, Samples, _clean, _dataframe
from relgraph.analysis.metrics import _metric_names, centrality
from relgraph.analysis.network import Network
from relgraph.errors import UsageError, counted
from relgraph.filters import Filter
from relgraph.graph import Weighting
from relgraph.model import Dataset
from relgraph.progress import ProgressCallback, Ticker
from relgraph.tables import Column, markdown_table, text_table, text_writer

__all__ = ["Sensitivity", "SensitivityRow", "sensitivity"]


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
        """One dict per actor, by rank with allegations.

        Parameters
        ----------
        top : int, optional
            Keep only the first ``top`` actors.

        Returns
        -------
        list of dict
            ``id``, ``name``, ``kind``, the values and ranks with and without, and
            the change.

        Examples
        --------
        >>> import relgraph
        >>> s = sensitivity(relgraph.load("graph_data/cuba_iran.yaml"), "degree")
        >>> s.to_records(top=1)[0]["id"], s.to_records(top=1)[0]["value_without"]
        ('cuba', 6)
        """
        rows = self.rows if top is None else self.rows[: max(top, 0)]
        return [{k: _clean(v) for k, v in asdict(r).items()} for r in rows]

    def to_dict(self, top: int | None = None) -> dict[str, Any]:
        """Return the comparison with its summary, JSON-ready.

        Parameters
        ----------
        top : int, optional
            Keep only the first ``top`` actors.

        Returns
        -------
        dict
            The metric, the counts, the rank correlation and the actors.

        Examples
        --------
        >>> import relgraph
        >>> d = sensitivity(relgraph.load("graph_data/cuba_iran.yaml"), "degree").to_dict(top=1)
        >>> d["metric"], d["allegations"], len(d["actors"])
        ('degree', 9, 1)
        """
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

    def _report(self, top: int | None, markdown: bool) -> str:
        rows = self.to_records(top)
        for r in rows:
            r["change"] = f"+{r['change']}" if r["change"] > 0 else str(r["change"] or "=")
        columns: list[Column] = [
            ("rank_with", "#"),
            ("name", "actor"),
            ("id", "id"),
            ("value_with", f"{self.metric} with"),
            ("value_without", "without"),
            ("rank_without", "rank without"),
            ("change", "change"),
        ]
        rho = "undefined" if self.spearman is None else f"{self.spearman:.3f}"
        share = self.allegations / self.relations_with if self.relations_with else 0.0
        relations = counted(self.relations_with, "relation", "relations")
        lines = [
            f"{self.metric} with and without allegations (alleged or disputed relations)",
            f"allegations: {self.allegations} of {relations} ({share:.0%})",
            f"rank correlation (Spearman): {rho}",
            "tied in only by allegations: "
            + (", ".join(text_writer(markdown)(x) for x in self.only_alleged) or "none"),
            "change: places an actor gains when allegations count (+) or loses (-)",
            "",
        ]
        if markdown:
            head = "\n".join(f"- {x}" if x else "" for x in lines)
            return head + "\n" + markdown_table(rows, columns)
        return "\n".join(lines) + "\n" + text_table(rows, columns)

    def to_text(self, top: int | None = None) -> str:
        """Return the comparison as text: its summary, then a table of the actors.

        Parameters
        ----------
        top : int, optional
            Show only the first ``top`` actors.

        Returns
        -------
        str
            What ``relgraph analyze --sensitivity`` prints: the share of
            allegations, the rank correlation, the actors tied in only by
            allegations, and each actor's value and rank with and without.

        Examples
        --------
        >>> import relgraph
        >>> s = sensitivity(relgraph.load("graph_data/cuba_iran.yaml"), "degree")
        >>> print(s.to_text(top=1))
        degree with and without allegations (alleged or disputed relations)
        allegations: 9 of 31 relations (29%)
        rank correlation (Spearman): 0.694
        tied in only by allegations: gaza, hamas, hezbollah, terrorists-in-the-middle-east
        change: places an actor gains when allegations count (+) or loses (-)
        <BLANKLINE>
        #  actor  id    degree with  without  rank without  change
        -  -----  ----  -----------  -------  ------------  ------
        1  Cuba   cuba           10        6             1  =
        """
        return self._report(top, markdown=False)

    def _repr_markdown_(self) -> str:
        """Return what Jupyter shows for the result: its report, :meth:`to_markdown`."""
        return self.to_markdown()

    def to_markdown(self, top: int | None = None) -> str:
        """Return the comparison as Markdown: its summary as a list, then a table.

        Parameters
        ----------
        top : int, optional
            Show only the first ``top`` actors.

        Returns
        -------
        str
            :meth:`to_text`'s report, every data text escaped.

        Examples
        --------
        >>> import relgraph
        >>> s = sensitivity(relgraph.load("graph_data/cuba_iran.yaml"), "degree")
        >>> s.to_markdown(top=1).splitlines()[0]
        '- degree with and without allegations (alleged or disputed relations)'
        """
        return self._report(top, markdown=True)

    def to_dataframe(self) -> Any:
        """Return a pandas ``DataFrame`` of :meth:`to_records` (needs pandas).

        Returns
        -------
        pandas.DataFrame
            One row per record; pandas must be installed.

        Examples
        --------
        >>> import relgraph
        >>> s = sensitivity(relgraph.load("graph_data/cuba_iran.yaml"), "degree")
        >>> len(s.to_dataframe()) == len(s.rows)
        True
        """
        return _dataframe(self.to_records())


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

    Parameters
    ----------
    data : Dataset or Network
        What to analyse; a :class:`~relgraph.analysis.Network` carries its own
        filter and weighting.
    metric : str
        One name from :data:`~relgraph.analysis.METRICS` (not ``"all"``).
    filter : Filter, optional
        The picture *with* allegations (default: everything but denied relations).
    weight, engine, samples, seed
        As for :func:`~relgraph.analysis.centrality`.
    progress : callable, optional
        ``progress(stage, done, total)``, told after each picture.

    Returns
    -------
    Sensitivity
        Each actor's value and rank in both pictures, and their rank correlation.

    Raises
    ------
    UsageError
        For an unknown metric or ``"all"``, a filter given with a Network, and
        whatever :func:`~relgraph.analysis.centrality` refuses.

    Examples
    --------
    >>> import relgraph
    >>> s = sensitivity(relgraph.load("graph_data/cuba_iran.yaml"), "degree")
    >>> s.allegations, s.only_alleged
    (9, ('gaza', 'hamas', 'hezbollah', 'terrorists-in-the-middle-east'))
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

"""Time.

Relations period by period (years or months), and the centrality of the network each
period makes, over the dated relations only.

Periods read event dates (``date``, ``start``, ``end``) unless the filter reads
report dates (``Filter(dates="reported")``, the command line's ``--by-reported``):
a report's date is not the event's, so a relation dated only by ``reported:`` is
undated here by default, and counted by the year it was reported only when asked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from relgraph.analysis._common import Engine, Samples, _dataframe
from relgraph.analysis.metrics import Centrality, _metric_names, centrality
from relgraph.analysis.network import Network, _network
from relgraph.errors import UsageError
from relgraph.filters import Filter, _reported_span
from relgraph.graph import Weighting
from relgraph.model import STATUSES, Dataset, PartialDate, Relation
from relgraph.progress import ProgressCallback, Ticker
from relgraph.tables import Column, cell, markdown_table, text_table

__all__ = ["Period", "Timeline", "over_time"]


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
    ``dates`` says which dates made the periods: ``"event"`` or ``"reported"``.
    """

    by: str
    cumulative: bool
    periods: tuple[Period, ...]
    undated: int
    metrics: tuple[str, ...]
    filter: Filter = field(default_factory=Filter)
    dates: str = "event"

    def period_records(self) -> list[dict[str, Any]]:
        """One dict per period: label, start, end, relations, new, actors.

        Returns
        -------
        list of dict
            In period order.

        Examples
        --------
        >>> import relgraph
        >>> t = over_time(relgraph.load("graph_data/cuba_iran.yaml"))
        >>> t.period_records()[0]  # doctest: +NORMALIZE_WHITESPACE
        {'period': '2006', 'start': '2006-01-01', 'end': '2006-12-31', 'relations': 1,
         'new': 1, 'actors': 2}
        """
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
        """One dict per period and actor with ties in it, best first within a period.

        Parameters
        ----------
        sort : str, optional
            The metric to order each period's actors by (default: the first).
        top : int, optional
            Keep only the first ``top`` actors of each period.

        Returns
        -------
        list of dict
            The period's label, then the actor's centrality record.

        Examples
        --------
        >>> import relgraph
        >>> t = over_time(relgraph.load("graph_data/cuba_iran.yaml"))
        >>> t.to_records(top=1)[0]
        {'period': '2006', 'rank': 1, 'id': 'cuba', 'name': 'Cuba', 'kind': 'state', 'degree': 1}
        """
        out: list[dict[str, Any]] = []
        for p in self.periods:
            active = _active(p)
            rows = [r for r in p.centrality.to_records(sort) if r["id"] in active]
            if top is not None:
                rows = rows[: max(top, 0)]
            out.extend({"period": p.label, **r} for r in rows)
        return out

    def to_dict(self, sort: str | None = None, top: int | None = None) -> dict[str, Any]:
        """Periods with their actors, JSON-ready.

        Parameters
        ----------
        sort, top
            As for :meth:`to_records`.

        Returns
        -------
        dict
            How the periods were made, and each period with its actors.

        Examples
        --------
        >>> import relgraph
        >>> d = over_time(relgraph.load("graph_data/cuba_iran.yaml")).to_dict(top=1)
        >>> d["by"], d["undated"], d["periods"][0]["top"][0]["id"]
        ('year', 30, 'cuba')
        """
        rows = self.to_records(sort, top)
        return {
            "by": self.by,
            "dates": self.dates,
            "cumulative": self.cumulative,
            "undated": self.undated,
            "metrics": list(self.metrics),
            "filter": self.filter.as_dict(),
            "periods": [
                {**p, "top": [r for r in rows if r["period"] == p["period"]]}
                for p in self.period_records()
            ],
        }

    def _table(self, sort: str | None, top: int | None, markdown: bool) -> str:
        periods = self.period_records()
        word = "as of" if self.cumulative else "in"
        columns: list[Column] = [
            ("period", self.by),
            ("relations", f"relations {word}"),
            ("new", "new"),
            ("actors", "actors"),
        ]
        if self.metrics:
            key = sort or self.metrics[0]
            ranked = self.to_records(key, 3 if top is None else top)
            for p in periods:
                best = [r for r in ranked if r["period"] == p["period"]]
                p["top"] = ", ".join(f"{r['name']} {cell(r[key])}" for r in best)
            columns.append(("top", f"top by {key}"))
        return markdown_table(periods, columns) if markdown else text_table(periods, columns)

    def to_text(self, sort: str | None = None, top: int | None = None) -> str:
        """Return the periods as a text table, with each period's best actors.

        Parameters
        ----------
        sort : str, optional
            The metric the best actors are chosen by (default: the first).
        top : int, optional
            How many of each period's actors to name (default: 3).

        Returns
        -------
        str
            What ``relgraph analyze --by`` prints: a line per period with its
            relations, the new ones, its actors and its best actors with their
            values.

        Examples
        --------
        >>> import relgraph
        >>> t = over_time(relgraph.load("graph_data/cuba_iran.yaml"))
        >>> print(t.to_text(top=1).splitlines()[2])
        2006             1    1       2  Cuba 1
        """
        return self._table(sort, top, markdown=False)

    def _repr_markdown_(self) -> str:
        """Return what Jupyter shows for the result: its report, :meth:`to_markdown`."""
        return self.to_markdown()

    def to_markdown(self, sort: str | None = None, top: int | None = None) -> str:
        """Return the periods as a Markdown table (see :meth:`to_text`).

        Parameters
        ----------
        sort, top
            As for :meth:`to_text`.

        Returns
        -------
        str
            The table, names escaped.

        Examples
        --------
        >>> import relgraph
        >>> t = over_time(relgraph.load("graph_data/cuba_iran.yaml"))
        >>> t.to_markdown().splitlines()[0]
        '| year | relations in | new | actors | top by degree |'
        """
        return self._table(sort, top, markdown=True)

    def to_dataframe(self) -> Any:
        """Return a pandas ``DataFrame`` of :meth:`to_records` (needs pandas).

        Returns
        -------
        pandas.DataFrame
            One row per record; pandas must be installed.

        Examples
        --------
        >>> import relgraph
        >>> t = over_time(relgraph.load("graph_data/cuba_iran.yaml"))
        >>> len(t.to_dataframe()) == len(t.to_records())
        True
        """
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

    The periods read the relations' event dates; with a filter reading report
    dates (``Filter(dates="reported")``) they read when each relation was
    reported instead (its ``reported``, else its evidence's report dates), and
    the timeline's ``dates`` says so. A relation dated only by ``reported:`` is
    undated for event dates.

    Parameters
    ----------
    data : Dataset or Network
        What to analyse; a :class:`~relgraph.analysis.Network` carries its own
        filter and weighting.
    by : {"year", "month"}
        The length of a period.
    metrics : str or iterable of str, optional
        Centrality computed for each period's network (``None``: counts only).
    filter : Filter, optional
        What counts; its ``dates`` says which dates make the periods.
    cumulative : bool
        Each period's network holds what holds as of it, not only what overlaps it.
    weight, engine, samples, seed
        As for :func:`~relgraph.analysis.centrality`.
    progress : callable, optional
        ``progress(stage, done, total)``, told after each period.

    Returns
    -------
    Timeline
        The periods in order with their counts and centrality, and how many
        relations are undated.

    Raises
    ------
    UsageError
        For a period other than year or month, and whatever
        :func:`~relgraph.analysis.centrality` refuses.

    Examples
    --------
    >>> import relgraph
    >>> t = over_time(relgraph.load("graph_data/cuba_iran.yaml"), "year")
    >>> [(p.label, p.relations) for p in t.periods if p.relations]
    [('2006', 1)]
    >>> t.undated
    30
    """
    if by not in ("year", "month"):
        raise UsageError(f"'{by}' is not a period\n  hint: periods are year and month")
    names = _metric_names(metrics)
    if "degree" not in names:
        names = ("degree", *names)
    net = _network(data, filter, weight)
    base = net.dataset
    dates = net.filter.dates
    spans_of = _span_reader(base, dates)
    known = [(r, span) for r in base.relations if (span := spans_of(r)) is not None]
    undated = len(base.relations) - len(known)
    points = [day for _, span in known for day in span]

    def first_day(r: Relation) -> str:
        if dates == "event":
            return r.earliest() or ""
        return (spans_of(r) or ("",))[0]

    periods: list[Period] = []
    if points:
        first, last = PartialDate.parse(min(points)), PartialDate.parse(max(points))
        everything = replace(Filter(), statuses=STATUSES, dates=dates)
        spans = _periods(first, last, by)
        tick = Ticker(progress, f"computing {by} by {by}", total=len(spans))
        for period in spans:
            if cumulative:
                f = replace(everything, as_of=period, keep_undated=False)
            else:
                f = replace(everything, date_from=period, date_to=period, keep_undated=False)
            sub = Network(base, f, weight=net.weight)
            lo, hi = period.earliest(), period.latest()
            new = sum(lo <= first_day(r) <= hi for r in sub.dataset.relations)
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
    return Timeline(by, cumulative, tuple(periods), undated, names, net.filter, dates)


def _span_reader(dataset: Dataset, dates: str) -> Callable[[Relation], tuple[str, str] | None]:
    """Return the first and last day a relation's dates of this kind can mean, or ``None``."""
    if dates == "reported":
        published = {s.id: s.published for s in dataset.sources}

        def reported(r: Relation) -> tuple[str, str] | None:
            first, last, _ = _reported_span(r, published)
            return (first, last) if first is not None and last is not None else None

        return reported

    def event(r: Relation) -> tuple[str, str] | None:
        days = [
            day
            for d in (r.date, r.start, r.end)
            if d is not None
            for day in (d.earliest(), d.latest() if d is not r.start else d.earliest())
        ]
        return (min(days), max(days)) if days else None

    return event

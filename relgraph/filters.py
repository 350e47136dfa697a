"""Filters: which part of a dataset an analysis, a page or an export looks at.

A :class:`Filter` says which relations count: by status, by the kind of the
actors they join, by relation category and type, by date, and by how good
their evidence is. :meth:`Filter.apply` returns a **new** :class:`Dataset`;
the dataset it is given is never changed.

What each field keeps
---------------------
``statuses``
    Relations and claims whose status is listed. The default is every status
    but ``denied``.
``kinds``
    Actors of these entity kinds, and the relations and claims between them.
    Without it every actor is kept, including actors left with no relation
    (analyses treat them as isolated).
``categories``, ``types``
    Relations of these categories and of these types. Given both, a relation
    must match both.
``as_of``
    The picture as it stood at a date. An event (``date``) counts from the
    day it could first have happened onwards; a period (``start``/``end``)
    counts if it could have begun by then and had not certainly ended before.
``date_from``, ``date_to``
    A window. A relation is kept if the days it could cover overlap the
    window: an event covers its date, a period runs from ``start`` to ``end``,
    and a period with no ``end`` is taken as still running.
``keep_undated``
    Whether a relation with no date at all survives a date filter (default
    ``True``: undated relations are kept, since the source gives no reason to
    drop them). Set it to ``False`` to keep only what is dated.
``min_reliability``
    Evidence from sources graded at least this well on the A (best) to F
    scale. F ("cannot be judged") counts as the worst grade.
``min_credibility``
    Evidence at least this credible on the 1 (best) to 6 scale. Evidence
    with no credibility grade counts as 6 ("truth cannot be judged").
``sources``
    "What do these outlets alone say?": evidence from these sources only
    (by id); a relation or claim left with none is dropped.
``origins``
    Evidence whose independent origin (see :mod:`relgraph.corroboration`)
    is one of these origin ids only.
``modalities``
    Relations and claims of these modalities (``occurred``, ``announced``,
    ``planned``).
``min_origins``
    Relations and claims backed by at least this many independent origins
    (counted on the evidence the other filters keep).
``dates``
    Which dates the time filters read: ``"event"`` (default: ``date``,
    ``start``/``end``) or ``"reported"`` (the relation's or claim's
    ``reported``, else the report dates of its evidence items: each item's
    ``reported``, else its source's ``published``).

The evidence filters drop evidence items; a relation or claim left with no
evidence is dropped with them, and so is a source that falls below
``min_reliability``. Claims are filtered like relations: by status, by their
actor's kind, by date (dated claims only) and by evidence.

Partial dates are read as the span of days they could mean: ``2020`` as a
bound runs from 2020-01-01 (``date_from``) or to 2020-12-31 (``date_to``).

Examples
--------
>>> import relgraph
>>> ds = relgraph.load("graph_data/cuba_iran.yaml")
>>> established = Filter(statuses=("confirmed", "reported")).apply(ds)
>>> all(r.status in ("confirmed", "reported") for r in established.relations)
True
>>> len(established.relations) <= len(ds.relations)
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from relgraph.errors import UsageError, counted, did_you_mean
from relgraph.graph import DEFAULT_STATUSES
from relgraph.model import (
    MODALITIES,
    RELIABILITY_GRADES,
    STATUSES,
    Claim,
    Dataset,
    Evidence,
    PartialDate,
    Relation,
)

if TYPE_CHECKING:
    from relgraph.corroboration import Origins

__all__ = ["Filter"]


def _reported_span(
    item: Relation | Claim, published: dict[str, PartialDate | None]
) -> tuple[str | None, str | None, str | None]:
    """Return the days on which ``item`` was reported: its own ``reported``, else its evidence's."""
    if item.reported is not None:
        return item.reported.earliest(), item.reported.latest(), item.reported.latest()
    days = [
        d
        for e in item.evidence
        if (d := e.reported if e.reported is not None else published.get(e.source)) is not None
    ]
    if not days:
        return None, None, None
    first = min(d.earliest() for d in days)
    last = max(d.latest() for d in days)
    return first, last, last


_LOW = "0000-01-01"
_HIGH = "9999-12-31"


def _date(name: str, value: PartialDate | str | int | None) -> PartialDate | None:
    if value is None or isinstance(value, PartialDate):
        return value
    try:
        return PartialDate.parse(str(value))
    except ValueError as exc:
        raise UsageError(f"{name}: {exc}") from None


def _names(name: str, value: Iterable[str] | str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _check(name: str, given: tuple[str, ...] | None, known: Iterable[str], hint: str) -> None:
    if given is None:
        return
    choices = list(known)
    for item in given:
        if item not in choices:
            suggestion = did_you_mean(item, choices, hint)
            raise UsageError(
                f"'{item}' is not {name}" + (f"\n  hint: {suggestion}" if suggestion else "")
            )


@dataclass(frozen=True)
class Filter:
    """Which statuses, actors, relation types, dates and evidence count.

    Every field is optional; the default filter keeps everything but
    ``denied`` relations and claims. See the module documentation for what
    each field keeps. Dates may be given as text (``"2023"``,
    ``"2023-05"``, ``"2023-05-04"``) or as :class:`~relgraph.model.PartialDate`.

    Raises
    ------
    UsageError
        For an unknown status, a date that is not a date, an inverted window,
        ``as_of`` given together with a window, or a grade off its scale.

    Examples
    --------
    >>> f = Filter(date_from="2020", date_to="2023-05", min_reliability="B")
    >>> str(f.date_from), str(f.date_to), f.statuses
    ('2020', '2023-05', ('confirmed', 'reported', 'alleged', 'disputed'))
    >>> print(replace(f, statuses=("reported",)).describe())
    statuses reported; from 2020 to 2023-05; sources graded B or better
    >>> Filter(statuses=["rumoured"])
    Traceback (most recent call last):
    ...
    relgraph.errors.UsageError: 'rumoured' is not a status
      hint: statuses are confirmed, reported, alleged, disputed, denied
    """

    statuses: tuple[str, ...] = DEFAULT_STATUSES
    kinds: tuple[str, ...] | None = None
    categories: tuple[str, ...] | None = None
    types: tuple[str, ...] | None = None
    as_of: PartialDate | None = None
    date_from: PartialDate | None = None
    date_to: PartialDate | None = None
    keep_undated: bool = True
    min_reliability: str | None = None
    min_credibility: int | None = None
    sources: tuple[str, ...] | None = None
    origins: tuple[str, ...] | None = None
    modalities: tuple[str, ...] | None = None
    min_origins: int | None = None
    dates: str = "event"

    def __post_init__(self) -> None:
        """Check the filter's values, raising :class:`~relgraph.errors.UsageError`."""
        statuses = _names("statuses", self.statuses) or ()
        for s in statuses:
            if s not in STATUSES:
                hint = did_you_mean(s, STATUSES) or ""
                hint = (hint + " " if hint else "") + f"statuses are {', '.join(STATUSES)}"
                raise UsageError(f"'{s}' is not a status\n  hint: {hint}")
        set_ = object.__setattr__
        set_(self, "statuses", tuple(s for s in STATUSES if s in statuses))
        for name in ("kinds", "categories", "types", "sources", "origins", "modalities"):
            set_(self, name, _names(name, getattr(self, name)))
        for m in self.modalities or ():
            if m not in MODALITIES:
                hint = did_you_mean(m, MODALITIES) or ""
                hint = (hint + " " if hint else "") + f"modalities are {', '.join(MODALITIES)}"
                raise UsageError(f"'{m}' is not a modality\n  hint: {hint}")
        if self.dates not in ("event", "reported"):
            raise UsageError(
                f"'{self.dates}' is not a kind of date\n  hint: choose event or reported"
            )
        if self.min_origins is not None and (
            isinstance(self.min_origins, bool)
            or not isinstance(self.min_origins, int)
            or self.min_origins < 0
        ):
            raise UsageError(
                f"'{self.min_origins}' is not a number of origins\n"
                "  hint: give a whole number, 0 or more"
            )
        for name in ("as_of", "date_from", "date_to"):
            set_(self, name, _date(name, getattr(self, name)))
        if self.as_of is not None and (self.date_from is not None or self.date_to is not None):
            raise UsageError(
                "give either as_of or a date_from/date_to window, not both\n"
                "  hint: as_of is the picture at one date; a window keeps what overlaps it"
            )
        if (
            self.date_from is not None
            and self.date_to is not None
            and self.date_from.earliest() > self.date_to.latest()
        ):
            raise UsageError(
                f"the window ends ({self.date_to}) before it starts ({self.date_from})\n"
                "  hint: swap the two dates"
            )
        if self.min_reliability is not None:
            grade = str(self.min_reliability).upper()
            if grade not in RELIABILITY_GRADES:
                raise UsageError(
                    f"'{self.min_reliability}' is not a reliability grade\n"
                    "  hint: grades run from A (completely reliable) to F (cannot be judged)"
                )
            set_(self, "min_reliability", grade)
        if self.min_credibility is not None and (
            isinstance(self.min_credibility, bool)
            or not isinstance(self.min_credibility, int)
            or not 1 <= self.min_credibility <= 6
        ):
            raise UsageError(
                f"'{self.min_credibility}' is not a credibility grade\n"
                "  hint: grades run from 1 (confirmed by other sources) to 6 (cannot be judged)"
            )

    # -- description -----------------------------------------------------
    @property
    def is_default(self) -> bool:
        """True when the filter keeps everything but denied relations.

        Examples
        --------
        >>> Filter().is_default, Filter(kinds=["state"]).is_default
        (True, False)
        """
        return self == Filter()

    @property
    def has_dates(self) -> bool:
        """True when the filter looks at dates."""
        return self.as_of is not None or self.date_from is not None or self.date_to is not None

    def describe(self) -> str:
        """Return a one-line account of the filter, for the notes a command prints.

        Returns
        -------
        str
            The filter's settings that are not the default, separated by ``;``.

        Examples
        --------
        >>> f = Filter(statuses=["alleged"], kinds=["state"], as_of="2023", keep_undated=False)
        >>> print(f.describe())
        statuses alleged; kinds state; as of 2023; undated relations dropped
        """
        parts = [f"statuses {', '.join(self.statuses) if self.statuses else '(none)'}"]
        for name in ("kinds", "categories", "types"):
            value = getattr(self, name)
            if value is not None:
                parts.append(f"{name} {', '.join(value)}")
        if self.as_of is not None:
            parts.append(f"as of {self.as_of}")
        if self.date_from is not None and self.date_to is not None:
            parts.append(f"from {self.date_from} to {self.date_to}")
        elif self.date_from is not None:
            parts.append(f"from {self.date_from}")
        elif self.date_to is not None:
            parts.append(f"to {self.date_to}")
        if not self.keep_undated:
            parts.append("undated relations dropped")
        if self.min_reliability is not None:
            parts.append(f"sources graded {self.min_reliability} or better")
        if self.min_credibility is not None:
            parts.append(f"evidence of credibility {self.min_credibility} or better")
        if self.sources is not None:
            parts.append(f"evidence from sources {', '.join(self.sources)} only")
        if self.origins is not None:
            parts.append(f"evidence from origins {', '.join(self.origins)} only")
        if self.modalities is not None:
            parts.append(f"modalities {', '.join(self.modalities)}")
        if self.min_origins is not None:
            parts.append(
                f"at least {counted(self.min_origins, 'independent origin', 'independent origins')}"
            )
        if self.dates == "reported":  # event dates are the default
            parts.append("by report dates")
        return "; ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        """Return the filter as plain JSON-ready data.

        Returns
        -------
        dict
            Each setting by name.

        Examples
        --------
        >>> Filter(date_to="2020").as_dict()["date_to"]
        '2020'
        """
        return {
            "statuses": list(self.statuses),
            "kinds": list(self.kinds) if self.kinds is not None else None,
            "categories": list(self.categories) if self.categories is not None else None,
            "types": list(self.types) if self.types is not None else None,
            "as_of": str(self.as_of) if self.as_of else None,
            "date_from": str(self.date_from) if self.date_from else None,
            "date_to": str(self.date_to) if self.date_to else None,
            "keep_undated": self.keep_undated,
            "min_reliability": self.min_reliability,
            "min_credibility": self.min_credibility,
            "sources": list(self.sources) if self.sources is not None else None,
            "origins": list(self.origins) if self.origins is not None else None,
            "modalities": list(self.modalities) if self.modalities is not None else None,
            "min_origins": self.min_origins,
            "dates": self.dates,
        }

    # -- tests on one item -----------------------------------------------
    def keeps_dates(self, relation: Relation) -> bool:
        """Whether ``relation``'s dates fall in the filter's date window (see the module docs).

        Parameters
        ----------
        relation : Relation
            A relation of the dataset.

        Returns
        -------
        bool
            True when the filter keeps it for its dates.

        Examples
        --------
        >>> from relgraph.model import Relation
        >>> r = Relation("r", "a", "b", "visit", "reported", "cooperative", (),
        ...              date=PartialDate.parse("2023-05"))
        >>> Filter(date_from="2023-05-20").keeps_dates(r)
        True
        >>> Filter(date_from="2023-06").keeps_dates(r)
        False
        >>> Filter(as_of="2024").keeps_dates(r), Filter(as_of="2022").keeps_dates(r)
        (True, False)
        """
        end = relation.end.latest() if relation.end is not None else None
        return self._keeps_span(relation.earliest(), relation.latest(), end)

    def _keeps_span(self, first: str | None, last: str | None, end: str | None) -> bool:
        if first is None and last is None:
            return self.keep_undated
        lo = first or _LOW
        if self.as_of is not None:
            return lo <= self.as_of.latest() and (end or _HIGH) >= self.as_of.earliest()
        hi = last or _HIGH
        if self.date_from is not None and hi < self.date_from.earliest():
            return False
        return not (self.date_to is not None and lo > self.date_to.latest())

    def _evidence(
        self,
        items: tuple[Evidence, ...],
        grades: dict[str, str],
        origins: Origins | None = None,
    ) -> tuple[Evidence, ...]:
        if (
            self.min_reliability is None
            and self.min_credibility is None
            and self.sources is None
            and self.origins is None
        ):
            return items
        kept = []
        order = list(RELIABILITY_GRADES)
        for e in items:
            if self.sources is not None and e.source not in self.sources:
                continue
            if (
                self.origins is not None
                and origins is not None
                and origins.of_evidence(e).id not in self.origins
            ):
                continue
            if self.min_reliability is not None:
                grade = grades.get(e.source, "F")
                if order.index(grade) > order.index(self.min_reliability):
                    continue
            if self.min_credibility is not None and (e.credibility or 6) > self.min_credibility:
                continue
            kept.append(e)
        return items if len(kept) == len(items) else tuple(kept)

    # -- the whole dataset -----------------------------------------------
    def check(self, dataset: Dataset) -> None:
        """Raise :class:`UsageError` if a kind, category or type is unknown to ``dataset``.

        Parameters
        ----------
        dataset : Dataset
            The dataset the filter will be applied to.

        Raises
        ------
        UsageError
            Naming the unknown value, with the closest known one as a hint.

        Examples
        --------
        >>> import relgraph
        >>> Filter(kinds=["stat"]).check(relgraph.load("graph_data/cuba_iran.yaml"))
        Traceback (most recent call last):
        ...
        relgraph.errors.UsageError: 'stat' is not an entity kind
          hint: did you mean 'state'? `relgraph vocab` lists them
        """
        vocab = dataset.vocabulary
        listing = "`relgraph vocab` lists them"
        _check("an entity kind", self.kinds, vocab.entity_kinds, listing)
        _check("a relation category", self.categories, vocab.categories, listing)
        _check("a relation type", self.types, vocab.relation_types, listing)
        _check(
            "a source",
            self.sources,
            [s.id for s in dataset.sources],
            "sources are listed under 'sources:'",
        )
        if self.origins is not None:
            from relgraph.corroboration import independent_origins

            known = [o.id for o in independent_origins(dataset)]
            given = self.current_ids(dataset).origins
            _check("an origin", given, known, "`relgraph evidence` lists the origins")

    def current_ids(self, dataset: Dataset) -> Filter:
        """Return the filter with each old id of an origin actor given as the actor's id.

        An old id is one of the actor's ``referents``, as a merge left it; the filter
        itself is returned when there is none.

        Parameters
        ----------
        dataset : Dataset
            The dataset whose actors' old ids are read.

        Returns
        -------
        Filter
            A new filter, or this one.

        Examples
        --------
        >>> import relgraph
        >>> ds = relgraph.load("graph_data/cuba_iran_havana.yaml")
        >>> f = Filter(origins=["agencia-efe"])
        >>> f.current_ids(ds) is f
        True
        """
        if self.origins is None:
            return self
        from relgraph.corroboration import independent_origins

        known = {o.id for o in independent_origins(dataset)}
        current: list[str] = []
        for ident in self.origins:
            if ident not in known:
                try:
                    entity = dataset.entity(ident)
                except KeyError:
                    pass
                else:
                    ident = entity.id if entity.id in known else ident
            current.append(ident)
        if tuple(current) == self.origins:
            return self
        return replace(self, origins=tuple(dict.fromkeys(current)))

    def apply(self, dataset: Dataset) -> Dataset:
        """Return a new dataset holding only what the filter keeps.

        Parameters
        ----------
        dataset : Dataset
            The dataset to filter; it is not changed.

        Returns
        -------
        Dataset
            A copy (made with :func:`dataclasses.replace`) whose entities,
            relations, claims and sources are the ones kept. Relations and
            claims whose evidence was thinned are new objects too.

        Raises
        ------
        UsageError
            If a kind, category or type is not in the dataset's vocabulary.

        Examples
        --------
        >>> import relgraph
        >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
        >>> states = Filter(kinds=["state"]).apply(ds)
        >>> {e.kind for e in states.entities}
        {'state'}
        >>> len(ds.entities) > len(states.entities)
        True
        """
        current = self.current_ids(dataset)
        if current is not self:  # an old id of an origin actor, named by its id now
            return current.apply(dataset)
        self.check(dataset)
        vocab = dataset.vocabulary
        statuses = set(self.statuses)
        entities = dataset.entities
        if self.kinds is not None:
            kinds = set(self.kinds)
            entities = tuple(e for e in entities if e.kind in kinds)
        kept_ids = {e.id for e in entities}
        grades = {s.id: s.reliability for s in dataset.sources}
        sources = dataset.sources
        if self.min_reliability is not None:
            order = list(RELIABILITY_GRADES)
            limit = order.index(self.min_reliability)
            sources = tuple(s for s in sources if order.index(s.reliability) <= limit)
        categories = set(self.categories) if self.categories is not None else None
        types = set(self.types) if self.types is not None else None
        dates = self.has_dates or not self.keep_undated
        from relgraph.corroboration import independent_origins

        origins = independent_origins(dataset)
        published = {s.id: s.published for s in dataset.sources}
        modalities = set(self.modalities) if self.modalities is not None else None

        def enough(item: Relation | Claim) -> bool:
            return self.min_origins is None or len(origins.supporting(item.evidence)) >= (
                self.min_origins
            )

        relations: list[Relation] = []
        for r in dataset.relations:
            if r.status not in statuses:
                continue
            if r.source not in kept_ids or r.target not in kept_ids:
                continue
            if types is not None and r.type not in types:
                continue
            if categories is not None and vocab.relation_types[r.type].category not in categories:
                continue
            if modalities is not None and r.modality not in modalities:
                continue
            if dates and not (
                self.keeps_dates(r)
                if self.dates == "event"
                else self._keeps_span(*_reported_span(r, published))
            ):
                continue
            evidence = self._evidence(r.evidence, grades, origins)
            if not evidence:
                continue
            kept = r if evidence is r.evidence else replace(r, evidence=evidence)
            if enough(kept):
                relations.append(kept)

        claims: list[Claim] = []
        for c in dataset.claims:
            if c.status not in statuses or c.entity not in kept_ids:
                continue
            if modalities is not None and c.modality not in modalities:
                continue
            if dates and self.dates == "reported":
                first, last, _ = _reported_span(c, published)
                if first is not None and not self._keeps_span(first, last, None):
                    continue
            elif dates and c.date is not None:
                first, last = c.date.earliest(), c.date.latest()
                if not self._keeps_span(first, last, None):
                    continue
            evidence = self._evidence(c.evidence, grades, origins)
            if not evidence:
                continue
            kept_claim = c if evidence is c.evidence else replace(c, evidence=evidence)
            if enough(kept_claim):
                claims.append(kept_claim)

        view = replace(
            dataset,
            entities=entities,
            relations=tuple(relations),
            claims=tuple(claims),
            sources=sources,
        )
        # an actor's ties are facts about it whatever the view shows: an outlet of Cuba's
        # is not independent on Cuba's president when his office is filtered out of sight
        view.__dict__["_ties"] = dataset._ties
        return view

"""The data model: what a dataset holds once it has been loaded and validated.

Every object is a frozen dataclass, so a loaded dataset can be shared without
anyone changing it behind the loader's back. Collections are tuples.

The model mirrors the dataset file format (see the README): a :class:`Dataset`
holds :class:`Source` documents, :class:`Entity` actors, typed
:class:`Relation` edges between two actors and :class:`Claim` statements about
one actor. Every relation and claim carries one or more :class:`Evidence`
items: a verbatim quote from a named source.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, TypeVar

if TYPE_CHECKING:
    import networkx as nx

    from relgraph.corroboration import Origins, Ties
    from relgraph.vocabulary import Vocabulary

__all__ = [
    "MODALITIES",
    "RELIABILITY_GRADES",
    "STANCES",
    "STATUSES",
    "Amount",
    "Claim",
    "Dataset",
    "DatasetPart",
    "Entity",
    "Evidence",
    "Location",
    "Modality",
    "PartialDate",
    "Relation",
    "Sign",
    "Source",
    "Stance",
    "Status",
    "View",
]

Status = Literal["reported", "alleged", "confirmed", "denied", "disputed"]
Sign = Literal["cooperative", "hostile", "neutral"]
Stance = Literal["supports", "contradicts", "qualifies"]
Modality = Literal["occurred", "announced", "planned"]
#: A record's review mark: ``proposed`` by ``relgraph suggest``, ``accepted`` by the analyst.
Review = Literal["proposed", "accepted"]

#: Relation and claim statuses, in the order the page and the CLI list them.
STATUSES: tuple[Status, ...] = ("confirmed", "reported", "alleged", "disputed", "denied")

#: What an evidence item does to its relation or claim (the first is the default).
STANCES: tuple[Stance, ...] = ("supports", "contradicts", "qualifies")

#: Whether a relation or claim happened, or was only said (announced) or reported
#: as scheduled (planned) to happen; the first is the default.
MODALITIES: tuple[Modality, ...] = ("occurred", "announced", "planned")

#: Admiralty-scale source reliability grades. "F" means "cannot be judged".
RELIABILITY_GRADES: dict[str, str] = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}

#: Admiralty-scale information credibility grades.
CREDIBILITY_GRADES: dict[int, str] = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True, slots=True)
class Location:
    """Where something was written: a file, a 1-based line and a 1-based column."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        """Return ``path:line:column``, or the path alone when there is no line."""
        if self.line <= 0:
            return self.path
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day, and no more precisely.

    Parameters
    ----------
    year, month, day : int
        ``month`` and ``day`` are ``None`` when the source does not give them.

    Examples
    --------
    >>> d = PartialDate.parse("2006-01")
    >>> d.precision, str(d)
    ('month', '2006-01')
    >>> PartialDate.parse("2023").earliest(), PartialDate.parse("2023").latest()
    ('2023-01-01', '2023-12-31')
    """

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

        Parameters
        ----------
        text : str
            The date as written.

        Returns
        -------
        PartialDate
            The date, at the precision written.

        Raises
        ------
        ValueError
            With a readable reason when the text is not such a date or names a
            day that does not exist.

        Examples
        --------
        >>> d = PartialDate.parse("2023-06")
        >>> d.month, d.day, str(d)
        (6, None, '2023-06')
        >>> PartialDate.parse("2023-02-30")
        Traceback (most recent call last):
        ...
        ValueError: '2023-02-30' is not a day of the calendar
        """
        import datetime

        m = _DATE_RE.match(text.strip())
        if not m:
            raise ValueError(f"'{text}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        year = int(m.group(1))
        if year < 1:
            raise ValueError(f"'{text}' has year {m.group(1)}; years run from 0001 to 9999")
        month = int(m.group(2)) if m.group(2) else None
        day = int(m.group(3)) if m.group(3) else None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"'{text}' has month {month}; months run from 01 to 12")
        if month is not None and day is not None:
            try:
                datetime.date(year, month, day)
            except ValueError:
                raise ValueError(f"'{text}' is not a day of the calendar") from None
        return cls(year, month, day)

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        """How precisely the date is known."""
        if self.month is None:
            return "year"
        if self.day is None:
            return "month"
        return "day"

    def earliest(self) -> str:
        """Return the first day the date could mean, as ``YYYY-MM-DD``.

        Returns
        -------
        str
            ``2023-01-01`` for ``2023``.

        Examples
        --------
        >>> PartialDate.parse("2023-06").earliest()
        '2023-06-01'
        """
        return f"{self.year:04d}-{self.month or 1:02d}-{self.day or 1:02d}"

    def latest(self) -> str:
        """Return the last day the date could mean, as ``YYYY-MM-DD``.

        Returns
        -------
        str
            ``2023-12-31`` for ``2023``.

        Examples
        --------
        >>> PartialDate.parse("2024-02").latest()
        '2024-02-29'
        """
        import calendar

        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return f"{self.year:04d}-{month:02d}-{day:02d}"

    def __str__(self) -> str:
        """Return the date as written: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text


@dataclass(frozen=True)
class Source:
    """A document that evidence is quoted from.

    ``text`` holds the stored text of the document (read from ``text_path``
    and checked against ``sha256``), so that quotes can be checked against it.
    Metadata the document does not give (publisher, URL, dates) is ``None``,
    never guessed.

    ``derived_from`` lists the stored sources this one translates, republishes
    or rewrites; ``origin`` is what it ultimately relays when that is not
    stored (an entity id, then also in ``origin_entity``, or free text);
    ``affiliation`` lists the entities the outlet belongs to or is funded by.
    Together they make its independent origin (:mod:`relgraph.corroboration`).
    """

    id: str
    title: str
    reliability: str
    text_path: str
    sha256: str
    text: str = field(repr=False)
    publisher: str | None = None
    url: str | None = None
    published: PartialDate | None = None
    retrieved: PartialDate | None = None
    notes: str | None = None
    location: Location | None = field(default=None, compare=False)
    derived_from: tuple[str, ...] = ()
    origin: str | None = None
    origin_entity: str | None = None
    affiliation: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Amount:
    """A number an evidence item gives: exact (``value``), about (``approx``) or a range.

    Exactly one of ``value`` and ``approx`` is set, or else ``min`` and/or
    ``max``. ``unit`` says what is counted ("agreement"); ``currency`` (ISO
    4217, three capital letters) says that money is counted, in which currency.

    Examples
    --------
    >>> Amount(value=19, unit="agreement").bounds()
    (19, 19)
    >>> Amount(min=20, unit="agreement").bounds()
    (20, None)
    >>> str(Amount(approx=2, unit="million", currency="USD"))
    'about 2 million USD'
    """

    value: int | float | None = None
    approx: int | float | None = None
    min: int | float | None = None
    max: int | float | None = None
    unit: str | None = None
    currency: str | None = None
    note: str | None = None

    def bounds(self) -> tuple[int | float | None, int | float | None]:
        """Return the lowest and highest number the amount allows (``None``: no bound).

        An approximate number gives itself as both bounds; the conflict
        checks of :mod:`relgraph.conflicts` give it some room.

        Returns
        -------
        (number or None, number or None)
            The lowest and the highest.

        Examples
        --------
        >>> Amount(min=5, max=10).bounds(), Amount(approx=3).bounds(), Amount(min=5).bounds()
        ((5, 10), (3, 3), (5, None))
        """
        if self.value is not None:
            return self.value, self.value
        if self.approx is not None:
            return self.approx, self.approx
        return self.min, self.max

    def __str__(self) -> str:
        """Return the amount as a reader would say it, with its unit or currency."""

        def num(n: int | float) -> str:
            return f"{n:g}" if isinstance(n, float) else str(n)

        if self.value is not None:
            text = num(self.value)
        elif self.approx is not None:
            text = f"about {num(self.approx)}"
        elif self.min is not None and self.max is not None:
            text = f"{num(self.min)} to {num(self.max)}"
        elif self.min is not None:
            text = f"at least {num(self.min)}"
        else:
            text = f"at most {num(self.max or 0)}"
        for part in (self.unit, self.currency):
            if part:
                text += f" {part}"
        return text


@dataclass(frozen=True, slots=True)
class Evidence:
    """One verbatim quote from a named source.

    ``attributed_to`` is who the source says the words or the claim come from:
    an entity id (then ``attributed_entity`` is set) or free text.
    ``start`` and ``end`` locate the quote in the source's stored text, and
    ``context`` is the sentence (or sentences) around it.

    ``stance`` says whether the item supports, contradicts or qualifies its
    relation or claim; ``amounts`` are the numbers it gives; ``date`` is the
    event's date as this item states it and ``reported`` when this item was
    reported (``None``: its source's ``published``, see :meth:`reported_on`).
    ``origin`` is what the passage relays when that differs from its source's
    own origin: a source id, an entity id or free text (see
    :mod:`relgraph.corroboration`).
    """

    quote: str
    source: str
    attributed_to: str | None = None
    attributed_entity: str | None = None
    credibility: int | None = None
    start: int = 0
    end: int = 0
    context: str = ""
    location: Location | None = field(default=None, compare=False)
    notes: str | None = None
    stance: Stance = "supports"
    amounts: tuple[Amount, ...] = ()
    date: PartialDate | None = None
    reported: PartialDate | None = None
    origin: str | None = None

    def reported_on(self, source: Source) -> PartialDate | None:
        """When this item was reported: its own ``reported``, else ``source``'s ``published``.

        Parameters
        ----------
        source : Source
            The item's source.

        Returns
        -------
        PartialDate or None
            The report date, or ``None`` when neither gives one.

        Examples
        --------
        >>> s = Source("s", "S", "F", "s.txt", "", "", published=PartialDate(2023, 6, 16))
        >>> str(Evidence("q", "s").reported_on(s))
        '2023-06-16'
        """
        return self.reported or source.published


@dataclass(frozen=True, slots=True)
class Entity:
    """An actor: a state, an official, a company, a group, an agency, a medium….

    ``referents`` are the ids this actor had before a merge folded them into
    it (``relgraph merge``): they still name it, for :meth:`Dataset.entity`,
    ``relgraph path`` and ``ego`` and the page's search, but relations and
    claims use its ``id``.
    """

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    description: str | None = None
    external_ids: tuple[tuple[str, str], ...] = ()
    tags: tuple[str, ...] = ()
    location: Location | None = field(default=None, compare=False)
    referents: tuple[str, ...] = ()
    review: Review | None = None


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed tie from ``source`` to ``target`` backed by evidence.

    For undirected types the order of the two ends carries no meaning.
    ``sign`` is the relation type's default sign unless the dataset overrides it.
    ``date``, ``start`` and ``end`` are when it happened; ``reported`` is when
    a source reported it, which is not the event's date. ``modality`` says
    whether it occurred or was only announced or planned. ``referents`` are
    the ids of the relations a merge folded into this one (``relgraph merge``):
    read with a dataset that still has one of them, that relation folds into
    this one, and a view naming one names this one.
    """

    id: str
    source: str
    target: str
    type: str
    status: Status
    sign: Sign
    evidence: tuple[Evidence, ...]
    date: PartialDate | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    notes: str | None = None
    location: Location | None = field(default=None, compare=False)
    reported: PartialDate | None = None
    modality: Modality = "occurred"
    review: Review | None = None
    referents: tuple[str, ...] = ()

    @property
    def is_allegation(self) -> bool:
        """True when the relation is alleged or disputed rather than established."""
        return self.status in ("alleged", "disputed")

    def earliest(self) -> str | None:
        """Return the earliest day the relation is known to hold, as ``YYYY-MM-DD``, if any.

        Returns
        -------
        str or None
            The first day of its ``date``, else of its ``start``; ``None`` when it has neither.

        Examples
        --------
        >>> import relgraph
        >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
        >>> r = next(r for r in ds.relations if r.id == "iran-cuba-agreement-2006")
        >>> str(r.date), r.earliest()
        ('2006-01', '2006-01-01')
        """
        first = self.date or self.start
        return first.earliest() if first else None

    def latest(self) -> str | None:
        """Return the latest day the relation is known to hold, as ``YYYY-MM-DD``, if any.

        Returns
        -------
        str or None
            The last day of its ``date``, else of its ``end``; ``None`` when it has neither.

        Examples
        --------
        >>> import relgraph
        >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
        >>> r = next(r for r in ds.relations if r.id == "iran-cuba-agreement-2006")
        >>> r.latest()
        '2006-01-31'
        """
        last = self.date or self.end
        return last.latest() if last else None


@dataclass(frozen=True, slots=True)
class Claim:
    """Something a source says about a single actor, with evidence.

    ``referents`` are the ids of the claims a merge folded into this one, as
    for a :class:`Relation`.
    """

    id: str
    entity: str
    statement: str
    status: Status
    evidence: tuple[Evidence, ...]
    date: PartialDate | None = None
    notes: str | None = None
    location: Location | None = field(default=None, compare=False)
    reported: PartialDate | None = None
    modality: Modality = "occurred"
    review: Review | None = None
    referents: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class View:
    """One step of the dataset's story: a titled, captioned view of part of the graph.

    The page steps through a dataset's views like a slideshow: each highlights
    its ``actors`` and ``relations`` (ids of the dataset) and sets the page's
    filters: the entity kinds, relation categories and statuses it hides, and
    the dates from ``date_from`` to ``date_to``.
    """

    id: str
    title: str
    caption: str | None = None
    actors: tuple[str, ...] = ()
    relations: tuple[str, ...] = ()
    hide_kinds: tuple[str, ...] = ()
    hide_categories: tuple[str, ...] = ()
    hide_statuses: tuple[str, ...] = ()
    date_from: PartialDate | None = None
    date_to: PartialDate | None = None
    location: Location | None = field(default=None, compare=False)

    def within(self, actors: Collection[str], relations: Collection[str]) -> View:
        """Return the view naming only the actors and relations given (those of a filtered dataset).

        Parameters
        ----------
        actors, relations : collection of str
            The ids kept.

        Returns
        -------
        View
            A new view.

        Examples
        --------
        >>> View("v", "A step", actors=("a", "b"), relations=("r",)).within({"a"}, set()).actors
        ('a',)
        """
        return dataclasses.replace(
            self,
            actors=tuple(a for a in self.actors if a in actors),
            relations=tuple(r for r in self.relations if r in relations),
        )


@dataclass(frozen=True, slots=True)
class DatasetPart:
    """One of the datasets a combined dataset was made from, with its own description.

    A dataset loaded from several datasets at once (``relgraph.load([a, b])``) or
    merged from them keeps, for each, what its ``dataset:`` section said, so that
    each part's license and authors stay with it.
    """

    id: str
    title: str
    description: str | None = None
    notes: str | None = None
    license: str | None = None
    authors: str | None = None
    paths: tuple[str, ...] = ()


@dataclass(frozen=True)
class Dataset:
    """A loaded, validated dataset.

    Build one with :func:`relgraph.load`. ``graph()`` gives the NetworkX
    ``MultiDiGraph`` (a fresh copy on each call) and ``project()`` the
    simple weighted graph that algorithms refusing multigraphs need.
    """

    id: str
    title: str
    vocabulary: Vocabulary = field(repr=False)
    description: str | None = None
    notes: str | None = None
    sources: tuple[Source, ...] = ()
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    claims: tuple[Claim, ...] = ()
    paths: tuple[str, ...] = ()
    license: str | None = None
    authors: str | None = None
    #: ``attributed_to`` texts whose words the source frames as allegation: an item
    #: resting on them alone must be alleged, disputed or denied (``warning[not-alleged]``)
    alleged_attributions: tuple[str, ...] = ()
    warnings: tuple[Any, ...] = field(default=(), repr=False, compare=False)
    #: The datasets this one was made from, when it was loaded from several; else empty.
    parts: tuple[DatasetPart, ...] = ()
    #: The story the page steps through, in order (see :class:`View`).
    views: tuple[View, ...] = ()

    def entity(self, id: str) -> Entity:
        """Return the entity with this id, or the one it was merged into (one of its ``referents``).

        Looked up in an index made on first use.

        Parameters
        ----------
        id : str
            An entity id or old id.

        Returns
        -------
        Entity
            The entity.

        Raises
        ------
        KeyError
            When there is none.

        Examples
        --------
        >>> import relgraph
        >>> ds = relgraph.load("graph_data/cuba_iran_havana.yaml")
        >>> ds.entity("ebrahim-raisi").id
        'ibrahim-raisi'
        """
        try:
            return self._entities_by_id[id]
        except KeyError:
            pass
        try:
            return self._entities_by_referent[id]
        except KeyError:
            raise KeyError(id) from None

    def source(self, id: str) -> Source:
        """Return the source with this id (looked up in an index made on first use).

        Parameters
        ----------
        id : str
            A source id.

        Returns
        -------
        Source
            The source.

        Raises
        ------
        KeyError
            When there is none.

        Examples
        --------
        >>> import relgraph
        >>> relgraph.load("graph_data/cuba_iran.yaml").source("deepening-ties").reliability
        'F'
        """
        try:
            return self._sources_by_id[id]
        except KeyError:
            raise KeyError(id) from None

    @cached_property
    def _entities_by_id(self) -> dict[str, Entity]:
        return {e.id: e for e in reversed(self.entities)}  # the first of a repeated id wins

    @cached_property
    def _entities_by_referent(self) -> dict[str, Entity]:
        return {old: e for e in reversed(self.entities) for old in e.referents}

    @cached_property
    def _sources_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in reversed(self.sources)}

    @cached_property
    def _ties(self) -> Ties:
        ties: Ties = _bound("ties")(self)
        return ties

    @cached_property
    def _origins(self) -> Origins:
        origins: Origins = _bound("origins")(self)
        return origins

    def graph(self) -> nx.MultiDiGraph:
        """Return the dataset as a NetworkX ``MultiDiGraph``.

        See :func:`relgraph.graph.build_graph`.

        Returns
        -------
        networkx.MultiDiGraph
            A new graph, one node per entity and one edge per relation.

        Examples
        --------
        >>> import relgraph
        >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
        >>> ds.graph().number_of_edges() == len(ds.relations)
        True
        """
        graph: nx.MultiDiGraph = _bound("build_graph")(self)
        return graph

    def __repr__(self) -> str:
        """One short line: id, title and counts (see :func:`relgraph.jupyter.summary_text`)."""
        text: str = _bound("summary_text")(self)
        return text

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        """Jupyter shows a summary that survives reopening, then the page in a sandboxed frame.

        See :mod:`relgraph.jupyter`: a large dataset shows a message instead of the page.
        """
        bundle: dict[str, str] = _bound("mimebundle")(self)
        return bundle

    def _repr_html_(self) -> str:
        """Return the ``text/html`` of :meth:`_repr_mimebundle_`."""
        return self._repr_mimebundle_()["text/html"]

    def project(self, **options: Any) -> nx.Graph:
        """Return a simple weighted graph; see :func:`relgraph.graph.project`.

        Parameters
        ----------
        **options
            :func:`relgraph.graph.project`'s keyword arguments.

        Returns
        -------
        networkx.Graph or networkx.DiGraph
            A new simple graph.

        Examples
        --------
        >>> import relgraph
        >>> p = relgraph.load("graph_data/cuba_iran.yaml").project(weight="evidence")
        >>> p.is_multigraph()
        False
        """
        projected: nx.Graph = _bound("project")(self.graph(), **options)
        return projected


#: What :class:`Dataset`'s methods delegate to in the layers above the model
#: (the graph builder, the page, the origin grouping). Those modules put their
#: functions here when they are imported, which the package's ``__init__`` does,
#: so the model itself imports none of them and stays the bottom layer.
_BOUND: dict[str, Callable[..., Any]] = {}


def bind(**functions: Callable[..., Any]) -> None:
    """Give :class:`Dataset`'s delegating methods the functions of a higher layer.

    Called once by :mod:`relgraph.graph` (``build_graph``, ``project``),
    :mod:`relgraph.rendering` (``notebook``), :mod:`relgraph.jupyter`
    (``summary_text``, ``mimebundle``) and :mod:`relgraph.corroboration`
    (``origins``, ``ties``) when they load.

    Parameters
    ----------
    **functions : callable
        The functions by the name :class:`Dataset` calls them.

    Examples
    --------
    >>> import relgraph
    >>> from relgraph.graph import build_graph
    >>> _BOUND["build_graph"] is build_graph
    True
    """
    _BOUND.update(functions)


def _bound(name: str) -> Callable[..., Any]:
    return _BOUND[name]


_T = TypeVar("_T")


def quick_constructor(cls: type[_T]) -> Callable[..., _T]:
    """Return a faster constructor for one of the frozen, slotted model classes.

    A frozen dataclass's ``__init__`` sets each field through
    ``object.__setattr__``, which costs about five times a plain assignment:
    a fifth of the time of loading a bulk dataset went to making ``Relation``,
    ``Evidence`` and ``Location`` objects. This constructor fills a mutable
    twin class with the same slots and then gives the object its real class,
    so the result is an ordinary, frozen instance of ``cls``. Every field must
    be given, positionally, in the order the class declares them.

    Parameters
    ----------
    cls : type
        A frozen dataclass with slots.

    Returns
    -------
    callable
        ``make(*fields)``, taking every field positionally.

    Raises
    ------
    TypeError
        For a class that is not a dataclass with slots.

    Examples
    --------
    >>> make = quick_constructor(Location)
    >>> loc = make("data.jsonl", 3, 1)
    >>> loc == Location("data.jsonl", 3, 1), type(loc) is Location
    (True, True)
    >>> loc.line = 4
    Traceback (most recent call last):
    ...
    dataclasses.FrozenInstanceError: cannot assign to field 'line'
    """
    if not dataclasses.is_dataclass(cls) or "__slots__" not in cls.__dict__:
        raise TypeError(f"{cls.__name__} is not a dataclass with slots")
    twin = dataclasses.make_dataclass(
        f"_Mutable{cls.__name__}",
        [(f.name, Any) for f in dataclasses.fields(cls)],
        slots=True,
        eq=False,
        repr=False,
    )

    def make(*values: Any) -> _T:
        obj = twin(*values)
        obj.__class__ = cls  # the same slots in the same order: allowed, and cheap
        return obj  # type: ignore[no-any-return]

    make.__name__ = make.__qualname__ = f"quick_{cls.__name__}"
    return make

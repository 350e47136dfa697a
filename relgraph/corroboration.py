"""Independent origins and corroboration: what several reports are worth together.

Copies of one story are one origin, not corroboration. A source that is
``derived_from`` another (a translation, a republication, a rewrite) and
sources that relay the same ``origin`` (the same entity, or the same text
once case and white space are folded) are joined into one *independent
origin*. Every relation and claim then knows its quotes, its distinct sources
and its independent origins, and whether any of them is affiliated with one
of its ends (a party's own media do not confirm what concerns that party).

The rules
---------
- Sources are joined (union-find) when one is ``derived_from`` the other,
  when they have the same ``origin``, or when datasets loaded together each
  stored the same text (the same sha256) under their own ids
  (:func:`copies_across_parts`). Each group is one :class:`Origin`.
- An origin's id is the entity id of its shared origin if it has one, else
  the ``origin`` text (as the first source of the group writes it), else the
  id of its *root* source: the first, in dataset order, of the group's
  sources that derive from no other source of the group. Its label is the
  entity's name, the text, or the root source's title.
- An origin's affiliations are the ``affiliation`` entities of its root
  sources, plus the origin entity itself when the origin is an entity. (A
  Cuban outlet's translation of a wire story does not make the wire Cuban.)
- An evidence item's own ``origin`` overrides its source's group for that
  item only: a source id puts it in that source's origin, an entity id or
  text in the origin of the sources with that ``origin`` (or, when no source
  has it, in an origin of its own).
- A relation's or claim's :class:`Corroboration` counts its ``quotes`` (every
  evidence item), its ``sources`` (distinct source ids of every item), its
  ``origins`` (the distinct origins of the items that support or qualify it;
  a contradicting item corroborates nothing), ``independent`` (how many of
  those origins are affiliated with none of its ends: the relation's source
  and target, the claim's entity) and ``affiliated`` (whether any of them is).
- An origin is affiliated with an end when one of its affiliations is that
  end, or an actor the end is *tied* to through the dataset (see
  :class:`Ties`): a Cuban state outlet (``affiliation: cuba``) is affiliated
  with a relation of Cuba's president as it is with one of Cuba. An end is
  tied to an actor by a relation of the ``affiliation`` category (holds
  office in, is a member of, speaks for, or a type a dataset adds to that
  category) from the end to the actor, whatever its status but ``denied``
  and whatever its dates or modality; or by its ``country`` field, to each
  entity of kind ``state`` with that country. Ties are followed from the
  holder to what it belongs to, never back, and transitively (a minister of
  a ministry that is part of a state is tied to the state).
- ``status: confirmed`` needs ``independent >= 2``; :func:`unconfirmed`
  gives the warning ``validate`` prints otherwise (an error with ``--strict``).

Examples
--------
>>> import relgraph
>>> ds = relgraph.load("graph_data/cuba_iran.yaml")
>>> found = independent_origins(ds)
>>> [o.id for o in found]
['deepening-ties', 'agencia-efe']
>>> c = corroboration(ds, ds.relations[0])
>>> c.quotes >= 1, c.sources, c.origins, c.independent
(True, ('deepening-ties',), ('deepening-ties',), 1)
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from relgraph.errors import Diagnostic
from relgraph.model import Relation, bind

if TYPE_CHECKING:
    from relgraph.model import Claim, Dataset, Entity, Evidence, Source

__all__ = [
    "Corroboration",
    "Origin",
    "Origins",
    "Step",
    "Tie",
    "Ties",
    "copies_across_parts",
    "corroboration",
    "independent_origins",
    "unconfirmed",
]


@dataclass(frozen=True)
class Origin:
    """One independent origin: sources that copy, translate or relay one another.

    ``sources`` are the ids of its stored sources in dataset order (empty for
    an origin that only evidence items relay); ``affiliations`` the entity
    ids it is affiliated with; ``entity`` the origin entity, if it is one.
    """

    id: str
    label: str
    sources: tuple[str, ...]
    affiliations: tuple[str, ...]
    entity: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the origin as JSON-ready data (the page's ``origins`` entries).

        Returns
        -------
        dict
            ``id``, ``label``, ``sources`` and ``affiliations``.

        Examples
        --------
        >>> Origin("efe", "Agencia EFE", ("a", "b"), ("efe",), "efe").to_dict()
        {'id': 'efe', 'label': 'Agencia EFE', 'sources': ['a', 'b'], 'affiliations': ['efe']}
        """
        return {
            "id": self.id,
            "label": self.label,
            "sources": list(self.sources),
            "affiliations": list(self.affiliations),
        }


@dataclass(frozen=True)
class Corroboration:
    """How well a relation or claim is backed: see the module's rules.

    ``origins`` are origin ids; ``affiliated_origins`` those of them
    affiliated with an end of the relation (or the claim's entity), and
    ``ties`` why: one :class:`Tie` for each affiliation of theirs that
    reaches an end.
    """

    quotes: int
    sources: tuple[str, ...]
    origins: tuple[str, ...]
    independent: int
    affiliated: bool
    affiliated_origins: tuple[str, ...] = ()
    ties: tuple[Tie, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the counts as JSON-ready data (the page's ``corroboration`` objects).

        Returns
        -------
        dict
            ``quotes``, ``sources``, ``origins``, ``independent`` and ``affiliated``.

        Examples
        --------
        >>> Corroboration(3, ("a", "b"), ("efe",), 1, False).to_dict()
        {'quotes': 3, 'sources': 2, 'origins': ['efe'], 'independent': 1, 'affiliated': False}
        """
        return {
            "quotes": self.quotes,
            "sources": len(self.sources),
            "origins": list(self.origins),
            "independent": self.independent,
            "affiliated": self.affiliated,
        }

    def summary(self) -> str:
        """Return the counts as a reader sees them.

        Returns
        -------
        str
            One line.

        Examples
        --------
        >>> Corroboration(4, ("a", "b", "c"), ("x", "y"), 2, False).summary()
        '4 quotes · 3 sources · 2 independent origins'
        >>> Corroboration(1, ("a",), ("x",), 0, True, ("x",)).summary()
        '1 quote · 1 source · 0 independent origins (1 affiliated)'
        """

        def n(count: int, word: str) -> str:
            return f"{count} {word}" + ("" if count == 1 else "s")

        text = (
            f"{n(self.quotes, 'quote')} · {n(len(self.sources), 'source')} · "
            f"{n(self.independent, 'independent origin')}"
        )
        if self.affiliated_origins:
            text += f" ({len(self.affiliated_origins)} affiliated)"
        return text


@dataclass(frozen=True)
class Step:
    """One step of a tie: ``actor`` belongs to ``to``.

    ``relation`` is the id of the relation that says so, with ``label`` its
    type's label ("holds office in"); ``None`` when it is ``actor``'s
    ``country`` field (then ``label`` is the country code).
    """

    actor: str
    to: str
    relation: str | None
    label: str

    def text(self) -> str:
        """Return the step as messages write it.

        Returns
        -------
        str
            The step, with the relation it follows or the country it shares.

        Examples
        --------
        >>> Step("diaz-canel", "cuba", "dc-office", "holds office in").text()
        "'diaz-canel' holds office in 'cuba' (relation 'dc-office')"
        >>> Step("diaz-canel", "cuba", None, "CU").text()
        "'diaz-canel' has country CU, the country of 'cuba'"
        """
        if self.relation is None:
            return f"'{self.actor}' has country {self.label}, the country of '{self.to}'"
        return f"'{self.actor}' {self.label} '{self.to}' (relation '{self.relation}')"

    def to_dict(self) -> dict[str, Any]:
        """Return the step as JSON-ready data.

        Returns
        -------
        dict
            ``actor``, ``to``, ``relation`` and ``label``.

        Examples
        --------
        >>> Step("diaz-canel", "cuba", None, "CU").to_dict()
        {'actor': 'diaz-canel', 'to': 'cuba', 'relation': None, 'label': 'CU'}
        """
        return {"actor": self.actor, "to": self.to, "relation": self.relation, "label": self.label}


@dataclass(frozen=True)
class Tie:
    """Why an origin is affiliated with an end of a relation or claim.

    The origin ``origin`` is affiliated with ``actor``, and the end ``end``
    is that actor (``steps`` empty) or is tied to it by ``steps``, from the
    end to the actor.
    """

    origin: str
    actor: str
    end: str
    steps: tuple[Step, ...] = ()

    def text(self) -> str:
        """Return the tie as messages write it.

        Returns
        -------
        str
            The tie, with its steps.

        Examples
        --------
        >>> Tie("state-tv", "cuba", "cuba").text()
        "'state-tv' is affiliated with 'cuba'"
        >>> step = Step("diaz-canel", "cuba", "dc-office", "holds office in")
        >>> Tie("state-tv", "cuba", "diaz-canel", (step,)).text()
        "'state-tv' is affiliated with 'cuba', to which 'diaz-canel' is tied: 'diaz-canel' \
holds office in 'cuba' (relation 'dc-office')"
        """
        return f"'{self.origin}' is affiliated with {self.reason()}"

    def reason(self) -> str:
        """Return the actor and, when the end is not that actor, how the end is tied to it.

        Returns
        -------
        str
            The quoted actor id, then its steps.

        Examples
        --------
        >>> Tie("state-tv", "cuba", "cuba").reason()
        "'cuba'"
        """
        text = f"'{self.actor}'"
        if self.steps:
            text += f", to which '{self.end}' is tied: " + ", ".join(s.text() for s in self.steps)
        return text

    def to_dict(self) -> dict[str, Any]:
        """Return the tie as JSON-ready data (the page's ``ties`` entries).

        Returns
        -------
        dict
            ``origin``, ``actor``, ``end`` and ``steps``.

        Examples
        --------
        >>> Tie("state-tv", "cuba", "cuba").to_dict()
        {'origin': 'state-tv', 'actor': 'cuba', 'end': 'cuba', 'steps': []}
        """
        return {
            "origin": self.origin,
            "actor": self.actor,
            "end": self.end,
            "steps": [s.to_dict() for s in self.steps],
        }


#: The relation category whose relations tie an actor to what it belongs to.
AFFILIATION_CATEGORY = "affiliation"


class Ties:
    """Which actors each actor belongs to through the dataset's relations.

    An actor is tied to another by a relation of the ``affiliation``
    category from the first to the second (any status but ``denied``), and
    to each entity of kind ``state`` with its ``country``; ties are followed
    from the holder to what it belongs to, transitively. The index is made
    on first use, and each actor's ties when first asked for.

    Examples
    --------
    >>> import relgraph
    >>> ds = relgraph.load("graph_data/raisi_havana_2023.yaml")
    >>> ties = Ties(ds.relations, ds.vocabulary.relation_types, ds._entities_by_id)
    >>> [s.text() for s in ties.path("bruno-rodriguez-parrilla", "cuba") or ()]
    ["'bruno-rodriguez-parrilla' holds office in 'cuba' (relation 'rodriguez-holds-office-cuba')"]
    >>> ties.path("cuba", "cuba"), ties.path("cuba", "bruno-rodriguez-parrilla")
    ((), None)
    """

    def __init__(
        self,
        relations: Iterable[Relation],
        relation_types: Mapping[str, Any],
        entities: Mapping[str, Entity],
    ) -> None:
        self._relations = relations
        self._types = relation_types
        self._entities = entities
        self._up: dict[str, list[Step]] | None = None
        self._reach: dict[str, dict[str, tuple[Step, ...]]] = {}
        self._down: dict[str, list[str]] | None = None
        self._tied_to: dict[str, set[str]] = {}

    def _index(self) -> dict[str, list[Step]]:
        if self._up is not None:
            return self._up
        up: dict[str, list[Step]] = {}
        labels = {
            ident: t.label
            for ident, t in self._types.items()
            if t is not None and t.category == AFFILIATION_CATEGORY
        }
        for r in self._relations:
            if r.type not in labels or r.status == "denied" or r.source == r.target:
                continue
            up.setdefault(r.source, []).append(Step(r.source, r.target, r.id, labels[r.type]))
        states: dict[str, list[str]] = {}
        for e in self._entities.values():
            if e.kind == "state" and e.country:
                states.setdefault(e.country, []).append(e.id)
        if states:
            for e in self._entities.values():
                for state in states.get(e.country or "", ()):
                    if state != e.id:
                        up.setdefault(e.id, []).append(Step(e.id, state, None, e.country or ""))
        self._up = up
        return up

    def reach(self, actor: str) -> Mapping[str, tuple[Step, ...]]:
        """Every actor ``actor`` is tied to, with the shortest steps from it (dataset order).

        Parameters
        ----------
        actor : str
            An actor id.

        Returns
        -------
        mapping of str to tuple of Step
            Each actor reached, with the steps; ``actor`` itself with none.

        Examples
        --------
        >>> import relgraph
        >>> ds = relgraph.load("graph_data/raisi_havana_2023.yaml")
        >>> ties = Ties(ds.relations, ds.vocabulary.relation_types, ds._entities_by_id)
        >>> sorted(ties.reach("bruno-rodriguez-parrilla"))
        ['communist-party-of-cuba', 'cuba']
        """
        found = self._reach.get(actor)
        if found is not None:
            return found
        up = self._index()
        found = {}
        frontier: list[tuple[str, tuple[Step, ...]]] = [(actor, ())]
        seen = {actor}
        while frontier:
            following: list[tuple[str, tuple[Step, ...]]] = []
            for here, steps in frontier:
                for step in up.get(here, ()):
                    if step.to not in seen:
                        seen.add(step.to)
                        found[step.to] = (*steps, step)
                        following.append((step.to, found[step.to]))
            frontier = following
        self._reach[actor] = found
        return found

    def path(self, actor: str, to: str) -> tuple[Step, ...] | None:
        """Return the steps tying ``actor`` to ``to``.

        ``()`` when they are one, ``None`` when untied.

        Parameters
        ----------
        actor, to : str
            Actor ids.

        Returns
        -------
        tuple of Step or None
            The steps, shortest first found.

        Examples
        --------
        >>> import relgraph
        >>> ds = relgraph.load("graph_data/raisi_havana_2023.yaml")
        >>> ties = Ties(ds.relations, ds.vocabulary.relation_types, ds._entities_by_id)
        >>> [s.relation for s in ties.path("bruno-rodriguez-parrilla", "cuba")]
        ['rodriguez-holds-office-cuba']
        >>> ties.path("cuba", "bruno-rodriguez-parrilla"), ties.path("cuba", "cuba")
        (None, ())
        """
        if actor == to:
            return ()
        return self.reach(actor).get(to)

    def tied(self, actor: str, to: str) -> bool:
        """Whether :meth:`path` finds steps from ``actor`` to ``to`` (or they are one).

        Checked against every actor tied to ``to``, found once per ``to`` by
        following the ties backwards: a dataset names few affiliations and
        many ends, so this is cheaper than each end's :meth:`reach`.

        Parameters
        ----------
        actor, to : str
            Actor ids.

        Returns
        -------
        bool
            True when ``actor`` is ``to`` or tied to it.

        Examples
        --------
        >>> import relgraph
        >>> ds = relgraph.load("graph_data/raisi_havana_2023.yaml")
        >>> ties = Ties(ds.relations, ds.vocabulary.relation_types, ds._entities_by_id)
        >>> minister = "bruno-rodriguez-parrilla"
        >>> ties.tied(minister, "cuba"), ties.tied("cuba", minister)
        (True, False)
        """
        if actor == to:
            return True
        found = self._tied_to.get(to)
        if found is None:
            if self._down is None:
                self._down = {}
                for steps in self._index().values():
                    for step in steps:
                        self._down.setdefault(step.to, []).append(step.actor)
            down = self._down
            found = {to}
            frontier = [to]
            while frontier:
                following = []
                for here in frontier:
                    for before in down.get(here, ()):
                        if before not in found:
                            found.add(before)
                            following.append(before)
                frontier = following
            self._tied_to[to] = found
        return actor in found


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


class Origins:
    """The independent origins of a dataset, and each source's and evidence item's origin.

    :func:`independent_origins` gives a dataset's (made once per dataset).
    Iterating gives every :class:`Origin`: those of the sources in dataset
    order, then those only evidence items relay.
    """

    def __init__(
        self,
        sources: Iterable[Source],
        entities: Mapping[str, Entity],
        items: Iterable[Relation | Claim] = (),
        copies: Iterable[tuple[str, str]] = (),
        ties: Ties | None = None,
    ) -> None:
        sources = list(sources)
        self._entities = entities
        self._items = items
        self._ties = ties
        parent = {s.id: s.id for s in sources}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        def union(a: str, b: str) -> None:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[rb] = ra

        by_key: dict[tuple[str, str], str] = {}
        for s in sources:
            for p in s.derived_from:
                if p in parent:
                    union(s.id, p)
            key = _source_key(s)
            if key is not None:
                if key in by_key:
                    union(by_key[key], s.id)
                else:
                    by_key[key] = s.id
        for a, b in copies:
            if a in parent and b in parent:
                union(a, b)
        groups: dict[str, list[Source]] = {}
        for s in sources:
            groups.setdefault(find(s.id), []).append(s)
        self._taken: set[str] = set()
        self._list: list[Origin] = []
        self._by_id: dict[str, Origin] = {}
        self._of_source: dict[str, Origin] = {}
        self._of_key: dict[tuple[str, str], Origin] = {}
        for members in groups.values():
            origin = self._make(members)
            for s in members:
                self._of_source[s.id] = origin
                key = _source_key(s)
                if key is not None:
                    self._of_key[key] = origin
        self._scanned = False

    def _unique(self, ident: str) -> str:
        candidate, n = ident, 1
        while candidate in self._taken:
            n += 1
            candidate = f"{ident}#{n}"
        self._taken.add(candidate)
        return candidate

    def _entity(self, ident: str) -> Entity | None:
        return self._entities.get(ident)

    def _make(self, members: list[Source]) -> Origin:
        ids = {s.id for s in members}
        roots = [s for s in members if not any(p in ids for p in s.derived_from)] or members[:1]
        entities = [s.origin_entity for s in members if s.origin_entity]
        texts = [s.origin for s in members if s.origin and not s.origin_entity]
        affiliations: list[str] = []
        for s in roots:
            affiliations += [a for a in s.affiliation if a not in affiliations]
        affiliations += [e for e in dict.fromkeys(entities) if e not in affiliations]
        if entities:
            entity = self._entity(entities[0])
            ident, label = entities[0], entity.name if entity else entities[0]
        elif texts:
            ident = label = texts[0]
        else:
            ident, label = roots[0].id, roots[0].title
        origin = Origin(
            self._unique(ident),
            label,
            tuple(s.id for s in members),
            tuple(affiliations),
            entities[0] if entities else None,
        )
        self._list.append(origin)
        self._by_id[origin.id] = origin
        return origin

    def _relayed(self, text: str) -> Origin:
        """Return the origin an evidence item's ``origin`` names."""
        known = self._of_source.get(text)
        if known is not None:
            return known
        entity = self._entity(text)
        key = ("entity", text) if entity is not None else ("text", _fold(text))
        found = self._of_key.get(key)
        if found is None:
            found = Origin(
                self._unique(text),
                entity.name if entity is not None else text,
                (),
                (text,) if entity is not None else (),
                text if entity is not None else None,
            )
            self._of_key[key] = found
            self._list.append(found)
            self._by_id[found.id] = found
        return found

    def of_source(self, source: str) -> Origin:
        """Return the origin of the source with this id.

        Parameters
        ----------
        source : str
            A source id of the dataset.

        Returns
        -------
        Origin
            The origin it belongs to.

        Raises
        ------
        KeyError
            When the dataset has no such source.

        Examples
        --------
        >>> import relgraph
        >>> origins = independent_origins(relgraph.load("graph_data/cuba_iran.yaml"))
        >>> origins.of_source("deepening-ties").id
        'deepening-ties'
        """
        return self._of_source[source]

    def of_evidence(self, evidence: Evidence) -> Origin:
        """Return the origin of an evidence item: its own ``origin``, else its source's.

        Parameters
        ----------
        evidence : Evidence
            An evidence item of the dataset.

        Returns
        -------
        Origin
            The origin it comes from.

        Examples
        --------
        >>> import relgraph
        >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
        >>> independent_origins(ds).of_evidence(ds.relations[0].evidence[0]).id
        'deepening-ties'
        """
        if evidence.origin is not None:
            return self._relayed(evidence.origin)
        return self._of_source[evidence.source]

    def supporting(self, evidence: Iterable[Evidence]) -> list[str]:
        """Return the distinct origin ids of the items that support or qualify (not contradict).

        Parameters
        ----------
        evidence : iterable of Evidence
            A relation's or claim's evidence items.

        Returns
        -------
        list of str
            Origin ids, in the order the items come.

        Examples
        --------
        >>> import relgraph
        >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
        >>> independent_origins(ds).supporting(ds.relations[0].evidence)
        ['deepening-ties']
        """
        out: list[str] = []
        of_source = self._of_source
        for e in evidence:
            if e.stance == "contradicts":
                continue
            ident = (of_source[e.source] if e.origin is None else self._relayed(e.origin)).id
            if ident not in out:
                out.append(ident)
        return out

    def get(self, ident: str) -> Origin | None:
        """Return the origin with this id, if any (those evidence items relay included).

        Parameters
        ----------
        ident : str
            An origin id.

        Returns
        -------
        Origin or None
            The origin, or ``None``.

        Examples
        --------
        >>> import relgraph
        >>> origins = independent_origins(relgraph.load("graph_data/cuba_iran.yaml"))
        >>> origins.get("deepening-ties").label[:13], origins.get("nope")
        ('Deepening Tie', None)
        """
        if ident not in self._by_id and not self._scanned:
            list(self)
        return self._by_id.get(ident)

    def __iter__(self) -> Iterator[Origin]:
        """Yield each origin once, those only evidence items relay included."""
        if not self._scanned:  # the origins only evidence items relay
            self._scanned = True
            for item in self._items:
                for e in item.evidence:
                    if e.origin is not None:
                        self._relayed(e.origin)
        return iter(list(self._list))

    def __len__(self) -> int:
        """Return the number of origins."""
        return sum(1 for _ in self)

    def corroboration(self, item: Relation | Claim) -> Corroboration:
        """Return the :class:`Corroboration` of a relation or claim of the dataset.

        Parameters
        ----------
        item : Relation or Claim
            An item of the dataset.

        Returns
        -------
        Corroboration
            Its counts, origins and the ties that make some of them affiliated.

        Examples
        --------
        >>> import relgraph
        >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
        >>> independent_origins(ds).corroboration(ds.relations[0]).summary()
        '1 quote · 1 source · 1 independent origin'
        """
        ends = _ends(item)
        sources: dict[str, None] = {}
        origins: dict[str, Origin] = {}
        for e in item.evidence:
            sources[e.source] = None
            if e.stance != "contradicts":
                origin = self.of_evidence(e)
                origins.setdefault(origin.id, origin)
        ties: list[Tie] = []
        affiliated: list[str] = []
        for o in origins.values():
            for a in o.affiliations:
                tie = self._tie(o.id, a, ends)
                if tie is not None:
                    ties.append(tie)
                    if o.id not in affiliated:
                        affiliated.append(o.id)
        return Corroboration(
            quotes=len(item.evidence),
            sources=tuple(sources),
            origins=tuple(origins),
            independent=len(origins) - len(affiliated),
            affiliated=bool(affiliated),
            affiliated_origins=tuple(affiliated),
            ties=tuple(ties),
        )

    def independent(self, item: Relation | Claim) -> int:
        """``corroboration(item).independent``, without making the ties it lists.

        Parameters
        ----------
        item : Relation or Claim
            An item of the dataset.

        Returns
        -------
        int
            How many independent origins support or qualify it.

        Examples
        --------
        >>> import relgraph
        >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
        >>> independent_origins(ds).independent(ds.relations[0])
        1
        """
        return self._independent(item, len(item.evidence))

    def _independent(self, item: Relation | Claim, enough: int) -> int:
        """:meth:`independent`, counted no further than ``enough``."""
        ends = _ends(item)
        ties = self._ties
        by_id = self._by_id
        count = 0
        for ident in self.supporting(item.evidence):
            for a in by_id[ident].affiliations:
                if a in ends or (ties is not None and any(ties.tied(end, a) for end in ends)):
                    break
            else:
                count += 1
                if count >= enough:
                    break
        return count

    def _tie(self, origin: str, actor: str, ends: tuple[str, ...]) -> Tie | None:
        """How an end is tied to ``actor``: the end itself first, else the fewest steps."""
        if actor in ends:
            return Tie(origin, actor, actor)
        if self._ties is None:
            return None
        best: Tie | None = None
        for end in ends:
            steps = self._ties.path(end, actor)
            if steps is not None and (best is None or len(steps) < len(best.steps)):
                best = Tie(origin, actor, end, steps)
        return best


def _source_key(s: Source) -> tuple[str, str] | None:
    if s.origin_entity:
        return ("entity", s.origin_entity)
    if s.origin:
        return ("text", _fold(s.origin))
    return None


def _ends(item: Relation | Claim) -> tuple[str, ...]:
    return (item.source, item.target) if isinstance(item, Relation) else (item.entity,)


def copies_across_parts(dataset: Dataset) -> list[tuple[str, str]]:
    """Pairs of sources that store one text (one sha256) and come from different parts.

    Two datasets loaded together (``relgraph.load([a, b])``) that each stored
    one report under their own ids hold two copies of one story: one origin.
    Empty for a dataset loaded on its own.

    Parameters
    ----------
    dataset : Dataset
        A dataset, perhaps loaded from several parts.

    Returns
    -------
    list of (str, str)
        Each pair of source ids, the first part's first.

    Examples
    --------
    >>> import relgraph
    >>> copies_across_parts(relgraph.load("graph_data/cuba_iran.yaml"))
    []
    """
    if len(dataset.parts) < 2:
        return []
    part_of = {path: n for n, part in enumerate(dataset.parts) for path in part.paths}
    by_text: dict[str, list[tuple[str, int | None]]] = {}
    for s in dataset.sources:
        if s.sha256:
            part = part_of.get(s.location.path) if s.location is not None else None
            by_text.setdefault(s.sha256, []).append((s.id, part))
    pairs: list[tuple[str, str]] = []
    for same in by_text.values():
        if len(same) > 1 and len({part for _, part in same}) > 1:
            pairs += [(same[0][0], ident) for ident, _ in same[1:]]
    return pairs


def independent_origins(dataset: Dataset) -> Origins:
    """Return the independent origins of ``dataset`` (made once per dataset object).

    Parameters
    ----------
    dataset : Dataset
        A loaded dataset.

    Returns
    -------
    Origins
        The origins of its sources and of those its evidence items relay.

    Examples
    --------
    >>> import relgraph
    >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
    >>> independent_origins(ds).of_source("deepening-ties").label
    'Deepening Ties: Unpacking The Cuba-Iran Relationship'
    """
    return dataset._origins


def corroboration(dataset: Dataset, item: Relation | Claim) -> Corroboration:
    """Return the :class:`Corroboration` of one relation or claim of ``dataset``.

    Parameters
    ----------
    dataset : Dataset
        The dataset ``item`` belongs to.
    item : Relation or Claim
        The item whose evidence is counted.

    Returns
    -------
    Corroboration
        Its sources, independent origins and the steps that tie them.

    Examples
    --------
    >>> import relgraph
    >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
    >>> corroboration(ds, ds.relations[0]).independent
    1
    """
    return independent_origins(dataset).corroboration(item)


def unconfirmed(origins: Origins, item: Relation | Claim) -> Diagnostic | None:
    """Return the warning for a relation or claim marked confirmed without two independent origins.

    ``None`` when the item is not marked confirmed or has two or more
    independent origins.

    Parameters
    ----------
    origins : Origins
        The dataset's independent origins.
    item : Relation or Claim
        The item to check.

    Returns
    -------
    Diagnostic or None
        A ``warning[single-source]`` at the item, or ``None``.

    Examples
    --------
    >>> import relgraph
    >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
    >>> [unconfirmed(independent_origins(ds), r) for r in ds.relations[:2]]  # not confirmed
    [None, None]
    """
    if item.status != "confirmed" or item.location is None:
        return None
    if origins._independent(item, 2) >= 2:  # counted without the ties a warning lists
        return None
    c = origins.corroboration(item)
    if c.independent >= 2:
        return None
    what = "relation" if isinstance(item, Relation) else "claim"

    def named(ident: str) -> str:
        o = origins._by_id[ident]
        text = f"'{ident}'"
        if len(o.sources) > 1:
            text += f" ({len(o.sources)} sources: {', '.join(o.sources)})"
        return text

    free = [named(i) for i in c.origins if i not in c.affiliated_origins]
    message = f"{what} '{item.id}' is marked confirmed but has {c.independent} independent origin"
    message += "" if c.independent == 1 else "s"
    if free:
        message += f": {', '.join(free)}"
    if c.affiliated_origins:
        parts = []
        for i in c.affiliated_origins:
            ties = [t for t in c.ties if t.origin == i]
            direct = [repr(t.actor) for t in ties if not t.steps]
            reasons = ([", ".join(direct)] if direct else []) + [
                t.reason() for t in ties if t.steps
            ]
            text = f"{named(i)} is affiliated with " + "; and with ".join(reasons)
            parts.append(text)
        message += "; " + "; ".join(parts)
    loc = item.location
    return Diagnostic(
        loc.path,
        loc.line,
        loc.column,
        "unconfirmed",
        message,
        "confirmed needs two independent origins not affiliated with its ends: add evidence "
        "from another origin, or mark it reported",
        "warning",
    )


def _dataset_origins(dataset: Dataset) -> Origins:
    return Origins(
        dataset.sources,
        dataset._entities_by_id,
        itertools.chain(dataset.relations, dataset.claims),
        copies=copies_across_parts(dataset),
        ties=dataset._ties,
    )


def _dataset_ties(dataset: Dataset) -> Ties:
    return Ties(dataset.relations, dataset.vocabulary.relation_types, dataset._entities_by_id)


bind(origins=_dataset_origins, ties=_dataset_ties)

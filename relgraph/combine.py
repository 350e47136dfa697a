"""Loading several datasets as one.

An analyst maps one article, then the next; :func:`load_many` (and
``relgraph.load([a, b])``, and every command given several datasets) reads each
on its own, with its own rules and messages, and joins them:

- **An id means the same thing in every dataset.** ``iran`` is one actor
  wherever it is written, a source id one document, a relation id one relation.
- **A conflicting definition is reported, never silently picked**: one id with
  another name, kind or country (an actor), another text or grade (a source),
  other ends, type, dates or status (a relation) is an error located at the
  second definition, with the way out: different ids, or ``relgraph match`` and
  ``relgraph merge`` with judgements when they are one actor under two names.
- Where two definitions agree, their lists are joined: an actor's aliases, tags
  and external ids, and a relation's or claim's evidence (one quote from one
  source once).
- **An old id still names the actor it was merged into**: a dataset whose actor
  has an id that another dataset keeps among an actor's ``referents`` joins that
  actor (see :class:`_OldIds`), at the end of a chain of merges; another kind,
  country or external id is reported, as are old ids merged into one another in
  a cycle.
- **A relation or claim a merge folded is told once**: a dataset whose relation
  has an id that another dataset's relation keeps among its ``referents`` (the
  merge's, read with the dataset it was made from) folds into it, its evidence
  joined and the merge's fields kept (see :class:`_Folded`); claims alike.
- Two vocabularies may add the same kind or type only with the same meaning;
  another is ``error[vocabulary-clash]`` at the second definition.
- **Every dataset's story is kept**: their ``views:``, in order, each naming
  the actors its dataset named (an old id, the actor it was merged into). One
  view id with the same title, caption, filters and dates in two datasets is
  one view naming what both name; defined otherwise, it is a conflict like
  any other.
- The result says what it was made from: :attr:`Dataset.parts` keeps each
  dataset's description, notes, license and authors.

Examples
--------
>>> import relgraph
>>> ds = relgraph.load(["graph_data/cuba_iran.yaml", "graph_data/cuba_iran.yaml"])
>>> len(ds.relations) == len(relgraph.load("graph_data/cuba_iran.yaml").relations)
True
"""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from relgraph.corroboration import independent_origins, unconfirmed
from relgraph.errors import DatasetError, Diagnostic, counted
from relgraph.model import Claim, Dataset, DatasetPart, Entity, Evidence, Relation, View
from relgraph.progress import ProgressCallback
from relgraph.vocabulary import Vocabulary

__all__ = ["combine", "fold_actors", "join_views", "load_many", "redirect_view"]

_T = TypeVar("_T")

_WAY_OUT = {
    "entity": "if they are one actor under two definitions, run `relgraph match` and "
    "`relgraph merge` with a judgement; if not, give one of them another id",
    "source": "if they are two documents, give one of them another id; "
    "`relgraph merge` stores one text once whatever its ids",
    "relation": "`relgraph merge` folds one relation that two datasets tell differently; "
    "or give one of them another id",
    "claim": "`relgraph merge` folds one claim that two datasets tell differently; "
    "or give one of them another id",
    "view": "one id is one step of the story: give one of the views another id in its "
    "'views:' section, or define it alike in both",
}


def _where(item: Any, dataset: Dataset) -> tuple[str, int, int]:
    loc = getattr(item, "location", None)
    if loc is not None:
        return loc.path, loc.line, loc.column
    return (dataset.paths[0] if dataset.paths else dataset.id), 0, 0


def _at(item: Any) -> str:
    loc = getattr(item, "location", None)
    return f" at {loc}" if loc is not None else ""


def _differences(a: Any, b: Any, names: Sequence[str]) -> list[str]:
    return [n for n in names if getattr(a, n) != getattr(b, n)]


def _conflict(
    problems: list[Diagnostic],
    what: str,
    first: Any,
    item: Any,
    dataset: Dataset,
    fields: Sequence[str],
) -> None:
    path, line, column = _where(item, dataset)
    said = ", ".join(f"{n} {_show(getattr(first, n))} vs {_show(getattr(item, n))}" for n in fields)
    problems.append(
        Diagnostic(
            path,
            line,
            column,
            f"conflicting-{what}",
            f"the {what} '{item.id}' is defined differently{_at(first)} ({said})",
            _WAY_OUT[what],
        )
    )


def _show(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple) and value and isinstance(value[0], Evidence):
        return counted(len(value), "quote", "quotes")
    if isinstance(value, tuple) and all(isinstance(v, str) for v in value):
        return "[" + ", ".join(value) + "]"
    return repr(str(value))


def _union(a: tuple[_T, ...], b: tuple[_T, ...]) -> tuple[_T, ...]:
    return a + tuple(x for x in b if x not in a)


def _evidence_key(e: Evidence) -> tuple[str, str, int, int]:
    return (e.source, e.quote, e.start, e.end)


def _join_evidence(a: tuple[Evidence, ...], b: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
    seen = {_evidence_key(e) for e in a}
    return a + tuple(e for e in b if _evidence_key(e) not in seen)


def _redirect_value(value: Any, actors: Mapping[str, str]) -> Any:
    if isinstance(value, str):
        return actors.get(value, value)
    if isinstance(value, tuple):
        return tuple(actors.get(v, v) if isinstance(v, str) else v for v in value)
    return value


#: Fields of an evidence item or a source that name actors, redirected when actors join.
_ACTOR_FIELDS = ("attributed_to", "attributed_entity", "origin", "origin_entity", "affiliation")


@functools.cache
def _field_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls))


def _redirect(item: _T, actors: Mapping[str, str], sources: Mapping[str, str]) -> _T:
    changes: dict[str, Any] = {}
    names = _field_names(type(item))  # type: ignore[arg-type]
    for name in _ACTOR_FIELDS:
        if name in names:
            value = getattr(item, name)
            new = _redirect_value(value, actors)
            if name == "origin" and isinstance(value, str):
                new = sources.get(value, new)
            if new != value:
                changes[name] = new
    if "derived_from" in names:
        value = getattr(item, "derived_from")  # noqa: B009 - only some model classes have it
        new = tuple(sources.get(v, v) for v in value)
        if new != value:
            changes["derived_from"] = tuple(dict.fromkeys(new))
    if isinstance(item, Evidence) and item.source in sources:
        changes["source"] = sources[item.source]
    return dataclasses.replace(item, **changes) if changes else item  # type: ignore[type-var]


def _redirect_relation(
    r: Relation, actors: Mapping[str, str], sources: Mapping[str, str]
) -> Relation:
    """``r`` with its ends, its evidence and the actors and sources they name redirected."""
    evidence = tuple(_redirect(e, actors, sources) for e in r.evidence)
    source, target = actors.get(r.source, r.source), actors.get(r.target, r.target)
    same = source == r.source and target == r.target
    if same and all(x is y for x, y in zip(evidence, r.evidence, strict=True)):
        return _redirect(r, actors, sources)
    return dataclasses.replace(
        _redirect(r, actors, sources), source=source, target=target, evidence=evidence
    )


def _redirect_claim(c: Claim, actors: Mapping[str, str], sources: Mapping[str, str]) -> Claim:
    """``c`` with its actor, its evidence and the actors and sources they name redirected."""
    return dataclasses.replace(
        _redirect(c, actors, sources),
        entity=actors.get(c.entity, c.entity),
        evidence=tuple(_redirect(e, actors, sources) for e in c.evidence),
    )


def redirect_view(
    view: View, actors: Mapping[str, str], relations: Mapping[str, str] | None = None
) -> View:
    """``view`` naming the actors and relations that the ones it names were joined into.

    An id named twice once redirected (the two actors of a pair judged the
    same) is named once, where it came first.

    Parameters
    ----------
    view : View
        The view to redirect; it is not changed.
    actors : mapping of str to str
        Each old actor id to the id it was joined into.
    relations : mapping of str to str, optional
        Each old relation id to the id it was joined into.

    Returns
    -------
    View
        A new view (or ``view`` itself when nothing it names moved).

    Examples
    --------
    >>> v = View("visit", "The visit", actors=("ebrahim-raisi", "ibrahim-raisi", "cuba"))
    >>> redirect_view(v, {"ebrahim-raisi": "ibrahim-raisi"}).actors
    ('ibrahim-raisi', 'cuba')
    """
    relations = relations or {}
    named = tuple(dict.fromkeys(actors.get(a, a) for a in view.actors))
    related = tuple(dict.fromkeys(relations.get(r, r) for r in view.relations))
    if named == view.actors and related == view.relations:
        return view
    return dataclasses.replace(view, actors=named, relations=related)


def join_views(
    parts: Sequence[tuple[Dataset, Sequence[View]]], problems: list[Diagnostic]
) -> tuple[View, ...]:
    """Every view of every part, in order; one view id defined twice alike is one view.

    Two definitions of one id are alike when their title, caption, filters and
    dates agree; the view then names the actors and relations of both (a merge
    written before relations kept their old ids, read with one of its inputs,
    has a relation it folded under the input's id and under the merge's, and
    both are in the graph). Otherwise it is
    ``error[conflicting-view]``, located at the second definition, as for any
    other conflicting id.

    Parameters
    ----------
    parts : sequence of (Dataset, sequence of View)
        Each part and its views, in order.
    problems : list of Diagnostic
        Where a ``conflicting-view`` error is added.

    Returns
    -------
    tuple of View
        The views, each id once.

    Examples
    --------
    >>> import relgraph
    >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
    >>> len(join_views([(ds, ds.views), (ds, ds.views)], [])) == len(ds.views)
    True
    """
    out: dict[str, View] = {}
    for ds, views in parts:
        for view in views:
            first = out.setdefault(view.id, view)
            if first is view:
                continue
            differ = _differences(first, view, _VIEW_COMPARED)
            if differ:
                _conflict(problems, "view", first, view, ds, differ)
                continue
            out[view.id] = dataclasses.replace(
                first,
                actors=_union(first.actors, view.actors),
                relations=_union(first.relations, view.relations),
            )
    return tuple(out.values())


#: What two definitions of one view id must agree on: everything but what they name.
_VIEW_COMPARED = tuple(
    f.name
    for f in dataclasses.fields(View)
    if f.name not in ("id", "location", "actors", "relations")
)


def _vocabularies(datasets: Sequence[Dataset], problems: list[Diagnostic]) -> Vocabulary:
    first = datasets[0].vocabulary
    tables: dict[str, dict[str, Any]] = {
        name: dict(getattr(first, name))
        for name in ("entity_kinds", "categories", "relation_types")
    }
    noun = {"entity_kinds": "entity kind", "categories": "category", "relation_types": "type"}
    where = dict(first.where)
    for ds in datasets[1:]:
        for name, table in tables.items():
            for ident, entry in getattr(ds.vocabulary, name).items():
                if ident not in table:
                    table[ident] = entry
                    if (name, ident) in ds.vocabulary.where:
                        where[(name, ident)] = ds.vocabulary.where[(name, ident)]
                    continue
                if table[ident] == entry:
                    continue
                here = ds.vocabulary.where.get((name, ident))
                path, line, column = (
                    (here.path, here.line, here.column) if here else _where(None, ds)
                )
                earlier = where.get((name, ident))
                fields = [f.name for f in dataclasses.fields(entry) if f.name != "id"]
                said = ", ".join(
                    f"{n} {_show(getattr(table[ident], n))} vs {_show(getattr(entry, n))}"
                    for n in _differences(table[ident], entry, fields)
                )
                problems.append(
                    Diagnostic(
                        path,
                        line,
                        column,
                        "vocabulary-clash",
                        f"the {noun[name]} '{ident}' means something else here than "
                        + (f"at {earlier}" if earlier else "in an earlier dataset")
                        + f" ({said})",
                        f"give one of them another id in its 'vocabulary:' section, "
                        f"or define '{ident}' the same way in both",
                    )
                )
    return dataclasses.replace(first, **tables, where=where)


def _join(
    datasets: Sequence[Dataset],
    items: Callable[[Dataset], Sequence[_T]],
    compare: Callable[[_T, _T], list[str]],
    fold: Callable[[_T, _T], _T],
    what: str,
    problems: list[Diagnostic],
    conflict: Callable[[_T, _T, Dataset, list[str]], bool] | None = None,
) -> tuple[_T, ...]:
    out: dict[str, _T] = {}
    for ds in datasets:
        for item in items(ds):
            ident = item.id  # type: ignore[attr-defined]
            if ident not in out:
                out[ident] = item
                continue
            first = out[ident]
            differ = compare(first, item)
            if differ:
                if conflict is None or not conflict(first, item, ds, differ):
                    _conflict(problems, what, first, item, ds, differ)
            else:
                out[ident] = fold(first, item)
    return tuple(out.values())


def _entity_diff(a: Entity, b: Entity) -> list[str]:
    differ = _differences(a, b, ("name", "kind"))
    if a.country and b.country and a.country != b.country:
        differ.append("country")
    ids_a, ids_b = dict(a.external_ids), dict(b.external_ids)
    if any(ids_a[k] != ids_b[k] for k in set(ids_a) & set(ids_b)):
        differ.append("external_ids")
    return differ


def fold_actors(members: Sequence[Entity], *, join_descriptions: bool = False) -> Entity:
    """One actor from several definitions of it: the first's id, name and kind are kept.

    The other definitions' names and every alias become aliases (the kept
    name is not repeated); tags, external ids and referents are joined; the
    country is the first one given; the description is the first one given,
    or with ``join_descriptions`` every distinct one, each after the other.
    Loading datasets together folds the definitions of one id with it, and
    :func:`relgraph.merging.merge` the actors judged the same.

    Parameters
    ----------
    members : sequence of Entity
        The definitions, the one whose id, name and kind are kept first.
    join_descriptions : bool
        Keep every distinct description, not only the first.

    Returns
    -------
    Entity
        A new actor.

    Examples
    --------
    >>> a = Entity("raisi", "Ibrahim Raisi", "official", tags=("iran",))
    >>> b = Entity("ebrahim-raisi", "Ebrahim Raisi", "official", aliases=("Raisi",))
    >>> one = fold_actors([a, b])
    >>> one.id, one.aliases, one.tags
    ('raisi', ('Ebrahim Raisi', 'Raisi'), ('iran',))
    """
    head = members[0]
    labels = (
        label for e in members for label in (e.aliases if e is head else (e.name, *e.aliases))
    )
    descriptions = [e.description for e in members if e.description]
    if join_descriptions:
        description = "\n\n".join(dict.fromkeys(descriptions)) or None
    else:
        description = descriptions[0] if descriptions else None
    return dataclasses.replace(
        head,
        aliases=tuple(dict.fromkeys(label for label in labels if label != head.name)),
        tags=tuple(dict.fromkeys(t for e in members for t in e.tags)),
        external_ids=tuple(sorted({pair for e in members for pair in e.external_ids})),
        country=head.country or next((e.country for e in members if e.country), None),
        description=description,
        referents=tuple(dict.fromkeys(old for e in members for old in e.referents)),
    )


class _OldIds:
    """Actors that a dataset names by an old id, the referent of an actor of another.

    ``relgraph merge`` keeps the ids it folded into an actor as its ``referents``,
    and an old id still names that actor. A dataset loaded with the merged one that
    uses such an id for an actor of its own (the dataset the merge was made from, or
    one curated with its ids) is speaking of that actor: its definition joins the
    actor under the kept id, its name becoming an alias, and its relations, claims
    and evidence are redirected. Its name may differ (that is why the merge joined
    them); its kind, country or external ids may not.
    """

    def __init__(self, datasets: Sequence[Dataset], problems: list[Diagnostic]) -> None:
        self.problems = problems
        #: each old id: the actor it names and the dataset saying so
        self.owner: dict[str, tuple[Entity, Dataset]] = {}
        #: the actors renamed to the id they were merged into, by object, with the old id
        self.renamed: dict[int, tuple[Entity, str]] = {}
        for ds in datasets:
            for e in ds.entities:
                for old in e.referents:
                    held = self.owner.setdefault(old, (e, ds))
                    if held[0].id != e.id:
                        path, line, column = _where(e, ds)
                        problems.append(
                            Diagnostic(
                                path,
                                line,
                                column,
                                "conflicting-referent",
                                f"the old id '{old}' is a referent of '{e.id}' here, but of "
                                f"'{held[0].id}'{_at(held[0])}",
                                "an old id names the one actor it was merged into: keep it in "
                                "the referents of one of them",
                            )
                        )
        self.order = {id(ds): n for n, ds in enumerate(datasets)}
        #: each old id: the actor it names at the end of its chain of merges, and its dataset
        self.final: dict[str, tuple[Entity, Dataset]] = {}
        self.cycles()

    def cycles(self) -> None:
        """Follow each old id to the actor kept at the end; report each cycle once.

        One merge may have folded ``persia`` into ``iran`` and a later one
        ``iran`` into ``islamic-republic``: ``persia`` names ``islamic-republic``.
        Two datasets that each keep the other's id as an old one (``iran`` merged
        into ``persia`` here, ``persia`` into ``iran`` there) name no actor kept:
        ``error[referent-cycle]``, located at the actor that closes the cycle.
        """
        reported: set[frozenset[str]] = set()
        for start in self.owner:
            chain = [start]
            held = self.owner[start]
            while held[0].id in self.owner and held[0].id not in chain:
                chain.append(held[0].id)
                held = self.owner[held[0].id]
            if held[0].id not in chain:
                self.final[start] = held
                continue
            ring = chain[chain.index(held[0].id) :]
            if frozenset(ring) in reported:
                continue
            reported.add(frozenset(ring))
            # the actor of the latest dataset closes the cycle; the ring starts at its old id
            last = max(
                range(len(ring)),
                key=lambda k: (self.order[id(self.owner[ring[k]][1])], -k),
            )
            ring = ring[last:] + ring[:last]
            entity, ds = self.owner[ring[0]]
            path, line, column = _where(entity, ds)
            steps = ", which was merged into ".join(f"'{old}'" for old in [*ring, ring[0]])
            self.problems.append(
                Diagnostic(
                    path,
                    line,
                    column,
                    "referent-cycle",
                    f"the old ids are merged into one another in a cycle: {steps}",
                    "an old id names an actor that is kept, not one merged away in turn: list "
                    "the old ids under the referents of the one actor kept, and none under the "
                    "others",
                )
            )

    def rename(self, ds: Dataset) -> Dataset:
        """``ds`` with each actor it names by an old id under the id it was merged into."""
        ids = {e.id for e in ds.entities}
        actors: dict[str, str] = {}
        for e in ds.entities:
            held = self.owner.get(e.id)
            if held is None or held[0].id == e.id or e.id not in self.final:
                continue  # not an old id, or one on a cycle (reported)
            owner = self.final[e.id][0]  # merged again since: the actor kept at the end
            if owner.id in ids:  # this dataset keeps the two apart
                path, line, column = _where(e, ds)
                self.problems.append(
                    Diagnostic(
                        path,
                        line,
                        column,
                        "conflicting-referent",
                        f"the actor '{e.id}' was merged into '{owner.id}'{_at(owner)}, but "
                        f"this dataset has '{e.id}' and '{owner.id}' as two actors",
                        f"if they are one actor, judge the pair the same with `relgraph "
                        f"match` and `relgraph merge`; if not, give '{e.id}' another id",
                    )
                )
                continue
            actors[e.id] = owner.id
        if not actors:
            return ds
        entities = []
        for e in ds.entities:
            if e.id in actors:
                moved = dataclasses.replace(e, id=actors[e.id])
                self.renamed[id(moved)] = (moved, e.id)
                entities.append(moved)
            else:
                entities.append(e)

        return dataclasses.replace(
            ds,
            entities=tuple(entities),
            sources=tuple(_redirect(s, actors, {}) for s in ds.sources),
            relations=tuple(_redirect_relation(r, actors, {}) for r in ds.relations),
            claims=tuple(_redirect_claim(c, actors, {}) for c in ds.claims),
            views=tuple(redirect_view(v, actors) for v in ds.views),
        )

    def old_id(self, e: Entity) -> str | None:
        held = self.renamed.get(id(e))
        return held[1] if held is not None and held[0] is e else None

    def compare(self, a: Entity, b: Entity) -> list[str]:
        differ = _entity_diff(a, b)
        if (self.old_id(a) is None) != (self.old_id(b) is None):
            differ = [d for d in differ if d != "name"]  # the merge joined two names
        return differ

    def fold(self, a: Entity, b: Entity) -> Entity:
        if self.old_id(a) is not None and self.old_id(b) is None:
            return fold_actors([b, a])  # the actor the old id was merged into leads
        one = fold_actors([a, b])
        if self.old_id(a) is not None:  # both named by the old id: still to be joined
            self.renamed[id(one)] = (one, self.old_id(a) or "")
        return one

    def conflict(self, a: Entity, b: Entity, ds: Dataset, differ: list[str]) -> bool:
        """Report a definition under an old id that another actor's differs from."""
        old = self.old_id(b) or self.old_id(a)
        if old is None or (self.old_id(a) is None) == (self.old_id(b) is None):
            return False
        renamed, kept = (b, a) if self.old_id(b) is not None else (a, b)
        said = ", ".join(
            f"{n} {_show(getattr(renamed, n))} vs {_show(getattr(kept, n))}" for n in differ
        )
        path, line, column = _where(renamed, ds)  # located at the old id's definition
        self.problems.append(
            Diagnostic(
                path,
                line,
                column,
                "conflicting-entity",
                f"the actor '{old}' was merged into '{kept.id}'{_at(kept)}, which is defined "
                f"differently ({said})",
                f"an old id names the actor it was merged into: if '{old}' is another actor "
                "here, give it another id; if it is the same one, define it alike",
            )
        )
        return True


class _Folded:
    """Relations (or claims) that a merge folded into one, named by their old ids.

    ``relgraph merge`` keeps the ids of the relations it folded into one as
    that relation's ``referents``. A dataset read with the merge that still has
    one of them (the dataset the merge was made from) is telling the relation
    the merge holds: it folds into it, its evidence joined, the merge's fields
    kept (they are the fold of both), instead of showing twice or clashing. A
    dataset that holds the kept relation too keeps its two apart.
    """

    def __init__(
        self,
        datasets: Sequence[Dataset],
        items: Callable[[Dataset], Sequence[Any]],
        sha: Mapping[str, str],
        problems: list[Diagnostic],
    ) -> None:
        self.items = items
        self.sha = sha
        self.problems = problems
        #: each id a folded relation answers for (its own and its old ones), and where
        self.owner: dict[str, tuple[Any, Dataset]] = {}
        for ds in datasets:
            for item in items(ds):
                if item.referents:
                    for old in (item.id, *item.referents):
                        self.owner.setdefault(old, (item, ds))
        #: the items, by object, that a dataset told under an id the merge folded
        self.folded_in: set[int] = set()
        #: the items renamed to the id they were folded into, by object, with the old id
        self.old_id: dict[int, tuple[Any, str]] = {}
        self.home: dict[int, Dataset] = {}

    def rename(self, ds: Dataset) -> tuple[list[Any], dict[str, str]]:
        """``ds``'s items, each folded one under the id it was folded into, and the moves."""
        mine = {item.id for item in self.items(ds)}
        out: list[Any] = []
        moved: dict[str, str] = {}
        for item in self.items(ds):
            held = self.owner.get(item.id)
            if held is None or held[1] is ds or (held[0].id != item.id and held[0].id in mine):
                out.append(item)
                continue
            if held[0].id != item.id:
                moved[item.id] = held[0].id
                old = item.id
                item = dataclasses.replace(item, id=held[0].id)
                self.old_id[id(item)] = (item, old)
                self.home[id(item)] = ds
            self.folded_in.add(id(item))
            out.append(item)
        return out, moved

    def compare(self, a: Any, b: Any) -> list[str]:
        if id(a) in self.folded_in or id(b) in self.folded_in:
            # the merge folded them knowingly, its fields the fold of both: only what it
            # never changes must agree (another type or other ends is another relation)
            if isinstance(a, Claim):
                return _differences(a, b, ("entity",))
            if {a.source, a.target} == {b.source, b.target}:
                return _differences(a, b, ("type",))
            return _differences(a, b, ("type", "source", "target"))
        return _differences(a, b, _compared(a))

    def conflict(self, a: Any, b: Any, ds: Dataset, differ: list[str]) -> bool:
        """Report an item told under an old id that the item it was folded into differs from."""
        renamed, kept = (b, a) if id(b) in self.old_id else (a, b)
        held = self.old_id.get(id(renamed))
        if held is None or held[0] is not renamed:
            return False
        what = "claim" if isinstance(b, Claim) else "relation"
        said = ", ".join(
            f"{n} {_show(getattr(kept, n))} vs {_show(getattr(renamed, n))}" for n in differ
        )
        # located at the old id's definition, whichever dataset came first
        path, line, column = _where(renamed, self.home.get(id(renamed), ds))
        self.problems.append(
            Diagnostic(
                path,
                line,
                column,
                f"conflicting-{what}",
                f"the {what} '{held[1]}' was folded into '{kept.id}'{_at(kept)}, which is defined "
                f"differently ({said})",
                f"an old id names the {what} it was folded into: if '{held[1]}' is another "
                f"{what} here, give it another id",
            )
        )
        return True

    def fold(self, a: Any, b: Any) -> Any:
        a_in, b_in = id(a) in self.folded_in, id(b) in self.folded_in
        if not (a_in or b_in):
            return _fold_evidence(a, b)
        lead, other = (b, a) if a_in and not b_in else (a, b)
        seen = {self.key(e) for e in lead.evidence}
        one = dataclasses.replace(
            lead,
            evidence=lead.evidence + tuple(e for e in other.evidence if self.key(e) not in seen),
        )
        if a_in and b_in:  # both told by the inputs: still to meet the merge's
            self.folded_in.add(id(one))
        return one

    def key(self, e: Evidence) -> tuple[str, str, int, int]:
        """One quote of one text, whatever the source's id (a merge stores a text once)."""
        return (self.sha.get(e.source, e.source), e.quote, e.start, e.end)


#: Fields that may differ between two definitions of one id without a conflict.
_FREE = frozenset({"id", "location", "notes", "evidence", "text", "text_path"})


def _compared(item: Any) -> list[str]:
    """Return the fields two definitions of one id must agree on: every field but the free ones."""
    return [f.name for f in dataclasses.fields(item) if f.name not in _FREE]


def _fold_evidence(a: Any, b: Any) -> Any:
    return dataclasses.replace(a, evidence=_join_evidence(a.evidence, b.evidence))


def combine(datasets: Sequence[Dataset]) -> Dataset:
    """One dataset holding everything of ``datasets``, each loaded on its own.

    Parameters
    ----------
    datasets : sequence of Dataset
        One or more loaded datasets. One is returned as it is.

    Returns
    -------
    Dataset
        Its id and title join the parts'; :attr:`Dataset.parts` describes
        each; ``license`` and ``authors`` are set only when every part agrees.

    Raises
    ------
    DatasetError
        Every conflicting definition, located at the second one.
    ValueError
        When ``datasets`` is empty.

    Examples
    --------
    >>> import relgraph
    >>> one = relgraph.load("graph_data/cuba_iran.yaml")
    >>> combine([one, one]) is one
    True
    """
    if not datasets:
        raise ValueError("combine needs at least one dataset")
    unique: list[Dataset] = []
    for ds in datasets:
        if not any(ds is u for u in unique):
            unique.append(ds)
    if len(unique) == 1:
        return unique[0]
    problems: list[Diagnostic] = []
    vocabulary = _vocabularies(unique, problems)
    old_ids = _OldIds(unique, problems)
    unique = [old_ids.rename(ds) for ds in unique]
    sources = _join(
        unique,
        lambda d: d.sources,
        lambda a, b: _differences(a, b, _compared(a)),
        lambda a, b: a,
        "source",
        problems,
    )
    entities = _join(
        unique,
        lambda d: d.entities,
        old_ids.compare,
        old_ids.fold,
        "entity",
        problems,
        old_ids.conflict,
    )
    # relations and claims a merge folded, told again under their old ids, fold into it
    sha = {s.id: s.sha256 for s in sources}
    folded_relations = _Folded(unique, lambda d: d.relations, sha, problems)
    folded_claims = _Folded(unique, lambda d: d.claims, sha, problems)
    for n, ds in enumerate(unique):
        if not (folded_relations.owner or folded_claims.owner):
            break  # no merge among them: nothing was folded
        rels, moved = folded_relations.rename(ds)
        said, _ = folded_claims.rename(ds)
        unique[n] = dataclasses.replace(
            ds,
            relations=tuple(rels),
            claims=tuple(said),
            views=tuple(redirect_view(v, {}, moved) for v in ds.views),
        )
    relations: tuple[Relation, ...] = _join(
        unique,
        lambda d: d.relations,
        folded_relations.compare,
        folded_relations.fold,
        "relation",
        problems,
        folded_relations.conflict,
    )
    claims: tuple[Claim, ...] = _join(
        unique,
        lambda d: d.claims,
        folded_claims.compare,
        folded_claims.fold,
        "claim",
        problems,
        folded_claims.conflict,
    )
    views = join_views([(ds, ds.views) for ds in unique], problems)
    if problems:
        raise DatasetError(sorted(problems, key=Diagnostic.sort_key))
    parts: list[DatasetPart] = []
    for ds in unique:
        for part in ds.parts or (
            DatasetPart(
                ds.id, ds.title, ds.description, ds.notes, ds.license, ds.authors, ds.paths
            ),
        ):
            if all(p.id != part.id for p in parts):
                parts.append(part)
    ident = "+".join(p.id for p in parts)
    licenses = {p.license for p in parts}
    authors = {p.authors for p in parts}
    paths = tuple(dict.fromkeys(p for ds in unique for p in ds.paths))
    # the corroboration warnings are the whole's, counted again below
    warnings = [
        w for ds in unique for w in ds.warnings if w.code not in ("unconfirmed", "single-source")
    ]
    joined = Dataset(
        id=ident,
        title=" + ".join(p.title for p in parts),
        vocabulary=vocabulary,
        sources=sources,
        entities=entities,
        relations=relations,
        claims=claims,
        parts=tuple(parts) if len(parts) > 1 else (),
    )
    # corroboration is counted across the parts: two datasets quoting one wire story, or
    # storing one text under two ids, add one origin, not two
    origins = independent_origins(joined)
    items: list[Relation | Claim] = [*relations, *claims]
    for item in items:
        if (warning := unconfirmed(origins, item)) is not None:
            warnings.append(warning)
    return Dataset(
        id=ident,
        title=" + ".join(p.title for p in parts),
        vocabulary=vocabulary,
        description="Made from: " + "; ".join(f"{p.title} ({p.id})" for p in parts),
        notes=None,
        sources=sources,
        entities=entities,
        relations=relations,
        claims=claims,
        paths=paths,
        license=licenses.pop() if len(licenses) == 1 else None,
        authors=authors.pop() if len(authors) == 1 else None,
        alleged_attributions=tuple(
            dict.fromkeys(a for ds in unique for a in ds.alleged_attributions)
        ),
        warnings=tuple(sorted(dict.fromkeys(warnings), key=Diagnostic.sort_key)),
        parts=tuple(parts) if len(parts) > 1 else (),
        views=views,
    )


def load_many(
    paths: Sequence[str | os.PathLike[str]], *, progress: ProgressCallback | None = None
) -> Dataset:
    """Load each dataset at ``paths`` and :func:`combine` them.

    Every dataset's problems are collected before anything is raised, so one
    run reports them all.

    Parameters
    ----------
    paths : sequence of str or os.PathLike
        The datasets (files or folders), in order; a path given twice is read once.
    progress : callable, optional
        ``progress(stage, done, total)`` while each is loaded.

    Returns
    -------
    Dataset
        The datasets combined (see :func:`combine`).

    Raises
    ------
    DatasetError
        Every problem of every dataset, then every conflict between them.
    ValueError
        When ``paths`` is empty.

    Examples
    --------
    >>> ds = load_many(["graph_data/cuba_iran.yaml"])
    >>> ds.id
    'cuba_iran'
    """
    from relgraph.load.fast import load_path

    loaded: list[Dataset] = []
    problems: list[Diagnostic] = []
    seen: set[str] = set()
    for path in paths:
        key = os.path.realpath(os.fspath(path))
        if key in seen:
            continue
        seen.add(key)
        try:
            loaded.append(load_path(path, progress=progress))
        except DatasetError as exc:
            problems.extend(exc.diagnostics)
    if problems:
        raise DatasetError(problems)
    if not loaded:
        raise ValueError("load_many needs at least one path")
    return combine(loaded)

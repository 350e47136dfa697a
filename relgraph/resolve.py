"""Finding the actor or relation a user means from what they typed.

An actor may be named by its id, its name, any of its aliases or an old id
that a merge folded into it (its ``referents``). Matching
ignores case, accents, the kind of quotation marks and dashes, and runs of
white space: ``"raul castro"`` finds *Raúl Castro*. An exact id always wins.
When nothing matches, or more than one actor does, a :class:`UsageError`
says so and suggests what to type instead.

Examples
--------
>>> import relgraph
>>> ds = relgraph.load("graph_data/cuba_iran.yaml")
>>> resolve_actor(ds, "IRAN").id
'iran'
>>> resolve_actor(ds, "Hezbolah")
Traceback (most recent call last):
...
relgraph.errors.UsageError: no actor is called 'Hezbolah'
  hint: did you mean 'Hezbollah' (hezbollah)?
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from relgraph.errors import UsageError, closest_names, shorten
from relgraph.model import Dataset, Entity, Relation
from relgraph.quotes import normalize

__all__ = ["fold", "merged_note", "resolve_actor", "resolve_relation"]


def fold(text: str) -> str:
    """Return the form of ``text`` that actor matching compares.

    Parameters
    ----------
    text : str
        An id, a name or what the user typed.

    Returns
    -------
    str
        The text folded: no case or accents, dashes alike, spaces collapsed.

    Examples
    --------
    >>> fold("  Raúl   CASTRO ")
    'raul castro'
    >>> fold("Díaz\u2011Canel") == fold("diaz-canel")
    True
    """
    text = unicodedata.normalize("NFKD", normalize(text).casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def _labels(entity: Entity) -> Iterable[str]:
    yield entity.id
    yield entity.name
    yield from entity.aliases
    yield from entity.referents


def resolve_actor(dataset: Dataset, ref: str) -> Entity:
    """Return the one actor of ``dataset`` that ``ref`` names.

    Parameters
    ----------
    dataset : Dataset
        Where to look.
    ref : str
        An actor's id, name or alias (case, accents and spacing ignored), or
        an old id a merge folded into it (:func:`merged_note` says so).

    Returns
    -------
    Entity

    Raises
    ------
    UsageError
        When no actor matches (with the closest names as a hint), or when
        more than one does (listing them with their ids).

    Examples
    --------
    >>> import relgraph
    >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
    >>> resolve_actor(ds, "hamas").name
    'Hamas'
    """
    for e in dataset.entities:
        if e.id == ref:
            return e
    for e in dataset.entities:
        if ref in e.referents:
            return e
    key = fold(ref)
    found = [e for e in dataset.entities if any(fold(label) == key for label in _labels(e))]
    if len(found) == 1:
        return found[0]
    if found:
        listing = ", ".join(f"{e.id} ({e.name})" for e in found)
        raise UsageError(
            f"'{ref}' matches {len(found)} actors: {listing}\n"
            "  hint: give the id of the one you mean"
        )
    by_label: dict[str, Entity] = {}
    for e in dataset.entities:
        for label in _labels(e):
            by_label.setdefault(fold(label), e)
    close = closest_names(key, list(by_label), n=3)
    seen: list[Entity] = []
    for label in close:
        if by_label[label] not in seen:
            seen.append(by_label[label])
    if seen:
        hint = (
            "did you mean "
            + " or ".join(f"'{shorten(e.name)}' ({shorten(e.id)})" for e in seen)
            + "?"
        )
    else:
        hint = "give an actor's id, name or alias; `relgraph analyze --metric degree` lists them"
    raise UsageError(f"no actor is called '{shorten(ref)}'\n  hint: {hint}")


def merged_note(entity: Entity, ref: str) -> str | None:
    """Say what to tell the user when ``ref`` named ``entity`` only as an old id.

    ``None`` when it named it otherwise.

    Parameters
    ----------
    entity : Entity
        The actor ``ref`` was resolved to.
    ref : str
        What the user typed.

    Returns
    -------
    str or None
        The note, or ``None``.

    Examples
    --------
    >>> import relgraph
    >>> ds = relgraph.load("graph_data/cuba_iran_havana.yaml")
    >>> merged_note(resolve_actor(ds, "ebrahim-raisi"), "ebrahim-raisi")
    "'ebrahim-raisi' was merged into Ibrahim Raisi (ibrahim-raisi): answering for ibrahim-raisi"
    >>> merged_note(resolve_actor(ds, "Ebrahim Raisi"), "Ebrahim Raisi") is None
    True
    """
    key = fold(ref)
    if key in (fold(label) for label in (entity.id, entity.name, *entity.aliases)):
        return None
    if not any(fold(old) == key for old in entity.referents):
        return None
    return (
        f"'{shorten(ref)}' was merged into {shorten(entity.name)} ({entity.id}): "
        f"answering for {entity.id}"
    )


def resolve_relation(dataset: Dataset, ref: str) -> Relation:
    """Return the relation of ``dataset`` whose id is ``ref`` (case and accents ignored).

    An old id of a relation (one of its ``referents``: a relation a merge folded
    into it) names that relation too.

    Parameters
    ----------
    dataset : Dataset
        The dataset to look in.
    ref : str
        A relation id or old id, as the user typed it.

    Returns
    -------
    Relation
        The relation.

    Raises
    ------
    UsageError
        When no relation has that id, with the closest ids as a hint.

    Examples
    --------
    >>> import relgraph
    >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
    >>> r = ds.relations[0]
    >>> resolve_relation(ds, r.id.upper()) == r
    True
    >>> merged = relgraph.load("graph_data/cuba_iran_havana.yaml")
    >>> resolve_relation(merged, "raisi-visit-cuba-2023-06").id
    'raisi-visit-cuba'
    """
    key = fold(ref)
    for r in dataset.relations:
        if r.id == ref or fold(r.id) == key:
            return r
    for r in dataset.relations:  # an old id: a relation a merge folded into this one
        if any(old == ref or fold(old) == key for old in r.referents):
            return r
    close = closest_names(ref, [r.id for r in dataset.relations])
    hint = (
        f"did you mean '{shorten(close[0])}'?"
        if close
        else "relation ids are shown by `relgraph ego`"
    )
    raise UsageError(f"no relation has the id '{shorten(ref)}'\n  hint: {hint}")

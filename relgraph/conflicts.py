r"""Conflicts in the evidence: reports that cannot all be true, surfaced instead of buried.

For each relation and claim, :func:`conflicts_of` lists its :class:`Conflict`\ s,
each with a ``kind``, a readable ``message`` and the ``items`` involved (indexes
into the relation's or claim's ``evidence``):

- ``stance``: an item that contradicts it, while others support or qualify it
  (one conflict for each contradicting item);
- ``amount``: amounts of the same unit (case-folded, white space folded, a
  trailing "s" dropped, and the same currency) whose numbers cannot all be
  true: exact 6 against exact 8, "over 20" against exactly 19. An exact
  number is itself; ``approx`` n allows n ± 10% (at least ± 1); ``min``/``max``
  allow their range (either end open). One conflict per unit, listing every
  amount of that unit that disagrees with another;
- ``date``: two items' ``date``\ s that cannot overlap (a partial date is the
  span of days it can mean), or an item's date outside the relation's own
  ``date`` or ``start``/``end`` (the claim's ``date``);
- ``status``: the same tie described twice with statuses that disagree
  between origins — two relations of one type between the same actors whose
  event dates can overlap (or that have none), or two claims of one actor
  with the same statement, whose statuses differ and whose evidence comes
  from different independent origins. This happens when datasets from
  different hands are read together. :func:`dataset_conflicts` finds them;
  :func:`conflicts_of` alone sees only one item.

``relgraph evidence`` reports them (:mod:`relgraph.evidence`) and ``relgraph
validate`` warns on each (``warning[conflict]``).

Examples
--------
>>> from relgraph.model import Amount, Evidence, Relation
>>> a = Evidence("six accords", "s1", amounts=(Amount(value=6, unit="accord"),))
>>> b = Evidence("eight accords", "s2", amounts=(Amount(value=8, unit="accords"),))
>>> r = Relation("r", "iran", "cuba", "agreement", "reported", "cooperative", (a, b))
>>> [c.message for c in conflicts_of(r)]
["amounts of 'accord' disagree: 6 accord (item 1, 's1'); 8 accords (item 2, 's2')"]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from relgraph.errors import Diagnostic
from relgraph.model import Amount, Claim, Evidence, PartialDate, Relation

if TYPE_CHECKING:
    from relgraph.corroboration import Origins
    from relgraph.model import Dataset

__all__ = [
    "CONFLICT_KINDS",
    "Conflict",
    "conflict_warnings",
    "conflicts_of",
    "dataset_conflicts",
]

ConflictKind = Literal["stance", "amount", "date", "status"]
#: The kinds of conflict, in the order they are listed.
CONFLICT_KINDS: tuple[ConflictKind, ...] = ("stance", "amount", "date", "status")

_HINTS = {
    "stance": "weigh the sources; say in notes which is right and why, or mark it disputed",
    "amount": "check the numbers in the sources; keep each as its source gives it, and say in "
    "notes which is right and why",
    "date": "check the dates in the sources: is one the date of a report rather than the event?",
    "status": "the same tie has different statuses from different origins: settle on one and "
    "say why in notes",
}


@dataclass(frozen=True)
class Conflict:
    """Evidence that cannot all be true: see the module's rules."""

    kind: ConflictKind
    message: str
    items: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return the conflict as JSON-ready data (the page's ``conflicts`` entries).

        Returns
        -------
        dict
            ``kind``, ``message`` and ``items``.

        Examples
        --------
        >>> Conflict("amount", "amounts disagree", (0, 2)).to_dict()
        {'kind': 'amount', 'message': 'amounts disagree', 'items': [0, 2]}
        """
        return {"kind": self.kind, "message": self.message, "items": list(self.items)}


def _unit(a: Amount) -> tuple[str, str]:
    unit = " ".join((a.unit or "").casefold().split())
    if unit.endswith("s") and len(unit) > 1:
        unit = unit[:-1]
    return unit, a.currency or ""


def _range(a: Amount) -> tuple[float, float]:
    if a.value is not None:
        return a.value, a.value
    if a.approx is not None:
        room = max(abs(a.approx) * 0.1, 1.0)
        return a.approx - room, a.approx + room
    low = a.min if a.min is not None else float("-inf")
    high = a.max if a.max is not None else float("inf")
    return low, high


def _apart(x: tuple[float, float], y: tuple[float, float]) -> bool:
    return x[1] < y[0] or y[1] < x[0]


def _where(i: int, e: Evidence) -> str:
    return f"item {i + 1}, '{e.source}'"


def _span(d: PartialDate) -> tuple[str, str]:
    return d.earliest(), d.latest()


def _own_span(item: Relation | Claim) -> tuple[str, str, str] | None:
    """Return the item's own event dates as ``(earliest, latest, as written)``, if it has any."""
    if isinstance(item, Relation):
        if item.date is not None:
            return (*_span(item.date), str(item.date))
        if item.start is None and item.end is None:
            return None
        low = item.start.earliest() if item.start else "0000-01-01"
        high = item.end.latest() if item.end else "9999-12-31"
        text = f"{item.start or '…'} to {item.end or '…'}"
        return low, high, text
    if item.date is not None:
        return (*_span(item.date), str(item.date))
    return None


def conflicts_of(item: Relation | Claim, origins: Origins | None = None) -> tuple[Conflict, ...]:
    """Return the stance, amount and date conflicts of one relation or claim.

    ``origins`` (see :func:`relgraph.corroboration.independent_origins`) names
    the origins of the supporting items in stance conflicts.

    Parameters
    ----------
    item : Relation or Claim
        The item whose evidence is compared.
    origins : Origins, optional
        The dataset's independent origins, to name those of the supporting items.

    Returns
    -------
    tuple of Conflict
        The conflicts; empty when the evidence agrees.

    Examples
    --------
    >>> from relgraph.model import Evidence, Claim
    >>> yes = Evidence("it signed", "a")
    >>> no = Evidence("it never signed", "b", stance="contradicts")
    >>> (c,) = conflicts_of(Claim("c", "cuba", "signed", "reported", (yes, no)))
    >>> c.kind, c.items, c.message
    ('stance', (1, 0), "item 2, 'b', contradicts it; item 1 supports it")
    """
    evidence = item.evidence
    if len(evidence) < 2 and not (evidence and evidence[0].date is not None):
        return ()  # the common case, quickly
    out: list[Conflict] = []
    support = [i for i, e in enumerate(evidence) if e.stance != "contradicts"]
    for i, e in enumerate(evidence):
        if e.stance == "contradicts" and support:
            backing = ", ".join(str(k + 1) for k in support)
            word = "item" if len(support) == 1 else "items"
            verb = "supports it" if len(support) == 1 else "support it"
            if origins is not None:
                named = dict.fromkeys(origins.of_evidence(evidence[k]).id for k in support)
                verb += f" (origin{'s' if len(named) > 1 else ''} "
                verb += ", ".join(f"'{n}'" for n in named) + ")"
            out.append(
                Conflict(
                    "stance",
                    f"{_where(i, e)}, contradicts it; {word} {backing} {verb}",
                    (i, *support),
                )
            )
    out.extend(_amount_conflicts(evidence))
    out.extend(_date_conflicts(item, evidence))
    return tuple(out)


def _amount_conflicts(evidence: Sequence[Evidence]) -> Iterable[Conflict]:
    by_unit: dict[tuple[str, str], list[tuple[int, Amount]]] = {}
    for i, e in enumerate(evidence):
        for a in e.amounts:
            by_unit.setdefault(_unit(a), []).append((i, a))
    for (unit, currency), found in by_unit.items():
        if len(found) < 2:
            continue
        clashing: list[int] = []  # positions in found
        for x in range(len(found)):
            for y in range(x + 1, len(found)):
                if found[x][0] != found[y][0] and _apart(_range(found[x][1]), _range(found[y][1])):
                    clashing += [k for k in (x, y) if k not in clashing]
        if not clashing:
            continue
        clashing.sort()
        listed = "; ".join(
            f"{found[k][1]} ({_where(found[k][0], evidence[found[k][0]])})" for k in clashing
        )
        what = " ".join(p for p in (unit, currency) if p)
        items = tuple(dict.fromkeys(found[k][0] for k in clashing))
        yield Conflict("amount", f"amounts of '{what}' disagree: {listed}", items)


def _date_conflicts(item: Relation | Claim, evidence: Sequence[Evidence]) -> Iterable[Conflict]:
    dated = [(i, e, _span(e.date)) for i, e in enumerate(evidence) if e.date is not None]
    if not dated:
        return
    own = _own_span(item)
    if own is not None:
        for i, e, span in dated:
            if span[1] < own[0] or own[1] < span[0]:
                yield Conflict(
                    "date",
                    f"{_where(i, e)}, dates it {e.date}, outside its date {own[2]}",
                    (i,),
                )
    clashing: list[int] = []
    for x in range(len(dated)):
        for y in range(x + 1, len(dated)):
            a, b = dated[x][2], dated[y][2]
            if a[1] < b[0] or b[1] < a[0]:
                clashing += [k for k in (x, y) if k not in clashing]
    if clashing:
        clashing.sort()
        listed = "; ".join(
            f"{dated[k][1].date} ({_where(dated[k][0], dated[k][1])})" for k in clashing
        )
        yield Conflict("date", f"dates disagree: {listed}", tuple(dated[k][0] for k in clashing))


def _tie(r: Relation, directed: bool) -> tuple[str, str, str]:
    a, b = (r.source, r.target) if directed or r.source <= r.target else (r.target, r.source)
    return r.type, a, b


def _overlap(x: Relation | Claim, y: Relation | Claim) -> bool:
    a, b = _own_span(x), _own_span(y)
    if a is None or b is None:
        return True
    return not (a[1] < b[0] or b[1] < a[0])


def _status_conflicts(dataset: Dataset, origins: Origins) -> dict[str, list[Conflict]]:
    groups: dict[tuple[str, ...], list[Relation | Claim]] = {}
    types = dataset.vocabulary.relation_types
    for r in dataset.relations:
        t = types.get(r.type)
        # an announcement and the event it announces are different things, not a conflict
        key = ("relation", r.modality, *_tie(r, t.directed if t else True))
        groups.setdefault(key, []).append(r)
    for c in dataset.claims:
        statement = " ".join(c.statement.casefold().split())
        groups.setdefault(("claim", c.modality, c.entity, statement), []).append(c)
    out: dict[str, list[Conflict]] = {}
    for members in groups.values():
        if len(members) < 2 or len({m.status for m in members}) < 2:
            continue
        mine = {
            m.id: {origins.of_evidence(e).id for e in m.evidence if e.stance != "contradicts"}
            for m in members
        }
        for m in members:
            for other in members:
                if (
                    other is m
                    or other.status == m.status
                    or not _overlap(m, other)
                    or not (mine[other.id] - mine[m.id] or mine[m.id] - mine[other.id])
                ):
                    continue
                what = "relation" if isinstance(m, Relation) else "claim"
                theirs = ", ".join(f"'{o}'" for o in sorted(mine[other.id]))
                ours = ", ".join(f"'{o}'" for o in sorted(mine[m.id]))
                out.setdefault(m.id, []).append(
                    Conflict(
                        "status",
                        f"it is {m.status} on the evidence of {ours}, but {what} "
                        f"'{other.id}' is {other.status} on the evidence of {theirs}",
                        tuple(range(len(m.evidence))),
                    )
                )
    return out


def dataset_conflicts(dataset: Dataset) -> dict[str, tuple[Conflict, ...]]:
    """Every conflict of the dataset, by relation or claim id (those without are left out).

    Parameters
    ----------
    dataset : Dataset
        A loaded dataset.

    Returns
    -------
    dict of str to tuple of Conflict
        Each relation or claim id that has a conflict, with its conflicts.

    Examples
    --------
    >>> import relgraph
    >>> dataset_conflicts(relgraph.load("graph_data/cuba_iran.yaml"))
    {}
    """
    from relgraph.corroboration import independent_origins

    origins = independent_origins(dataset)
    status = _status_conflicts(dataset, origins)
    out: dict[str, tuple[Conflict, ...]] = {}
    for item in _items(dataset):
        found = conflicts_of(item, origins) + tuple(status.get(item.id, ()))
        if found:
            out[item.id] = found
    return out


def conflict_warnings(dataset: Dataset) -> list[Diagnostic]:
    """Return a ``warning[conflict]`` for each conflict, at its relation or claim.

    Parameters
    ----------
    dataset : Dataset
        A loaded dataset.

    Returns
    -------
    list of Diagnostic
        The warnings, in the order of the relations and claims.

    Examples
    --------
    >>> import relgraph
    >>> conflict_warnings(relgraph.load("graph_data/cuba_iran.yaml"))
    []
    """
    where = {i.id: i for i in _items(dataset)}
    out = []
    for ident, found in dataset_conflicts(dataset).items():
        item = where[ident]
        loc = item.location
        what = "relation" if isinstance(item, Relation) else "claim"
        for c in found:
            out.append(
                Diagnostic(
                    loc.path if loc else "",
                    loc.line if loc else 0,
                    loc.column if loc else 0,
                    "conflict",
                    f"{what} '{ident}': {c.kind} conflict: {c.message}",
                    _HINTS[c.kind],
                    "warning",
                )
            )
    return out


def _items(dataset: Dataset) -> list[Relation | Claim]:
    return [*dataset.relations, *dataset.claims]

"""Merging datasets into one, as the analyst's judgements say.

:func:`merge` takes datasets curated apart and the judgements file that
``relgraph match`` proposed and the analyst decided (:mod:`relgraph.judgements`),
and builds one dataset; :func:`write_merged` validates it with the same rules
and messages as any dataset and writes it, with its source texts, all or
nothing.

What a merge does
-----------------
- **Actors judged the same become one.** The first dataset's id and name win;
  every other name is kept as an alias; aliases, tags and external ids are
  joined; distinct descriptions are kept, each after the other. References to
  the other ids (relation ends, claims, attributions, origins, affiliations)
  are redirected, and the other ids are kept as the actor's ``referents``,
  so that they still name it. An id means the same actor in every dataset, as when
  datasets are loaded together, unless a judgement says otherwise; so does an old
  id that an input keeps among an actor's ``referents`` (old ids merged into one
  another in a cycle are ``error[referent-cycle]``).
- **The same source is stored once**, found by the sha256 of its text whatever
  its id; evidence is redirected to the kept id. Two grades or notes for one
  source are both kept in its notes.
- **Relations fold** when they have the same type and ends (after actors are
  joined) and the same dates, or when a judgement says a pair is the same
  event: the first relation's id and fields are kept, the evidence of both is
  joined (one quote from one source once), distinct notes are joined, the
  statuses are folded (:func:`fold_status`), and the other relations' ids are
  kept as its ``referents``. Two undated relations fold only
  when judged the same (or given one id by both datasets), and two relations
  of one dataset, or a pair judged different or unsure, never fold unjudged:
  a relation pair the analyst has not judged the same stays two relations,
  even when ``match`` proposed it.
  Claims fold likewise, by actor, statement and date, keeping the other ids.
- **Every input's story is kept**: the views of each dataset, in order, each
  naming the actors and relations that the ones it named became (an actor
  joined into another, a relation folded into another). A view id that two
  inputs give the same title, caption, filters and dates is one view naming
  what both name; defined otherwise, it is ``error[conflicting-view]`` at the
  second definition.
- **Nothing is lost**: every quote, note and grade of every input is in the
  output; :meth:`MergeResult.lost` checks it and the tests prove it on the
  bundled datasets.

Examples
--------
>>> fold_status("reported", "alleged"), fold_status("reported", "denied")
('alleged', 'disputed')
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from relgraph.combine import (
    _OldIds,
    _redirect,
    _redirect_claim,
    _redirect_relation,
    _vocabularies,
    fold_actors,
    join_views,
    redirect_view,
)
from relgraph.errors import DatasetError, Diagnostic, UsageError, counted
from relgraph.judgements import Judgement, check_judgements
from relgraph.matching import Ref
from relgraph.model import (
    Claim,
    Dataset,
    Entity,
    Evidence,
    Location,
    Relation,
    Source,
    Status,
)

__all__ = ["MergeResult", "check_output", "fold_status", "merge", "merged_path", "write_merged"]

_T = TypeVar("_T")

#: How cautious each status is: folding two keeps the more cautious one.
_CAUTION: dict[str, int] = {"confirmed": 0, "reported": 1, "alleged": 2, "disputed": 3}


def fold_status(a: Status, b: Status) -> Status:
    """Return the status of one relation that two datasets give different statuses.

    ``confirmed`` stays confirmed beside ``reported``: one dataset reporting
    what the other confirmed casts no doubt on it, and the evidence that
    confirmed it is all kept (validation counts its origins again). Otherwise
    the more cautious of the two (reported < alleged < disputed), and
    ``disputed`` when one denies what the other does not: the sources then
    disagree.

    Parameters
    ----------
    a, b : str
        The two datasets' statuses of the relation.

    Returns
    -------
    str
        The merged relation's status.

    Examples
    --------
    >>> fold_status("confirmed", "reported"), fold_status("confirmed", "alleged")
    ('confirmed', 'alleged')
    >>> fold_status("denied", "denied")
    'denied'
    """
    if a == b:
        return a
    if "denied" in (a, b):
        return "disputed"
    if {a, b} == {"confirmed", "reported"}:
        return "confirmed"
    return a if _CAUTION[a] >= _CAUTION[b] else b


@dataclass
class MergeResult:
    """A merged dataset (not yet validated or written) and what the merge did."""

    dataset: Dataset
    inputs: tuple[Dataset, ...]
    actors: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    sources: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    relations: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    claims: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def lost(self) -> list[str]:
        """List what of the inputs is missing from the output.

        These are evidence items, notes, grades, names, aliases, tags and ids.

        An evidence item is known by its source's text (sha256), its quote and
        its place in that text. An actor's name and aliases must be the name
        or an alias of the actor it became, its tags among that actor's tags,
        and its id that actor's id or one of its referents (unless it was
        renamed); so with a relation's or a claim's id and its old ids. Empty
        when nothing was lost.

        Returns
        -------
        list of str
            One line for each thing lost.

        Examples
        --------
        >>> import relgraph
        >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
        >>> MergeResult(ds, (ds,)).lost()
        []
        """
        out_sources = {s.id: s for s in self.dataset.sources}
        by_text = {s.sha256: s for s in self.dataset.sources}
        kept: set[tuple[str, str, int]] = set()
        texts: list[str] = []
        items: list[Relation | Claim] = [*self.dataset.relations, *self.dataset.claims]
        for item in items:
            for e in item.evidence:
                kept.add((out_sources[e.source].sha256, e.quote, e.start))
                texts += [e.notes] if e.notes else []
            texts += [item.notes] if item.notes else []
        texts += [s.notes for s in self.dataset.sources if s.notes]

        def noted(text: str) -> bool:
            return any(text in t for t in texts)

        missing: list[str] = []
        became = {old: new for new, others in self.actors for old in others}
        became.update(self.renamed)
        out_entities = {e.id: e for e in self.dataset.entities}
        out_relations = {r.id: r for r in self.dataset.relations}
        out_claims = {c.id: c for c in self.dataset.claims}
        for ds in self.inputs:
            for ent in ds.entities:
                ref = f"{ds.id}:{ent.id}"
                out_entity = out_entities.get(became.get(ref, ent.id))
                if out_entity is None:
                    missing.append(f"{ref}: the actor")
                    continue
                labels = {out_entity.name, *out_entity.aliases}
                missing += [
                    f"{ref}: its name {label!r}"
                    if label == ent.name
                    else f"{ref}: its alias {label!r}"
                    for label in (ent.name, *ent.aliases)
                    if label not in labels
                ]
                missing += [f"{ref}: its tag {t!r}" for t in ent.tags if t not in out_entity.tags]
                if (
                    ref not in self.renamed_refs
                    and ent.id not in out_entities  # else the id names another actor now
                    and ent.id not in out_entity.referents
                ):
                    missing.append(f"{ref}: its id, as a referent of {out_entity.id}")
            records: tuple[tuple[str, Any, Sequence[Relation | Claim], Mapping[str, Any]], ...] = (
                ("relation", self.relations, ds.relations, out_relations),
                ("claim", self.claims, ds.claims, out_claims),
            )
            for noun, folded, mine, out_items in records:
                into = {old: new for new, others in folded for old in others}
                for item in mine:
                    ref = f"{ds.id}:{item.id}"
                    if ref in self.renamed_refs:
                        continue
                    out_item = out_items.get(into.get(ref, item.id))
                    if out_item is None:
                        missing.append(f"{ref}: the {noun}")
                        continue
                    missing += [
                        f"{ref}: its id {old!r}, as a referent of {out_item.id}"
                        for old in _ids_of(item)
                        if old != out_item.id
                        and old not in out_items  # else the id names another one now
                        and old not in out_item.referents
                    ]
            by_id = {s.id: s for s in ds.sources}
            theirs: list[Relation | Claim] = [*ds.relations, *ds.claims]
            for item in theirs:
                for e in item.evidence:
                    if (by_id[e.source].sha256, e.quote, e.start) not in kept:
                        missing.append(f"{ds.id}:{item.id}: the quote {e.quote[:60]!r}")
                    if e.notes and not noted(e.notes):
                        missing.append(f"{ds.id}:{item.id}: an evidence note")
                if item.notes and not noted(item.notes):
                    missing.append(f"{ds.id}:{item.id}: its notes")
            for s in ds.sources:
                out = by_text.get(s.sha256)
                if out is None:
                    missing.append(f"{ds.id}:{s.id}: the source")
                    continue
                if s.reliability != out.reliability and not noted(f"graded it {s.reliability}"):
                    missing.append(f"{ds.id}:{s.id}: its grade {s.reliability}")
                if s.notes and not noted(s.notes):
                    missing.append(f"{ds.id}:{s.id}: its notes")
        return missing

    @property
    def renamed_refs(self) -> frozenset[str]:
        """The inputs' items (``dataset:id``) that were given another id."""
        return frozenset(old for old, _ in self.renamed)

    def to_text(self) -> str:
        """Return what the merge did, as the terminal shows it.

        Returns
        -------
        str
            The summary line, then what was folded and renamed.

        Examples
        --------
        >>> import relgraph
        >>> first = relgraph.load("graph_data/cuba_iran.yaml")
        >>> second = relgraph.load("graph_data/raisi_havana_2023.yaml")
        >>> print(merge([first, second]).to_text())  # doctest: +NORMALIZE_WHITESPACE
        merged cuba_iran + raisi_havana_2023 into cuba_iran_raisi_havana_2023:
        37 actors, 81 relations, 17 claims, 9 sources
        """
        ds = self.dataset
        lines = [
            f"merged {' + '.join(d.id for d in self.inputs)} into {ds.id}: "
            f"{counted(len(ds.entities), 'actor', 'actors')}, "
            f"{counted(len(ds.relations), 'relation', 'relations')}, "
            f"{counted(len(ds.claims), 'claim', 'claims')}, "
            f"{counted(len(ds.sources), 'source', 'sources')}"
        ]
        for title, joined in (
            ("actor joined", self.actors),
            ("source stored once", self.sources),
            ("relation folded", self.relations),
            ("claim folded", self.claims),
        ):
            for kept, others in joined:
                lines.append(f"  {title}: {kept} <- {', '.join(others)}")
        for old, new in self.renamed:
            lines.append(f"  renamed: {old} -> {new} (its id was taken)")
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)


class _Union:
    def __init__(self) -> None:
        self.parent: dict[Ref, Ref] = {}

    def find(self, x: Ref) -> Ref:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: Ref, b: Ref, order: Mapping[Ref, int]) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if order[rb] < order[ra]:
            ra, rb = rb, ra
        self.parent[rb] = ra


def _join_text(parts: Iterable[str | None]) -> str | None:
    seen: list[str] = []
    for p in parts:
        if p and p not in seen:
            seen.append(p)
    return "\n\n".join(seen) or None


def _problem(item: Any, code: str, message: str, hint: str) -> Diagnostic:
    loc: Location | None = getattr(item, "location", None)
    if loc is None:
        return Diagnostic("", 0, 0, code, message, hint)
    return Diagnostic(loc.path, loc.line, loc.column, code, message, hint)


def _evidence_key(e: Evidence) -> tuple[str, str, int]:
    return (e.source, e.quote, e.start)


def _fold_evidence(a: Sequence[Evidence], b: Sequence[Evidence]) -> tuple[Evidence, ...]:
    seen = {_evidence_key(e) for e in a}
    out = list(a)
    for e in b:
        if _evidence_key(e) not in seen:
            seen.add(_evidence_key(e))
            out.append(e)
    return tuple(out)


def _with_date(r: Relation) -> Relation:
    """Evidence items that carry their relation's date, so a fold keeps each side's date."""
    if r.date is None:
        return r
    items = tuple(
        e if e.date is not None else dataclasses.replace(e, date=r.date) for e in r.evidence
    )
    return dataclasses.replace(r, evidence=items)


def _ids_of(item: Relation | Claim) -> tuple[str, ...]:
    """Return the id of an input's relation or claim and the old ids it keeps."""
    return (item.id, *item.referents)


def _keep_old_ids(items: dict[Any, Any], olds: Mapping[Any, list[str]]) -> None:
    """Give each folded relation or claim the ids folded into it as its ``referents``.

    The ids of what is kept, and an old id already given to another, are left out.
    """
    kept = {item.id for item in items.values()}
    referred: set[str] = set()
    for k, item in items.items():
        referents = tuple(
            o for o in dict.fromkeys(olds.get(k, ())) if o not in kept and o not in referred
        )
        referred.update(referents)
        if referents != item.referents:
            items[k] = dataclasses.replace(item, referents=referents)


def merge(
    datasets: Sequence[Dataset],
    judgements: Sequence[Judgement] = (),
    *,
    id: str | None = None,
    title: str | None = None,
) -> MergeResult:
    """One dataset from ``datasets``, joining what ``judgements`` judge the same.

    Parameters
    ----------
    datasets : sequence of Dataset
        Two or more datasets with different ids, each loaded on its own.
    judgements : sequence of Judgement
        From :func:`relgraph.judgements.read_judgements`; only ``same``
        decisions join.
    id, title : str, optional
        The merged dataset's id and title (default: the inputs' joined).

    Returns
    -------
    MergeResult
        The merged dataset and what was joined, folded and renamed.

    Raises
    ------
    DatasetError
        Judgements naming unknown items or contradicting each other, two
        datasets whose vocabularies clash, actors judged the same whose
        countries differ, one id defined differently by two datasets and
        judged neither same nor different, or one view id defined differently.
    UsageError
        When two datasets share an id.

    Examples
    --------
    >>> import relgraph
    >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
    >>> merge([ds])
    Traceback (most recent call last):
    ...
    relgraph.errors.UsageError: merge needs two or more datasets
    """
    if len(datasets) < 2:
        raise UsageError("merge needs two or more datasets")
    ids = [d.id for d in datasets]
    for ident in ids:
        if ids.count(ident) > 1:
            raise UsageError(
                f"two datasets have the id '{ident}'\n"
                "  hint: a merge joins datasets curated apart; give each its own 'id:'"
            )
    problems = check_judgements(judgements, datasets)
    vocabulary = _vocabularies(datasets, problems)
    result = MergeResult(dataset=datasets[0], inputs=tuple(datasets))

    # -- actors -----------------------------------------------------------
    order: dict[Ref, int] = {}
    entity_of: dict[Ref, Entity] = {}
    for ds in datasets:
        for e in ds.entities:
            ref = Ref(ds.id, e.id)
            order[ref] = len(order)
            entity_of[ref] = e
    union = _Union()
    different: set[tuple[Ref, Ref]] = set()
    for j in judgements:
        if j.kind != "entity" or j.left not in entity_of or j.right not in entity_of:
            continue
        if j.judgement == "same":
            union.join(j.left, j.right, order)
        elif j.judgement == "different":
            different.add((j.left, j.right))
            different.add((j.right, j.left))
    first_of_id: dict[str, Ref] = {}
    for ref, e in entity_of.items():  # one id is one actor, unless judged otherwise
        first = first_of_id.setdefault(e.id, ref)
        if first == ref or union.find(first) == union.find(ref):
            continue
        if (first, ref) in different:
            problems.append(
                _problem(
                    e,
                    "judged-different-same-id",
                    f"'{first}' and '{ref}' are judged different but share the id '{e.id}'",
                    "give one of them another id in its dataset before merging",
                )
            )
            continue
        a = entity_of[first]
        if (a.name, a.kind) != (e.name, e.kind):
            problems.append(
                _problem(
                    e,
                    "conflicting-entity",
                    f"the actor '{e.id}' is '{a.name}' ({a.kind}) in {first.dataset} but "
                    f"'{e.name}' ({e.kind}) in {ref.dataset}",
                    f"judge the pair [{first}, {ref}] in the judgements file: same joins "
                    "them, different needs another id for one of them",
                )
            )
            continue
        union.join(first, ref, order)
    # an old id names the actor it was merged into, as when datasets are read together
    earlier_merges = _OldIds(datasets, problems)
    for ref, e in entity_of.items():
        if e.id not in earlier_merges.final:
            continue
        owner, home = earlier_merges.final[e.id]
        kept = Ref(home.id, owner.id)
        if kept.dataset != ref.dataset and kept in entity_of and (kept, ref) not in different:
            union.join(kept, ref, order)
    groups: dict[Ref, list[Ref]] = {}
    for ref in entity_of:
        groups.setdefault(union.find(ref), []).append(ref)
    actor_id: dict[Ref, str] = {}
    entities: list[Entity] = []
    old_ids: list[list[str]] = []  # for each kept actor, the ids folded into it
    taken: set[str] = set()
    for root, members in sorted(groups.items(), key=lambda kv: order[kv[0]]):
        members.sort(key=order.__getitem__)
        head = entity_of[root]
        ident = head.id
        if ident in taken:  # another actor of that id was kept apart by a judgement
            ident = f"{head.id}.{root.dataset}"
            result.renamed.append((str(root), ident))
        taken.add(ident)
        countries = {land for r in members if (land := entity_of[r].country)}
        if len(countries) > 1:
            problems.append(
                _problem(
                    head,
                    "judged-same-countries-differ",
                    f"{', '.join(map(str, members))} are judged the same actor but their "
                    f"countries differ ({', '.join(sorted(countries))})",
                    "correct the country in one dataset, or judge the pair different",
                )
            )
        kinds = {entity_of[r].kind for r in members}
        if len(kinds) > 1:
            result.notes.append(
                f"{ident}: judged one actor with kinds {', '.join(sorted(kinds))}; "
                f"kept '{head.kind}' from {root.dataset}"
            )
        actor = fold_actors([entity_of[r] for r in members], join_descriptions=True)
        entities.append(dataclasses.replace(actor, id=ident))
        old_ids.append(
            [r.id for r in members if r.id != ident]
            + [old for r in members for old in entity_of[r].referents]
        )
        for ref in members:
            actor_id[ref] = ident
        renamed = tuple(str(r) for r in members if r != root and r.id != ident)
        if renamed:  # the same id in several datasets is one actor as a matter of course
            result.actors.append((ident, renamed))

    kept_ids = {e.id for e in entities}
    referred: set[str] = set()
    for n, olds in enumerate(old_ids):  # old ids still name the actor they were folded into
        referents = [o for o in dict.fromkeys(olds) if o not in kept_ids and o not in referred]
        referred.update(referents)
        if tuple(referents) != entities[n].referents:
            entities[n] = dataclasses.replace(entities[n], referents=tuple(referents))

    # -- sources ----------------------------------------------------------
    source_id: dict[Ref, str] = {}
    by_text: dict[str, Source] = {}
    kept_sources: dict[str, Source] = {}
    source_members: dict[str, list[Ref]] = {}
    source_home: dict[str, str] = {}
    for ds in datasets:
        for s in ds.sources:
            ref = Ref(ds.id, s.id)
            same = by_text.get(s.sha256)
            if same is not None:
                source_id[ref] = same.id
                source_members[same.id].append(ref)
                prev = kept_sources[same.id]
                extra = []
                if s.reliability != prev.reliability and f"graded it {s.reliability}" not in (
                    prev.notes or ""
                ):
                    extra.append(f"{ds.id} graded it {s.reliability}.")
                if s.notes and s.notes not in (prev.notes or ""):
                    extra.append(f"{ds.id}: {s.notes}" if extra else s.notes)
                if extra:
                    kept_sources[same.id] = dataclasses.replace(
                        prev, notes=_join_text([prev.notes, " ".join(extra)])
                    )
                continue
            ident = s.id
            if ident in kept_sources:  # another text under the same id
                ident = f"{s.id}.{ds.id}"
                result.renamed.append((str(ref), ident))
            text_path = s.text_path
            if any(k.text_path == text_path for k in kept_sources.values()):
                text_path = f"sources/{ds.id}/{os.path.basename(s.text_path)}"
            kept_sources[ident] = dataclasses.replace(s, id=ident, text_path=text_path)
            by_text[s.sha256] = kept_sources[ident]
            source_id[ref] = ident
            source_members[ident] = [ref]
            source_home[ident] = ds.id
    for ident, members in source_members.items():
        if len(members) > 1:
            result.sources.append((ident, tuple(str(r) for r in members[1:])))

    # -- relations and claims --------------------------------------------
    relation_same = _Union()
    relation_order: dict[Ref, int] = {}
    relation_of: dict[Ref, tuple[Dataset, Relation]] = {}
    for ds in datasets:
        for r in ds.relations:
            ref = Ref(ds.id, r.id)
            relation_order[ref] = len(relation_order)
            relation_of[ref] = (ds, r)
    judged: set[Ref] = set()
    kept_apart: set[tuple[Ref, Ref]] = set()
    for j in judgements:
        known = j.left in relation_of and j.right in relation_of
        if j.kind == "relation" and j.judgement == "same" and known:
            relation_same.join(j.left, j.right, relation_order)
            judged |= {j.left, j.right}
        elif j.kind == "relation" and known:  # different or unsure: never folded unjudged
            kept_apart |= {(j.left, j.right), (j.right, j.left)}

    def actors_of(ds: Dataset) -> dict[str, str]:
        return {e.id: actor_id[Ref(ds.id, e.id)] for e in ds.entities}

    def sources_of(ds: Dataset) -> dict[str, str]:
        return {s.id: source_id[Ref(ds.id, s.id)] for s in ds.sources}

    maps = {ds.id: (actors_of(ds), sources_of(ds)) for ds in datasets}

    def rewritten(ds: Dataset, r: Relation) -> Relation:
        return _redirect_relation(r, *maps[ds.id])

    def key(ref: Ref, r: Relation) -> tuple[Any, ...]:
        """Return what folds ``r`` unjudged: the same type, ends and dates (undated: the id).

        Two undated relations may be one event or two: they fold only when judged
        the same, or when both datasets give them one id.
        """
        if ref in judged:
            return ("judged", relation_same.find(ref))
        directed = vocabulary.relation_types[r.type].directed
        ends = (r.source, r.target) if directed else tuple(sorted((r.source, r.target)))
        dated = r.date is not None or r.start is not None or r.end is not None
        return (r.type, ends, str(r.date), str(r.start), str(r.end), None if dated else r.id)

    folded: dict[Any, Relation] = {}
    members_of: dict[Any, list[str]] = {}
    member_refs: dict[Any, list[Ref]] = {}
    used_ids: set[str] = set()
    for ref in sorted(relation_of, key=relation_order.__getitem__):
        ds, original = relation_of[ref]
        r = rewritten(ds, original)
        k = key(ref, r)
        others = member_refs.get(k, [])
        if k[0] != "judged" and any(
            o.dataset == ref.dataset or (o, ref) in kept_apart for o in others
        ):  # one dataset's two relations, or a pair judged apart: not folded unjudged
            k = ("apart", ref)
        member_refs.setdefault(k, []).append(ref)
        if k not in folded:
            ident = r.id
            if ident in used_ids:
                ident = f"{r.id}.{ds.id}"
                result.renamed.append((str(ref), ident))
            used_ids.add(ident)
            folded[k] = dataclasses.replace(r, id=ident)
            members_of[k] = [str(ref)]
            continue
        held: Relation = folded[k]
        if r.date is not None and held.date is not None and r.date != held.date:
            held = _with_date(held)
            r = _with_date(r)
        date = held.date or (r.date if held.start is None and held.end is None else None)
        status = fold_status(held.status, r.status)
        if status != held.status or r.status != held.status:
            result.notes.append(
                f"{held.id}: statuses {held.status} and {r.status} ({ref}) folded to {status}"
            )
        folded[k] = dataclasses.replace(
            held,
            evidence=_fold_evidence(held.evidence, r.evidence),
            notes=_join_text([held.notes, r.notes]),
            status=status,
            date=date,
        )
        members_of[k].append(str(ref))
    relation_id: dict[Ref, str] = {}
    for k, refs in members_of.items():
        if len(refs) > 1:
            result.relations.append((folded[k].id, tuple(refs[1:])))
    for k, members in member_refs.items():
        for ref in members:
            relation_id[ref] = folded[k].id
    _keep_old_ids(
        folded,
        {
            k: [old for ref in members for old in _ids_of(relation_of[ref][1])]
            for k, members in member_refs.items()
        },
    )

    claims: dict[Any, Claim] = {}
    claim_members: dict[Any, list[str]] = {}
    claim_olds: dict[Any, list[str]] = {}
    claim_ids: set[str] = set()
    for ds in datasets:
        actors, sources = maps[ds.id]
        for c in ds.claims:
            c2 = _redirect_claim(c, actors, sources)
            k = (c2.entity, c2.statement, str(c2.date))
            if k not in claims:
                ident = c2.id
                if ident in claim_ids:
                    ident = f"{c2.id}.{ds.id}"
                    result.renamed.append((f"{ds.id}:{c.id}", ident))
                claim_ids.add(ident)
                claims[k] = dataclasses.replace(c2, id=ident)
                claim_members[k] = [f"{ds.id}:{c.id}"]
                claim_olds[k] = list(_ids_of(c))
                continue
            prior: Claim = claims[k]
            claims[k] = dataclasses.replace(
                prior,
                evidence=_fold_evidence(prior.evidence, c2.evidence),
                notes=_join_text([prior.notes, c2.notes]),
                status=fold_status(prior.status, c2.status),
            )
            claim_members[k].append(f"{ds.id}:{c.id}")
            claim_olds[k] += _ids_of(c)
    _keep_old_ids(claims, claim_olds)
    for k, refs in claim_members.items():
        if len(refs) > 1:
            result.claims.append((claims[k].id, tuple(refs[1:])))

    # -- views: every input's story, naming what its actors and relations became
    views = join_views(
        [
            (
                ds,
                [
                    redirect_view(
                        v,
                        maps[ds.id][0],
                        {r.id: relation_id[Ref(ds.id, r.id)] for r in ds.relations},
                    )
                    for v in ds.views
                ],
            )
            for ds in datasets
        ],
        problems,
    )

    if problems:
        raise DatasetError(problems)
    sources_out = tuple(
        _redirect(s, *maps[source_home[ident]]) for ident, s in kept_sources.items()
    )
    licenses = _join_text(
        [
            f"{d.title}: {d.license}" if len({x.license for x in datasets}) > 1 else d.license
            for d in datasets
            if d.license
        ]
    )
    authors = _join_text([d.authors for d in datasets])
    merged = Dataset(
        id=id or "_".join(ids),
        title=title or " + ".join(d.title for d in datasets),
        vocabulary=vocabulary,
        description=_join_text(
            ["Merged by relgraph from: " + "; ".join(f"{d.title} ({d.id})" for d in datasets) + "."]
            + [d.description for d in datasets]
        ),
        notes=_join_text([f"{d.title}: {d.notes}" if d.notes else None for d in datasets]),
        sources=sources_out,
        entities=tuple(entities),
        relations=tuple(folded.values()),
        claims=tuple(claims.values()),
        license=licenses.replace("\n\n", "; ") if licenses else None,
        authors=authors.replace("\n\n", "; ") if authors else None,
        alleged_attributions=tuple(
            dict.fromkeys(a for d in datasets for a in d.alleged_attributions)
        ),
        views=views,
    )
    result.dataset = merged
    return result


def merged_path(result: MergeResult, output: str | os.PathLike[str]) -> str:
    """Where :func:`write_merged` writes the dataset file for ``output``.

    Parameters
    ----------
    result : MergeResult
        The merge to write.
    output : str or os.PathLike
        A folder, or a ``.yaml`` file.

    Returns
    -------
    str
        The dataset file's path.

    Examples
    --------
    >>> import relgraph
    >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
    >>> merged_path(MergeResult(ds, (ds,)), "merged")
    'merged/cuba_iran.yaml'
    >>> merged_path(MergeResult(ds, (ds,)), "graph_data/both.yaml")
    'graph_data/both.yaml'
    """
    output = os.fspath(output)
    if output.endswith((".yaml", ".yml")):
        return output
    return os.path.join(output, f"{result.dataset.id}.yaml")


def check_output(output: str | os.PathLike[str]) -> None:
    """Refuse an ``output`` that :func:`write_merged` could only write wrongly, before any work.

    A ``.yaml`` file must be new and its folder must exist; a name with
    another suffix (``both.json``) is neither a dataset file nor a folder.

    Parameters
    ----------
    output : str or os.PathLike
        The ``-o`` of ``relgraph merge``.

    Raises
    ------
    UsageError
        Saying what is wrong with ``output`` and what to give instead.

    Examples
    --------
    >>> check_output("merged.json")
    Traceback (most recent call last):
    ...
    relgraph.errors.UsageError: 'merged.json' is neither a .yaml file nor a folder
      hint: a merge writes a YAML dataset: give a new .yaml file (merged.yaml) or a folder
    """
    output = os.fspath(output)
    if output.endswith((".yaml", ".yml")):
        if os.path.lexists(output):
            raise UsageError(
                f"'{output}' already exists\n"
                "  hint: merge into a new file; a merge never overwrites a dataset"
            )
        folder = os.path.dirname(output) or "."
        if not os.path.isdir(folder):
            raise UsageError(
                f"cannot write '{output}': the folder '{folder}' does not exist\n"
                "  hint: create it first, or give -o a new folder, which the merge makes"
            )
        return
    if output.endswith(("/", os.sep)) or os.path.isdir(output):
        return
    stem, suffix = os.path.splitext(output)
    if suffix[1:].isalpha():
        raise UsageError(
            f"'{output}' is neither a .yaml file nor a folder\n"
            f"  hint: a merge writes a YAML dataset: give a new .yaml file "
            f"({os.path.basename(stem)}.yaml) or a folder"
        )


def write_merged(result: MergeResult, output: str | os.PathLike[str]) -> Dataset:
    """Validate the merged dataset and write it, with its source texts.

    ``output`` is a new or empty folder (the dataset is ``output/<id>.yaml``,
    its texts beside it at their ``text:`` paths), or a new ``.yaml`` file in
    an existing folder, such as the inputs' own: a text the folder already
    holds byte for byte at its path is shared, not written again, and one
    that differs is an error. The copy is validated with
    :func:`relgraph.load` before anything is moved into place; nothing is
    written when it has problems.

    Parameters
    ----------
    result : MergeResult
        The merge to write.
    output : str or os.PathLike
        A new or empty folder, or a new ``.yaml`` file.

    Returns
    -------
    Dataset
        The merged dataset as loaded back from where it was written.

    Raises
    ------
    DatasetError
        What validation found, or a text the folder holds otherwise (nothing
        is written).
    UsageError
        When a folder ``output`` exists and is not empty, or is a file; when a
        ``.yaml`` ``output`` exists already or its folder does not; when
        ``output`` has another suffix (:func:`check_output`).
    WriteError
        When the files cannot be written.

    Examples
    --------
    >>> import os, tempfile, relgraph
    >>> a = relgraph.load("graph_data/cuba_iran.yaml")
    >>> b = relgraph.load("graph_data/raisi_havana_2023.yaml")
    >>> out = os.path.join(tempfile.mkdtemp(), "merged")
    >>> write_merged(merge([a, b]), out).id
    'cuba_iran_raisi_havana_2023'
    >>> sorted(os.listdir(out))
    ['cuba_iran_raisi_havana_2023.yaml', 'sources']
    """
    from relgraph.imports.commit import write_document
    from relgraph.imports.nodelink import document_from_node_link
    from relgraph.records import node_link

    check_output(output)
    target = merged_path(result, output)
    if target == os.fspath(output):  # a dataset file beside texts that may be there already
        return write_document(_merged_document(result, document_from_node_link, node_link), target)
    folder = os.fspath(output)
    if os.path.exists(folder) and not os.path.isdir(folder):
        raise UsageError(f"'{folder}' is a file\n  hint: -o names a folder for the merged dataset")
    if os.path.isdir(folder) and os.listdir(folder):
        raise UsageError(
            f"the folder '{folder}' is not empty\n  hint: merge into a new or empty folder"
        )
    os.makedirs(folder, exist_ok=True)
    doc = _merged_document(result, document_from_node_link, node_link)
    try:
        return write_document(doc, target)
    except BaseException:
        if not os.listdir(folder):
            os.rmdir(folder)
        raise


def _merged_document(result: MergeResult, from_node_link: Any, node_link: Any) -> Any:
    doc = from_node_link(node_link(result.dataset, texts=True), "<merged dataset>")
    doc.comment = (
        f"The dataset {result.dataset.id}, merged by relgraph from "
        + ", ".join(d.id for d in result.inputs)
        + "."
    )
    return doc

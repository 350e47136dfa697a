"""Finding the same actor, or the same relation, in two datasets.

:func:`match` compares the actors of datasets that were curated apart and
proposes pairs that may be one actor under two ids, each with a score from 0
to 1 and the reasons for it, best first. It never decides: the analyst records
a judgement for each pair (``same``, ``different`` or ``unsure``) in a
judgements file (:mod:`relgraph.judgements`), and :func:`relgraph.merging.merge`
applies them.

How actors are compared
-----------------------
Names and aliases are *folded*: transliterated to Latin letters (anyascii),
accents, case, punctuation and hyphens dropped. Two names are then compared
with rapidfuzz's token ratios (word order does not count, and a name whose two
or more words all appear in the other, such as a second surname left out,
counts as alike) and by their *skeletons*, each word's consonants, so that
vowel spellings of one name in different transliterations
(``Ebrahim``/``Ibrahim``) meet.

- The same external id (``wikidata: Q…``) is the strongest reason; a
  *different* id under the same scheme rules a pair out.
- Different ``country`` values rule a pair out; different kinds lower the score.
- Two states or territories pair only when their names are the same once folded:
  a near spelling of a country's name is another country (Niger, Nigeria).
- The same id with a different name or kind in two datasets is proposed too,
  since loading both together reports it as a conflict.

Only actors that share a *blocking key* (a folded word of three letters or
more, or its skeleton) are compared, so the work grows with the number of
actors sharing words, not with the product of the datasets' sizes.

Relations
---------
Once actor pairs scoring at least the threshold (or judged the same) are
taken as one actor, relations of two datasets with the same type and the same
ends are proposed as relation pairs when they are not certain to be one event:
one is dated and the other not, their dates differ, or their ids differ.

Examples
--------
>>> fold_name("Díaz-Canel Bermúdez")
'diaz canel bermudez'
>>> skeleton("ebrahim raisi") == skeleton("ibrahim raisi")
True
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from anyascii import anyascii
from rapidfuzz import fuzz

from relgraph.errors import counted
from relgraph.model import Dataset, Entity, Relation

__all__ = [
    "Candidate",
    "MatchResult",
    "Ref",
    "fold_name",
    "match",
    "skeleton",
]

#: Words too common in actors' names to tell two actors apart.
_STOPWORDS = frozenset(
    """the and of for del de la el los las da do di der den van von al ibn bin unnamed
    minister ministry president state republic national agency news office foreign
    affairs government council party group company""".split()  # noqa: SIM905
)
#: Kinds whose members pair only on the same folded name (countries and places).
_PLACE_KINDS = frozenset({"state", "territory", "country", "city", "region"})
#: A blocking key shared by more actors than this is too common to compare on.
MAX_BLOCK = 200

_PUNCT = re.compile(r"[^a-z0-9]+")
_VOWELS = re.compile(r"[aeiouy]+")
_REPEAT = re.compile(r"(.)\1+")


def fold_name(text: str) -> str:
    """Return the form of a name that matching compares: Latin letters, no accents or case.

    Parameters
    ----------
    text : str
        A name or alias, in any script.

    Returns
    -------
    str
        The name transliterated to Latin letters, folded, its spaces collapsed.

    Examples
    --------
    >>> fold_name("  Raúl CASTRO ")
    'raul castro'
    >>> fold_name("ابراهیم رئیسی")  # transliterated: its skeleton meets 'Ebrahim Raisi'
    'brhym ryysy'
    >>> skeleton(fold_name("ابراهیم رئیسی")) == skeleton("ebrahim raisi")
    True
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _PUNCT.sub(" ", anyascii(text).lower()).strip()


def skeleton(folded: str) -> str:
    """Each word's consonants, doubled letters once: vowel spellings of a name meet.

    Parameters
    ----------
    folded : str
        A name as :func:`fold_name` gives it.

    Returns
    -------
    str
        Its words' skeletons, separated by spaces.

    Examples
    --------
    >>> skeleton("mohammad")
    'mhmd'
    >>> skeleton("muhamad")
    'mhmd'
    """
    words = []
    for word in folded.split():
        core = _REPEAT.sub(r"\1", _VOWELS.sub("", word[1:]))
        head = "" if word[0] in "aeiouy" else word[0]
        words.append(_REPEAT.sub(r"\1", head + core) or word)
    return " ".join(words)


@dataclass(frozen=True, order=True)
class Ref:
    """An item of one of the datasets being compared: ``dataset:item``."""

    dataset: str
    id: str

    def __str__(self) -> str:
        """Return ``dataset:id``."""
        return f"{self.dataset}:{self.id}"

    @classmethod
    def parse(cls, text: str) -> Ref:
        """Read ``dataset:item``.

        Parameters
        ----------
        text : str
            ``dataset:item``; the item may itself hold ``:``.

        Returns
        -------
        Ref
            The two parts.

        Raises
        ------
        ValueError
            When the text has no ``:`` between two non-empty parts.

        Examples
        --------
        >>> Ref.parse("cuba_iran:iran")
        Ref(dataset='cuba_iran', id='iran')
        """
        dataset, sep, item = text.partition(":")
        if not sep or not dataset or not item:
            raise ValueError(f"'{text}' is not of the form dataset-id:item-id")
        return cls(dataset, item)


@dataclass(frozen=True)
class Candidate:
    """A pair that may be one actor (``kind="entity"``) or one relation.

    ``labels`` are the two items' names (for actors) or descriptions (for
    relations), as a reader would recognise them.
    """

    kind: Literal["entity", "relation"]
    left: Ref
    right: Ref
    score: float
    reasons: tuple[str, ...]
    labels: tuple[str, str]

    def to_dict(self) -> dict[str, Any]:
        """Return the candidate as plain data (for JSON and the judgements file).

        Returns
        -------
        dict
            The pair, its score and its reasons.

        Examples
        --------
        >>> import relgraph
        >>> a = relgraph.load("graph_data/cuba_iran.yaml")
        >>> b = relgraph.load("graph_data/raisi_havana_2023.yaml")
        >>> d = match([a, b]).entities[0].to_dict()
        >>> d["left"], d["right"], d["score"]
        ('cuba_iran:ibrahim-raisi', 'raisi_havana_2023:ebrahim-raisi', 1.0)
        """
        return {
            "kind": self.kind,
            "left": str(self.left),
            "right": str(self.right),
            "score": round(self.score, 3),
            "reasons": list(self.reasons),
            "labels": list(self.labels),
        }


@dataclass(frozen=True)
class MatchResult:
    """What :func:`match` proposes: actor pairs and relation pairs, best first."""

    entities: tuple[Candidate, ...]
    relations: tuple[Candidate, ...]
    compared: int = 0
    actors: int = 0
    datasets: tuple[str, ...] = field(default=())

    def to_records(self) -> list[dict[str, Any]]:
        """Every candidate as a dict, actor pairs first.

        Returns
        -------
        list of dict
            :meth:`Candidate.to_dict` of each candidate.

        Examples
        --------
        >>> import relgraph
        >>> a = relgraph.load("graph_data/cuba_iran.yaml")
        >>> b = relgraph.load("graph_data/raisi_havana_2023.yaml")
        >>> result = match([a, b])
        >>> result.to_records()[0] == result.entities[0].to_dict()
        True
        """
        return [c.to_dict() for c in (*self.entities, *self.relations)]

    def to_text(self) -> str:
        """Return the candidates as the terminal shows them.

        Returns
        -------
        str
            The candidates with their reasons, then the counts.

        Examples
        --------
        >>> print(MatchResult((), ()).to_text())
        no candidate pairs (0 pairs compared among 0 actors)
        """
        lines: list[str] = []
        for title, items in (("Actors", self.entities), ("Relations", self.relations)):
            if not items:
                continue
            lines.append(f"{title} that may be the same:")
            for n, c in enumerate(items, 1):
                lines.append(
                    f"{n:>3}. {c.score:.2f}  {c.left} ({c.labels[0]})  ~  {c.right} ({c.labels[1]})"
                )
                lines.append("       " + "; ".join(c.reasons))
        compared = (
            f"{counted(self.compared, 'pair', 'pairs')} compared among "
            f"{counted(self.actors, 'actor', 'actors')}"
        )
        if not lines:
            return f"no candidate pairs ({compared})"
        lines.append(
            f"{counted(len(self.entities), 'actor pair', 'actor pairs')} and "
            f"{counted(len(self.relations), 'relation pair', 'relation pairs')} ({compared})"
        )
        return "\n".join(lines)


@dataclass
class _Actor:
    ref: Ref
    entity: Entity
    names: list[str]  # folded name and aliases, name first
    skeletons: list[str]


def _actor(dataset: str, entity: Entity) -> _Actor:
    names: list[str] = []
    for label in (entity.name, *entity.aliases):
        folded = fold_name(label)
        if folded and folded not in names:
            names.append(folded)
    return _Actor(Ref(dataset, entity.id), entity, names, [skeleton(n) for n in names])


def _keys(actor: _Actor) -> set[str]:
    keys = set()
    for name, skel in zip(actor.names, actor.skeletons, strict=True):
        for word in name.split():
            if len(word) >= 3 and word not in _STOPWORDS:
                keys.add("w:" + word)
        for word in skel.split():
            if len(word) >= 3 and word.isalpha():  # digits have no vowels to spell otherwise
                keys.add("s:" + word)
    keys.add("i:" + actor.entity.id)
    return keys


def _similarity(a: str, b: str) -> float:
    """How alike two folded names are, 0–100.

    Word order does not count; one name's words all in the other counts as
    alike only when there are at least two of them ("diaz canel" in "diaz canel
    bermudez"), since one shared word ("raisi" in "the ministers accompanying
    raisi") says little.
    """
    score = float(fuzz.token_sort_ratio(a, b))
    if min(len(a.split()), len(b.split())) >= 2:
        score = max(score, 0.9 * fuzz.token_set_ratio(a, b))
    return score


def _best_names(a: _Actor, b: _Actor) -> tuple[float, str, str]:
    """Return the highest name similarity (0–100) of any name or alias pair, and why.

    With them comes the names' own similarity.

    The third is what the two names (not their aliases) have in common: a pair
    found by a shared alias ("Raisi") says how its names compare too
    ("Ibrahim Raisi" / "Ebrahim Raisi").
    """
    best, why, own = 0.0, "", ""
    for i, (na, sa) in enumerate(zip(a.names, a.skeletons, strict=True)):
        for j, (nb, sb) in enumerate(zip(b.names, b.skeletons, strict=True)):
            which = (
                "name" if i == 0 and j == 0 else "name and alias" if i == 0 or j == 0 else "aliases"
            )
            if na == nb:
                score, reason = 100.0, f"same {which} once folded ('{na}')"
            else:
                ratio = _similarity(na, nb)
                score, reason = ratio, f"{which} alike ({ratio:.0f}%: '{na}' / '{nb}')"
                if sa == sb and len(sa.replace(" ", "")) >= 4:
                    score = max(score, 94.0)
                    reason = f"{which} spelled alike ('{na}' / '{nb}', consonants '{sa}')"
            if i == 0 and j == 0:
                own = reason
            if score > best:
                best, why = score, reason
    return best, why, own


def _compare(a: _Actor, b: _Actor) -> tuple[float, list[str]] | None:
    ea, eb = a.entity, b.entity
    reasons: list[str] = []
    ids_a, ids_b = dict(ea.external_ids), dict(eb.external_ids)
    shared = sorted(set(ids_a) & set(ids_b))
    for scheme in shared:
        if ids_a[scheme] != ids_b[scheme]:
            return None  # two different registered identities
    if ea.country and eb.country and ea.country != eb.country:
        return None
    same_id = ea.id == eb.id
    if same_id and ea.name == eb.name and ea.kind == eb.kind:
        return None  # already one actor when the datasets are loaded together
    names, why, own = _best_names(a, b)
    places = ea.kind in _PLACE_KINDS or eb.kind in _PLACE_KINDS
    if places and names < 100 and not shared and not same_id:
        return None
    score = names / 100
    if shared:
        score = 1.0
        reasons.append("same " + ", ".join(f"{s} id {ids_a[s]}" for s in shared))
    if same_id:
        score = max(score, 0.9)
        reasons.append(f"same id '{ea.id}' with another name or kind")
    reasons.append(why)
    if own != why:
        reasons.append(own)
    if ea.kind == eb.kind:
        reasons.append(f"same kind ({ea.kind})")
    else:
        score -= 0.25
        reasons.append(f"different kinds ({ea.kind} / {eb.kind})")
    if ea.country and ea.country == eb.country:
        score = min(1.0, score + 0.05)
        reasons.append(f"same country ({ea.country})")
    return max(0.0, min(1.0, score)), reasons


def _relation_label(dataset: Dataset, r: Relation) -> str:
    span = f" {r.start or ''}–{r.end or ''}"
    when = f" {r.date}" if r.date else span if r.start or r.end else " undated"
    return f"{dataset.entity(r.source).name} {r.type} {dataset.entity(r.target).name},{when}"


def _same_when(a: Relation, b: Relation) -> tuple[bool, str]:
    """Whether two relations' dates show them to be one event, and what they say."""
    da, db = a.date or a.start, b.date or b.start
    if da is None and db is None:
        return a.id == b.id, "both undated"
    if da is None or db is None:
        return False, "one is dated, the other not"
    if str(a.date) == str(b.date) and str(a.start) == str(b.start) and str(a.end) == str(b.end):
        return a.id == b.id, f"same date ({da})"
    overlap = (a.earliest() or "") <= (b.latest() or "") and (b.earliest() or "") <= (
        a.latest() or ""
    )
    return False, "dates overlap" if overlap else "dates differ"


def _relation_pairs(datasets: Sequence[Dataset], same: Mapping[Ref, Ref]) -> list[Candidate]:
    """Relations of different datasets with one type and the same ends, once actors are joined."""

    def canon(ref: Ref) -> str:
        seen = set()
        while ref in same and ref not in seen:
            seen.add(ref)
            ref = same[ref]
        return ref.id  # an id means the same actor in every dataset

    by_key: dict[tuple[Any, ...], list[tuple[int, Relation]]] = defaultdict(list)
    for n, ds in enumerate(datasets):
        for r in ds.relations:
            directed = ds.vocabulary.relation_types[r.type].directed
            ends = [canon(Ref(ds.id, r.source)), canon(Ref(ds.id, r.target))]
            ends_key = tuple(ends) if directed else tuple(sorted(ends))
            by_key[(r.type, ends_key)].append((n, r))
    out = []
    for (rtype, _), members in by_key.items():
        for i, (na, ra) in enumerate(members):
            for nb, rb in members[i + 1 :]:
                if na == nb:
                    continue
                one, said = _same_when(ra, rb)
                if one:
                    continue  # the same id and date: a merge folds them without asking
                reasons = [f"same type ({rtype}) and the same ends", said]
                score = 0.9 if said in ("dates overlap", "both undated") else 0.7
                if said == "dates differ":
                    score = 0.4
                out.append(
                    Candidate(
                        "relation",
                        Ref(datasets[na].id, ra.id),
                        Ref(datasets[nb].id, rb.id),
                        score,
                        tuple(reasons),
                        (_relation_label(datasets[na], ra), _relation_label(datasets[nb], rb)),
                    )
                )
    return out


def match(
    datasets: Sequence[Dataset],
    *,
    threshold: float = 0.6,
    judged_same: Iterable[tuple[Ref, Ref]] = (),
) -> MatchResult:
    """Propose actors (and relations) of ``datasets`` that may be the same.

    Parameters
    ----------
    datasets : sequence of Dataset
        Two or more datasets, each loaded on its own. Their ids tell them apart
        in the refs (``dataset:item``), so they must differ.
    threshold : float
        The lowest score of an actor pair to propose (0–1).
    judged_same : iterable of (Ref, Ref)
        Pairs already judged the same; relations are paired across them too.

    Returns
    -------
    MatchResult
        Actor pairs, then relation pairs, each best first.

    Raises
    ------
    ValueError
        When two datasets share an id.

    Examples
    --------
    >>> import relgraph
    >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
    >>> match([ds, ds])
    Traceback (most recent call last):
    ...
    ValueError: two datasets have the id 'cuba_iran'; match compares datasets curated apart
    """
    ids = [ds.id for ds in datasets]
    for ident in ids:
        if ids.count(ident) > 1:
            raise ValueError(
                f"two datasets have the id '{ident}'; match compares datasets curated apart"
            )
    actors = [_actor(ds.id, e) for ds in datasets for e in ds.entities]
    blocks: dict[str, list[int]] = defaultdict(list)
    for n, actor in enumerate(actors):
        for key in _keys(actor):
            blocks[key].append(n)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) > MAX_BLOCK:
            continue
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if actors[a].ref.dataset != actors[b].ref.dataset:
                    pairs.add((a, b) if a < b else (b, a))
    found = []
    for a, b in sorted(pairs):
        result = _compare(actors[a], actors[b])
        if result is None or result[0] < threshold:
            continue
        score, reasons = result
        x, y = actors[a], actors[b]
        found.append(
            Candidate("entity", x.ref, y.ref, score, tuple(reasons), (x.entity.name, y.entity.name))
        )
    found.sort(key=lambda c: (-c.score, str(c.left), str(c.right)))
    same: dict[Ref, Ref] = {}
    for c in found:
        same.setdefault(c.right, c.left)
    for left, right in judged_same:
        same[right] = left
    relations = _relation_pairs(datasets, same)
    relations.sort(key=lambda c: (-c.score, str(c.left), str(c.right)))
    return MatchResult(tuple(found), tuple(relations), len(pairs), len(actors), tuple(ids))

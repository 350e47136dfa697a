"""Suggested relations: who a stored source names, and what ties it may state.

An analyst reading a new article wants to see which sentences name known
actors and what they say of them. :func:`suggest` reads one source's stored
text sentence by sentence, rule by rule (deterministic, offline, no model):

* **actors**: every entity of the dataset found by its name or an alias
  (case and accents folded, whole words, the longest name first); countries,
  their capitals and demonyms (the ``countryinfo`` package's data, so that
  "Havana" and "Cuban" find the dataset's Cuba, or propose a new state); and
  new candidate names: capitalised sequences of two words or more, and a
  name after a title ("President X", "Foreign Minister X");
* **relations**: for each sentence naming two actors or more, a candidate of
  the relation type whose cue words (the vocabulary's ``cues:``) the
  sentence matches best and whose kinds the two actors fit. The direction
  follows the sentence: the actor named before the cue is the source, unless
  the verb is passive ("was welcomed by X"). A demonym or a country's name
  before a title and a person ("Iranian President Ebrahim Raisi") proposes
  that the person holds office in that state;
* **evidence**: the sentence itself, verbatim (checked against the text),
  its status from cue words ("alleged", "accused", "reportedly", "the
  data": alleged; "denied": denied), ``attributed_to`` from attribution cues
  ("said", "according to", "wrote on his Twitter account"), the event's
  date when the sentence gives one with its year (else ``reported:``, the
  source's published date), and counts ("six accords", "over 20
  agreements") as ``amount:`` values.

:meth:`Suggestions.draft` writes the result as a dataset file whose every
record carries ``review: proposed``; nothing goes into a dataset until an
analyst accepts it (``relgraph accept``).

Examples
--------
>>> from relgraph.model import Entity
>>> text = "Iranian President Ebrahim Raisi arrived in Havana on 15 June 2023."
>>> found = suggest(text, "visit", entities=[
...     Entity("iran", "Iran", "state", country="IR"),
...     Entity("cuba", "Cuba", "state", country="CU"),
...     Entity("raisi", "Ebrahim Raisi", "official")])
>>> [(r.source, r.type, r.target, str(r.date)) for r in found.relations]
[('raisi', 'holds_office', 'iran', '2023-06-15'), ('raisi', 'visit', 'cuba', '2023-06-15')]
>>> found.relations[1].quote == text
True
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from relgraph.model import Amount, Entity, PartialDate
from relgraph.passages import sentence_spans
from relgraph.quotes import StoredText
from relgraph.vocabulary import RelationType, Vocabulary, builtin_vocabulary

__all__ = [
    "Actor",
    "Mention",
    "SuggestedRelation",
    "Suggestions",
    "suggest",
    "suggest_source",
]

#: At most this many relation types are proposed for one pair of actors in one sentence.
TYPES_PER_PAIR = 2
#: Sentences longer than this (characters) are not proposed as quotes.
MAX_SENTENCE = 1_500

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        )
    )
}
_MONTH_RE = "(?:" + "|".join(_MONTHS) + ")"
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}}) ({_MONTH_RE}),? (\d{{4}})\b", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH_RE}) (\d{{1,2}}),? (\d{{4}})\b", re.IGNORECASE)
_MONTH_YEAR = re.compile(rf"\b(?:in )?({_MONTH_RE}),? (\d{{4}})\b", re.IGNORECASE)
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_IN_YEAR = re.compile(r"\b(?:in|since|during) (\d{4})\b(?!\s*[-–])", re.IGNORECASE)

_NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "a dozen": 12,
    "dozens of": None,
    "a score of": 20,
    "a score": 20,
}
_UNITS = {
    "accord": "agreement",
    "agreement": "agreement",
    "memorandum": "memorandum of understanding",
    "memoranda": "memorandum of understanding",
    "document": "agreement",
    "deal": "agreement",
    "treaty": "agreement",
    "treaties": "agreement",
    "contract": "contract",
    "pact": "agreement",
}
_AMOUNT = re.compile(
    r"\b(?P<qual>over|more than|at least|about|around|nearly|almost|some|up to|fewer than|"
    r"less than)?\s*(?P<num>\d+|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
    r"(?P<mid>(?:\s+[a-z]+){0,2}?)\s+(?P<unit>accords?|agreements?|memorand(?:um|ums|a)|"
    r"documents?|deals?|treat(?:y|ies)|contracts?|pacts?)\b",
    re.IGNORECASE,
)
_NOT_MID = {"and", "or", "of", "the", "to", "in", "on", "with", "by", "for"}

_ALLEGED = re.compile(
    r"\b(alleg\w*|accus\w*|reportedly|purported\w*|suspected|the (?:provided )?data)\b",
    re.IGNORECASE,
)
_DENIED = re.compile(r"\b(denied|denies|deny|rejected the (?:claim|report)s?)\b", re.IGNORECASE)
_SAID = re.compile(
    r"\b(said|says|told|stated|declared|announced|stressed|noted|affirmed|added|explained|"
    r"asserted|underlined|highlighted|emphasi[sz]ed|wrote)\b",
    re.IGNORECASE,
)
_ACCORDING = re.compile(r"\baccording to\b", re.IGNORECASE)
_PASSIVE = re.compile(
    r"\b(?:was|were|is|are|been|being)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn|t)\s+by\s+(?:the\s+)?$"
)

# titles that put an office before a name; the longest first
_TITLES = (
    "Foreign Minister",
    "Prime Minister",
    "Vice President",
    "Supreme Leader",
    "Deputy Foreign Minister",
    "Defense Minister",
    "Defence Minister",
    "Parliament Speaker",
    "Secretary of State",
    "President",
    "Minister",
    "Ambassador",
    "Ayatollah",
    "General",
    "Speaker",
    "Senator",
    "Chancellor",
    "King",
    "Queen",
    "Prince",
    "Sheikh",
)
_PARTICLES = {"de", "del", "la", "al", "el", "bin", "van", "von", "da", "di", "of", "the"}
_CAP_WORD = r"[A-Z\u00c0-\u00de][\w\u00c0-\u024f’'.-]*"
_CAP_SEQ = re.compile(
    rf"\b{_CAP_WORD}(?:\s+(?:(?:de|del|la|al|el|bin|van|von|da|di)\s+)?{_CAP_WORD})+"
)
# capitalised words that begin a sentence or name no actor
_STOP = {
    "the",
    "a",
    "an",
    "on",
    "in",
    "at",
    "this",
    "that",
    "these",
    "his",
    "her",
    "its",
    "their",
    "he",
    "she",
    "they",
    "it",
    "we",
    "our",
    "and",
    "but",
    "for",
    "after",
    "before",
    "during",
    "while",
    "with",
    "by",
    "as",
    "upon",
    "additionally",
    "also",
    "meanwhile",
    "however",
    "both",
    "according",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    *_MONTHS,
}
# a demonym in these phrases is a region's, not a state's ("Latin American")
_REGION_BEFORE = {"latin", "south", "north", "central", "east", "west", "middle"}


def _fold(text: str) -> tuple[str, list[int]]:
    """``text`` case folded and accents dropped, with each folded character's offset."""
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        folded = ch.casefold()
        if not folded.isascii():
            folded = "".join(
                c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c)
            )
        if ch in "’‘":
            folded = "'"
        for c in folded:
            out.append(c)
            offsets.append(i)
    return "".join(out), offsets


def _fold_name(name: str) -> str:
    return " ".join(_fold(name)[0].split())


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _fold_name(name)).strip("-") or "actor"


@dataclass(frozen=True, slots=True)
class Mention:
    """Where a sentence names an actor: ``text[start:end]`` of the source's text.

    ``as_modifier`` is true for a demonym or a state's name that only
    qualifies a title and a name ("Iranian President X"): it ties the
    person to the state, not the state to the sentence's other actors.
    """

    start: int
    end: int
    text: str
    actor: str
    as_modifier: bool = False


@dataclass(frozen=True)
class Actor:
    """An actor found in the source: a known entity (``known``) or a new candidate."""

    id: str
    name: str
    kind: str
    known: bool
    mentions: tuple[Mention, ...] = ()
    country: str | None = None
    how: str = "name"


@dataclass(frozen=True)
class SuggestedRelation:
    """A proposed relation with its one evidence item, the sentence that suggests it.

    ``cues`` are the cue words of the type the sentence matched; ``score``
    how many matched (0 for a tie told by a title alone).
    """

    id: str
    source: str
    target: str
    type: str
    status: str
    quote: str
    start: int
    end: int
    source_id: str
    attributed_to: str | None = None
    date: PartialDate | None = None
    reported: PartialDate | None = None
    amounts: tuple[Amount, ...] = ()
    cues: tuple[str, ...] = ()
    score: int = 0


@dataclass(frozen=True)
class Suggestions:
    """What :func:`suggest` found in one source: its actors and proposed relations."""

    source_id: str
    actors: tuple[Actor, ...]
    relations: tuple[SuggestedRelation, ...]
    words: int = 0
    source_record: dict[str, Any] = field(default_factory=dict)
    entities: tuple[Entity, ...] = ()
    #: The stored text's file, when read from one.
    text_file: str | None = None
    #: The dataset's own ``vocabulary:`` section as written, copied into the draft.
    vocabulary_section: dict[str, Any] | None = None

    def draft(self, *, text_path: str | None = None, dataset_id: str = "draft") -> dict[str, Any]:
        """Return the suggestions as a dataset's data: every record marked ``review: proposed``.

        ``text_path`` is the source's stored text as the draft file must name
        it (relative to the draft's folder). Known actors are copied from the
        dataset so that the draft is a valid dataset by itself; ``relgraph
        accept`` skips what the dataset already has.

        Parameters
        ----------
        text_path : str, optional
            The ``text:`` of the draft's source record.
        dataset_id : str
            The draft's dataset id.

        Returns
        -------
        dict
            The draft dataset's sections, ready to be written as YAML.

        Examples
        --------
        >>> s = suggest("Iran and Cuba signed six accords.", "art")
        >>> d = s.draft(text_path="art.txt")
        >>> [e["id"] for e in d["entities"]], d["relations"][0]["evidence"][0]["amount"]
        (['iran', 'cuba'], {'value': 6, 'unit': 'agreement', 'note': 'six accords'})
        """
        record = {
            k: str(v) for k, v in self.source_record.items() if k in _SOURCE_KEYS and v is not None
        }
        record.setdefault("id", self.source_id)
        record.setdefault("title", self.source_id)
        record.setdefault("reliability", "F")
        if text_path is not None:
            record["text"] = text_path
        elif "text" in self.source_record:
            record["text"] = str(self.source_record["text"])
        record["review"] = "proposed"
        known = {e.id: e for e in self.entities}
        used = {r.source for r in self.relations} | {r.target for r in self.relations}
        entities: list[dict[str, Any]] = []
        for actor in self.actors:
            if actor.id not in used:
                continue
            entity = known.get(actor.id)
            item: dict[str, Any]
            if entity is not None:
                item = {"id": entity.id, "name": entity.name, "kind": entity.kind}
                if entity.aliases:
                    item["aliases"] = list(entity.aliases)
                if entity.country:
                    item["country"] = entity.country
            else:
                item = {"id": actor.id, "name": actor.name, "kind": actor.kind}
                if actor.country:
                    item["country"] = actor.country
                seen = sorted({m.text for m in actor.mentions} - {actor.name})
                if seen:
                    item["aliases"] = seen
                item["description"] = f"found by relgraph suggest ({actor.how})"
            item["review"] = "proposed"
            entities.append(item)
        relations = []
        for rel in self.relations:
            ev: dict[str, Any] = {"quote": rel.quote, "source": rel.source_id}
            if rel.attributed_to:
                ev["attributed_to"] = rel.attributed_to
            if rel.date is not None:
                ev["date"] = str(rel.date)
            if rel.amounts:
                amounts = [_amount_dict(a) for a in rel.amounts]
                ev["amount"] = amounts[0] if len(amounts) == 1 else amounts
            item = {
                "id": rel.id,
                "source": rel.source,
                "target": rel.target,
                "type": rel.type,
                "status": rel.status,
            }
            if rel.date is not None:
                item["date"] = str(rel.date)
            elif rel.reported is not None:
                item["reported"] = str(rel.reported)
            cues = ", ".join(rel.cues) if rel.cues else "a title before a name"
            item["notes"] = f"proposed by relgraph suggest from: {cues}"
            item["review"] = "proposed"
            item["evidence"] = [ev]
            relations.append(item)
        out: dict[str, Any] = {
            "dataset": {"id": dataset_id, "title": f"Suggestions from {self.source_id}"},
        }
        if self.vocabulary_section:
            out["vocabulary"] = self.vocabulary_section
        out.update(sources=[record], entities=entities, relations=relations)
        return out


_SOURCE_KEYS = (
    "id",
    "title",
    "publisher",
    "url",
    "published",
    "retrieved",
    "reliability",
    "sha256",
)


def _amount_dict(a: Amount) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in ("value", "approx", "min", "max", "unit", "currency", "note"):
        value = getattr(a, key)
        if value is not None:
            out[key] = value
    return out


@dataclass(frozen=True)
class _Name:
    folded: str
    actor: str
    how: str


@functools.cache
def _countries() -> tuple[tuple[str, str, str | None, str | None], ...]:
    """(name, ISO alpha-2, capital, demonym) of each country, from countryinfo's data."""
    import countryinfo

    rows = []
    for info in countryinfo.all_countries():
        try:
            iso = (info.iso() or {}).get("alpha2")
            name = info.name()
        except Exception:  # pragma: no cover - a broken record of the package
            continue
        if not iso or not name:
            continue
        rows.append((str(name), str(iso), info.capital() or None, info.demonym() or None))
    return tuple(rows)


class _Finder:
    """Finds actor names in folded text: known names first, then countries."""

    def __init__(self, entities: Sequence[Entity], use_countries: bool) -> None:
        self.entities = {e.id: e for e in entities}
        self.new: dict[str, Actor] = {}
        names: dict[str, _Name] = {}
        for e in entities:
            for n in (e.name, *e.aliases):
                key = _fold_name(n)
                if len(key) >= 2 and key not in names:
                    names[key] = _Name(key, e.id, "name")
        self.demonyms: set[str] = set()
        self.acronyms = {
            _fold_name(n)
            for e in entities
            for n in (e.name, *e.aliases)
            if len(n) <= 5 and n.isupper()
        }
        if use_countries:
            by_code: dict[str, str] = {}
            for e in entities:
                if e.kind == "state" and e.country and e.country not in by_code:
                    by_code[e.country] = e.id
            for country, iso, capital, demonym in _countries():
                actor = by_code.get(iso) or (
                    names[_fold_name(country)].actor
                    if _fold_name(country) in names
                    else self._new_state(country, iso)
                )
                spelled: tuple[tuple[str | None, str], ...] = (
                    (country, "country"),
                    (capital, "capital"),
                    (demonym, "demonym"),
                )
                for spelling, how in spelled:
                    if not spelling:
                        continue
                    key = _fold_name(spelling)
                    if len(key) >= 3 and key not in names:
                        names[key] = _Name(key, actor, how)
                        if how == "demonym":
                            self.demonyms.add(key)
        self.names = names
        alternatives = sorted(names, key=len, reverse=True)
        self.pattern = re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in alternatives) + r")(?![\w-])"
            if alternatives
            else r"(?!x)x"
        )

    def _new_state(self, name: str, iso: str) -> str:
        ident = _slug(name)
        if ident in self.entities:
            ident = f"{ident}-state"
        return ident

    def kind(self, actor: str) -> str:
        if actor in self.entities:
            return self.entities[actor].kind
        found = self.new.get(actor)
        return found.kind if found else "state"


@dataclass
class _State:
    mentions: dict[str, list[Mention]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    countries: dict[str, str | None] = field(default_factory=dict)
    hows: dict[str, str] = field(default_factory=dict)


def suggest(
    text: str,
    source_id: str,
    *,
    entities: Iterable[Entity] = (),
    vocabulary: Vocabulary | None = None,
    published: str | PartialDate | None = None,
    countries: bool = True,
    candidates: bool = True,
    source_record: dict[str, Any] | None = None,
) -> Suggestions:
    """Propose actors and relations for the stored ``text`` of source ``source_id``.

    Parameters
    ----------
    text
        The source's stored text (every quote proposed is a verbatim part of it).
    source_id
        The id the evidence items name.
    entities
        The dataset's entities, found by name and alias.
    vocabulary
        The relation types and their ``cues:`` (default: the built-in vocabulary).
    published
        The source's published date: ``reported:`` of relations the sentence does not date.
    countries
        Also find countries, capitals and demonyms (countryinfo's data).
    candidates
        Also propose new actors from capitalised names and titles.

    Returns
    -------
    Suggestions
        The actors found (with their mentions) and the proposed relations, in
        the order of the text.

    Examples
    --------
    >>> s = suggest("The data alleges that Cuba hosts a base of Hezbollah, Abu Ali said.",
    ...             "a", entities=[Entity("hezbollah", "Hezbollah", "group")])
    >>> [(a.id, a.known, a.how) for a in s.actors][:2]
    [('cuba', False, 'country'), ('hezbollah', True, 'name')]
    >>> s.actors[2].name, s.actors[2].how
    ('Abu Ali', 'capitalised name')
    >>> r = s.relations[0]
    >>> (r.source, r.type, r.target, r.status)
    ('cuba', 'hosts_base', 'hezbollah', 'alleged')
    """
    vocab = vocabulary or builtin_vocabulary()
    ents = tuple(entities)
    finder = _finder(ents, countries)
    stored = StoredText(text)
    reported = PartialDate.parse(published) if isinstance(published, str) else published
    state = _State()
    relations: list[SuggestedRelation] = []
    used_ids: dict[str, int] = {}
    folded, offsets = _fold(text)
    for start, end in sentence_spans(text):
        if end - start > MAX_SENTENCE:
            continue
        sentence = text[start:end]
        mentions = _mentions(text, folded, offsets, start, end, finder, candidates, state)
        if not mentions:
            continue
        for m in mentions:
            state.mentions.setdefault(m.actor, []).append(m)
        if len({m.actor for m in mentions}) < 2:
            continue
        quote = " ".join(sentence.split())
        if stored.find(quote) is None:  # pragma: no cover - sentences are parts of the text
            continue
        facts = _Facts(sentence, mentions, start, state)
        for source, rtype, target, cues, score in _relations(
            sentence, mentions, start, vocab, state
        ):
            base = f"{source}-{rtype}-{target}"
            used_ids[base] = used_ids.get(base, 0) + 1
            ident = base if used_ids[base] == 1 else f"{base}-{used_ids[base]}"
            relations.append(
                SuggestedRelation(
                    id=ident,
                    source=source,
                    target=target,
                    type=rtype,
                    status=facts.status,
                    quote=quote,
                    start=start,
                    end=end,
                    source_id=source_id,
                    attributed_to=facts.attributed_to,
                    date=facts.date,
                    reported=None if facts.date else reported,
                    amounts=facts.amounts if rtype == "agreement" else (),
                    cues=cues,
                    score=score,
                )
            )
    known_ids = {e.id for e in ents}
    actors = tuple(
        Actor(
            id=a,
            name=state.names[a],
            kind=state.kinds[a],
            known=a in known_ids,
            mentions=tuple(ms),
            country=state.countries.get(a),
            how=state.hows.get(a, "name"),
        )
        for a, ms in state.mentions.items()
    )
    return Suggestions(
        source_id=source_id,
        actors=actors,
        relations=tuple(relations),
        words=len(re.findall(r"\w+", text)),
        source_record=dict(source_record or {}),
        entities=tuple(e for e in ents if e.id in state.mentions),
    )


@functools.lru_cache(maxsize=8)
def _cached_finder(entities: tuple[Entity, ...], countries: bool) -> _Finder:
    return _Finder(entities, countries)


def _finder(entities: tuple[Entity, ...], countries: bool) -> _Finder:
    try:
        return _cached_finder(entities, countries)
    except TypeError:  # pragma: no cover - an unhashable entity
        return _Finder(entities, countries)


def _register(state: _State, finder: _Finder, actor: str, name: str, how: str) -> None:
    if actor in state.names:
        return
    entity = finder.entities.get(actor)
    if entity is not None:
        state.names[actor] = entity.name
        state.kinds[actor] = entity.kind
        state.countries[actor] = entity.country
        return
    state.hows[actor] = how
    if how in ("country", "capital", "demonym"):
        for cname, iso, _capital, _demonym in _countries():
            if _slug(cname) == actor or f"{_slug(cname)}-state" == actor:
                state.names[actor], state.kinds[actor], state.countries[actor] = (
                    cname,
                    "state",
                    iso,
                )
                return
    state.names[actor] = name
    state.kinds[actor] = "official" if how == "title" else "person"
    state.countries[actor] = None


def _mentions(
    text: str,
    folded: str,
    offsets: list[int],
    start: int,
    end: int,
    finder: _Finder,
    candidates: bool,
    state: _State,
) -> list[Mention]:
    lo = _folded_index(offsets, start)
    hi = _folded_index(offsets, end)
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for m in finder.pattern.finditer(folded, lo, hi):
        a, b = offsets[m.start()], offsets[m.end() - 1] + 1
        name = finder.names[m.group()]
        words = text[a:b]
        if name.how != "name" and not words[:1].isupper():
            continue  # "cuban" in lower case is not the state
        if name.folded in finder.acronyms and not words.isupper():
            continue  # the alias "AS" is not the word "as"
        if name.folded in finder.demonyms and _region_before(text, a):
            continue
        _register(state, finder, name.actor, words, name.how)
        found.append(Mention(a, b, words, name.actor))
        taken.append((a, b))
    if candidates:
        sentence = text[start:end]
        for m in _CAP_SEQ.finditer(sentence):
            a, b = start + m.start(), start + m.end()
            if any(x < b and a < y for x, y in taken):
                continue
            seq = m.group().split()
            title = _title_of(seq)
            if title:
                seq = seq[title:]
            while seq and seq[0].casefold().strip(".") in _STOP:
                seq = seq[1:]
            while seq and seq[-1].casefold() in _PARTICLES:
                seq = seq[:-1]
            if len(seq) < 2 and not (title and seq):
                continue
            if _fold_name(seq[-1]) in finder.demonyms:
                continue  # "Latin American": a region's adjective
            label = " ".join(seq).rstrip(".’'")
            if not label or any(c.isdigit() for c in label):
                continue
            a = start + m.start() + m.group().find(seq[0])
            b = a + len(label)
            if any(x < b and a < y for x, y in taken):
                continue
            actor = _slug(label)
            if actor in finder.entities:
                actor = f"{actor}-new"
            _register(state, finder, actor, label, "title" if title else "capitalised name")
            found.append(Mention(a, b, text[a:b], actor))
            taken.append((a, b))
    found.sort(key=lambda m: m.start)
    return _modifiers(text, found, state)


def _folded_index(offsets: list[int], at: int) -> int:
    from bisect import bisect_left

    return bisect_left(offsets, at)


def _region_before(text: str, at: int) -> bool:
    before = text[max(0, at - 12) : at].split()
    return bool(before) and before[-1].casefold() in _REGION_BEFORE


def _title_of(words: list[str]) -> int:
    """How many of ``words`` are a title before a name ("Foreign Minister"): 0 if none."""
    joined = " ".join(words)
    for title in _TITLES:
        if joined.startswith(title + " "):
            return len(title.split())
    return 0


_TITLE_AFTER = re.compile(
    r"^(?:’s|'s)?\s*(?:(?:then|former|new|late|first|vice|deputy|acting|foreign|prime|"
    r"interior|defen[cs]e|economy|oil|health|health minister's|senior|supreme|parliament|"
    r"parliamentary)[- ]?)*(?:president|minister|leader|speaker|ambassador|counterpart|"
    r"chancellor|secretary|head of state|foreign minister|adviser|advisor|spokes\w+)\b\s*,?\s*",
    re.IGNORECASE,
)


def _modifiers(text: str, mentions: list[Mention], state: _State) -> list[Mention]:
    """Mark a state named just before a title and a person's name as a modifier."""
    out = list(mentions)
    for i, m in enumerate(out):
        if state.kinds.get(m.actor) != "state" or i + 1 >= len(out):
            continue
        nxt = out[i + 1]
        if state.kinds.get(nxt.actor) not in ("official", "person"):
            continue
        between = text[m.end : nxt.start]
        if _TITLE_AFTER.match(between) and len(between) < 40:
            out[i] = Mention(m.start, m.end, m.text, m.actor, as_modifier=True)
    return out


@dataclass(frozen=True)
class _Cue:
    type: RelationType
    words: tuple[str, ...]
    at: int  # offset (in the sentence) of the first cue found


def _word_starts(folded: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in re.finditer(r"\w[\w'-]*", folded)]


def _cue_matches(folded: str, rtype: RelationType) -> tuple[tuple[str, ...], int]:
    found: list[str] = []
    first = -1
    for cue in rtype.cues:
        pattern = r"(?<!\w)" + re.escape(cue).replace(r"\ ", r"\s+")
        m = re.search(pattern, folded)
        if m:
            found.append(cue)
            if first < 0 or m.start() < first:
                first = m.start()
    return tuple(found), first


def _relations(
    sentence: str,
    mentions: list[Mention],
    offset: int,
    vocab: Vocabulary,
    state: _State,
) -> list[tuple[str, str, str, tuple[str, ...], int]]:
    folded, offs = _fold(sentence)
    out: list[tuple[str, str, str, tuple[str, ...], int]] = []
    seen: set[tuple[str, str, str]] = set()

    def add(s: str, t: str, rtype: str, cues: tuple[str, ...], score: int) -> None:
        key = (s, t, rtype)
        if s != t and key not in seen:
            seen.add(key)
            out.append((s, rtype, t, cues, score))

    # a state just before a title and a person: the person holds office in it
    if "holds_office" in vocab.relation_types:
        for i, m in enumerate(mentions):
            if m.as_modifier:
                add(mentions[i + 1].actor, m.actor, "holds_office", (), 0)
    # the others: the type whose cue words best match, for each pair the sentence allows
    actors = [m for m in mentions if not m.as_modifier]
    firsts: dict[str, Mention] = {}
    for m in actors:
        firsts.setdefault(m.actor, m)
    ordered = sorted(firsts.values(), key=lambda m: m.start)
    if len(ordered) < 2:
        return out
    cues = []
    for rtype in vocab.relation_types.values():
        if rtype.id == "holds_office" or not rtype.cues:
            continue
        words, at = _cue_matches(folded, rtype)
        if words:
            cues.append(_Cue(rtype, words, offs[at] if at < len(offs) else 0))
    if not cues:
        return out
    cues.sort(key=lambda c: (-len(c.words), c.at))
    for a, b in _pairs(sentence, ordered, mentions, cues[0].at, offset):
        taken = 0
        for cue in cues:
            pair = _direct(sentence, a, b, cue, offset, state)
            if pair is not None:
                add(pair[0], pair[1], cue.type.id, cue.words, len(cue.words))
                taken += 1
                if taken == TYPES_PER_PAIR:
                    break
    return out


_CLAUSE_BREAK = re.compile(
    r"\s(?:as(?=\s+(?:[A-Z]|the\s))|while|whereas|which|who|when)\s|;|\s[-–—]\s"
)
_COORDINATED = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?,?\s*(?:and|&|y|dan)\s+(?:(?:his|her|its|their|the)\s+)?"
    r"(?:(?:counterpart|president|minister|foreign|prime|leader|officials?|head of state)\s*)*$",
    re.IGNORECASE,
)


_SPEAKER_AFTER = re.compile(r"\s*(?:said|says|told|stated|wrote|added)\b", re.IGNORECASE)
_SPEAKER_BEFORE = re.compile(r",\s*(?:said|says|added)\s+$", re.IGNORECASE)


def _pairs(
    sentence: str, ordered: list[Mention], mentions: list[Mention], cue_at: int, offset: int
) -> list[tuple[Mention, Mention]]:
    """Return the pairs of actors a sentence may relate.

    Its subject (the first actor, with those joined to it by "and") with each actor
    after the cue, up to the next clause; and the subjects with each other ("Iran and
    Cuba signed").
    """
    before = [m for m in ordered if m.start - offset < cue_at]
    after = [m for m in ordered if m.start - offset >= cue_at]
    if not before:
        before, after = after[:1], after[1:]
    subjects = [before[0]]
    for m in before[1:]:
        between = sentence[subjects[-1].end - offset : m.start - offset]
        for x in mentions:
            if x.as_modifier and subjects[-1].end <= x.start and x.end <= m.start:
                between = between.replace(x.text, " ")
        if _COORDINATED.match(between):
            subjects.append(m)
        else:
            break
    rest = [m for m in before if m not in subjects] + after
    objects: list[Mention] = []
    for m in rest:
        if _SPEAKER_AFTER.match(sentence, m.end - offset) or _SPEAKER_BEFORE.search(
            sentence[: m.start - offset]
        ):
            continue  # "…, Raisi said": who speaks, not a party
        if objects and _CLAUSE_BREAK.search(sentence, objects[0].end - offset, m.start - offset):
            break
        if not objects and _CLAUSE_BREAK.search(sentence, cue_at, m.start - offset):
            break
        objects.append(m)
    out = [(a, b) for i, a in enumerate(subjects) for b in subjects[i + 1 :]]
    out += [(a, b) for a in subjects for b in objects]
    return out


def _direct(
    sentence: str, a: Mention, b: Mention, cue: _Cue, offset: int, state: _State
) -> tuple[str, str] | None:
    """Return the (source, target) of ``a`` and ``b`` for the cue's type.

    ``a`` is the one named first; the pair comes only if their kinds allow it.
    Passive voice ("was welcomed by B") turns the direction.
    """
    rtype = cue.type
    ka, kb = state.kinds.get(a.actor, "state"), state.kinds.get(b.actor, "state")
    first, second = a.actor, b.actor
    if rtype.directed:
        before_b = sentence[: b.start - offset]
        if _PASSIVE.search(before_b) and a.start - offset < cue.at:
            first, second = second, first
            ka, kb = kb, ka
    if _fits(rtype, ka, kb):
        return first, second
    if rtype.directed and _fits(rtype, kb, ka):
        return second, first
    return None


def _fits(rtype: RelationType, source_kind: str, target_kind: str) -> bool:
    return (rtype.source_kinds is None or source_kind in rtype.source_kinds) and (
        rtype.target_kinds is None or target_kind in rtype.target_kinds
    )


class _Facts:
    """What a sentence says besides its actors: status, attribution, date, amounts."""

    def __init__(self, sentence: str, mentions: list[Mention], offset: int, state: _State):
        self.status = (
            "denied"
            if _DENIED.search(sentence)
            else "alleged"
            if _ALLEGED.search(sentence)
            else "reported"
        )
        self.attributed_to = _attribution(sentence, mentions, offset)
        self.date = _date(sentence)
        self.amounts = _amounts(sentence)


def _attribution(sentence: str, mentions: list[Mention], offset: int) -> str | None:
    m = _ACCORDING.search(sentence)
    if m:
        after = [x for x in mentions if x.start - offset >= m.end()]
        if after and after[0].start - offset - m.end() < 6:
            return after[0].actor
        words = re.match(r"\s*((?:the\s+)?[\w’'-]+(?:\s+[A-Z][\w’'-]*)*)", sentence[m.end() :])
        return words.group(1) if words else None
    if re.search(r"\bthe (?:provided )?data\b", sentence, re.IGNORECASE):
        return "the data the source cites"
    said = _SAID.search(sentence)
    if said:
        before = [x for x in mentions if x.end - offset <= said.start() and not x.as_modifier]
        if before and said.start() - (before[-1].end - offset) < 40:
            return before[-1].actor
        after = [x for x in mentions if x.start - offset >= said.end() and not x.as_modifier]
        if after and after[0].start - offset - said.end() < 4:
            return after[0].actor  # "…, said Raisi"
    return None


def _date(sentence: str) -> PartialDate | None:
    for pattern, order in (
        (_ISO_DATE, "ymd"),
        (_DAY_MONTH_YEAR, "dmy"),
        (_MONTH_DAY_YEAR, "mdy"),
        (_MONTH_YEAR, "my"),
        (_IN_YEAR, "y"),
    ):
        m = pattern.search(sentence)
        if not m:
            continue
        try:
            if order == "ymd":
                return PartialDate.parse(m.group(0))
            if order == "dmy":
                return _partial(m.group(3), m.group(2), m.group(1))
            if order == "mdy":
                return _partial(m.group(3), m.group(1), m.group(2))
            if order == "my":
                return _partial(m.group(2), m.group(1), None)
            return PartialDate.parse(m.group(1))
        except ValueError:
            continue
    return None


def _partial(year: str, month: str, day: str | None) -> PartialDate:
    text = f"{int(year):04d}-{_MONTHS[month.casefold()]:02d}"
    if day is not None:
        text += f"-{int(day):02d}"
    return PartialDate.parse(text)


def _amounts(sentence: str) -> tuple[Amount, ...]:
    out: list[Amount] = []
    for m in _AMOUNT.finditer(sentence):
        mid = m.group("mid").split()
        if any(w.casefold() in _NOT_MID for w in mid):
            continue
        raw = m.group("num").casefold()
        number = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw)
        if number is None or number > 10_000:
            continue
        unit_word = m.group("unit").casefold().rstrip("s")
        unit = next((u for k, u in _UNITS.items() if unit_word.startswith(k[:6])), "agreement")
        qual = (m.group("qual") or "").casefold()
        note = m.group(0).strip()
        if qual in ("over", "more than", "at least"):
            amount = Amount(min=number, unit=unit, note=note)
        elif qual in ("up to", "fewer than", "less than"):
            amount = Amount(max=number, unit=unit, note=note)
        elif qual in ("about", "around", "nearly", "almost", "some"):
            amount = Amount(approx=number, unit=unit, note=note)
        else:
            amount = Amount(value=number, unit=unit, note=note)
        out.append(amount)
    return tuple(out)


def suggest_source(
    source: str,
    dataset: str | os.PathLike[str] | None = None,
    *,
    countries: bool = True,
    candidates: bool = True,
) -> Suggestions:
    """:func:`suggest` for a stored source: a source id of ``dataset``, or a text file.

    With ``dataset``, its entities are the known actors and its vocabulary
    (with its own cue words) gives the types; the source's ``published`` is
    the ``reported:`` date of what a sentence does not date.

    Parameters
    ----------
    source : str
        With ``dataset``, the id of one of its sources; without, a UTF-8 text file.
    dataset : str or os.PathLike, optional
        A dataset file or folder.
    countries : bool
        Also find countries, capitals and demonyms (countryinfo's data).
    candidates : bool
        Also propose new actors from capitalised names and titles.

    Returns
    -------
    Suggestions
        The actors found and the proposed relations, each with its sentence.

    Raises
    ------
    UsageError
        No such source or file.
    DatasetError
        The dataset cannot be loaded (located diagnostics).

    Examples
    --------
    >>> s = suggest_source("deepening-ties", "graph_data/cuba_iran.yaml")
    >>> len(s.relations) > 10, all(r.source_id == "deepening-ties" for r in s.relations)
    (True, True)
    """
    from relgraph.intake import source_text

    stored = source_text(source, dataset)
    entities: tuple[Entity, ...] = ()
    vocab = None
    if dataset is not None:
        from relgraph.load import load

        loaded = load(dataset)
        entities, vocab = loaded.entities, loaded.vocabulary
    published = stored.published
    try:
        date = PartialDate.parse(published) if published else None
    except ValueError:
        date = None
    record = dict(stored.record)
    if not record:
        import hashlib

        with open(stored.path, "rb") as fh:
            digest = hashlib.sha256(fh.read()).hexdigest()
        record = {"id": stored.id, "title": os.path.basename(stored.path), "reliability": "F"}
        record["sha256"] = digest
    found = suggest(
        stored.text,
        stored.id,
        entities=entities,
        vocabulary=vocab,
        published=date,
        countries=countries,
        candidates=candidates,
        source_record=record,
    )
    section = _vocabulary_section(dataset) if dataset is not None else None
    return dataclasses.replace(found, text_file=stored.path, vocabulary_section=section)


def _vocabulary_section(dataset: str | os.PathLike[str]) -> dict[str, Any] | None:
    """Return the dataset's own ``vocabulary:`` section, as plain data.

    It is the first file's that has one.
    """
    import yaml

    from relgraph.folders import dataset_files

    files, _ = dataset_files(os.fspath(dataset))
    for file in files:
        if not file.endswith((".yaml", ".yml")):
            continue
        with open(file, encoding="utf-8-sig") as fh:
            data = yaml.safe_load(fh)  # the dataset loaded already: it is valid YAML
        section = data.get("vocabulary") if isinstance(data, dict) else None
        if isinstance(section, dict):
            return section
    return None


def draft_yaml(found: Suggestions, draft_path: str | os.PathLike[str] | None = None) -> str:
    """Return the draft dataset file for ``found``, as YAML text, to be written at ``draft_path``.

    The source's ``text:`` is made relative to ``draft_path``'s folder, so
    that the draft validates where it is written: beside the dataset, or
    above the text. A printed draft (``None``) names the text as the
    dataset's record does: save it beside the dataset.

    Parameters
    ----------
    found : Suggestions
        What :func:`suggest` or :func:`suggest_source` found.
    draft_path : str or os.PathLike, optional
        Where the draft will be written; ``None`` for a printed draft.

    Returns
    -------
    str
        The draft's YAML, every record marked ``review: proposed``.

    Raises
    ------
    UsageError
        When the text is not inside ``draft_path``'s folder.

    Examples
    --------
    >>> print(draft_yaml(suggest("Iran and Cuba met.", "a", countries=False)).splitlines()[0])
    # Suggested by relgraph suggest from source 'a': every record is proposed, not checked.
    """
    from relgraph.yamlwriter import document_yaml

    text_path = found.source_record.get("text")
    if found.text_file is not None and (draft_path is not None or not text_path):
        folder = os.path.dirname(os.path.abspath(os.fspath(draft_path or "x")))
        text_path = os.path.relpath(os.path.abspath(found.text_file), folder).replace(os.sep, "/")
        if text_path.startswith("../") or os.path.isabs(text_path):
            from relgraph.errors import UsageError

            raise UsageError(
                f"the draft must be written in a folder that holds the source's text "
                f"({found.text_file}): write it beside the dataset"
            )
    data = found.draft(text_path=text_path, dataset_id=f"{_slug(found.source_id)}-draft")
    head = (
        f"# Suggested by relgraph suggest from source '{found.source_id}': every record is "
        "proposed, not checked.\n"
        "# Read each against the source; delete what is wrong, fix what is off, then mark what\n"
        "# holds 'review: accepted' (or delete its 'review:' line) and run\n"
        "#   relgraph accept THIS-FILE --into DATASET\n"
    )
    body = document_yaml(data, width=100)
    return head + body

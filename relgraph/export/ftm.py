"""FollowTheMoney entities, one JSON object per line (Aleph, OpenSanctions tools, ``ftm``).

Each line is an entity in FollowTheMoney's layout: ``{"id": …, "schema": …,
"properties": {name: [values]}}``. What becomes what:

sources
    ``Document``: ``title``, ``publisher``, ``sourceUrl``, ``publishedAt``,
    ``retrievedAt``, ``fileName`` (the text's path), ``notes`` (the
    reliability grade, the source's notes, and where it comes from: "derived
    from …", "origin: …", "affiliated with …"), and ``bodyText`` with
    ``texts=True``.
where a source comes from
    one ``UnknownLink`` per tie, from the source's ``Document`` (``subject``)
    to what it names (``object``), with ``role`` "derived from" (to the
    ``Document`` of each source in ``derived_from``), "relays" (to its
    ``origin`` entity; an origin in words stays in the notes) or "is
    affiliated with" (to each ``affiliation`` entity). These links have no
    ``recordId``: only relations have one.
entities, by kind
    ``person`` and ``official`` → ``Person``; ``organization``, ``group`` and
    ``media`` → ``Organization``; ``company`` → ``Company``; ``state`` →
    ``PublicBody`` (FollowTheMoney has no schema for a state as an actor;
    ``Territory`` is reference data for places and cannot be a party to a
    membership or a representation); ``territory`` → ``Territory``; kinds a
    dataset adds → ``LegalEntity``. With ``name``, ``alias``, ``country``
    (two-letter codes), ``description``, ``keywords`` (the tags),
    ``wikidataId`` and ``notes`` (the claims about the entity, one per value,
    with their status, and after a dash their report date, their modality
    when not ``occurred`` and their counts: "1 quote · 1 source · 1
    independent origin"; then the claim's notes after "notes: ", and a line
    each, the claim's evidence as in a relation's ``description``).
relations, by the closest schema
    ``member_of`` and ``holds_office`` → ``Membership`` (member,
    organization); ``speaks_for`` → ``Representation`` (agent, client);
    ``meeting`` and ``accompanied`` between two people → ``Associate``;
    everything else, and any relation whose ends do not fit the schema's
    range → ``UnknownLink`` (subject, object). Each carries ``role`` (the
    type's label, e.g. "signed an agreement with"; ``relationship`` on an
    ``Associate``), ``status`` (relgraph's status: reported, alleged…; on an
    ``Associate``, which has no status, it opens the ``summary``),
    ``date``/``startDate``/``endDate`` (event dates only),
    ``summary`` (its counts, "4 quotes · 3 sources · 2 independent origins";
    "origins: …", the ids of the independent origins of the supporting
    evidence, with those affiliated with an end; "reported 2023-06-16", the
    report date, never a ``date``; "modality: announced" or "planned"; then
    the relation's notes), ``description`` (one value per
    evidence item: the quote, who it is attributed to, the source, the
    credibility, its stance when not supports, its amounts, its date and
    report date, the origin it relays, and the evidence item's notes), ``proof``
    (the sources' ``Document`` entities), ``sourceUrl`` and ``publisher`` (of
    those sources) and ``recordId`` (the relation's id).
old ids
    an actor or a relation a merge folded others into carries their ids, as
    FollowTheMoney's merged entities do, in ``referents``; a claim's note
    says "merged from …" with the ids of the claims folded into it.

Not written: the dataset's own fields, its ``license`` and ``authors``
among them. FollowTheMoney has no entity for a dataset; tools that use it
(Aleph, OpenSanctions) keep a dataset's license and publisher in dataset
metadata beside the entities, where ``license`` must be the address of the
license, not relgraph's free text. Putting them into a ``Document`` or into
every entity's ``notes`` would make them look like part of the evidence.
Take them from the dataset file, or from the JSON, JSON Lines or CSV export.

Ids are ``<e|r|s>.<dataset id>.<id>``; characters FollowTheMoney ids cannot
hold (``_``) become ``-``, with a short hash of the original added so ids
stay distinct.

Examples
--------
>>> import relgraph, json
>>> ds = relgraph.load("graph_data/cuba_iran.yaml")
>>> lines = [json.loads(line) for line in ftm_lines(ds)]
>>> [e["schema"] for e in lines if e["id"] == "e.cuba-iran-ea6ab3f.cuba"]
['PublicBody']
>>> sum(e["schema"] in EDGE_SCHEMATA for e in lines) == len(ds.relations)
True
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from relgraph.corroboration import Corroboration, corroboration
from relgraph.export.common import Exporter, Output, evidence_lines
from relgraph.model import Claim, Dataset, Entity, Relation, Source
from relgraph.spec import RECORDS

__all__ = [
    "EDGE_SCHEMATA",
    "ENTITY_SCHEMATA",
    "FTM_FIELDS",
    "RELATION_SCHEMATA",
    "FtMExporter",
    "ftm_lines",
]

#: FollowTheMoney schema of each entity kind (others: ``LegalEntity``).
ENTITY_SCHEMATA: dict[str, str] = {
    "person": "Person",
    "official": "Person",
    "organization": "Organization",
    "group": "Organization",
    "media": "Organization",
    "company": "Company",
    "state": "PublicBody",
    "territory": "Territory",
}

#: Relation schemata: name -> (source property, range; target property, range).
EDGE_SCHEMATA: dict[str, tuple[str, str, str, str]] = {
    "Membership": ("member", "LegalEntity", "organization", "Organization"),
    "Representation": ("agent", "LegalEntity", "client", "LegalEntity"),
    "Associate": ("person", "Person", "associate", "Person"),
    "UnknownLink": ("subject", "Thing", "object", "Thing"),
}

#: FollowTheMoney schema of each relation type (others: ``UnknownLink``).
RELATION_SCHEMATA: dict[str, str] = {
    "member_of": "Membership",
    "holds_office": "Membership",
    "speaks_for": "Representation",
    "meeting": "Associate",
    "accompanied": "Associate",
}

#: Where each field of the format spec (:mod:`relgraph.spec`) goes: the FollowTheMoney
#: property of the kind's entity that holds it (``id``, ``schema`` and ``referents`` are
#: the entity's own keys; ``subject`` stands for the schema's source property, ``object``
#: for its target property), or the text property that says it in words (``notes``,
#: ``summary``, ``description``). Claims and their evidence are lines of their entity's
#: ``notes``, a relation's evidence lines of its ``description``. FollowTheMoney is another
#: schema, so the mapping is spelled here; a source's and an entity's properties of their
#: own are written from it, in its order, and a field the spec adds fails a test until it
#: is named here or the test says why it is left out.
FTM_FIELDS: dict[str, dict[str, str]] = {
    "source": {
        "id": "id",
        "title": "title",
        "publisher": "publisher",
        "url": "sourceUrl",
        "published": "publishedAt",
        "retrieved": "retrievedAt",
        "reliability": "notes",
        "text": "fileName",
        "notes": "notes",
        "derived_from": "notes",
        "origin": "notes",
        "affiliation": "notes",
    },
    "entity": {
        "id": "id",
        "name": "name",
        "kind": "schema",
        "aliases": "alias",
        "country": "country",
        "description": "description",
        "tags": "keywords",
        "external_ids": "wikidataId",
        "referents": "referents",
    },
    "relation": {
        "id": "recordId",
        "source": "subject",
        "target": "object",
        "type": "role",
        "date": "date",
        "start": "startDate",
        "end": "endDate",
        "status": "status",
        "notes": "summary",
        "evidence": "description",
        "reported": "summary",
        "modality": "summary",
        "referents": "referents",
    },
    "claim": {
        "entity": "notes",
        "statement": "notes",
        "status": "notes",
        "date": "notes",
        "evidence": "notes",
        "reported": "notes",
        "modality": "notes",
        "referents": "notes",
        "notes": "notes",
    },
    "evidence": {
        "quote": "description",
        "source": "description",
        "attributed_to": "description",
        "credibility": "description",
        "notes": "description",
        "stance": "description",
        "amount": "description",
        "date": "description",
        "reported": "description",
        "origin": "description",
    },
}

_PARENTS = {
    "Person": {"Person", "LegalEntity", "Thing"},
    "Organization": {"Organization", "LegalEntity", "Thing"},
    "PublicBody": {"PublicBody", "Organization", "LegalEntity", "Thing"},
    "Company": {"Company", "Organization", "LegalEntity", "Asset", "Thing"},
    "LegalEntity": {"LegalEntity", "Thing"},
    "Territory": {"Territory", "Thing"},
}
_ID_BAD = re.compile(r"[^0-9a-zA-Z.-]")


def ftm_id(letter: str, dataset_id: str, ident: str) -> str:
    """Return a FollowTheMoney id for a relgraph id (see the module docs).

    Parameters
    ----------
    letter : str
        What the id is of, as one letter (see the module docs).
    dataset_id : str
        The dataset's id.
    ident : str
        The relgraph id.

    Returns
    -------
    str
        An id unique across datasets.

    Examples
    --------
    >>> ftm_id("e", "demo", "cuba")
    'e.demo.cuba'
    """

    def clean(text: str) -> str:
        if not _ID_BAD.search(text):
            return text
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:7]
        return _ID_BAD.sub("-", text) + "-" + digest

    return f"{letter}.{clean(dataset_id)}.{clean(ident)}"


def _put(props: dict[str, list[str]], name: str, *values: Any) -> None:
    for value in values:
        if value is None or value == "":
            continue
        text = str(value)
        bucket = props.setdefault(name, [])
        if text not in bucket:
            bucket.append(text)


#: The entity's own keys, and the source's notes that say fields in words: written apart.
_WRITTEN_APART = frozenset({"id", "schema", "referents", "notes"})


def _put_fields(props: dict[str, list[str]], kind: str, obj: object) -> None:
    """Put the fields of a source or an entity that have a property of their own.

    Parameters
    ----------
    props : dict of str to list of str
        The FollowTheMoney properties, added to in :data:`FTM_FIELDS`'s order.
    kind : str
        ``"source"`` or ``"entity"``.
    obj : object
        The :class:`~relgraph.model.Source` or :class:`~relgraph.model.Entity`.
    """
    spec = RECORDS[kind]
    for name, prop in FTM_FIELDS[kind].items():
        if prop in _WRITTEN_APART:
            continue
        value = getattr(obj, spec.field(name).attribute)
        if prop == "country":  # FollowTheMoney's countries are two-letter codes
            value = value.lower() if value and re.fullmatch(r"[A-Za-z]{2}", value) else None
        elif prop == "wikidataId":
            value = dict(value).get("wikidata")
        _put(props, prop, *(value if isinstance(value, tuple) else (value,)))


def _source(dataset: Dataset, s: Source, texts: bool) -> dict[str, Any]:
    props: dict[str, list[str]] = {}
    _put_fields(props, "source", s)
    _put(props, "notes", f"reliability {s.reliability}", s.notes)
    if s.derived_from:
        _put(props, "notes", "derived from " + ", ".join(s.derived_from))
    if s.origin:
        _put(props, "notes", f"origin: {s.origin}")
    if s.affiliation:
        _put(props, "notes", "affiliated with " + ", ".join(s.affiliation))
    if texts:
        _put(props, "bodyText", s.text)
    return {"id": ftm_id("s", dataset.id, s.id), "schema": "Document", "properties": props}


def _source_links(dataset: Dataset, s: Source) -> Iterator[dict[str, Any]]:
    """Yield the ``UnknownLink`` entities of where a source comes from (see the module docs)."""
    entities = {e.id for e in dataset.entities}
    ties = [
        *(("derived from", "s", p) for p in s.derived_from),
        *((("relays", "e", s.origin_entity),) if s.origin_entity else ()),
        *(("is affiliated with", "e", a) for a in s.affiliation),
    ]
    for role, letter, target in ties:
        if letter == "e" and target not in entities:  # pragma: no cover - checked on loading
            continue
        props: dict[str, list[str]] = {}
        _put(props, "subject", ftm_id("s", dataset.id, s.id))
        _put(props, "object", ftm_id(letter, dataset.id, target))
        _put(props, "role", role)
        ident = ftm_id("l", dataset.id, f"{s.id}.{role.replace(' ', '-')}.{target}")
        yield {"id": ident, "schema": "UnknownLink", "properties": props}


def _counted(c: Corroboration) -> list[str]:
    """Return the counts, and the origins with those affiliated with an end, as summary lines."""
    lines = [c.summary()]
    if c.origins:
        line = "origins: " + ", ".join(c.origins)
        if c.affiliated_origins:
            line += " (affiliated with an end: " + ", ".join(c.affiliated_origins) + ")"
        lines.append(line)
    return lines


def _claim_note(dataset: Dataset, c: Claim) -> str:
    about = []
    if c.date is not None:
        about.append(f"date {c.date}")
    if c.reported is not None:
        about.append(f"reported {c.reported}")
    if c.modality != "occurred":
        about.append(c.modality)
    if c.referents:
        about.append("merged from " + ", ".join(c.referents))
    about.append(corroboration(dataset, c).summary())
    sources = {s.id: s for s in dataset.sources}
    lines = [f"[{c.status}] {c.statement} — " + "; ".join(about)]
    if c.notes:
        lines.append(f"notes: {c.notes}")
    return "\n".join([*lines, *evidence_lines(c.evidence, sources)])


def _entity(dataset: Dataset, e: Entity, claims: list[Claim]) -> dict[str, Any]:
    schema = ENTITY_SCHEMATA.get(e.kind, "LegalEntity")
    props: dict[str, list[str]] = {}
    _put_fields(props, "entity", e)
    _put(props, "notes", *(_claim_note(dataset, c) for c in claims))
    entity: dict[str, Any] = {
        "id": ftm_id("e", dataset.id, e.id),
        "schema": schema,
        "properties": props,
    }
    if e.referents:  # the ids merged into it, as followthemoney's merged entities carry them
        entity["referents"] = [ftm_id("e", dataset.id, old) for old in e.referents]
    return entity


def relation_schema(r: Relation, schemata: dict[str, str]) -> str:
    """Return the schema a relation is written as.

    It is its type's, if its ends fit, else ``UnknownLink``.

    ``schemata`` gives each entity id's schema.

    Parameters
    ----------
    r : Relation
        The relation.
    schemata : dict of str to str
        Each entity id's FtM schema.

    Returns
    -------
    str
        The FtM schema's name.

    Examples
    --------
    >>> import relgraph
    >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
    >>> schemata = {e.id: ENTITY_SCHEMATA.get(e.kind, "LegalEntity") for e in ds.entities}
    >>> ds.relations[0].type, relation_schema(ds.relations[0], schemata)
    ('rapprochement', 'UnknownLink')
    """
    schema = RELATION_SCHEMATA.get(r.type, "UnknownLink")
    _, src_range, _, dst_range = EDGE_SCHEMATA[schema]
    fits = src_range in _PARENTS[schemata[r.source]] and dst_range in _PARENTS[schemata[r.target]]
    return schema if fits else "UnknownLink"


def _relation(dataset: Dataset, r: Relation, schema: str) -> dict[str, Any]:
    t = dataset.vocabulary.relation_types[r.type]
    src_prop, _, dst_prop, _ = EDGE_SCHEMATA[schema]
    sources = {s.id: s for s in dataset.sources}
    used = [sources[i] for i in dict.fromkeys(e.source for e in r.evidence) if i in sources]
    props: dict[str, list[str]] = {}
    _put(props, src_prop, ftm_id("e", dataset.id, r.source))
    _put(props, dst_prop, ftm_id("e", dataset.id, r.target))
    if schema == "Associate":  # an Interval, not an Interest: no role, no status
        _put(props, "relationship", t.label)
        _put(props, "summary", f"status: {r.status}")
    else:
        _put(props, "role", t.label)
        _put(props, "status", r.status)
    _put(props, "date", r.date)
    _put(props, "startDate", r.start)
    _put(props, "endDate", r.end)
    _put(props, "summary", *_counted(corroboration(dataset, r)))
    if r.reported is not None:
        _put(props, "summary", f"reported {r.reported}")
    if r.modality != "occurred":
        _put(props, "summary", f"modality: {r.modality}")
    _put(props, "summary", r.notes)
    _put(props, "description", *evidence_lines(r.evidence, sources))
    _put(props, "proof", *(ftm_id("s", dataset.id, s.id) for s in used))
    _put(props, "sourceUrl", *(s.url for s in used))
    _put(props, "publisher", *(s.publisher for s in used))
    _put(props, "recordId", r.id)
    record: dict[str, Any] = {
        "id": ftm_id("r", dataset.id, r.id),
        "schema": schema,
        "properties": props,
    }
    if r.referents:  # the relations merged into it, as for an actor
        record["referents"] = [ftm_id("r", dataset.id, old) for old in r.referents]
    return record


_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def ftm_lines(dataset: Dataset, texts: bool = False) -> Iterator[str]:
    """Yield the export's lines, without line ends.

    Sources, entities, relations, then the links of where each source comes from.

    Parameters
    ----------
    dataset : Dataset
        The dataset; it is not changed.
    texts : bool
        Whether each source's ``Document`` carries its stored text.

    Yields
    ------
    str
        One JSON object per line.

    Examples
    --------
    >>> import json, relgraph
    >>> lines = list(ftm_lines(relgraph.load("graph_data/cuba_iran.yaml")))
    >>> json.loads(lines[0])["schema"]
    'Document'
    """
    claims: dict[str, list[Claim]] = {}
    for c in dataset.claims:
        claims.setdefault(c.entity, []).append(c)
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

    def dump(value: Any) -> str:
        # U+0085, U+2028 and U+2029 end a line for many readers (str.splitlines): escape them
        return encode(value).translate(_LINE_BREAKS)

    for s in dataset.sources:
        yield dump(_source(dataset, s, texts))
    for e in dataset.entities:
        yield dump(_entity(dataset, e, claims.get(e.id, [])))
    schemata = {e.id: ENTITY_SCHEMATA.get(e.kind, "LegalEntity") for e in dataset.entities}
    for r in dataset.relations:
        yield dump(_relation(dataset, r, relation_schema(r, schemata)))
    for s in dataset.sources:
        for link in _source_links(dataset, s):
            yield dump(link)


class FtMExporter(Exporter):
    """FollowTheMoney entities as line-delimited JSON (see the module docs)."""

    name = "ftm"
    description = "FollowTheMoney entities, one JSON object per line (Aleph, OpenSanctions)"
    suffix = ".ftm.json"
    defaults: ClassVar[Mapping[str, Any]] = {"texts": False}

    def write(self, dataset: Dataset, out: Output) -> None:
        """Write one entity per line.

        Parameters
        ----------
        dataset : Dataset
            The dataset; it is not changed.
        out : Output
            Where the files go.

        Examples
        --------
        >>> import relgraph
        >>> from relgraph.export.common import MemoryOutput
        >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
        >>> out = MemoryOutput()
        >>> FtMExporter().write(ds, out)
        >>> import json
        >>> first = json.loads(out.files()["graph.ftm.json"].splitlines()[0])
        >>> first["schema"], first["properties"]["fileName"]
        ('Document', ['sources/cuba_iran_relations.txt'])
        """
        stream = out.open_text("graph.ftm.json")
        for line in ftm_lines(dataset, texts=self.options["texts"]):
            stream.write(line + "\n")

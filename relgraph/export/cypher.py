r"""A Cypher script that loads the dataset into Neo4j, FalkorDB or another openCypher engine.

``cypher-shell -f graph.cypher`` (Neo4j) or one query per statement (FalkorDB's
``GRAPH.QUERY``) loads it. The ``dialect`` option says which engine the script
is for; only the schema statements at its top differ:

``neo4j`` (the default)
    a uniqueness constraint on ``id`` for every label relgraph makes
    (``CREATE CONSTRAINT … IF NOT EXISTS``, Neo4j 4.4 and later), which also
    indexes it;
``falkordb``
    ``CREATE INDEX FOR (n:Label) ON (n.id)`` for every label (FalkorDB has no
    constraints in Cypher);
``opencypher``
    no schema statement (openCypher has none): create an index on ``id`` of
    ``Entity``, ``Source``, ``Evidence`` and ``Claim`` the way your engine
    does it before loading, or every ``MATCH`` scans all nodes.

The schema statements come before any ``MATCH`` or ``MERGE``, so every lookup
of an id uses the index. The rest of the script is the same in every dialect
but for how relationships are made (see below) and how FalkorDB gets its rows,
and uses only openCypher 9 (``UNWIND``, ``MERGE``, ``SET n += map``,
``SET n:Label``). In ``neo4j`` and ``opencypher`` each statement's rows are a
literal list, ``UNWIND [...] AS row``, 500 rows a statement; in ``falkordb``
they are a query parameter in FalkorDB's own header, ``CYPHER rows=[...]
UNWIND $rows AS row``, 2,000 rows a statement: FalkorDB reads a parameter
header about 70 times faster than the same list as literals in the query,
which was nearly all of the load's time.

What the script makes:

* one ``(:Dataset {id, title, description, notes, license, authors})``: the
  dataset's own fields, those it has, so that its license and authors travel
  with the graph;
* ``(:Source {id, title, publisher, url, published, retrieved, reliability,
  text_path, sha256, notes})`` (``text`` too with ``texts=True``);
* ``(:Entity:<Kind> {id, name, kind, aliases, country, description, tags,
  external_ids, referents})``, one label per entity kind, ``state`` → ``:State``,
  ``armed_group`` → ``:ArmedGroup``; ``external_ids`` is a list of
  ``"scheme:id"`` texts;
* ``(:Entity)-[:<TYPE> {...}]->(:Entity)``, one relationship type per relation
  type, ``holds_office`` → ``:HOLDS_OFFICE``, with ``id``, ``type``,
  ``category``, ``label``, ``directed``, ``status``, ``sign``, ``allegation``,
  ``date``, ``start``, ``end``, ``notes``, ``credibility`` (the best grade
  of its evidence, 1 best; absent when no item is graded),
  ``evidence_count``, ``source_count`` and the evidence's texts as parallel
  lists: ``evidence_quotes``, ``evidence_sources`` (source ids),
  ``evidence_attributed_to`` (``""`` when not attributed),
  ``evidence_contexts`` and ``evidence_notes`` (``""`` when the evidence item
  has no notes), item *i* of each list describing evidence item *i*;
* on relations and claims also ``reported``, ``modality``, ``referents`` (the
  ids of the relations or claims a merge folded into this one), ``origins`` (the
  ids of the independent origins of the supporting evidence),
  ``origin_count``, ``independent_origins`` (those affiliated with neither
  end) and ``affiliated``; on sources ``derived_from``, ``origin``,
  ``affiliation``; on evidence nodes ``stance``, ``amounts`` (as text),
  ``date``, ``reported``, ``origin``;
* ``(:Claim {id, statement, status, date, notes, credibility, evidence_…})
  -[:ABOUT]->(:Entity)``;
* one ``(:Evidence {id, relation or claim, position, quote, source,
  attributed_to, credibility, context, notes})-[:CITES]->(:Source)`` per
  evidence item, ``id`` being ``"<relation or claim id>#<position>"``
  (``position`` counts from 0). A value an item does not have is absent, never
  a stand-in: an ungraded item has no ``credibility`` (relgraph's
  ``--min-credibility`` counts it as 6, ``coalesce(e.credibility, 6)``).

Neo4j relationships always have a direction: a relation of an undirected
type (an agreement) is stored from its ``source`` to its ``target`` with
``directed: false``; match it with an undirected pattern, ``-[r]-``.

How values are passed: the data of each statement is one ``UNWIND`` list of
map literals. Every text from the dataset is written only inside a string
literal, by one function (:func:`cypher_string`) that escapes backslashes,
quotes, line breaks and every control character, so no name, quote or note
can end the literal and become Cypher. Map keys are relgraph's own property
names. Labels and relationship types come only from the vocabulary's ids
(which are slugs), turned into identifiers by :func:`label_name` and
:func:`relationship_name` and backtick-quoted if they still are not plain
identifiers; two ids that would give the same name, or an id that would give
one of relgraph's own names (``Dataset``, ``Entity``, ``Source``, ``Claim``,
``Evidence``, ``ABOUT``, ``CITES``), are an error. Nothing else in the script
depends on the data: comments hold only counts.

In the ``neo4j`` dialect ``MERGE`` on ``id`` makes the script safe to run
again. The other dialects ``MERGE`` nodes but ``CREATE`` relationships (a
relationship ``MERGE`` walks every relationship of its ends, which at a hub
of thousands made FalkorDB take minutes), so run them into an empty graph.

Examples
--------
>>> cypher_string('x"}) DETACH DELETE n //')
'"x\\"}) DETACH DELETE n //"'
>>> label_name("armed_group"), relationship_name("holds_office")
('ArmedGroup', 'HOLDS_OFFICE')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar

from relgraph.corroboration import Corroboration, corroboration
from relgraph.errors import counted
from relgraph.export.common import Exporter, ExportError, Output, iter_chunks
from relgraph.export.properties import Properties
from relgraph.model import Claim, Dataset, Evidence, Relation
from relgraph.records import dataset_fields
from relgraph.vocabulary import Vocabulary

__all__ = [
    "CLAIM",
    "DIALECTS",
    "ENTITY",
    "EVIDENCE",
    "RELATION",
    "SOURCE",
    "CypherExporter",
    "best_credibility",
    "cypher_literal",
    "cypher_string",
    "evidence_rows",
    "graph_names",
    "label_name",
    "relationship_name",
    "type_properties",
]

_IDENT = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_KEY = re.compile(r"[a-z][a-z0-9_]*")
_RESERVED_LABELS = ("Entity", "Source", "Claim", "Dataset", "Evidence")
_RESERVED_TYPES = ("ABOUT", "CITES")
#: The engines the ``dialect`` option names.
DIALECTS = ("neo4j", "falkordb", "opencypher")
_BATCH = 500
_FALKORDB_BATCH = 2000
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}


#: The properties of each node and relationship, read from the format spec (new fields follow
#: the layout); the element's id and ends are the statement's own, the review marks stay in
#: the dataset file, and the layouts keep the order these exports have always written.
SOURCE = Properties("source", omit=("id", "review"))
ENTITY = Properties(
    "entity",
    ("name", "kind", "aliases", "country", "description", "tags", "external_ids", "referents"),
    omit=("id", "review"),
)
#: ``category``, ``label``, ``directed`` and ``allegation`` come from the relation's type.
RELATION = Properties(
    "relation",
    (
        "type",
        "category",
        "label",
        "directed",
        "status",
        "sign",
        "allegation",
        "date",
        "start",
        "end",
        "notes",
        "reported",
        "modality",
        "referents",
    ),
    omit=("id", "source", "target", "review"),
)
CLAIM = Properties("claim", omit=("id", "entity", "review"))
#: ``position`` (from 0) and ``context`` (where the quote was found) are the item's place.
EVIDENCE = Properties(
    "evidence", ("position", "quote", "source", "attributed_to", "credibility", "context", "notes")
)


def cypher_string(text: str) -> str:
    r"""``text`` as a Cypher string literal (double-quoted, every risky character escaped).

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        The literal, quotes included.

    Examples
    --------
    >>> print(cypher_string("it's \\ \"fine\"\n"))
    "it's \\ \"fine\"\n"
    """
    out = ['"']
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
            continue
        o = ord(ch)
        if o < 0x20 or 0x7F <= o <= 0x9F or o in (0x2028, 0x2029) or 0xD800 <= o <= 0xDFFF:
            out.append(f"\\u{o:04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def cypher_literal(value: Any) -> str:
    """Return a Cypher literal for text, a whole number, a yes/no value, ``None``, a list or a map.

    Map keys must be relgraph's own property names (lower-case identifiers).

    Parameters
    ----------
    value : any
        The value to write.

    Returns
    -------
    str
        The literal.

    Raises
    ------
    ExportError
        For any other value, or a map key that is not such a name.

    Examples
    --------
    >>> cypher_literal({"name": "Cuba", "aliases": ["Havana"], "claims": 2, "ok": True})
    '{name: "Cuba", aliases: ["Havana"], claims: 2, ok: true}'
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return cypher_string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        parts = []
        for key, v in value.items():
            if not isinstance(key, str) or not _KEY.fullmatch(key):
                raise ExportError(f"'{key}' cannot be a property name in the Cypher export")
            parts.append(f"{key}: {cypher_literal(v)}")
        return "{" + ", ".join(parts) + "}"
    raise ExportError(f"a {type(value).__name__} cannot be written as a Cypher value")


def _quoted_ident(name: str) -> str:
    if _IDENT.fullmatch(name):
        return name
    return "`" + name.replace("`", "``") + "`"


def label_name(kind: str) -> str:
    """Return the Neo4j label of an entity kind: ``armed_group`` → ``ArmedGroup``.

    Parameters
    ----------
    kind : str
        An entity kind's id.

    Returns
    -------
    str
        The label, in upper camel case.

    Examples
    --------
    >>> label_name("armed_group")
    'ArmedGroup'
    """
    return _quoted_ident("".join(p[:1].upper() + p[1:] for p in re.split(r"[._-]+", kind) if p))


def relationship_name(rtype: str) -> str:
    """Return the Neo4j relationship type of a relation type.

    ``holds_office`` becomes ``HOLDS_OFFICE``.

    Parameters
    ----------
    rtype : str
        A relation type's id.

    Returns
    -------
    str
        The relationship type, in upper case, quoted with backticks if it must be.

    Examples
    --------
    >>> relationship_name("holds_office")
    'HOLDS_OFFICE'
    """
    return _quoted_ident(re.sub(r"[._-]+", "_", rtype).upper().strip("_"))


def _names(ids: Iterable[str], make: Any, reserved: Sequence[str], what: str) -> dict[str, str]:
    out: dict[str, str] = {}
    taken: dict[str, str] = {r: "relgraph itself" for r in reserved}
    for ident in ids:
        name = make(ident)
        if name in taken:
            raise ExportError(
                f"the {what} '{ident}' would become the Neo4j name {name}, which {taken[name]} "
                "already uses\n  hint: rename one of them in the dataset's vocabulary"
            )
        taken[name] = f"the {what} '{ident}'"
        out[ident] = name
    return out


def graph_names(vocab: Vocabulary) -> tuple[dict[str, str], dict[str, str]]:
    """Return the label of every entity kind and the relationship type of every relation type.

    Parameters
    ----------
    vocab : Vocabulary
        The dataset's vocabulary.

    Returns
    -------
    (dict of str to str, dict of str to str)
        Entity kind to label, and relation type to relationship type.

    Raises
    ------
    ExportError
        When two ids would give one name, or an id would give one of relgraph's own.

    Examples
    --------
    >>> import relgraph
    >>> labels, types = graph_names(relgraph.load("graph_data/cuba_iran.yaml").vocabulary)
    >>> labels["state"], types["visit"]
    ('State', 'VISIT')
    """
    labels = _names(vocab.entity_kinds, label_name, _RESERVED_LABELS, "entity kind")
    types = _names(vocab.relation_types, relationship_name, _RESERVED_TYPES, "relation type")
    return labels, types


def best_credibility(items: Sequence[Evidence]) -> int | None:
    """Return the best (lowest) credibility grade of ``items``; ``None`` when none is graded.

    Parameters
    ----------
    items : sequence of Evidence
        A relation's or a claim's evidence items.

    Returns
    -------
    int or None
        The grade, 1 (the best) to 6.

    Examples
    --------
    >>> from relgraph.model import Evidence
    >>> best_credibility([Evidence("q", "s", credibility=3), Evidence("r", "s")])
    3
    >>> best_credibility([Evidence("q", "s")]) is None
    True
    """
    grades = [e.credibility for e in items if e.credibility is not None]
    return min(grades) if grades else None


def _evidence_lists(items: Sequence[Evidence]) -> dict[str, Any]:
    return {
        "credibility": best_credibility(items),
        "evidence_quotes": [e.quote for e in items],
        "evidence_sources": [e.source for e in items],
        "evidence_attributed_to": [e.attributed_to or "" for e in items],
        "evidence_contexts": [e.context for e in items],
        "evidence_notes": [e.notes or "" for e in items],
        "evidence_count": len(items),
        "source_count": len({e.source for e in items}),
    }


def evidence_rows(owner: str, owner_id: str, items: Sequence[Evidence]) -> list[dict[str, Any]]:
    """One row per evidence item: its node's ``id``, its ``source`` and its ``props``.

    ``owner`` is ``"relation"`` or ``"claim"``, the property that holds ``owner_id``.

    Parameters
    ----------
    owner : {"relation", "claim"}
        What the items belong to.
    owner_id : str
        The relation's or the claim's id.
    items : sequence of Evidence
        Its evidence items.

    Returns
    -------
    list of dict
        One row per item, in order.

    Examples
    --------
    >>> import relgraph
    >>> r = relgraph.load("graph_data/cuba_iran.yaml").relations[0]
    >>> row = evidence_rows("relation", r.id, r.evidence)[0]
    >>> sorted(row), row["source"], row["props"]["relation"] == r.id
    (['id', 'props', 'source'], 'deepening-ties', True)
    """
    return [
        {
            "id": f"{owner_id}#{i}",
            "source": e.source,
            "props": _props({owner: owner_id, **_evidence_values(e, i)}),
        }
        for i, e in enumerate(items)
    ]


def _evidence_values(e: Evidence, position: int) -> dict[str, Any]:
    values = EVIDENCE.values(e)
    values.update(position=position, context=e.context)
    return values


def type_properties(dataset: Dataset, r: Relation) -> dict[str, Any]:
    """Give what a relation's type says of it: category, label, directed, allegation.

    Parameters
    ----------
    dataset : Dataset
        The dataset whose vocabulary defines the type.
    r : Relation
        The relation.

    Returns
    -------
    dict of str to Any
        The four derived properties.

    Examples
    --------
    >>> import relgraph
    >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
    >>> r = next(r for r in ds.relations if r.id == "iran-defends-record-cuba")
    >>> type_properties(ds, r)  # doctest: +NORMALIZE_WHITESPACE
    {'category': 'political_stance', 'label': 'defends the record of', 'directed': True,
     'allegation': True}
    """
    t = dataset.vocabulary.relation_types[r.type]
    return {
        "category": t.category,
        "label": t.label,
        "directed": t.directed,
        "allegation": r.is_allegation,
    }


def _counts(c: Corroboration) -> dict[str, Any]:
    return {
        "origins": list(c.origins),
        "origin_count": len(c.origins),
        "independent_origins": c.independent,
        "affiliated": c.affiliated,
    }


def _props(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None and v != []}


def _schema(dialect: str) -> str:
    if dialect == "neo4j":
        return "".join(
            f"CREATE CONSTRAINT relgraph_{label.lower()}_id IF NOT EXISTS "
            f"FOR (n:{label}) REQUIRE n.id IS UNIQUE;\n"
            for label in _RESERVED_LABELS
        )
    if dialect == "falkordb":
        return "".join(f"CREATE INDEX FOR (n:{label}) ON (n.id);\n" for label in _RESERVED_LABELS)
    return (
        "// openCypher has no schema statements: before loading, index `id` of the labels\n"
        f"// {', '.join(_RESERVED_LABELS)} as your engine does it.\n"
    )


class CypherExporter(Exporter):
    """A Cypher script for Neo4j, FalkorDB or openCypher (see the module docs)."""

    name = "cypher"
    description = "a Cypher script (Neo4j cypher-shell -f; --dialect falkordb, opencypher)"
    suffix = ".cypher"
    defaults: ClassVar[Mapping[str, Any]] = {"texts": False, "dialect": "neo4j"}
    choices: ClassVar[Mapping[str, Sequence[Any]]] = {"dialect": DIALECTS}

    def write(self, dataset: Dataset, out: Output) -> None:
        """Write the script, one statement per ``;``: the schema first, then the data.

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
        >>> CypherExporter().write(ds, out)
        >>> for line in out.files()["graph.cypher"].decode().splitlines()[:2]:
        ...     print(line)
        // A relgraph dataset for Neo4j: run with  cypher-shell -f THIS_FILE
        // 1 source, 20 entities, 31 relations, 10 claims.
        """
        vocab = dataset.vocabulary
        labels, types = graph_names(vocab)
        dialect = self.options["dialect"]
        run = {
            "neo4j": "Neo4j: run with  cypher-shell -f THIS_FILE",
            "falkordb": "FalkorDB: run each statement with GRAPH.QUERY, into an empty graph",
            "opencypher": "an openCypher engine: run each statement in order",
        }[dialect]
        s = out.open_text("graph.cypher")
        s.write(
            f"// A relgraph dataset for {run}\n"
            f"// {counted(len(dataset.sources), 'source', 'sources')}, "
            f"{counted(len(dataset.entities), 'entity', 'entities')}, "
            f"{counted(len(dataset.relations), 'relation', 'relations')}, "
            f"{counted(len(dataset.claims), 'claim', 'claims')}.\n"
            "// Every value below is inside a string, number, list or map literal.\n\n"
        )
        # MERGE of a relationship walks the relationships of its ends: quadratic at a hub in
        # FalkorDB. Only Neo4j's script is run again into a loaded graph.
        link = "MERGE" if dialect == "neo4j" else "CREATE"
        s.write(_schema(dialect))
        s.write("\n")
        own = dataset_fields(dataset)
        dataset_row = {"id": own.pop("id"), "props": _props(own)}
        self._unwind(s, [dataset_row], "MERGE (n:Dataset {id: row.id})\nSET n += row.props")
        texts = self.options["texts"]
        rows = [
            {
                "id": src.id,
                "props": _props({**SOURCE.values(src), "text": src.text if texts else None}),
            }
            for src in dataset.sources
        ]
        self._unwind(s, rows, "MERGE (n:Source {id: row.id})\nSET n += row.props")
        for kind in vocab.entity_kinds:
            rows = [
                {"id": e.id, "props": _props(ENTITY.values(e))}
                for e in dataset.entities
                if e.kind == kind
            ]
            self._unwind(
                s, rows, f"MERGE (n:Entity {{id: row.id}})\nSET n:{labels[kind]}, n += row.props"
            )
        for rtype in vocab.relation_types:
            rows = [self._relation(dataset, r) for r in dataset.relations if r.type == rtype]
            self._unwind(
                s,
                rows,
                "MATCH (a:Entity {id: row.source})\nMATCH (b:Entity {id: row.target})\n"
                f"{link} (a)-[r:{types[rtype]} {{id: row.id}}]->(b)\nSET r += row.props",
            )
        rows = [self._claim(dataset, c) for c in dataset.claims]
        self._unwind(
            s,
            rows,
            "MATCH (e:Entity {id: row.entity})\nMERGE (c:Claim {id: row.id})\n"
            f"SET c += row.props\n{link} (c)-[:ABOUT]->(e)",
        )
        rows = [
            row for r in dataset.relations for row in evidence_rows("relation", r.id, r.evidence)
        ]
        rows += [row for c in dataset.claims for row in evidence_rows("claim", c.id, c.evidence)]
        self._unwind(
            s,
            rows,
            "MATCH (s:Source {id: row.source})\nMERGE (e:Evidence {id: row.id})\n"
            f"SET e += row.props\n{link} (e)-[:CITES]->(s)",
        )

    def _unwind(self, stream: Any, rows: list[dict[str, Any]], body: str) -> None:
        falkordb = self.options["dialect"] == "falkordb"
        for chunk in iter_chunks(rows, _FALKORDB_BATCH if falkordb else _BATCH):
            # FalkorDB parses a parameter header far faster than literals in the query
            stream.write("CYPHER rows=[\n" if falkordb else "UNWIND [\n")
            stream.write(",\n".join("  " + cypher_literal(row) for row in chunk))
            stream.write("\n]\nUNWIND $rows AS row\n" if falkordb else "\n] AS row\n")
            stream.write(f"{body};\n\n")

    @staticmethod
    def _relation(dataset: Dataset, r: Relation) -> dict[str, Any]:
        props = RELATION.values(r)
        props.update(type_properties(dataset, r))
        props.update(_counts(corroboration(dataset, r)))
        props.update(_evidence_lists(r.evidence))
        return {"id": r.id, "source": r.source, "target": r.target, "props": _props(props)}

    @staticmethod
    def _claim(dataset: Dataset, c: Claim) -> dict[str, Any]:
        props = CLAIM.values(c)
        props.update(_counts(corroboration(dataset, c)))
        props.update(_evidence_lists(c.evidence))
        return {"id": c.id, "entity": c.entity, "props": _props(props)}

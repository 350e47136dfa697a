r"""Node and relationship CSVs for Neo4j's bulk loader, ``neo4j-admin database import``.

The bulk loader builds a new database from CSV files far faster than any
Cypher script (millions of relationships a minute), so it is the way to put a
large dataset into Neo4j. The export writes a folder holding the same graph
as the Cypher export (see :mod:`relgraph.export.cypher`), with the headers
the loader documents (``:ID(group)``, ``:START_ID(group)``, ``:END_ID(group)``,
``:LABEL``, ``:TYPE``, ``name:type``):

``dataset.csv``, ``sources.csv``, ``entities.csv``, ``claims.csv``, ``evidence.csv``
    the nodes, one ID group per label (``Dataset``, ``Source``, ``Entity``,
    ``Claim``, ``Evidence``); an entity's ``:LABEL`` is ``Entity`` and its
    kind's label (``State``), separated like list items;
``relations.csv``
    one relationship per relation, ``:TYPE`` from the vocabulary
    (``HOLDS_OFFICE``), with the relation's properties;
``about.csv``, ``cites.csv``
    ``(:Claim)-[:ABOUT]->(:Entity)`` and ``(:Evidence)-[:CITES]->(:Source)``.

Where the evidence comes from travels as in the Cypher export: sources carry
``derived_from`` and ``affiliation`` (``string[]``) and ``origin``; relations
and claims ``reported``, ``modality``, ``referents`` (``string[]``, the ids of
the relations or claims a merge folded into this one) and their corroboration, ``origins``
(``string[]``, the ids of the independent origins of the supporting evidence),
``origin_count:int``, ``independent_origins:int`` (those affiliated with
neither end) and ``affiliated:boolean`` beside ``evidence_count`` and
``source_count``; evidence nodes ``stance``, ``amounts`` (``string[]``, each
as text: ``"19 agreement"``), ``date``, ``reported`` and ``origin``.

An empty field is an absent property (the loader stores nothing for it): a
value relgraph does not have is never written as a stand-in. Lists
(``aliases``, ``tags``, ``external_ids``, ``referents``, the evidence texts of a relation)
are ``string[]`` columns whose items are separated by U+001F (the unit
separator, which no text of a dataset holds), and texts may span lines, so
the loader is run with::

    neo4j-admin database import full neo4j --multiline-fields=true \
        --array-delimiter=U+001F \
        --nodes=DIR/dataset.csv --nodes=DIR/sources.csv --nodes=DIR/entities.csv \
        --nodes=DIR/claims.csv --nodes=DIR/evidence.csv \
        --relationships=DIR/relations.csv --relationships=DIR/about.csv \
        --relationships=DIR/cites.csv

(:func:`command` gives it for a folder). The files are UTF-8, comma-separated,
a field quoted when it holds a comma, a quote or a line break, ``""`` for a quote
inside a field (RFC 4180, as the loader reads it by default).

Examples
--------
>>> import relgraph
>>> from relgraph.export.common import MemoryOutput
>>> out = MemoryOutput()
>>> Neo4jAdminExporter().write(relgraph.load("graph_data/cuba_iran.yaml"), out)
>>> sorted(out.files())[:3]
['about.csv', 'cites.csv', 'claims.csv']
>>> out.files()["relations.csv"].decode().split(",")[:3]
[':START_ID(Entity)', ':END_ID(Entity)', ':TYPE']
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import IO, Any

from relgraph.corroboration import Corroboration, corroboration
from relgraph.export.common import Exporter, ExportError, Output
from relgraph.export.cypher import (
    CLAIM,
    ENTITY,
    EVIDENCE,
    RELATION,
    SOURCE,
    best_credibility,
    evidence_rows,
    graph_names,
    type_properties,
)
from relgraph.export.properties import Properties
from relgraph.model import Dataset, Evidence
from relgraph.records import dataset_fields

__all__ = ["ARRAY_DELIMITER", "COMMAND", "Neo4jAdminExporter", "command"]

#: What separates the items of a list in one field (``--array-delimiter=U+001F``).
ARRAY_DELIMITER = "\x1f"

NODE_FILES = ("dataset.csv", "sources.csv", "entities.csv", "claims.csv", "evidence.csv")
RELATIONSHIP_FILES = ("relations.csv", "about.csv", "cites.csv")

#: The loader's command for the folder ``{dir}``.
COMMAND = (
    "neo4j-admin database import full neo4j --multiline-fields=true --array-delimiter=U+001F "
    + " ".join(f"--nodes={{dir}}/{f}" for f in NODE_FILES)
    + " "
    + " ".join(f"--relationships={{dir}}/{f}" for f in RELATIONSHIP_FILES)
)


def command(folder: str) -> str:
    """Return the ``neo4j-admin`` command that loads the export in ``folder`` into a new database.

    Parameters
    ----------
    folder : str
        The export's folder.

    Returns
    -------
    str
        The command, on one line.

    Examples
    --------
    >>> command("out").split()[:4]
    ['neo4j-admin', 'database', 'import', 'full']
    """
    return COMMAND.format(dir=folder)


def _cell(value: Any, what: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        for item in value:
            if ARRAY_DELIMITER in item:
                raise ExportError(
                    f"cannot write {what} for neo4j-admin: an item holds U+001F, the list "
                    "separator\n  hint: remove the control character from the dataset"
                )
        return ARRAY_DELIMITER.join(value) if value else ""
    return str(value)


class _Table:
    """One CSV file: a header of ``name:type`` columns, rows of values by name."""

    def __init__(self, stream: IO[str], columns: Sequence[str]) -> None:
        self.names = [c.split(":")[0] if not c.startswith(":") else c for c in columns]
        self.writer = csv.writer(stream, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        self.writer.writerow(columns)

    def row(self, values: dict[str, Any], what: str) -> None:
        self.writer.writerow([_cell(values.get(n), what) for n in self.names])


def _table(out: Output, name: str, columns: Sequence[str]) -> _Table:
    return _Table(out.open_text(name), columns)


def _evidence_texts(items: Sequence[Evidence]) -> dict[str, Any]:
    return {
        "credibility": best_credibility(items),
        "evidence_quotes": [e.quote for e in items],
        "evidence_sources": [e.source for e in items],
        "evidence_count": len(items),
        "source_count": len({e.source for e in items}),
    }


def _counts(c: Corroboration) -> dict[str, Any]:
    return {
        "origins": list(c.origins),
        "origin_count": len(c.origins),
        "independent_origins": c.independent,
        "affiliated": c.affiliated,
    }


#: The columns of relations and claims that their corroboration and evidence give.
_EVIDENCE_LISTS = (
    "origins:string[]",
    "origin_count:int",
    "independent_origins:int",
    "affiliated:boolean",
    "credibility:int",
    "evidence_count:int",
    "source_count:int",
    "evidence_quotes:string[]",
    "evidence_sources:string[]",
)
#: A relation's properties as the Cypher export's, with its id among them (a Cypher
#: relationship gets its id from the statement).
_RELATION = Properties("relation", ("id", *RELATION.layout), omit=("source", "target", "review"))
_DERIVED_TYPES = {"directed": "boolean", "allegation": "boolean", "position": "int"}


class Neo4jAdminExporter(Exporter):
    """CSVs for ``neo4j-admin database import`` (see the module docs)."""

    name = "neo4j-admin"
    description = "node and relationship CSVs for Neo4j's bulk loader (neo4j-admin import)"
    folder = True

    def write(self, dataset: Dataset, out: Output) -> None:
        """Write the node files, then the relationship files.

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
        >>> Neo4jAdminExporter().write(ds, out)
        >>> sorted(out.files())  # doctest: +NORMALIZE_WHITESPACE
        ['about.csv', 'cites.csv', 'claims.csv', 'dataset.csv', 'entities.csv',
         'evidence.csv', 'relations.csv', 'sources.csv']
        >>> out.files()["entities.csv"].decode().splitlines()[0]  # doctest: +NORMALIZE_WHITESPACE
        'id:ID(Entity),name,kind,aliases:string[],country,description,tags:string[],external_ids:string[],referents:string[],:LABEL'
        """
        labels, types = graph_names(dataset.vocabulary)
        own = dataset_fields(dataset)
        t = _table(out, "dataset.csv", ["id:ID(Dataset)", *list(own)[1:], ":LABEL"])
        t.row({**own, ":LABEL": "Dataset"}, "the dataset")
        t = _table(out, "sources.csv", ["id:ID(Source)", *SOURCE.columns(), ":LABEL"])
        for src in dataset.sources:
            t.row({"id": src.id, **SOURCE.values(src), ":LABEL": "Source"}, f"source '{src.id}'")
        t = _table(out, "entities.csv", ["id:ID(Entity)", *ENTITY.columns(), ":LABEL"])
        for e in dataset.entities:
            label = ["Entity", labels[e.kind].strip("`")]
            t.row({"id": e.id, **ENTITY.values(e), ":LABEL": label}, f"entity '{e.id}'")
        t = _table(
            out, "claims.csv", ["id:ID(Claim)", *CLAIM.columns(), *_EVIDENCE_LISTS, ":LABEL"]
        )
        for c in dataset.claims:
            t.row(
                {
                    "id": c.id,
                    **CLAIM.values(c),
                    **_counts(corroboration(dataset, c)),
                    **_evidence_texts(c.evidence),
                    ":LABEL": "Claim",
                },
                f"claim '{c.id}'",
            )
        self._evidence(out, dataset)
        ends = [":START_ID(Entity)", ":END_ID(Entity)", ":TYPE"]
        t = _table(
            out, "relations.csv", [*ends, *_RELATION.columns(_DERIVED_TYPES), *_EVIDENCE_LISTS]
        )
        for r in dataset.relations:
            t.row(
                {
                    ":START_ID(Entity)": r.source,
                    ":END_ID(Entity)": r.target,
                    ":TYPE": types[r.type].strip("`"),
                    **_RELATION.values(r),
                    **type_properties(dataset, r),
                    **_counts(corroboration(dataset, r)),
                    **_evidence_texts(r.evidence),
                },
                f"relation '{r.id}'",
            )
        t = _table(out, "about.csv", [":START_ID(Claim)", ":END_ID(Entity)", ":TYPE"])
        for c in dataset.claims:
            t.row({":START_ID(Claim)": c.id, ":END_ID(Entity)": c.entity, ":TYPE": "ABOUT"}, "")

    @staticmethod
    def _evidence(out: Output, dataset: Dataset) -> None:
        columns = [
            "id:ID(Evidence)",
            "relation",
            "claim",
            *EVIDENCE.columns(_DERIVED_TYPES),
            ":LABEL",
        ]
        nodes = _table(out, "evidence.csv", columns)
        cites = _table(out, "cites.csv", [":START_ID(Evidence)", ":END_ID(Source)", ":TYPE"])
        owners: Iterable[tuple[str, str, Sequence[Evidence]]] = [
            *(("relation", r.id, r.evidence) for r in dataset.relations),
            *(("claim", c.id, c.evidence) for c in dataset.claims),
        ]
        for owner, ident, items in owners:
            for row in evidence_rows(owner, ident, items):
                nodes.row({"id": row["id"], **row["props"], ":LABEL": "Evidence"}, row["id"])
                cites.row(
                    {
                        ":START_ID(Evidence)": row["id"],
                        ":END_ID(Source)": row["source"],
                        ":TYPE": "CITES",
                    },
                    row["id"],
                )

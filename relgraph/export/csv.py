r"""Spreadsheets: entities and relations in the From/To layout Kumu and Gephi read.

The export writes a folder:

``entities.csv``
    one row per entity: ``ID``, ``Label`` (the name), ``Type`` (the entity
    kind), ``Description``, ``Aliases``, ``Country``, ``Tags``, ``External IDs``,
    ``Referents`` (the old ids a merge folded into the actor), ``Review`` (the
    review mark, ``proposed`` or ``accepted``, when there is one).
``relations.csv``
    one row per **relation** (``evidence="lists"``, the default), per
    evidence item (``evidence="rows"``) or per relation with the quotes as
    readable text (``evidence="joined"``). In Kumu's layout (``layout="kumu"``,
    the default) the ends are ``From`` and ``To`` and ``Type`` is the relation
    type; in Gephi's (``layout="gephi"``) the columns Gephi's spreadsheet
    importer recognises come first, ``Id``, ``Source``, ``Target``, ``Type``
    (``Directed`` or ``Undirected``), ``Label`` and ``Weight`` (the number of
    evidence items), and the relation type is in ``Relation type``. Then come
    ``Status``, ``Sign``, ``Date``, ``Start``, ``End``, ``Notes``, ``Review``,
    ``Referents`` (the ids of the relations a merge folded into this one) and the
    evidence: ``Quote``, ``Quote source`` (a source id), ``Attributed to``,
    ``Credibility``, ``Evidence notes`` (the evidence item's own notes;
    ``Notes`` are the relation's). ``Label``, ``Weight``, ``Direction``,
    ``Category``, ``Evidence count``, ``Context`` and ``Source title`` are
    there for reading and are ignored by the import.

    With ``evidence="lists"`` each evidence column holds one value per
    evidence item of the relation, in order, separated by ``|`` (Kumu's
    convention for a field with several values): the relation's second quote
    is the second value of ``Quote``, its source the second value of ``Quote
    source``. A value an item does not have is left empty between its
    separators (``|2|``). ``Evidence count`` says how many items there are.
    Kumu (which keeps one row per connection) and Gephi (which keeps one edge
    per ``Id``) so receive every quote. With ``evidence="rows"`` the rows of
    one relation share its ``ID``: good for a spreadsheet's filters and pivot
    tables, but Kumu and Gephi keep only one row of each relation.
``claims.csv``, ``sources.csv``
    the claims (one row per evidence item, with the same evidence columns and
    ``Referents``, the ids of the claims a merge folded into one)
    and the sources, with ``Text`` giving the path of each source's stored
    text relative to the folder.
``meta.yaml``
    the dataset's ``id``, ``title``, ``description``, ``notes``, ``license``
    and ``authors`` (those it has), its vocabulary additions and its story
    (``views:``), in the dataset file's own layout.
the stored texts
    at their ``Text`` paths (``texts=False`` leaves them out).

So the folder goes back in whole with::

    relgraph import csv DIR/entities.csv DIR/relations.csv --sources DIR/sources.csv \
        --claims DIR/claims.csv --meta DIR/meta.yaml -o DATASET.yaml

``evidence="joined"`` writes one row per relation, with every quote in one
``Quotes`` cell, one line each (the quote, then in parentheses who it is
attributed to, the source's title, the credibility and the evidence notes),
for tools that want one edge per row; it cannot be imported again (which
quote came from which source is lost).

Lists (aliases, tags, external ids, and the evidence columns of
``evidence="lists"``) are joined with ``|``, as Kumu reads them; a ``|`` or
``\`` inside an item is written ``\|`` or ``\\`` (Kumu shows the
backslash; ``relgraph import csv`` takes it off again).

Formula injection is neutralised: a cell that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return gets a leading apostrophe, so that a
spreadsheet program shows it as text instead of running it as a formula (a
quote such as ``=HYPERLINK(…)`` from a hostile page stays inert). A cell that
itself starts with an apostrophe followed by one of those characters (or by
another apostrophe) gets one more, so ``relgraph import csv`` can take exactly
one off again and give back the original text.

The files are UTF-8 without a byte order mark, comma-separated, with
``\r\n`` line ends (RFC 4180). In Excel, open them with Data → From Text/CSV.

Examples
--------
>>> neutralize("=1+1"), neutralize("-5"), neutralize("'Tis"), neutralize("'=x")
("'=1+1", "'-5", "'Tis", "''=x")
>>> all(restore(neutralize(v)) == v for v in ["=1", "'=1", "''=1", "'Tis", "'", "@x", ""])
True
>>> join_list(["a|b", "c"]), split_list(join_list(["a|b", "c"]))
('a\\|b|c', ['a|b', 'c'])
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping, Sequence
from typing import IO, Any, ClassVar

from relgraph.cells import (
    CLAIM_COLUMNS,
    ENTITY_COLUMNS,
    EVIDENCE_COLUMNS,
    SOURCE_COLUMNS,
    join_items,
    join_list,
    join_pairs,
    neutralize,
    relation_columns,
    restore,
    split_items,
    split_list,
    split_pairs,
)
from relgraph.corroboration import corroboration
from relgraph.export.common import Exporter, Output, evidence_lines
from relgraph.model import Claim, Dataset, Evidence, Relation
from relgraph.records import (
    amount_record,
    dataset_fields,
    source_bytes,
    view_record,
    vocabulary_additions,
)
from relgraph.yamlwriter import Document, Item, emit, vocabulary_item

# The column lists and the cell codec live in relgraph.cells, which the import
# reads too; they are named here as well, where they were first defined.
__all__ = [
    "CLAIM_COLUMNS",
    "ENTITY_COLUMNS",
    "EVIDENCE_COLUMNS",
    "SOURCE_COLUMNS",
    "CSVExporter",
    "join_items",
    "join_list",
    "join_pairs",
    "neutralize",
    "relation_columns",
    "restore",
    "split_items",
    "split_list",
    "split_pairs",
]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return neutralize(str(value))


class _Sheet:
    def __init__(self, stream: IO[str], columns: Sequence[str]) -> None:
        self.writer = csv.writer(stream, lineterminator="\r\n")
        self.columns = columns
        self.writer.writerow([_cell(c) for c in columns])

    def row(self, values: dict[str, Any]) -> None:
        self.writer.writerow([_cell(values.get(c)) for c in self.columns])


def amount_cell(e: Evidence) -> str | None:
    """Return an evidence item's amounts as one cell: a JSON list of mappings (``None``: none).

    Parameters
    ----------
    e : Evidence
        An evidence item.

    Returns
    -------
    str or None
        The cell's text.

    Examples
    --------
    >>> from relgraph.model import Amount
    >>> amount_cell(Evidence("q", "s", amounts=(Amount(value=19, unit="agreement"),)))
    '[{"value": 19, "unit": "agreement"}]'
    """
    if not e.amounts:
        return None
    return json.dumps([amount_record(a) for a in e.amounts], ensure_ascii=False)


def _evidence_cells(e: Evidence, dataset: Dataset) -> dict[str, Any]:
    titles = {s.id: s.title for s in dataset.sources}
    return {
        "Quote": e.quote,
        "Quote source": e.source,
        "Attributed to": e.attributed_to,
        "Credibility": e.credibility,
        "Evidence notes": e.notes,
        "Stance": e.stance,
        "Amount": amount_cell(e),
        "Evidence date": e.date,
        "Evidence reported": e.reported,
        "Evidence origin": e.origin,
        "Context": e.context,
        "Source title": titles.get(e.source),
    }


class CSVExporter(Exporter):
    """A folder of CSV files in the From/To spreadsheet layout (see the module docs)."""

    name = "csv"
    description = "spreadsheets: entities.csv and relations.csv (Kumu/Gephi), sources, claims"
    folder = True
    defaults: ClassVar[Mapping[str, Any]] = {"layout": "kumu", "evidence": "lists", "texts": True}
    choices: ClassVar[Mapping[str, Sequence[Any]]] = {
        "layout": ("kumu", "gephi"),
        "evidence": ("lists", "rows", "joined"),
        "texts": (True, False),
    }
    files: ClassVar[tuple[str, ...]] = (
        "entities.csv",
        "relations.csv",
        "claims.csv",
        "sources.csv",
        "meta.yaml",
    )

    def write(self, dataset: Dataset, out: Output) -> None:
        """Write the files listed in the module docs.

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
        >>> CSVExporter().write(ds, out)
        >>> sorted(out.files())  # doctest: +NORMALIZE_WHITESPACE
        ['claims.csv', 'entities.csv', 'meta.yaml', 'relations.csv', 'sources.csv',
         'sources/cuba_iran_relations.txt']
        >>> out.files()["entities.csv"].decode().splitlines()[0]
        'ID,Label,Type,Description,Aliases,Country,Tags,External IDs,Referents,Review'
        """
        layout, evidence = self.options["layout"], self.options["evidence"]
        entity_columns = ("Id", *ENTITY_COLUMNS[1:]) if layout == "gephi" else ENTITY_COLUMNS
        sheet = _Sheet(out.open_text("entities.csv"), entity_columns)
        for e in dataset.entities:
            sheet.row(
                {
                    entity_columns[0]: e.id,
                    "Label": e.name,
                    "Type": e.kind,
                    "Description": e.description,
                    "Aliases": join_list(e.aliases),
                    "Country": e.country,
                    "Tags": join_list(e.tags),
                    "External IDs": join_pairs(e.external_ids),
                    "Referents": join_list(e.referents),
                    "Review": e.review,
                }
            )
        columns = relation_columns(layout, evidence)
        sheet = _Sheet(out.open_text("relations.csv"), columns)
        for r in dataset.relations:
            base = self._relation_cells(dataset, r, layout)
            if evidence == "lists":
                items = [_evidence_cells(item, dataset) for item in r.evidence]
                base["Evidence count"] = len(r.evidence)
                for column in (*EVIDENCE_COLUMNS, "Context", "Source title"):
                    base[column] = join_items(
                        [None if i[column] is None else str(i[column]) for i in items]
                    )
                sheet.row(base)
                continue
            if evidence == "joined":
                sources = {s.id: s for s in dataset.sources}
                base["Evidence count"] = len(r.evidence)
                base["Quotes"] = "\n".join(evidence_lines(r.evidence, sources))
                sheet.row(base)
                continue
            for item in r.evidence:
                sheet.row({**base, **_evidence_cells(item, dataset)})
        sheet = _Sheet(out.open_text("claims.csv"), CLAIM_COLUMNS)
        for c in dataset.claims:
            for item in c.evidence:
                sheet.row({**self._claim_cells(c), **_evidence_cells(item, dataset)})
        sheet = _Sheet(out.open_text("sources.csv"), SOURCE_COLUMNS)
        for s in dataset.sources:
            sheet.row(
                {
                    "ID": s.id,
                    "Title": s.title,
                    "Publisher": s.publisher,
                    "URL": s.url,
                    "Published": s.published,
                    "Retrieved": s.retrieved,
                    "Reliability": s.reliability,
                    "Text": s.text_path,
                    "SHA256": s.sha256,
                    "Notes": s.notes,
                    "Derived from": join_list(s.derived_from),
                    "Origin": s.origin,
                    "Affiliation": join_list(s.affiliation),
                }
            )
        self._meta(dataset, out)
        if self.options["texts"]:
            written = set()
            for s in dataset.sources:
                if s.text_path not in written:
                    out.open_bytes(s.text_path).write(source_bytes(s))
                    written.add(s.text_path)

    @staticmethod
    def _relation_cells(dataset: Dataset, r: Relation, layout: str) -> dict[str, Any]:
        t = dataset.vocabulary.relation_types[r.type]
        counts = corroboration(dataset, r)
        cells: dict[str, Any] = {
            "Label": t.label,
            "Status": r.status,
            "Sign": r.sign,
            "Category": t.category,
            "Date": r.date,
            "Start": r.start,
            "End": r.end,
            "Notes": r.notes,
            "Reported": r.reported,
            "Modality": r.modality,
            "Review": r.review,
            "Referents": join_list(r.referents),
            "Quotes count": counts.quotes,
            "Sources count": len(counts.sources),
            "Independent origins": counts.independent,
        }
        if layout == "gephi":
            cells.update(
                {
                    "Id": r.id,
                    "Source": r.source,
                    "Target": r.target,
                    "Type": "Directed" if t.directed else "Undirected",
                    "Weight": len(r.evidence),
                    "Relation type": r.type,
                }
            )
        else:
            cells.update(
                {
                    "ID": r.id,
                    "From": r.source,
                    "To": r.target,
                    "Type": r.type,
                    "Direction": "directed" if t.directed else "undirected",
                }
            )
        return cells

    @staticmethod
    def _claim_cells(c: Claim) -> dict[str, Any]:
        return {
            "ID": c.id,
            "Entity": c.entity,
            "Statement": c.statement,
            "Status": c.status,
            "Date": c.date,
            "Notes": c.notes,
            "Reported": c.reported,
            "Modality": c.modality,
            "Review": c.review,
            "Referents": join_list(c.referents),
        }

    @staticmethod
    def _meta(dataset: Dataset, out: Output) -> None:
        doc = Document(
            comment=(
                "The dataset's own fields and vocabulary additions, written by `relgraph export"
                " --to csv`.\n`relgraph import csv ... --meta meta.yaml` reads them back."
            )
        )
        doc.dataset = Item(dataset_fields(dataset), None)
        additions = vocabulary_additions(dataset.vocabulary)
        if additions:
            doc.vocabulary = vocabulary_item(additions, None)
        doc.views = [Item(view_record(v, dataset), None) for v in dataset.views]
        out.open_text("meta.yaml").write(emit(doc)[0])

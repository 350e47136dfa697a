"""Reading spreadsheets (CSV) into a dataset file.

Columns are found by their header, whatever their order, ignoring case,
spaces at the ends and the difference between ``_``, ``-`` and a space
(``Attributed to``, ``attributed_to``). An unknown column is an error with
the closest known name as a hint, so a misspelt column is never silently
dropped; a missing required column is an error too. Locations are
``file:line:column``, where the column is the spreadsheet column (1 for A).

The columns each file takes are those ``relgraph export --to csv`` writes
(see :mod:`relgraph.export.csv`), and:

* entities: ``Name`` for ``Label``, ``Kind`` for ``Type``;
* relations: ``Source``/``Target`` for ``From``/``To`` (Gephi's names; then
  ``Type`` is the direction and the relation type is in ``Relation type``,
  when that column is there), ``Evidence source`` for ``Quote source``;
* sources: ``SHA256`` may be left out or empty: it is computed from the text.

In relations and claims, ``Notes`` are the relation's (or claim's) own and
``Evidence notes`` the notes of the row's evidence item. The meta file
(``meta.yaml``, read by :func:`read_meta`) gives the dataset's own fields
(``id``, ``title``, ``description``, ``notes``, ``license``, ``authors``) and
its vocabulary additions.

A relations file with an ``Evidence count`` column (``--evidence lists``, the
export's default) has one row per relation, each evidence column listing the
values of its evidence items in order, separated by ``|``; a column with
more or fewer values than ``Quote`` is an error. Otherwise rows with the
same ``ID`` make one relation (or claim), each row adding one evidence item;
rows without an ``ID`` are grouped by their ends, type and dates (a claim's
by its entity, statement and date). The relation's own cells need only be
filled on its first row; a later row that gives a different value is an
error. Empty cells are absent values. Cells
neutralised against formula injection are restored (see
:func:`relgraph.export.csv.restore`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from relgraph.cells import (
    CLAIM_COLUMNS,
    ENTITY_COLUMNS,
    EVIDENCE_COLUMNS,
    SOURCE_COLUMNS,
    restore,
    split_items,
    split_list,
    split_pairs,
)
from relgraph.errors import Diagnostic, closest_names, did_you_mean
from relgraph.imports.commit import safe_relative
from relgraph.imports.document import MAX_IMPORT_BYTES, Document, Item, Located, Raw
from relgraph.load.rules import MAX_SOURCE_BYTES
from relgraph.load.yaml import Node, file_problem, leaves_folder, read_text, read_yaml
from relgraph.model import Location
from relgraph.spec import FIELDS, RECORDS

__all__ = ["Table", "read_meta", "read_table", "relation_table_spec"]

_IGNORED = "-"  # a column that is read and ignored (written by the export for reading)


def _norm(header: str) -> str:
    return " ".join(header.replace("_", " ").replace("-", " ").split()).lower()


@dataclass
class Spec:
    """What one kind of file takes: header name (normalised) → field, and what is required."""

    what: str
    columns: dict[str, str]  # normalised header -> field ("-" = ignored)
    shown: dict[str, str]  # field -> the header name to show in messages
    required: tuple[str, ...]
    listing: tuple[str, ...] = ()  # the columns to name in hints
    lists: tuple[str, ...] = ()
    pairs: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    verbatim: tuple[str, ...] = ()  # free text, kept exactly as written


_TEXT = (
    "name",
    "description",
    "notes",
    "quote",
    "statement",
    "title",
    "attributed_to",
    "publisher",
    "evidence_notes",
)


def _field_columns(kind: str, names: Sequence[str]) -> dict[str, str]:
    """Return the columns that fill fields of ``kind``: each field's header, and its name in words.

    Examples
    --------
    >>> _field_columns("entity", ["id", "name", "external_ids"])
    {'id': 'id', 'label': 'name', 'name': 'name', 'external ids': 'external_ids'}
    """
    out: dict[str, str] = {}
    for name in names:
        out[_norm(RECORDS[kind].field(name).header)] = name
        out.setdefault(_norm(name), name)
    return out


#: An entity's columns, in the order of ``entities.csv``.
_ENTITY_FIELDS = (
    "id",
    "name",
    "kind",
    "description",
    "aliases",
    "country",
    "tags",
    "external_ids",
    "referents",
    "review",
)

ENTITIES = Spec(
    "entities",
    _field_columns("entity", _ENTITY_FIELDS),
    {"id": "ID", "name": "Label", "kind": "Type"},
    ("id", "name", "kind"),
    ENTITY_COLUMNS,
    lists=("aliases", "tags", "referents"),
    pairs=("external_ids",),
    verbatim=(*_TEXT, "country"),
)

#: An evidence item's fields that a relation or claim has too: read as ``evidence_…``.
_SHARED = ("source", "notes", "date", "reported", "origin")


def _evidence_columns() -> dict[str, str]:
    """Return an evidence item's columns (the spec's headers, normalised) and the fields they fill.

    ``Evidence source`` is another name of ``Quote source``.
    """
    out = {}
    for f in RECORDS["evidence"].fields:
        out[_norm(f.header)] = "evidence_" + f.name if f.name in _SHARED else f.name
        if f.name == "source":
            out["evidence source"] = out[_norm(f.header)]
    return out


_EVIDENCE = _evidence_columns()
_COUNTS = {"quotes count": _IGNORED, "sources count": _IGNORED, "independent origins": _IGNORED}

CLAIMS = Spec(
    "claims",
    {
        **_field_columns("claim", [n for n in RECORDS["claim"].names if n != "evidence"]),
        "context": _IGNORED,
        "source title": _IGNORED,
        **_EVIDENCE,
    },
    {
        "entity": "Entity",
        "statement": "Statement",
        "status": "Status",
        "quote": "Quote",
        "evidence_source": "Quote source",
    },
    ("entity", "statement", "status", "quote", "evidence_source"),
    CLAIM_COLUMNS,
    lists=("referents",),
    numbers=("credibility",),
    verbatim=_TEXT,
)

SOURCES = Spec(
    "sources",
    _field_columns("source", [n for n in RECORDS["source"].names if n != "review"]),
    {"id": "ID", "title": "Title", "reliability": "Reliability", "text": "Text"},
    ("id", "title", "reliability", "text"),
    SOURCE_COLUMNS,
    lists=("derived_from", "affiliation"),
    verbatim=_TEXT,
)


def relation_table_spec(headers: Sequence[str]) -> Spec:
    """Return the relations spec for a file with these (normalised) headers.

    The headers are Kumu's or Gephi's names.

    Parameters
    ----------
    headers : sequence of str
        The file's headers, normalised.

    Returns
    -------
    Spec
        The columns to read, by their names in the file.

    Examples
    --------
    >>> relation_table_spec(["source", "target", "type", "relation type"]).columns["type"]
    '-'
    >>> relation_table_spec(["from", "to", "type"]).columns["type"]
    'type'
    """
    columns = {
        "id": "id",
        "relation id": "id",
        **_field_columns(
            "relation",
            (
                "status",
                "sign",
                "date",
                "start",
                "end",
                "notes",
                "reported",
                "modality",
                "review",
                "referents",
            ),
        ),
        "label": _IGNORED,
        "direction": _IGNORED,
        "category": _IGNORED,
        "context": _IGNORED,
        "source title": _IGNORED,
        "weight": _IGNORED,
        "evidence count": _IGNORED,
        **_COUNTS,
        **_EVIDENCE,
    }
    shown = {"status": "Status", "quote": "Quote", "evidence_source": "Quote source"}
    if "from" in headers or "to" in headers or "source" not in headers:
        columns.update({"from": "source", "to": "target"})
        shown.update(source="From", target="To")
    else:
        columns.update({"source": "source", "target": "target"})
        shown.update(source="Source", target="Target")
    if "relation type" in headers:
        columns.update({"relation type": "type", "type": _IGNORED})
        shown["type"] = "Relation type"
    else:
        columns["type"] = "type"
        shown["type"] = "Type"
    ends = (shown["source"], shown["target"], shown["type"])
    return Spec(
        "relations",
        columns,
        shown,
        ("source", "target", "type", "status", "quote", "evidence_source"),
        (
            "ID",
            *ends,
            "Status",
            "Sign",
            "Date",
            "Start",
            "End",
            "Notes",
            "Reported",
            "Modality",
            "Review",
            "Referents",
            *EVIDENCE_COLUMNS,
        ),
        lists=("referents",),
        numbers=("credibility",),
        verbatim=_TEXT,
    )


@dataclass
class Table:
    """The rows of one CSV file: for each row, field → located value."""

    path: str
    rows: list[tuple[int, dict[str, Located]]] = field(default_factory=list)
    #: one row per relation, its evidence columns holding a value per item (``lists``)
    lists: bool = False


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_table(
    path: str, kind: str, problems: list[Diagnostic]
) -> tuple[Table | None, Spec | None]:
    r"""Read ``path`` as a ``kind`` file (entities, relations, claims, sources); collect problems.

    Parameters
    ----------
    path : str
        The CSV file.
    kind : {"entities", "relations", "claims", "sources"}
        What the file holds.
    problems : list of Diagnostic
        Where the problems found are added.

    Returns
    -------
    (Table or None, Spec or None)
        The rows and the columns to read, or ``None`` when the file cannot be read.

    Examples
    --------
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "entities.csv")
    >>> with open(path, "w", encoding="utf-8") as fh:
    ...     _ = fh.write("id,name,kind\ncuba,Cuba,state\niran,Iran,state\n")
    >>> problems = []
    >>> table, spec = read_table(path, "entities", problems)
    >>> line, row = table.rows[0]
    >>> line, row["name"].value, row["name"].origin.column, problems
    (2, 'Cuba', 2, [])

    A file that cannot be read gives ``None`` and its problem:

    >>> with open(path, "w", encoding="utf-8") as fh:
    ...     _ = fh.write("")
    >>> read_table(path, "entities", problems), [(p.code, p.message) for p in problems]
    ((None, None), [('empty-file', 'the file is empty')])
    """
    text, diags = read_text(path, MAX_IMPORT_BYTES)
    if text is None:
        problems.extend(diags)
        return None, None
    if not text.strip():
        problems.append(
            Diagnostic(
                path,
                0,
                0,
                "empty-file",
                "the file is empty",
                "the first row names the columns; each row after it is one item",
            )
        )
        return None, None
    first = text.splitlines()[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first))
    try:
        header = next(reader)
    except csv.Error as exc:  # pragma: no cover - a header line always parses
        problems.append(Diagnostic(path, 1, 1, "bad-csv", str(exc), None))
        return None, None
    normal = [_norm(h) for h in header]
    spec = {
        "entities": ENTITIES,
        "claims": CLAIMS,
        "sources": SOURCES,
    }.get(kind) or relation_table_spec(normal)
    fields: dict[int, str] = {}  # column index -> field; no entry: a column without header
    seen: dict[str, int] = {}
    misspelt: set[str] = set()  # fields an unknown column was probably meant to give
    bad = False
    for i, (raw, name) in enumerate(zip(header, normal, strict=True)):
        if not name:
            continue  # a column without a header: its cells must be empty (checked below)
        if name == "quotes" and "quote" not in normal and kind == "relations":
            misspelt.update(("quote", "evidence_source"))
            problems.append(
                Diagnostic(
                    path,
                    1,
                    i + 1,
                    "joined-quotes",
                    "the 'Quotes' column joins every quote of a relation in one cell, which "
                    "cannot be split back into evidence",
                    "export with `--evidence lists` (the default) or `--evidence rows`, or give "
                    "each quote its own row with 'Quote' and 'Quote source' columns",
                )
            )
            bad = True
            continue
        target = spec.columns.get(name)
        if target is None:
            close = closest_names(name, list(spec.columns))
            hint = f"{spec.what} take: {', '.join(spec.listing)}"
            if close:
                misspelt.add(spec.columns[close[0]])
                hint = f"did you mean '{_title(close[0])}'? {hint}"
            problems.append(
                Diagnostic(
                    path,
                    1,
                    i + 1,
                    "unknown-column",
                    f"unknown column '{raw.strip()}'",
                    hint,
                )
            )
            bad = True
            continue
        if target != _IGNORED and target in seen:
            problems.append(
                Diagnostic(
                    path,
                    1,
                    i + 1,
                    "duplicate-column",
                    f"column '{raw.strip()}' gives the same field as column {seen[target] + 1}",
                    "keep one of them",
                )
            )
            bad = True
            continue
        seen[target] = i
        fields[i] = target
    for need in spec.required:
        if need not in seen and need not in misspelt:
            problems.append(
                Diagnostic(
                    path,
                    1,
                    1,
                    "missing-column",
                    f"there is no '{spec.shown.get(need, need)}' column",
                    f"{spec.what} need the columns: "
                    + ", ".join(spec.shown.get(r, r) for r in spec.required),
                )
            )
            bad = True
    if bad:
        return None, spec
    lists = kind == "relations" and "evidence count" in normal and "quote" in seen
    table = Table(path, lists=lists)
    start = reader.line_num + 1
    try:
        for row in reader:
            line = start
            start = reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            values: dict[str, Located] = {}
            for i, cell in enumerate(row):
                target = fields.get(i)
                if target is None:
                    if cell.strip() and not bad:
                        problems.append(
                            Diagnostic(
                                path,
                                line,
                                i + 1,
                                "extra-cell",
                                f"the row has a value in column {i + 1}, which has no header",
                                "name the column in the first row",
                            )
                        )
                    continue
                if target == _IGNORED:
                    continue
                where = Location(path, line, i + 1)
                if lists and target in _EVIDENCE_FIELDS:
                    if cell.strip():
                        parts = split_items(restore(cell))
                        listed = [_value(p, target, spec, where, problems) for p in parts]
                        values[target] = Located(listed, where)
                    continue
                value = _value(restore(cell), target, spec, where, problems)
                if value is not None:
                    values[target] = Located(value, where)
            if lists:
                _check_lists(values, spec, problems)
            table.rows.append((line, values))
    except csv.Error as exc:
        problems.append(
            Diagnostic(
                path,
                reader.line_num,
                1,
                "bad-csv",
                f"the file is not valid CSV: {exc}",
                "check the quotes around cells that hold commas or line breaks",
            )
        )
        return None, spec
    return table, spec


def _check_lists(values: dict[str, Located], spec: Spec, problems: list[Diagnostic]) -> None:
    """Every evidence column of a ``lists`` row gives as many values as ``Quote``."""
    quotes = values.get("quote")
    if quotes is None:
        return
    count = len(quotes.value)
    for name in _EVIDENCE_FIELDS:
        cell = values.get(name)
        if cell is None or len(cell.value) == count or cell.origin is None:
            continue
        col = spec.shown.get(name) or _title(next(k for k, v in spec.columns.items() if v == name))
        problems.append(
            Diagnostic(
                cell.origin.path,
                cell.origin.line,
                cell.origin.column,
                "evidence-list",
                f"{col} lists {len(cell.value)} value{'s' * (len(cell.value) != 1)} but Quote "
                f"lists {count}: the n-th value belongs to the n-th quote",
                "separate the values with |, leaving a place empty (||) for a quote without "
                "one; write a | inside a value as \\|",
            )
        )
        del values[name]


def _title(normal: str) -> str:
    special = {
        "id": "ID",
        "url": "URL",
        "sha256": "SHA256",
        "external ids": "External IDs",
        "relation id": "Relation ID",
    }
    return special.get(normal, normal[:1].upper() + normal[1:])


def _value(cell: str, target: str, spec: Spec, where: Location, problems: list[Diagnostic]) -> Any:
    if not cell.strip():
        return None
    if target in spec.lists:
        return split_list(cell)
    if target in spec.pairs:
        pairs = split_pairs(cell)
        if pairs is None:
            problems.append(
                Diagnostic(
                    where.path,
                    where.line,
                    where.column,
                    "bad-external-ids",
                    f"'{cell}' is not a list of scheme:id pairs",
                    "write e.g. wikidata:Q241|isni:0000000121032683",
                )
            )
            return None
        return dict(pairs)
    if target == "amount":
        try:
            return json.loads(cell)
        except ValueError:
            problems.append(
                Diagnostic(
                    where.path,
                    where.line,
                    where.column,
                    "bad-amount",
                    f"'{cell}' is not an amount",
                    'write amounts as a JSON list, e.g. [{"value": 19, "unit": "agreement"}]',
                )
            )
            return None
    if target in spec.numbers and cell.strip().isdigit():
        return Raw(str(int(cell.strip())))
    if target in spec.verbatim:
        return cell
    return cell.strip()


# -- grouping rows into items ---------------------------------------------------------
# a relation's or claim's own columns; its evidence comes from one row per item
_RELATION_FIELDS = tuple(f for f in FIELDS["relation"] if f != "evidence")
_CLAIM_FIELDS = tuple(f for f in FIELDS["claim"] if f != "evidence")
_EVIDENCE_FIELDS = tuple(_EVIDENCE.values())


def _plain(v: Located | None) -> Any:
    if v is None:
        return None
    return v.value.text if isinstance(v.value, Raw) else v.value


def group_rows(table: Table, spec: Spec, kind: str, problems: list[Diagnostic]) -> list[Item]:
    """One item per relation (or claim), each row adding an evidence item.

    Parameters
    ----------
    table : Table
        The relations or claims file's rows.
    spec : Spec
        Its columns.
    kind : {"relations", "claims"}
        What the rows are.
    problems : list of Diagnostic
        Where rows that conflict are reported.

    Returns
    -------
    list of Item
        The items, in the order of their first rows.
    """
    own = _RELATION_FIELDS if kind == "relations" else _CLAIM_FIELDS
    key_fields = (
        ("source", "target", "type", "date", "start", "end")
        if kind == "relations"
        else ("entity", "statement", "date")
    )
    groups: dict[tuple[Any, ...], tuple[dict[str, Located], list[Item], Location]] = {}
    for line, values in table.rows:
        ident = _plain(values.get("id"))
        key = ("id", ident) if ident else ("auto", *(_plain(values.get(k)) for k in key_fields))
        origin = Location(table.path, line, 1)
        if key not in groups:
            groups[key] = ({}, [], origin)
        fields, evidence, first = groups[key]
        for name in own:
            if name not in values:
                continue
            if name in fields and _plain(fields[name]) != _plain(values[name]):
                label = ident or " → ".join(
                    str(_plain(values.get(k)) or "?") for k in key_fields[:2]
                )
                col = spec.shown.get(name) or _title(
                    next(k for k, v in spec.columns.items() if v == name)
                )
                here = values[name].origin or origin
                there = (fields[name].origin or first).line
                problems.append(
                    Diagnostic(
                        table.path,
                        here.line,
                        here.column,
                        "conflicting-value",
                        f"this row gives {col} '{_plain(values[name])}' for "
                        f"{kind[:-1]} '{label}', but line {there} gave '{_plain(fields[name])}'",
                        "the rows of one item must agree; leave the cell empty to keep "
                        "the first row's value",
                    )
                )
                continue
            fields.setdefault(name, values[name])
        if table.lists:
            evidence.extend(_listed_evidence(values, origin))
        elif any(name in values for name in _EVIDENCE_FIELDS):
            ev = {
                "quote": values.get("quote"),
                "source": values.get("evidence_source"),
                "attributed_to": values.get("attributed_to"),
                "credibility": values.get("credibility"),
                "notes": values.get("evidence_notes"),
                "stance": values.get("stance"),
                "amount": values.get("amount"),
                "date": values.get("evidence_date"),
                "reported": values.get("evidence_reported"),
                "origin": values.get("evidence_origin"),
            }
            evidence.append(Item({k: v for k, v in ev.items() if v is not None}, origin))
    items = []
    for fields, evidence, origin in groups.values():
        ordered: dict[str, Any] = {k: fields[k] for k in own if k in fields}
        if evidence:
            ordered["evidence"] = evidence
        items.append(Item(ordered, origin))
    return items


_EVIDENCE_KEYS = {
    "quote": "quote",
    "source": "evidence_source",
    "attributed_to": "attributed_to",
    "credibility": "credibility",
    "notes": "evidence_notes",
    "stance": "stance",
    "amount": "amount",
    "date": "evidence_date",
    "reported": "evidence_reported",
    "origin": "evidence_origin",
}


def _listed_evidence(values: dict[str, Located], origin: Location) -> list[Item]:
    """Return the evidence items of a ``lists`` row: the n-th value of each evidence column."""
    quotes = values.get("quote")
    count = (
        len(quotes.value)
        if quotes is not None
        else max((len(values[f].value) for f in _EVIDENCE_FIELDS if f in values), default=0)
    )
    items = []
    for n in range(count):
        ev: dict[str, Located] = {}
        for key, name in _EVIDENCE_KEYS.items():
            cell = values.get(name)
            if cell is not None and n < len(cell.value) and cell.value[n] is not None:
                ev[key] = Located(cell.value[n], cell.origin)
        items.append(Item(ev, origin))
    return items


def entity_items(table: Table) -> list[Item]:
    """One item per entity row.

    Parameters
    ----------
    table : Table
        The entities file's rows.

    Returns
    -------
    list of Item
        The items, in row order.
    """
    order = (
        "id",
        "name",
        "kind",
        "aliases",
        "country",
        "description",
        "external_ids",
        "tags",
        "referents",
        "review",
    )
    return [
        Item({k: values[k] for k in order if k in values}, Location(table.path, line, 1))
        for line, values in table.rows
    ]


def source_items(table: Table, doc: Document, problems: list[Diagnostic]) -> list[Item]:
    """One item per source row; the stored texts are read from beside the sources file.

    Parameters
    ----------
    table : Table
        The sources file's rows.
    doc : Document
        The document the texts are stored in.
    problems : list of Diagnostic
        Where missing or unreadable texts are reported.

    Returns
    -------
    list of Item
        The items, in row order.
    """
    base = os.path.dirname(table.path)
    order = FIELDS["source"]
    items = []
    for line, values in table.rows:
        fields: dict[str, Any] = {k: values[k] for k in order if k in values}
        text = values.get("text")
        if text is not None and isinstance(text.value, str):
            rel = text.value.replace("\\", "/")
            where = text.origin or Location(table.path, line, 1)
            full = os.path.join(base, rel)
            if not safe_relative(rel):
                problems.append(
                    Diagnostic(
                        where.path,
                        where.line,
                        where.column,
                        "unsafe-path",
                        f"the source text path '{rel}' leaves the folder of "
                        f"{os.path.basename(table.path)}",
                        "keep source texts in a folder beside the sources file, e.g. "
                        "sources/article.txt",
                    )
                )
            elif leaves_folder(base, rel):
                problems.append(
                    Diagnostic(
                        where.path,
                        where.line,
                        where.column,
                        "unsafe-path",
                        f"the source text path '{rel}' leads outside the folder of "
                        f"{os.path.basename(table.path)} through a link",
                        "copy the text into the folder of the sources file",
                    )
                )
            elif (problem := file_problem(full)) is not None:
                problems.append(
                    Diagnostic(
                        where.path,
                        where.line,
                        where.column,
                        problem.code,
                        f"the source text '{rel}' {problem.message}",
                        problem.hint,
                    )
                )
            elif not os.path.isfile(full):
                problems.append(
                    Diagnostic(
                        where.path,
                        where.line,
                        where.column,
                        "missing-source-text",
                        f"the source text '{rel}' does not exist",
                        f"store the source's text at {full}",
                    )
                )
            elif os.path.getsize(full) > MAX_SOURCE_BYTES:
                problems.append(
                    Diagnostic(
                        where.path,
                        where.line,
                        where.column,
                        "file-too-large",
                        f"the source text '{rel}' is larger than relgraph reads",
                        f"relgraph reads source texts of at most {MAX_SOURCE_BYTES} bytes",
                    )
                )
            else:
                with open(full, "rb") as fh:
                    data = fh.read()
                doc.texts.setdefault(rel, (data, where))
                fields["text"] = Located(rel, where)
                if "sha256" not in fields:
                    fields["sha256"] = Located(hashlib.sha256(data).hexdigest(), where)
                    fields = {k: fields[k] for k in order if k in fields}
        items.append(Item(fields, Location(table.path, line, 1)))
    return items


def _item(node: Node) -> Any:
    where = Location(node.path, node.line, node.column)
    if node.kind == "map":
        return Item({k: _item(v) for k, v in node.value.items()}, where)
    if node.kind == "seq":
        return Located([_item(v) for v in node.value], where)
    if node.kind == "null":
        return Located(None, where)
    if node.kind == "str":
        return Located(node.value, where)
    return Located(Raw(node.value), where)


def read_meta(path: str, doc: Document, problems: list[Diagnostic]) -> None:
    r"""Take the ``dataset:``, ``vocabulary:`` and ``views:`` sections of the file at ``path``.

    Parameters
    ----------
    path : str
        The YAML file given as ``--meta``.
    doc : Document
        The document its sections go into.
    problems : list of Diagnostic
        Where its problems are added.

    Examples
    --------
    >>> import os, tempfile
    >>> from relgraph.imports.document import Document
    >>> path = os.path.join(tempfile.mkdtemp(), "meta.yaml")
    >>> with open(path, "w", encoding="utf-8") as fh:
    ...     _ = fh.write("dataset:\n  id: demo\n  title: Demo\n")
    >>> doc, problems = Document(), []
    >>> read_meta(path, doc, problems)
    >>> doc.dataset.fields["id"].value, problems
    ('demo', [])

    A misspelt section is a problem, with the name it was probably meant to be:

    >>> with open(path, "w", encoding="utf-8") as fh:
    ...     _ = fh.write("datset:\n  id: demo\n")
    >>> read_meta(path, Document(), problems)
    >>> [(p.code, p.line, p.message) for p in problems]
    [('unknown-section', 1, "'datset' is not a section of a meta file")]
    """
    root, diags = read_yaml(path)
    problems.extend(diags)
    if root is None:
        if not diags:
            problems.append(
                Diagnostic(
                    path,
                    0,
                    0,
                    "empty-file",
                    "the file is empty",
                    "give it a 'dataset:' section with an id and a title",
                )
            )
        return
    if root.kind != "map":
        problems.append(
            Diagnostic(
                path,
                root.line,
                root.column,
                "not-a-mapping",
                "the meta file must be a mapping of sections",
                "give it 'dataset:' and, if needed, 'vocabulary:' and 'views:'",
            )
        )
        return
    for key, node in root.keys.items():
        if key not in ("dataset", "vocabulary", "views"):
            problems.append(
                Diagnostic(
                    path,
                    node.line,
                    node.column,
                    "unknown-section",
                    f"'{key}' is not a section of a meta file",
                    did_you_mean(
                        str(key),
                        ["dataset", "vocabulary", "views"],
                        "a meta file holds only 'dataset:', 'vocabulary:' and 'views:'",
                    ),
                )
            )
    views = root.get("views")
    for node in views.value if views is not None and views.kind == "seq" else ():
        view = _item(node)
        if isinstance(view, Item):
            doc.views.append(view)
        else:
            problems.append(
                Diagnostic(
                    path,
                    node.line,
                    node.column,
                    "wrong-type",
                    "a view must be a mapping",
                    "write its fields (id, title…) on the lines below its '- ', indented",
                )
            )
    if views is not None and views.kind not in ("seq", "null"):
        problems.append(
            Diagnostic(
                path,
                views.line,
                views.column,
                "wrong-type",
                "'views' must be a list",
                "write each view below it, starting with '- '",
            )
        )
    for key in ("dataset", "vocabulary"):
        section = root.get(key)
        if section is None:
            continue
        value = _item(section)
        if isinstance(value, Item):
            setattr(doc, key, value)
        elif section.kind != "null":
            problems.append(
                Diagnostic(
                    path,
                    section.line,
                    section.column,
                    "wrong-type",
                    f"'{key}' must be a mapping",
                    "write its fields on the lines below it, indented",
                )
            )

"""Imports: dataset files built from spreadsheets and from relgraph's JSON.

* :func:`import_csv` builds a dataset file from an entities and a relations
  spreadsheet (and, optionally, sources, claims and a meta file); see
  :mod:`relgraph.imports.tables` for the columns.
* :func:`import_json` builds one from what ``relgraph export --to json`` or
  ``--to jsonl`` wrote (node-link JSON, or a JSON Lines dataset file with
  its source texts beside it); see :mod:`relgraph.imports.nodelink`.
* :func:`dataset_yaml` writes a loaded dataset as dataset-file YAML.

Both imports validate what they build before anything is written: the YAML
and the source texts are written to a hidden folder beside the output,
loaded with :func:`relgraph.load`, and moved into place only if they load.
Otherwise a :class:`~relgraph.errors.DatasetError` lists every problem, each
located in the inputs (``relations.csv:7:14``, ``graph.json#/edges/3``,
``graph.jsonl:12:1``), and nothing is left behind.

Examples
--------
>>> import relgraph, os, tempfile
>>> from relgraph.export import export
>>> d = tempfile.mkdtemp()
>>> paths = export(relgraph.load("graph_data/cuba_iran.yaml"), "csv", os.path.join(d, "csv"))
>>> j = os.path.join(d, "csv")
>>> ds = import_csv(os.path.join(j, "entities.csv"), os.path.join(j, "relations.csv"),
...                 os.path.join(d, "back.yaml"), sources=os.path.join(j, "sources.csv"),
...                 claims=os.path.join(j, "claims.csv"), meta=os.path.join(j, "meta.yaml"))
>>> len(ds.entities), len(ds.relations), len(ds.claims)
(20, 31, 10)
"""

from __future__ import annotations

import os
import re

from relgraph.errors import DatasetError, Diagnostic
from relgraph.imports.commit import write_document
from relgraph.imports.document import Document, Item, emit
from relgraph.imports.nodelink import document_from_node_link, read_json
from relgraph.imports.tables import (
    entity_items,
    group_rows,
    read_meta,
    read_table,
    source_items,
)
from relgraph.model import Dataset
from relgraph.progress import ProgressCallback
from relgraph.records import node_link

__all__ = [
    "Document",
    "dataset_yaml",
    "import_csv",
    "import_json",
    "read_csv",
    "read_json",
]

PathLike = str | os.PathLike[str]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9._-]+", "-", text.lower()).strip("-._") or "dataset"


def read_csv(
    entities: PathLike,
    relations: PathLike,
    *,
    sources: PathLike | None = None,
    claims: PathLike | None = None,
    meta: PathLike | None = None,
    dataset_id: str = "dataset",
) -> Document:
    """Read spreadsheets into a :class:`~relgraph.imports.document.Document` (not validated).

    Without ``meta``, the dataset gets the id ``dataset_id`` and a title
    naming the relations file.

    Parameters
    ----------
    entities, relations : path
        The entities and relations CSV files.
    sources, claims : path, optional
        The sources and the claims CSV files.
    meta : path, optional
        A YAML file with the ``dataset:`` section and perhaps a ``vocabulary:``.
    dataset_id : str
        The dataset's id without ``meta``.

    Returns
    -------
    Document
        The dataset's records, ready to be written as YAML.

    Raises
    ------
    DatasetError
        For every problem in the files' layout: unknown, missing or duplicate
        columns, unreadable files, missing source texts, conflicting rows.

    Examples
    --------
    >>> import os, tempfile, relgraph
    >>> from relgraph.export import export
    >>> d = os.path.join(tempfile.mkdtemp(), "sheets")
    >>> _ = export(relgraph.load("graph_data/cuba_iran.yaml"), "csv", d)
    >>> doc = read_csv(os.path.join(d, "entities.csv"), os.path.join(d, "relations.csv"),
    ...                sources=os.path.join(d, "sources.csv"))
    >>> len(doc.entities) == len(relgraph.load("graph_data/cuba_iran.yaml").entities)
    True
    """
    problems: list[Diagnostic] = []
    doc = Document()
    files = [os.fspath(entities), os.fspath(relations)]
    ent_table, _ = read_table(files[0], "entities", problems)
    rel_table, rel_spec = read_table(files[1], "relations", problems)
    if sources is not None:
        src_table, _ = read_table(os.fspath(sources), "sources", problems)
        if src_table is not None:
            doc.sources = source_items(src_table, doc, problems)
    if ent_table is not None:
        doc.entities = entity_items(ent_table)
    if rel_table is not None and rel_spec is not None:
        doc.relations = group_rows(rel_table, rel_spec, "relations", problems)
    if claims is not None:
        claim_table, claim_spec = read_table(os.fspath(claims), "claims", problems)
        if claim_table is not None and claim_spec is not None:
            doc.claims = group_rows(claim_table, claim_spec, "claims", problems)
    if meta is not None:
        read_meta(os.fspath(meta), doc, problems)
    else:
        title = f"Imported from {os.path.basename(files[1])}"
        doc.dataset = Item({"id": dataset_id, "title": title}, None)
    if problems:
        raise DatasetError(problems)
    names = [os.path.basename(f) for f in files]
    doc.comment = f"Imported by `relgraph import csv` from {' and '.join(names)}."
    return doc


def import_csv(
    entities: PathLike,
    relations: PathLike,
    output: PathLike,
    *,
    sources: PathLike | None = None,
    claims: PathLike | None = None,
    meta: PathLike | None = None,
    progress: ProgressCallback | None = None,
) -> Dataset:
    """Build, validate and write the dataset file ``output`` from spreadsheets.

    Parameters
    ----------
    entities, relations : path
        The entities and relations CSV files.
    output : path
        The dataset file to write. Source texts are stored beside it, at the
        paths the sources file gives.
    sources : path, optional
        The sources CSV file; its ``Text`` paths are relative to its folder.
    claims : path, optional
        The claims CSV file.
    meta : path, optional
        A YAML file with the ``dataset:`` section (id, title…) and, when the
        data uses kinds or types of its own, a ``vocabulary:`` section.
        Without it the dataset's id is made from the output's file name.
    progress : callable, optional
        Told how checking the new file goes (see :mod:`relgraph.progress`).

    Returns
    -------
    Dataset
        The dataset as loaded from ``output``.

    Raises
    ------
    DatasetError
        Listing every problem, located in the input files; nothing is written.
    UsageError
        When the output's folder does not exist.

    Examples
    --------
    >>> import os, tempfile, relgraph
    >>> from relgraph.export import export
    >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
    >>> d = tempfile.mkdtemp()
    >>> _ = export(ds, "csv", os.path.join(d, "sheets"))
    >>> sheet = lambda name: os.path.join(d, "sheets", name)
    >>> back = import_csv(sheet("entities.csv"), sheet("relations.csv"),
    ...                   os.path.join(d, "back.yaml"), sources=sheet("sources.csv"),
    ...                   claims=sheet("claims.csv"), meta=sheet("meta.yaml"))
    >>> back.id, len(back.relations) == len(ds.relations)
    ('cuba_iran', True)
    """
    stem = os.path.splitext(os.path.basename(os.fspath(output)))[0]
    doc = read_csv(
        entities, relations, sources=sources, claims=claims, meta=meta, dataset_id=_slug(stem)
    )
    return write_document(doc, output, progress)


def import_json(
    path: PathLike, output: PathLike, progress: ProgressCallback | None = None
) -> Dataset:
    """Build, validate and write the dataset file ``output`` from relgraph's JSON or JSON Lines.

    ``path`` is node-link JSON (``relgraph export --to json``), or, when its
    name ends in ``.jsonl``, a JSON Lines dataset file (``relgraph export
    --to jsonl``, ``relgraph convert``). The source texts, carried in the
    JSON or lying beside the ``.jsonl`` file, are written beside ``output``
    at their text paths; when the JSON carries none, they must be there
    already. ``progress`` is told how checking the new file goes (see
    :mod:`relgraph.progress`).

    Parameters
    ----------
    path : path
        The node-link JSON or JSON Lines file.
    output : path
        The dataset file to write.
    progress : callable, optional
        Told how checking the new file goes.

    Returns
    -------
    Dataset
        The dataset as loaded from ``output``.

    Raises
    ------
    DatasetError
        Listing every problem, located in the JSON or JSON Lines file;
        nothing is written.

    Examples
    --------
    >>> import relgraph, os, tempfile
    >>> from relgraph.export import export
    >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
    >>> d = tempfile.mkdtemp()
    >>> _ = export(ds, "json", os.path.join(d, "g.json"))
    >>> back = import_json(os.path.join(d, "g.json"), os.path.join(d, "back.yaml"))
    >>> back.relations == ds.relations and back.sources == ds.sources
    True
    """
    return write_document(read_json(path), output, progress)


def dataset_yaml(dataset: Dataset) -> str:
    """Return the dataset as the YAML of a dataset file (the source texts stay where they are).

    Parameters
    ----------
    dataset : Dataset
        A loaded dataset.

    Returns
    -------
    str
        The YAML text, with a comment line first.

    Examples
    --------
    >>> import relgraph
    >>> text = dataset_yaml(relgraph.load("graph_data/cuba_iran.yaml"))
    >>> text.splitlines()[1:3]
    ['dataset:', '  id: cuba_iran']
    """
    doc = document_from_node_link(node_link(dataset, texts=False))
    doc.comment = f"The dataset {dataset.id}, written by relgraph."
    return emit(doc)[0]

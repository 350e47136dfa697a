r"""Exports: the dataset in the formats analysts' other tools read.

===============  ========================================================
format           for
===============  ========================================================
``gexf``         Gephi (GEXF 1.3; dated relations as spells)
``graphml``      yEd, Cytoscape, Gephi, igraph, NetworkX
``json``         node-link JSON carrying everything (lossless; NetworkX, D3)
``jsonl``        JSON Lines dataset records (``relgraph.load`` reads them; ``jq``)
``csv``          spreadsheets in the From/To layout of Kumu and Gephi
``cypher``       a Cypher script: Neo4j (``cypher-shell -f``), FalkorDB, openCypher
``neo4j-admin``  node and relationship CSVs for Neo4j's bulk loader
``ftm``          FollowTheMoney entities (Aleph, OpenSanctions tools), one per line
===============  ========================================================

:func:`export` writes a dataset in a format; :func:`export_bytes` gives a
single-file format's bytes (for standard output). Both take a
:class:`~relgraph.filters.Filter` to export part of a dataset, and the
format's options as keywords (see each module, or ``FORMATS[name].defaults``).

Every export is written atomically: to a temporary file beside the target,
moved into place when complete; a format that writes several files writes all
of them or none (see :class:`~relgraph.export.common.AtomicOutput`). The
``jsonl`` export writes the source texts beside its file in the same step
(see :class:`~relgraph.export.jsonl.BesideOutput`).

Examples
--------
>>> import relgraph, os, tempfile
>>> ds = relgraph.load("graph_data/cuba_iran.yaml")
>>> sorted(FORMATS)
['csv', 'cypher', 'ftm', 'gexf', 'graphml', 'json', 'jsonl', 'neo4j-admin']
>>> path = os.path.join(tempfile.mkdtemp(), "cuba_iran.gexf")
>>> export(ds, "gexf", path) == (path,)
True
>>> export_bytes(ds, "jsonl").count(b"\n") == 1 + len(ds.sources) + len(ds.entities) \
...     + len(ds.relations) + len(ds.claims) + len(ds.views)
True
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from relgraph.errors import UsageError, did_you_mean
from relgraph.export.common import AtomicOutput, Exporter, ExportError, MemoryOutput
from relgraph.export.csv import CSVExporter
from relgraph.export.cypher import CypherExporter
from relgraph.export.ftm import FtMExporter
from relgraph.export.gexf import GEXFExporter
from relgraph.export.graphml import GraphMLExporter
from relgraph.export.json import JSONExporter
from relgraph.export.jsonl import BesideOutput, JSONLinesExporter
from relgraph.export.neo4j_admin import Neo4jAdminExporter
from relgraph.export.progress import ProgressOutput
from relgraph.model import Dataset

if TYPE_CHECKING:
    from relgraph.filters import Filter
    from relgraph.progress import ProgressCallback

__all__ = ["FORMATS", "ExportError", "Exporter", "export", "export_bytes", "exporter"]

#: Every export format, by name.
FORMATS: dict[str, type[Exporter]] = {
    cls.name: cls
    for cls in (
        GEXFExporter,
        GraphMLExporter,
        JSONExporter,
        JSONLinesExporter,
        CSVExporter,
        CypherExporter,
        Neo4jAdminExporter,
        FtMExporter,
    )
}


def exporter(fmt: str, **options: Any) -> Exporter:
    """Return the exporter of format ``fmt`` with ``options``.

    Parameters
    ----------
    fmt : str
        One of :data:`FORMATS`.
    **options
        The format's options (e.g. ``layout="gephi"`` for ``csv``).

    Returns
    -------
    Exporter
        The exporter, ready to write.

    Raises
    ------
    UsageError
        For an unknown format, or an option the format does not take.

    Examples
    --------
    >>> exporter("gefx")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    relgraph.errors.UsageError: 'gefx' is not an export format
      hint: did you mean 'gexf'? formats are: gexf, graphml, json, jsonl, csv, cypher, ...
    """
    cls = FORMATS.get(fmt)
    if cls is None:
        hint = did_you_mean(fmt, list(FORMATS), f"formats are: {', '.join(FORMATS)}")
        raise UsageError(f"'{fmt}' is not an export format\n  hint: {hint}")
    return cls(**options)


def _select(dataset: Dataset, filter: Filter | None) -> Dataset:
    return dataset if filter is None else filter.apply(dataset)


def export(
    dataset: Dataset,
    fmt: str,
    path: str | os.PathLike[str],
    *,
    filter: Filter | None = None,
    progress: ProgressCallback | None = None,
    **options: Any,
) -> tuple[str, ...]:
    """Write ``dataset`` in format ``fmt`` to ``path``; return the paths written.

    Parameters
    ----------
    dataset : Dataset
        The dataset; it is not changed.
    fmt : str
        One of :data:`FORMATS`.
    path : path
        The file to write, or for a format that writes several files
        (``csv``) the folder to write them into (made if missing). The
        ``jsonl`` export also writes the source texts beside the file, at
        their text paths (unless ``texts=False``).
    filter : Filter, optional
        Export only what the filter keeps. Without it everything is
        exported, ``denied`` relations included.
    progress : callable, optional
        Told how much of each file is written, as ``writing NAME`` stages
        (see :mod:`relgraph.export.progress`).
    **options
        The format's options (e.g. ``layout="gephi"`` for ``csv``).

    Returns
    -------
    tuple of str
        The files written, the source texts beside a ``jsonl`` export included.

    Raises
    ------
    UsageError
        For an unknown format or option, or a path that cannot be used.
    ExportError
        When the files cannot be written; nothing is left half-written.

    Examples
    --------
    >>> import os, tempfile, relgraph
    >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
    >>> written = export(ds, "csv", os.path.join(tempfile.mkdtemp(), "sheets"))
    >>> [os.path.basename(p) for p in written][:4]
    ['entities.csv', 'relations.csv', 'claims.csv', 'sources.csv']
    """
    writer = exporter(fmt, **options)
    selected = _select(dataset, filter)
    with _output(writer, path) as out:
        if progress is None:
            writer.write(selected, out)
        else:
            name = None if writer.folder else os.path.basename(os.fspath(path))
            counted = ProgressOutput(out, progress, name)
            writer.write(selected, counted)
            counted.finish()
    return out.paths


def _output(writer: Exporter, path: str | os.PathLike[str]) -> AtomicOutput:
    if isinstance(writer, JSONLinesExporter):  # the records, and the source texts beside them
        return BesideOutput(path, main=writer.main)
    return AtomicOutput(path, folder=writer.folder, whole=writer.folder)


def export_bytes(
    dataset: Dataset,
    fmt: str,
    *,
    filter: Filter | None = None,
    progress: ProgressCallback | None = None,
    **options: Any,
) -> bytes:
    """Return the bytes of a single-file export of ``dataset`` (for standard output).

    Only the first file is given: the ``jsonl`` export's records without the
    source texts, which :func:`export` writes beside its file.

    Parameters
    ----------
    dataset : Dataset
        The dataset; it is not changed.
    fmt : str
        One of :data:`FORMATS` that writes one file.
    filter : Filter, optional
        Export only what the filter keeps.
    progress : callable, optional
        Told how much is written (see :mod:`relgraph.export.progress`).
    **options
        The format's options.

    Returns
    -------
    bytes
        The file's content.

    Raises
    ------
    UsageError
        For a format that writes several files (give it a folder with :func:`export`).

    Examples
    --------
    >>> import relgraph
    >>> data = export_bytes(relgraph.load("graph_data/cuba_iran.yaml"), "graphml")
    >>> data.startswith(b"<?xml")
    True
    """
    writer = exporter(fmt, **options)
    if writer.folder:
        raise UsageError(
            f"the {fmt} export writes several files\n"
            "  hint: give it a folder to write into (-o DIR)"
        )
    out = MemoryOutput()
    if progress is None:
        writer.write(_select(dataset, filter), out)
    else:
        counted = ProgressOutput(out, progress, f"the {fmt} export")
        writer.write(_select(dataset, filter), counted)
        counted.finish()
    files = out.files()
    return next(iter(files.values())) if files else b""

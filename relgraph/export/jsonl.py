"""JSON Lines: the dataset as bulk dataset records, which :func:`relgraph.load` reads.

``relgraph export --to jsonl`` writes the bulk dataset format of
:mod:`relgraph.load.jsonl`, the format ``relgraph convert`` writes and ``relgraph
validate`` and :func:`relgraph.load` read: one JSON object per line, its
``"record"`` field saying what it is, its other fields those of the YAML
dataset file. The ``dataset`` record comes first, then a ``vocabulary``
record (what the dataset adds to the built-in vocabulary, if anything), then
the ``source``, ``entity``, ``relation`` and ``claim`` records, and last the
``view`` records (the steps of the dataset's story), so a reader meets a
source, an entity or a relation before the records that refer to it. The file
can go into a dataset folder beside YAML files, and ``relgraph import json
FILE.jsonl -o DATASET.yaml`` turns it into a YAML dataset file.

The records are written from the loaded model, so a filtered export works
too: every field the model keeps is written. Every relation and claim carries
its id, the one the dataset gave or the one relgraph made up for it, since
the tools that read the file as it is (Spark, DuckDB, jq) key records by id
and cannot make it up themselves; an id written out loads as the same id.
Other values relgraph makes up are left out, as a person writing the file
would leave them out: a relation's sign when it is its type's default, and
the fields the other exports derive for readers (evidence offsets and
context, type labels). ``relgraph convert`` copies the records as they were
written instead.

Source texts
------------
A source record names its stored text by path (``"text":
"sources/article.txt"``, relative to the ``.jsonl`` file) and checksum
(``"sha256"``); the format has no place for the text itself. With the
``texts`` option (the default) the export therefore writes each source's
text, byte for byte, at that path beside the ``.jsonl`` file, in the same
atomic step as the file (see :class:`BesideOutput`), as ``relgraph convert``
copies them. The file then loads with :func:`relgraph.load` to an equal
dataset: the same sources, entities, relations and claims. A text file that
is already there with the same bytes is left as it is; one with other bytes
stops the export, and nothing is written. With ``texts=False`` only the
records are written: the file loads once the texts are beside it. On
standard output (:func:`relgraph.export.export_bytes`) only the records go.

Examples
--------
>>> import json, relgraph
>>> ds = relgraph.load("graph_data/cuba_iran.yaml")
>>> kinds = [kind for kind, _ in records(ds)]
>>> kinds[0], kinds[1], kinds[-1]
('dataset', 'source', 'view')
>>> kinds.count("relation") == len(ds.relations)
True
>>> list(text_files(ds))
['sources/cuba_iran_relations.txt']
"""

from __future__ import annotations

import filecmp
import os
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from relgraph.atomic import regular_file
from relgraph.errors import UsageError
from relgraph.export.common import AtomicOutput, Exporter, ExportError, ExportWriteError, Output
from relgraph.load.jsonl import write_jsonl
from relgraph.model import Dataset, Evidence
from relgraph.records import (
    DERIVED,
    claim_record,
    dataset_fields,
    entity_record,
    evidence_record,
    relation_record,
    source_bytes,
    source_record,
    view_record,
    vocabulary_additions,
)

__all__ = ["BesideOutput", "JSONLinesExporter", "records", "text_files"]


def _written(record: dict[str, Any], kind: str) -> dict[str, Any]:
    """``record`` without the fields derived for a ``kind`` and without empty values."""
    derived = DERIVED[kind] if kind in ("relation", "claim", "evidence") else ()
    return {
        k: v
        for k, v in record.items()
        if k not in derived
        and v is not None
        and not (isinstance(v, list | dict) and not v)
        and _DEFAULTS.get(k) != v
    }


#: Fields left out at their default value, as a person writing the file leaves them out.
_DEFAULTS = {"stance": "supports", "modality": "occurred"}


def _evidence(items: tuple[Evidence, ...]) -> list[dict[str, Any]]:
    return [_written(evidence_record(e), "evidence") for e in items]


def records(dataset: Dataset) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield the dataset's bulk records, ``(kind, fields)``, in order (see the module docs).

    These are what :func:`relgraph.load.jsonl.write_jsonl` writes and
    :func:`relgraph.convert.read_records` reads back.

    Parameters
    ----------
    dataset : Dataset
        The dataset; it is not changed.

    Yields
    ------
    (str, dict)
        The record's kind (``dataset``, ``source``, ``entity``…) and its fields.

    Examples
    --------
    >>> import relgraph
    >>> kinds = [kind for kind, _ in records(relgraph.load("graph_data/cuba_iran.yaml"))]
    >>> kinds[0], kinds.count("relation")
    ('dataset', 31)
    """
    yield "dataset", _written(dataset_fields(dataset), "dataset")
    additions = vocabulary_additions(dataset.vocabulary)
    if additions:
        yield "vocabulary", dict(additions)
    for s in dataset.sources:
        # the dataset file's `text:` is the path; the text itself travels as a file
        record = source_record(s, text=False)
        fields = {("text" if k == "text_path" else k): v for k, v in record.items()}
        yield "source", _written(fields, "source")
    for e in dataset.entities:
        yield "entity", _written(entity_record(e), "entity")
    for r in dataset.relations:
        fields = _written(relation_record(dataset, r), "relation")
        t = dataset.vocabulary.relation_types[r.type]
        if r.sign == t.sign:
            del fields["sign"]
        fields["evidence"] = _evidence(r.evidence)
        yield "relation", fields
    for c in dataset.claims:
        fields = _written(claim_record(c), "claim")
        fields["evidence"] = _evidence(c.evidence)
        yield "claim", fields
    for v in dataset.views:
        yield "view", _written(view_record(v, dataset), "view")


def text_files(dataset: Dataset) -> dict[str, bytes]:
    """Each source's stored text as its file holds it, by the source's text path.

    Parameters
    ----------
    dataset : Dataset
        The dataset.

    Returns
    -------
    dict of str to bytes
        Text path to the file's bytes.

    Raises
    ------
    ExportError
        When two sources give one path to different texts.

    Examples
    --------
    >>> import relgraph
    >>> list(text_files(relgraph.load("graph_data/cuba_iran.yaml")))
    ['sources/cuba_iran_relations.txt']
    """
    files: dict[str, bytes] = {}
    for s in dataset.sources:
        data = source_bytes(s)
        if files.setdefault(s.text_path, data) != data:
            raise ExportError(
                f"cannot write source '{s.id}''s text: another source has a different text "
                f"at '{s.text_path}'"
            )
    return files


class BesideOutput(AtomicOutput):
    r"""One file and files beside it, written atomically, all or none.

    The file opened as ``main`` is written to ``target``; any other name is a
    path relative to ``target``'s folder (the way a source's text path is
    relative to its dataset file). A file that is already there with the
    same bytes is left as it is; one with other bytes is an error, and
    nothing is written.

    Examples
    --------
    >>> import os, tempfile
    >>> d = tempfile.mkdtemp()
    >>> with BesideOutput(os.path.join(d, "out.jsonl"), main="graph.jsonl") as out:
    ...     _ = out.open_bytes("graph.jsonl").write(b"{}\n")
    ...     _ = out.open_bytes("sources/a.txt").write(b"text")
    >>> sorted(os.path.relpath(p, d) for p in out.paths)
    ['out.jsonl', 'sources/a.txt']
    >>> with BesideOutput(os.path.join(d, "again.jsonl"), main="graph.jsonl") as out:
    ...     _ = out.open_bytes("graph.jsonl").write(b"{}\n")
    ...     _ = out.open_bytes("sources/a.txt").write(b"other")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    relgraph.errors.UsageError: '.../sources/a.txt' already exists with other content
      hint: export into another folder, or leave the texts out (--no-texts)
    >>> sorted(os.listdir(d))
    ['out.jsonl', 'sources']
    """

    def __init__(self, target: str | os.PathLike[str], main: str) -> None:
        super().__init__(target, folder=False)
        self.main = main
        self._beside: list[str] = []

    def _final(self, name: str) -> str:
        if name == self.main:
            return self._file
        parts = name.replace("\\", "/").split("/")
        if os.path.isabs(name) or ".." in parts or not name:
            raise ExportError(
                f"refusing to write '{name}': it would leave the folder of '{self.target}'"
            )
        final = regular_file(os.path.join(os.path.dirname(self.target), *parts), "the export")
        self._beside.append(final)
        return final

    def _commit(self) -> None:
        for final in self._beside:
            if final not in self._pending or not os.path.lexists(final):
                continue
            temp, handle = self._pending[final]
            try:
                handle.close()
                same = os.path.isfile(final) and filecmp.cmp(temp, final, shallow=False)
                if same:
                    os.unlink(temp)
            except OSError as exc:
                self._abort()
                raise ExportWriteError(
                    f"cannot finish writing '{final}': {exc.strerror}", strerror=exc.strerror
                ) from None
            if not same:
                self._abort()
                raise UsageError(
                    f"'{final}' already exists with other content\n"
                    "  hint: export into another folder, or leave the texts out (--no-texts)"
                )
            del self._pending[final]
        super()._commit()


class JSONLinesExporter(Exporter):
    """The bulk dataset format of :mod:`relgraph.load.jsonl`, the source texts beside it."""

    name = "jsonl"
    description = "JSON Lines dataset records (relgraph.load reads them), source texts beside"
    suffix = ".jsonl"
    defaults: ClassVar[Mapping[str, Any]] = {"texts": True}
    #: The name :meth:`write` opens the records under; other names are the texts' paths.
    main: ClassVar[str] = "graph.jsonl"

    def write(self, dataset: Dataset, out: Output) -> None:
        """Write one record per line, then (with ``texts``) each source's text at its path.

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
        >>> JSONLinesExporter().write(ds, out)
        >>> sorted(out.files())
        ['graph.jsonl', 'sources/cuba_iran_relations.txt']
        >>> import json
        >>> first = json.loads(out.files()["graph.jsonl"].splitlines()[0])
        >>> first["record"], first["id"]
        ('dataset', 'cuba_iran')
        """
        texts = text_files(dataset) if self.options["texts"] else {}
        write_jsonl(out.open_bytes(self.main), records(dataset))
        for name, data in texts.items():
            out.open_bytes(name).write(data)

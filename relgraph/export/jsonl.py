"""JSON Lines: the dataset as a stream of records, one JSON object per line.

Every record has a ``"type"``: the first is the ``"dataset"`` record (its
fields and vocabulary additions, and ``format``/``format_version``), then
come ``"source"``, ``"entity"``, ``"relation"`` and ``"claim"`` records, in
that order, so a reader always meets a source or an entity before the
records that refer to it. The fields are those of the node-link JSON export
(:mod:`relgraph.export.json`), flat, with one change: a relation's type is in
``"relation_type"``, since ``"type"`` names the record.

``relgraph import json`` reads this layout too.

Examples
--------
>>> import json, relgraph
>>> ds = relgraph.load("graph_data/cuba_iran.yaml")
>>> lines = list(records(ds))
>>> lines[0]["type"], lines[1]["type"], lines[-1]["type"]
('dataset', 'source', 'claim')
>>> sum(r["type"] == "relation" for r in lines) == len(ds.relations)
True
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from relgraph import __version__
from relgraph.export.common import Exporter, Output
from relgraph.export.json import FORMAT
from relgraph.export.records import (
    FORMAT_VERSION,
    claim_record,
    dataset_record,
    entity_record,
    relation_record,
    source_record,
)
from relgraph.model import Dataset

__all__ = ["JSONLinesExporter", "one_line", "records"]

#: Characters that some line readers (Python's ``str.splitlines``) take as line ends.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def one_line(record: Any) -> str:
    """``record`` as compact JSON on one line, whatever line reader splits it.

    JSON escapes the control characters; this also escapes U+0085, U+2028
    and U+2029, which JSON may leave as they are but many readers take as
    line ends.

    Examples
    --------
    >>> print(one_line({"a": "x\\u2028y"}))
    {"a":"x\\u2028y"}
    """
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).translate(_LINE_BREAKS)


def records(dataset: Dataset, texts: bool = True) -> Iterator[dict[str, Any]]:
    """The records of the stream, in order (see the module docs)."""
    head = {"type": "dataset", **dataset_record(dataset)}
    head.update(format=FORMAT, format_version=FORMAT_VERSION, generator=f"relgraph {__version__}")
    yield head
    for s in dataset.sources:
        yield {"type": "source", **source_record(s, text=texts)}
    for e in dataset.entities:
        yield {"type": "entity", **entity_record(e)}
    for r in dataset.relations:
        record = relation_record(dataset, r)
        record["relation_type"] = record.pop("type")
        yield {"type": "relation", **record}
    for c in dataset.claims:
        yield {"type": "claim", **claim_record(c)}


class JSONLinesExporter(Exporter):
    """One JSON record per line, each with a ``type`` field."""

    name = "jsonl"
    description = "JSON Lines: one record per line (dataset, sources, entities, relations, claims)"
    suffix = ".jsonl"
    defaults: ClassVar[Mapping[str, Any]] = {"texts": True}

    def write(self, dataset: Dataset, out: Output) -> None:
        """Write one compact JSON object per line, ``\\n``-terminated."""
        stream = out.open_text("graph.jsonl")
        for record in records(dataset, texts=self.options["texts"]):
            stream.write(one_line(record))
            stream.write("\n")

"""Getting at a source's stored text: by its id in a dataset, or from a text file.

The quote finder and the suggester work on one source while the dataset
around it may still have problems (a quote not found yet is why one looks
for a passage), so :func:`source_text` reads only the source records, not
the whole dataset: it does not validate it.

Examples
--------
>>> s = source_text("deepening-ties", dataset="graph_data/cuba_iran.yaml")
>>> s.id, s.text.startswith("Deepening Ties")
('deepening-ties', True)
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any

import orjson

from relgraph.errors import DatasetError, Diagnostic, UsageError, did_you_mean
from relgraph.loading import read_text, read_yaml

__all__ = ["SourceText", "source_text"]

#: The largest source text read (as validation reads them).
MAX_SOURCE_BYTES = 64 * 2**20


@dataclass(frozen=True)
class SourceText:
    """A source's text and what its record says: ``id``, ``title``, ``published``…

    ``record`` holds the source record's fields as written (empty for a bare
    text file); ``path`` is the text file's path.
    """

    id: str
    text: str
    path: str
    title: str | None = None
    published: str | None = None
    record: dict[str, Any] = field(default_factory=dict)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "source"


def source_text(source: str, dataset: str | os.PathLike[str] | None = None) -> SourceText:
    """The stored text of ``source``: a source id of ``dataset``, or a text file.

    Parameters
    ----------
    source
        With ``dataset``, the id of one of its sources; without, the path of a
        UTF-8 text file (its id is made from the file name).
    dataset
        A dataset file or folder; only its source records are read.

    Raises
    ------
    UsageError
        No such source (with the closest id) or file.
    DatasetError
        The dataset or the text cannot be read (located diagnostics).

    Examples
    --------
    >>> try:
    ...     source_text("nope", dataset="graph_data/cuba_iran.yaml")
    ... except UsageError as exc:
    ...     print(exc)
    'nope' is not a source of graph_data/cuba_iran.yaml; its sources: deepening-ties
    """
    if dataset is None:
        if not os.path.isfile(source):
            raise UsageError(
                f"'{source}' is not a file; to name a source of a dataset, give --dataset"
            )
        text = _read(source)
        stem = os.path.splitext(os.path.basename(source))[0]
        return SourceText(id=_slug(stem), text=text, path=source)
    path = os.fspath(dataset)
    records = list(_source_records(path))
    for file, record in records:
        if record.get("id") == source:
            return _from_record(file, record)
    ids = [str(r.get("id")) for _, r in records if isinstance(r.get("id"), str)]
    hint = did_you_mean(source, ids)
    listing = f"its sources: {', '.join(ids)}" if ids else "it has no sources"
    raise UsageError(f"'{source}' is not a source of {path}; " + (hint if hint else listing))


def _read(path: str) -> str:
    text, diags = read_text(path, MAX_SOURCE_BYTES)
    if text is None:
        raise DatasetError(diags)
    return text


def _from_record(file: str, record: dict[str, Any]) -> SourceText:
    rel = record.get("text")
    ident = str(record["id"])
    if not isinstance(rel, str) or not rel:
        raise UsageError(f"source '{ident}' in {file} names no stored text (its 'text:' field)")
    if os.path.isabs(rel) or ".." in re.split(r"[\\/]", rel):
        raise UsageError(f"the text of source '{ident}' ('{rel}') leaves the dataset's folder")
    full = os.path.join(os.path.dirname(file), rel)
    title, published = record.get("title"), record.get("published")
    return SourceText(
        id=ident,
        text=_read(full),
        path=full,
        title=title if isinstance(title, str) else None,
        published=str(published) if published is not None else None,
        record=record,
    )


def _source_records(path: str) -> list[tuple[str, dict[str, Any]]]:
    from relgraph.validation import dataset_files

    files, diags = dataset_files(path)
    if diags:
        raise DatasetError(diags)
    found: list[tuple[str, dict[str, Any]]] = []
    for file in files:
        if file.endswith(".jsonl"):
            found.extend((file, r) for r in _jsonl_sources(file))
            continue
        root, problems = read_yaml(file)
        errors = [d for d in problems if d.severity == "error"]
        if root is None or errors:
            raise DatasetError(errors or problems)
        sources = root.get("sources")
        if sources is None or sources.kind != "seq":
            continue
        for item in sources.value:
            if item.kind == "map":
                plain = item.plain()
                found.append((file, plain))
    return found


def _jsonl_sources(file: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    try:
        with open(file, "rb") as fh:
            for raw in fh:
                if b'"source"' not in raw:
                    continue
                try:
                    data = orjson.loads(raw.removeprefix(b"\xef\xbb\xbf"))
                except orjson.JSONDecodeError:
                    continue
                if isinstance(data, dict) and data.get("record") == "source":
                    out.append(data)
    except OSError as exc:
        raise DatasetError(
            [Diagnostic(file, 0, 0, "unreadable-file", f"cannot be read: {exc.strerror}", "")]
        ) from None
    return out

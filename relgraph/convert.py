"""Records as written, and converting a dataset between YAML and JSON Lines.

:func:`read_records` gives a dataset's records as its files hold them; :func:`convert`
(``relgraph convert``) writes them as one JSON Lines or YAML file.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections.abc import Iterable, Iterator
from typing import IO, Any

import orjson

from relgraph.atomic import AtomicOutput
from relgraph.errors import UsageError, WriteError
from relgraph.load import load
from relgraph.load.jsonl import _DEFERRED, _SECTION, RECORD_KINDS, write_jsonl
from relgraph.load.yaml import (
    MAX_FILE_BYTES,
    Node,
    file_problem,
    leaves_folder,
    read_yaml,
)
from relgraph.model import (
    Dataset,
)
from relgraph.progress import ProgressCallback, Ticker
from relgraph.yamlwriter import document_yaml

__all__ = ["convert", "read_records"]

# ---------------------------------------------------------------------------
# Records as written, and converting between the formats
# ---------------------------------------------------------------------------

_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)")
_YAML_TRUE = ("true", "yes", "on", "y")
_INT64 = 1 << 63


def _plain(node: Node) -> Any:
    """Return the value of a YAML node as JSON data, keeping what the checks make of it."""
    kind = node.kind
    if kind == "str":
        return node.value
    if kind == "map":
        return {k: _plain(v) for k, v in node.value.items()}
    if kind == "seq":
        return [_plain(v) for v in node.value]
    if kind == "null":
        return None
    if kind == "bool":
        return str(node.value).lower() in _YAML_TRUE
    text = str(node.value)
    if kind == "int" and _DECIMAL.fullmatch(text) and -_INT64 <= int(text) < _INT64:
        return int(text)
    if kind == "float":
        with contextlib.suppress(ValueError):
            number = float(text)
            if number not in (float("inf"), float("-inf")) and number == number:
                return number
    return text  # a YAML-only spelling (0x1f, 1_000, .inf): kept as its text


def _yaml_records(path: str, relations: bool) -> Iterator[tuple[str, dict[str, Any]]]:
    root, _ = read_yaml(path)
    if root is None or root.kind != "map":
        return
    sections = (
        ("relations", "claims", "views")
        if relations
        else ("dataset", "vocabulary", "sources", "entities")
    )
    for section in sections:
        node = root.get(section)
        if node is None or node.kind == "null":
            continue
        kind = next(k for k, s in _SECTION.items() if s == section)
        if section in ("dataset", "vocabulary"):
            if node.kind == "map":
                yield kind, _plain(node)
            continue
        for item in node.value if node.kind == "seq" else ():
            if item.kind == "map":
                yield kind, _plain(item)


def _jsonl_records(path: str, relations: bool) -> Iterator[tuple[str, dict[str, Any]]]:
    with open(path, "rb") as fh:
        for raw in fh:
            if raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if raw.isspace() or (not relations and raw.startswith(_DEFERRED)):
                continue
            data = orjson.loads(raw)
            kind = data.pop("record", None)
            if (kind in ("relation", "claim", "view")) == relations and kind in _SECTION:
                yield kind, data


def read_records(path: str | os.PathLike[str]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every record of the dataset at ``path`` as written, ``(kind, fields)``.

    The dataset, vocabulary, source and entity records of every file come
    first (in file order), then the relations, claims and views. Fields are plain
    JSON data without the ``record`` field. Records are not checked: call
    :func:`relgraph.load` first.

    Parameters
    ----------
    path : str or os.PathLike
        A dataset file or folder, YAML or JSON Lines.

    Yields
    ------
    (str, dict)
        The record's kind and fields.

    Examples
    --------
    >>> kinds = [kind for kind, _ in read_records("graph_data/cuba_iran.yaml")]
    >>> kinds[:3], kinds[-1]
    (['dataset', 'source', 'entity'], 'view')
    """
    from relgraph.folders import dataset_files

    files, _ = dataset_files(os.fspath(path))
    for relations in (False, True):
        for file in files:
            reader = _jsonl_records if file.endswith(".jsonl") else _yaml_records
            yield from reader(file, relations)


_GROUP = {kind: i for i, kind in enumerate(RECORD_KINDS)}


def _write_yaml(fh: IO[bytes], records: Iterable[tuple[str, dict[str, Any]]], tick: Ticker) -> None:
    def write(text: str) -> None:
        fh.write(text.encode("utf-8"))

    vocabulary: dict[str, Any] = {}
    open_section = ""
    later_claims: list[dict[str, Any]] = []
    later_views: list[dict[str, Any]] = []
    for kind, fields in records:
        tick.advance()
        if kind == "dataset":
            write(document_yaml({"dataset": fields}))
            continue
        if kind == "vocabulary":
            for key, value in fields.items():
                if isinstance(value, list):
                    vocabulary.setdefault(key, []).extend(value)
                else:
                    vocabulary.setdefault(key, value)
            continue
        if kind == "claim":
            later_claims.append(fields)
            continue
        if kind == "view":
            later_views.append(fields)
            continue
        if vocabulary:
            write("\n" + document_yaml({"vocabulary": vocabulary}))
            vocabulary = {}
        section = _SECTION[kind]
        if section != open_section:
            write(f"\n{section}:\n")
            open_section = section
        write(document_yaml([fields]))
    if vocabulary:
        write("\n" + document_yaml({"vocabulary": vocabulary}))
    if later_claims:
        write("\nclaims:\n")
        for fields in later_claims:
            write(document_yaml([fields]))
    if later_views:
        write("\nviews:\n")
        for fields in later_views:
            write(document_yaml([fields]))


def _format_of(path: str) -> str:
    if path.endswith(".jsonl"):
        return "jsonl"
    if path.endswith((".yaml", ".yml")):
        return "yaml"
    raise UsageError(
        f"cannot tell which format to write from the name '{path}'\n"
        "  hint: end the output's name with .jsonl (JSON Lines) or .yaml (YAML)"
    )


def _text_copies(dataset: Dataset, out_dir: str) -> list[tuple[str, str]]:
    """Return the source texts to copy beside the output, checked before anything is written.

    Each is ``(the text's file, its path relative to the output's folder)``.
    """
    copies: dict[str, str] = {}
    for source in dataset.sources:
        if source.location is None:  # pragma: no cover - loaded sources know their file
            continue
        here = os.path.join(
            os.path.dirname(os.path.abspath(source.location.path)), source.text_path
        )
        there = os.path.join(out_dir, source.text_path)
        if source.text_path in copies:  # another source has the same text
            continue
        if os.path.lexists(there) and leaves_folder(out_dir, source.text_path):
            raise UsageError(
                f"'{there}' leads outside the output's folder through a link\n"
                "  hint: remove the link, or write the output into another folder"
            )
        if (problem := file_problem(there)) is not None:
            raise UsageError(
                f"'{there}' {problem.message}\n  hint: write the output into another folder"
            )
        if os.path.exists(there) and os.path.samefile(here, there):
            continue
        if os.path.exists(there):
            with open(here, "rb") as a, open(there, "rb") as b:
                if a.read() == b.read():
                    continue
            raise UsageError(
                f"'{there}' already exists with other content than source '{source.id}''s text\n"
                "  hint: write the output into another folder"
            )
        copies[source.text_path] = here
    return [(here, rel) for rel, here in copies.items()]


def convert(
    dataset: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    force: bool = False,
    progress: ProgressCallback | None = None,
) -> Dataset:
    """Write the dataset at ``dataset`` as one JSON Lines or YAML file, by ``output``'s suffix.

    The dataset is loaded and validated first; nothing is written if it has
    problems. Records are written as they are in the input (every field,
    including those the model does not keep, such as evidence notes), so the
    output loads to the same dataset. Source texts are copied beside the
    output when it is in another folder. The file and the texts are written
    all or nothing (see :mod:`relgraph.atomic`): after a failure, ``output``
    and the texts beside it are as they were.

    Parameters
    ----------
    dataset : str or PathLike
        A dataset file or folder (YAML, JSON Lines or both).
    output : str or PathLike
        ``….jsonl`` for JSON Lines, ``….yaml`` or ``….yml`` for YAML.
    force : bool
        Replace ``output`` if it exists.
    progress : callable, optional
        ``progress(stage, done, total)``; see :mod:`relgraph.progress`.

    Returns
    -------
    Dataset
        The dataset as loaded from ``dataset``.

    Raises
    ------
    DatasetError
        When the dataset has problems (nothing is written).
    UsageError
        When the output's format cannot be told from its name, it exists
        (without ``force``), it is one of the dataset's files, a source text
        beside it would be overwritten, or a YAML output would be larger than
        relgraph reads (:data:`relgraph.load.yaml.MAX_FILE_BYTES`).
    WriteError
        When the file or a text cannot be written or copied (a full disk, no
        permission).

    Examples
    --------
    >>> import os, tempfile
    >>> out = os.path.join(tempfile.mkdtemp(), "cuba_iran.jsonl")
    >>> ds = convert("graph_data/cuba_iran.yaml", out)
    >>> load(out).graph().edges(keys=True) == ds.graph().edges(keys=True)
    True
    >>> sorted(os.listdir(os.path.dirname(out)))
    ['cuba_iran.jsonl', 'sources']
    """
    src, out = os.fspath(dataset), os.fspath(output)
    fmt = _format_of(out)
    if os.path.isdir(out):
        raise UsageError(f"'{out}' is a folder\n  hint: name the file to write")
    if os.path.exists(out) and not force:
        raise UsageError(f"'{out}' already exists\n  hint: add --force to replace it")
    out_dir = os.path.dirname(os.path.abspath(out))
    if not os.path.isdir(out_dir):
        raise UsageError(f"the folder '{out_dir}' does not exist\n  hint: create it first")
    loaded = load(src, progress=progress)
    for path in loaded.paths:
        if os.path.exists(out) and os.path.samefile(path, out):
            raise UsageError(
                f"'{out}' is one of the dataset's files\n  hint: write to another file"
            )
    if fmt == "yaml":
        size = sum(os.path.getsize(p) for p in loaded.paths if p.endswith(".jsonl"))
        if size > MAX_FILE_BYTES:
            raise UsageError(_TOO_BIG_FOR_YAML)
    copies = _text_copies(loaded, out_dir)
    total = (
        1 + len(loaded.sources) + len(loaded.entities) + len(loaded.relations) + len(loaded.claims)
    )
    tick = Ticker(progress, f"writing {os.path.basename(out)}", total=total, every=10_000)
    with AtomicOutput(out_dir, folder=True) as files:  # the texts and the file, or nothing
        for here, rel in copies:  # the texts first: they land before the file that needs them
            _copy_text(here, files.open_bytes(rel))
        fh = files.open_bytes(os.path.basename(out))
        try:
            records = read_records(src)
            declarations: list[tuple[str, dict[str, Any]]] = []
            rest: list[tuple[str, dict[str, Any]]] = []
            for kind, fields in records:
                if kind in ("relation", "claim"):
                    rest.append((kind, fields))
                    break
                declarations.append((kind, fields))
            declarations.sort(key=lambda r: _GROUP[r[0]])
            ordered = _chain(declarations, rest, records)
            writer = write_jsonl if fmt == "jsonl" else _write_yaml
            writer(fh, ordered, tick)
        except OSError as exc:
            raise WriteError(
                f"cannot write '{out}': {exc.strerror}", strerror=exc.strerror
            ) from None
        if fmt == "yaml" and fh.tell() > MAX_FILE_BYTES:
            raise UsageError(_TOO_BIG_FOR_YAML)
    tick.finish()
    return loaded


def _copy_text(path: str, fh: IO[bytes]) -> None:
    try:
        with open(path, "rb") as text:
            shutil.copyfileobj(text, fh)
    except OSError as exc:
        raise WriteError(f"cannot copy '{path}': {exc.strerror}", strerror=exc.strerror) from None


_TOO_BIG_FOR_YAML = (
    f"the YAML would be larger than the {MAX_FILE_BYTES} bytes relgraph reads from a YAML file\n"
    "  hint: keep bulk data in JSON Lines (.jsonl)"
)


def _chain(*parts: Iterable[tuple[str, dict[str, Any]]]) -> Iterator[tuple[str, dict[str, Any]]]:
    for part in parts:
        yield from part

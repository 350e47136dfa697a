"""Reading relgraph's node-link JSON, or a JSON Lines dataset file, into a dataset file.

:func:`read_json` takes what ``relgraph export --to json`` or ``--to jsonl``
wrote and gives a :class:`~relgraph.imports.document.Document`: the
dataset's own fields, its vocabulary additions, its sources (with their
stored texts, to be written beside the new dataset file), entities,
relations and claims.

Node-link JSON (``--to json``) is read by this module: derived fields (see
:data:`relgraph.records.DERIVED`) are ignored; unknown fields are
errors, so a misspelt field is not silently dropped; each value remembers
where it came from, a JSON Pointer into the file
(``graph.json#/edges/3/status``). A relation's or claim's id is written to
the dataset file only when it is not the id relgraph would make up for it
anyway, so that a dataset whose relations had no ``id:`` comes back without
them.

A ``.jsonl`` file (``--to jsonl``) is already a dataset, in the bulk format
of :mod:`relgraph.load.jsonl`: :func:`read_json_lines` checks it with
:func:`relgraph.load` and takes its records as written, with the source
texts that lie beside it.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable
from typing import Any

from relgraph.convert import read_records
from relgraph.errors import DatasetError, Diagnostic, did_you_mean
from relgraph.imports.document import MAX_IMPORT_BYTES, Document, Item, Located
from relgraph.load import load
from relgraph.load.rules import default_claim_id, default_relation_id
from relgraph.load.yaml import MAX_DEPTH, read_text
from relgraph.model import Dataset, Location
from relgraph.records import DERIVED, FORMAT, FORMAT_VERSION, text_bytes
from relgraph.spec import FIELDS
from relgraph.vocabulary import builtin_vocabulary
from relgraph.yamlwriter import vocabulary_item

__all__ = [
    "document_from_node_link",
    "read_json",
    "read_json_lines",
    "vocabulary_item",
]

# what the node-link export writes: the dataset format's fields, but for the dataset record
# (its vocabulary inline) and a source's text (its path)
_FIELDS = {
    **FIELDS,
    "dataset": (*FIELDS["dataset"], "vocabulary"),
    "source": tuple("text_path" if f == "text" else f for f in FIELDS["source"]),
}
_HEAD = ("format", "format_version", "generator")
#: The keys of a node-link file; relgraph writes relations under "edges", older files "links".
_TOP = ("directed", "multigraph", "graph", "nodes", "links", "edges")
#: The longest whole number read, in digits (Python refuses to read longer ones).
MAX_DIGITS = 4300


class _HugeNumber(ValueError):
    def __init__(self, digits: str) -> None:
        super().__init__(digits)
        self.digits = digits


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _HugeNumber(text)
    return int(text)


def _parse_constant(name: str) -> Any:
    raise json.JSONDecodeError(f"{name} is not a JSON number", name, 0)


def _depth_problem(data: Any, display: str) -> Diagnostic | None:
    """Return a diagnostic if ``data`` nests too deep.

    The limit is :data:`~relgraph.load.yaml.MAX_DEPTH` levels.
    """
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return _too_deep(display)
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values() if isinstance(v, dict | list))
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value if isinstance(v, dict | list))
    return None


def _too_deep(display: str) -> Diagnostic:
    return Diagnostic(
        display,
        0,
        0,
        "too-deep",
        f"nesting is deeper than {MAX_DEPTH} levels",
        "`relgraph export --to json` writes only a few levels; check the brackets",
    )


class _Reader:
    def __init__(self, display: str) -> None:
        self.display = display
        self.problems: list[Diagnostic] = []
        self.doc = Document()
        vocab = builtin_vocabulary()
        self.types: dict[str, tuple[bool, str]] = {
            k: (t.directed, t.sign) for k, t in vocab.relation_types.items()
        }

    def at(self, where: str, key: str | None = None) -> Location:
        pointer = where + (f"/{key}" if key else "")
        return Location(f"{self.display}#{pointer}")

    def problem(self, where: Location, code: str, message: str, hint: str | None) -> None:
        self.problems.append(Diagnostic(where.path, where.line, where.column, code, message, hint))

    def check_keys(
        self, record: dict[str, Any], kind: str, where: str, extra: Iterable[str] = ()
    ) -> None:
        known = (*_FIELDS[kind], *DERIVED.get(kind, ()), *extra)
        article = "an" if kind[:1] in "aeiou" else "a"
        for key in record:
            if key not in known:
                self.problem(
                    self.at(where, key),
                    "unknown-field",
                    f"'{key}' is not a field of {article} {kind} record",
                    did_you_mean(
                        key, _FIELDS[kind], f"{article} {kind} has: {', '.join(_FIELDS[kind])}"
                    ),
                )

    def fields(self, record: dict[str, Any], names: Iterable[str], where: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in names:
            if name in record:
                out[name] = Located(record[name], self.at(where, name))
        return out

    def mapping(self, value: Any, kind: str, where: str) -> dict[str, Any] | None:
        if isinstance(value, dict):
            return value
        self.problem(
            self.at(where),
            "wrong-type",
            f"a {kind} record must be a JSON object",
            'write it as {"id": …, …}',
        )
        return None

    # -- records -----------------------------------------------------------
    def dataset(self, record: dict[str, Any], where: str) -> None:
        self.check_keys(record, "dataset", where, (*_HEAD, "sources", "claims", "views"))
        fields = self.fields(record, FIELDS["dataset"], where)
        self.doc.dataset = Item(fields, self.at(where))
        vocab = record.get("vocabulary")
        if vocab:
            vloc = self.at(where, "vocabulary")
            if isinstance(vocab, dict):
                for t in vocab.get("relation_types") or []:
                    if isinstance(t, dict) and isinstance(t.get("id"), str):
                        self.types[t["id"]] = (bool(t.get("directed", True)), str(t.get("sign")))
            self.doc.vocabulary = vocabulary_item(vocab, vloc)

    def source(self, record: dict[str, Any], where: str) -> None:
        self.check_keys(record, "source", where)
        fields = self.fields(record, _FIELDS["source"], where)
        if "text_path" in fields:
            fields["text"] = fields.pop("text_path")
        order = FIELDS["source"]
        self.doc.sources.append(Item({k: fields[k] for k in order if k in fields}, self.at(where)))
        text, path, sha = record.get("text"), record.get("text_path"), record.get("sha256")
        if isinstance(text, str) and isinstance(path, str):
            data = text_bytes(text, sha if isinstance(sha, str) else "")
            loc = self.at(where, "text")
            if path in self.doc.texts and self.doc.texts[path][0] != data:
                self.problem(
                    loc,
                    "text-conflict",
                    f"two sources store different texts at '{path}'",
                    "give each text its own path",
                )
            self.doc.texts.setdefault(path, (data, loc))

    def entity(self, record: dict[str, Any], where: str) -> None:
        self.check_keys(record, "entity", where)
        self.doc.entities.append(
            Item(self.fields(record, _FIELDS["entity"], where), self.at(where))
        )

    def evidence(self, items: Any, where: str) -> Any:
        if not isinstance(items, list):
            return items
        out: list[Any] = []
        for i, e in enumerate(items):
            ewhere = f"{where}/evidence/{i}"
            record = self.mapping(e, "evidence", ewhere)
            if record is None:
                continue
            self.check_keys(record, "evidence", ewhere)
            out.append(Item(self.fields(record, _FIELDS["evidence"], ewhere), self.at(ewhere)))
        return out

    def relation(self, record: dict[str, Any], where: str) -> None:
        self.check_keys(record, "relation", where)
        fields = self.fields(record, _FIELDS["relation"], where)
        rtype, src, dst = record.get("type"), record.get("source"), record.get("target")
        known = self.types.get(rtype) if isinstance(rtype, str) else None
        if (
            known is not None
            and isinstance(rtype, str)
            and isinstance(src, str)
            and isinstance(dst, str)
        ):
            date = record.get("date")
            default = default_relation_id(
                src, dst, rtype, date if isinstance(date, str) else None, known[0]
            )
            if record.get("id") == default:
                fields.pop("id", None)
            if record.get("sign") == known[1]:
                fields.pop("sign", None)
        if "evidence" in fields:
            fields["evidence"] = Located(
                self.evidence(record["evidence"], where), fields["evidence"].origin
            )
        self.doc.relations.append(Item(fields, self.at(where)))

    def claim(self, record: dict[str, Any], where: str) -> None:
        self.check_keys(record, "claim", where)
        fields = self.fields(record, _FIELDS["claim"], where)
        entity, statement = record.get("entity"), record.get("statement")
        if (
            isinstance(entity, str)
            and isinstance(statement, str)
            and record.get("id") == default_claim_id(entity, statement)
        ):
            fields.pop("id", None)
        if "evidence" in fields:
            fields["evidence"] = Located(
                self.evidence(record["evidence"], where), fields["evidence"].origin
            )
        self.doc.claims.append(Item(fields, self.at(where)))

    def view(self, record: dict[str, Any], where: str) -> None:
        self.check_keys(record, "view", where)
        self.doc.views.append(Item(self.fields(record, _FIELDS["view"], where), self.at(where)))

    # -- layouts -----------------------------------------------------------
    def check_format(self, head: dict[str, Any], where: Location) -> bool:
        if head.get("format") != FORMAT:
            self.problem(
                where,
                "not-relgraph-json",
                f"this is not relgraph's node-link JSON (no format '{FORMAT}')",
                "`relgraph import json` reads what `relgraph export --to json` or "
                "`--to jsonl` writes",
            )
            return False
        version = head.get("format_version")
        if not isinstance(version, int) or version > FORMAT_VERSION:
            self.problem(
                where,
                "format-version",
                f"the file has format version {version!r}; this relgraph reads "
                f"version {FORMAT_VERSION} and older",
                "export it again with this relgraph, or upgrade relgraph",
            )
            return False
        return True

    def node_link(self, data: Any) -> None:
        if not isinstance(data, dict) or not isinstance(data.get("graph"), dict):
            self.problem(
                Location(self.display),
                "not-relgraph-json",
                f"this is not relgraph's node-link JSON (no format '{FORMAT}')",
                "`relgraph import json` reads what `relgraph export --to json` or "
                "`--to jsonl` writes",
            )
            return
        graph = data["graph"]
        if not self.check_format(graph, self.at("/graph", "format")):
            return
        for key in data:
            if key not in _TOP:
                self.problem(
                    self.at("", key),
                    "unknown-field",
                    f"'{key}' is not a key of relgraph's node-link JSON",
                    did_you_mean(
                        str(key), ["graph", "nodes", "edges"], "it has: graph, nodes, edges"
                    ),
                )
        if "links" in data and "edges" in data:
            self.problem(
                self.at("", "edges"),
                "unknown-field",
                "the file has both 'links' and 'edges'",
                "keep the relations under 'edges' only",
            )
        for holder, key, where in (
            (data, "nodes", ""),
            (data, "links", ""),
            (data, "edges", ""),
            (graph, "sources", "/graph"),
            (graph, "claims", "/graph"),
            (graph, "views", "/graph"),
        ):
            if key in holder and not isinstance(holder[key], list):
                self.problem(
                    self.at(where, key),
                    "wrong-type",
                    f"'{key}' must be a JSON list",
                    f'write it as "{key}": [ … ]',
                )
        self.dataset(graph, "/graph")
        for i, item in enumerate(_list(graph.get("sources"))):
            record = self.mapping(item, "source", f"/graph/sources/{i}")
            if record is not None:
                self.source(record, f"/graph/sources/{i}")
        for i, item in enumerate(_list(data.get("nodes"))):
            record = self.mapping(item, "entity", f"/nodes/{i}")
            if record is not None:
                self.entity(record, f"/nodes/{i}")
        links_key = "links" if "links" in data else "edges"
        for i, item in enumerate(_list(data.get(links_key))):
            record = self.mapping(item, "relation", f"/{links_key}/{i}")
            if record is not None:
                self.relation(record, f"/{links_key}/{i}")
        for i, item in enumerate(_list(graph.get("claims"))):
            record = self.mapping(item, "claim", f"/graph/claims/{i}")
            if record is not None:
                self.claim(record, f"/graph/claims/{i}")
        for i, item in enumerate(_list(graph.get("views"))):
            record = self.mapping(item, "view", f"/graph/views/{i}")
            if record is not None:
                self.view(record, f"/graph/views/{i}")


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def document_from_node_link(data: Any, display: str = "<node-link data>") -> Document:
    """Return a document from node-link data in memory.

    The data is as :func:`relgraph.export.json.node_link` gives it.

    Parameters
    ----------
    data : any
        Node-link data, as JSON gives it.
    display : str
        The name the diagnostics give the data.

    Returns
    -------
    Document
        The dataset's records, ready to be written.

    Raises
    ------
    DatasetError
        If the data is not relgraph's layout or has unknown fields.

    Examples
    --------
    >>> import relgraph
    >>> from relgraph.export.json import node_link
    >>> doc = document_from_node_link(node_link(relgraph.load("graph_data/cuba_iran.yaml")))
    >>> len(doc.relations)
    31
    """
    if (deep := _depth_problem(data, display)) is not None:
        raise DatasetError([deep])
    reader = _Reader(display)
    reader.node_link(data)
    if reader.problems:
        raise DatasetError(reader.problems)
    return reader.doc


def read_json_lines(path: str | os.PathLike[str]) -> Document:
    """Read a JSON Lines dataset file (the bulk format, :mod:`relgraph.load.jsonl`) into a document.

    This is what ``relgraph export --to jsonl`` and ``relgraph convert`` write.
    The file is loaded with :func:`relgraph.load` first, so each problem is
    reported as ``relgraph validate`` reports it, at the record's
    ``file:line:column``. The records are then taken as they are written
    (:func:`relgraph.convert.read_records`), each remembering its line, and the
    source texts are read from beside the file, to be stored beside the new
    dataset file.

    Parameters
    ----------
    path : str or os.PathLike
        The ``.jsonl`` file.

    Returns
    -------
    Document
        The dataset's records, with the source texts found beside the file.

    Raises
    ------
    DatasetError
        With every problem of the file, or when it is larger than a YAML
        dataset file may be.

    Examples
    --------
    >>> import relgraph, tempfile, os
    >>> from relgraph.export import export
    >>> p = os.path.join(tempfile.mkdtemp(), "g.jsonl")
    >>> _ = export(relgraph.load("graph_data/cuba_iran.yaml"), "jsonl", p)
    >>> doc = read_json_lines(p)
    >>> len(doc.entities), len(doc.relations), list(doc.texts)
    (20, 31, ['sources/cuba_iran_relations.txt'])
    >>> str(doc.relations[0].origin).endswith("g.jsonl:23:1")
    True
    """
    display = os.fspath(path)
    size = os.path.getsize(display) if os.path.isfile(display) else 0
    if size > MAX_IMPORT_BYTES:
        raise DatasetError(
            [
                Diagnostic(
                    display,
                    0,
                    0,
                    "file-too-large",
                    f"the file is {size:,} bytes; an import reads at most "
                    f"{MAX_IMPORT_BYTES:,} bytes",
                    "the .jsonl file is a dataset already: `relgraph validate` and "
                    "`relgraph.load()` read it as it is",
                )
            ]
        )
    dataset = load(display)
    head = Location(display)
    origins: dict[str, list[Location | None]] = {
        "source": [s.location for s in dataset.sources],
        "entity": [e.location for e in dataset.entities],
        "relation": [r.location for r in dataset.relations],
        "claim": [c.location for c in dataset.claims],
        "view": [v.location for v in dataset.views],
    }
    counts = dict.fromkeys(origins, 0)
    doc = Document()
    vocabulary: dict[str, Any] = {}
    folder = os.path.dirname(display)
    sections = {
        "source": doc.sources,
        "entity": doc.entities,
        "relation": doc.relations,
        "claim": doc.claims,
        "view": doc.views,
    }
    for kind, fields in read_records(display):
        if kind == "dataset":
            doc.dataset = Item({**(doc.dataset.fields if doc.dataset else {}), **fields}, head)
            continue
        if kind == "vocabulary":
            for key, value in fields.items():
                if isinstance(value, list):
                    vocabulary.setdefault(key, []).extend(value)
                else:
                    vocabulary.setdefault(key, value)
            continue
        found = origins[kind]
        origin = found[counts[kind]] if counts[kind] < len(found) else head
        counts[kind] += 1
        if kind in ("relation", "claim") and _made_up_id(kind, fields, dataset):
            del fields["id"]  # the export writes every id; a made-up one stays made up
        if isinstance(fields.get("evidence"), list):
            fields["evidence"] = [
                Item(e, origin) if isinstance(e, dict) else e for e in fields["evidence"]
            ]
        sections[kind].append(Item(fields, origin))
        rel = fields.get("text") if kind == "source" else None
        if isinstance(rel, str) and rel not in doc.texts:
            # load() found it; if it is gone since, validating the new file says so
            with contextlib.suppress(OSError), open(os.path.join(folder, rel), "rb") as fh:
                doc.texts[rel] = (fh.read(), origin)
    if doc.dataset is None:  # the dataset's id and title came from the file's name
        doc.dataset = Item({"id": dataset.id, "title": dataset.title}, head)
    if vocabulary:
        doc.vocabulary = vocabulary_item(vocabulary, head)
    return doc


def _made_up_id(kind: str, fields: dict[str, Any], dataset: Dataset) -> bool:
    """Whether a JSON Lines relation or claim record's id is the one relgraph would make up."""
    ident = fields.get("id")
    if not isinstance(ident, str):
        return False
    if kind == "claim":
        entity, statement = fields.get("entity"), fields.get("statement")
        return (
            isinstance(entity, str)
            and isinstance(statement, str)
            and ident == default_claim_id(entity, statement)
        )
    rtype, src, dst, date = (fields.get(k) for k in ("type", "source", "target", "date"))
    known = dataset.vocabulary.relation_types.get(rtype) if isinstance(rtype, str) else None
    return (
        known is not None
        and isinstance(rtype, str)
        and isinstance(src, str)
        and isinstance(dst, str)
        and ident
        == default_relation_id(
            src, dst, rtype, date if isinstance(date, str) else None, known.directed
        )
    )


def read_json(path: str | os.PathLike[str]) -> Document:
    """Read relgraph's node-link JSON, or a JSON Lines dataset file, at ``path`` into a document.

    A file whose name ends in ``.jsonl`` is JSON Lines in the bulk dataset
    format, what ``relgraph export --to jsonl`` writes (see
    :func:`read_json_lines`); any other file is node-link JSON, what
    ``relgraph export --to json`` writes.

    Parameters
    ----------
    path : str or os.PathLike
        The ``.json`` or ``.jsonl`` file.

    Returns
    -------
    Document
        The dataset's records, ready to be written.

    Raises
    ------
    DatasetError
        If the file is not JSON, not relgraph's layout, or has unknown fields.

    Examples
    --------
    >>> import relgraph, tempfile, os, json
    >>> from relgraph.records import node_link
    >>> p = os.path.join(tempfile.mkdtemp(), "g.json")
    >>> _ = open(p, "w").write(json.dumps(node_link(relgraph.load("graph_data/cuba_iran.yaml"))))
    >>> doc = read_json(p)
    >>> len(doc.entities), len(doc.relations), list(doc.texts)
    (20, 31, ['sources/cuba_iran_relations.txt'])
    """
    display = os.fspath(path)
    doc = read_json_lines(display) if display.endswith(".jsonl") else _read_node_link(display)
    doc.comment = f"Imported by `relgraph import json` from {os.path.basename(display)}."
    return doc


def _read_node_link(display: str) -> Document:
    text, problems = read_text(display, MAX_IMPORT_BYTES)
    if text is None:
        raise DatasetError(problems)
    try:
        data = json.loads(text, parse_int=_parse_int, parse_constant=_parse_constant)
    except RecursionError:
        raise DatasetError([_too_deep(display)]) from None
    except _HugeNumber as exc:
        at = text.find(exc.digits)
        line = text.count("\n", 0, at) + 1 if at >= 0 else 0
        col = at - (text.rfind("\n", 0, at) + 1) + 1 if at >= 0 else 0
        raise DatasetError(
            [
                Diagnostic(
                    display,
                    line,
                    col,
                    "bad-number",
                    f"a number of {len(exc.digits.lstrip('-'))} digits; relgraph reads whole "
                    f"numbers of at most {MAX_DIGITS} digits",
                    "no field of a dataset holds such a number; check this value",
                )
            ]
        ) from None
    except json.JSONDecodeError as exc:
        hint = "`relgraph import json` reads what `relgraph export --to json` writes"
        if exc.msg == "Extra data":  # more than one JSON value: JSON Lines?
            hint = (
                "a JSON Lines file is told by its name: name it FILE.jsonl "
                "(`relgraph export --to jsonl` does)"
            )
        raise DatasetError(
            [
                Diagnostic(
                    display,
                    exc.lineno,
                    exc.colno,
                    "bad-json",
                    f"the file is not JSON: {exc.msg}",
                    hint,
                )
            ]
        ) from None
    if (deep := _depth_problem(data, display)) is not None:
        raise DatasetError([deep])
    reader = _Reader(display)
    reader.node_link(data)
    if reader.problems:
        raise DatasetError(reader.problems)
    return reader.doc

"""Reading relgraph's node-link JSON (and JSON Lines) back into a dataset file.

:func:`read_json` takes what ``relgraph export --to json`` or ``--to jsonl``
wrote and gives a :class:`~relgraph.imports.document.Document`: the
dataset's own fields, its vocabulary additions, its sources (with their
stored texts, to be written beside the new dataset file), entities,
relations and claims. Derived fields (see
:data:`relgraph.export.records.DERIVED`) are ignored; unknown fields are
errors, so a misspelt field is not silently dropped. Each value remembers
where it came from: a JSON Pointer into a JSON file
(``graph.json#/links/3/status``), a line of a JSON Lines file.

A relation's or claim's id is written to the dataset file only when it is
not the id relgraph would make up for it anyway, so that a dataset whose
relations had no ``id:`` comes back without them.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from typing import Any

from relgraph.errors import DatasetError, Diagnostic, did_you_mean
from relgraph.export.json import FORMAT
from relgraph.export.records import DERIVED, FORMAT_VERSION, text_bytes
from relgraph.imports.document import Document, Item, Located
from relgraph.loading import MAX_FILE_BYTES, read_text
from relgraph.model import Location
from relgraph.vocabulary import builtin_vocabulary

__all__ = [
    "default_claim_id",
    "default_relation_id",
    "document_from_node_link",
    "read_json",
    "vocabulary_item",
]

_FIELDS = {
    "dataset": ("id", "title", "description", "notes", "vocabulary"),
    "source": (
        "id",
        "title",
        "publisher",
        "url",
        "published",
        "retrieved",
        "reliability",
        "text_path",
        "sha256",
        "notes",
    ),
    "entity": (
        "id",
        "name",
        "kind",
        "aliases",
        "country",
        "description",
        "external_ids",
        "tags",
    ),
    "relation": (
        "id",
        "source",
        "target",
        "type",
        "date",
        "start",
        "end",
        "status",
        "sign",
        "notes",
        "evidence",
    ),
    "claim": ("id", "entity", "statement", "status", "date", "notes", "evidence"),
    "evidence": ("quote", "source", "attributed_to", "credibility"),
}
_HEAD = ("format", "format_version", "generator")


def default_relation_id(
    source: str, target: str, rtype: str, date: str | None, directed: bool
) -> str:
    """The id relgraph gives a relation written without one.

    Examples
    --------
    >>> default_relation_id("iran", "cuba", "agreement", "2006-01", directed=False)
    'cuba.agreement.iran.2006-01'
    """
    a, b = (source, target) if directed else tuple(sorted((source, target)))
    return f"{a}.{rtype}.{b}" + (f".{date}" if date else "")


def default_claim_id(entity: str, statement: str) -> str:
    """The id relgraph gives a claim written without one.

    Examples
    --------
    >>> default_claim_id("cuba", "Cuba's government is communist.")
    'cuba.claim.cuba-s-government-is-communist'
    """
    slug = re.sub(r"[^a-z0-9]+", "-", statement.lower()).strip("-")[:40].strip("-")
    return f"{entity}.claim.{slug or 'x'}"


class _Reader:
    def __init__(self, display: str, lines: bool) -> None:
        self.display = display
        self.lines = lines
        self.problems: list[Diagnostic] = []
        self.doc = Document()
        vocab = builtin_vocabulary()
        self.types: dict[str, tuple[bool, str]] = {
            k: (t.directed, t.sign) for k, t in vocab.relation_types.items()
        }

    def at(self, where: str | int, key: str | None = None) -> Location:
        if isinstance(where, int):
            return Location(self.display, where, 1)
        pointer = where + (f"/{key}" if key else "")
        return Location(f"{self.display}#{pointer}")

    def problem(self, where: Location, code: str, message: str, hint: str | None) -> None:
        self.problems.append(Diagnostic(where.path, where.line, where.column, code, message, hint))

    def check_keys(
        self, record: dict[str, Any], kind: str, where: str | int, extra: Iterable[str] = ()
    ) -> None:
        known = (*_FIELDS[kind], *DERIVED.get(kind, ()), *extra)
        for key in record:
            if key not in known:
                self.problem(
                    self.at(where, key if isinstance(where, str) else None),
                    "unknown-field",
                    f"'{key}' is not a field of a {kind} record",
                    did_you_mean(key, _FIELDS[kind], f"a {kind} has: {', '.join(_FIELDS[kind])}"),
                )

    def fields(
        self, record: dict[str, Any], names: Iterable[str], where: str | int
    ) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in names:
            if name in record:
                loc = self.at(where, name) if isinstance(where, str) else self.at(where)
                out[name] = Located(record[name], loc)
        return out

    def mapping(self, value: Any, kind: str, where: str | int) -> dict[str, Any] | None:
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
    def dataset(self, record: dict[str, Any], where: str | int) -> None:
        self.check_keys(record, "dataset", where, (*_HEAD, "sources", "claims", "type"))
        fields = self.fields(record, ("id", "title", "description", "notes"), where)
        self.doc.dataset = Item(fields, self.at(where))
        vocab = record.get("vocabulary")
        if vocab:
            vloc = self.at(where, "vocabulary") if isinstance(where, str) else self.at(where)
            if isinstance(vocab, dict):
                for t in vocab.get("relation_types") or []:
                    if isinstance(t, dict) and isinstance(t.get("id"), str):
                        self.types[t["id"]] = (bool(t.get("directed", True)), str(t.get("sign")))
            self.doc.vocabulary = vocabulary_item(vocab, vloc)

    def source(self, record: dict[str, Any], where: str | int) -> None:
        self.check_keys(record, "source", where, ("type",))
        fields = self.fields(record, _FIELDS["source"], where)
        if "text_path" in fields:
            fields["text"] = fields.pop("text_path")
        order = (
            "id",
            "title",
            "publisher",
            "url",
            "published",
            "retrieved",
            "reliability",
            "text",
            "sha256",
            "notes",
        )
        self.doc.sources.append(Item({k: fields[k] for k in order if k in fields}, self.at(where)))
        text, path, sha = record.get("text"), record.get("text_path"), record.get("sha256")
        if isinstance(text, str) and isinstance(path, str):
            data = text_bytes(text, sha if isinstance(sha, str) else "")
            loc = self.at(where, "text") if isinstance(where, str) else self.at(where)
            if path in self.doc.texts and self.doc.texts[path][0] != data:
                self.problem(
                    loc,
                    "text-conflict",
                    f"two sources store different texts at '{path}'",
                    "give each text its own path",
                )
            self.doc.texts.setdefault(path, (data, loc))

    def entity(self, record: dict[str, Any], where: str | int) -> None:
        self.check_keys(record, "entity", where, ("type",))
        self.doc.entities.append(
            Item(self.fields(record, _FIELDS["entity"], where), self.at(where))
        )

    def evidence(self, items: Any, where: str | int) -> Any:
        if not isinstance(items, list):
            return items
        out: list[Any] = []
        for i, e in enumerate(items):
            ewhere: str | int = f"{where}/evidence/{i}" if isinstance(where, str) else where
            record = self.mapping(e, "evidence", ewhere)
            if record is None:
                continue
            self.check_keys(record, "evidence", ewhere)
            out.append(Item(self.fields(record, _FIELDS["evidence"], ewhere), self.at(ewhere)))
        return out

    def relation(self, record: dict[str, Any], where: str | int, type_key: str = "type") -> None:
        extra = ("relation_type", "type") if type_key == "relation_type" else ()
        self.check_keys(record, "relation", where, extra)
        record = dict(record)
        if type_key != "type":
            record.pop("type", None)
            if type_key in record:
                record["type"] = record.pop(type_key)
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

    def claim(self, record: dict[str, Any], where: str | int) -> None:
        self.check_keys(record, "claim", where, ("type",))
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

    def json_lines(self, text: str) -> None:
        seen_head = False
        for number, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                self.problem(
                    Location(self.display, number, exc.colno),
                    "bad-json",
                    f"line {number} is not JSON: {exc.msg}",
                    "each line of a JSON Lines file holds one JSON object",
                )
                continue
            record = self.mapping(record, "JSON Lines", number)
            if record is None:
                continue
            kind = record.get("type")
            if not seen_head:
                seen_head = True
                if kind != "dataset" or not self.check_format(record, self.at(number)):
                    if kind != "dataset":
                        self.problem(
                            self.at(number),
                            "not-relgraph-json",
                            "the first record of relgraph's JSON Lines is the 'dataset' record",
                            "`relgraph import json` reads what `relgraph export --to jsonl` writes",
                        )
                    return
                self.dataset(record, number)
                continue
            if kind == "source":
                self.source(record, number)
            elif kind == "entity":
                self.entity(record, number)
            elif kind == "relation":
                self.relation(record, number, type_key="relation_type")
            elif kind == "claim":
                self.claim(record, number)
            else:
                kinds = ["source", "entity", "relation", "claim"]
                self.problem(
                    self.at(number),
                    "unknown-record",
                    f"'{kind}' is not a record type",
                    did_you_mean(str(kind), kinds, f"records are: {', '.join(kinds)}"),
                )


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def vocabulary_item(vocab: Any, origin: Location | None) -> Item:
    """A ``vocabulary:`` section (as plain data) as an :class:`Item`, keeping ``origin``."""
    if not isinstance(vocab, dict):
        return Item({"entity_kinds": Located(vocab, origin)}, origin)
    fields: dict[str, Any] = {}
    for key in ("categories", "entity_kinds", "relation_types"):
        entries = vocab.get(key)
        if isinstance(entries, list):
            fields[key] = [Item(dict(e), origin) if isinstance(e, dict) else e for e in entries]
        elif entries is not None:
            fields[key] = Located(entries, origin)
    for key in vocab:
        if key not in fields:
            fields[key] = Located(vocab[key], origin)
    return Item(fields, origin)


def document_from_node_link(data: Any, display: str = "<node-link data>") -> Document:
    """A document from node-link data in memory, as :func:`relgraph.export.json.node_link` gives.

    Raises
    ------
    DatasetError
        If the data is not relgraph's layout or has unknown fields.
    """
    reader = _Reader(display, lines=False)
    reader.node_link(data)
    if reader.problems:
        raise DatasetError(reader.problems)
    return reader.doc


def read_json(path: str | os.PathLike[str]) -> Document:
    """Read relgraph's node-link JSON or JSON Lines at ``path`` into a document.

    Raises
    ------
    DatasetError
        If the file is not JSON, not relgraph's layout, or has unknown fields.

    Examples
    --------
    >>> import relgraph, tempfile, os, json
    >>> from relgraph.export.json import node_link
    >>> p = os.path.join(tempfile.mkdtemp(), "g.json")
    >>> _ = open(p, "w").write(json.dumps(node_link(relgraph.load("graph_data/cuba_iran.yaml"))))
    >>> doc = read_json(p)
    >>> len(doc.entities), len(doc.relations), list(doc.texts)
    (20, 37, ['sources/cuba_iran_relations.txt'])
    """
    display = os.fspath(path)
    text, problems = read_text(display, MAX_FILE_BYTES)
    if text is None:
        raise DatasetError(problems)
    lines = display.endswith((".jsonl", ".ndjson"))
    data: Any = None
    if not lines:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            if exc.msg == "Extra data":
                lines = True
            else:
                raise DatasetError(
                    [
                        Diagnostic(
                            display,
                            exc.lineno,
                            exc.colno,
                            "bad-json",
                            f"the file is not JSON: {exc.msg}",
                            "`relgraph import json` reads what `relgraph export --to json` writes",
                        )
                    ]
                ) from None
    reader = _Reader(display, lines)
    if lines:
        reader.json_lines(text)
    else:
        reader.node_link(data)
    if reader.problems:
        raise DatasetError(reader.problems)
    base = os.path.basename(display)
    reader.doc.comment = f"Imported by `relgraph import json` from {base}."
    return reader.doc

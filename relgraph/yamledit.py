"""Add records to a dataset file, or take them out, keeping every other byte as it was.

An analyst's dataset file carries what a rewrite would lose: comments that
explain a curation rule, the order of the keys, the quoting, the blank lines
and section rulers. :func:`add_records` and :func:`remove_records` therefore
never rewrite the file: ruamel.yaml's round-trip reader says where each
section and each of its records starts, the new records are written by
:func:`relgraph.yamlwriter.emit_records` (relgraph's one YAML writer) in the
file's own indentation, and the text is spliced
in at the end of its section (before the blank lines and unindented comments
that lead into the next one). Everything outside the inserted or removed
records is copied byte for byte. (A whole round trip, loading and dumping
the file with ruamel.yaml, would not be: it writes ``key: null`` as
``key:``, for one.)

A JSON Lines dataset gets each record as a new line at the end.

Examples
--------
>>> text = '''# my notes
... dataset: {id: d, title: D}
... entities:
...   - id: iran   # the state
...     name: Iran
...     kind: state
...
... # relations follow
... relations:
... '''
>>> out = add_records(text, "d.yaml", {"entities": [
...     {"id": "cuba", "name": "Cuba", "kind": "state", "aliases": ["Republic of Cuba"]}]})
>>> print(out, end="")
# my notes
dataset: {id: d, title: D}
entities:
  - id: iran   # the state
    name: Iran
    kind: state
  - id: cuba
    name: Cuba
    kind: state
    aliases:
      - "Republic of Cuba"
<BLANKLINE>
# relations follow
relations:
>>> remove_records(out, "d.yaml", {"entities": {"iran"}}).splitlines()[2:4]
['entities:', '  - id: cuba']
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

import orjson

from relgraph.errors import DatasetError, Diagnostic
from relgraph.yamlwriter import emit_records

__all__ = ["SECTIONS", "add_records", "remove_records"]

#: The dataset's top-level sections, in the order a new one is placed.
SECTIONS = ("dataset", "vocabulary", "sources", "entities", "relations", "claims")

#: What each list section's records are called in a JSON Lines dataset.
_JSONL_RECORD = {
    "sources": "source",
    "entities": "entity",
    "relations": "relation",
    "claims": "claim",
}


def _problem(path: str, line: int, code: str, message: str, hint: str) -> DatasetError:
    return DatasetError([Diagnostic(path, line, 1 if line else 0, code, message, hint)])


def _document(text: str, path: str) -> Any:
    """Return the file read by ruamel.yaml's round-trip reader (positions kept)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError

    from relgraph.load.yaml import read_yaml

    _, diags = read_yaml(path, text)
    errors = [d for d in diags if d.severity == "error"]
    if errors:
        raise DatasetError(errors)
    reader = YAML(typ="rt")
    reader.allow_duplicate_keys = True
    try:
        doc = reader.load(text)
    except MarkedYAMLError as exc:  # pragma: no cover - relgraph's reader refused it first
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else 0
        raise _problem(path, line, "yaml-syntax", str(exc.problem), "fix the YAML") from None
    if not isinstance(doc, Mapping):
        raise _problem(
            path,
            1,
            "not-a-dataset",
            "the file is not a dataset (a mapping with dataset:, sources:, …)",
            "name a dataset file",
        )
    return doc


def _item_at(seq: Any, index: int) -> tuple[int, int]:
    """Return the (line index, column) where item ``index`` of a ruamel.yaml list starts."""
    line, column = seq.lc.item(index)
    return int(line), int(column)


def _top_keys(doc: Any) -> list[tuple[str, int]]:
    """Each top-level key with its line index, in file order."""
    return sorted(((str(k), doc.lc.key(k)[0]) for k in doc), key=lambda kv: kv[1])


def _section_end(lines: list[str], doc: Any, name: str) -> int:
    """Return the line index just past section ``name``'s records.

    That is before the lead-in of the next section.
    """
    keys = _top_keys(doc)
    own = dict(keys)[name]
    following = [line for _, line in keys if line > own]
    at = following[0] if following else len(lines)
    while at > own + 1 and (not lines[at - 1].strip() or lines[at - 1].startswith("#")):
        at -= 1
    return at


def _block_list(text: str, path: str, doc: Any, name: str, lines: list[str]) -> tuple[int, int]:
    """Where section ``name``'s items start: (dash column, key column); a flow list refused."""
    seq = doc[name]
    key_line = doc.lc.key(name)[0]
    if seq is None:
        return 2, 4
    flow = getattr(getattr(seq, "fa", None), "flow_style", lambda: False)()
    if not isinstance(seq, list) or flow or not seq:
        raise _problem(
            path,
            key_line + 1,
            "flow-section",
            f"the {name} are not a block list ('- id: …' lines)",
            f"write '{name}:' alone on its line and its records as '- id: …' lines, "
            "to let relgraph add to it",
        )
    line, column = _item_at(seq, 0)
    dash = lines[line].rfind("-", 0, column)
    return max(dash, 0), column


def add_records(text: str, path: str, additions: Mapping[str, Sequence[Mapping[str, Any]]]) -> str:
    r"""``text`` (the dataset file ``path``) with the records of ``additions`` added.

    ``additions`` maps a list section (``sources``, ``entities``,
    ``relations``, ``claims``) to the records to add at its end. A section the
    file lacks is made, placed before the sections that follow it in
    :data:`SECTIONS`. Every byte outside the new records is kept.

    Parameters
    ----------
    text : str
        The dataset file's text.
    path : str
        Its path, for the diagnostics.
    additions : mapping of str to sequence of mapping
        Section name to the records to add.

    Returns
    -------
    str
        The new text.

    Raises
    ------
    DatasetError
        The file is not YAML or not a dataset, or a section to add to is a
        flow list (``relations: [...]``), which cannot take a block record.

    Examples
    --------
    >>> add_records("dataset: {id: d, title: D}\n", "d.yaml",
    ...             {"sources": [{"id": "a", "title": "A: B"}]}).splitlines()
    ['dataset: {id: d, title: D}', '', 'sources:', '  - id: a', '    title: "A: B"']
    """
    additions = {k: v for k, v in additions.items() if v}
    if path.endswith(".jsonl"):
        new = b"".join(
            orjson.dumps({"record": _JSONL_RECORD[name], **record}) + b"\n"
            for name, records in additions.items()
            for record in records
        )
        sep = "" if not text or text.endswith("\n") else "\n"
        return text + sep + new.decode("utf-8")
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom) :]
    for name, records in additions.items():
        doc = _document(body, path)
        lines = body.splitlines(keepends=True)
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        if name in doc:
            dash, key = _block_list(body, path, doc, name, lines)
            at = (
                _section_end(lines, doc, name) if doc[name] is not None else doc.lc.key(name)[0] + 1
            )
            lines[at:at] = [emit_records(records, dash, key)]
        else:
            later = [
                line for k, line in _top_keys(doc) if k in SECTIONS[SECTIONS.index(name) + 1 :]
            ]
            block = f"{name}:\n" + emit_records(records, 2, 4)
            if later:
                at = min(later)
                while at > 0 and (not lines[at - 1].strip() or lines[at - 1].startswith("#")):
                    at -= 1
                block += "\n"
            else:
                at = len(lines)
                if lines and lines[-1].strip():
                    block = "\n" + block
            lines[at:at] = [block]
        body = "".join(lines)
    return bom + body


def remove_records(text: str, path: str, removals: Mapping[str, Collection[str]]) -> str:
    r"""``text`` (the dataset file ``path``) without the records whose ids ``removals`` names.

    ``removals`` maps a list section to the ids of its records to take out;
    each record's lines go (up to the next record, or the end of the section),
    the rest stays byte for byte.

    Parameters
    ----------
    text : str
        The dataset file's text.
    path : str
        Its path, for the diagnostics.
    removals : mapping of str to collection of str
        Section name to the ids of the records to remove.

    Returns
    -------
    str
        The new text.

    Examples
    --------
    >>> text = "relations:\n  - id: a\n    type: visit\n  - id: b\n    type: visit\n"
    >>> print(remove_records(text, "d.yaml", {"relations": {"a"}}), end="")
    relations:
      - id: b
        type: visit
    """
    if path.endswith(".jsonl"):
        kept = []
        for line in text.splitlines(keepends=True):
            record = orjson.loads(line) if line.strip() else None
            kind = record.get("record") if isinstance(record, dict) else None
            name = {v: k for k, v in _JSONL_RECORD.items()}.get(str(kind), "")
            if isinstance(record, dict) and record.get("id") in removals.get(name, ()):
                continue
            kept.append(line)
        return "".join(kept)
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom) :]
    doc = _document(body, path)
    lines = body.splitlines(keepends=True)
    drop: set[int] = set()
    for name, ids in removals.items():
        seq = doc.get(name)
        if not ids or not isinstance(seq, list) or not seq:
            continue
        end = _section_end(lines, doc, name)
        starts = [_item_at(seq, i)[0] for i in range(len(seq))]
        for i, item in enumerate(seq):
            if isinstance(item, Mapping) and str(item.get("id")) in ids:
                stop = starts[i + 1] if i + 1 < len(starts) else end
                drop.update(range(starts[i], stop))
    return bom + "".join(line for i, line in enumerate(lines) if i not in drop)

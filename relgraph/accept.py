"""Accepting reviewed records: from a draft of ``relgraph suggest`` into a dataset.

A draft (see :mod:`relgraph.suggest`) is a dataset file whose every record
is marked ``review: proposed``. The analyst reads each against its source,
deletes what is wrong, fixes what is off, and marks what holds
``review: accepted`` (or deletes its ``review:`` line). :func:`accept` then
moves those records into the dataset:

* the draft must validate by itself (every quote is checked against the
  source's stored text), and the dataset with the records added must
  validate too: any error, and nothing is accepted;
* a relation or claim comes with what it needs: the entities it names and the
  sources it quotes are in the dataset already or accepted with it (a new
  actor still proposed is an error, not something brought along unseen);
* entities and sources the dataset already has (``suggest`` copies the
  dataset's own actors into the draft) are skipped: the dataset's records
  stay as they are;
* each record lands at the end of its section marked ``review: accepted``,
  every other byte of the dataset file kept (:mod:`relgraph.yamledit`);
* the accepted relations and claims leave the draft (and the entities and
  sources no record left in it needs), so that what remains is still to be
  reviewed, and a second run does not add them twice. Both files are
  written together, or neither is.

Examples
--------
>>> import os, shutil, tempfile
>>> from relgraph.suggest import draft_yaml, suggest_source
>>> d = tempfile.mkdtemp()
>>> _ = shutil.copytree("graph_data", d, dirs_exist_ok=True)
>>> dataset = os.path.join(d, "raisi_havana_2023.yaml")
>>> draft = os.path.join(d, "draft.yaml")
>>> _ = open(draft, "w").write(draft_yaml(suggest_source("efe-2023-06-16", dataset), draft))
>>> done = accept(draft, dataset, ids=["ebrahim-raisi-holds_office-iran"])
>>> done.added, done.kept
({'relations': ['ebrahim-raisi-holds_office-iran']}, {})
>>> import relgraph
>>> relgraph.load(dataset).relations[-1].id
'ebrahim-raisi-holds_office-iran'
>>> "ebrahim-raisi-holds_office-iran" in open(draft).read()
False
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from relgraph.errors import DatasetError, Diagnostic, UsageError, did_you_mean
from relgraph.load.yaml import Node, read_yaml

__all__ = ["Accepted", "accept"]

_LISTS = ("sources", "entities", "relations", "claims")
_NOUN = {"sources": "source", "entities": "entity", "relations": "relation", "claims": "claim"}


@dataclass(frozen=True)
class Accepted:
    """What :func:`accept` did."""

    dataset_file: str
    draft_file: str
    #: Section -> ids of the records added to the dataset, in draft order.
    added: dict[str, list[str]] = field(default_factory=dict)
    #: Section -> ids of chosen records the dataset already had (its own kept).
    kept: dict[str, list[str]] = field(default_factory=dict)
    #: Records left in the draft, still to be reviewed.
    remaining: int = 0


@dataclass
class _Record:
    section: str
    id: str
    node: Node
    data: dict[str, Any]

    @property
    def mark(self) -> str | None:
        review = self.data.get("review")
        return str(review) if review is not None else None


def _records(draft: str, text: str, loaded: Any) -> list[_Record]:
    root, diags = read_yaml(draft, text)
    errors = [d for d in diags if d.severity == "error"]
    if errors or root is None or root.kind != "map":  # pragma: no cover - it validated
        raise DatasetError(errors or [Diagnostic(draft, 1, 1, "not-a-dataset", "empty", "")])
    ids = {
        "sources": [s.id for s in loaded.sources],
        "entities": [e.id for e in loaded.entities],
        "relations": [r.id for r in loaded.relations],
        "claims": [c.id for c in loaded.claims],
    }
    out = []
    for section in _LISTS:
        seq = root.get(section)
        if seq is None or seq.kind != "seq":
            continue
        for node, ident in zip(seq.value, ids[section], strict=True):
            out.append(_Record(section, ident, node, node.plain()))
    return out


def _needs(record: _Record) -> list[tuple[str, str]]:
    """Return the (section, id) of each entity and source a relation or claim names."""
    data = record.data
    needs: list[tuple[str, str]] = []
    if record.section == "relations":
        needs += [("entities", str(data[k])) for k in ("source", "target") if k in data]
    elif record.section == "claims" and "entity" in data:
        needs.append(("entities", str(data["entity"])))
    if record.section in ("relations", "claims"):
        for item in data.get("evidence") or []:
            if isinstance(item, dict) and item.get("source") is not None:
                needs.append(("sources", str(item["source"])))
    return needs


def _rebased(record: _Record, draft: str, dataset: str) -> tuple[dict[str, Any], Diagnostic | None]:
    """Return a source record with its ``text:`` made relative to the dataset file's folder."""
    data = dict(record.data)
    text = data.get("text")
    if not isinstance(text, str):
        return data, None
    full = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(draft)), text))
    rel = os.path.relpath(full, os.path.dirname(os.path.abspath(dataset))).replace(os.sep, "/")
    if rel.startswith("../"):
        return data, Diagnostic(
            draft,
            record.node.line,
            record.node.column,
            "text-outside",
            f"the source '{record.id}' has its text outside the dataset's folder ({full})",
            "store the text beside the dataset with `relgraph source add`, then suggest "
            "from that source",
        )
    data["text"] = rel
    return data, None


def accept(
    draft: str | os.PathLike[str],
    into: str | os.PathLike[str],
    *,
    ids: list[str] | None = None,
) -> Accepted:
    r"""Move the reviewed records of the draft file ``draft`` into the dataset file ``into``.

    Parameters
    ----------
    draft
        A draft written by ``relgraph suggest`` (any dataset file will do).
    into
        The dataset file (YAML or JSON Lines) to add the records to.
    ids
        The ids of the records to accept, whatever their mark; by default
        every record not marked ``review: proposed``.

    Returns
    -------
    Accepted
        The ids added and skipped, and how many records the draft still holds.

    Raises
    ------
    DatasetError
        Every problem at once, located (in the draft where the record is
        one of its own): the draft or the dataset does not validate, an id is
        not in the draft, a relation or claim is already in the dataset or
        names an entity or source neither has nor accepts, nothing to accept.
        Nothing is written.
    UsageError
        ``into`` is a folder or not a dataset file.
    WriteError
        The files could not be written (and neither was).

    Examples
    --------
    >>> import os, shutil, tempfile
    >>> d = tempfile.mkdtemp()
    >>> _ = shutil.copy("graph_data/cuba_iran.yaml", d)
    >>> _ = shutil.copytree("graph_data/sources", os.path.join(d, "sources"))
    >>> draft = os.path.join(d, "draft.yaml")
    >>> _ = open(draft, "w").write(
    ...     "dataset: {id: draft, title: Draft}\n"
    ...     "entities:\n"
    ...     "  - {id: nicaragua, name: Nicaragua, kind: state}\n"
    ...     "  - {id: bolivia, name: Bolivia, kind: state, review: proposed}\n"
    ... )
    >>> done = accept(draft, os.path.join(d, "cuba_iran.yaml"))
    >>> done.added, done.remaining
    ({'entities': ['nicaragua']}, 1)
    """
    from relgraph.atomic import AtomicOutput
    from relgraph.load import load, validate

    draft, into = os.fspath(draft), os.fspath(into)
    if os.path.isdir(into):
        # A folder's sections may lie in several files, and records are appended to the end
        # of each section as text: only the file named says where they go.
        files = sorted(
            os.path.join(into, n)
            for n in os.listdir(into)
            if n.endswith((".yaml", ".yml", ".jsonl")) and os.path.isfile(os.path.join(into, n))
        )
        shown = ", ".join(files[:3]) + (f" (and {len(files) - 3} more)" if len(files) > 3 else "")
        raise UsageError(
            f"--into names a folder ({into}); accept adds to one dataset file\n"
            "  hint: name the file the records go into, the one with their sections "
            "(relations:, entities:…)" + (f": {shown}" if files else "")
        )
    if not into.endswith((".yaml", ".yml", ".jsonl")):
        raise UsageError(f"--into must name a dataset file (.yaml, .yml or .jsonl): {into}")
    if not draft.endswith((".yaml", ".yml")):
        raise UsageError(f"the draft must be a YAML file, as relgraph suggest writes: {draft}")
    errors = [d for d in validate(draft) if d.severity == "error"]
    if errors:
        raise DatasetError(errors)
    try:
        dataset = load(into)
    except DatasetError as exc:
        raise DatasetError([d for d in exc.diagnostics if d.severity == "error"]) from None
    loaded_draft = load(draft)
    with open(draft, "rb") as fh:
        draft_text = fh.read().decode("utf-8")
    with open(into, "rb") as fh:
        old = fh.read().decode("utf-8")
    records = _records(draft, draft_text, loaded_draft)
    problems: list[Diagnostic] = []
    if ids is not None:
        known = {r.id for r in records}
        for ident in dict.fromkeys(ids):
            if ident not in known:
                hint = did_you_mean(
                    ident,
                    sorted(known),
                    "name the id of a source, entity, relation or claim of the draft",
                )
                problems.append(
                    Diagnostic(
                        draft, 0, 0, "unknown-id", f"the draft has no record '{ident}'", hint
                    )
                )
        chosen = [r for r in records if r.id in set(ids)]
    else:
        chosen = [r for r in records if r.mark != "proposed"]
    have = {
        "sources": {s.id for s in dataset.sources},
        "entities": {e.id for e in dataset.entities},
        "relations": {r.id for r in dataset.relations},
        "claims": {c.id for c in dataset.claims},
    }
    chosen_ids = {(r.section, r.id) for r in chosen}
    in_draft = {(r.section, r.id) for r in records}
    added: dict[str, list[_Record]] = {s: [] for s in _LISTS}
    kept: dict[str, list[str]] = {s: [] for s in _LISTS}
    for record in chosen:
        noun = _NOUN[record.section]
        if record.id in have[record.section]:
            if record.section in ("sources", "entities"):
                kept[record.section].append(record.id)
                continue
            problems.append(
                Diagnostic(
                    draft,
                    record.node.line,
                    record.node.column,
                    "already-in-dataset",
                    f"the dataset already has a {noun} '{record.id}'",
                    f"give this {noun} another id, or delete it from the draft",
                )
            )
            continue
        for section, need in dict.fromkeys(_needs(record)):
            if need in have[section] or (section, need) in chosen_ids:
                continue
            what = _NOUN[section]
            if (section, need) in in_draft:
                problems.append(
                    Diagnostic(
                        draft,
                        record.node.line,
                        record.node.column,
                        "not-accepted",
                        f"this {noun} needs the {what} '{need}', which is still proposed",
                        f"check the {what} '{need}' too and mark it 'review: accepted' "
                        "(or name its id)",
                    )
                )
        added[record.section].append(record)
    if not chosen and not problems:
        problems.append(
            Diagnostic(
                draft,
                0,
                0,
                "nothing-accepted",
                "every record of the draft is still marked 'review: proposed'",
                "mark the records you checked 'review: accepted' (or delete their 'review:' "
                "line), or name their ids",
            )
        )
    new_records: dict[str, list[dict[str, Any]]] = {s: [] for s in _LISTS}
    for section in _LISTS:
        for record in added[section]:
            data, problem = (
                _rebased(record, draft, into) if section == "sources" else (record.data, None)
            )
            if problem is not None:
                problems.append(problem)
            data = dict(data)
            data["review"] = "accepted"
            new_records[section].append(data)
    if problems:
        raise DatasetError(sorted(problems, key=Diagnostic.sort_key))
    from relgraph.yamledit import add_records, remove_records

    new_text = add_records(old, into, new_records)
    _check_result(new_text, into, draft, added)
    moved = {s: {r.id for r in added[s]} | set(kept[s]) for s in _LISTS}
    gone = {s: moved[s] for s in ("relations", "claims")}
    left = [r for r in records if r.id not in gone.get(r.section, set())]
    needed = {n for r in left for n in _needs(r)}
    for section in ("sources", "entities"):
        gone[section] = {i for i in moved[section] if (section, i) not in needed}
    remaining = [r for r in left if r.id not in gone[r.section]]
    draft_new = remove_records(draft_text, draft, gone)
    folder = os.path.dirname(os.path.abspath(into))
    if os.path.dirname(os.path.abspath(draft)) == folder:
        with AtomicOutput(folder, folder=True) as out:
            out.open_bytes(os.path.basename(into)).write(new_text.encode("utf-8"))
            out.open_bytes(os.path.basename(draft)).write(draft_new.encode("utf-8"))
    else:
        from relgraph.atomic import write_file

        write_file(into, new_text.encode("utf-8"))
        write_file(draft, draft_new.encode("utf-8"))
    return Accepted(
        dataset_file=into,
        draft_file=draft,
        added={s: [r.id for r in added[s]] for s in _LISTS if added[s]},
        kept={s: v for s, v in kept.items() if v},
        remaining=sum(1 for r in remaining if r.mark == "proposed"),
    )


def _check_result(text: str, into: str, draft: str, added: dict[str, list[_Record]]) -> None:
    """Load the dataset as it would be written; its errors located in the draft's records."""
    import tempfile

    from relgraph.load import load

    folder = os.path.dirname(os.path.abspath(into))
    fd, temp = tempfile.mkstemp(dir=folder, prefix=".accept-", suffix=os.path.splitext(into)[1])
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8"))
        try:
            load(temp)
        except DatasetError as exc:
            errors = [d for d in exc.diagnostics if d.severity == "error"]
            raise DatasetError(_relocated(errors, text, temp, into, draft, added)) from None
    finally:
        os.unlink(temp)


def _relocated(
    errors: list[Diagnostic],
    text: str,
    temp: str,
    into: str,
    draft: str,
    added: dict[str, list[_Record]],
) -> list[Diagnostic]:
    """Return the errors of the combined file, each in the draft record it comes from."""
    spans: list[tuple[int, int, _Record]] = []
    if not into.endswith(".jsonl"):
        root, _ = read_yaml(temp, text)
        for section, records in added.items():
            seq = root.get(section) if root is not None else None
            if not records or seq is None or seq.kind != "seq":
                continue
            items = seq.value[-len(records) :]
            for i, (node, record) in enumerate(zip(items, records, strict=True)):
                end = items[i + 1].line if i + 1 < len(items) else node.line + 10**6
                spans.append((node.line, end, record))
    out = []
    for d in errors:
        hit = next((r for start, end, r in spans if d.path == temp and start <= d.line < end), None)
        if hit is not None:
            msg = f"{d.message} (in {into}, once accepted)"
            d = Diagnostic(draft, hit.node.line, hit.node.column, d.code, msg, d.hint)
        elif d.path == temp:
            d = Diagnostic(into, 0, 0, d.code, d.message, d.hint)
        out.append(d)
    return sorted(out, key=Diagnostic.sort_key)

r"""Judgements: an analyst's decision, pair by pair, on what is the same.

``relgraph match`` writes its proposals to a judgements file; the analyst
edits each decision; ``relgraph merge`` applies them. The file is YAML, kept
in git beside the datasets, one item a pair::

    judgements:
      - pair: [cuba_iran:ibrahim-raisi, raisi_havana_2023:ebrahim-raisi]
        kind: entity            # or relation
        judgement: same         # same | different | unsure
        decided_by: the desk    # who decided
        note: Same president; the reports spell the name Ebrahim.
        score: 0.99             # what match proposed, kept for the record
        reasons: [name spelled alike ('ibrahim raisi' / 'ebrahim raisi', consonants 'brhm rs')]
        labels: [Ibrahim Raisi, Ebrahim Raisi]

Each side of a pair is ``dataset-id:item-id``. Only ``same`` changes what a
merge does; ``different`` and ``unsure`` keep the two apart (and ``match``
does not propose a decided pair again).

Problems in a judgements file are located like a dataset's
(``file:line:col: error[code]``): a pair naming an unknown dataset or item,
a decision that is not one of the three, the same pair judged twice with
different decisions, and judgements that contradict one another through
others (A is B, B is C, but A is judged different from C).

Examples
--------
>>> import os, tempfile
>>> p = os.path.join(tempfile.mkdtemp(), "j.yaml")
>>> _ = open(p, "w").write("judgements:\n  - pair: [a:x, b:y]\n    judgement: maybe\n")
>>> try:
...     read_judgements(p)
... except DatasetError as exc:
...     print(*exc.diagnostics)  # doctest: +ELLIPSIS
/...j.yaml:3:16: error[unknown-judgement] 'maybe' is not a judgement
  hint: choose one of: same, different, unsure
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from relgraph.errors import DatasetError, Diagnostic, did_you_mean
from relgraph.fields import Fields, Problems
from relgraph.load.yaml import Node, read_yaml
from relgraph.matching import Candidate, Ref
from relgraph.model import Dataset, Location
from relgraph.yamlwriter import flow, quote_scalar

__all__ = [
    "JUDGEMENTS",
    "Judgement",
    "check_judgements",
    "judgements_yaml",
    "read_judgements",
    "read_judgements_partly",
]

Decision = Literal["same", "different", "unsure"]
#: The decisions a judgement may record.
JUDGEMENTS: tuple[Decision, ...] = ("same", "different", "unsure")
_FIELDS = ("pair", "kind", "judgement", "decided_by", "note", "score", "reasons", "labels")


@dataclass(frozen=True)
class Judgement:
    """One decision on a pair: whether ``left`` and ``right`` are one actor (or one relation)."""

    left: Ref
    right: Ref
    kind: Literal["entity", "relation"]
    judgement: Decision
    decided_by: str | None = None
    note: str | None = None
    score: float | None = None
    reasons: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    location: Location | None = None

    @property
    def key(self) -> tuple[str, Ref, Ref]:
        """The pair, in a stable order, with its kind."""
        a, b = sorted((self.left, self.right))
        return (self.kind, a, b)


def _ref(problems: Problems, node: Node) -> Ref | None:
    if node.kind != "str":
        problems.add(
            node, "bad-ref", "each side of a pair must be text", "write dataset-id:item-id"
        )
        return None
    try:
        return Ref.parse(str(node.value))
    except ValueError as exc:
        problems.add(node, "bad-ref", str(exc), "write dataset-id:item-id, e.g. cuba_iran:iran")
        return None


def _item(problems: Problems, node: Node) -> Judgement | None:
    f = Fields(node, "judgement", _FIELDS, problems)
    pair = f.items("pair", required=True)
    refs: list[Ref] = []
    if pair and len(pair) != 2:
        problems.add(
            f.node_of("pair") or node,
            "bad-pair",
            f"a pair names two items, not {len(pair)}",
            "write pair: [dataset-a:id, dataset-b:id]",
        )
        return None
    for side in pair:
        ref = _ref(problems, side)
        if ref is not None:
            refs.append(ref)
    kind = f.choice("kind", ["entity", "relation"], noun="kind of pair") or "entity"
    decision = f.choice("judgement", list(JUDGEMENTS), required=True, noun="judgement")
    decided_by = f.text("decided_by")
    note = f.text("note")
    score_node = f.node_of("score")
    score = None
    if score_node is not None:
        try:
            score = float(str(score_node.value))
        except ValueError:
            f._wrong("score", score_node, "a number", "write a number from 0 to 1, or leave it out")
    reasons, labels = f.texts("reasons"), f.texts("labels")
    if len(refs) != 2 or decision is None or not f.ok:
        return None
    if refs[0] == refs[1]:
        problems.add(
            f.node_of("pair") or node,
            "bad-pair",
            f"the pair names '{refs[0]}' twice",
            "name two different items",
        )
        return None
    return Judgement(
        refs[0],
        refs[1],
        "relation" if kind == "relation" else "entity",
        "same" if decision == "same" else "different" if decision == "different" else "unsure",
        decided_by,
        note,
        score,
        reasons,
        labels,
        Location(node.path, node.line, node.column),
    )


def read_judgements(path: str | os.PathLike[str]) -> tuple[Judgement, ...]:
    r"""Read a judgements file, checking its form (not yet its refs).

    Parameters
    ----------
    path : str or os.PathLike
        The judgements file.

    Returns
    -------
    tuple of Judgement
        The judgements, in file order.

    Raises
    ------
    DatasetError
        Every problem of the file, located.

    Examples
    --------
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "j.yaml")
    >>> _ = open(path, "w").write(
    ...     'judgements:\n  - {pair: ["a:x", "b:y"], kind: entity, judgement: same}\n')
    >>> [(str(j.left), str(j.right), j.judgement) for j in read_judgements(path)]
    [('a:x', 'b:y', 'same')]
    """
    judgements, problems = read_judgements_partly(path)
    if problems:
        raise DatasetError(problems)
    return judgements


def read_judgements_partly(
    path: str | os.PathLike[str],
) -> tuple[tuple[Judgement, ...], list[Diagnostic]]:
    """Return the judgements of a file that are well formed, and the problems of the rest.

    So that a command can check the well-formed ones against the datasets too and
    report every problem of the file at once.

    Parameters
    ----------
    path : str or os.PathLike
        The judgements file.

    Returns
    -------
    (tuple of Judgement, list of Diagnostic)
        The well-formed judgements, and the problems of the others.

    Examples
    --------
    >>> read_judgements_partly("graph_data/cuba_iran_havana.judgements.yaml")[1]
    []
    """
    path = os.fspath(path)
    problems = Problems()
    root, diags = read_yaml(path)
    problems.extend(diags)
    out: list[Judgement] = []
    if root is not None:
        items: list[Node] = []
        if root.kind != "map" or "judgements" not in root.keys:
            problems.add(
                root,
                "not-judgements",
                "a judgements file is a mapping with a 'judgements:' list",
                "start the file with 'judgements:'; `relgraph match A B -o FILE` writes one",
            )
        else:
            for key, key_node in root.keys.items():
                if key != "judgements":
                    problems.add(
                        key_node,
                        "unknown-section",
                        f"'{key}' is not a section of a judgements file",
                        "the file has one section, 'judgements:'",
                    )
            section = root.get("judgements")
            if section is not None and section.kind == "seq":
                items = list(section.value)
            elif section is not None and section.kind != "null":
                problems.add(
                    section, "wrong-type", "'judgements' must be a list", "write '- pair: …' items"
                )
        for item in items:
            if item.kind != "map":
                problems.add(
                    item,
                    "wrong-type",
                    "each judgement must be a mapping",
                    "write '- pair: [a:x, b:y]'",
                )
                continue
            j = _item(problems, item)
            if j is not None:
                out.append(j)
    return tuple(out), sorted(problems.items, key=Diagnostic.sort_key)


def _diag(j: Judgement, code: str, message: str, hint: str | None) -> Diagnostic:
    loc = j.location or Location("")
    return Diagnostic(loc.path, loc.line, loc.column, code, message, hint)


def check_judgements(
    judgements: Sequence[Judgement], datasets: Sequence[Dataset]
) -> list[Diagnostic]:
    """Every problem of ``judgements`` against the ``datasets`` they judge.

    Unknown datasets and items, one pair judged twice with different
    decisions, and contradictions through other judgements.

    Parameters
    ----------
    judgements : sequence of Judgement
        The judgements read from a file.
    datasets : sequence of Dataset
        The datasets they judge.

    Returns
    -------
    list of Diagnostic
        The problems, located in the judgements file.

    Examples
    --------
    >>> import relgraph
    >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
    >>> j = Judgement(Ref("cuba_iran", "iran"), Ref("other", "iran"), "entity", "same")
    >>> [d.message for d in check_judgements([j], [ds])]
    ["'other:iran' names no dataset given (datasets: cuba_iran)"]
    """
    by_id = {ds.id: ds for ds in datasets}
    ids = {
        (ds.id, kind): {x.id for x in (ds.entities if kind == "entity" else ds.relations)}
        for ds in datasets
        for kind in ("entity", "relation")
    }
    problems: list[Diagnostic] = []
    good: list[Judgement] = []
    for j in judgements:
        ok = True
        for ref in (j.left, j.right):
            ds = by_id.get(ref.dataset)
            if ds is None:
                problems.append(
                    _diag(
                        j,
                        "unknown-dataset",
                        f"'{ref}' names no dataset given (datasets: {', '.join(by_id)})",
                        did_you_mean(ref.dataset, list(by_id), "give that dataset to the command"),
                    )
                )
                ok = False
                continue
            names = ids[(ds.id, j.kind)]
            if ref.id not in names:
                noun = "actor" if j.kind == "entity" else "relation"
                problems.append(
                    _diag(
                        j,
                        "unknown-ref",
                        f"'{ref}' names no {noun} of the dataset {ref.dataset}",
                        did_you_mean(
                            ref.id, sorted(names), f"check the {noun}'s id in {ref.dataset}"
                        ),
                    )
                )
                ok = False
        if ok:
            good.append(j)
    decided: dict[tuple[str, Ref, Ref], Judgement] = {}
    for j in good:
        first = decided.get(j.key)
        if first is None:
            decided[j.key] = j
        elif first.judgement != j.judgement:
            problems.append(
                _diag(
                    j,
                    "contradicting-judgement",
                    f"the pair {j.left} ~ {j.right} is judged '{j.judgement}' here but "
                    f"'{first.judgement}' at {first.location}",
                    "keep one decision for the pair",
                )
            )
    problems.extend(_through_others(list(decided.values())))
    return sorted(problems, key=Diagnostic.sort_key)


def _through_others(judgements: Iterable[Judgement]) -> list[Diagnostic]:
    """'different' pairs that 'same' judgements join through other items."""
    parent: dict[tuple[str, Ref], tuple[str, Ref]] = {}

    def find(x: tuple[str, Ref]) -> tuple[str, Ref]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    items = list(judgements)
    for j in items:
        if j.judgement == "same":
            a, b = find((j.kind, j.left)), find((j.kind, j.right))
            if a != b:
                parent[b] = a
    out = []
    for j in items:
        if j.judgement == "different" and find((j.kind, j.left)) == find((j.kind, j.right)):
            out.append(
                _diag(
                    j,
                    "contradicting-judgement",
                    f"{j.left} and {j.right} are judged different here, but other "
                    "judgements make them the same",
                    "find the 'same' judgements that join them and change one decision",
                )
            )
    return out


def judgements_yaml(candidates: Iterable[Candidate], keep: Sequence[Judgement] = ()) -> str:
    """Return the judgements file for ``candidates``: each undecided, for the analyst to judge.

    Decisions in ``keep`` (read from an earlier file) come first, as they were;
    a candidate they already decide is not repeated.

    Parameters
    ----------
    candidates : iterable of Candidate
        What :func:`relgraph.matching.match` proposes.
    keep : sequence of Judgement
        Decisions to keep.

    Returns
    -------
    str
        The file's YAML text.

    Examples
    --------
    >>> from relgraph.matching import Candidate, Ref
    >>> c = Candidate("entity", Ref("a", "x"), Ref("b", "y"), 0.9, ("names alike",), ("X", "Y"))
    >>> print(judgements_yaml([c]), end="")  # doctest: +ELLIPSIS
    # Judgements for relgraph merge: ...
    ...
    judgements:
      - pair: ["a:x", "b:y"]
        kind: entity
        judgement: unsure
        decided_by: null
        note: null
        score: 0.9
        reasons: ["names alike"]
        labels: [X, "Y"]
    """
    lines = [
        "# Judgements for relgraph merge: one decision per pair.",
        "# Set judgement: to same, different or unsure; say who decided and why.",
        "# Only 'same' joins a pair; run relgraph merge with --judgements this file.",
        "judgements:",
    ]
    done = {j.key for j in keep}

    def item(
        left: Ref,
        right: Ref,
        kind: str,
        decision: str,
        by: str | None,
        note: str | None,
        score: float | None,
        reasons: Sequence[str],
        labels: Sequence[str],
    ) -> None:
        lines.append(f"  - pair: {flow([str(left), str(right)])}")
        lines.append(f"    kind: {kind}")
        lines.append(f"    judgement: {decision}")
        lines.append(f"    decided_by: {quote_scalar(by) if by else 'null'}")
        lines.append(f"    note: {quote_scalar(note) if note else 'null'}")
        if score is not None:
            lines.append(f"    score: {round(score, 3)}")
        if reasons:
            lines.append(f"    reasons: {flow(list(reasons))}")
        if labels:
            lines.append(f"    labels: {flow(list(labels))}")

    for j in keep:
        item(
            j.left, j.right, j.kind, j.judgement, j.decided_by, j.note, j.score, j.reasons, j.labels
        )
    for c in candidates:
        a, b = sorted((c.left, c.right))
        if (c.kind, a, b) in done:
            continue
        item(c.left, c.right, c.kind, "unsure", None, None, c.score, c.reasons, c.labels)
    if len(lines) == 4:
        lines[-1] = "judgements: []"
    return "\n".join(lines) + "\n"

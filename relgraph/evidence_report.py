"""What the evidence of each relation and claim is worth: ``relgraph evidence``.

:func:`evidence_report` gathers, for each relation and claim, its sources, its
independent origins (:mod:`relgraph.corroboration`) and its conflicts
(:mod:`relgraph.conflicts`), with the quotes behind each conflict. The
:class:`EvidenceReport` writes itself as a readable table (:meth:`~EvidenceReport.to_text`),
JSON-ready records (:meth:`~EvidenceReport.to_records`), CSV
(:meth:`~EvidenceReport.to_csv`) or Markdown (:meth:`~EvidenceReport.to_markdown`);
the command line only prints what these give.

Examples
--------
>>> import relgraph
>>> report = evidence_report(relgraph.load("graph_data/cuba_iran.yaml"))
>>> len(report.items) > 0, report.items[0].corroboration.summary()
(True, '1 quote · 1 source · 1 independent origin')
>>> evidence_report(relgraph.load("graph_data/cuba_iran.yaml"), conflicts_only=True).items
()
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from relgraph.conflicts import Conflict, dataset_conflicts
from relgraph.corroboration import Corroboration, Origin, independent_origins
from relgraph.errors import counted
from relgraph.model import Relation
from relgraph.terminal import inert

if TYPE_CHECKING:
    from relgraph.model import Claim, Dataset, Evidence

__all__ = ["EvidenceItem", "EvidenceReport", "ItemEvidence", "evidence_report"]


@dataclass(frozen=True)
class EvidenceItem:
    """One quote as the report shows it: its words, source, stance, origin and amounts."""

    quote: str
    source: str
    stance: str
    origin: str
    amounts: tuple[str, ...]
    date: str | None
    reported: str | None

    def to_dict(self) -> dict[str, Any]:
        """Return the item as JSON-ready data.

        Returns
        -------
        dict
            ``quote``, ``source``, ``stance``, ``origin``, ``amounts``, ``date`` and
            ``reported``.

        Examples
        --------
        >>> import relgraph
        >>> r = evidence_report(relgraph.load("graph_data/cuba_iran.yaml"))
        >>> d = r.items[0].evidence[0].to_dict()
        >>> d["source"], d["stance"], d["origin"]
        ('deepening-ties', 'supports', 'deepening-ties')
        """
        return {
            "quote": self.quote,
            "source": self.source,
            "stance": self.stance,
            "origin": self.origin,
            "amounts": list(self.amounts),
            "date": self.date,
            "reported": self.reported,
        }


@dataclass(frozen=True)
class ItemEvidence:
    """A relation's or claim's evidence, weighed.

    ``kind`` is ``"relation"`` or ``"claim"``; ``reading`` says what it is
    ("iran agreement cuba", or the claim's entity and statement).
    """

    kind: Literal["relation", "claim"]
    id: str
    reading: str
    status: str
    modality: str
    corroboration: Corroboration
    origins: tuple[Origin, ...]
    conflicts: tuple[Conflict, ...]
    evidence: tuple[EvidenceItem, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return the item as JSON-ready data (the records of ``--format json``).

        Returns
        -------
        dict
            The item's kind, id, reading, status and modality, its counts, its
            origins with their ties, its conflicts and its evidence.

        Examples
        --------
        >>> import relgraph
        >>> d = evidence_report(relgraph.load("graph_data/cuba_iran.yaml")).items[0].to_dict()
        >>> d["kind"], d["id"], d["independent"]
        ('relation', 'cuba-rapprochement-us', 1)
        """
        c = self.corroboration
        return {
            "kind": self.kind,
            "id": self.id,
            "reading": self.reading,
            "status": self.status,
            "modality": self.modality,
            "quotes": c.quotes,
            "sources": list(c.sources),
            "origins": [
                {
                    **o.to_dict(),
                    "affiliated": o.id in c.affiliated_origins,
                    "ties": [t.to_dict() for t in c.ties if t.origin == o.id],
                }
                for o in self.origins
            ],
            "independent": c.independent,
            "affiliated": c.affiliated,
            "conflicts": [x.to_dict() for x in self.conflicts],
            "evidence": [e.to_dict() for e in self.evidence],
        }


_CSV_COLUMNS = (
    "kind",
    "id",
    "reading",
    "status",
    "modality",
    "quotes",
    "sources",
    "origins",
    "independent",
    "affiliated",
    "conflicts",
)


@dataclass(frozen=True)
class EvidenceReport:
    """Every relation's and claim's evidence, weighed (or those with conflicts only)."""

    dataset: str
    items: tuple[ItemEvidence, ...]
    conflicts_only: bool = False

    def to_records(self) -> list[dict[str, Any]]:
        """One JSON-ready record per relation or claim.

        Returns
        -------
        list of dict
            :meth:`ItemEvidence.to_dict` of each item, in order.

        Examples
        --------
        >>> import relgraph
        >>> r = evidence_report(relgraph.load("graph_data/cuba_iran.yaml"))
        >>> len(r.to_records()) == len(r.items)
        True
        """
        return [i.to_dict() for i in self.items]

    def to_json(self) -> str:
        """Return the records as indented JSON text, ending with a newline.

        Returns
        -------
        str
            The JSON text.

        Examples
        --------
        >>> import json, relgraph
        >>> r = evidence_report(relgraph.load("graph_data/cuba_iran.yaml"))
        >>> json.loads(r.to_json()) == r.to_records()
        True
        """
        return json.dumps(self.to_records(), ensure_ascii=False, indent=2) + "\n"

    def _flat(self, item: ItemEvidence) -> dict[str, Any]:
        c = item.corroboration
        return {
            "kind": item.kind,
            "id": item.id,
            "reading": item.reading,
            "status": item.status,
            "modality": item.modality,
            "quotes": c.quotes,
            "sources": "; ".join(c.sources),
            "origins": "; ".join(c.origins),
            "independent": c.independent,
            "affiliated": "yes" if c.affiliated else "no",
            "conflicts": " | ".join(f"{x.kind}: {x.message}" for x in item.conflicts),
        }

    def to_csv(self) -> str:
        """One CSV row per relation or claim, with a header row.

        Returns
        -------
        str
            The CSV text, with LF line ends.

        Examples
        --------
        >>> import relgraph
        >>> text = evidence_report(relgraph.load("graph_data/cuba_iran.yaml")).to_csv()
        >>> text.splitlines()[0]
        'kind,id,reading,status,modality,quotes,sources,origins,independent,affiliated,conflicts'
        """
        out = io.StringIO()
        writer = csv.DictWriter(out, _CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for item in self.items:
            writer.writerow(self._flat(item))
        return out.getvalue()

    def _summary(self) -> str:
        n = len(self.items)
        if self.conflicts_only:
            return f"{self.dataset}: {n} with conflicts"
        k = sum(1 for i in self.items if i.conflicts)
        items = counted(n, "relation or claim", "relations and claims")
        return f"{self.dataset}: {items}, {k} with conflicts"

    def to_text(self) -> str:
        """Return a readable report: each item, its counts, origins and conflicts with their quotes.

        Returns
        -------
        str
            The report, ending with a newline.

        Examples
        --------
        >>> import relgraph
        >>> text = evidence_report(relgraph.load("graph_data/cuba_iran.yaml")).to_text()
        >>> print(text.splitlines()[1])
        relation cuba-rapprochement-us: cuba rapprochement united-states (reported)
        """
        lines = [self._summary()]
        for item in self.items:
            lines.append(f"{item.kind} {item.id}: {item.reading} ({_state(item)})")
            lines.append(f"  {item.corroboration.summary()}")
            for o in item.origins:
                lines.append(f"  origin {_origin_text(o, item)}")
            for x in item.conflicts:
                lines.append(f"  conflict [{x.kind}] {x.message}")
                for k in x.items:
                    lines.append(f"    {k + 1}. {_quoted(item.evidence[k])}")
        # each line one line, whatever the data holds (a title with a line break)
        return "\n".join(inert(line) for line in lines) + "\n"

    def _repr_markdown_(self) -> str:
        """Return what Jupyter shows for the result: its report, :meth:`to_markdown`."""
        return self.to_markdown()

    def to_markdown(self) -> str:
        """Return a Markdown table of the counts, then each conflict with its quotes.

        Returns
        -------
        str
            The Markdown text, every value escaped.

        Examples
        --------
        >>> import relgraph
        >>> md = evidence_report(relgraph.load("graph_data/cuba_iran.yaml")).to_markdown()
        >>> md.splitlines()[2]
        '| kind | id | status | quotes | sources | independent origins | affiliated | conflicts |'
        """
        lines = [f"# Evidence: {self.dataset}", ""]
        lines.append(
            "| kind | id | status | quotes | sources | independent origins | affiliated "
            "| conflicts |"
        )
        lines.append("|---|---|---|---:|---:|---:|---|---:|")
        for item in self.items:
            c = item.corroboration
            lines.append(
                f"| {item.kind} | {_md(item.id)} | {_state(item)} | {c.quotes} | "
                f"{len(c.sources)} | {c.independent} | {'yes' if c.affiliated else 'no'} | "
                f"{len(item.conflicts)} |"
            )
        for item in self.items:
            if not item.conflicts:
                continue
            lines += ["", f"## {item.kind} {_md(item.id)}: {_md(item.reading)}", ""]
            for x in item.conflicts:
                lines.append(f"- **{x.kind}**: {_md(x.message)}")
                for k in x.items:
                    lines.append(f"  {k + 1}. {_md(_quoted(item.evidence[k]))}")
        return "\n".join(lines) + "\n"


def _state(item: ItemEvidence) -> str:
    return item.status if item.modality == "occurred" else f"{item.status}, {item.modality}"


def _origin_text(o: Origin, item: ItemEvidence) -> str:
    text = f"'{o.id}'"
    if o.label != o.id:
        text += f" ({o.label})"
    if o.sources:
        text += f": sources {', '.join(o.sources)}"
    ties = [t for t in item.corroboration.ties if t.origin == o.id]
    if ties:
        direct = [t.actor for t in ties if not t.steps]
        reasons = ([", ".join(direct)] if direct else []) + [t.reason() for t in ties if t.steps]
        text += "; affiliated with " + "; and with ".join(reasons)
    return text


def _quoted(e: EvidenceItem) -> str:
    text = f"\"{e.quote}\" (source '{e.source}', origin '{e.origin}'"
    if e.stance != "supports":
        text += f", {e.stance}"
    if e.amounts:
        text += f", {'; '.join(e.amounts)}"
    if e.date:
        text += f", dated {e.date}"
    return text + ")"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def evidence_report(dataset: Dataset, *, conflicts_only: bool = False) -> EvidenceReport:
    """Return the sources, independent origins and conflicts of every relation and claim.

    Parameters
    ----------
    dataset : Dataset
        A loaded dataset; it is read, never changed.
    conflicts_only : bool
        Keep only the relations and claims that have conflicts.

    Returns
    -------
    EvidenceReport

    Examples
    --------
    >>> import relgraph
    >>> report = evidence_report(relgraph.load("graph_data/cuba_iran.yaml"))
    >>> report.items[0].kind, report.items[-1].kind
    ('relation', 'claim')
    """
    origins = independent_origins(dataset)
    conflicts = dataset_conflicts(dataset)
    sources = {s.id: s for s in dataset.sources}
    out = []
    for item in _items(dataset):
        found = conflicts.get(item.id, ())
        if conflicts_only and not found:
            continue
        c = origins.corroboration(item)
        listed = tuple(o for i in c.origins if (o := origins.get(i)) is not None)
        out.append(
            ItemEvidence(
                kind="relation" if isinstance(item, Relation) else "claim",
                id=item.id,
                reading=_reading(item),
                status=item.status,
                modality=item.modality,
                corroboration=c,
                origins=listed,
                conflicts=found,
                evidence=tuple(_item(e, origins.of_evidence(e).id, sources) for e in item.evidence),
            )
        )
    return EvidenceReport(dataset.id, tuple(out), conflicts_only)


def _reading(item: Relation | Claim) -> str:
    if isinstance(item, Relation):
        return f"{item.source} {item.type} {item.target}"
    return f"{item.entity}: {item.statement}"


def _item(e: Evidence, origin: str, sources: dict[str, Any]) -> EvidenceItem:
    reported = e.reported_on(sources[e.source]) if e.source in sources else e.reported
    return EvidenceItem(
        quote=e.quote,
        source=e.source,
        stance=e.stance,
        origin=origin,
        amounts=tuple(str(a) for a in e.amounts),
        date=str(e.date) if e.date else None,
        reported=str(reported) if reported else None,
    )


def _items(dataset: Dataset) -> list[Relation | Claim]:
    return [*dataset.relations, *dataset.claims]

"""Evidence records.

A relation read from one of its ends, with the quotes and sources behind it, as
paths, ego networks and signed structure show them to a reader, and
the flat one-row-per-quote records they export.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any, Literal

from relgraph.analysis._common import _ALLEGED
from relgraph.analysis.network import Network
from relgraph.errors import shorten
from relgraph.markup import markdown_text
from relgraph.model import Relation
from relgraph.tables import QUOTE_SHOWN, text_writer

__all__ = ["Quote", "RelationEvidence"]


@dataclass(frozen=True)
class Quote:
    """One evidence item as a reader needs it: the words and who says so."""

    quote: str
    source: str
    source_title: str
    reliability: str
    credibility: int | None
    attributed_to: str | None


@dataclass(frozen=True)
class RelationEvidence:
    """A relation seen from one of its ends, with its evidence.

    ``direction`` says how the relation runs as read from ``from_actor``:
    ``"forward"`` (from it), ``"backward"`` (towards it) or ``"undirected"``;
    ``reading`` is the sentence read that way ("Hezbollah keeps a base in
    Cuba"). ``date``, ``start`` and ``end`` are ISO text at the precision the
    source gives, or ``None``.
    """

    id: str
    type: str
    category: str
    source: str
    target: str
    from_actor: str
    direction: Literal["forward", "backward", "undirected"]
    reading: str
    status: str
    sign: str
    date: str | None
    start: str | None
    end: str | None
    quotes: tuple[Quote, ...]

    @property
    def alleged(self) -> bool:
        """True when the relation is alleged or disputed."""
        return self.status in _ALLEGED

    @property
    def when(self) -> str | None:
        """The date or period as a reader writes it, if any."""
        if self.date:
            return self.date
        if self.start and self.end:
            return f"{self.start} to {self.end}"
        if self.start:
            return f"from {self.start}"
        if self.end:
            return f"until {self.end}"
        return None

    def to_text(self, markdown: bool = False) -> str:
        """Return the relation on one line: its reading, type, ends, status and date.

        An alleged or disputed relation's status is in capitals.

        Parameters
        ----------
        markdown : bool
            Escape data text for Markdown instead of making it inert for a terminal.

        Returns
        -------
        str
            ``reading  [type; source -> target; status; date]`` (``--`` for an
            undirected relation, ``undated`` without a date).

        Examples
        --------
        >>> import relgraph
        >>> from relgraph.analysis import paths
        >>> trail = paths(relgraph.load("graph_data/cuba_iran.yaml"), "Hezbollah", "Cuba")
        >>> print(trail.paths[0].hops[0].relations[0].to_text())
        Hezbollah keeps a base in Cuba  [hosts_base; cuba -> hezbollah; ALLEGED; undated]
        """
        arrow = "--" if self.direction == "undirected" else "->"
        status = self.status.upper() if self.alleged else self.status
        t = text_writer(markdown)
        return (
            f"{t(self.reading)}  [{t(self.type)}; {t(self.source)} {arrow} {t(self.target)}; "
            f"{status}; {self.when or 'undated'}]"
        )

    def quote_lines(self, indent: str = "", markdown: bool = False) -> list[str]:
        """Return the relation's quotes as a report shows them, each with who says so.

        A quote longer than :data:`relgraph.tables.QUOTE_SHOWN` characters is
        cut, its length stated.

        Parameters
        ----------
        indent : str
            What each line starts with.
        markdown : bool
            Write each quote as a Markdown block quote, data text escaped.

        Returns
        -------
        list of str
            Text: for each quote, the quote and then its source line; Markdown:
            one block quote per quote.

        Examples
        --------
        >>> import relgraph
        >>> from relgraph.analysis import paths
        >>> trail = paths(relgraph.load("graph_data/cuba_iran.yaml"), "Hezbollah", "Cuba")
        >>> lines = trail.paths[0].hops[0].relations[0].quote_lines("  ")
        >>> print(lines[1])  # doctest: +ELLIPSIS
            — Deepening Ties: ... (deepening-ties, reliability F), attributed to ...
        """
        out = []
        t = text_writer(markdown)
        for q in self.quotes:
            who = f", attributed to {t(q.attributed_to)}" if q.attributed_to else ""
            grade = f", credibility {q.credibility}" if q.credibility else ""
            cite = f"{t(q.source_title)} ({t(q.source)}, reliability {q.reliability}{grade}){who}"
            if markdown:
                quote = markdown_text(shorten(q.quote, QUOTE_SHOWN))
                out.append(f"{indent}> \u201c{quote}\u201d  \n{indent}> \u2014 {cite}")
            else:
                out.append(f"{indent}\u201c{shorten(q.quote, QUOTE_SHOWN)}\u201d")
                out.append(f"{indent}  \u2014 {cite}")
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, quotes included.

        Returns
        -------
        dict
            The relation as read, with its evidence items.

        Examples
        --------
        >>> import relgraph
        >>> from relgraph.analysis import ego
        >>> e = ego(relgraph.load("graph_data/cuba_iran.yaml"), "hezbollah")
        >>> d = e.relations[0].to_dict()
        >>> d["reading"], d["status"], len(d["quotes"])
        ('Hezbollah keeps a base in Cuba', 'alleged', 1)
        """
        out = asdict(self)
        out["alleged"] = self.alleged
        return out


def _relation_evidence(net: Network, relation: Relation, from_actor: str) -> RelationEvidence:
    t = net.dataset.vocabulary.relation_types[relation.type]
    names = net.entities
    other = relation.target if relation.source == from_actor else relation.source
    if not t.directed:
        direction: Literal["forward", "backward", "undirected"] = "undirected"
        label = t.label
    elif relation.source == from_actor:
        direction, label = "forward", t.label
    else:
        direction, label = "backward", t.inverse_label
    sources = net.sources
    quotes = tuple(
        Quote(
            quote=e.quote,
            source=e.source,
            source_title=sources[e.source].title if e.source in sources else e.source,
            reliability=sources[e.source].reliability if e.source in sources else "F",
            credibility=e.credibility,
            attributed_to=e.attributed_to,
        )
        for e in relation.evidence
    )
    return RelationEvidence(
        id=relation.id,
        type=relation.type,
        category=t.category,
        source=relation.source,
        target=relation.target,
        from_actor=from_actor,
        direction=direction,
        reading=f"{names[from_actor].name} {label} {names[other].name}",
        status=relation.status,
        sign=relation.sign,
        date=str(relation.date) if relation.date else None,
        start=str(relation.start) if relation.start else None,
        end=str(relation.end) if relation.end else None,
        quotes=quotes,
    )


def _evidence_records(r: RelationEvidence, extra: dict[str, Any]) -> Iterator[dict[str, Any]]:
    base = {
        **extra,
        "relation": r.id,
        "reading": r.reading,
        "type": r.type,
        "direction": r.direction,
        "status": r.status,
        "alleged": r.alleged,
        "when": r.when,
    }
    for q in r.quotes:
        yield {
            **base,
            "quote": q.quote,
            "source": q.source,
            "reliability": q.reliability,
            "credibility": q.credibility,
            "attributed_to": q.attributed_to,
        }

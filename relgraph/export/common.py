"""What every exporter shares: one tiny interface, atomic writing and flattening.

An exporter is a subclass of :class:`Exporter` with one method,
:meth:`Exporter.write`, that writes a dataset to an :class:`Output`. The
output hands out file handles by name and decides where the bytes go:

* :class:`AtomicOutput` (the writer of :mod:`relgraph.atomic`) writes each
  file to a temporary file in the folder it will end up in and moves it into
  place with :func:`os.replace` only when the exporter has finished. A format
  that writes several files gets all of them or none: if anything fails,
  every temporary file is removed and files that were already there are left
  as they were.
* :class:`MemoryOutput` keeps the files in memory (for standard output and
  for tests).

Graph formats cannot hold lists or mappings as attribute values (NetworkX's
writers fail on them with messages such as ``TypeError: attribute value type
is not allowed: <class 'list'>``). :func:`flatten_value` turns relgraph's
values into readable text first, and raises :class:`ExportError`, naming the
attribute and the element, for anything it cannot write.

Examples
--------
>>> flatten_value(["Havana", "República de Cuba"], where="node 'cuba'", name="aliases")
'Havana; República de Cuba'
>>> flatten_value({1, 2}, where="edge 'r1'", name="weights")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
relgraph.export.common.ExportError: cannot write attribute 'weights' of edge 'r1': a set is ...
"""

from __future__ import annotations

import io
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from typing import IO, Any, ClassVar

from relgraph import atomic as _atomic
from relgraph.corroboration import Corroboration
from relgraph.errors import RelgraphError, UsageError, WriteError, did_you_mean
from relgraph.model import Dataset, Evidence, Relation, Source

__all__ = [
    "AtomicOutput",
    "ExportError",
    "ExportWriteError",
    "Exporter",
    "MemoryOutput",
    "Output",
    "evidence_lines",
    "flatten_value",
    "iter_chunks",
    "join_readable",
    "relation_values",
    "source_line",
]


class ExportError(RelgraphError):
    """An export could not be made (a value a format cannot hold, a file that cannot be written).

    Failures to write files are :class:`ExportWriteError`, a kind of it.
    """


class ExportWriteError(ExportError, WriteError):
    """An export's files could not be written.

    It is an :class:`ExportError` and a :class:`~relgraph.errors.WriteError`
    (so an :class:`OSError`) at once.
    """


# -- outputs -------------------------------------------------------------------
class Output(ABC):
    """Where an exporter writes: file handles by name."""

    @abstractmethod
    def open_text(self, name: str) -> IO[str]:
        """Return a UTF-8 text stream for ``name``; line ends are written as given.

        Parameters
        ----------
        name : str
            The file's path inside the output.

        Returns
        -------
        text stream
            Where to write the file.

        Examples
        --------
        >>> out = MemoryOutput()  # an Output that keeps its files in memory
        >>> _ = out.open_text("graph.cypher").write("RETURN 1;")
        >>> out.files()
        {'graph.cypher': b'RETURN 1;'}
        """

    @abstractmethod
    def open_bytes(self, name: str) -> IO[bytes]:
        """Return a binary stream for ``name``.

        Parameters
        ----------
        name : str
            The file's path inside the output.

        Returns
        -------
        binary stream
            Where to write the file.

        Examples
        --------
        >>> out = MemoryOutput()  # an Output that keeps its files in memory
        >>> _ = out.open_bytes("graph.jsonl").write(b'{"record":"dataset"}')
        >>> out.files()
        {'graph.jsonl': b'{"record":"dataset"}'}
        """


class MemoryOutput(Output):
    r"""Keeps every file in memory; :meth:`files` gives them as bytes by name.

    Examples
    --------
    >>> out = MemoryOutput()
    >>> _ = out.open_text("a.txt").write("héllo")
    >>> out.files()
    {'a.txt': b'h\xc3\xa9llo'}
    """

    def __init__(self) -> None:
        self._text: dict[str, io.StringIO] = {}
        self._bytes: dict[str, io.BytesIO] = {}

    def open_text(self, name: str) -> IO[str]:
        """Return a text stream kept in memory as the file ``name``.

        Parameters
        ----------
        name : str
            The file's name.

        Returns
        -------
        text stream
            Kept until :meth:`files` is called.

        Examples
        --------
        >>> out = MemoryOutput()
        >>> stream = out.open_text("a.csv")
        >>> _ = stream.write("id,name")
        >>> _ = stream.write(",kind")
        >>> out.files()["a.csv"]
        b'id,name,kind'
        """
        stream = io.StringIO(newline="")
        self._text[name] = stream
        return stream

    def open_bytes(self, name: str) -> IO[bytes]:
        """Return a binary stream kept in memory as the file ``name``.

        Parameters
        ----------
        name : str
            The file's name.

        Returns
        -------
        binary stream
            Kept until :meth:`files` is called.

        Examples
        --------
        >>> out = MemoryOutput()
        >>> _ = out.open_bytes("sources/a.txt").write("Havana".encode("utf-8"))
        >>> out.files()
        {'sources/a.txt': b'Havana'}
        """
        stream = io.BytesIO()
        self._bytes[name] = stream
        return stream

    def files(self) -> dict[str, bytes]:
        r"""Every file written, by name, as UTF-8 bytes.

        Returns
        -------
        dict of str to bytes
            File name to content.

        Examples
        --------
        >>> out = MemoryOutput()
        >>> _ = out.open_text("a.csv").write("x\n")
        >>> out.files()
        {'a.csv': b'x\n'}
        """
        out = {name: s.getvalue().encode("utf-8") for name, s in self._text.items()}
        out.update({name: s.getvalue() for name, s in self._bytes.items()})
        return out


class AtomicOutput(_atomic.AtomicOutput, Output):
    r"""An export's files, written all or nothing: :class:`relgraph.atomic.AtomicOutput`.

    The same writer, as an :class:`Output`; its failures are :class:`ExportWriteError`.

    Examples
    --------
    >>> import os, tempfile
    >>> d = tempfile.mkdtemp()
    >>> with AtomicOutput(d, folder=True) as out:
    ...     _ = out.open_text("../a.csv").write("x\n")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    relgraph.export.common.ExportWriteError: refusing to write '../a.csv': it would leave '...'
    >>> os.listdir(d)
    []
    """

    error = ExportWriteError
    what = "the export"


# -- the interface -------------------------------------------------------------
class Exporter(ABC):
    """One export format: subclasses set the class attributes and write a dataset.

    Attributes
    ----------
    name : str
        The format's name, as ``relgraph export --to NAME`` takes it.
    description : str
        One line for the help text.
    suffix : str
        The usual file suffix (``".gexf"``); empty for a format that writes a folder.
    folder : bool
        Whether the format writes several files into a folder.
    defaults : dict
        The options the format takes, with their default values.
    choices : dict
        For options that take one of a few values, the values allowed.
    """

    name: ClassVar[str]
    description: ClassVar[str]
    suffix: ClassVar[str] = ""
    folder: ClassVar[bool] = False
    defaults: ClassVar[Mapping[str, Any]] = {}
    choices: ClassVar[Mapping[str, Sequence[Any]]] = {}

    def __init__(self, **options: Any) -> None:
        merged = dict(self.defaults)
        for key, value in options.items():
            if key not in self.defaults:
                known = ", ".join(self.defaults) or "none"
                hint = did_you_mean(key, list(self.defaults), f"its options are: {known}")
                raise UsageError(
                    f"the {self.name} export has no option '{key}'"
                    + (f"\n  hint: {hint}" if hint else "")
                )
            allowed = self.choices.get(key)
            if allowed is not None and value not in allowed:
                raise UsageError(
                    f"'{value}' is not a value of the {self.name} option '{key}'\n"
                    f"  hint: choose one of: {', '.join(map(str, allowed))}"
                )
            merged[key] = value
        self.options: dict[str, Any] = merged

    @abstractmethod
    def write(self, dataset: Dataset, out: Output) -> None:
        """Write ``dataset`` to ``out``; never change the dataset.

        Parameters
        ----------
        dataset : Dataset
            The dataset to write.
        out : Output
            Where the files go (:class:`~relgraph.atomic.AtomicOutput` or
            :class:`MemoryOutput`).

        Examples
        --------
        A format names itself and writes its files to ``out``:

        >>> import relgraph
        >>> class Names(Exporter):
        ...     name, description, suffix = "names", "One actor's name a line.", ".txt"
        ...     def write(self, dataset, out):
        ...         stream = out.open_text("names.txt")
        ...         for e in dataset.entities:
        ...             _ = stream.write(e.name + ";")
        >>> out = MemoryOutput()
        >>> Names().write(relgraph.load("graph_data/cuba_iran.yaml"), out)
        >>> out.files()["names.txt"].decode().split(";")[:3]
        ['Cuba', 'Iran', 'United States']
        """


# -- flattening ------------------------------------------------------------------
def _what(value: object) -> str:
    kinds = {set: "a set", frozenset: "a set", bytes: "bytes", float: "a number"}
    return kinds.get(type(value), f"a {type(value).__name__}")


def flatten_value(value: Any, *, where: str, name: str) -> str | int | float | bool | None:
    """Return a value a graph format can hold: text, a number, a yes/no value, or ``None``.

    Lists become their items joined with ``"; "`` (empty items dropped),
    mappings become ``"key: value"`` pairs joined the same way, and lists of
    mappings (evidence, claims) one mapping per line. ``None`` stays ``None``:
    writers leave the attribute out.

    Parameters
    ----------
    value : any
        An attribute's value.
    where : str
        The element it belongs to, for the message.
    name : str
        The attribute's name, for the message.

    Returns
    -------
    str, int, float, bool or None
        The value as the format writes it.

    Raises
    ------
    ExportError
        Naming the attribute (``name``) and the element (``where``) for a
        value of any other kind.

    Examples
    --------
    >>> flatten_value({"wikidata": "Q241"}, where="node 'cuba'", name="external_ids")
    'wikidata: Q241'
    >>> flatten_value([{"quote": "firm", "source": "art"}], where="edge 'r'", name="evidence")
    'quote: firm; source: art'
    """
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, Mapping):
        parts = []
        for k, v in value.items():
            flat = flatten_value(v, where=where, name=f"{name}.{k}")
            if flat is not None and flat != "":
                parts.append(f"{k}: {_text(flat)}")
        return "; ".join(parts)
    if isinstance(value, list | tuple):
        items = [flatten_value(v, where=where, name=name) for v in value]
        sep = "\n" if any(isinstance(v, Mapping) for v in value) else "; "
        return sep.join(_text(v) for v in items if v is not None and v != "")
    raise ExportError(
        f"cannot write attribute '{name}' of {where}: {_what(value)} is not text, a number, "
        "a yes/no value, a list or a mapping"
    )


def _text(value: str | int | float | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def join_readable(items: Sequence[str], sep: str = "; ") -> str:
    """Non-empty ``items`` joined with ``sep``.

    Parameters
    ----------
    items : sequence of str
        The texts.
    sep : str
        What goes between two of them.

    Returns
    -------
    str
        The joined text; empty when no item has text.

    Examples
    --------
    >>> join_readable(["a", "", "b"])
    'a; b'
    """
    return sep.join(i for i in items if i)


def source_line(source: Source) -> str:
    """Return a source as one readable line: title, publisher, URL, date and grade.

    Parameters
    ----------
    source : Source
        A source of the dataset.

    Returns
    -------
    str
        The line, each part only when the source has it.

    Examples
    --------
    >>> from relgraph.model import Source
    >>> source_line(Source("s", "An article", "F", "s.txt", "0" * 64, "", publisher="EFE"))
    'An article (EFE; reliability F)'
    """
    extra = [source.publisher or "", source.url or ""]
    if source.published is not None:
        extra.append(str(source.published))
    extra.append(f"reliability {source.reliability}")
    return f"{source.title} ({join_readable(extra)})"


def relation_values(
    relation: Relation,
    directed: bool,
    sources: Mapping[str, Source],
    counts: Corroboration | None = None,
) -> dict[str, Any]:
    """Return what the graph formats say of a relation beyond its type, in their order.

    ``directed`` is whether the relation's type is directed; ``sources`` the
    dataset's sources by id. Evidence and sources become one line each (see
    :func:`evidence_lines` and :func:`source_line`); values a relation does not
    have are ``None``. With ``counts`` (its corroboration) come ``origin_count``
    (independent origins of its supporting evidence), ``independent_origins``
    (those affiliated with neither end) and ``affiliated``.

    Parameters
    ----------
    relation : Relation
        The relation.
    directed : bool
        Whether its type is directed.
    sources : mapping of str to Source
        The dataset's sources by id.
    counts : Corroboration, optional
        The relation's corroboration, for its origin counts.

    Returns
    -------
    dict
        Attribute name to value, in the order the formats write them.

    Examples
    --------
    >>> import relgraph
    >>> ds = relgraph.load("graph_data/cuba_iran.yaml")
    >>> values = relation_values(ds.relations[0], True, {s.id: s for s in ds.sources})
    >>> list(values)[:4], values["evidence_count"] == len(ds.relations[0].evidence)
    (['directed', 'status', 'sign', 'allegation'], True)
    """
    r = relation
    used = list(dict.fromkeys(e.source for e in r.evidence))
    return {
        "directed": directed,
        "status": r.status,
        "sign": r.sign,
        "allegation": r.is_allegation,
        "date": str(r.date) if r.date else None,
        "start": str(r.start) if r.start else None,
        "end": str(r.end) if r.end else None,
        "notes": r.notes,
        "evidence": "\n".join(evidence_lines(r.evidence, sources)),
        "sources": "\n".join(source_line(sources[s]) for s in used if s in sources),
        "attributed_to": join_readable(
            list(dict.fromkeys(e.attributed_to or "" for e in r.evidence))
        ),
        "evidence_count": len(r.evidence),
        "source_count": len(used),
        "reported": str(r.reported) if r.reported else None,
        "modality": r.modality,
        "referents": join_readable(list(r.referents)) or None,
        "origin_count": len(counts.origins) if counts else None,
        "independent_origins": counts.independent if counts else None,
        "affiliated": counts.affiliated if counts else None,
    }


def evidence_lines(items: Sequence[Evidence], sources: Mapping[str, Source]) -> list[str]:
    """Each evidence item as one readable line: the quote, who said it, where, and its notes.

    In the parentheses after the quote: who the quote is attributed to, the
    source's title (its id when the source is not in ``sources``), the
    credibility grade and the evidence item's notes, each only when there is
    one. The text of each is kept as it is.

    Parameters
    ----------
    items : sequence of Evidence
        A relation's or a claim's evidence items.
    sources : mapping of str to Source
        The dataset's sources by id.

    Returns
    -------
    list of str
        One line per item, in order.

    Examples
    --------
    >>> from relgraph.model import Evidence
    >>> evidence_lines([Evidence("firm and progressive", "art", attributed_to="iran")], {})
    ['"firm and progressive" (attributed to iran; source art)']
    >>> evidence_lines([Evidence("firm", "art", credibility=2, notes="translated")], {})
    ['"firm" (source art; credibility 2; notes: translated)']
    """
    lines = []
    for e in items:
        about = []
        if e.attributed_to:
            about.append(f"attributed to {e.attributed_to}")
        src = sources.get(e.source)
        about.append(f"source {src.title if src else e.source}")
        if e.credibility is not None:
            about.append(f"credibility {e.credibility}")
        if e.stance != "supports":
            about.append(e.stance)
        for amount in e.amounts:
            about.append(f"amount {amount}")
        if e.date is not None:
            about.append(f"date {e.date}")
        if e.reported is not None:
            about.append(f"reported {e.reported}")
        if e.origin:
            about.append(f"relays {e.origin}")
        if e.notes:
            about.append(f"notes: {e.notes}")
        lines.append(f'"{e.quote}" ({join_readable(about)})')
    return lines


def iter_chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    """``items`` in consecutive slices of at most ``size``.

    Parameters
    ----------
    items : sequence
        What to cut.
    size : int
        The longest slice.

    Yields
    ------
    sequence
        Each slice, in order.

    Examples
    --------
    >>> [list(c) for c in iter_chunks([1, 2, 3], 2)]
    [[1, 2], [3]]
    """
    for i in range(0, len(items), size):
        yield items[i : i + size]

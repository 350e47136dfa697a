"""The property graph exports' properties, read from the format spec.

The Cypher script (:mod:`relgraph.export.cypher`) and the ``neo4j-admin``
CSVs (:mod:`relgraph.export.neo4j_admin`) store each record as a node or a
relationship whose properties are the record's fields. A :class:`Properties`
names, for one record kind, the fields such an element carries: every field of
the format spec (:mod:`relgraph.spec`) but those it leaves out (an element's
id and ends, which the statement itself names; the evidence, which has nodes
of its own; the review marks, which travel in JSON, JSON Lines and CSV only),
so a field added to the spec is carried without a change here. The key of a
field is the model's attribute (a source's ``text`` is ``text_path``, its
stored text being ``text``).

A property graph holds only text, numbers, yes/no values and lists of them:
a date is its text, a list of ids or texts a list, ``name: value`` pairs a
list of ``"name:value"`` texts, and amounts a list of their texts.

Examples
--------
>>> from relgraph.model import Entity
>>> props = Properties("entity", omit=("id", "review"))
>>> props.values(Entity("cuba", "Cuba", "state", external_ids=(("wikidata", "Q241"),)))
... # doctest: +NORMALIZE_WHITESPACE
{'name': 'Cuba', 'kind': 'state', 'aliases': [], 'country': None, 'description': None,
 'external_ids': ['wikidata:Q241'], 'tags': [], 'referents': []}
>>> props.column("external_ids")
'external_ids:string[]'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from relgraph.spec import RECORDS, FieldSpec

__all__ = ["Properties", "property_value"]

#: The spec's types whose values are lists.
_LISTS = frozenset({"ids", "id-list", "texts", "choices", "mapping", "amounts"})


def property_value(type_: str, value: Any) -> Any:
    """Give a field's value as a property graph stores it, by its type in the format spec.

    Parameters
    ----------
    type_ : str
        The field's type (one of :data:`relgraph.spec.TYPES`).
    value : Any
        The model's value.

    Returns
    -------
    Any
        Text, a number, a yes/no value, ``None`` or a list of texts.

    Examples
    --------
    >>> property_value("mapping", (("wikidata", "Q241"),)), property_value("date", None)
    (['wikidata:Q241'], None)
    """
    if value is None:
        return None
    if type_ == "date":
        return str(value)
    if type_ == "mapping":
        return [f"{k}:{v}" for k, v in value]
    if type_ == "amounts":
        return [str(a) for a in value]
    if type_ in _LISTS:
        return list(value)
    return value


@dataclass(frozen=True)
class Properties:
    """The properties one record kind's elements carry (see the module docs).

    Attributes
    ----------
    kind : str
        The record kind in :data:`relgraph.spec.RECORDS`.
    layout : tuple of str
        The keys in the order the export writes them; a key the spec does not
        have (a relation's ``category``) is derived, its value left ``None``
        for the caller to fill in, in its place. The spec's fields the layout
        does not name follow it in the spec's order.
    omit : tuple of str
        The spec's fields (by name) the elements do not carry. Evidence is
        never carried: its items are nodes of their own.
    """

    kind: str
    layout: tuple[str, ...] = ()
    omit: tuple[str, ...] = ()

    def fields(self) -> dict[str, FieldSpec]:
        """Give the spec's fields carried, by key, in the spec's order.

        Returns
        -------
        dict of str to FieldSpec
            The fields, keyed by the model's attribute.

        Examples
        --------
        >>> props = Properties("entity", omit=("id", "review"))
        >>> list(props.fields())[:4]
        ['name', 'kind', 'aliases', 'country']
        >>> props.fields()["name"].required
        True
        """
        return {
            f.attribute: f
            for f in RECORDS[self.kind].fields
            if f.name not in self.omit and f.type != "evidence"
        }

    @property
    def names(self) -> tuple[str, ...]:
        """The keys, in the order written: the layout's, then the rest of the spec's."""
        own = self.fields()
        return self.layout + tuple(k for k in own if k not in self.layout)

    def values(self, obj: object) -> dict[str, Any]:
        """Give the properties of ``obj`` by key, in the order written, derived keys ``None``.

        Parameters
        ----------
        obj : object
            A model object of the kind (an :class:`~relgraph.model.Entity`…).

        Returns
        -------
        dict of str to Any
            Every key of :attr:`names`, ``None`` or ``[]`` where ``obj`` has no value.

        Examples
        --------
        >>> from relgraph.model import Entity
        >>> props = Properties("entity", layout=("wikidata",), omit=("id", "review"))
        >>> values = props.values(Entity("cuba", "Cuba", "state", aliases=("Republic of Cuba",)))
        >>> values["wikidata"], values["name"], values["aliases"], values["tags"]
        (None, 'Cuba', ['Republic of Cuba'], [])
        """
        own = self.fields()
        return {
            k: property_value(own[k].type, getattr(obj, own[k].attribute)) if k in own else None
            for k in self.names
        }

    def column(self, name: str, derived: Mapping[str, str] | None = None) -> str:
        """Give the ``neo4j-admin`` header of ``name``: ``name:type`` unless it is text.

        Parameters
        ----------
        name : str
            A key of :attr:`names`.
        derived : mapping of str to str, optional
            The types of the derived keys (``{"directed": "boolean"}``).

        Returns
        -------
        str
            The header, e.g. ``aliases:string[]``, ``credibility:int``, ``title``.

        Examples
        --------
        >>> props = Properties("entity", layout=("wikidata",), omit=("id", "review"))
        >>> props.column("aliases"), props.column("name")
        ('aliases:string[]', 'name')
        >>> props.column("wikidata", {"wikidata": "boolean"})
        'wikidata:boolean'
        """
        own = self.fields()
        if name in own:
            type_ = own[name].type
            kind = "string[]" if type_ in _LISTS else "int" if type_ == "grade" else ""
        else:
            kind = (derived or {}).get(name, "")
        return f"{name}:{kind}" if kind else name

    def columns(self, derived: Mapping[str, str] | None = None) -> list[str]:
        """Give the ``neo4j-admin`` headers of every key of :attr:`names`, in order.

        Parameters
        ----------
        derived : mapping of str to str, optional
            The types of the derived keys, as for :meth:`column`.

        Returns
        -------
        list of str
            The headers.

        Examples
        --------
        >>> Properties("entity", omit=("id", "review")).columns()  # doctest: +NORMALIZE_WHITESPACE
        ['name', 'kind', 'aliases:string[]', 'country', 'description',
         'external_ids:string[]', 'tags:string[]', 'referents:string[]']
        """
        return [self.column(n, derived) for n in self.names]

"""The dataset format in one place: each record kind's fields, their types and meaning.

A dataset file holds records of a few kinds (the ``dataset:`` section, sources,
entities, relations, claims, their evidence items and amounts, and story views).
:data:`RECORDS` lists, for each kind, its fields in the order the format
defines them: the name, the type of value, whether it is required, and one
line on what it means. What reads or writes the format reads it here: the
loader's list of known fields, the JSON Schema (:mod:`relgraph.schema`), the
records of the JSON exports (:mod:`relgraph.records`), the imports' known
fields, and the README's field table (checked against :func:`field_table`
by the tests). A new field is added here once.

Types (the ``type`` of a :class:`FieldSpec`):

``id``
    a readable slug (lower-case letters, digits, ``-``, ``_``, ``.``)
``ref``
    the id of another record (an entity, a source)
``ids``
    one id or a list of ids
``id-list``
    a list of ids
``text``, ``texts``
    text; one text or a list of them
``date``
    a partial date, ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``
``choice``, ``choices``
    one of :attr:`FieldSpec.choices`; a list of them
``number``, ``grade``
    a number; a whole number from 1 to 6
``url``, ``sha256``, ``currency``, ``mapping``
    an http(s) address; a checksum; an ISO 4217 code; ``name: value`` pairs
``evidence``, ``amounts``
    a list of evidence items; one amount or a list of them

Examples
--------
>>> RECORDS["relation"].required
('source', 'target', 'type', 'status', 'evidence')
>>> RECORDS["view"].field("from").type
'date'
>>> FIELDS["amount"]
('value', 'approx', 'min', 'max', 'unit', 'currency', 'note')
"""

from __future__ import annotations

from dataclasses import dataclass

from relgraph.model import MODALITIES, RELIABILITY_GRADES, STANCES, STATUSES

__all__ = [
    "FIELDS",
    "KINDS",
    "RECORDS",
    "REVIEW_MARKS",
    "TYPES",
    "FieldSpec",
    "RecordSpec",
    "field_table",
]

#: The marks a record's ``review:`` field may carry: ``proposed`` by ``relgraph suggest``
#: (still to be checked), ``accepted`` by the analyst (see :mod:`relgraph.accept`).
REVIEW_MARKS = ("proposed", "accepted")

#: The types a field may have (see the module's docs).
TYPES = (
    "id",
    "ref",
    "ids",
    "id-list",
    "text",
    "texts",
    "date",
    "choice",
    "choices",
    "number",
    "grade",
    "url",
    "sha256",
    "currency",
    "mapping",
    "evidence",
    "amounts",
)

#: How the README's field table names the types whose names are not plain words.
_TYPE_TEXT = {
    "ref": "an id",
    "ids": "an id or a list",
    "id-list": "a list of ids",
    "texts": "text or a list",
    "grade": "1 to 6",
    "url": "http(s) address",
    "mapping": "name: value pairs",
    "currency": "ISO 4217 code",
    "evidence": "evidence items",
    "amounts": "amount or a list",
}

#: What a ``choice`` field's values come from when the vocabulary gives them.
VOCABULARY_CHOICES = ("entity kinds", "relation types", "categories", "signs")


@dataclass(frozen=True)
class FieldSpec:
    """One field of a record kind.

    Attributes
    ----------
    name : str
        The key in the dataset file.
    type : str
        One of :data:`TYPES`.
    required : bool
        Whether a record of its kind must have it.
    doc : str
        What it means, in one line.
    choices : tuple of str or str
        For ``choice`` and ``choices``: the values allowed, or where the
        vocabulary keeps them (one of :data:`VOCABULARY_CHOICES`).
    attr : str
        The attribute of the model's object that holds the value, when it is
        not ``name`` (a view's ``from`` is ``View.date_from``).
    column : str
        Its column's header in the CSV export and import, when it is not the
        name in words (``derived_from``: ``Derived from``; ``id``: ``ID``).
    """

    name: str
    type: str
    required: bool = False
    doc: str = ""
    choices: tuple[str, ...] | str = ()
    attr: str = ""
    column: str = ""

    @property
    def header(self) -> str:
        """The field's column in a spreadsheet (see ``column``).

        Examples
        --------
        >>> [f.header for f in RECORDS["source"].fields][-6:-2]
        ['SHA256', 'Notes', 'Derived from', 'Origin']
        """
        if self.column:
            return self.column
        return "ID" if self.name == "id" else self.name.replace("_", " ").capitalize()

    @property
    def attribute(self) -> str:
        """The model's attribute for the field (see ``attr``).

        Examples
        --------
        >>> RECORDS["view"].field("to").attribute, RECORDS["view"].field("title").attribute
        ('date_to', 'title')
        """
        return self.attr or self.name

    def type_text(self) -> str:
        """Return the type as the README's field table writes it.

        Returns
        -------
        str
            The type in words.

        Examples
        --------
        >>> FieldSpec("status", "choice", choices=("a", "b")).type_text()
        'a, b'
        >>> FieldSpec("kind", "choice", choices="entity kinds").type_text()
        'an entity kind'
        >>> FieldSpec("hide_kinds", "choices", choices="entity kinds").type_text()
        'entity kinds'
        """
        if self.type in ("choice", "choices"):
            if isinstance(self.choices, tuple):
                return ", ".join(self.choices)
            if self.type == "choices":
                return self.choices
            singular = self.choices.removesuffix("s").replace("categorie", "category")
            return ("an " if singular[:1] in "aeiou" else "a ") + singular
        return _TYPE_TEXT.get(self.type, self.type)


@dataclass(frozen=True)
class RecordSpec:
    """A record kind: its name, what it is, and its fields in the format's order."""

    kind: str
    doc: str
    fields: tuple[FieldSpec, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The fields' names, in order."""
        return tuple(f.name for f in self.fields)

    @property
    def required(self) -> tuple[str, ...]:
        """The names of the required fields, in order."""
        return tuple(f.name for f in self.fields if f.required)

    def field(self, name: str) -> FieldSpec:
        """Return the field called ``name``.

        Parameters
        ----------
        name : str
            A field's name.

        Returns
        -------
        FieldSpec
            The field's spec.

        Raises
        ------
        KeyError
            If the kind has no such field.

        Examples
        --------
        >>> RECORDS["relation"].field("status").choices
        ('confirmed', 'reported', 'alleged', 'disputed', 'denied')
        """
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)


_REVIEW = FieldSpec(
    "review",
    "choice",
    doc="proposed: suggested by `relgraph suggest`, still to be checked (validate warns); "
    "accepted: checked, `relgraph accept` moves it into the dataset.",
    choices=REVIEW_MARKS,
)
_STATUS = FieldSpec(
    "status",
    "choice",
    True,
    "confirmed, reported, alleged, disputed or denied.",
    STATUSES,
)
_MODALITY = FieldSpec(
    "modality",
    "choice",
    doc="occurred (the default); announced: a party said it will happen; planned: a source "
    "reports it as scheduled or expected. Neither has been shown to happen.",
    choices=MODALITIES,
)
_REPORTED = FieldSpec(
    "reported", "date", doc="When a source reported it: not the date of the event."
)
_EVIDENCE = FieldSpec("evidence", "evidence", True, "One or more verbatim quotes that back this.")
_GRADES = "; ".join(f"{k} {v}" for k, v in RELIABILITY_GRADES.items())

#: Every record kind of the format, by kind.
RECORDS: dict[str, RecordSpec] = {
    spec.kind: spec
    for spec in (
        RecordSpec(
            "dataset",
            "The dataset's own fields (in one file of the dataset).",
            (
                FieldSpec("id", "id", doc="The dataset's id."),
                FieldSpec("title", "text", True, "The dataset's title."),
                FieldSpec("description", "text", doc="What the dataset covers."),
                FieldSpec("notes", "text", doc="How it was made: what was left out and why."),
                FieldSpec("license", "text", doc="The license of the dataset."),
                FieldSpec("authors", "text", doc="Who made it."),
                FieldSpec(
                    "alleged_attributions",
                    "texts",
                    doc="attributed_to texts whose words the source frames as allegation: "
                    "what rests on them alone must be alleged, disputed or denied.",
                ),
            ),
        ),
        RecordSpec(
            "source",
            "A document evidence is quoted from.",
            (
                FieldSpec("id", "id", True, "The source's id, used by evidence items."),
                FieldSpec("title", "text", True, "The document's title."),
                FieldSpec(
                    "publisher",
                    "text",
                    doc="Who published it (leave out if the document does not say).",
                ),
                FieldSpec("url", "url", doc="Where it was read, http(s).", column="URL"),
                FieldSpec("published", "date", doc="When it was published."),
                FieldSpec("retrieved", "date", doc="When it was read."),
                FieldSpec(
                    "reliability",
                    "choice",
                    True,
                    f"Admiralty reliability: {_GRADES}.",
                    tuple(RELIABILITY_GRADES),
                ),
                FieldSpec(
                    "text",
                    "text",
                    True,
                    "The path of its stored text, relative to the dataset file.",
                    attr="text_path",
                ),
                FieldSpec("sha256", "sha256", True, "sha256sum of the text file.", column="SHA256"),
                FieldSpec("notes", "text", doc="Notes on the source."),
                FieldSpec(
                    "derived_from",
                    "ids",
                    doc="Ids of the stored sources this one translates, republishes or "
                    "rewrites: copies of one story are one origin, not corroboration.",
                ),
                FieldSpec(
                    "origin",
                    "text",
                    doc="What it ultimately relays when that is not stored: an entity id (a "
                    "wire agency, a ministry) or text ('Cuban foreign ministry statement').",
                ),
                FieldSpec(
                    "affiliation",
                    "ids",
                    doc="Ids of the entities the outlet belongs to or is funded by: its "
                    "reports do not confirm what concerns them.",
                ),
                _REVIEW,
            ),
        ),
        RecordSpec(
            "entity",
            "An actor: a state, an official, a company, a group…",
            (
                FieldSpec(
                    "id", "id", True, "A readable slug: lower-case letters, digits, '-', '_', '.'."
                ),
                FieldSpec("name", "text", True, "The name as the source gives it.", column="Label"),
                FieldSpec(
                    "kind", "choice", True, "The entity kind.", "entity kinds", column="Type"
                ),
                FieldSpec("aliases", "texts", doc="Other names."),
                FieldSpec("country", "text", doc="The country, as an ISO 3166 code (CU, IR)."),
                FieldSpec("description", "text", doc="Who or what this is, as the sources say."),
                FieldSpec(
                    "external_ids",
                    "mapping",
                    doc="Ids in other databases, e.g. wikidata: Q241.",
                    column="External IDs",
                ),
                FieldSpec("tags", "texts", doc="Free tags."),
                FieldSpec(
                    "referents",
                    "ids",
                    doc="Old ids of this actor: the ids a merge folded into it, which still "
                    "name it (relations use its id).",
                ),
                _REVIEW,
            ),
        ),
        RecordSpec(
            "relation",
            "A typed relation between two entities, backed by evidence.",
            (
                FieldSpec(
                    "id",
                    "id",
                    doc="An id for the relation (default: made from its ends, type and date).",
                ),
                FieldSpec("source", "ref", True, "The entity the relation goes from."),
                FieldSpec("target", "ref", True, "The entity the relation goes to."),
                FieldSpec(
                    "type",
                    "choice",
                    True,
                    "The relation type; `relgraph vocab` explains them.",
                    "relation types",
                ),
                FieldSpec("date", "date", doc="When a single event happened."),
                FieldSpec("start", "date", doc="When a lasting relation began."),
                FieldSpec("end", "date", doc="When a lasting relation ended."),
                _STATUS,
                FieldSpec(
                    "sign",
                    "choice",
                    doc="Overrides the type's sign: cooperative, hostile or neutral.",
                    choices="signs",
                ),
                FieldSpec("notes", "text", doc="Notes: what the evidence does and does not say."),
                _EVIDENCE,
                _REPORTED,
                _MODALITY,
                _REVIEW,
                FieldSpec(
                    "referents",
                    "ids",
                    doc="Old ids of this relation: the ids of the relations a merge folded "
                    "into it, which still name it (in a view, or in a dataset read with the "
                    "merge).",
                ),
            ),
        ),
        RecordSpec(
            "claim",
            "Something a source says about a single entity.",
            (
                FieldSpec("id", "id", doc="An id for the claim."),
                FieldSpec("entity", "ref", True, "The entity the claim is about."),
                FieldSpec("statement", "text", True, "What the source says of the entity."),
                _STATUS,
                FieldSpec("date", "date", doc="When it held."),
                FieldSpec("notes", "text", doc="Notes on the claim."),
                _EVIDENCE,
                _REPORTED,
                _MODALITY,
                _REVIEW,
                FieldSpec(
                    "referents",
                    "ids",
                    doc="Old ids of this claim: the ids of the claims a merge folded into it.",
                ),
            ),
        ),
        RecordSpec(
            "evidence",
            "One verbatim quote from a named source.",
            (
                FieldSpec(
                    "quote",
                    "text",
                    True,
                    "The exact words of the source; they must occur in its stored text. Words "
                    'left out are marked " … " (or " ... "): each fragment must occur, in '
                    "order, within one paragraph.",
                ),
                FieldSpec(
                    "source",
                    "ref",
                    True,
                    "The id of the source quoted (under sources:).",
                    column="Quote source",
                ),
                FieldSpec(
                    "attributed_to",
                    "text",
                    doc="Who the source says the words or the claim come from: an entity id "
                    "or text.",
                ),
                FieldSpec(
                    "credibility",
                    "grade",
                    doc="Admiralty credibility, 1 (confirmed by other sources) to 6 (truth "
                    "cannot be judged).",
                ),
                FieldSpec(
                    "notes", "text", doc="Notes on this evidence item.", column="Evidence notes"
                ),
                FieldSpec(
                    "stance",
                    "choice",
                    doc="What the item does to the relation or claim: supports (the default), "
                    "contradicts (denies or corrects it) or qualifies it.",
                    choices=STANCES,
                ),
                FieldSpec(
                    "amount",
                    "amounts",
                    doc="The number(s) the item gives: {value: 19, unit: agreement}.",
                    attr="amounts",
                ),
                FieldSpec(
                    "date",
                    "date",
                    doc="The event's date as this item states it.",
                    column="Evidence date",
                ),
                FieldSpec(
                    "reported",
                    "date",
                    doc="When this item was reported (default: its source's published date); "
                    "not after the source's retrieved date.",
                    column="Evidence reported",
                ),
                FieldSpec(
                    "origin",
                    "text",
                    doc="What this passage relays, when not its source's own origin: a source "
                    "id, an entity id or text (an article quoting an EFE report: agencia-efe).",
                    column="Evidence origin",
                ),
            ),
        ),
        RecordSpec(
            "amount",
            "A number an evidence item gives: exactly one of value, approx, or min and/or max.",
            (
                FieldSpec("value", "number", doc="An exact number."),
                FieldSpec("approx", "number", doc="An approximate number ('about 20')."),
                FieldSpec("min", "number", doc="The lower end of a range ('over 20')."),
                FieldSpec("max", "number", doc="The upper end of a range ('up to 30')."),
                FieldSpec(
                    "unit",
                    "text",
                    doc="What is counted (agreement, person); needed unless currency is given.",
                ),
                FieldSpec(
                    "currency",
                    "currency",
                    doc="ISO 4217 code when money is counted (USD, EUR, CUP).",
                ),
                FieldSpec("note", "text", doc="How the source words the number."),
            ),
        ),
        RecordSpec(
            "view",
            "A step of the dataset's story: the page steps through them like a slideshow.",
            (
                FieldSpec("id", "id", True, "The view's id (it goes in the page's address)."),
                FieldSpec("title", "text", True, "The step's title."),
                FieldSpec(
                    "caption", "text", doc="What the step shows, in the dataset's own words."
                ),
                FieldSpec("actors", "id-list", doc="The entities the step highlights."),
                FieldSpec("relations", "id-list", doc="The relations the step highlights."),
                FieldSpec(
                    "hide_kinds",
                    "choices",
                    doc="Entity kinds the step hides.",
                    choices="entity kinds",
                ),
                FieldSpec(
                    "hide_categories",
                    "choices",
                    doc="Relation categories the step hides.",
                    choices="categories",
                ),
                FieldSpec(
                    "hide_statuses", "choices", doc="Statuses the step hides.", choices=STATUSES
                ),
                FieldSpec(
                    "from",
                    "date",
                    doc="The step shows relations from this date on.",
                    attr="date_from",
                ),
                FieldSpec(
                    "to", "date", doc="The step shows relations up to this date.", attr="date_to"
                ),
            ),
        ),
    )
}

#: The record kinds, in the order a dataset file's sections hold them.
KINDS = tuple(RECORDS)

#: Each kind's field names, in the format's order.
FIELDS: dict[str, tuple[str, ...]] = {kind: spec.names for kind, spec in RECORDS.items()}


def field_table(kind: str) -> str:
    """Return the Markdown table of a record kind's fields, as the README shows it.

    Parameters
    ----------
    kind : str
        A record kind, such as ``"relation"`` or ``"amount"``.

    Returns
    -------
    str
        The table: a header row, a rule and one row per field.

    Examples
    --------
    >>> print(field_table("amount").splitlines()[2])
    | `value` |  | number | An exact number. |
    """
    rows = ["| field | required | type | what it is |", "|---|---|---|---|"]
    for f in RECORDS[kind].fields:
        doc = f.doc.replace("|", "\\|")
        rows.append(f"| `{f.name}` | {'yes' if f.required else ''} | {f.type_text()} | {doc} |")
    return "\n".join(rows) + "\n"

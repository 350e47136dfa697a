"""A JSON Schema of the dataset file, so editors complete and check dataset files as you type.

:func:`dataset_schema` builds a JSON Schema (draft 2020-12) of the YAML
dataset format from a vocabulary: entity kinds, relation types, categories,
statuses, signs and reliability grades are enumerations, so an editor offers
them as completions and underlines a misspelt one; every field has a
description, shown on hover; unknown fields are flagged, as the loader flags
them. ``relgraph schema`` writes it; ``docs/schema.md`` shows how to wire it
into VS Code.

The fields of each record, their order, which are required and what they
mean come from the format spec, :mod:`relgraph.spec`; this module turns each
field's type into its schema.

The schema follows the loader: ``null`` is accepted wherever a field is
optional (the loader reads it as absent), a list field also accepts a single
value, and a date is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a bare year may
be a number). What a schema cannot check (that an entity or source id
exists, that a quote is in its source, that an end comes after its start) is
left to ``relgraph validate``.

Kinds and types a dataset adds in its ``vocabulary:`` section are in the
enumerations only when the schema is built from that dataset's vocabulary
(``relgraph schema DATASET``).

Examples
--------
>>> schema = dataset_schema()
>>> schema["$schema"]
'https://json-schema.org/draft/2020-12/schema'
>>> "state" in schema["$defs"]["entity"]["properties"]["kind"]["enum"]
True
>>> schema["$defs"]["relation"]["required"]
['source', 'target', 'type', 'status', 'evidence']
"""

from __future__ import annotations

import json
from typing import Any

from relgraph.fields import ID_RE
from relgraph.spec import RECORDS, FieldSpec
from relgraph.vocabulary import SHAPES, SIGNS, Vocabulary, builtin_vocabulary

__all__ = ["dataset_schema", "schema_json"]

_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def _text(description: str, required: bool = False) -> dict[str, Any]:
    return {"type": "string" if required else ["string", "null"], "description": description}


def _id(description: str, required: bool = True) -> dict[str, Any]:
    return {
        "type": "string" if required else ["string", "null"],
        "pattern": ID_RE.pattern,
        "description": description,
    }


def _choice(values: list[str], description: str, required: bool = False) -> dict[str, Any]:
    return {"enum": values if required else [*values, None], "description": description}


def _date(description: str) -> dict[str, Any]:
    return {
        "type": ["string", "integer", "null"],
        "pattern": _DATE_PATTERN,
        "minimum": 0,
        "maximum": 9999,
        "description": description + " YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source.",
    }


def _texts(description: str) -> dict[str, Any]:
    return {
        "type": ["array", "string", "null"],
        "items": {"type": "string"},
        "description": description,
    }


def _old_ids(description: str) -> dict[str, Any]:
    """Return the ``referents`` of an actor, a relation or a claim: one old id or a list of them."""
    return {
        "type": ["array", "string", "null"],
        "items": {"type": "string", "pattern": ID_RE.pattern},
        "pattern": ID_RE.pattern,
        "description": description,
    }


def _object(properties: dict[str, Any], required: list[str], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _section(ref: str, description: str) -> dict[str, Any]:
    return {"type": ["array", "null"], "items": {"$ref": ref}, "description": description}


def _values(spec: FieldSpec, vocab: Vocabulary) -> list[str]:
    """Return the values a ``choice`` or ``choices`` field allows."""
    if isinstance(spec.choices, tuple):
        return list(spec.choices)
    return {
        "entity kinds": list(vocab.entity_kinds),
        "relation types": list(vocab.relation_types),
        "categories": list(vocab.categories),
        "signs": list(SIGNS),
    }[spec.choices]


def _description(kind: str, spec: FieldSpec, vocab: Vocabulary) -> str:
    """Return a field's description: its docs, with what the vocabulary allows where it says."""
    if (kind, spec.name) == ("entity", "kind"):
        kinds = "; ".join(f"{k}: {v.label}" for k, v in vocab.entity_kinds.items())
        return f"The entity kind: {kinds}."
    if (kind, spec.name) == ("relation", "type"):
        types = ", ".join(vocab.relation_types)
        return f"The relation type: {types}. `relgraph vocab` explains them."
    return spec.doc


def _property(kind: str, spec: FieldSpec, vocab: Vocabulary) -> dict[str, Any]:
    """Return the schema of one field of a record kind, from its type in :mod:`relgraph.spec`."""
    doc = _description(kind, spec, vocab)
    required = spec.required
    t = spec.type
    if t == "id":
        # a dataset's and a view's id are always written: never null
        return _id(doc, required or kind == "dataset")
    if t == "ref":
        return {"type": "string", "minLength": 1, "description": doc}
    if t == "text":
        return _text(doc, required)
    if t == "texts":
        if kind == "dataset":
            return {"type": ["array", "string"], "items": {"type": "string"}, "description": doc}
        return _texts(doc)
    if t == "date":
        return _date(doc)
    if t == "choice":
        return _choice(_values(spec, vocab), doc, required)
    if t in ("ids", "id-list", "choices"):
        if t == "ids":
            return _old_ids(doc)
        item: dict[str, Any] = {"type": "string"}
        if t == "choices":
            item["enum"] = _values(spec, vocab)
        else:
            item["pattern"] = ID_RE.pattern
        # like the loader, one value where a list goes
        return {
            "anyOf": [{"type": "array", "items": item}, item, {"type": "null"}],
            "description": doc,
        }
    if t == "number":
        return {"type": ["number", "null"], "description": doc}
    if t == "grade":
        return {
            "type": ["integer", "string", "null"],
            "minimum": 1,
            "maximum": 6,
            "pattern": "^[1-6]$",
            "description": doc,
        }
    if t == "url":
        return {"type": ["string", "null"], "pattern": r"^https?://\S+$", "description": doc}
    if t == "sha256":
        return {"type": ["string", "integer"], "pattern": "^[0-9a-fA-F]{64}$", "description": doc}
    if t == "currency":
        return {"type": ["string", "null"], "pattern": "^[A-Z]{3}$", "description": doc}
    if t == "mapping":
        return {
            "type": ["object", "null"],
            "additionalProperties": {"type": "string"},
            "description": doc,
        }
    if t == "evidence":
        return {
            "type": "array",
            "items": {"$ref": "#/$defs/evidence"},
            "minItems": 1,
            "description": doc,
        }
    if t == "amounts":
        return {
            "anyOf": [
                {"$ref": "#/$defs/amount"},
                {"type": "array", "items": {"$ref": "#/$defs/amount"}},
                {"type": "null"},
            ],
            "description": doc,
        }
    raise ValueError(f"no schema for the field type '{t}'")  # pragma: no cover - see TYPES


def dataset_schema(vocabulary: Vocabulary | None = None) -> dict[str, Any]:
    """Return the JSON Schema of a dataset file, with the kinds and types of ``vocabulary``.

    Parameters
    ----------
    vocabulary : Vocabulary, optional
        Default: the built-in vocabulary. Give a dataset's
        ``Dataset.vocabulary`` to include the kinds and types it adds.

    Returns
    -------
    dict
        A JSON-ready schema (draft 2020-12).

    Examples
    --------
    >>> schema = dataset_schema()
    >>> schema["$schema"], schema["type"]
    ('https://json-schema.org/draft/2020-12/schema', 'object')
    """
    vocab = vocabulary or builtin_vocabulary()
    kinds = list(vocab.entity_kinds)

    def record(kind: str) -> dict[str, Any]:
        spec = RECORDS[kind]
        properties = {f.name: _property(kind, f, vocab) for f in spec.fields}
        return _object(properties, list(spec.required), spec.doc)

    amount = record("amount")
    amount["oneOf"] = [
        {
            "required": ["value"],
            "not": {"anyOf": [{"required": [k]} for k in ("approx", "min", "max")]},
        },
        {
            "required": ["approx"],
            "not": {"anyOf": [{"required": [k]} for k in ("value", "min", "max")]},
        },
        {
            "anyOf": [{"required": ["min"]}, {"required": ["max"]}],
            "not": {"anyOf": [{"required": ["value"]}, {"required": ["approx"]}]},
        },
    ]
    amount["anyOf"] = [{"required": ["unit"]}, {"required": ["currency"]}]
    relation = record("relation")
    relation["not"] = {"anyOf": [{"required": ["date", "start"]}, {"required": ["date", "end"]}]}
    color = {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$", "description": '"#rrggbb"'}
    endpoint = {
        "type": ["string", "array"],
        "items": {"type": "string", "enum": kinds},
        "examples": ["*", kinds[:2]],
        "description": 'Entity kinds allowed at this end (a list), or "*" for any.',
    }
    vocab_section = _object(
        {
            "categories": _section("#/$defs/category", "Relation categories."),
            "entity_kinds": _section("#/$defs/entity_kind", "Entity kinds."),
            "relation_types": {
                "type": ["array", "null"],
                "items": {
                    "anyOf": [
                        {"$ref": "#/$defs/relation_type"},
                        {"$ref": "#/$defs/relation_type_cues"},
                    ]
                },
                "description": "Relation types; an entry with only id and cues adds cue "
                "words to a type already defined.",
            },
        },
        [],
        "Entity kinds, categories and relation types this dataset adds.",
    )
    vocab_section["type"] = ["object", "null"]
    defs = {
        "dataset": record("dataset"),
        "source": record("source"),
        "entity": record("entity"),
        "relation": relation,
        "claim": record("claim"),
        "view": record("view"),
        "evidence": record("evidence"),
        "amount": amount,
        "category": _object(
            {
                "id": _id("The category's id."),
                "label": _text("Its name.", True),
                "color": color,
                "description": _text("What it covers."),
            },
            ["id", "label", "color"],
            "A family of relation types.",
        ),
        "entity_kind": _object(
            {
                "id": _id("The kind's id."),
                "label": _text("Its name.", True),
                "color": color,
                "shape": {"enum": list(SHAPES), "description": "How the page draws it."},
                "description": _text("What it covers."),
            },
            ["id", "label", "color", "shape"],
            "A kind of actor.",
        ),
        "relation_type": _object(
            {
                "id": _id("The type's id."),
                "category": {
                    **_id("One of the categories (built in, or added here)."),
                    "examples": list(vocab.categories),
                },
                "label": _text('How it reads from source to target ("visited").', True),
                "inverse_label": _text(
                    'How it reads from target to source ("was visited by").', True
                ),
                "directed": {
                    "type": "boolean",
                    "description": "false when both ends play the same part.",
                },
                "sign": {"enum": list(SIGNS), "description": "Its default sign."},
                "source_kinds": endpoint,
                "target_kinds": endpoint,
                "description": _text("What it means."),
                "cues": {
                    "type": ["array", "null"],
                    "items": {"type": "string"},
                    "description": "Words that suggest this type in a sentence, for "
                    "`relgraph suggest` (a cue matches a word starting with it). A type already "
                    "defined takes more cues from an entry with only id and cues.",
                },
            },
            [
                "id",
                "category",
                "label",
                "inverse_label",
                "directed",
                "sign",
                "source_kinds",
                "target_kinds",
            ],
            "A type of relation.",
        ),
        "relation_type_cues": _object(
            {
                "id": _id("A relation type already defined (built in, or above)."),
                "cues": {
                    "type": "array",
                    "items": {"type": "string"},
                    "description": "More cue words for `relgraph suggest`.",
                },
            },
            ["id", "cues"],
            "Cue words added to a relation type already defined.",
        ),
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "relgraph dataset file",
        "description": "Actors, typed relations and the verbatim quotes that back them. "
        "Written by `relgraph schema`; `relgraph validate` checks what a schema cannot.",
        "type": "object",
        "properties": {
            "dataset": {"$ref": "#/$defs/dataset"},
            "vocabulary": vocab_section,
            "sources": _section("#/$defs/source", "The documents quoted."),
            "entities": _section("#/$defs/entity", "The actors."),
            "relations": _section("#/$defs/relation", "Typed relations between actors."),
            "claims": _section("#/$defs/claim", "Statements about one actor."),
            "views": _section("#/$defs/view", "The story: steps the page shows in turn."),
        },
        "additionalProperties": False,
        "$defs": defs,
    }


def schema_json(vocabulary: Vocabulary | None = None) -> str:
    """:func:`dataset_schema` as indented JSON text, ending with a newline.

    Parameters
    ----------
    vocabulary : Vocabulary, optional
        As for :func:`dataset_schema`.

    Returns
    -------
    str
        The schema's JSON text.

    Examples
    --------
    >>> schema_json().splitlines()[1]
    '  "$schema": "https://json-schema.org/draft/2020-12/schema",'
    """
    return json.dumps(dataset_schema(vocabulary), ensure_ascii=False, indent=2) + "\n"

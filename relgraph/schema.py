"""A JSON Schema of the dataset file, so editors complete and check dataset files as you type.

:func:`dataset_schema` builds a JSON Schema (draft 2020-12) of the YAML
dataset format from a vocabulary: entity kinds, relation types, categories,
statuses, signs and reliability grades are enumerations, so an editor offers
them as completions and underlines a misspelt one; every field has a
description, shown on hover; unknown fields are flagged, as the loader flags
them. ``relgraph schema`` writes it; ``docs/schema.md`` shows how to wire it
into VS Code.

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
from relgraph.model import MODALITIES, RELIABILITY_GRADES, STANCES, STATUSES
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
    """The ``referents`` of an actor, a relation or a claim: one old id or a list of them."""
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


def dataset_schema(vocabulary: Vocabulary | None = None) -> dict[str, Any]:
    """The JSON Schema of a dataset file, with the kinds and types of ``vocabulary``.

    Parameters
    ----------
    vocabulary : Vocabulary, optional
        Default: the built-in vocabulary. Give a dataset's
        ``Dataset.vocabulary`` to include the kinds and types it adds.

    Returns
    -------
    dict
        A JSON-ready schema (draft 2020-12).
    """
    vocab = vocabulary or builtin_vocabulary()
    kinds = list(vocab.entity_kinds)
    types = list(vocab.relation_types)
    statuses: list[str] = list(STATUSES)
    ref_id = {"type": "string", "minLength": 1}
    kind_help = "; ".join(f"{k}: {v.label}" for k, v in vocab.entity_kinds.items())
    status_help = "confirmed, reported, alleged, disputed or denied."

    evidence = _object(
        {
            "quote": _text(
                "The exact words of the source; they must occur in its stored text. "
                'Words left out are marked " … " (or " ... "): each fragment must occur, '
                "in order, within one paragraph.",
                True,
            ),
            "source": {**ref_id, "description": "The id of the source quoted (under sources:)."},
            "attributed_to": _text(
                "Who the source says the words or the claim come from: an entity id or text."
            ),
            "credibility": {
                "type": ["integer", "string", "null"],
                "minimum": 1,
                "maximum": 6,
                "pattern": "^[1-6]$",
                "description": "Admiralty credibility, 1 (confirmed by other sources) to 6 "
                "(truth cannot be judged).",
            },
            "notes": _text("Notes on this evidence item."),
            "stance": _choice(
                list(STANCES),
                "What the item does to the relation or claim: supports (the default), "
                "contradicts (denies or corrects it) or qualifies it.",
            ),
            "amount": {
                "anyOf": [
                    {"$ref": "#/$defs/amount"},
                    {"type": "array", "items": {"$ref": "#/$defs/amount"}},
                    {"type": "null"},
                ],
                "description": "The number(s) the item gives: {value: 19, unit: agreement}.",
            },
            "date": _date("The event's date as this item states it."),
            "reported": _date(
                "When this item was reported (default: its source's published date); "
                "not after the source's retrieved date."
            ),
            "origin": _text(
                "What this passage relays, when not its source's own origin: a source id, "
                "an entity id or text (an article quoting an EFE report: agencia-efe)."
            ),
        },
        ["quote", "source"],
        "One verbatim quote from a named source.",
    )
    number = {"type": ["number", "null"]}
    amount = _object(
        {
            "value": {**number, "description": "An exact number."},
            "approx": {**number, "description": "An approximate number ('about 20')."},
            "min": {**number, "description": "The lower end of a range ('over 20')."},
            "max": {**number, "description": "The upper end of a range ('up to 30')."},
            "unit": _text("What is counted (agreement, person); needed unless currency is given."),
            "currency": {
                "type": ["string", "null"],
                "pattern": "^[A-Z]{3}$",
                "description": "ISO 4217 code when money is counted (USD, EUR, CUP).",
            },
            "note": _text("How the source words the number."),
        },
        [],
        "A number an evidence item gives: exactly one of value, approx, or min and/or max.",
    )
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
    modality = _choice(
        list(MODALITIES),
        "occurred (the default); announced: a party said it will happen; planned: a source "
        "reports it as scheduled or expected. Neither has been shown to happen.",
    )
    reported = _date("When a source reported it: not the date of the event.")
    evidence_list = {
        "type": "array",
        "items": {"$ref": "#/$defs/evidence"},
        "minItems": 1,
        "description": "One or more verbatim quotes that back this.",
    }
    relation = _object(
        {
            "id": _id(
                "An id for the relation (default: made from its ends, type and date).", False
            ),
            "source": {**ref_id, "description": "The entity the relation goes from."},
            "target": {**ref_id, "description": "The entity the relation goes to."},
            "type": _choice(
                types,
                f"The relation type: {', '.join(types)}. `relgraph vocab` explains them.",
                True,
            ),
            "date": _date("When a single event happened."),
            "start": _date("When a lasting relation began."),
            "end": _date("When a lasting relation ended."),
            "status": _choice(statuses, status_help, True),
            "sign": _choice(
                list(SIGNS), "Overrides the type's sign: cooperative, hostile or neutral."
            ),
            "notes": _text("Notes: what the evidence does and does not say."),
            "evidence": evidence_list,
            "reported": reported,
            "modality": modality,
            "review": _choice(
                ["proposed", "accepted"],
                "proposed: suggested by `relgraph suggest`, still to be checked (validate warns); "
                "accepted: checked, `relgraph accept` moves it into the dataset.",
            ),
            "referents": _old_ids(
                "Old ids of this relation: the ids of the relations a merge folded into it, "
                "which still name it (in a view, or in a dataset read with the merge)."
            ),
        },
        ["source", "target", "type", "status", "evidence"],
        "A typed relation between two entities, backed by evidence.",
    )
    relation["not"] = {"anyOf": [{"required": ["date", "start"]}, {"required": ["date", "end"]}]}
    entity = _object(
        {
            "id": _id("A readable slug: lower-case letters, digits, '-', '_', '.'."),
            "name": _text("The name as the source gives it.", True),
            "kind": _choice(kinds, f"The entity kind: {kind_help}.", True),
            "aliases": _texts("Other names."),
            "country": _text("The country, as an ISO 3166 code (CU, IR)."),
            "description": _text("Who or what this is, as the sources say."),
            "external_ids": {
                "type": ["object", "null"],
                "additionalProperties": {"type": "string"},
                "description": "Ids in other databases, e.g. wikidata: Q241.",
            },
            "tags": _texts("Free tags."),
            "referents": _old_ids(
                "Old ids of this actor: the ids a merge folded into it, which "
                "still name it (relations use its id)."
            ),
            "review": _choice(
                ["proposed", "accepted"],
                "proposed: suggested by `relgraph suggest`, still to be checked (validate warns); "
                "accepted: checked, `relgraph accept` moves it into the dataset.",
            ),
        },
        ["id", "name", "kind"],
        "An actor: a state, an official, a company, a group…",
    )
    grades = "; ".join(f"{k} {v}" for k, v in RELIABILITY_GRADES.items())
    source = _object(
        {
            "id": _id("The source's id, used by evidence items."),
            "title": _text("The document's title.", True),
            "publisher": _text("Who published it (leave out if the document does not say)."),
            "url": {
                "type": ["string", "null"],
                "pattern": r"^https?://\S+$",
                "description": "Where it was read, http(s).",
            },
            "published": _date("When it was published."),
            "retrieved": _date("When it was read."),
            "reliability": _choice(
                list(RELIABILITY_GRADES), f"Admiralty reliability: {grades}.", True
            ),
            "text": _text("The path of its stored text, relative to the dataset file.", True),
            "sha256": {
                "type": ["string", "integer"],
                "pattern": "^[0-9a-fA-F]{64}$",
                "description": "sha256sum of the text file.",
            },
            "notes": _text("Notes on the source."),
            "derived_from": {
                "type": ["array", "string", "null"],
                "items": {"type": "string", "pattern": ID_RE.pattern},
                "pattern": ID_RE.pattern,
                "description": "Ids of the stored sources this one translates, republishes "
                "or rewrites: copies of one story are one origin, not corroboration.",
            },
            "origin": _text(
                "What it ultimately relays when that is not stored: an entity id (a wire "
                "agency, a ministry) or text ('Cuban foreign ministry statement')."
            ),
            "affiliation": {
                "type": ["array", "string", "null"],
                "items": {"type": "string", "pattern": ID_RE.pattern},
                "pattern": ID_RE.pattern,
                "description": "Ids of the entities the outlet belongs to or is funded by: "
                "its reports do not confirm what concerns them.",
            },
            "review": _choice(
                ["proposed", "accepted"],
                "proposed: suggested by `relgraph suggest`, still to be checked (validate warns); "
                "accepted: checked, `relgraph accept` moves it into the dataset.",
            ),
        },
        ["id", "title", "reliability", "text", "sha256"],
        "A document evidence is quoted from.",
    )
    claim = _object(
        {
            "id": _id("An id for the claim.", False),
            "entity": {**ref_id, "description": "The entity the claim is about."},
            "statement": _text("What the source says of the entity.", True),
            "status": _choice(statuses, status_help, True),
            "date": _date("When it held."),
            "notes": _text("Notes on the claim."),
            "evidence": evidence_list,
            "reported": reported,
            "modality": modality,
            "review": _choice(
                ["proposed", "accepted"],
                "proposed: suggested by `relgraph suggest`, still to be checked (validate warns); "
                "accepted: checked, `relgraph accept` moves it into the dataset.",
            ),
            "referents": _old_ids(
                "Old ids of this claim: the ids of the claims a merge folded into it."
            ),
        },
        ["entity", "statement", "status", "evidence"],
        "Something a source says about a single entity.",
    )

    def ids(description: str, enum: list[str] | None = None) -> dict[str, Any]:
        item: dict[str, Any] = {"type": "string"}
        if enum is not None:
            item["enum"] = enum
        else:
            item["pattern"] = ID_RE.pattern
        return {"type": ["array", "null"], "items": item, "description": description}

    view = _object(
        {
            "id": _id("The view's id (it goes in the page's address)."),
            "title": _text("The step's title.", True),
            "caption": _text("What the step shows, in the dataset's own words."),
            "actors": ids("The entities the step highlights."),
            "relations": ids("The relations the step highlights."),
            "hide_kinds": ids("Entity kinds the step hides.", kinds),
            "hide_categories": ids("Relation categories the step hides.", list(vocab.categories)),
            "hide_statuses": ids("Statuses the step hides.", statuses),
            "from": _date("The step shows relations from this date on."),
            "to": _date("The step shows relations up to this date."),
        },
        ["id", "title"],
        "A step of the dataset's story: the page steps through them like a slideshow.",
    )
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
        "dataset": _object(
            {
                "id": _id("The dataset's id."),
                "title": _text("The dataset's title.", True),
                "description": _text("What the dataset covers."),
                "notes": _text("How it was made: what was left out and why."),
                "license": _text("The license of the dataset."),
                "authors": _text("Who made it."),
                "alleged_attributions": {
                    "type": "array",
                    "items": {"type": "string"},
                    "description": "attributed_to texts whose words the source frames as "
                    "allegation: what rests on them alone must be alleged, disputed or denied.",
                },
            },
            ["title"],
            "The dataset's own fields (in one file of the dataset).",
        ),
        "source": source,
        "entity": entity,
        "relation": relation,
        "claim": claim,
        "view": view,
        "evidence": evidence,
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

    Examples
    --------
    >>> schema_json().splitlines()[1]
    '  "$schema": "https://json-schema.org/draft/2020-12/schema",'
    """
    return json.dumps(dataset_schema(vocabulary), ensure_ascii=False, indent=2) + "\n"

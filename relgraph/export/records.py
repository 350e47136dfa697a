"""The records of the model (see :mod:`relgraph.records`), named where the exports first had them.

The record layer lies below both the exports and the imports; this module
only names its functions for code that imports them from here.
"""

from __future__ import annotations

from relgraph.records import (
    DERIVED,
    FORMAT_VERSION,
    amount_record,
    claim_record,
    dataset_fields,
    dataset_record,
    entity_record,
    evidence_record,
    relation_record,
    source_bytes,
    source_record,
    text_bytes,
    view_record,
    vocabulary_additions,
)

__all__ = [
    "DERIVED",
    "FORMAT_VERSION",
    "amount_record",
    "claim_record",
    "dataset_fields",
    "dataset_record",
    "entity_record",
    "evidence_record",
    "relation_record",
    "source_bytes",
    "source_record",
    "text_bytes",
    "view_record",
    "vocabulary_additions",
]

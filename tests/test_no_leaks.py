"""What relgraph hands out cannot change what it hands out next."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

import relgraph
from relgraph.graph import project
from relgraph.vocabulary import builtin_vocabulary


def test_the_cached_builtin_vocabulary_cannot_be_changed_by_a_caller(
    bundled: relgraph.Dataset,
) -> None:
    vocab = bundled.vocabulary
    for table in (vocab.entity_kinds, vocab.categories, vocab.relation_types):
        with pytest.raises(TypeError):
            table.pop(next(iter(table)))  # type: ignore[attr-defined]
        with pytest.raises(TypeError):
            table["new"] = None  # type: ignore[index]
    builtin = builtin_vocabulary()
    with pytest.raises(TypeError):
        builtin.entity_kinds.pop("state")  # type: ignore[attr-defined]
    assert "state" in builtin_vocabulary().entity_kinds
    assert "state" in relgraph.load("graph_data/cuba_iran.yaml").vocabulary.entity_kinds
    # where each entry was defined is read-only too: a later dataset's clash is located by it
    with pytest.raises(TypeError):
        vocab.where.clear()  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        builtin.where[("entity_kinds", "state")] = None  # type: ignore[index]
    assert ("entity_kinds", "state") in builtin_vocabulary().where
    # still copied, pickled and compared as before
    assert copy.deepcopy(vocab) == vocab
    assert pickle.loads(pickle.dumps(vocab)) == vocab
    assert dataclasses.astuple(vocab) == dataclasses.astuple(vocab)


def test_project_hands_out_copies_of_nested_attribute_values(bundled: relgraph.Dataset) -> None:
    g = bundled.graph()
    before = copy.deepcopy(dict(g.nodes(data=True)))
    graph_before = copy.deepcopy(g.graph)
    p = project(g)
    for _, data in p.nodes(data=True):
        for value in data.values():
            if isinstance(value, list):
                value.append("changed")
            elif isinstance(value, dict):
                value["changed"] = True
    for value in p.graph.values():
        if isinstance(value, list):
            value.append("changed")
        elif isinstance(value, dict):
            value["changed"] = True
    assert dict(g.nodes(data=True)) == before
    assert g.graph == graph_before

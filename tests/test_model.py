"""The model's objects, however they are made, behave as the dataclasses they are."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from relgraph.model import (
    Amount,
    Dataset,
    Evidence,
    Location,
    PartialDate,
    Relation,
    quick_constructor,
)


def _examples() -> list[tuple[type, tuple[object, ...]]]:
    loc = Location("data.jsonl", 7, 1)
    ev = Evidence("a quote", "art", "iran", "iran", 2, 10, 17, "A quote.", loc, "a note")
    amount = Amount(value=19, unit="agreement")
    return [
        (Location, ("data.jsonl", 7, 1)),
        (
            Evidence,
            (
                *("a quote", "art", "iran", "iran", 2, 10, 17, "A quote.", loc, "a note"),
                *("qualifies", (amount,), PartialDate(2023, 6), PartialDate(2023, 7), "efe"),
            ),
        ),
        (
            Relation,
            (
                *("r1", "iran", "cuba", "agreement", "reported", "cooperative", (ev,)),
                *(
                    PartialDate(2006),
                    None,
                    None,
                    None,
                    loc,
                    PartialDate(2007),
                    "announced",
                    "proposed",
                    ("r0",),
                ),
            ),
        ),
    ]


@pytest.mark.parametrize(("cls", "values"), _examples(), ids=lambda x: getattr(x, "__name__", ""))
def test_a_quickly_made_object_is_the_object_the_class_makes(
    cls: type, values: tuple[object, ...]
) -> None:
    quick = quick_constructor(cls)(*values)
    usual = cls(*values)
    assert type(quick) is cls
    assert quick == usual
    assert hash(quick) == hash(usual)
    assert repr(quick) == repr(usual)
    assert pickle.loads(pickle.dumps(quick)) == usual
    assert copy.deepcopy(quick) == usual
    assert dataclasses.replace(quick) == usual
    name = dataclasses.fields(cls)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(quick, name, "changed")
    for obj in (quick, usual):  # refused alike (Python 3.11 says so with a TypeError)
        with pytest.raises((AttributeError, TypeError)):
            obj.extra = 1  # type: ignore[union-attr]


def test_a_quick_constructor_wants_every_field() -> None:
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'column'"):
        quick_constructor(Location)("data.jsonl", 7)


def test_only_slotted_dataclasses_get_a_quick_constructor() -> None:
    with pytest.raises(TypeError, match="Dataset is not a dataclass with slots"):
        quick_constructor(Dataset)


def test_entities_and_sources_are_found_by_id(bundled: Dataset) -> None:
    import dataclasses as dc

    assert bundled.entity("iran").name == "Iran"
    assert bundled.source(bundled.sources[0].id) is bundled.sources[0]
    with pytest.raises(KeyError, match="nobody"):
        bundled.entity("nobody")
    with pytest.raises(KeyError, match="nothing"):
        bundled.source("nothing")
    # a dataset made by hand may repeat an id: the first one is found, as before
    first = bundled.entities[0]
    twice = dc.replace(bundled, entities=(first, dc.replace(first, name="Second")))
    assert twice.entity(first.id).name == first.name
    # a changed copy has its own index
    fewer = dc.replace(bundled, entities=bundled.entities[1:])
    with pytest.raises(KeyError):
        fewer.entity(first.id)
    assert bundled.entity(first.id) is first
    assert pickle.loads(pickle.dumps(bundled)).entity("iran") == bundled.entity("iran")

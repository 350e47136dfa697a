"""Names sort the same on every machine, and the command line's tables line up whatever
the script."""

from __future__ import annotations

from typing import Any

import pytest

from relgraph.cli.width import width
from relgraph.collation import sort_key
from support import BASE_YAML, run

NAMES = ["Zoë", "Ñandú", "Ålesund", "习近平", "Zoe\u0308 Decomposed", "abel"]


def test_names_sort_by_letters_then_accents_not_by_code_point() -> None:
    assert sorted(NAMES, key=sort_key) == [
        "abel",
        "Ålesund",
        "Ñandú",
        "Zoë",
        "Zoe\u0308 Decomposed",
        "习近平",
    ]


def test_the_actor_table_orders_ties_by_name_and_lines_up(
    capsys: pytest.CaptureFixture[str], make_dataset: Any
) -> None:
    extra = "".join(
        f"  - id: extra-{i}\n    name: {name}\n    kind: state\n" for i, name in enumerate(NAMES)
    )
    path = make_dataset(BASE_YAML.replace("relations:\n", extra + "relations:\n", 1))
    code, out, err = run(capsys, "analyze", str(path), "-m", "degree")
    assert code == 0, err
    rows = [line for line in out.splitlines() if "extra-" in line]
    shown = [next(n for n in NAMES if f" {n} " in f" {row} ") for row in rows]
    assert shown == sorted(NAMES, key=sort_key)  # all of degree 0: by name
    # the id column starts at the same terminal column on every row, header included
    header = out.splitlines()[0]
    starts = {width(header[: header.index(" id ") + 1])}
    for row in rows:
        starts.add(width(row[: row.index(" extra-") + 1]))
    assert len(starts) == 1, starts

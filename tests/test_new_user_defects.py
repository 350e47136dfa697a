"""Defects a new user hits in the input: each pinned with the exact message they see."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import relgraph
from relgraph.errors import DatasetError
from support import BASE_YAML, run


def _problems(path: Path) -> list[Any]:
    with pytest.raises(DatasetError) as exc:
        relgraph.load(path)
    return [d for d in exc.value.diagnostics if d.severity == "error"]


def test_a_missing_status_suggests_reported_and_lists_the_others(make_dataset: Any) -> None:
    path = make_dataset(BASE_YAML.replace("    status: reported\n", ""))
    [problem] = _problems(path)
    assert (problem.code, problem.message) == ("missing-field", "this relation has no 'status'")
    assert problem.hint == (
        "add 'status: reported' if the source reports it, or the status it gives: "
        "confirmed, alleged, disputed, denied"
    )


@pytest.mark.parametrize("written", ["1e3", "2.5e3", "1E-2", "0o17"])
def test_a_name_that_reads_as_a_number_is_one_and_the_fix_is_to_quote_it(
    make_dataset: Any, written: str
) -> None:
    path = make_dataset(BASE_YAML.replace("name: Iran", f"name: {written}"))
    [problem] = _problems(path)
    assert problem.code == "wrong-type"
    assert problem.message == f"'name' of an entity must be text, not a number ({written})"
    assert problem.hint == 'write name: "…" in quotes to keep it as text'
    # the same as a number YAML 1.1 knows
    [known] = _problems(make_dataset(BASE_YAML.replace("name: Iran", "name: 1000")))
    assert known.message == "'name' of an entity must be text, not a number (1000)"


def test_a_quoted_number_like_name_is_text_and_survives_conversion(
    make_dataset: Any, tmp_path: Path
) -> None:
    path = make_dataset(BASE_YAML.replace("name: Iran", 'name: "1e3"'))
    assert relgraph.load(path).entity("iran").name == "1e3"
    from relgraph.convert import convert

    convert(path, tmp_path / "copy.jsonl")
    convert(tmp_path / "copy.jsonl", tmp_path / "back.yaml")
    assert relgraph.load(tmp_path / "back.yaml").entity("iran").name == "1e3"


def test_an_entity_of_an_unknown_kind_is_reported_once_not_at_each_relation(
    make_dataset: Any,
) -> None:
    path = make_dataset(
        BASE_YAML.replace("name: Cuba\n    kind: state", "name: Cuba\n    kind: island")
    )
    problems = _problems(path)
    assert [(p.code, p.message) for p in problems] == [
        ("unknown-kind", "'island' is not an entity kind")
    ]


def test_the_validate_help_names_json_lines(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", "--help")
    assert code == 0
    assert "JSON Lines" in out


def test_the_csv_import_keeps_white_space_in_aliases_country_tags_and_ids(
    make_dataset: Any, tmp_path: Path
) -> None:
    from relgraph.export import export
    from relgraph.imports import import_csv

    spaced = (
        "name: Cuba\n"
        '    aliases: [" Cuba ", "República de Cuba "]\n'
        '    country: " Cuba"\n'
        '    tags: [" island", "state "]\n'
        "    external_ids:\n"
        '      wikidata: " Q241"\n'
    )
    ds = relgraph.load(make_dataset(BASE_YAML.replace("name: Cuba\n", spaced, 1)))
    cuba = ds.entity("cuba")
    assert cuba.aliases == (" Cuba ", "República de Cuba ")
    export(ds, "csv", tmp_path / "csv")
    (tmp_path / "back").mkdir()
    csv = tmp_path / "csv"
    back = import_csv(
        csv / "entities.csv",
        csv / "relations.csv",
        tmp_path / "back" / "data.yaml",
        sources=csv / "sources.csv",
        claims=csv / "claims.csv",
        meta=csv / "meta.yaml",
    ).entity("cuba")
    assert (back.aliases, back.country, back.tags, dict(back.external_ids)) == (
        (" Cuba ", "República de Cuba "),
        " Cuba",
        (" island", "state "),
        {"wikidata": " Q241"},
    )


@pytest.mark.parametrize(
    ("drop", "message", "hint"),
    [
        ("  title: Demo\n", "this dataset has no 'title'", "add 'title: <what the dataset maps>'"),
        (
            "    title: An article\n",
            "this source has no 'title'",
            "add 'title: <the title the source has>'",
        ),
        (
            "    text: sources/art.txt\n",
            "this source has no 'text'",
            "add 'text: sources/<file>.txt'",
        ),
        (
            "    name: Cuba\n",
            "this entity has no 'name'",
            "add 'name: <the name as the source gives it>'",
        ),
        ("  - source: iran\n", "this relation has no 'source'", "add 'source: <an entity id>'"),
        (
            "        source: art\n",
            "this evidence item has no 'source'",
            "add 'source: <a source id>'",
        ),
    ],
    ids=["dataset title", "source title", "source text", "entity name", "relation", "evidence"],
)
def test_a_missing_field_is_hinted_with_a_placeholder_not_a_value_to_copy(
    make_dataset: Any, drop: str, message: str, hint: str
) -> None:
    """`add 'title: Cuba–Iran relations'` read like the title to write; a placeholder does not."""
    text = BASE_YAML.replace(drop, "", 1)
    if drop == "  - source: iran\n":
        text = text.replace("    target: cuba\n", "  - target: cuba\n", 1)
    problems = _problems(make_dataset(text))
    [problem] = [p for p in problems if p.code == "missing-field"]
    assert (problem.message, problem.hint) == (message, hint)


def test_the_evidence_summary_of_one_relation_agrees_in_number(
    make_dataset: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "evidence", str(make_dataset()), "-q")
    assert code == 0
    assert out.splitlines()[0] == "demo: 1 relation or claim, 0 with conflicts"

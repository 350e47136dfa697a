"""The JSON Schema of the dataset file: valid, made from the vocabulary, agrees with the loader."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from test_export import make_tricky

import relgraph
from relgraph.cli import main
from relgraph.load.yaml import Node, read_yaml
from relgraph.schema import dataset_schema, schema_json
from support import sha256_of

ROOT = Path(__file__).resolve().parents[1]


def typed(node: Node) -> Any:
    """A YAML node as the data an editor's YAML support hands the schema."""
    if node.kind == "map":
        return {k: typed(v) for k, v in node.value.items()}
    if node.kind == "seq":
        return [typed(v) for v in node.value]
    if node.kind == "null":
        return None
    if node.kind == "int":
        return int(node.value)
    if node.kind == "float":
        return float(node.value)
    if node.kind == "bool":
        return node.value.lower() in ("true", "yes", "on", "y")
    return node.value


def load_typed(path: Path | str, text: str | None = None) -> Any:
    root, problems = read_yaml(str(path), text)
    assert problems == []
    assert root is not None
    return typed(root)


def errors(instance: Any, schema: dict[str, Any] | None = None) -> list[tuple[str, str]]:
    validator = jsonschema.Draft202012Validator(schema or dataset_schema())
    return sorted(
        ("/".join(str(p) for p in e.absolute_path), e.validator)
        for e in validator.iter_errors(instance)
    )


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(dataset_schema())


def test_the_bundled_dataset_matches_the_schema() -> None:
    assert errors(load_typed(ROOT / "graph_data" / "cuba_iran.yaml")) == []


@pytest.mark.parametrize("name", ["raisi_havana_2023.yaml", "cuba_iran_havana.yaml"])
def test_the_other_bundled_datasets_match_the_schema(name: str) -> None:
    path = ROOT / "graph_data" / name
    schema = dataset_schema(relgraph.load(path).vocabulary)
    assert errors(load_typed(path), schema) == []


def test_a_cues_only_type_entry_and_review_marks_match_the_schema() -> None:
    text = BASE.replace(
        "entities:",
        "vocabulary:\n  relation_types:\n    - {id: visit, cues: [toured]}\nentities:",
        1,
    )
    assert "cues: [toured]" in text
    marked = text.replace("kind: state}", "kind: state, review: proposed}", 1)
    assert errors(load_typed("t.yaml", marked)) == []
    # a cue entry is only id and cues; a mark is proposed or accepted
    assert ("vocabulary/relation_types/0", "anyOf") in errors(
        load_typed("t.yaml", text.replace("cues: [toured]", "cues: [toured], label: x"))
    )
    assert errors(load_typed("t.yaml", marked.replace("review: proposed", "review: done"))) != []


def test_the_readme_example_matches_the_schema() -> None:
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(dataset:.*?)```", readme, re.S)
    assert block is not None
    assert errors(load_typed("README.md", block.group(1))) == []


def test_files_the_imports_write_match_the_schema(bundled: relgraph.Dataset) -> None:
    from relgraph.imports import dataset_yaml

    assert errors(load_typed("copy.yaml", dataset_yaml(bundled))) == []


def test_enumerations_come_from_the_vocabulary() -> None:
    vocab = relgraph.builtin_vocabulary()
    defs = dataset_schema()["$defs"]
    assert defs["entity"]["properties"]["kind"]["enum"] == list(vocab.entity_kinds)
    assert defs["relation"]["properties"]["type"]["enum"] == list(vocab.relation_types)
    assert defs["relation"]["properties"]["status"]["enum"] == [
        "confirmed",
        "reported",
        "alleged",
        "disputed",
        "denied",
    ]
    assert defs["source"]["properties"]["reliability"]["enum"] == list("ABCDEF")


def test_a_datasets_own_kinds_and_types_are_in_its_schema(tmp_path: Path) -> None:
    path = make_tricky(tmp_path)
    ds = relgraph.load(path)
    own = dataset_schema(ds.vocabulary)
    assert "armed_group" in own["$defs"]["entity"]["properties"]["kind"]["enum"]
    assert "funds" in own["$defs"]["relation"]["properties"]["type"]["enum"]
    assert errors(load_typed(path), own) == []
    assert ("entities/3/kind", "enum") in errors(load_typed(path))  # built-in only: flagged


BASE = """dataset: {id: d, title: D}
sources:
  - {id: s, title: S, reliability: F, text: s.txt, sha256: "%s"}
entities:
  - {id: iran, name: Iran, kind: state}
relations:
  - source: iran
    target: iran
    type: visit
    status: reported
    evidence:
      - {quote: q, source: s, credibility: 2}
""" % ("0" * 64)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("kind: state", "kind: stat", ("entities/0/kind", "enum")),
        ("status: reported", "status: rumoured", ("relations/0/status", "enum")),
        ("type: visit", "type: visits", ("relations/0/type", "enum")),
        ("{quote: q, source: s", "{qoute: q, source: s", ("relations/0/evidence/0", "required")),
        (
            "    status: reported",
            "    date: January 2006\n    status: reported",
            ("relations/0/date", "pattern"),
        ),
        (
            "    status: reported",
            "    date: 2006\n    start: 2005\n    status: reported",
            ("relations/0", "not"),
        ),
        ("reliability: F", "reliability: G", ("sources/0/reliability", "enum")),
        ("credibility: 2", "credibility: 7", ("relations/0/evidence/0/credibility", "maximum")),
        ("dataset: {id: d, title: D}", "datset: {id: d, title: D}", ("", "additionalProperties")),
        ("name: Iran,", "name: Iran, colour: red,", ("entities/0", "additionalProperties")),
        (
            "    evidence:\n      - {quote: q, source: s, credibility: 2}\n",
            "",
            ("relations/0", "required"),
        ),
    ],
)
def test_mistakes_the_loader_rejects_are_flagged_where_they_are(
    old: str, new: str, expected: tuple[str, str]
) -> None:
    assert old in BASE
    found = errors(load_typed("t.yaml", BASE.replace(old, new)))
    assert expected in found
    assert {path for path, _ in found} == {expected[0]}  # flagged where the mistake is


def test_what_the_loader_accepts_the_schema_accepts() -> None:
    lenient = (
        BASE.replace("credibility: 2", 'credibility: "2"')
        .replace("kind: state}", "kind: state, aliases: Persia, country: null}")
        .replace("    status: reported", "    date: 2006\n    status: reported")
    )
    assert errors(load_typed("t.yaml", lenient)) == []


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(list(args))
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


def test_cli_schema_prints_or_writes_the_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    assert json.loads(out) == dataset_schema()
    code, out, err = run(capsys, "schema", "-o", str(tmp_path / "s.json"))
    assert (code, out) == (0, "")
    assert err == f"relgraph: wrote the dataset schema to {tmp_path / 's.json'}\n"
    assert (tmp_path / "s.json").read_text(encoding="utf-8") == schema_json()


def test_cli_schema_of_a_dataset_includes_its_vocabulary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "schema", str(make_tricky(tmp_path)))
    assert code == 0
    assert "funds" in json.loads(out)["$defs"]["relation"]["properties"]["type"]["enum"]


def test_the_docs_show_how_to_wire_the_schema_into_vs_code() -> None:
    doc = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    assert "# yaml-language-server: $schema=" in doc
    assert '"yaml.schemas"' in doc
    assert "relgraph schema -o" in doc


@pytest.mark.parametrize(
    "section",
    [
        "  alleged_attributions: the data the article cites\n",
        "views:\n  - {id: v, title: V, actors: iran, relations: r1, hide_statuses: denied}\n",
        "views:\n  - {id: v, title: V, hide_kinds: state}\n",
    ],
    ids=["alleged_attributions", "view lists", "hide_kinds"],
)
def test_one_value_where_a_list_goes_is_as_valid_for_the_schema_as_for_the_loader(
    tmp_path: Path, section: str
) -> None:
    """The loader (and the README) take a single value for a list; the schema once refused
    it ('is not of type array'), so an editor marked a dataset relgraph loads as wrong."""
    text = BASE.replace("    type: visit\n", "    id: r1\n    type: visit\n", 1)
    text = text.replace("    target: iran\n", "    target: cuba\n", 1).replace(
        "kind: state}\n", "kind: state}\n  - {id: cuba, name: Cuba, kind: state}\n", 1
    )
    if section.startswith("  "):
        text = text.replace("dataset: {id: d, title: D}\n", "dataset:\n  id: d\n  title: D\n")
        text = text.replace("  title: D\n", "  title: D\n" + section, 1)
    else:
        text += section
    (tmp_path / "s.txt").write_text("q", encoding="utf-8")
    text = text.replace("0" * 64, sha256_of("q"))
    path = tmp_path / "d.yaml"
    path.write_text(text, encoding="utf-8")
    relgraph.load(path)  # loads: no problem
    assert errors(load_typed(path)) == []
    # and a wrong single value is still refused
    wrong = (
        text.replace("iran, relations", "Not An Id, relations")
        .replace("hide_kinds: state", "hide_kinds: stat")
        .replace("hide_statuses: denied", "hide_statuses: deny")
    )
    if wrong != text:
        assert errors(load_typed("t.yaml", wrong)) != []

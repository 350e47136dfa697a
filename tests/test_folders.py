"""A folder holding several datasets is several datasets; a judgements file is none."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import relgraph
from relgraph.folders import folder_contents
from support import BASE_YAML, run

ROOT = Path(__file__).resolve().parents[1]
SECOND = BASE_YAML.replace("id: demo\n  title: Demo", "id: second\n  title: Second")
JUDGEMENTS = """\
judgements:
  - pair: [demo:iran, second:iran]
    kind: entity
    judgement: same
    decided_by: the desk
"""


@pytest.fixture
def folder(make_dataset: Any) -> Path:
    """A folder of two datasets and the judgements between them."""
    first = make_dataset(BASE_YAML, name="demo.yaml")
    make_dataset(SECOND, name="second.yaml")
    (first.parent / "judgements.yaml").write_text(JUDGEMENTS, encoding="utf-8")
    return first.parent


def test_validate_checks_each_dataset_of_a_folder_and_reports_by_file(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    code, out, err = run(capsys, "validate", "--strict", str(folder))
    assert (code, out) == (0, "")
    assert err.splitlines() == [
        f"{folder}/demo.yaml: dataset 'demo' ok",
        f"{folder}/judgements.yaml: judgements ok",
        f"{folder}/second.yaml: dataset 'second' ok",
        f"{folder}: 2 datasets, 1 other file, each ok",
    ]


def test_a_folder_of_several_datasets_is_refused_where_one_is_needed(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    code, out, err = run(capsys, "render", str(folder), "-o", str(folder / "page.html"))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{folder}: error[several-datasets] the folder holds 2 datasets, not one: "
        "demo.yaml, second.yaml",
        f"  hint: name one of them ({folder}/demo.yaml), or list them to read them as one; "
        f"`relgraph validate {folder}` checks each on its own",
        f"relgraph: {folder}: 1 error; nothing was written",
    ]
    assert not (folder / "page.html").exists()
    # named one by one, they are read as one, as the hint says
    both = relgraph.load([folder / "demo.yaml", folder / "second.yaml"])
    assert [p.id for p in both.parts] == ["demo", "second"]


def test_the_problems_of_each_dataset_are_reported_under_its_file(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    second = folder / "second.yaml"
    second.write_text(second.read_text("utf-8").replace("kind: group", "kind: militia"), "utf-8")
    (folder / "stray.yaml").write_text("entities: []\n", encoding="utf-8")
    code, _, err = run(capsys, "validate", str(folder))
    assert code == 1
    assert err.splitlines() == [
        f"{folder}/demo.yaml: dataset 'demo' ok",
        f"{folder}/judgements.yaml: judgements ok",
        f"{folder}/second.yaml:19:11: error[unknown-kind] 'militia' is not an entity kind",
        "  hint: `relgraph vocab` lists the kinds",
        f"{folder}/second.yaml: 1 error",
        f"{folder}/stray.yaml: error[no-dataset-section] this file has no 'dataset:' section, "
        "and the folder holds several datasets: it belongs to none of them",
        "  hint: give it a 'dataset:' section of its own, or move it into a folder with the "
        "dataset it belongs to",
        f"{folder}/stray.yaml: 1 error",
        f"relgraph: {folder}: 2 datasets, 2 other files, 2 with problems: 2 errors",
    ]


def test_the_judgements_file_is_checked_against_the_datasets_beside_it(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    judgements = folder / "judgements.yaml"
    judgements.write_text(JUDGEMENTS.replace("second:iran", "second:persia"), "utf-8")
    code, _, err = run(capsys, "validate", str(folder))
    assert code == 1
    assert err.splitlines()[1:4] == [
        f"{judgements}:2:5: error[unknown-ref] 'second:persia' names no actor of the "
        "dataset second",
        "  hint: check the actor's id in second",
        f"{judgements}: 1 error",
    ]


def test_a_judgements_file_is_never_taken_for_part_of_a_dataset(make_dataset: Any) -> None:
    path = make_dataset(BASE_YAML, name="demo.yaml")
    (path.parent / "judgements.yaml").write_text(JUDGEMENTS, encoding="utf-8")
    assert relgraph.load(path.parent).id == "demo"
    assert relgraph.validate(path.parent) == []


def test_a_json_lines_dataset_is_one_of_the_folders_datasets(folder: Path, tmp_path: Path) -> None:
    from relgraph.convert import convert

    convert(folder / "second.yaml", folder / "third.jsonl")
    (folder / "third.jsonl").write_text(
        (folder / "third.jsonl").read_text("utf-8").replace('"second"', '"third"', 1), "utf-8"
    )
    contents = folder_contents(folder)
    assert [[Path(f).name for f in files] for files in contents.datasets] == [
        ["demo.yaml"],
        ["second.yaml"],
        ["third.jsonl"],
    ]


def test_a_dataset_split_over_files_still_loads_as_one(make_dataset: Any) -> None:
    head, rest = BASE_YAML.split("relations:\n")
    path = make_dataset(head, name="a.yaml")
    (path.parent / "b.yaml").write_text("relations:\n" + rest, encoding="utf-8")
    assert len(relgraph.load(path.parent).relations) == 1


def test_strict_passes_a_conflict_between_sources_and_fails_other_warnings(
    capsys: pytest.CaptureFixture[str], make_dataset: Any
) -> None:
    counted = BASE_YAML.replace(
        "        source: art\n",
        "        source: art\n"
        "        amount: {value: 1, unit: agreement}\n"
        "      - quote: Officials said the ties were “firm and progressive”.\n"
        "        source: art\n"
        "        amount: {value: 2, unit: agreement}\n",
    )
    path = make_dataset(counted)
    code, _, err = run(capsys, "validate", "--strict", str(path))
    assert code == 0, err
    assert "warning[conflict]" in err
    assert err.splitlines()[-1] == f"{path}: ok (1 warning)"
    unconfirmed = counted.replace("status: reported", "status: confirmed")
    code, _, err = run(capsys, "validate", "--strict", str(make_dataset(unconfirmed)))
    assert code == 1
    assert "warning[unconfirmed]" in err


def test_the_bundled_folder_validates_strictly(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "validate", "--strict", str(ROOT / "graph_data"))
    assert code == 0, err
    lines = err.splitlines()
    for name in ("cuba_iran", "raisi_havana_2023"):
        assert f"{ROOT}/graph_data/{name}.yaml: dataset '{name}' ok" in "\n".join(lines)
    assert lines[-1].startswith(f"{ROOT}/graph_data: ")
    assert "each ok" in lines[-1]

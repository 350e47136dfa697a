"""docs/scale.md's Spark recipe, run on the bundled datasets and compared with relgraph's numbers.

The recipe starts a Java process (pyspark's own jars; a Java runtime must be installed) and
takes about half a minute, so it runs only when asked: ``RELGRAPH_SPARK=1 pytest
tests/test_scale_recipes.py`` after ``pip install pyspark``. Both of its blocks are read from
the docs page itself, the export command and the Python code, and run as they stand there, so
the page shows what is tested.
"""

from __future__ import annotations

import os
import re
import shlex
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from test_export import make_tricky

import relgraph
from relgraph.analysis import centrality
from relgraph.convert import read_records
from support import run

ROOT = Path(__file__).resolve().parents[1]
SCALE = ROOT / "docs" / "scale.md"
DATASETS = ["cuba_iran.yaml", "cuba_iran_havana.yaml", "raisi_havana_2023.yaml"]


def _section() -> str:
    return SCALE.read_text(encoding="utf-8").split("## Recipe 2", 1)[1].split("\n## ", 1)[0]


def spark_recipe() -> str:
    """The Python block of the page's Spark recipe."""
    match = re.search(r"```python\n(.*?)```", _section(), re.DOTALL)
    assert match, "docs/scale.md has no Python block in its Spark recipe"
    return match.group(1)


def export_command() -> list[str]:
    """The arguments of the recipe's `relgraph export` command, DATASET.yaml still in them."""
    lines = re.findall(r"^relgraph export .*$", _section(), re.MULTILINE)
    assert len(lines) == 1, "docs/scale.md's Spark recipe shows one export command"
    return shlex.split(lines[0])[1:]


def test_the_spark_recipe_is_python() -> None:
    code = spark_recipe()
    compile(code, "docs/scale.md", "exec")
    assert "spark.read.json(path)" in code
    assert 'path = "dataset.jsonl"' in code


def write_jsonl(capsys: pytest.CaptureFixture[str], dataset: Path) -> None:
    """Run the recipe's export command on ``dataset`` in the current folder."""
    args = [str(dataset) if a == "DATASET.yaml" else a for a in export_command()]
    code, _, err = run(capsys, *args)
    assert code == 0, err


def test_the_recipes_export_command_writes_what_its_python_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without Spark: the command runs and writes the file the Python block names, ids in it."""
    assert "DATASET.yaml" in export_command()
    dataset = make_tricky(tmp_path / "data")  # relations and a claim written without ids
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    write_jsonl(capsys, dataset)
    assert os.listdir(".") == ["dataset.jsonl"]  # no texts: Spark reads the records only
    ds = relgraph.load(dataset)
    ids = [f["id"] for kind, f in read_records("dataset.jsonl") if kind in ("relation", "claim")]
    assert ids == [r.id for r in ds.relations] + [c.id for c in ds.claims]
    assert "min-a.meeting.min-b" in ids  # one relgraph made up


@pytest.mark.skipif(
    os.environ.get("RELGRAPH_SPARK") != "1",
    reason="starts Java: run with RELGRAPH_SPARK=1 after `pip install pyspark` (docs/scale.md)",
)
@pytest.mark.timeout(600)
def test_the_spark_recipe_counts_what_relgraph_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code = spark_recipe()
    paths = [ROOT / "graph_data" / name for name in DATASETS]
    paths.append(make_tricky(tmp_path / "tricky"))  # made-up ids: the quotes must find them
    # one folder for every dataset: Spark's JVM resolves "dataset.jsonl" against the folder it
    # was started in, whatever the current folder is later
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    spark = None
    try:
        for dataset in paths:
            write_jsonl(capsys, dataset)  # replaces the last one's file
            scope: dict[str, Any] = {}
            exec(compile(code, "docs/scale.md", "exec"), scope)
            spark = scope["spark"]
            ds = relgraph.load(dataset)
            name = dataset.name
            degree = {row["actor"]: row["degree"] for row in scope["degree"].collect()}
            c = centrality(ds, ["degree"])
            ours = dict(zip(c.actors, c.values["degree"], strict=True))
            assert degree == {a: d for a, d in ours.items() if d}, name
            quotes = Counter((r["relation"], r["quote"]) for r in scope["quotes"].collect())
            assert quotes == Counter((r.id, e.quote) for r in ds.relations for e in r.evidence)
            by_status = {r["status"]: r["relations"] for r in scope["by_status"].collect()}
            assert by_status == Counter(r.status for r in ds.relations), name
    finally:
        if spark is not None:
            spark.stop()

"""docs/scale.md's Spark recipe, run on the bundled datasets and compared with relgraph's numbers.

The recipe starts a Java process (pyspark's own jars; a Java runtime must be installed) and
takes about half a minute, so it runs only when asked: ``RELGRAPH_SPARK=1 pytest
tests/test_scale_recipes.py`` after ``pip install pyspark``. The block is read from the docs
page itself, so the page shows what is tested.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import relgraph
from relgraph.analysis import centrality
from relgraph.export import export

ROOT = Path(__file__).resolve().parents[1]
SCALE = ROOT / "docs" / "scale.md"
DATASETS = ["cuba_iran.yaml", "cuba_iran_havana.yaml", "raisi_havana_2023.yaml"]


def spark_recipe() -> str:
    """The Python block of the page's Spark recipe."""
    text = SCALE.read_text(encoding="utf-8")
    section = text.split("## Recipe 2", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match, "docs/scale.md has no Python block in its Spark recipe"
    return match.group(1)


def test_the_spark_recipe_is_python() -> None:
    code = spark_recipe()
    compile(code, "docs/scale.md", "exec")
    assert "spark.read.json(path)" in code


@pytest.mark.skipif(
    os.environ.get("RELGRAPH_SPARK") != "1",
    reason="starts Java: run with RELGRAPH_SPARK=1 after `pip install pyspark` (docs/scale.md)",
)
@pytest.mark.timeout(600)
def test_the_spark_recipe_counts_what_relgraph_counts(tmp_path: Path) -> None:
    code = spark_recipe()
    spark = None
    try:
        for name in DATASETS:
            ds = relgraph.load(ROOT / "graph_data" / name)
            path = tmp_path / name.replace(".yaml", ".jsonl")
            export(ds, "jsonl", path, texts=False)
            scope: dict[str, Any] = {"path": str(path)}
            exec(compile(code, "docs/scale.md", "exec"), scope)
            spark = scope["spark"]
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

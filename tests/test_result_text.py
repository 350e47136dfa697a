"""The reports are the results' own: the command line prints ``to_text()`` and ``to_markdown()``.

Python and notebook users get the same text as ``relgraph analyze``, ``path`` and
``ego`` print, so each command's output is compared with the result object's report.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import relgraph
from relgraph import analysis
from support import run

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = str(ROOT / "graph_data" / "cuba_iran.yaml")


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_analyze_prints_the_centrality_s_report(
    capsys: pytest.CaptureFixture[str], bundled: relgraph.Dataset, fmt: str
) -> None:
    code, out, _ = run(
        capsys, "analyze", BUNDLED, "-m", "pagerank,degree", "--top", "5", "--format", fmt
    )
    c = analysis.centrality(bundled, ["pagerank", "degree"])
    report = c.to_text(top=5) if fmt == "text" else c.to_markdown(top=5)
    assert (code, out) == (0, report + "\n")


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_analyze_sensitivity_prints_the_sensitivity_s_report(
    capsys: pytest.CaptureFixture[str], bundled: relgraph.Dataset, fmt: str
) -> None:
    code, out, _ = run(capsys, "analyze", BUNDLED, "--sensitivity", "--top", "4", "--format", fmt)
    s = analysis.sensitivity(bundled, "pagerank")
    report = s.to_text(4) if fmt == "text" else s.to_markdown(4)
    assert (code, out) == (0, report + "\n")

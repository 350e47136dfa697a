"""The reports are the results' own: the command line prints ``to_text()`` and ``to_markdown()``.

Python and notebook users get the same text as ``relgraph analyze``, ``path`` and
``ego`` print, so each command's output is compared with the result object's report.
"""

from __future__ import annotations

import os
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


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_analyze_communities_prints_the_partition_s_report(
    capsys: pytest.CaptureFixture[str], bundled: relgraph.Dataset, fmt: str
) -> None:
    code, out, _ = run(capsys, "analyze", BUNDLED, "--communities", "--seed", "1", "--format", fmt)
    c = analysis.communities(bundled, seed=1)
    listed = "--format csv lists them all"
    report = c.to_text(listed=listed) if fmt == "text" else c.to_markdown(listed=listed)
    assert (code, out) == (0, report + "\n")


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_analyze_balance_prints_the_balance_s_report(
    capsys: pytest.CaptureFixture[str], bundled: relgraph.Dataset, fmt: str
) -> None:
    code, out, _ = run(capsys, "analyze", BUNDLED, "--balance", "--format", fmt)
    b = analysis.balance(bundled)
    assert (code, out) == (0, (b.to_text() if fmt == "text" else b.to_markdown()) + "\n")
    assert "unbalanced triangles" in out or "frustrated ties" in out


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_analyze_by_year_prints_the_timeline_s_report(
    capsys: pytest.CaptureFixture[str], bundled: relgraph.Dataset, fmt: str
) -> None:
    code, out, _ = run(capsys, "analyze", BUNDLED, "--by", "year", "--cumulative", "--format", fmt)
    t = analysis.over_time(bundled, "year", cumulative=True)
    assert (code, out) == (0, (t.to_text() if fmt == "text" else t.to_markdown()) + "\n")


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_path_prints_the_paths_report(
    capsys: pytest.CaptureFixture[str], bundled: relgraph.Dataset, fmt: str
) -> None:
    code, out, _ = run(
        capsys, "path", "hamas", "United States", BUNDLED, "-k", "2", "--format", fmt
    )
    p = analysis.paths(bundled, "hamas", "United States", 2)
    assert (code, out) == (0, (p.to_text() if fmt == "text" else p.to_markdown()) + "\n")


def test_path_with_no_path_prints_nothing_on_stdout(
    capsys: pytest.CaptureFixture[str], bundled: relgraph.Dataset
) -> None:
    code, out, err = run(capsys, "path", "gaza", "venezuela", BUNDLED, "--status", "confirmed")
    assert (code, out) == (0, "")
    assert "no path" in err
    assert analysis.paths(bundled, "gaza", "venezuela", filter=_confirmed()).to_text() == ""


def _confirmed() -> relgraph.filters.Filter:
    from relgraph.filters import Filter

    return Filter(statuses=("confirmed",))


@pytest.mark.parametrize("fmt", ["text", "markdown"])
@pytest.mark.parametrize("quotes", [False, True])
def test_ego_prints_the_neighbourhood_s_report(
    capsys: pytest.CaptureFixture[str], bundled: relgraph.Dataset, fmt: str, quotes: bool
) -> None:
    argv = ["ego", "Hezbollah", BUNDLED, "--radius", "2", "--format", fmt]
    code, out, _ = run(capsys, *argv, *(["--quotes"] if quotes else []))
    e = analysis.ego(bundled, "Hezbollah", 2)
    report = e.to_text(quotes) if fmt == "text" else e.to_markdown(quotes)
    assert (code, out) == (0, report + "\n")


def test_a_report_makes_data_text_inert_and_escapes_it_for_markdown() -> None:
    from relgraph.model import Dataset, Entity

    ds = Dataset(
        "d",
        "D",
        relgraph.builtin_vocabulary(),
        entities=(Entity("x", "\x1b[31m*X*", "state"),),
    )
    c = analysis.centrality(ds, "degree")
    assert "\x1b" not in c.to_text()
    assert "\\*X\\*" in c.to_markdown()


#: Each report as a user reads it, from the bundled dataset and from the fixture with every
#: status (``tests/fixtures/statuses``): the files under ``tests/fixtures/reports`` hold the
#: text exactly. The tests above show that the command line prints the result's report; these
#: pin the report itself. After a deliberate change of a report, write the files anew with
#: ``RELGRAPH_WRITE_REPORTS=1`` and read the difference before committing it.
REPORTS = Path(__file__).parent / "fixtures" / "reports"
STATUSES = Path(__file__).parent / "fixtures" / "statuses" / "statuses.yaml"
SIGNED = Path(__file__).parent / "fixtures" / "signed" / "signed.yaml"


def _reports(name: str, fmt: str) -> str:
    md = fmt == "markdown"
    prefix, _, rest = name.partition("-")
    found = {"statuses": STATUSES, "signed": SIGNED}.get(prefix)
    ds = relgraph.load(found or BUNDLED)
    kind = rest if found else name
    if kind == "ego-one":
        e = analysis.ego(ds, "Alphaland", 1)
        return e.to_markdown(False) if md else e.to_text(False)
    if kind == "paths-hostile":
        p = analysis.paths(ds, "Alphaland", "Gammaria", 3)
        return p.to_markdown() if md else p.to_text()
    listed = "--format csv lists them all"
    if kind == "centrality":
        c = analysis.centrality(ds, ["pagerank", "degree", "betweenness"])
        return c.to_markdown(top=6) if md else c.to_text(top=6)
    if kind == "sensitivity":
        s = analysis.sensitivity(ds, "pagerank")
        return s.to_markdown(5) if md else s.to_text(5)
    if kind == "communities":
        p = analysis.communities(ds, seed=1)
        return p.to_markdown(listed=listed) if md else p.to_text(listed=listed)
    if kind == "balance":
        b = analysis.balance(ds)
        return b.to_markdown() if md else b.to_text()
    if kind == "timeline":
        t = analysis.over_time(ds, "year", cumulative=True)
        return t.to_markdown() if md else t.to_text()
    if kind == "timeline-months":
        t = analysis.over_time(ds, "month")
        return t.to_markdown() if md else t.to_text()
    if kind == "paths":
        p = analysis.paths(ds, "hamas", "United States", 3)
        return p.to_markdown() if md else p.to_text()
    if kind == "ego":
        e = analysis.ego(ds, "Alphaland" if found == SIGNED else "Hezbollah", 2)
        return e.to_markdown(True) if md else e.to_text(True)
    raise ValueError(name)


@pytest.mark.parametrize("fmt", ["text", "markdown"])
@pytest.mark.parametrize(
    "name",
    [
        "centrality",
        "sensitivity",
        "communities",
        "balance",
        "timeline",
        "timeline-months",
        "paths",
        "ego",
        "statuses-centrality",
        "statuses-sensitivity",
        "statuses-communities",
        "statuses-balance",
        "statuses-timeline",
        "signed-balance",
        "signed-communities",
        "signed-centrality",
        "signed-ego",
        "signed-ego-one",
        "signed-paths-hostile",
    ],
)
def test_each_report_reads_exactly_as_it_did(name: str, fmt: str) -> None:
    path = REPORTS / f"{name}.{'md' if fmt == 'markdown' else 'txt'}"
    report = _reports(name, fmt) + "\n"
    if os.environ.get("RELGRAPH_WRITE_REPORTS"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(report, encoding="utf-8")
    assert report == path.read_text(encoding="utf-8")

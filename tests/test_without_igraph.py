"""relgraph with python-igraph missing: the page and the analysis say what they need.

igraph is a declared dependency (the page's layout is igraph's), so an install without it is a
broken one; these tests hide it (``sys.modules["igraph"] = None`` makes every ``import igraph``
fail, as it would where it is not installed) and check that nothing ends in relgraph's
"internal error" message, which would blame a bug, and that nothing falls back to NetworkX
unasked: NetworkX, the reference engine, computes only when named. The tests of every other
file run with it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Literal

import pytest

import relgraph
from relgraph.analysis import centrality, communities
from relgraph.errors import UsageError
from relgraph.jupyter import mimebundle
from relgraph.rendering import NoLayoutEngine
from support import run

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = str(ROOT / "graph_data" / "cuba_iran.yaml")
MESSAGE = (
    "relgraph: error: the page's layout needs python-igraph, which is not installed\n"
    "  hint: pip install igraph (a dependency of relgraph)\n"
)


@pytest.fixture
def no_igraph(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """igraph hidden, in a fresh current folder."""
    monkeypatch.setitem(sys.modules, "igraph", None)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ImportError):
        import igraph  # noqa: F401
    return tmp_path


@pytest.mark.parametrize(
    "argv",
    [
        ["render", BUNDLED, "-o", "page.html"],
        ["render", BUNDLED, "-o", "-"],
        ["ego", "cuba", BUNDLED, "--page", "ego.html"],
    ],
    ids=lambda a: " ".join(a[:1] + a[-2:]),
)
def test_a_page_without_igraph_is_refused_with_what_to_install(
    no_igraph: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.endswith(MESSAGE)
    assert "internal error" not in err
    assert list(no_igraph.iterdir()) == []  # nothing written


def test_render_raises_no_layout_engine(no_igraph: Path, bundled: relgraph.Dataset) -> None:
    with pytest.raises(NoLayoutEngine, match="needs python-igraph"):
        relgraph.render(bundled, str(no_igraph / "page.html"))
    assert list(no_igraph.iterdir()) == []


NO_ENGINE = (
    "relgraph: error: the igraph engine needs python-igraph, which is not installed\n"
    "  hint: pip install igraph (a dependency of relgraph); or compute on NetworkX, the "
    "reference engine, with --engine networkx\n"
)
#: The library's message names the Python argument, not the command line's option.
NO_ENGINE_API = (
    "the igraph engine needs python-igraph, which is not installed\n"
    "  hint: pip install igraph (a dependency of relgraph); or compute on NetworkX, the "
    'reference engine, with engine="networkx"'
)


@pytest.mark.parametrize(
    "argv",
    [
        ["analyze", BUNDLED],
        ["analyze", BUNDLED, "--engine", "igraph"],
        ["analyze", BUNDLED, "--communities"],
        ["analyze", BUNDLED, "--sensitivity"],
        ["analyze", BUNDLED, "--by", "year"],
    ],
    ids=lambda a: " ".join(a[2:]) or "analyze",
)
def test_the_analysis_without_igraph_says_what_to_install_and_does_not_fall_back(
    no_igraph: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.endswith(NO_ENGINE)
    assert "internal error" not in err


@pytest.mark.parametrize("engine", ["auto", "igraph"])
def test_centrality_and_communities_without_igraph_raise_a_usage_error(
    no_igraph: Path, bundled: relgraph.Dataset, engine: Literal["auto", "igraph"]
) -> None:
    with pytest.raises(UsageError) as raised:
        centrality(bundled, ["degree"], engine=engine)
    assert str(raised.value) == NO_ENGINE_API
    with pytest.raises(UsageError) as raised:
        communities(bundled, engine=engine)
    assert str(raised.value) == NO_ENGINE_API
    assert "--engine" not in str(raised.value)


def test_the_networkx_engine_named_runs_without_igraph(
    no_igraph: Path, bundled: relgraph.Dataset, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "analyze", BUNDLED, "--engine", "networkx", "--format", "csv")
    assert code == 0, err
    assert "engine: networkx" in err
    assert out.splitlines()[0].startswith("rank,")
    c = centrality(bundled, ["degree", "pagerank"], engine="networkx")
    assert c.engine == "networkx"
    assert dict(zip(c.actors, c.values["degree"], strict=True))["cuba"] == 10


@pytest.mark.parametrize(
    "argv",
    [
        ["path", "hamas", "venezuela", BUNDLED],
        ["ego", "cuba", BUNDLED],
        ["analyze", BUNDLED, "--balance"],
    ],
    ids=lambda a: a[0] if a[0] != "analyze" else "balance",
)
def test_what_needs_no_igraph_runs_without_it(
    no_igraph: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    assert out


def test_jupyter_shows_the_summary_and_why_there_is_no_page(
    no_igraph: Path, bundled: relgraph.Dataset
) -> None:
    html = mimebundle(bundled)["text/html"]
    assert "<iframe" not in html
    assert "its layout needs python-igraph, which is not installed" in html
    assert "31" in html  # the summary's counts are there

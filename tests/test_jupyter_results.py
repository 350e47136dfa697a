"""Analysis results in a notebook: a cell ending in a result shows its Markdown report."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import relgraph
from relgraph.analysis import (
    Network,
    balance,
    centrality,
    communities,
    ego,
    over_time,
    paths,
    sensitivity,
)
from relgraph.evidence_report import evidence_report

BUNDLED = "graph_data/cuba_iran.yaml"

RESULTS: dict[str, Callable[[Network], Any]] = {
    "centrality": lambda net: centrality(net, "degree"),
    "communities": lambda net: communities(net),
    "balance": lambda net: balance(net),
    "sensitivity": lambda net: sensitivity(net, "degree"),
    "over_time": lambda net: over_time(net),
    "paths": lambda net: paths(net, "cuba", "iran"),
    "ego": lambda net: ego(net, "cuba"),
    "evidence_report": lambda net: evidence_report(net.dataset),
}


@pytest.fixture(scope="module")
def net() -> Network:
    return Network(relgraph.load(BUNDLED))


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_a_result_shows_its_markdown_report(name: str, net: Network) -> None:
    result = RESULTS[name](net)
    shown = result._repr_markdown_()
    assert shown == result.to_markdown()
    assert shown.strip()


@pytest.mark.parametrize("name", ["centrality", "paths", "evidence_report"])
def test_a_notebook_displays_the_report_as_markdown(name: str, net: Network) -> None:
    formatters = pytest.importorskip("IPython.core.formatters")
    result = RESULTS[name](net)
    data, _ = formatters.DisplayFormatter().format(result)
    assert data["text/markdown"] == result.to_markdown()

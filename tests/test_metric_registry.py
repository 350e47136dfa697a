"""The metric registry: one entry per metric, read by the engines, the command line and the page."""

from __future__ import annotations

import json
import math

import pytest

import relgraph
from relgraph.analysis import METRICS, TOLERANCE, MetricInfo, Network, centrality
from relgraph.rendering import SIZE_METRICS, page_data
from support import run


def test_every_metric_carries_both_engines_and_a_label() -> None:
    for name, info in METRICS.items():
        assert isinstance(info, MetricInfo)
        assert info.name == name
        assert info.label
        assert info.description
        assert callable(info.igraph)
        assert callable(info.networkx)


@pytest.mark.parametrize("name", list(METRICS))
def test_each_entry_s_callables_agree_with_each_other(bundled: relgraph.Dataset, name: str) -> None:
    info = METRICS[name]
    net = Network(bundled)
    directed = info.projection == "directed"
    by_igraph = info.igraph(net, net.igraph(directed), None)
    by_networkx = info.networkx(net.projection(directed), None, 0)
    assert len(by_igraph) == len(net.actors) == len(by_networkx)
    for actor, value in zip(net.actors, by_igraph, strict=True):
        expected = by_networkx[actor]
        if math.isnan(expected):
            assert math.isnan(value)
        else:
            assert abs(value - expected) < TOLERANCE, (name, actor)
    # centrality() computes through the same entry
    c = centrality(net, name)
    assert [None if math.isnan(v) else v for v in c.values[name]] == [
        None if math.isnan(v) else v for v in by_igraph
    ]


def test_the_page_sizes_by_the_registry_s_page_metrics() -> None:
    assert (*(m for m, info in METRICS.items() if info.page), "none") == SIZE_METRICS


def test_the_page_s_labels_and_help_come_from_the_registry(bundled: relgraph.Dataset) -> None:
    settings = page_data(bundled)["settings"]
    for metric in settings["metrics"]:
        assert settings["metric_labels"][metric] == METRICS[metric].label
        assert settings["metric_help"][metric].lower().startswith(METRICS[metric].description)


def test_analyze_offers_every_metric_of_the_registry(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "analyze", "--help")
    assert code == 0
    flat = " ".join(out.split())
    assert f"Metrics: {', '.join(METRICS)}." in flat


def test_a_result_describes_its_metrics_by_the_registry_s_six_fields(
    bundled: relgraph.Dataset,
) -> None:
    data = centrality(bundled, "all").to_dict()
    json.dumps(data)  # no callable slipped in
    for entry in data["metrics"]:
        assert set(entry) == {
            "name",
            "description",
            "projection",
            "weighted",
            "ascending",
            "integer",
            "samples",
        }
        info = METRICS[entry["name"]]
        assert entry["description"] == info.description


def test_importing_relgraph_does_not_import_the_analysis_for_the_page_s_list() -> None:
    """The page reads the registry when it is drawn, not when relgraph is imported."""
    import subprocess
    import sys

    code = (
        "import sys, relgraph, relgraph.rendering\n"
        "print('relgraph.analysis' in sys.modules)\n"
        "from relgraph.rendering import SIZE_METRICS\n"
        "print(SIZE_METRICS[-1])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "False\nnone\n"

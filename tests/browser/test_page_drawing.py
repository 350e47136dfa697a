"""How the page draws a selection and relation labels: fading, label places, parallel lines.

Measured in Debian's headless Chromium on pages opened from file://, with real mouse
clicks where a reader would click.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from relgraph.rendering import render

pytestmark = pytest.mark.browser

Rendered = Any
Opened = Any
Open = Callable[[Rendered], Opened]

#: How dark the drawing is around a point of the canvas (0: nothing drawn, 1: black).
INK = """([x, y]) => {
    const canvas = document.querySelector('#graph canvas');
    const ratio = canvas.width / canvas.getBoundingClientRect().width;
    const d = window.relgraph.network.canvasToDOM({x: x, y: y});
    const data = canvas.getContext('2d').getImageData(
        Math.round(d.x * ratio) - 2, Math.round(d.y * ratio) - 2, 5, 5).data;
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) {
        ink += (data[i + 3] / 255) * (765 - data[i] - data[i + 1] - data[i + 2]) / 765;
    }
    return ink / (data.length / 4);
}"""


def drawn(opened: Opened) -> None:
    """Wait for the next frame to be drawn."""
    opened.js(
        """() => new Promise((done) => {
        const net = window.relgraph.network;
        net.once('afterDrawing', () => setTimeout(done, 30));
        net.redraw();
    })"""
    )


def resized(opened: Opened) -> None:
    """Wait until the graph's canvas has taken its box's new size (after a viewport change).

    The canvas follows its box on a later frame; on a busy machine a fit made before
    then is undone by the resize's own redraw.
    """
    opened.js(
        """() => new Promise((done) => {
        let steady = 0;
        const check = () => {
            const box = document.getElementById('graph').getBoundingClientRect();
            const canvas = document.querySelector('#graph canvas').getBoundingClientRect();
            const same = Math.abs(box.width - canvas.width) < 1
                && Math.abs(box.height - canvas.height) < 1;
            steady = same ? steady + 1 : 0;
            if (steady >= 3) done(); else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
    })"""
    )


def rested(opened: Opened) -> None:
    """Wait until the view has stopped moving (a tap on a phone pans the selection clear of
    the details drawer, in an animation)."""
    opened.js(
        """() => new Promise((done) => {
        const net = window.relgraph.network;
        let last = null, steady = 0;
        const check = () => {
            const p = net.getViewPosition();
            const now = [p.x, p.y, net.getScale()].join();
            steady = now === last ? steady + 1 : 0;
            last = now;
            if (steady >= 3) done(); else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
    })"""
    )


def ink_at(opened: Opened, node: str) -> float:
    position = opened.js(f"window.relgraph.network.getPositions([{node!r}])[{node!r}]")
    return float(opened.js(INK, [position["x"], position["y"]]))


def test_selecting_an_actor_fades_all_but_its_neighbours_until_deselected(
    pages: dict[str, Rendered], open_page: Open
) -> None:
    bundled = pages["bundled"]
    opened = open_page(bundled)
    drawn(opened)
    before = {n: ink_at(opened, n) for n in ("venezuela", "iran", "wagon-pars", "hezbollah")}
    assert opened.js("window.relgraph.kept()") is None
    # a real click on Venezuela, whose one neighbour is Iran
    position = opened.js("window.relgraph.network.getPositions(['venezuela']).venezuela")
    point = opened.dom_point(position)
    opened.page.mouse.click(point["x"], point["y"])
    assert opened.details_title() == "Venezuela"
    kept = opened.js("window.relgraph.kept()")
    assert kept == {"nodes": ["iran", "venezuela"], "edges": ["iran-venezuela-alliance"]}
    drawn(opened)
    after = {n: ink_at(opened, n) for n in before}
    # the neighbour is drawn as before (the actor in its selected colours); the others
    # fade to a sixth or so
    assert after["venezuela"] > 0.6 * before["venezuela"]
    assert after["iran"] == pytest.approx(before["iran"], rel=0.05)
    for faded in ("wagon-pars", "hezbollah"):
        assert after[faded] < 0.35 * before[faded], (faded, before[faded], after[faded])
    # a relation selected keeps that relation and its two actors
    opened.js("window.relgraph.selectEdge('cuba-hosts-hezbollah-base')")
    assert opened.js("window.relgraph.kept()") == {
        "nodes": ["cuba", "hezbollah"],
        "edges": ["cuba-hosts-hezbollah-base"],
    }
    # a click on the empty background deselects: everything is drawn in full again
    box = opened.page.locator("#graph canvas").bounding_box()
    opened.page.mouse.click(box["x"] + 6, box["y"] + 6)
    assert opened.js("window.relgraph.kept()") is None
    drawn(opened)
    again = {n: ink_at(opened, n) for n in before}
    for n, value in before.items():
        assert again[n] == pytest.approx(value, rel=0.05), n
    assert opened.errors == []


def overlapping(labels: list[dict[str, Any]]) -> list[tuple[str, str]]:
    found = []
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            p, q = a["box"], b["box"]
            if (
                p["left"] < q["right"]
                and q["left"] < p["right"]
                and p["top"] < q["bottom"]
                and q["top"] < p["bottom"]
            ):
                found.append((a["id"], b["id"]))
    return found


def test_relation_labels_are_legible_and_never_overlap(
    pages: dict[str, Rendered], open_page: Open
) -> None:
    bundled = pages["bundled"]
    opened = open_page(bundled)
    opened.page.set_viewport_size({"width": 1440, "height": 900})
    opened.js("window.relgraph.network.fit()")
    drawn(opened)
    alleged = sorted(r.id for r in bundled.dataset.relations if r.is_allegation)
    labels = opened.js("window.relgraph.labels()")
    # every allegation is labelled, and no two labels cover each other
    assert sorted(x["id"] for x in labels) == alleged
    assert overlapping(labels) == []
    opened.js(
        "const s = document.getElementById('edge-labels'); s.value = 'all';"
        " s.dispatchEvent(new Event('change'))"
    )
    drawn(opened)
    labels = opened.js("window.relgraph.labels()")
    ids = {x["id"] for x in labels}
    assert set(alleged) <= ids
    assert len(ids) >= len(bundled.dataset.relations) // 3
    assert overlapping(labels) == []
    # some labels moved along their line, or beside it, to find room
    assert {(x["at"], x["offset"]) for x in labels} != {(0.5, 0)}
    # at least 11 px high on screen
    scale = opened.js("window.relgraph.network.getScale()")
    heights = [(x["box"]["bottom"] - x["box"]["top"]) * scale for x in labels]
    assert min(heights) >= 11
    assert opened.errors == []


def test_every_parallel_line_between_a_pair_can_be_clicked(
    pages: dict[str, Rendered], open_page: Open, tmp_path: Path
) -> None:
    bundled = pages["bundled"]
    ds = bundled.dataset
    pair = [r for r in ds.relations if {r.source, r.target} == {"cuba", "iran"}]
    # eleven lines between Cuba and Iran: the dataset's, and copies under other ids
    extra = [dataclasses.replace(pair[i], id=f"copy-{i}") for i in range(11 - len(pair))]
    eleven = dataclasses.replace(ds, relations=(*ds.relations, *extra))
    path = tmp_path / "eleven.html"
    render(eleven, path)
    opened = open_page(type(bundled)(eleven, path))
    ids = [r.id for r in (*pair, *extra)]
    assert len(ids) == 11
    # on a wide screen as drawn; on a phone zoomed in on the pair, as a reader would
    for width, height, fit in ((1440, 900, "[]"), (390, 844, "['cuba', 'iran']")):
        opened.page.set_viewport_size({"width": width, "height": height})
        resized(opened)
        opened.js(f"window.relgraph.network.fit({{nodes: {fit}}})")
        drawn(opened)
        for rid in ids:
            # a point of the line where nothing else is
            point = opened.js(
                """(id) => {
                const net = window.relgraph.network;
                const e = net.body.edges[id];
                const via = e.edgeType.getViaNode();
                const r = document.querySelector('#graph canvas').getBoundingClientRect();
                const labels = window.relgraph.labels().map((x) => x.box);
                const under = (p) => labels.some(
                    (b) => p.x >= b.left && p.x <= b.right && p.y >= b.top && p.y <= b.bottom);
                for (let k = 0; k < 45; k++) {
                    const t = 0.5 + (k % 2 ? 1 : -1) * 0.02 * Math.ceil(k / 2);
                    const p = e.edgeType.getPoint(t, via);
                    const d = net.canvasToDOM(p);
                    // this relation and nothing else within 2 px: a mouse hits it
                    let clear = !under(p);
                    for (let i = 0; i < 25 && clear; i++) {
                        const q = {x: d.x + (i % 5) - 2, y: d.y + Math.floor(i / 5) - 2};
                        clear = window.relgraph.edgeAt(q) === id && net.getNodeAt(q) === undefined;
                    }
                    if (clear) {
                        return {x: r.left + d.x, y: r.top + d.y};
                    }
                }
                return null;
            }""",
                rid,
            )
            assert point is not None, f"no point of {rid} can be clicked at {width} px"
            opened.page.mouse.click(point["x"], point["y"])
            assert opened.js("window.relgraph.kept()")["edges"] == [rid]
            assert f"relation={rid}" in opened.page.url
            opened.page.keyboard.press("Escape")
            rested(opened)
    assert opened.errors == []

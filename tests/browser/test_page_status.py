"""How the page shows a relation's status: badges, labels and lines, measured in Chromium."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

Rendered = Any
Opened = Any
Open = Callable[[Rendered], Opened]

#: Every pixel of the drawing in a box of canvas coordinates, as [r, g, b, a] lists.
PIXELS = """([x0, y0, x1, y1]) => {
    const net = window.relgraph.network;
    const canvas = document.querySelector('#graph canvas');
    const ratio = canvas.width / canvas.getBoundingClientRect().width;
    const a = net.canvasToDOM({x: x0, y: y0}), b = net.canvasToDOM({x: x1, y: y1});
    const left = Math.floor(Math.min(a.x, b.x) * ratio);
    const top = Math.floor(Math.min(a.y, b.y) * ratio);
    const width = Math.max(1, Math.ceil(Math.abs(b.x - a.x) * ratio));
    const height = Math.max(1, Math.ceil(Math.abs(b.y - a.y) * ratio));
    const data = canvas.getContext('2d').getImageData(left, top, width, height).data;
    const out = [];
    for (let i = 0; i < data.length; i += 4) {
        out.push([data[i], data[i + 1], data[i + 2], data[i + 3]]);
    }
    return out;
}"""


def _redraw(opened: Opened, positions: dict[str, tuple[float, float]], scale: float = 1) -> None:
    """Move actors to canvas positions, zoom to ``scale`` around the origin, and wait
    until the drawing shows them there."""
    for _ in range(2):  # the second drawing measures labels where the first put them
        opened.js(
            """([positions, scale]) => new Promise((done) => {
            const net = window.relgraph.network;
            for (const [id, [x, y]] of Object.entries(positions)) net.moveNode(id, x, y);
            net.moveTo({position: {x: 0, y: 0}, scale: scale});
            net.once('afterDrawing', () => setTimeout(done, 50));
            net.redraw();
        })""",
            [{k: list(v) for k, v in positions.items()}, scale],
        )


def _label_box(opened: Opened, kind: str, ident: str) -> list[float]:
    """The box vis-network last drew a node's or an edge's label in (canvas coordinates)."""
    box = opened.js(
        f"""() => {{
        const size = window.relgraph.network.body.{kind}[{ident!r}].labelModule.size;
        return [size.left, size.top, size.left + size.width, size.top + size.height];
    }}"""
    )
    return [float(v) for v in box]


def _ink(pixels: list[list[int]]) -> int:
    """How many pixels are the brown ink of an allegation's label (#8a3b00), and no
    blend of it with anything else (the relation's red line, an actor's dark name)."""
    return sum(1 for r, g, b, a in pixels if a > 200 and r > 100 and g < 90 and b < 20)


def test_status_badges_never_break_inside_the_word(
    pages: dict[str, Rendered], open_page: Open
) -> None:
    opened = open_page(pages["sample"])
    opened.page.locator("#toggle-table").click()
    statuses = {r.status for r in pages["sample"].dataset.relations}
    assert statuses >= {"confirmed", "reported", "alleged", "disputed", "denied"}
    # the narrow layout too, where the status column is at its tightest
    for width in (1400, 1000):
        opened.page.set_viewport_size({"width": width, "height": 900})
        badges = opened.js(
            """[...document.querySelectorAll('#relations-table .badge')].map((b) => {
                const cell = b.closest('td').getBoundingClientRect();
                const r = b.getBoundingClientRect();
                return [b.textContent, r.height, r.right <= cell.right + 0.5];
            })"""
        )
        assert {text for text, _, _ in badges} == statuses
        for text, height, inside in badges:
            assert height <= 18, f"the badge '{text}' takes two lines at {width} px"
            assert inside, f"the badge '{text}' spills out of its cell at {width} px"
    # and in the panels, where a badge follows a name or a statement
    opened.page.set_viewport_size({"width": 1000, "height": 900})
    for select in ("selectNode('borduria')", "selectEdge('front-weapons')"):
        opened.js(f"window.relgraph.{select}")
        heights = opened.js(
            "[...document.querySelectorAll('#details .badge')]"
            ".map((b) => [b.textContent, b.getBoundingClientRect().height])"
        )
        assert heights, select
        for text, height in heights:
            assert height <= 18, f"the badge '{text}' takes two lines in the panel"


def test_an_allegation_label_is_never_hidden_under_an_actor_label(
    pages: dict[str, Rendered], open_page: Open, tmp_path: Path
) -> None:
    from relgraph.rendering import render

    sample = pages["sample"]
    ds = sample.dataset
    keep = {"borduria", "atlantis"}
    # long names: the actor's label is wider than the relation's, and covers it entirely
    entities = tuple(
        dataclasses.replace(e, name=f"{e.name} of the Northern Provinces")
        for e in ds.entities
        if e.id in keep
    )
    relations = tuple(r for r in ds.relations if r.id == "listening-post")
    small = dataclasses.replace(ds, entities=entities, relations=relations, claims=())
    path = tmp_path / "short.html"
    render(small, path)
    opened = open_page(type(sample)(small, path))
    assert opened.js("window.relgraph.edges.get('listening-post').label") == "alleged"

    # far apart, the label is in the clear: how much of its ink shows (zoomed in, so
    # that most of its pixels are whole, not the edges of letters)
    _redraw(opened, {"borduria": (-300, 0), "atlantis": (300, 0)}, scale=2)
    clear = _ink(opened.js(PIXELS, _label_box(opened, "edges", "listening-post")))
    assert clear > 100

    # a short vertical relation whose middle is where the upper actor's name is written
    below = 100.0
    for _ in range(5):  # bring the lower actor up until the relation's middle is on the name
        _redraw(opened, {"borduria": (0, -60), "atlantis": (0, below)}, scale=2)
        box = _label_box(opened, "edges", "listening-post")
        name = _label_box(opened, "nodes", "borduria")
        off = (name[1] + name[3]) / 2 - (box[1] + box[3]) / 2
        if abs(off) < 1:
            break
        below += 2 * off
    # the name's box holds the label's
    assert box[0] >= name[0]
    assert box[2] <= name[2]
    assert box[1] < name[3]
    assert box[3] > name[1]
    shown = _ink(opened.js(PIXELS, box))
    assert shown >= 0.9 * clear, f"only {shown} of {clear} pixels of 'alleged' show"


def test_confirmed_and_reported_relations_are_drawn_differently(
    pages: dict[str, Rendered], open_page: Open, tmp_path: Path
) -> None:
    from relgraph.rendering import render

    sample = pages["sample"]
    ds = sample.dataset
    by_id = {r.id: r for r in ds.relations}
    assert by_id["energy-agreement"].status == "confirmed"
    assert by_id["sugar-trade"].status == "reported"
    # the two relations alone, each between its own pair of actors, one evidence item each
    confirmed = dataclasses.replace(
        by_id["energy-agreement"], evidence=by_id["energy-agreement"].evidence[:1]
    )
    reported = dataclasses.replace(
        by_id["sugar-trade"], source="ana-cruz", target="zenda", evidence=confirmed.evidence
    )
    keep = {confirmed.source, confirmed.target, reported.source, reported.target}
    small = dataclasses.replace(
        ds,
        entities=tuple(e for e in ds.entities if e.id in keep),
        relations=(confirmed, reported),
        claims=(),
    )
    path = tmp_path / "statuses.html"
    render(small, path)
    opened = open_page(type(sample)(small, path))
    _redraw(
        opened,
        {
            confirmed.source: (-250, -120),
            confirmed.target: (250, -120),
            reported.source: (-250, 120),
            reported.target: (250, 120),
        },
    )
    style = {r.id: opened.js(f"window.relgraph.edges.get({r.id!r})") for r in (confirmed, reported)}
    assert style[confirmed.id]["width"] == style[reported.id]["width"]
    assert style[confirmed.id]["dashes"] is False
    assert style[reported.id]["dashes"] is False

    def beside(y: float) -> list[list[int]]:
        """The pixels just beside a horizontal line at ``y``, away from any label and from
        the category mark at the line's middle."""
        half = style[confirmed.id]["width"] / 2
        return list(opened.js(PIXELS, [60, y + half + 1, 180, y + half + 3]))

    painted = [sum(1 for p in beside(y) if p[3] > 40) for y in (-120, 120)]
    assert painted[0] > 0.8 * len(beside(-120)), "a confirmed relation is drawn with a halo"
    assert painted[1] == 0, "a reported relation is drawn as a plain line"
    legend = str(opened.page.locator("#legend").text_content())
    assert "Confirmed" in legend
    assert "Reported" in legend
    assert "Reported or confirmed" not in legend

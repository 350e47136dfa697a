"""The page at every width, views in the address, paths, time, the table and access.

Each test opens a rendered page from file:// in Debian's headless Chromium, with the
network off, and drives it as a reader would: mouse, keyboard, Back and Forward.
Screenshots go to build/browser-artifacts/ (or $RELGRAPH_ARTIFACTS).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from relgraph.analysis import paths

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(os.environ.get("RELGRAPH_ARTIFACTS", ROOT / "build" / "browser-artifacts"))

Rendered = Any
Page = Any
Open = Callable[..., Page]


@pytest.fixture
def view(browser: Any) -> Iterator[Open]:
    """Open a page at a size, optionally with a view in its address; wait for the drawing."""
    contexts: list[Any] = []

    def opener(
        rendered: Rendered,
        width: int = 1400,
        height: int = 900,
        hash: str = "",
        **options: Any,
    ) -> Page:
        context = browser.new_context(
            viewport={"width": width, "height": height}, offline=True, **options
        )
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.goto(rendered.url + hash)
        page.wait_for_function(
            "window.relgraph && window.relgraph.firstDraw !== null", timeout=20_000
        )
        return page

    yield opener
    for context in contexts:
        context.close()


def until(page: Page, expression: str) -> None:
    """Wait for a condition of the page (the page's policy forbids Playwright's own polling)."""
    for _ in range(100):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {expression}")


def drawn_inside(page: Page) -> dict[str, Any]:
    """The canvas's box and how many actors vis-network drew inside it."""
    return dict(
        page.evaluate(
            """() => {
            const net = window.relgraph.network;
            const box = document.querySelector('#graph canvas').getBoundingClientRect();
            const pos = net.getPositions();
            let inside = 0;
            for (const id of net.body.nodeIndices) {
                const d = net.canvasToDOM(pos[id]);
                if (d.x >= 0 && d.y >= 0 && d.x <= box.width && d.y <= box.height) inside++;
            }
            return {width: box.width, height: box.height, drawn: net.body.nodeIndices.length,
                    inside: inside};
        }"""
        )
    )


# -- 1. a layout for every width -------------------------------------------------------


@pytest.mark.parametrize("size", [(390, 844), (768, 1024), (1440, 900), (320, 640)])
def test_the_graph_gets_the_room_at_every_width(
    pages: dict[str, Rendered], view: Open, size: tuple[int, int]
) -> None:
    bundled = pages["bundled"]
    page = view(bundled, *size)
    found = drawn_inside(page)
    n = len(bundled.dataset.entities)
    assert found["width"] >= min(300, size[0] - 20)
    assert found["height"] >= 300
    assert found["drawn"] == n
    assert found["inside"] == n
    # nothing scrolls sideways
    assert page.evaluate("document.documentElement.scrollWidth") <= size[0]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"page-{size[0]}x{size[1]}.png"))
    assert page.errors == []


@pytest.mark.parametrize("name", ["Cuba", "senior adviser to the Iranian health minister"])
def test_on_a_phone_the_focused_details_title_keeps_clear_of_the_close_button(
    pages: dict[str, Rendered], view: Open, name: str
) -> None:
    """The title's focus ring once ran through "Close details": the heading's box went on
    under the floated button, and so did the ring drawn around it."""
    page = view(pages["bundled"], 390, 844)
    page.locator("#search").fill(name)
    page.locator("#search").press("Enter")
    assert page.locator("#details").is_visible()
    assert (page.locator("#details-title").text_content() or "").startswith(name)
    page.locator("#details-title").focus()
    title = page.locator("#details-title").bounding_box()
    close = page.locator("#close-details").bounding_box()
    ring = 3 + 2  # the outline's width and offset (page.css, :focus-visible)
    beside = title["x"] + title["width"] + ring <= close["x"]
    below = title["y"] - ring >= close["y"] + close["height"]
    assert beside or below, (title, close)
    assert page.evaluate("document.activeElement.id") == "details-title"
    assert page.errors == []


def test_on_a_phone_the_panels_are_drawers(pages: dict[str, Rendered], view: Open) -> None:
    page = view(pages["bundled"], 390, 844)
    assert page.locator("#controls").is_hidden()
    assert page.locator("#details").is_hidden()
    # a tap on an actor opens its details over the graph
    point = page.evaluate(
        """() => {
        const net = window.relgraph.network;
        const d = net.canvasToDOM(net.getPositions(['cuba']).cuba);
        const r = document.querySelector('#graph canvas').getBoundingClientRect();
        return {x: r.left + d.x, y: r.top + d.y};
    }"""
    )
    page.mouse.click(point["x"], point["y"])
    assert page.locator("#details").is_visible()
    assert page.locator("#details-title").text_content() == "Cuba"
    assert page.locator("#open-details").get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert page.locator("#details").is_hidden()
    page.locator("#open-controls").click()
    assert page.locator("#controls").is_visible()
    box = page.locator("#controls").bounding_box()
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 390
    page.locator("#close-controls").click()
    assert page.locator("#controls").is_hidden()
    assert page.errors == []


SIGHT = """(sel) => {
    const net = window.relgraph.network;
    const box = document.querySelector('#graph canvas').getBoundingClientRect();
    const ids = sel.nodes.length ? sel.nodes
        : [net.body.edges[sel.edges[0]].fromId, net.body.edges[sel.edges[0]].toId];
    const pos = net.getPositions(ids);
    const points = ids.map((id) => {
        const d = net.canvasToDOM(pos[id]);
        return {x: box.left + d.x, y: box.top + d.y};
    });
    const drawer = document.getElementById('details').getBoundingClientRect();
    return {points: points, drawerTop: drawer.top, graphTop: box.top, graphBottom: box.bottom,
            width: box.width};
}"""

LOWEST = """() => {
    const net = window.relgraph.network;
    const box = document.querySelector('#graph canvas').getBoundingClientRect();
    const pos = net.getPositions();
    const dom = (p) => {
        const d = net.canvasToDOM(p);
        return {x: box.left + d.x, y: box.top + d.y};
    };
    const nodes = net.body.nodeIndices.map((id) => dom(pos[id]));
    // the actor drawn lowest, and the middle of the lowest relation clear of every actor
    const node = nodes.reduce((a, b) => (b.y > a.y ? b : a));
    let edge = null;
    for (const id of net.body.edgeIndices) {
        const e = net.body.edges[id];
        const a = dom(pos[e.fromId]), b = dom(pos[e.toId]);
        const m = {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2};
        const clear = nodes.every((n) => Math.hypot(n.x - m.x, n.y - m.y) > 30);
        if (clear && (!edge || m.y > edge.y)) edge = m;
    }
    return {node: node, edge: edge};
}"""


@pytest.mark.parametrize("size", [(390, 844), (768, 1024)])
def test_on_a_phone_or_tablet_the_selection_stays_above_the_drawer(
    pages: dict[str, Rendered], view: Open, size: tuple[int, int]
) -> None:
    page = view(pages["bundled"], *size, has_touch=True)
    for kind in ("node", "edge"):
        page.keyboard.press("Escape")
        page.locator("#fit").click()
        until(page, "document.getElementById('details').getBoundingClientRect().height === 0")
        # the lowest actor, or the lowest relation, lies where the drawer will open
        target = page.evaluate(LOWEST)[kind]
        page.mouse.click(target["x"], target["y"])
        assert page.locator("#details").is_visible()
        selection = page.evaluate("window.relgraph.network.getSelection()")
        assert selection["nodes" if kind == "node" else "edges"], kind
        page.wait_for_timeout(500)  # the pan is animated for 300 ms
        sight = page.evaluate(SIGHT, selection)
        # the drawer leaves a good part of the graph, across its whole width, above it
        assert sight["drawerTop"] - sight["graphTop"] >= 200
        assert sight["width"] >= 300
        for point in sight["points"]:
            assert sight["graphTop"] < point["y"] < sight["drawerTop"], (kind, sight)
            assert 0 < point["x"] < size[0], (kind, sight)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"drawer-{kind}-{size[0]}x{size[1]}.png"))
    assert page.errors == []


def test_print_shows_title_caveats_legend_view_and_evidence(
    pages: dict[str, Rendered], view: Open
) -> None:
    bundled = pages["bundled"]
    page = view(bundled)
    page.locator("#hide-allegations").check()
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    assert page.locator("#title").is_visible()
    caveats = str(page.locator("#print-caveats").text_content())
    assert caveats.startswith("Caveats: Single source of unknown reliability")
    assert page.locator("#print-caveats").is_visible()
    assert page.locator("#legend").is_visible()
    assert page.locator("#kinds").is_hidden()
    assert page.locator("#print-view").is_visible()
    assert str(page.locator("#print-view").get_attribute("src")).startswith("data:image/png")
    shown = sum(1 for r in bundled.dataset.relations if not r.is_allegation)
    assert page.locator("#relations-table tbody tr").count() == shown
    assert "Shown: " in str(page.locator("#print-filters").text_content())
    assert page.locator("#graph").is_hidden()


# -- 2. views in the address -------------------------------------------------------------


def test_a_view_in_the_address_opened_fresh_shows_that_view(
    pages: dict[str, Rendered], view: Open
) -> None:
    bundled = pages["bundled"]
    page = view(bundled)
    page.locator("#hide-allegations").check()
    page.locator("#kinds input[data-id=person]").uncheck()
    page.locator("#date-from").fill("2006")
    page.locator("#date-from").press("Enter")
    page.locator("#date-from").blur()
    page.evaluate("window.relgraph.selectNode('iran')")
    page.locator("#focus-depth").select_option("2")
    page.locator("#focus").click()
    page.evaluate("window.relgraph.network.moveTo({scale: 1.5, position: {x: 40, y: -20}})")
    # a zoom by the wheel is what marks the view as moved
    page.mouse.move(700, 450)
    page.mouse.wheel(0, -100)
    page.wait_for_timeout(600)
    url = page.url
    assert "#" in url
    assert "actor=iran" in url
    assert "focus=iran" in url
    before = page.evaluate(
        """() => ({counts: window.relgraph.counts(), scale: window.relgraph.network.getScale(),
                   pos: window.relgraph.network.getViewPosition(),
                   title: document.getElementById('details-title').textContent})"""
    )
    fresh = view(bundled, hash="#" + url.split("#", 1)[1])
    after = fresh.evaluate(
        """() => ({counts: window.relgraph.counts(), scale: window.relgraph.network.getScale(),
                   pos: window.relgraph.network.getViewPosition(),
                   title: document.getElementById('details-title').textContent})"""
    )
    assert after["counts"] == before["counts"]
    assert after["title"] == before["title"] == "Iran"
    assert after["scale"] == pytest.approx(before["scale"], rel=1e-2)
    assert after["pos"]["x"] == pytest.approx(before["pos"]["x"], abs=1)
    assert after["pos"]["y"] == pytest.approx(before["pos"]["y"], abs=1)
    assert fresh.locator("#hide-allegations").is_checked()
    assert not fresh.locator("#kinds input[data-id=person]").is_checked()
    assert fresh.locator("#date-from").input_value() == "2006"
    assert fresh.locator("#focus-depth").input_value() == "2"
    assert fresh.errors == []


def test_back_and_forward_step_through_the_views(pages: dict[str, Rendered], view: Open) -> None:
    page = view(pages["bundled"])
    total = page.evaluate("window.relgraph.counts().edges")
    page.evaluate("window.relgraph.selectNode('cuba')")
    page.locator("#hide-allegations").check()
    filtered = page.evaluate("window.relgraph.counts().edges")
    assert filtered < total
    page.evaluate("window.relgraph.selectNode('iran')")
    assert page.locator("#details-title").text_content() == "Iran"
    page.go_back()
    until(page, "document.getElementById('details-title').textContent === 'Cuba'")
    assert page.evaluate("window.relgraph.counts().edges") == filtered
    page.go_back()
    until(page, f"window.relgraph.counts().edges === {total}")
    assert not page.locator("#hide-allegations").is_checked()
    assert page.locator("#details-title").text_content() == "Cuba"
    page.go_forward()
    until(page, f"window.relgraph.counts().edges === {filtered}")
    assert page.locator("#hide-allegations").is_checked()
    assert page.errors == []


def test_copy_link_to_this_view_works_from_file(pages: dict[str, Rendered], view: Open) -> None:
    page = view(pages["bundled"])
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.evaluate("window.relgraph.selectNode('hamas')")
    page.locator("#copy-link").click()
    until(page, "document.getElementById('copy-link').textContent === 'Link copied'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("file://")
    assert copied.endswith("#actor=hamas")
    assert copied == page.url
    assert page.errors == []


def test_a_broken_view_in_the_address_is_ignored(pages: dict[str, Rendered], view: Open) -> None:
    page = view(pages["bundled"], hash="#actor=nobody&kinds=%E0%A4&view=x,y&statuses=__proto__")
    counts = page.evaluate("window.relgraph.counts()")
    assert counts["drawnEdges"] == counts["totalEdges"]
    assert page.locator("#details-title").count() == 0
    assert page.errors == []


# -- 3. how are A and B connected? --------------------------------------------------------


def path_in_page(page: Page) -> list[dict[str, Any]]:
    return list(
        page.evaluate(
            """() => Array.from(document.querySelectorAll('#details .path-hop'))
            .filter((el) => el.closest('#details'))
            .map((hop) => ({
                title: hop.querySelector('h4').textContent,
                alleged: hop.classList.contains('alleged'),
                readings: Array.from(hop.querySelectorAll('.path-relation button'))
                    .map((b) => b.textContent),
                quotes: Array.from(hop.querySelectorAll('blockquote')).map((q) => q.textContent),
            }))"""
        )
    )


def test_the_path_in_the_page_is_the_command_lines(pages: dict[str, Rendered], view: Open) -> None:
    bundled = pages["bundled"]
    page = view(bundled)
    page.locator("#path-from").select_option("hezbollah")
    page.locator("#path-to").select_option("venezuela")
    page.locator("#path-find").click()
    trail = paths(bundled.dataset, "Hezbollah", "Venezuela")
    first = trail.paths[0]
    names = {e.id: e.name for e in bundled.dataset.entities}
    found = path_in_page(page)
    hops = found[: len(first.hops)]
    assert len(hops) == len(first.hops)
    for shown, hop in zip(hops, first.hops, strict=True):
        assert shown["title"].startswith(
            f"Hop {first.hops.index(hop) + 1}: {names[hop.source]} – {names[hop.target]}"
        )
        assert shown["alleged"] == hop.alleged
        assert ("allegation only" in shown["title"]) == hop.alleged
        assert shown["readings"] == [r.reading for r in hop.relations]
        assert shown["quotes"] == [q.quote for r in hop.relations for q in r.quotes]
    heading = str(page.locator("#details h3").first.text_content())
    assert heading.startswith("Path 1: " + " – ".join(first.names))
    # the path is drawn: its actors and relations are the selection
    selected = set(page.evaluate("window.relgraph.network.getSelectedNodes()"))
    assert set(first.actors) <= selected
    assert "path=hezbollah%2Cvenezuela" in page.url
    assert page.errors == []


def test_the_path_respects_the_filters(pages: dict[str, Rendered], view: Open) -> None:
    bundled = pages["bundled"]
    page = view(bundled)
    page.evaluate("window.relgraph.path('hezbollah', 'venezuela')")
    assert len(path_in_page(page)) > 0
    page.locator("#hide-allegations").check()
    # Hezbollah's every tie is an allegation: with them hidden there is no path
    assert page.locator("#details .notice").first.text_content() == (
        "No path joins them through the relations shown (filters apply)."
    )
    assert path_in_page(page) == []


# -- 4. honest filters ----------------------------------------------------------------------


def test_hiding_allegations_hides_the_actors_they_alone_tie(
    pages: dict[str, Rendered], view: Open
) -> None:
    bundled = pages["bundled"]
    ds = bundled.dataset
    page = view(bundled)
    page.locator("#hide-allegations").check()
    shown = {r.id for r in ds.relations if not r.is_allegation}
    tied = {x for r in ds.relations if r.id in shown for x in (r.source, r.target)}
    untied = {e.id for e in ds.entities} - {x for r in ds.relations for x in (r.source, r.target)}
    lonely = {e.id for e in ds.entities} - tied - untied
    assert {"hamas", "hezbollah"} <= lonely
    drawn = set(page.evaluate("window.relgraph.nodeView.getIds()"))
    # an actor with no relation at all was not left alone by a filter: it stays
    assert drawn == tied | untied
    # the counts say shown/total
    alleged = sum(r.status == "alleged" for r in ds.relations)
    assert page.locator("#statuses .count[data-id=alleged]").text_content() == f"0/{alleged}"
    states = sum(e.kind == "state" for e in ds.entities)
    shown_states = sum(e.kind == "state" and e.id in drawn for e in ds.entities)
    assert page.locator("#kinds .count[data-id=state]").text_content() == (
        f"{shown_states}/{states}"
    )
    # the panels follow the filters
    page.evaluate("window.relgraph.selectNode('cuba')")
    panel = str(page.locator("#details").text_content())
    cuba = [r for r in ds.relations if "cuba" in (r.source, r.target)]
    cuba_shown = [r for r in cuba if r.id in shown]
    assert f"Relations ({len(cuba_shown)} of {len(cuba)})" in panel
    assert "hidden by the filters" in panel
    # and the toggle brings the lonely actors back
    page.locator("#hide-isolated").uncheck()
    assert set(page.evaluate("window.relgraph.nodeView.getIds()")) == {e.id for e in ds.entities}
    assert page.errors == []


# -- 5. time ---------------------------------------------------------------------------------


def test_time_counts_undated_relations_and_reads_partial_dates(
    pages: dict[str, Rendered], view: Open
) -> None:
    bundled = pages["bundled"]
    ds = bundled.dataset
    page = view(bundled)
    dated = [r for r in ds.relations if r.earliest() or r.latest()]
    undated = len(ds.relations) - len(dated)
    # one dated relation of many: the noun agrees with the many, the verb with the one
    assert len(dated) == 1
    assert page.locator("#dated-count").text_content() == (
        f"1 of {len(ds.relations)} relations is dated, 2006; {undated} undated."
    )
    assert page.locator("#undated-label").text_content() == (
        f"Include the {undated} undated relations"
    )
    # "2023-06" overlaps a relation dated 2023 (as --from/--until do)
    page.locator("#date-from").fill("2023-06")
    page.locator("#date-to").fill("2023-06")
    page.locator("#date-to").press("Tab")
    page.locator("#include-undated").uncheck()
    in_june = {
        r.id
        for r in dated
        if (r.latest() or "9999") >= "2023-06-01" and (r.earliest() or "0000") <= "2023-06-30"
    }
    assert set(page.evaluate("window.relgraph.edgeView.getIds()")) == in_june
    # a step through the years
    page.locator("#time-clear").click()
    page.locator("#time-next").click()
    first = min(str(r.earliest())[:4] for r in dated)
    assert page.locator("#date-from").input_value() == first
    assert page.errors == []


# -- 6. the table -----------------------------------------------------------------------------


def test_the_table_sorts_and_copies_with_quote_marks_and_sources(
    pages: dict[str, Rendered], view: Open
) -> None:
    bundled = pages["bundled"]
    ds = bundled.dataset
    page = view(bundled)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.locator("#toggle-table").click()
    page.locator("#relations-table th button[data-key=date]").click()
    assert page.locator("#relations-table th[data-key=date]").get_attribute("aria-sort") == (
        "ascending"
    )
    dates = page.locator("#relations-table tbody td.date").all_text_contents()
    filled = [d for d in dates if d]
    assert filled == sorted(filled)
    assert dates[: len(filled)] == filled
    page.locator("#copy-csv").click()
    page.wait_for_timeout(200)
    csv_text = page.evaluate("navigator.clipboard.readText()")
    import csv
    import io

    rows = list(csv.reader(io.StringIO(csv_text)))
    assert rows[0] == [
        "From", "Relation", "To", "Date", "Status", "Sources", "Attribution", "Evidence",
        "Modality", "Quotes", "Independent origins", "Conflicts",
    ]  # fmt: skip
    assert len(rows) == len(ds.relations) + 1
    source = ds.sources[0].title
    r = ds.relations[0]
    row = next(
        x
        for x in rows
        if x[1] == ds.vocabulary.relation_types[r.type].label
        and x[0] == ds.entity(r.source).name
        and x[2] == ds.entity(r.target).name
    )
    assert f"\u201c{r.evidence[0].quote}\u201d \u2014 {source}" in row[7]
    page.locator("#copy-text").click()
    page.wait_for_timeout(200)
    text = page.evaluate("navigator.clipboard.readText()")
    assert f"\u201c{r.evidence[0].quote}\u201d" in text
    # badges never break inside a word
    assert set(
        page.evaluate(
            "Array.from(document.querySelectorAll('#relations-table .badge'))"
            ".map((b) => getComputedStyle(b).whiteSpace)"
        )
    ) == {"nowrap"}
    assert page.errors == []


# -- 7. access ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["bundled", "sample"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_critical_or_serious(
    pages: dict[str, Rendered], view: Open, name: str, scheme: str
) -> None:
    assert AXE.exists(), "axe-core is missing: run bash scripts/test once to install it"
    # the page's policy lets only its own scripts run: the test's context sets it aside
    page = view(pages[name], bypass_csp=True, color_scheme=scheme)
    page.add_script_tag(path=str(AXE))
    results = {}
    for state in ("overview", "actor", "relation", "table"):
        if state == "actor":
            page.evaluate("window.relgraph.selectNode(window.relgraph.nodes.getIds()[0])")
        elif state == "relation":
            page.evaluate("window.relgraph.selectEdge(window.relgraph.edges.getIds()[0])")
        elif state == "table":
            page.locator("#toggle-table").click()
        found = page.evaluate(
            """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations
              .filter((v) => v.impact === 'critical' || v.impact === 'serious')
              .map((v) => v.id + ': ' +
                   v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | '));
        }"""
        )
        results[state] = found
    assert results == {"overview": [], "actor": [], "relation": [], "table": []}


@dataclass
class Committed:
    """A page committed under output/, opened as it is shipped."""

    path: Path

    @property
    def url(self) -> str:
        return self.path.as_uri()


@pytest.mark.parametrize(
    "name", ["cuba_iran.html", "raisi_havana_2023.html", "cuba_iran_havana.html"]
)
def test_axe_finds_nothing_critical_or_serious_on_the_committed_pages(
    view: Open, name: str
) -> None:
    assert AXE.exists(), "axe-core is missing: run bash scripts/test once to install it"
    page = view(Committed(ROOT / "output" / name), bypass_csp=True)
    page.add_script_tag(path=str(AXE))
    results = {}
    for state in ("overview", "actor", "relation"):
        if state == "actor":
            page.evaluate("window.relgraph.selectNode(window.relgraph.nodes.getIds()[0])")
        elif state == "relation":
            page.evaluate("window.relgraph.selectEdge(window.relgraph.edges.getIds()[0])")
        results[state] = page.evaluate(
            """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations
              .filter((v) => v.impact === 'critical' || v.impact === 'serious')
              .map((v) => v.id + ': ' +
                   v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | '));
        }"""
        )
    assert results == {"overview": [], "actor": [], "relation": []}
    assert page.errors == []


def test_keyboard_reaches_an_actors_relations_and_a_quote_in_few_presses(
    pages: dict[str, Rendered], view: Open
) -> None:
    bundled = pages["bundled"]
    page = view(bundled)
    presses = 0

    def press(key: str) -> None:
        nonlocal presses
        presses += 1
        page.keyboard.press(key)

    press("Tab")  # the skip link
    press("Tab")  # the search box
    assert page.evaluate("document.activeElement.id") == "search"
    for key in "cub":
        press(key)
    press("Enter")
    assert page.locator("#details-title").text_content() == "Cuba"
    assert page.evaluate("document.activeElement.id") == "details-title"
    press("Tab")  # the first of Cuba's relations... or the first control of the panel
    while page.evaluate("!document.activeElement.classList.contains('relation')"):
        press("Tab")
    press("Enter")
    quote = page.locator("#details blockquote").first
    assert quote.is_visible()
    assert presses < 15, presses
    assert page.evaluate("document.activeElement.id") == "details-title"
    # focus survives a redraw of the panel: a filter changed, a display switch
    page.evaluate("window.relgraph.selectNode('cuba')")
    page.locator("#details button.relation").nth(1).focus()
    key = page.evaluate("document.activeElement.dataset.key")
    assert key.startswith("edge:")
    page.evaluate("document.getElementById('hide-isolated').click()")
    assert page.evaluate("document.activeElement.dataset.key") == key
    page.evaluate(
        "const s = document.getElementById('size-by'); s.value = 'none';"
        " s.dispatchEvent(new Event('change'))"
    )
    assert page.evaluate("document.activeElement.dataset.key") == key


def test_focus_is_visible_and_targets_are_big_enough(
    pages: dict[str, Rendered], view: Open
) -> None:
    page = view(pages["bundled"])
    small = page.evaluate(
        """() => Array.from(document.querySelectorAll('button, input, select, [role=option]'))
        .filter((el) => el.offsetParent !== null && !el.closest('#relations-table td'))
        .filter((el) => {
            const r = el.getBoundingClientRect();
            return (r.width < 24 || r.height < 24) && !el.closest('label');
        }).map((el) => el.id || el.textContent)"""
    )
    assert small == []
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth, s.outlineColor]; })()"
    )
    assert outline[0] == "solid"
    assert outline[1] == "3px"
    assert outline[2] == "rgb(255, 209, 102)"  # on the dark bar: 10:1


def test_announcements_are_short(pages: dict[str, Rendered], view: Open) -> None:
    page = view(pages["bundled"])
    assert page.locator("#details").get_attribute("aria-live") is None
    page.evaluate("window.relgraph.selectNode('cuba')")
    # the words go in a moment later (so that the same words are read again): wait for them
    for _ in range(50):
        if page.locator("#announce").text_content():
            break
        page.wait_for_timeout(100)
    said = str(page.locator("#announce").text_content())
    assert said.startswith("Cuba, State: ")
    assert len(said) < 80

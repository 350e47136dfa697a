"""The graph page in a real headless Chromium, opened from file:// with the network off."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from support import BASE_YAML

pytestmark = pytest.mark.browser

# the fixtures' types live in conftest.py: Rendered (a page on disk and its dataset) and
# Opened (a page open in Chromium, with what it requested and logged)
Rendered = Any
Opened = Any
Open = Callable[[Rendered], Opened]

#: Every element the page may contain; anything else was injected.
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "script", "a", "header", "div", "h1",
    "h2", "h3", "p", "label", "input", "ul", "ol", "li", "button", "nav", "section", "select",
    "option", "main", "table", "caption", "thead", "tbody", "tr", "th", "td", "aside",
    "footer", "span", "strong", "dl", "dt", "dd", "blockquote", "q", "mark", "canvas", "svg",
    "circle", "polygon", "rect", "ellipse", "line", "colgroup", "col", "h4", "img",
}  # fmt: skip


def assert_clean(opened: Opened) -> None:
    """Nothing ran, nothing loaded, nothing complained."""
    assert opened.js("window.__pwned") is None, f"payload {opened.js('window.__pwned')} ran"
    assert opened.dialogs == []
    assert opened.errors == []
    assert opened.console_errors == []
    assert opened.outside_requests() == []
    assert opened.js("window.relgraph.error") is None


def under(opened: Opened, point: dict[str, float]) -> list[str | None]:
    """The node and the edge vis-network finds at a point of the page."""
    return list(
        opened.js(
            """(p) => {
            const r = document.querySelector('#graph canvas').getBoundingClientRect();
            const q = {x: p.x - r.left, y: p.y - r.top};
            return [window.relgraph.network.getNodeAt(q) || null,
                    window.relgraph.network.getEdgeAt(q) || null];
        }""",
            point,
        )
    )


def click_node(opened: Opened, node: str) -> None:
    """A real mouse click on an actor, where vis-network drew it."""
    position = opened.js(f"window.relgraph.network.getPositions([{node!r}])[{node!r}]")
    point = opened.dom_point(position)
    assert under(opened, point)[0] == node
    opened.page.mouse.click(point["x"], point["y"])


def click_edge(opened: Opened, edge: str) -> None:
    """Click the middle of a straight edge, having checked that nothing else is there."""
    middle = opened.js(
        """(id) => {
        const net = window.relgraph.network;
        const e = net.body.edges[id];
        const p = net.getPositions([e.fromId, e.toId]);
        return {x: (p[e.fromId].x + p[e.toId].x) / 2, y: (p[e.fromId].y + p[e.toId].y) / 2};
    }""",
        edge,
    )
    point = opened.dom_point(middle)
    found = under(opened, point)
    assert found == [None, edge], f"the middle of {edge} is not clear: {found}"
    opened.page.mouse.click(point["x"], point["y"])


def straight_edge(rendered: Rendered) -> str:
    """A relation drawn as a straight line, alone between its two actors."""
    from relgraph.rendering import page_data

    for e in page_data(rendered.dataset)["edges"]:
        if not e.get("curve"):
            return str(e["id"])
    raise AssertionError("no straight edge")


# -- the bundled page ---------------------------------------------------------------


def test_bundled_page_loads_offline_and_draws_everything(
    pages: dict[str, Rendered], open_page: Open
) -> None:
    bundled = pages["bundled"]
    opened = open_page(bundled)
    ds = bundled.dataset
    counts = opened.js("window.relgraph.counts()")
    assert counts["drawnNodes"] == len(ds.entities)
    assert counts["drawnEdges"] == len(ds.relations)
    # what vis-network itself holds to draw
    drawn = opened.js(
        "[window.relgraph.network.body.nodeIndices.length,"
        " window.relgraph.network.body.edgeIndices.length]"
    )
    assert drawn == [len(ds.entities), len(ds.relations)]
    assert opened.requests == [bundled.url]
    assert opened.page.title() == ds.title
    assert opened.page.locator("#counts").text_content() == (
        f"{len(ds.entities)} actors · {len(ds.relations)} relations · {len(ds.sources)} source"
        + ("s" if len(ds.sources) != 1 else "")
    )
    assert "Fruchterman–Reingold" in str(opened.page.locator("#layout-note").text_content())
    assert_clean(opened)


def test_every_relation_between_a_pair_is_drawn_apart(
    pages: dict[str, Rendered], open_page: Open
) -> None:
    bundled = pages["bundled"]
    opened = open_page(bundled)
    between = [r.id for r in bundled.dataset.relations if {r.source, r.target} == {"cuba", "iran"}]
    assert len(between) > 2
    shapes = opened.js(
        """(ids) => ids.map((id) => {
        const e = window.relgraph.network.body.edges[id];
        const s = e.options.smooth;
        const flip = e.fromId === 'iran' ? -1 : 1;
        return s.enabled ? flip * (s.type === 'curvedCW' ? 1 : -1) * s.roundness : 0;
    })""",
        between,
    )
    assert len(set(shapes)) == len(between)


def test_clicking_an_actor_shows_its_claims_and_quotes(
    pages: dict[str, Rendered], open_page: Open
) -> None:
    bundled = pages["bundled"]
    opened = open_page(bundled)
    click_node(opened, "hamas")
    hamas = bundled.dataset.entity("hamas")
    assert opened.details_title() == hamas.name
    panel = str(opened.page.locator("#details").text_content())
    claim = next(c for c in bundled.dataset.claims if c.entity == "hamas")
    assert claim.statement in panel
    assert " ".join(claim.evidence[0].quote.split()) in " ".join(panel.split())
    assert "Relations (" in panel
    assert_clean(opened)


def test_clicking_a_relation_shows_its_quote_and_source(
    pages: dict[str, Rendered], open_page: Open
) -> None:
    bundled = pages["bundled"]
    opened = open_page(bundled)
    edge = straight_edge(bundled)
    click_edge(opened, edge)
    relation = next(r for r in bundled.dataset.relations if r.id == edge)
    ds = bundled.dataset
    label = ds.vocabulary.relation_types[relation.type].label
    assert opened.details_title() == (
        f"{ds.entity(relation.source).name} {label} {ds.entity(relation.target).name}"
    )
    quotes = opened.page.locator("#details blockquote").all_text_contents()
    assert quotes == [e.quote for e in relation.evidence]
    source = ds.source(relation.evidence[0].source)
    panel = str(opened.page.locator("#details").text_content())
    assert source.title in panel
    assert f"Reliability {source.reliability}" in panel
    assert_clean(opened)


def test_hiding_allegations_removes_exactly_the_alleged_edges(
    pages: dict[str, Rendered], open_page: Open
) -> None:
    bundled = pages["bundled"]
    opened = open_page(bundled)
    relations = bundled.dataset.relations
    assert any(r.is_allegation for r in relations)
    opened.page.locator("#hide-allegations").check()
    shown = set(opened.js("window.relgraph.edgeView.getIds()"))
    assert shown == {r.id for r in relations if not r.is_allegation}
    drawn = opened.js("window.relgraph.network.body.edgeIndices.length")
    assert drawn == len(shown)
    assert opened.page.locator("#statuses input[data-id=alleged]").is_checked() is False
    opened.page.locator("#hide-allegations").uncheck()
    assert len(opened.js("window.relgraph.edgeView.getIds()")) == len(relations)
    assert_clean(opened)


def test_search_finds_an_actor_by_alias(pages: dict[str, Rendered], open_page: Open) -> None:
    opened = open_page(pages["bundled"])
    opened.page.locator("#search").fill("Tehran")
    option = opened.page.locator("#search-results li[data-id=iran]")
    assert "also Tehran" in str(option.text_content())
    opened.page.locator("#search").press("Enter")
    assert opened.details_title() == "Iran"
    assert opened.js("window.relgraph.network.getSelectedNodes()") == ["iran"]
    # and by another alias, with the mouse
    opened.page.locator("#search").fill("Washington")
    opened.page.locator("#search-results li[data-id=united-states]").dispatch_event("mousedown")
    assert opened.details_title() == "United States"
    assert_clean(opened)


def test_search_finds_a_merged_actor_by_its_old_id(open_page: Open) -> None:
    """In the bundled merge, Havana's 'ebrahim-raisi' was folded into 'ibrahim-raisi'."""
    from pathlib import Path
    from types import SimpleNamespace

    page = Path(__file__).resolve().parents[2] / "output" / "cuba_iran_havana.html"
    opened = open_page(SimpleNamespace(url=page.as_uri()))
    opened.page.locator("#search").fill("ebrahim-rai")
    option = opened.page.locator("#search-results li[data-id=ibrahim-raisi]")
    assert option.text_content() == "Ibrahim Raisi merged from ebrahim-raisi"
    opened.page.locator("#search").press("Enter")
    assert opened.details_title() == "Ibrahim Raisi"
    facts = opened.page.locator("#details dl.facts").first.inner_text()
    assert "Merged from\nebrahim-raisi" in facts
    assert_clean(opened)


def test_the_merged_page_tells_the_articles_story_and_names_a_folded_relations_old_id(
    open_page: Open,
) -> None:
    """The bundled merge keeps the Cuba-Iran story; its visit keeps Havana's id of it."""
    from pathlib import Path
    from types import SimpleNamespace

    page = Path(__file__).resolve().parents[2] / "output" / "cuba_iran_havana.html"
    opened = open_page(SimpleNamespace(url=page.as_uri()))
    opened.page.locator("#story-open").click()
    opened.page.locator("#story-next").click()
    assert opened.page.locator("#story-step").text_content() == "Step 2 of 4"
    assert opened.page.locator("#story-title").text_content() == "Raisi's visit to Cuba"
    kept = opened.js("window.relgraph.kept()")
    assert "raisi-visit-cuba" in kept["edges"]
    assert "ibrahim-raisi" in kept["nodes"]
    opened.js("window.relgraph.selectEdge('raisi-visit-cuba')")
    facts = opened.page.locator("#details dl.facts").first.inner_text()
    assert "Merged from\nraisi-visit-cuba-2023-06" in facts
    assert_clean(opened)


# -- finding one's way (the sample dataset) -------------------------------------------


def test_kind_filter_hides_actors_and_their_relations(
    pages: dict[str, Rendered], open_page: Open
) -> None:
    sample = pages["sample"]
    opened = open_page(sample)
    opened.page.locator("#kinds input[data-id=official]").uncheck()
    nodes = set(opened.js("window.relgraph.nodeView.getIds()"))
    edges = set(opened.js("window.relgraph.edgeView.getIds()"))
    assert edges == {
        r.id for r in sample.dataset.relations if "ana-cruz" not in (r.source, r.target)
    }
    # the actors tied only to the official are left with nothing shown: hidden too
    # (one with no relation at all stays: no filter left it alone)
    tied = {x for r in sample.dataset.relations if r.id in edges for x in (r.source, r.target)}
    untied = {e.id for e in sample.dataset.entities} - {
        x for r in sample.dataset.relations for x in (r.source, r.target)
    }
    assert nodes == tied | untied
    assert opened.page.locator("#counts").text_content() == (
        f"Showing {len(tied | untied)} of 8 actors, 6 of 9 relations"
    )
    opened.page.locator("#hide-isolated").uncheck()
    nodes = set(opened.js("window.relgraph.nodeView.getIds()"))
    assert nodes == {e.id for e in sample.dataset.entities if e.kind != "official"}
    assert_clean(opened)


def test_category_and_date_filters(pages: dict[str, Rendered], open_page: Open) -> None:
    sample = pages["sample"]
    opened = open_page(sample)
    opened.page.locator("#categories input[data-id=economic]").uncheck()
    assert "sugar-trade" not in opened.js("window.relgraph.edgeView.getIds()")
    opened.page.locator("#categories input[data-id=economic]").check()
    # 2021-03-15 onwards: the visit (2021-03), the agreement (2021) and the trade (since
    # 2019, still running) overlap; the praise of 2021-03-14 does not; undated ones stay
    opened.page.locator("#date-from").fill("2021-03-15")
    shown = set(opened.js("window.relgraph.edgeView.getIds()"))
    undated = {r.id for r in sample.dataset.relations if r.earliest() is None}
    assert shown == {"cruz-visit", "energy-agreement", "sugar-trade"} | undated
    opened.page.locator("#include-undated").uncheck()
    assert set(opened.js("window.relgraph.edgeView.getIds()")) == {
        "cruz-visit", "energy-agreement", "sugar-trade",
    }  # fmt: skip
    opened.page.locator("#date-to").fill("2020-12-31")
    assert set(opened.js("window.relgraph.edgeView.getIds()")) == {"sugar-trade"}
    opened.page.locator("#reset").click()
    assert len(opened.js("window.relgraph.edgeView.getIds()")) == len(sample.dataset.relations)
    assert_clean(opened)


def test_focus_on_a_neighbourhood(pages: dict[str, Rendered], open_page: Open) -> None:
    opened = open_page(pages["sample"])
    opened.js("window.relgraph.selectNode('ana-cruz')")
    opened.page.locator("#focus").click()
    assert set(opened.js("window.relgraph.nodeView.getIds()")) == {
        "ana-cruz", "borduria", "btc", "party",
    }  # fmt: skip
    assert opened.page.locator("#focus-text").text_content() == (
        "Showing actors within 1 step of Ana Cruz."
    )
    opened.page.locator("#focus-depth").select_option("2")
    opened.page.locator("#focus").click()
    # the news agency is three steps away (Cruz - Borduria - Atlantis - agency); Zenda none
    assert set(opened.js("window.relgraph.nodeView.getIds()")) == {
        "ana-cruz", "borduria", "btc", "party", "atlantis", "northern-front",
    }  # fmt: skip
    opened.page.locator("#unfocus").click()
    assert len(opened.js("window.relgraph.nodeView.getIds()")) == 8
    assert_clean(opened)


def test_relation_panel_shows_allegation_parties_and_context(
    pages: dict[str, Rendered], open_page: Open
) -> None:
    opened = open_page(pages["sample"])
    opened.js("window.relgraph.selectEdge('listening-post')")
    assert opened.details_title() == "Borduria hosts a base of Atlantis"
    callout = opened.page.locator("#details .callout")
    assert (
        callout.text_content() == "Alleged — alleged: a source reports it without establishing it."
    )
    assert opened.page.locator("#details mark").text_content() == (
        "Borduria allegedly hosts a listening post of Atlantis"
    )
    panel = str(opened.page.locator("#details").text_content())
    for text in (
        "Attributed to Some officials",
        "The Daily Example, 2021-03-14",
        "Reliability B: usually reliable",
        "Credibility 4: doubtful",
    ):
        assert text in panel
    link = opened.page.locator("#details a")
    assert link.get_attribute("href") == "https://example.org/pact"
    assert link.get_attribute("rel") == "noopener noreferrer"
    assert link.get_attribute("target") == "_blank"
    # a party is one click away
    opened.page.locator("#details-title button", has_text="Atlantis").click()
    assert opened.details_title() == "Atlantis"
    assert_clean(opened)


def test_actor_panel_lists_centrality_and_relations(
    pages: dict[str, Rendered], open_page: Open
) -> None:
    opened = open_page(pages["sample"])
    opened.js("window.relgraph.selectNode('borduria')")
    panel = str(opened.page.locator("#details").text_content())
    assert "Also known asBordurian State" in panel
    assert "Degree (size)" in panel
    assert "PageRank" in panel
    relations = opened.page.locator("#details ul.relations button").all_text_contents()
    assert len(relations) == 6
    assert "was visited by Ana Cruz · 2021-03" in relations
    opened.page.locator("#details ul.relations button", has_text="was visited by").click()
    assert opened.details_title() == "Ana Cruz visited Borduria"
    assert_clean(opened)


def test_table_view_is_a_real_keyboard_reachable_table(
    pages: dict[str, Rendered], open_page: Open
) -> None:
    sample = pages["sample"]
    opened = open_page(sample)
    opened.page.locator("#toggle-table").click()
    assert opened.page.locator("#graph").is_hidden()
    rows = opened.page.locator("#relations-table tbody tr")
    assert rows.count() == len(sample.dataset.relations)
    assert opened.page.locator("#table-caption").text_content() == (
        "Relations with their evidence: 9 of 9 shown"
    )
    assert "Borduria allegedly hosts a listening post of Atlantis" in str(
        opened.page.locator("#relations-table").text_content()
    )
    # filters apply to the table too
    opened.page.locator("#hide-allegations").check()
    assert opened.page.locator("#relations-table tbody tr:visible").count() == 7
    # the keyboard reaches a relation and opens it
    opened.page.locator("#relations-table tbody tr:visible button").first.focus()
    opened.page.keyboard.press("Tab")
    opened.page.keyboard.press("Enter")
    assert opened.details_title() != ""
    # printing shows the table and the legend, not the filters
    opened.page.locator("#toggle-table").click()
    opened.page.emulate_media(media="print")
    assert opened.page.locator("#table-view").is_visible()
    assert opened.page.locator("#kinds").is_hidden()
    assert opened.page.locator("#legend").is_visible()
    assert_clean(opened)


def test_visual_encoding(pages: dict[str, Rendered], open_page: Open) -> None:
    opened = open_page(pages["sample"])

    def edge(edge_id: str) -> dict:
        return dict(opened.js(f"window.relgraph.edges.get({edge_id!r})"))

    # arrows only for directed types
    assert edge("cruz-visit")["arrows"]["to"]["enabled"] is True
    assert edge("energy-agreement")["arrows"]["to"]["enabled"] is False
    # allegations dashed and labelled, denials dotted; established relations plain
    assert edge("listening-post")["dashes"] == [9, 6]
    assert edge("listening-post")["label"] == "alleged"
    assert edge("front-weapons")["label"] == "disputed"
    assert edge("base-denied")["dashes"] == [2, 5]
    assert edge("cruz-visit")["dashes"] is False
    assert edge("cruz-visit")["label"] is None
    # width by amount of evidence, colour by category
    assert edge("energy-agreement")["width"] > edge("cruz-visit")["width"]
    assert edge("cruz-visit")["color"]["color"] == "#0072b2"  # diplomatic
    # vis-network writes a `title` into the page as markup: the page never gives it one
    assert (
        opened.js(
            "window.relgraph.nodes.get().concat(window.relgraph.edges.get())"
            ".filter((x) => 'title' in x).length"
        )
        == 0
    )
    # node colour and shape by kind
    cruz = opened.js("window.relgraph.nodes.get('ana-cruz')")
    assert (cruz["shape"], cruz["color"]["background"]) == ("diamond", "#e6a23c")
    # hovering an actor names it
    point = opened.dom_point(opened.js("window.relgraph.network.getPositions(['zenda'])['zenda']"))
    opened.page.mouse.move(point["x"], point["y"])
    opened.page.locator("#tooltip").wait_for(state="visible")
    assert opened.page.locator("#tooltip").text_content() == "ZendaState"
    assert_clean(opened)


def test_display_switches(pages: dict[str, Rendered], open_page: Open) -> None:
    opened = open_page(pages["sample"])
    opened.page.locator("#color-by").select_option("sign")
    colour = opened.js("window.relgraph.edges.get('cruz-visit').color.color")
    assert colour == "#1b8a5a"  # cooperative
    assert "Cooperative relation" in str(opened.page.locator("#legend").text_content())
    before = opened.js("window.relgraph.nodes.get('borduria').size")
    opened.page.locator("#size-by").select_option("none")
    assert opened.js("window.relgraph.nodes.get('borduria').size") != before
    opened.page.locator("#edge-labels").select_option("all")
    assert opened.js("window.relgraph.edges.get('cruz-visit').label") == "visited"
    assert opened.js("window.relgraph.edges.get('listening-post').label") == (
        "hosts a base of (alleged)"
    )
    opened.page.locator("#physics").click()
    assert opened.js("window.relgraph.network.physics.options.enabled") is True
    assert opened.page.locator("#physics").get_attribute("aria-pressed") == "true"
    opened.page.locator("#physics").click()
    assert opened.js("window.relgraph.network.physics.options.enabled") is False
    assert_clean(opened)


# -- no payload ever runs ---------------------------------------------------------------


@pytest.mark.parametrize("variant", ["payloads", "payloads-no-csp"])
def test_no_payload_ever_runs(pages: dict[str, Rendered], open_page: Open, variant: str) -> None:
    rendered = pages[variant]
    opened = open_page(rendered)
    ds = rendered.dataset
    # every actor and every relation, through the page's own hooks; the panel must show
    # each text exactly as written
    wrong = opened.js(
        """() => {
        const data = JSON.parse(document.getElementById('relgraph-data').textContent);
        const bad = [];
        const name = new Map(data.nodes.map((n) => [n.id, n.name]));
        for (const n of data.nodes) {
            window.relgraph.selectNode(n.id);
            const t = document.getElementById('details-title').textContent;
            if (t !== n.name) bad.push(n.id);
            document.querySelectorAll('#details button').forEach((b) => b.focus());
        }
        for (const e of data.edges) {
            window.relgraph.selectEdge(e.id);
            const t = document.getElementById('details-title').textContent;
            const want = name.get(e.from) + ' ' + data.types[e.type].label + ' ' + name.get(e.to);
            if (t !== want) bad.push(e.id);
        }
        return bad;
    }"""
    )
    assert wrong == []
    # real clicks on the canvas: a few actors and a relation
    for node in ["e-p01", "e-p02", "e-p20"]:
        click_node(opened, node)
        assert opened.details_title() == ds.entity(node).name
    # hover shows the tooltip
    position = opened.js("window.relgraph.network.getPositions(['e-p04'])['e-p04']")
    point = opened.dom_point(position)
    opened.page.mouse.move(point["x"], point["y"])
    opened.page.wait_for_timeout(100)
    # every way of showing text: labels on edges, colour by sign, the table, search, print
    opened.page.locator("#edge-labels").select_option("all")
    opened.page.locator("#color-by").select_option("sign")
    opened.page.locator("#toggle-table").click()
    for entity in ds.entities[:12]:
        opened.page.locator("#search").fill(entity.name)
        opened.page.locator("#search").press("ArrowDown")
    opened.page.locator("#search").fill("p0")
    opened.page.locator("#search").press("Enter")
    opened.js("window.dispatchEvent(new Event('beforeprint'))")
    opened.page.emulate_media(media="print")
    opened.page.wait_for_timeout(200)

    assert_clean(opened)
    tags = set(opened.js("[...document.querySelectorAll('*')].map((e) => e.localName)"))
    assert tags <= ALLOWED_TAGS, f"injected elements: {tags - ALLOWED_TAGS}"
    assert opened.js("document.scripts.length") == 3
    handlers = opened.js(
        """[...document.querySelectorAll('*')].flatMap((e) =>
            [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name))"""
    )
    assert handlers == []
    links = opened.js("[...document.querySelectorAll('a[href]')].map((a) => a.protocol)")
    assert set(links) <= {"https:", "http:", "file:"}  # file: only for the skip link
    assert opened.js(
        "[...document.querySelectorAll('a[href]')].filter("
        "(a) => a.protocol === 'file:').map((a) => a.hash)"
    ) == ["#table-view"]


def test_ids_named_after_object_prototype_members_draw(
    pages: dict[str, Rendered], open_page: Open
) -> None:
    # the payload page's kind, category, type, source, actor, relation and claim of one
    # payload are all called "constructor", and that actor's external ids are named
    # __proto__, toString, hasOwnProperty, valueOf...: none may find Object.prototype
    from payloads import PROTO_NAMES

    rendered = pages["payloads"]
    ds = rendered.dataset
    opened = open_page(rendered)
    counts = opened.js("window.relgraph.counts()")
    assert counts["drawnNodes"] == len(ds.entities)
    assert counts["drawnEdges"] == len(ds.relations)
    drawn = opened.js(
        "[window.relgraph.network.body.nodeIndices.length,"
        " window.relgraph.network.body.edgeIndices.length]"
    )
    assert drawn == [len(ds.entities), len(ds.relations)]
    actor = ds.entity("constructor")
    # vis-network knows it by another id (see visId in page.js); a real click finds it
    vis_id = opened.js("window.relgraph.visId('constructor')")
    assert vis_id != "constructor"
    assert opened.js("window.relgraph.visId('e-p01')") == "e-p01"
    click_node(opened, vis_id)
    assert opened.details_title() == actor.name
    facts = opened.js(
        "[...document.querySelectorAll('#details .facts dt')].map((d) => d.textContent)"
    )
    assert set(PROTO_NAMES) <= set(facts)
    assert "Source: " in str(opened.page.locator("#details-body").text_content())
    opened.js("window.relgraph.selectEdge('constructor')")
    relation = next(r for r in ds.relations if r.id == "constructor")
    assert opened.details_title() == (
        f"{actor.name} {relation_label(ds, relation.type)} {ds.entity(relation.target).name}"
    )
    quote = opened.page.locator("#details .source").first.text_content()
    assert ds.source("constructor").title in str(quote)
    # sizing by another metric re-adds every actor where it was
    where = f"window.relgraph.network.getPositions([{vis_id!r}])[{vis_id!r}]"
    before = opened.js(where)
    opened.page.locator("#size-by").select_option(index=1)
    after = opened.js(where)
    assert after == before
    opened.page.locator("#toggle-table").click()
    rows = opened.js("document.querySelectorAll('#relations-table tbody tr').length")
    assert rows == len(ds.relations)
    assert_clean(opened)


def relation_label(ds: Any, type_id: str) -> str:
    """The label of a relation type of the dataset's vocabulary."""
    return str(ds.vocabulary.relation_types[type_id].label)


# -- a large graph ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def large(pages: dict[str, Rendered], tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """About 1,000 actors and 3,000 relations, built in Python (it needs no validation)."""
    import dataclasses
    import random

    from relgraph.model import Entity, Evidence, Relation
    from relgraph.rendering import LARGE_GRAPH_EDGES, render

    sample = pages["sample"].dataset
    rng = random.Random(3)
    n = 1000
    entities = tuple(Entity(id=f"a{i}", name=f"Actor {i}", kind="state") for i in range(n))
    ev = (Evidence(quote="x", source="pact", context="x"),)
    relations = []
    for i in range(LARGE_GRAPH_EDGES):
        a, b = rng.randrange(n), rng.randrange(n)
        if a == b:
            b = (a + 1) % n
        status = "alleged" if i % 7 == 0 else "reported"
        relations.append(Relation(f"r{i}", f"a{a}", f"a{b}", "visit", status, "cooperative", ev))
    ds = dataclasses.replace(sample, entities=entities, relations=tuple(relations), claims=())
    path = tmp_path_factory.mktemp("large") / "large.html"
    render(ds, path)
    return type(pages["sample"])(ds, path)


def test_large_graph_draws_plainly_when_zoomed_out_and_in_full_when_zoomed_in(
    large: Rendered, open_page: Open
) -> None:
    opened = open_page(large)
    counts = opened.js("window.relgraph.counts()")
    assert (counts["drawnNodes"], counts["drawnEdges"]) == (1000, len(large.dataset.relations))
    assert opened.js("window.relgraph.network.getScale()") < 0.35
    assert opened.js("window.relgraph.edges.get('r0').dashes") is False  # r0 is alleged
    assert opened.js("window.relgraph.network.body.edges['r0'].options.arrows.to.enabled") is False
    # zoom in with the mouse wheel: the details come back
    box = opened.page.locator("#graph").bounding_box()
    opened.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(40):
        opened.page.mouse.wheel(0, -400)
        if opened.js("window.relgraph.network.getScale()") >= 0.35:
            break
    # the restyle waits until the wheel rests (300 ms), so it never stalls a zoom step
    for _ in range(50):
        if opened.js("window.relgraph.edges.get('r0').dashes") is not False:
            break
        opened.page.wait_for_timeout(100)
    assert opened.js("window.relgraph.edges.get('r0').dashes") == [9, 6]
    assert opened.js("window.relgraph.edges.get('r0').label") == "alleged"
    assert_clean(opened)


def test_large_table_lists_a_page_at_a_time(large: Rendered, open_page: Open) -> None:
    opened = open_page(large)
    total = len(large.dataset.relations)
    opened.page.locator("#toggle-table").click()
    rows = opened.page.locator("#relations-table tbody tr")
    assert rows.count() == 500
    assert opened.page.locator("#table-caption").text_content() == (
        f"Relations with their evidence: {total} of {total} shown; the first 500 are listed"
    )
    opened.page.locator("#table-more").click()
    assert rows.count() == 1000
    opened.page.locator("#hide-allegations").check()
    shown = sum(1 for r in large.dataset.relations if not r.is_allegation)
    assert opened.page.locator("#table-caption").text_content() == (
        f"Relations with their evidence: {shown} of {total} shown (filters apply); "
        "the first 1000 are listed"
    )
    assert_clean(opened)


def test_the_overview_credits_the_dataset_s_makers_and_license_as_text(
    pages: dict[str, Rendered], open_page: Open
) -> None:
    """A shared page once dropped the dataset's authors and license, so whoever it reached
    could not tell who made it or on what terms. Here both are every payload at once."""
    ds = pages["payloads"].dataset
    opened = open_page(pages["payloads"])
    facts = opened.js(
        """() => Object.fromEntries([...document.querySelectorAll('#details .facts dt')]
            .map((dt) => [dt.textContent, dt.nextElementSibling.textContent]))"""
    )
    assert facts["Made by"] == ds.authors
    assert facts["License"] == ds.license
    opened.page.emulate_media(media="print")
    opened.js("window.dispatchEvent(new Event('beforeprint'))")
    credits = opened.js("document.getElementById('print-credits').textContent")
    assert credits == f"made by {ds.authors}; license {ds.license}"
    assert_clean(opened)


def test_a_page_of_several_datasets_credits_each(
    tmp_path: Any, open_file: Callable[[Any], Any], make_dataset: Any
) -> None:
    """A page of datasets loaded together names each one's makers and license."""
    import relgraph
    from relgraph.rendering import render

    first = make_dataset(
        BASE_YAML.replace("  title: Demo\n", "  title: Demo\n  authors: A. Writer\n"),
        name="a.yaml",
    )
    second = make_dataset(
        BASE_YAML.replace("  id: demo\n  title: Demo\n", "  id: more\n  title: More\n").replace(
            "  title: More\n", "  title: More\n  license: CC BY 4.0\n"
        ),
        name="b.yaml",
    )
    path = tmp_path / "both.html"
    render(relgraph.load([first, second]), path)
    page = open_file(path)
    facts = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('#details .facts dt')]
            .map((dt) => [dt.textContent, dt.nextElementSibling.textContent]))"""
    )
    assert (facts["From Demo"], facts["From More"]) == ("made by A. Writer", "license CC BY 4.0")

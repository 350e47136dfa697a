"""The page draws the evidence model: origins, amounts, stance, conflicts, sources, modality.

Each test opens a rendered page from file:// in Debian's headless Chromium, with the network
off, and checks what a reader sees against what the library (and so the command line) says:
the Havana dataset (eight reports of one visit, Cuban state media, a conflict over the number
of accords, an announced visit, report dates), and a small dataset of one wire story and
three translations of it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

import relgraph
from relgraph.corroboration import corroboration
from relgraph.filters import Filter
from relgraph.model import STATUSES, Dataset
from relgraph.rendering import render

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
HAVANA = ROOT / "graph_data" / "raisi_havana_2023.yaml"
AXE = ROOT / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"
ACCORDS = "iran-cuba-accords-2023-06-15"
EFE = "efe-2023-06-16"

Page = Any


class Rendered:
    def __init__(self, dataset: Dataset, path: Path) -> None:
        self.dataset = dataset
        self.path = path
        self.url = path.as_uri()


WIRE = "Ruritania and Grand Fenwick signed a fishing treaty on Monday, the agency reported."
TRANSLATIONS = {
    "fr": "Ruritania et Grand Fenwick ont signé un traité de pêche lundi, a rapporté l'agence.",
    "es": "Ruritania y Gran Fenwick firmaron un tratado de pesca el lunes, informó la agencia.",
    "de": "Ruritanien und Grand Fenwick unterzeichneten am Montag einen Fischereivertrag.",
}
OWN = "Our correspondent saw the treaty signed. No treaty was signed, the ministry later said."


def write_translations(folder: Path) -> Path:
    """One wire story, three translations of it (derived_from), and one report of its own."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sources").mkdir(exist_ok=True)

    def source(sid: str, title: str, text: str, **more: Any) -> dict[str, Any]:
        path = folder / "sources" / f"{sid}.txt"
        path.write_text(text + "\n", encoding="utf-8")
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        doc = {"id": sid, "title": title, "reliability": "B", "text": f"sources/{sid}.txt"}
        return {**doc, "sha256": sha, "published": "2024-03-05", **more}

    sources = [source("wire", "Fishing treaty signed", WIRE, publisher="The Wire")]
    for lang, text in TRANSLATIONS.items():
        sources.append(source(f"wire-{lang}", f"Treaty ({lang})", text, derived_from=["wire"]))
    sources.append(source("own", "Seen in the capital", OWN, affiliation=["ruritania"]))
    evidence = [{"quote": WIRE.split(",")[0], "source": "wire"}]
    for lang, text in TRANSLATIONS.items():
        evidence.append({"quote": text.split(",")[0].rstrip("."), "source": f"wire-{lang}"})
    evidence.append({"quote": "Our correspondent saw the treaty signed.", "source": "own"})
    evidence.append(
        {"quote": "No treaty was signed, the ministry later said.", "source": "own",
         "stance": "contradicts"}
    )  # fmt: skip
    doc = {
        "dataset": {"id": "translations", "title": "One wire story, three translations"},
        "sources": sources,
        "entities": [
            {"id": "ruritania", "name": "Ruritania", "kind": "state"},
            {"id": "fenwick", "name": "Grand Fenwick", "kind": "state"},
        ],
        "relations": [
            {
                "id": "fishing-treaty",
                "source": "ruritania",
                "target": "fenwick",
                "type": "agreement",
                "status": "reported",
                "evidence": evidence,
            }
        ],
    }
    path = folder / "dataset.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def havana(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    ds = relgraph.load(HAVANA)
    path = tmp_path_factory.mktemp("evidence") / "havana.html"
    render(ds, path)
    return Rendered(ds, path)


@pytest.fixture(scope="module")
def translations(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    folder = tmp_path_factory.mktemp("translations")
    ds = relgraph.load(write_translations(folder))
    path = folder / "page.html"
    render(ds, path)
    return Rendered(ds, path)


@pytest.fixture
def view(browser: Any) -> Iterator[Callable[..., Page]]:
    contexts: list[Any] = []

    def opener(rendered: Rendered, width: int = 1400, hash: str = "", **options: Any) -> Page:
        context = browser.new_context(
            viewport={"width": width, "height": 900}, offline=True, **options
        )
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.requests = []
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.on("request", lambda r: page.requests.append(r.url))
        page.goto(rendered.url + hash)
        page.wait_for_function(
            "window.relgraph && window.relgraph.firstDraw !== null", timeout=20_000
        )
        return page

    yield opener
    for context in contexts:
        context.close()


def shown_edges(page: Page) -> set[str]:
    return set(page.evaluate("window.relgraph.edgeView.getIds()"))


def all_statuses(**options: Any) -> Filter:
    return Filter(statuses=STATUSES, **options)


def clean(page: Page, rendered: Rendered) -> None:
    assert page.errors == []
    assert [u for u in page.requests if u != rendered.url and not u.startswith("data:")] == []


# -- 1. the counts and the quotes grouped by origin -------------------------------------------


def test_every_relation_panel_says_the_command_lines_counts(havana: Rendered, view: Any) -> None:
    page = view(havana)
    ds = havana.dataset
    for r in ds.relations:
        page.evaluate("(id) => window.relgraph.selectEdge(id)", r.id)
        summary = page.locator("#details-body .corroboration").first.text_content()
        assert summary == corroboration(ds, r).summary(), r.id
    # the visit: its quotes under each independent origin, Cuban state media as one
    page.evaluate("window.relgraph.selectEdge('raisi-visit-cuba-2023-06')")
    assert page.locator("#details-body .corroboration").text_content() == (
        "9 quotes \u00b7 7 sources \u00b7 3 independent origins (3 affiliated)"
    )
    groups = page.locator("#details-body .origin-group")
    assert groups.evaluate_all("(gs) => gs.map((g) => g.dataset.origin)") == [
        "agencia-efe",
        "rmol-2023-06-15",
        "telesur-2023-06-15",
        "Cuban state-media text behind ACN and Radio Reloj",
        "tehrantimes-2023-06-15",
        "ifpnews-2023-06-16",
    ]
    state = page.locator(".origin-group[data-origin^='Cuban state-media']")
    assert state.locator("h4").text_content() == (
        "Origin: Cuban state-media text behind ACN and Radio Reloj"
    )
    assert state.locator(".origin-sources").text_content() == (
        "Sources: Radio Reloj (Cuba), "
        "\u201cIran and Cuba review common agenda and cooperation\u201d; "
        "Agencia Cubana de Noticias, \u201cCuban president welcomes Iran's head of state\u201d"
    )
    assert state.locator(".origin-affiliation").text_content() == (
        "Affiliated with: Cuba \u2014 a party here, so not an independent origin"
    )
    # the quotes keep the numbers `relgraph evidence` gives them
    assert state.locator("ol.evidence > li").evaluate_all("(ls) => ls.map((l) => l.value)") == [
        5, 6, 7,
    ]  # fmt: skip
    # the wire agency's origin is not "affiliated with" itself
    assert page.locator(".origin-group[data-origin=agencia-efe] .origin-affiliation").count() == 0
    clean(page, havana)


def test_three_translations_of_one_wire_story_are_one_origin(
    translations: Rendered, view: Any
) -> None:
    page = view(translations)
    page.evaluate("window.relgraph.selectEdge('fishing-treaty')")
    assert page.locator("#details-body .corroboration").text_content() == (
        "6 quotes \u00b7 5 sources \u00b7 1 independent origin (1 affiliated)"
    )
    wire = page.locator(".origin-group[data-origin=wire]")
    assert wire.locator("ol.evidence > li").count() == 4
    assert wire.locator(".origin-sources").text_content() == (
        "Sources: The Wire, \u201cFishing treaty signed\u201d; "
        "\u201cTreaty (fr)\u201d: a translation, republication or rewrite of "
        "\u201cFishing treaty signed\u201d; "
        "\u201cTreaty (es)\u201d: a translation, republication or rewrite of "
        "\u201cFishing treaty signed\u201d; "
        "\u201cTreaty (de)\u201d: a translation, republication or rewrite of "
        "\u201cFishing treaty signed\u201d"
    )
    # the contradicting quote is marked as such, and is a conflict set beside the others
    own = page.locator(".origin-group[data-origin=own] ol.evidence > li").nth(1)
    assert own.locator(".stance").text_content() == "contradicts this report denies or corrects it"
    assert own.get_attribute("class") == "stance-contradicts"
    conflict = page.locator("#details-body .conflict-box")
    assert conflict.locator(".side-label").all_text_contents() == ["contradicts it", "support it"]
    assert conflict.locator(".side").nth(0).locator("blockquote").all_text_contents() == [
        "No treaty was signed, the ministry later said."
    ]
    # the table says the same
    page.locator("#toggle-table").click()
    assert page.locator("#relations-table td.count").all_text_contents() == [
        "6 quotes \u00b7 5 sources \u00b7 1 independent origin (1 affiliated)"
    ]
    assert page.locator("#relations-table td.status .badge").all_text_contents() == [
        "reported", "conflict",
    ]  # fmt: skip
    import csv
    import io

    rows = list(csv.reader(io.StringIO(page.evaluate("window.relgraph.tableCsv()"))))
    assert rows[0][8:] == ["Modality", "Quotes", "Independent origins", "Conflicts"]
    assert rows[1][5] == "5"
    assert rows[1][8:11] == ["occurred", "6", "1"]
    assert rows[1][11].startswith("stance: item 6, 'own', contradicts it")
    assert "[contradicts] \u201cNo treaty was signed, the ministry later said.\u201d" in rows[1][7]
    clean(page, translations)


# -- 2. amounts and conflicts -------------------------------------------------------------------


def test_amounts_show_on_their_quotes_and_the_accords_conflict_side_by_side(
    havana: Rendered, view: Any
) -> None:
    page = view(havana)
    page.evaluate(f"window.relgraph.selectEdge({ACCORDS!r})")
    amounts = page.locator("#details-body .origins .amounts").all_text_contents()
    assert amounts == [
        "Amount: 6 agreement (six accords) \u2014 Cuba, Iran boost ties with new accords",
        "Amount: 6 cooperation agreement \u2014 Cuba and Iran Sign Six Cooperation Agreements",
        "Amounts: 2 memorandum of understanding; 8 agreement (in all: the six cooperation "
        'agreements of teleSUR\'s first sentence and, "Additionally", these two '
        "memorandums) \u2014 Cuba and Iran Sign Six Cooperation Agreements",
        "Amount: 6 agreement (Six cooperation documents and memorandums of understanding) "
        "\u2014 Iran, Cuba sign six agreements as Raisi visits Havana",
    ]
    # the badge, and both sides with their quotes and sources, next to each other
    assert page.locator("#details-body dd .badge.conflict").text_content() == "conflict"
    box = page.locator("#details-body .conflict-box")
    assert box.locator(".conflict-kind").text_content() == "conflict Amounts disagree"
    (conflict,) = [
        c for c in relgraph.conflicts.dataset_conflicts(havana.dataset)[ACCORDS]
    ]  # the one the command line lists
    assert box.locator(".conflict-message").text_content() == conflict.message
    sides = box.locator(".side")
    assert sides.locator(".side-label").all_text_contents() == ["6 agreement", "8 agreement"]
    assert sides.nth(0).locator(".side-source").all_text_contents() == [
        "Item 1 \u2014 Cuba, Iran boost ties with new accords",
        "Item 6 \u2014 Iran, Cuba sign six agreements as Raisi visits Havana",
    ]
    assert sides.nth(1).locator(".side-source").all_text_contents() == [
        "Item 5 \u2014 Cuba and Iran Sign Six Cooperation Agreements"
    ]
    assert sides.nth(1).locator("blockquote").text_content() == (
        "Additionally, they signed two memorandums of understanding regarding customs matters "
        "and between their respective Ministries of Justice."
    )
    left, right = (sides.nth(i).bounding_box() for i in (0, 1))
    assert left["y"] == right["y"]
    assert left["x"] + left["width"] <= right["x"]
    # the filter: only what has conflicts
    assert page.locator("#conflict-count").text_content() == "1/1"
    page.locator("#only-conflicts").check()
    assert shown_edges(page) == {ACCORDS}
    assert page.locator("#counts").text_content() == "Showing 8 of 22 actors, 1 of 50 relations"
    page.locator("#toggle-table").click()
    assert page.locator("#relations-table tbody tr").count() == 1
    assert page.locator("#relations-table td.status .badge.conflict").text_content() == "conflict"
    assert "conflicts=only" in page.evaluate("location.hash")
    clean(page, havana)


# -- 3. the Sources panel ------------------------------------------------------------------------


def test_sources_panel_lists_grades_notes_origins_and_hides_what_rests_on_a_source(
    havana: Rendered, view: Any
) -> None:
    ds = havana.dataset
    page = view(havana)
    page.locator("#show-sources").click()
    assert page.locator("#details-title").text_content() == "Sources and their grades"
    entries = page.locator("#details-body .source-entry")
    assert entries.count() == len(ds.sources)
    headings = page.locator("#details-body h3").all_text_contents()
    assert headings[:2] == ["Origin: Agencia EFE (1 source)", (
        "Origin: Cuba and Iran Sign Six Cooperation Agreements (1 source)")]  # fmt: skip
    assert "Origin: Cuban state-media text behind ACN and Radio Reloj (2 sources)" in headings
    acn = page.locator(".source-entry[data-source=acn-2023-06-16]")
    notes = next(s.notes for s in ds.sources if s.id == "acn-2023-06-16")
    assert acn.locator(".notes").text_content() == f"Why this grade: {notes}"
    assert acn.locator(".grade").first.text_content() == "Reliability C: fairly reliable"
    facts = acn.locator("dl.facts").inner_text()
    assert (
        "Independent origin\tCuban state-media text behind ACN and Radio Reloj (with Iran and "
        "Cuba review common agenda and cooperation)" in facts.replace("\n", "\t")
    )
    assert acn.locator("dd").nth(2).text_content() == (
        "Cuba: it belongs to or is funded by it, so it does not confirm what concerns it or an "
        "actor tied to it here (an office-holder, member or spokesperson, or one of its country)"
    )
    # hiding EFE leaves out what rests on EFE alone, and every count follows
    alone = {r.id for r in ds.relations if {e.source for e in r.evidence} == {EFE}}
    assert alone, "the Havana dataset has relations that rest on EFE alone"
    page.locator("input[data-source='efe-2023-06-16']").uncheck()
    assert shown_edges(page) == {r.id for r in ds.relations} - alone
    assert page.locator("#sources-summary").text_content() == (
        "1 source is hidden of 8; what rests only on them is left out."
    )
    assert page.locator("#sources-status").text_content() == (
        f"1 source is hidden: {len(ds.relations) - len(alone)} of 50 relations shown."
    )
    # focus stays on the box that was unticked
    assert page.evaluate("document.activeElement.dataset.source") == EFE
    # the panel's counts are the command line's on the other sources
    others = tuple(s.id for s in ds.sources if s.id != EFE)
    kept = all_statuses(sources=others).apply(ds)
    accords = next(r for r in kept.relations if r.id == ACCORDS)
    page.evaluate(f"window.relgraph.selectEdge({ACCORDS!r})")
    assert page.locator("#details-body .corroboration").text_content() == (
        corroboration(kept, accords).summary()
    )
    assert page.locator("#details-body .notice").last.text_content() == (
        "3 quotes come from hidden sources and are left out."
    )
    # with EFE hidden, Tehran Times's six still stand against teleSUR's eight
    sides = page.locator("#details-body .conflict-box .side")
    assert sides.nth(0).locator("p").all_text_contents()[:2] == [
        "6 agreement", "Item 1: from a hidden source."
    ]  # fmt: skip
    assert page.locator("#conflict-count").text_content() == "1/1"
    # with teleSUR hidden too, nothing is left to disagree with the six
    page.locator("#show-sources").click()
    page.locator("input[data-source='telesur-2023-06-15']").uncheck()
    page.evaluate(f"window.relgraph.selectEdge({ACCORDS!r})")
    assert page.locator("#details-body .conflict-box").count() == 0
    assert page.locator("#conflict-count").text_content() == "0/1"
    page.locator("#show-sources").click()
    page.locator("input[data-source='telesur-2023-06-15']").check()
    # the view is in the address, and opens as it was
    hash = page.evaluate("location.hash")
    assert "hide-sources=efe-2023-06-16" in hash
    again = view(havana, hash=hash)
    assert shown_edges(again) == {r.id for r in ds.relations} - alone
    again.locator("#show-sources").click()
    assert not again.locator("input[data-source='efe-2023-06-16']").is_checked()
    again.locator("#details-body button[data-key=sources-all]").click()
    assert len(shown_edges(again)) == len(ds.relations)
    clean(page, havana)


def test_sources_panel_is_a_drawer_on_a_phone(havana: Rendered, view: Any) -> None:
    page = view(havana, width=390)
    page.locator("#open-controls").click()
    page.locator("#show-sources").click()
    assert page.evaluate("document.body.dataset.drawer") == "details"
    assert page.locator("#details").is_visible()
    assert not page.locator("#controls").is_visible()
    box = page.locator("#details").bounding_box()
    assert box["width"] <= 390
    page.locator("input[data-source='telesur-2023-06-15']").uncheck()
    assert page.locator("input[data-source='telesur-2023-06-15']").is_visible()
    clean(page, havana)


# -- 4. modality and report dates ---------------------------------------------------------------


def test_announced_and_planned_are_drawn_apart_and_filtered(havana: Rendered, view: Any) -> None:
    ds = havana.dataset
    page = view(havana)
    unhappened = {r.id: r.modality for r in ds.relations if r.modality != "occurred"}
    assert set(unhappened.values()) == {"announced", "planned"}
    style = page.evaluate(
        """(ids) => ids.map((id) => {
            const e = window.relgraph.edges.get(window.relgraph.visId(id));
            return [JSON.stringify(e.dashes), e.label];
        })""",
        [*unhappened, "raisi-visit-cuba-2023-06"],
    )
    *drawn, happened = style
    assert drawn == [["[12,4,2,4]", m] for m in unhappened.values()]
    assert happened == ["false", None]
    legend = page.locator("#legend").inner_text()
    assert "Announced or planned, not shown to have happened (dash-dot, labelled)" in legend
    page.evaluate("window.relgraph.selectEdge('raisi-visit-cuba-announced')")
    facts = page.locator("#details-body dl.facts").first.inner_text().lower()
    assert "happened?\nannounced a party said it will happen; not shown to have happened" in facts
    assert "date\nreported 2023-06-12" in facts
    # the filter, as --modality occurred
    page.locator("#modalities input[data-id=announced]").uncheck()
    page.locator("#modalities input[data-id=planned]").uncheck()
    occurred = all_statuses(modalities=("occurred",)).apply(ds)
    assert shown_edges(page) == {r.id for r in occurred.relations}
    assert page.locator("#modalities .count").all_text_contents() == [
        f"{len(occurred.relations)}/{len(occurred.relations)}", "0/1", "0/2",
    ]  # fmt: skip
    assert "modalities=announced%2Cplanned" in page.evaluate("location.hash")
    clean(page, havana)


def test_a_report_date_is_never_shown_as_the_events(havana: Rendered, view: Any) -> None:
    ds = havana.dataset
    page = view(havana)
    page.evaluate("window.relgraph.selectEdge('raisi-visit-venezuela-2023-06')")
    facts = page.locator("#details-body dl.facts").first.inner_text()
    assert "Date\nreported 2023-06-15" in facts
    page.locator("#toggle-table").click()
    row = page.locator("#relations-table tr[data-id='raisi-visit-venezuela-2023-06']")
    assert row.locator("td.date").text_content() == "reported 2023-06-15"
    page.locator("#toggle-table").click()
    # event dates, as the command line's --from/--until read them
    event = all_statuses(date_from="2023-06", date_to="2023-06", keep_undated=False).apply(ds)
    page.locator("#include-undated").uncheck()
    page.locator("#date-from").fill("2023-06")
    page.locator("#date-to").fill("2023-06")
    page.locator("#date-to").press("Tab")
    assert shown_edges(page) == {r.id for r in event.relations}
    dated = sum(1 for r in ds.relations if r.earliest() or r.latest())
    assert dated == 12
    assert page.locator("#dated-count").text_content() == (
        "12 of 50 relations are dated, 1979\u20132023; 38 undated."
    )
    assert page.locator("#date-kind-note").text_content() == (
        "Event dates: when it happened (date, start, end). A report\u2019s date is never read "
        "as the event\u2019s."
    )
    # report dates, as --by-reported reads them; the section says which it uses
    page.locator("#date-kind").select_option("reported")
    by_report = all_statuses(
        date_from="2023-06", date_to="2023-06", keep_undated=False, dates="reported"
    ).apply(ds)
    assert shown_edges(page) == {r.id for r in by_report.relations}
    assert len(by_report.relations) > len(event.relations)
    assert page.locator("#dated-count").text_content() == (
        "50 of 50 relations have a report date, 2023; 0 have none."
    )
    assert (
        page.locator("#date-kind-note")
        .text_content()
        .startswith("Report dates: when a source reported it")
    )
    assert page.locator("#undated-label").text_content() == (
        "Include the 0 relations with no report date"
    )
    assert "dates=reported" in page.evaluate("location.hash")
    clean(page, havana)


# -- 5. line width, and access ---------------------------------------------------------------------


def test_line_width_can_follow_independent_origins(havana: Rendered, view: Any) -> None:
    ds = havana.dataset
    page = view(havana)

    def widths() -> dict[str, float]:
        return dict(
            page.evaluate(
                "Object.fromEntries(window.relgraph.edges.get().map((e) => [e.id, e.width]))"
            )
        )

    def expected(n: int) -> float:
        return 1.2 + 1.2 * (min(max(n, 1), 5) - 1)

    assert widths() == pytest.approx({r.id: expected(len(r.evidence)) for r in ds.relations})
    page.locator("#width-by").select_option("origins")
    assert widths() == pytest.approx(
        {r.id: expected(corroboration(ds, r).independent) for r in ds.relations}
    )
    assert "Thicker: more independent origins" in page.locator("#legend").inner_text()
    assert "width=origins" in page.evaluate("location.hash")
    clean(page, havana)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_critical_or_serious_in_the_evidence(
    havana: Rendered, view: Any, scheme: str
) -> None:
    assert AXE.exists(), "axe-core is missing: run bash scripts/test once to install it"
    page = view(havana, bypass_csp=True, color_scheme=scheme)
    page.add_script_tag(path=str(AXE))
    results = {}
    for state in ("relation", "sources", "table"):
        if state == "relation":
            page.evaluate(f"window.relgraph.selectEdge({ACCORDS!r})")
        elif state == "sources":
            page.locator("#show-sources").click()
            page.locator("input[data-source='acn-2023-06-12']").uncheck()
        else:
            page.locator("#toggle-table").click()
        results[state] = page.evaluate(
            """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations
              .filter((v) => v.impact === 'critical' || v.impact === 'serious')
              .map((v) => v.id + ': ' +
                   v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | '));
        }"""
        )
    assert results == {"relation": [], "sources": [], "table": []}


def test_claims_carry_their_counts_and_a_quote_leads_to_its_source(
    havana: Rendered, view: Any
) -> None:
    ds = havana.dataset
    page = view(havana)
    assert ds.claims, "the Havana dataset has claims"
    for c in ds.claims:
        page.evaluate("(id) => window.relgraph.selectNode(id)", c.entity)
        item = page.locator(f"#details-body li[data-claim='{c.id}']")
        assert item.locator(".corroboration").text_content() == corroboration(ds, c).summary()
    # "About this source" opens the Sources panel at that source, its box focused
    page.evaluate(f"window.relgraph.selectEdge({ACCORDS!r})")
    page.locator(
        ".origin-group[data-origin='tehrantimes-2023-06-15'] button.about-source"
    ).first.click()
    assert page.locator("#details-title").text_content() == "Sources and their grades"
    assert page.evaluate("document.activeElement.dataset.source") == "tehrantimes-2023-06-15"
    assert "panel=sources" in page.evaluate("location.hash")
    clean(page, havana)


# -- affiliation through the dataset's ties, and the words taken as allegation -----------------


def test_an_origin_tied_to_an_end_says_through_which_tie(havana: Rendered, view: Any) -> None:
    """Cuban media on Díaz-Canel, Iranian outlets on Raisi: named, with the tie, and not counted."""
    ds = havana.dataset
    talks = "diaz-canel-meeting-raisi-2023-06-15"
    page = view(havana)
    page.evaluate("(id) => window.relgraph.selectEdge(id)", talks)
    assert page.locator("#details-body .corroboration").text_content() == (
        "5 quotes \u00b7 4 sources \u00b7 1 independent origin (3 affiliated)"
    )
    cuban = page.locator(".origin-group[data-origin^='Cuban state-media'] .origin-affiliation")
    assert cuban.text_content() == (
        "Affiliated with: Cuba \u2014 Miguel Díaz-Canel holds office in Cuba, so not an "
        "independent origin"
    )
    tehran = page.locator(".origin-group[data-origin=tehrantimes-2023-06-15] .origin-affiliation")
    assert tehran.text_content() == (
        "Affiliated with: Iran \u2014 Ebrahim Raisi holds office in Iran, so not an independent "
        "origin"
    )
    # with EFE hidden the page counts again, by the same ties: nothing independent is left
    page.locator("#show-sources").click()
    page.locator("input[data-source='efe-2023-06-16']").uncheck()
    page.evaluate("(id) => window.relgraph.selectEdge(id)", talks)
    kept = all_statuses(sources=tuple(s.id for s in ds.sources if s.id != EFE)).apply(ds)
    c = corroboration(kept, next(r for r in kept.relations if r.id == talks))
    assert c.independent == 0
    assert page.locator("#details-body .corroboration").text_content() == c.summary()
    clean(page, havana)


def test_a_quote_from_words_taken_as_allegation_says_so(tmp_path: Path, view: Any) -> None:
    ds = relgraph.load(ROOT / "graph_data" / "cuba_iran.yaml")
    path = tmp_path / "cuba_iran.html"
    render(ds, path)
    rendered = Rendered(ds, path)
    page = view(rendered)
    page.evaluate("window.relgraph.selectEdge('iran-defends-record-cuba')")
    mark = page.locator("#details-body .attribution .alleged-attribution")
    assert mark.text_content() == " \u2014 the dataset takes these words as allegation"
    assert page.locator("#details-body .attribution:has(.alleged-attribution)").text_content() == (
        "Attributed to the data the article cites (unnamed) \u2014 the dataset takes these "
        "words as allegation"
    )
    # a quote attributed to a named actor carries no such mark
    page.evaluate("window.relgraph.selectEdge('cuba-rapprochement-us')")
    assert page.locator("#details-body .attribution").first.text_content() == (
        "Attributed to historical accounts quoted by the article (unnamed)"
    )
    assert page.locator("#details-body .alleged-attribution").count() == 0
    clean(page, rendered)

"""Story mode: the dataset's ``views:`` stepped through on the page like a slideshow.

Each test opens a rendered page from file:// in Debian's headless Chromium, with the
network off, and steps through the story as a reader would: the Story button, Next and
Previous, the arrow keys, Back and Forward, a link to a step opened fresh.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

import relgraph
from relgraph.model import Dataset
from relgraph.rendering import render

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "graph_data" / "cuba_iran.yaml"
AXE = ROOT / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "build" / "browser-artifacts"

Page = Any
HOSTILE = '<img src=x onerror="window.__pwned=1">'


class Rendered:
    def __init__(self, dataset: Dataset, path: Path) -> None:
        self.dataset = dataset
        self.path = path
        self.url = path.as_uri()


def write_hostile(folder: Path) -> Path:
    """Two actors, one relation and a story whose words are markup and script."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sources").mkdir(exist_ok=True)
    text = "Ruritania and Grand Fenwick signed a fishing treaty.\n"
    (folder / "sources" / "wire.txt").write_text(text, encoding="utf-8")
    sha = hashlib.sha256(text.encode()).hexdigest()
    doc = {
        "dataset": {"id": "hostile-story", "title": "A story of markup"},
        "sources": [
            {
                "id": "wire",
                "title": "Wire",
                "reliability": "B",
                "text": "sources/wire.txt",
                "sha256": sha,
            }
        ],
        "entities": [
            {"id": "ruritania", "name": "Ruritania", "kind": "state"},
            {"id": "fenwick", "name": "Grand Fenwick", "kind": "state"},
        ],
        "relations": [
            {
                "id": "treaty",
                "source": "ruritania",
                "target": "fenwick",
                "type": "agreement",
                "status": "reported",
                "evidence": [{"quote": "signed a fishing treaty", "source": "wire"}],
            }
        ],
        "views": [
            {
                "id": "one",
                "title": HOSTILE,
                "caption": f"</script>{HOSTILE}",
                "relations": ["treaty"],
            },
            {"id": "two", "title": "Second <b>step</b>", "actors": ["fenwick"]},
        ],
    }
    path = folder / "dataset.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    ds = relgraph.load(BUNDLED)
    path = tmp_path_factory.mktemp("story") / "bundled.html"
    render(ds, path)
    return Rendered(ds, path)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    folder = tmp_path_factory.mktemp("hostile-story")
    ds = relgraph.load(write_hostile(folder))
    path = folder / "page.html"
    render(ds, path)
    return Rendered(ds, path)


@pytest.fixture
def view(browser: Any) -> Iterator[Callable[..., Page]]:
    contexts: list[Any] = []

    def opener(
        rendered: Rendered, width: int = 1400, height: int = 900, hash: str = "", **options: Any
    ) -> Page:
        context = browser.new_context(
            viewport={"width": width, "height": height}, offline=True, **options
        )
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.requests = []
        page.dialogs = []
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.on("request", lambda r: page.requests.append(r.url))
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        page.goto(rendered.url + hash)
        page.wait_for_function(
            "window.relgraph && window.relgraph.firstDraw !== null", timeout=20_000
        )
        return page

    yield opener
    for context in contexts:
        context.close()


def clean(page: Page, rendered: Rendered) -> None:
    assert page.errors == []
    assert page.dialogs == []
    assert [u for u in page.requests if u != rendered.url and not u.startswith("data:")] == []


def shown_edges(page: Page) -> set[str]:
    return set(page.evaluate("window.relgraph.edgeView.getIds()"))


def story_hash(page: Page) -> str:
    return str(page.evaluate("location.hash"))


def card(page: Page) -> tuple[str, str, str]:
    """The story card's step, title and caption as the reader sees them."""
    return (
        str(page.locator("#story-step").text_content()),
        str(page.locator("#story-title").text_content()),
        str(page.locator("#story-caption").text_content()),
    )


def until(page: Page, expression: str) -> None:
    for _ in range(100):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {expression}")


def views_of(ds: Dataset) -> dict[str, Any]:
    return {v.id: v for v in ds.views}


def kept_by(ds: Dataset, view_id: str, shown: set[str]) -> dict[str, list[str]]:
    """What a step of the bundled story puts forward: its relations and their ends."""
    v = views_of(ds)[view_id]
    edges = [r for r in ds.relations if r.id in v.relations and r.id in shown]
    nodes = {r.source for r in edges} | {r.target for r in edges} | set(v.actors)
    return {"nodes": sorted(nodes), "edges": sorted(r.id for r in edges)}


# -- stepping through ---------------------------------------------------------------------------


def test_the_story_steps_with_buttons_keys_back_and_forward(bundled: Rendered, view: Any) -> None:
    ds = bundled.dataset
    assert [v.id for v in ds.views] == ["agreements", "raisi-visit", "dated", "allegations"]
    page = view(bundled)
    assert page.locator("#story").is_hidden()
    # the overview lists the steps
    steps = page.locator("#details-body ol.story-steps button")
    assert steps.all_text_contents() == [v.title for v in ds.views]
    page.locator("#story-open").click()
    assert story_hash(page) == "#story=agreements"
    assert page.locator("#story-open").get_attribute("aria-pressed") == "true"
    agreements = views_of(ds)["agreements"]
    assert card(page) == ("Step 1 of 4", agreements.title, agreements.caption)
    assert page.locator("#story-prev").is_disabled()
    # the step's relations and their actors are put forward, the rest faded
    assert page.evaluate("window.relgraph.kept()") == kept_by(ds, "agreements", shown_edges(page))
    assert page.locator("#details-title").text_content() == agreements.title
    assert page.locator("#details-body h3").first.text_content() == "Relations in this step (7)"
    # Next, then the arrow key (focus stays on the button)
    page.locator("#story-next").click()
    assert story_hash(page) == "#story=raisi-visit"
    assert card(page)[:2] == ("Step 2 of 4", "Raisi's visit to Cuba")
    assert page.evaluate("window.relgraph.story") == "raisi-visit"
    page.keyboard.press("ArrowRight")
    assert story_hash(page) == "#story=dated"
    # a step's dates: only what is dated 2006, the undated left out
    assert shown_edges(page) == {"iran-cuba-agreement-2006"}
    assert page.locator("#date-from").input_value() == "2006"
    assert page.locator("#date-to").input_value() == "2006"
    assert not page.locator("#include-undated").is_checked()
    page.keyboard.press("ArrowRight")
    assert story_hash(page) == "#story=allegations"
    # a step's filters: only the allegations
    alleged = {r.id for r in ds.relations if r.status == "alleged"}
    assert shown_edges(page) == alleged
    assert page.locator("#hide-allegations").is_checked() is False
    assert page.locator('#statuses input[data-id="reported"]').is_checked() is False
    assert page.locator("#story-next").is_disabled()
    page.keyboard.press("ArrowRight")  # the last step: nothing further
    assert story_hash(page) == "#story=allegations"
    # Back and Forward go through the steps taken
    page.go_back()
    until(page, "location.hash === '#story=dated'")
    until(page, "window.relgraph.story === 'dated'")
    assert card(page)[:2] == ("Step 3 of 4", "The one dated relation")
    assert shown_edges(page) == {"iran-cuba-agreement-2006"}
    page.go_back()
    until(page, "window.relgraph.story === 'raisi-visit'")
    page.go_forward()
    until(page, "window.relgraph.story === 'dated'")
    page.keyboard.press("ArrowLeft")
    assert story_hash(page) == "#story=raisi-visit"
    # back to before the story: the steps taken (dated, raisi-visit, agreements), then none
    for step in ("dated", "raisi-visit", "agreements"):
        page.go_back()
        until(page, f"window.relgraph.story === '{step}'")
    page.go_back()
    until(page, "window.relgraph.story === null")
    assert page.locator("#story").is_hidden()
    assert len(shown_edges(page)) == len(ds.relations)
    clean(page, bundled)


def test_a_link_to_a_step_opened_fresh_shows_that_step(bundled: Rendered, view: Any) -> None:
    ds = bundled.dataset
    page = view(bundled, hash="#story=allegations")
    allegations = views_of(ds)["allegations"]
    assert card(page) == ("Step 4 of 4", allegations.title, allegations.caption)
    alleged = {r.id for r in ds.relations if r.status == "alleged"}
    assert shown_edges(page) == alleged
    assert page.locator("#details-title").text_content() == allegations.title
    # its step names no relation and no actor: nothing is faded
    assert page.evaluate("window.relgraph.kept()") is None
    # a step one does not know is no step
    page.goto(bundled.url + "#story=no-such-step")
    page.wait_for_function("window.relgraph && window.relgraph.firstDraw !== null")
    assert page.evaluate("window.relgraph.story") is None
    assert page.locator("#story").is_hidden()
    clean(page, bundled)


def test_selecting_in_a_step_keeps_it_and_the_link_says_both(bundled: Rendered, view: Any) -> None:
    page = view(bundled, hash="#story=raisi-visit")
    page.locator("#details-body button.relation").first.click()
    assert page.locator("#details-title").text_content() == "Ibrahim Raisi visited Cuba"
    assert story_hash(page) == "#relation=raisi-visit-cuba&story=raisi-visit"
    assert page.locator("#story").is_visible()
    page.reload()
    page.wait_for_function("window.relgraph && window.relgraph.firstDraw !== null")
    assert page.evaluate("window.relgraph.story") == "raisi-visit"
    assert page.locator("#details-title").text_content() == "Ibrahim Raisi visited Cuba"
    # a click on the background goes back to the step
    box = page.locator("#graph canvas").bounding_box()
    page.mouse.click(box["x"] + 4, box["y"] + 4)
    assert page.locator("#details-title").text_content() == "Raisi's visit to Cuba"
    assert story_hash(page) == "#story=raisi-visit"
    clean(page, bundled)


def test_changing_a_filter_leaves_the_story_and_leaving_shows_everything(
    bundled: Rendered, view: Any
) -> None:
    ds = bundled.dataset
    page = view(bundled, hash="#story=allegations")
    page.locator('#statuses input[data-id="reported"]').check()
    assert page.evaluate("window.relgraph.story") is None
    assert page.locator("#story").is_hidden()
    # the step's other filters stay: the reader goes on from there
    assert story_hash(page) == "#statuses=confirmed"
    assert shown_edges(page) == {r.id for r in ds.relations if r.status in ("alleged", "reported")}
    # the arrow keys do nothing out of the story
    page.locator("#story-open").focus()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("window.relgraph.story") is None
    # in a step again, Leave the story clears its filters
    page.locator("#story-open").click()
    page.locator("#story-next").click()
    page.locator("#story-next").click()
    assert story_hash(page) == "#story=dated"
    page.locator("#story-leave").click()
    assert page.evaluate("window.relgraph.story") is None
    assert len(shown_edges(page)) == len(ds.relations)
    assert page.locator("#date-from").input_value() == ""
    assert page.evaluate("document.activeElement.id") == "story-open"
    clean(page, bundled)


def test_a_page_without_views_has_no_story(pages: dict[str, Any], view: Any) -> None:
    page = view(pages["sample"])
    assert page.locator("#story-open").is_hidden()
    assert page.locator("#details-body ol.story-steps").count() == 0
    page.keyboard.press("ArrowRight")
    assert page.errors == []


def test_story_words_are_text_never_markup(hostile: Rendered, view: Any) -> None:
    page = view(hostile, hash="#story=one")
    assert card(page) == ("Step 1 of 2", HOSTILE, f"</script>{HOSTILE}")
    assert page.locator("#story img, #details img").count() == 0
    assert page.evaluate("window.__pwned") is None
    page.locator("#story-next").click()
    assert card(page)[1] == "Second <b>step</b>"
    assert page.locator("#story b").count() == 0
    # a step with actors and no relation puts forward its actors
    assert page.evaluate("window.relgraph.kept()") == {"nodes": ["fenwick"], "edges": []}
    clean(page, hostile)


def test_the_story_on_a_phone_keeps_the_graph_and_steps(bundled: Rendered, view: Any) -> None:
    page = view(bundled, width=390, height=844, hash="#story=agreements", has_touch=True)
    canvas = page.locator("#graph canvas").bounding_box()
    assert canvas["width"] >= 300
    assert page.locator("#story").is_visible()
    story = page.locator("#story").bounding_box()
    assert story["x"] >= 0
    assert story["x"] + story["width"] <= 390
    page.locator("#story-next").tap()
    assert story_hash(page) == "#story=raisi-visit"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "story-phone-390x844.png"))
    clean(page, bundled)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_critical_or_serious_in_a_step(
    bundled: Rendered, view: Any, scheme: str
) -> None:
    assert AXE.exists(), "axe-core is missing: run bash scripts/test once to install it"
    page = view(bundled, hash="#story=raisi-visit", bypass_csp=True, color_scheme=scheme)
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations
          .filter((v) => v.impact === 'critical' || v.impact === 'serious')
          .map((v) => v.id + ': ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | '));
    }"""
    )
    assert found == []
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"story-step-{scheme}.png"))

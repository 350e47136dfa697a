"""The page shows what is still proposed for review (a draft of `relgraph suggest`) as such."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import relgraph
from relgraph.rendering import render
from support import SOURCE_TEXT, sha256_of

pytestmark = pytest.mark.browser

DATA = """\
dataset: {{id: draft, title: A draft}}
sources:
  - {{id: art, title: An article, reliability: F, text: sources/art.txt, sha256: {sha}}}
entities:
  - {{id: iran, name: Iran, kind: state}}
  - {{id: cuba, name: Cuba, kind: state, review: accepted}}
  - {{id: hamas, name: Hamas, kind: group, review: proposed}}
relations:
  - id: accords
    source: iran
    target: cuba
    type: agreement
    status: reported
    review: accepted
    evidence:
      - {{quote: "Iran and Cuba signed an agreement", source: art}}
  - id: intelligence
    source: cuba
    target: hamas
    type: intelligence_sharing
    status: alleged
    review: proposed
    evidence:
      - {{quote: "Cuba provides intelligence to Hamas", source: art}}
claims:
  - id: firm
    entity: cuba
    statement: calls the ties firm and progressive
    status: reported
    review: proposed
    evidence:
      - {{quote: "firm and progressive", source: art}}
"""


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("review")
    (folder / "sources").mkdir()
    (folder / "sources" / "art.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    (folder / "draft.yaml").write_text(DATA.format(sha=sha256_of(SOURCE_TEXT)), encoding="utf-8")
    out = folder / "draft.html"
    render(relgraph.load(folder / "draft.yaml"), out)
    return out


@pytest.fixture
def page(open_file: Callable[[Path], Any], page_file: Path) -> Any:
    return open_file(page_file)


def test_a_proposed_relation_is_drawn_faint_and_labelled_proposed(page: Any) -> None:
    drawn = page.evaluate(
        """(ids) => ids.map((id) => {
            const e = window.relgraph.edges.get(window.relgraph.visId(id));
            return [e.label, e.color.opacity];
        })""",
        ["intelligence", "accords"],
    )
    assert drawn == [["proposed · alleged", 0.45], [None, 0.9]]


def test_the_panels_say_what_is_still_proposed(page: Any) -> None:
    page.evaluate("window.relgraph.selectEdge('intelligence')")
    facts = page.locator("#details-body dl.facts").first.inner_text()
    assert facts.startswith(
        "Review\nPROPOSED suggested by relgraph suggest and not checked yet: read it against "
        "its source before relying on it\n"
    )
    page.evaluate("window.relgraph.selectEdge('accords')")
    assert "Review" not in page.locator("#details-body dl.facts").first.inner_text()
    # an actor still proposed says so; its relations and claims carry the mark
    page.evaluate("window.relgraph.selectNode('hamas')")
    assert page.locator("#details-body dl.facts").first.inner_text().startswith("Review\nPROPOSED")
    page.evaluate("window.relgraph.selectNode('cuba')")
    body = page.locator("#details-body")
    assert "Review" not in body.locator("dl.facts").first.inner_text()
    assert body.locator("ul.claims .badge.review-proposed").all_text_contents() == ["proposed"]
    assert body.locator("button.relation .badge.review-proposed").all_text_contents() == [
        "proposed"
    ]

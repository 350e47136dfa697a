"""An elided quote is shown on the page as its fragments, each elision marked.

The quote block shows the fragments apart with a marked "[…]" between them (not the
literal dots run into the words), and the sentence around the quote marks each fragment
where the source has it. A quote whose text holds the dots itself is shown as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import relgraph
from relgraph.rendering import render
from support import sha256_of

pytestmark = pytest.mark.browser

TEXT = (
    "Iranian President Ebrahim Raisi met Nicaraguan President Daniel Ortega in Managua on "
    "Tuesday, and the two governments signed three accords on energy and health.\n\n"
    "Ortega said the talks went on... and on.\n"
)

DATA = """\
dataset:
  id: elided
  title: An elided quote
sources:
  - id: wire
    title: A wire report
    reliability: C
    text: sources/wire.txt
    sha256: {sha}
entities:
  - {{id: raisi, name: Ebrahim Raisi, kind: official}}
  - {{id: ortega, name: Daniel Ortega, kind: official}}
relations:
  - id: met
    source: raisi
    target: ortega
    type: meeting
    status: reported
    evidence:
      - quote: Ebrahim Raisi met Nicaraguan President Daniel Ortega … signed three accords
        source: wire
      - quote: the talks went on... and on
        source: wire
"""


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("elided")
    (folder / "sources").mkdir()
    (folder / "sources" / "wire.txt").write_text(TEXT, encoding="utf-8")
    (folder / "elided.yaml").write_text(DATA.format(sha=sha256_of(TEXT)), encoding="utf-8")
    out = folder / "elided.html"
    render(relgraph.load(folder / "elided.yaml"), out)
    return out


@pytest.fixture
def page(open_file: Callable[[Path], Any], page_file: Path) -> Any:
    return open_file(page_file)


def test_an_elided_quote_shows_its_fragments_with_the_elision_marked(page: Any) -> None:
    page.evaluate("window.relgraph.selectEdge('met')")
    items = page.locator("#details-body ol.evidence > li")
    first = items.nth(0)
    quote = first.locator("blockquote.quote")
    assert quote.locator(".fragment").all_text_contents() == [
        "Ebrahim Raisi met Nicaraguan President Daniel Ortega",
        "signed three accords",
    ]
    elision = quote.locator(".elision")
    assert elision.all_text_contents() == [" […] "]
    assert elision.get_attribute("aria-label") == "words left out"
    # the sentence marks each fragment where the source has it
    assert first.locator("p.context mark").all_text_contents() == [
        "Ebrahim Raisi met Nicaraguan President Daniel Ortega",
        "signed three accords",
    ]
    # dots the source itself has are not an elision
    second = items.nth(1)
    assert second.locator("blockquote.quote").inner_text() == "the talks went on... and on"
    assert second.locator(".elision").count() == 0
    assert second.locator("p.context mark").all_text_contents() == ["the talks went on... and on"]

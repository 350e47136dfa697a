"""What the page says aloud counts in words that agree with their numbers.

A page with a single relation announces "1 relation shown", never "1 relations shown",
when the reader switches the time between event and report dates.
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

TEXT = "Iranian President Ebrahim Raisi met Nicaraguan President Daniel Ortega in Managua.\n"

DATA = """\
dataset:
  id: one
  title: One relation
sources:
  - id: wire
    title: A wire report
    reliability: C
    published: 2023-06-13
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
      - quote: Ebrahim Raisi met Nicaraguan President Daniel Ortega in Managua
        source: wire
"""


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("one")
    (folder / "sources").mkdir()
    (folder / "sources" / "wire.txt").write_text(TEXT, encoding="utf-8")
    (folder / "one.yaml").write_text(DATA.format(sha=sha256_of(TEXT)), encoding="utf-8")
    out = folder / "one.html"
    render(relgraph.load(folder / "one.yaml"), out)
    return out


def _announced(page: Any) -> str:
    for _ in range(50):
        said = page.locator("#announce").text_content()
        if said:
            return str(said)
        page.wait_for_timeout(100)
    return ""


def test_switching_the_dates_announces_one_relation_in_the_singular(
    open_file: Callable[[Path], Any], page_file: Path
) -> None:
    page = open_file(page_file)
    page.locator("#date-kind").select_option("reported")
    assert _announced(page) == "Time reads report dates: 1 relation shown."

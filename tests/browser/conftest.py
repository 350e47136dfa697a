"""Fixtures for the browser tests: one headless Chromium per session, pages from file://.

Chromium is Debian's (``/usr/bin/chromium``, or the path in ``RELGRAPH_CHROMIUM``),
driven by Playwright. A missing browser fails these tests with a message; it never
skips them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import relgraph
from chromium import CHROMIUM, VIEWPORT, launch
from payloads import write_payload_dataset, write_sample_dataset
from relgraph.model import Dataset
from relgraph.rendering import render

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "graph_data" / "cuba_iran.yaml"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Chromium shared by every browser test."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"the browser tests need Chromium at {CHROMIUM}, which does not exist: "
            "install it (apt-get install chromium) or set RELGRAPH_CHROMIUM to its path",
            pytrace=False,
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the browser tests need Playwright: pip install -e '.[test]'", pytrace=False)
    with sync_playwright() as pw:
        try:
            chromium = launch(pw)
        except Exception as exc:
            pytest.fail(f"Chromium at {CHROMIUM} did not start: {exc}", pytrace=False)
        yield chromium
        chromium.close()


@dataclass
class Rendered:
    """A page written to disk, with the dataset it shows."""

    dataset: Dataset
    path: Path

    @property
    def url(self) -> str:
        return self.path.as_uri()


@pytest.fixture(scope="session")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    """The bundled page, a small sample, and the payload page (with and without its CSP)."""
    out = tmp_path_factory.mktemp("pages")
    found: dict[str, Rendered] = {}
    datasets = {
        "bundled": relgraph.load(BUNDLED),
        "sample": relgraph.load(write_sample_dataset(out / "sample")),
        "payloads": relgraph.load(write_payload_dataset(out / "payloads")),
    }
    for name, ds in datasets.items():
        path = out / f"{name}.html"
        render(ds, path)
        found[name] = Rendered(ds, path)
    # the same payload page with its Content-Security-Policy removed: shows that the page's
    # own script keeps every payload inert, not just the policy
    html = found["payloads"].path.read_text(encoding="utf-8")
    start = html.index('<meta http-equiv="Content-Security-Policy"')
    stripped = html[:start] + html[html.index(">", start) + 1 :]
    path = out / "payloads-no-csp.html"
    path.write_text(stripped, encoding="utf-8")
    found["payloads-no-csp"] = Rendered(datasets["payloads"], path)
    return found


@dataclass
class Opened:
    """A page open in the browser, with everything it asked for and complained about."""

    page: Any
    url: str
    requests: list[str] = field(default_factory=list)
    console: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    @property
    def console_errors(self) -> list[str]:
        return [text for kind, text in self.console if kind == "error"]

    def outside_requests(self) -> list[str]:
        return [u for u in self.requests if u != self.url and not u.startswith(("data:", "blob:"))]

    def details_title(self) -> str:
        return str(self.page.locator("#details-title").text_content())

    def dom_point(self, canvas_point: dict[str, float]) -> dict[str, float]:
        """Page coordinates of a point of the drawing."""
        return dict(
            self.js(
                """(p) => {
                const d = window.relgraph.network.canvasToDOM(p);
                const r = document.querySelector('#graph canvas').getBoundingClientRect();
                return {x: r.left + d.x, y: r.top + d.y};
            }""",
                canvas_point,
            )
        )


@pytest.fixture
def open_page(browser: Any) -> Iterator[Callable[[Rendered], Opened]]:
    """Open a rendered page in a fresh, offline browser context."""
    contexts: list[Any] = []

    def opener(rendered: Rendered) -> Opened:
        context = browser.new_context(viewport=VIEWPORT, offline=True)
        contexts.append(context)
        page = context.new_page()
        opened = Opened(page, rendered.url)
        page.on("request", lambda r: opened.requests.append(r.url))
        page.on("console", lambda m: opened.console.append((m.type, m.text)))
        page.on("pageerror", lambda e: opened.errors.append(str(e)))

        def dialog(d: Any) -> None:
            opened.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", dialog)
        page.goto(rendered.url)
        page.wait_for_function(
            "window.relgraph && window.relgraph.firstDraw !== null", timeout=15_000
        )
        return opened

    yield opener
    for context in contexts:
        context.close()


@pytest.fixture
def open_file(open_page: Callable[[Rendered], Opened]) -> Iterator[Callable[[Path], Any]]:
    """Open a page file a test rendered itself, drawn; the test fails if the page raised errors."""
    opened: list[Opened] = []

    def opener(path: Path) -> Any:
        # open_page reads only the page's address, so no dataset is needed here
        opened.append(open_page(Rendered(None, path)))  # type: ignore[arg-type]
        return opened[-1].page

    yield opener
    for each in opened:
        assert each.errors == []

"""Jupyter: a short repr, a summary that survives an untrusted reopening, a cap on the page."""

from __future__ import annotations

import dataclasses
from html.parser import HTMLParser

import pytest

import relgraph
from relgraph import jupyter
from relgraph.jupyter import MAX_INLINE_RELATIONS, mimebundle, summary_html

# What JupyterLab's sanitizer (sanitize-html) keeps of the tags the summary uses: it drops
# <iframe> (so a notebook reopened untrusted loses the page) and <script>.
KEPT = {"div", "p", "strong", "code", "table", "thead", "tbody", "tr", "th", "td"}


class _Sanitized(HTMLParser):
    """The text and tags of an HTML output after a sanitizer's allowlist (KEPT, no attributes)."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.dropped: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in KEPT:
            self.dropped.append(tag)
            self._skip += 1
        elif attrs:
            self.attributes.extend(attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag not in KEPT:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


def sanitized(html: str) -> _Sanitized:
    parser = _Sanitized()
    parser.feed(html)
    return parser


def test_repr_is_one_short_line(bundled: relgraph.Dataset) -> None:
    assert repr(bundled) == (
        "<Dataset cuba_iran 'Cuba–Iran relations': 20 entities, 31 relations, 33 quotes, "
        "1 source, 10 claims>"
    )


def test_repr_of_50k_relations_and_a_long_title_stays_under_300_characters(
    bundled: relgraph.Dataset,
) -> None:
    big = dataclasses.replace(
        bundled,
        title="A very long title " * 200,
        relations=bundled.relations * 1613,  # 50,003 relations
    )
    text = repr(big)
    assert len(text) < 300
    assert text == (
        "<Dataset cuba_iran 'A very long title A very long title A very long title A very long "
        "title A very…': 20 entities, 50,003 relations, 53,229 quotes, 1 source, 10 claims>"
    )
    assert str(big) == text


def test_jupyter_gets_a_plain_text_a_summary_and_the_page(bundled: relgraph.Dataset) -> None:
    bundle = bundled._repr_mimebundle_()
    assert bundle["text/plain"] == repr(bundled)
    html = bundle["text/html"]
    assert html == bundled._repr_html_()
    assert html.startswith(summary_html(bundled))
    assert html.count('<iframe srcdoc="&lt;!DOCTYPE html&gt;') == 1
    assert 'sandbox="allow-scripts' in html


def test_an_untrusted_reopening_still_shows_the_summary(bundled: relgraph.Dataset) -> None:
    kept = sanitized(bundled._repr_html_())
    assert kept.dropped == ["iframe"]  # the page goes
    assert kept.attributes == []
    assert "".join(kept.text) == (
        "Cuba–Iran relations cuba_iran: 20 actors, 31 relations, 33 quotes, 1 source, 10 claims"
        "statusrelationsreported22alleged9"
        "Most relations: Cuba (21), Iran (17), Ibrahim Raisi (4), United States (4), Hamas (3)"
    )


def test_the_summary_escapes_what_the_data_says(bundled: relgraph.Dataset) -> None:
    hostile = dataclasses.replace(bundled, title="<script>alert(1)</script>", id="x<b>")
    html = summary_html(hostile)
    assert "<script>" not in html
    assert "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert sanitized(html).dropped == []


def test_a_large_dataset_shows_its_summary_and_how_to_see_it_not_its_page(
    bundled: relgraph.Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = dataclasses.replace(bundled, relations=bundled.relations * 65)  # 2,015 relations

    def no_page(*args: object, **kwargs: object) -> None:
        raise AssertionError("a dataset over the cap is not rendered")

    monkeypatch.setattr("relgraph.rendering.notebook", no_page)
    html = mimebundle(big)["text/html"]
    assert len(big.relations) > MAX_INLINE_RELATIONS
    assert "<iframe" not in html
    assert html.endswith(
        "<p>2,015 relations are more than a notebook shows inline (at most 2,000): write the "
        "page to a file with <code>relgraph.render(ds, &quot;page.html&quot;)</code> and open "
        "it, or show part of the dataset, e.g. <code>relgraph.filters.Filter(statuses=["
        "&quot;confirmed&quot;]).apply(ds)</code> (<code>relgraph.rendering.notebook(ds)</code> "
        "shows it anyway).</p>"
    )
    assert "2,015 relations" in "".join(sanitized(html).text)


def test_a_page_over_the_byte_cap_is_not_put_inline(
    bundled: relgraph.Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jupyter, "MAX_INLINE_BYTES", 100_000)
    html = mimebundle(bundled)["text/html"]
    assert "<iframe" not in html
    assert "more than a notebook shows inline (at most 0.1 MB): write the page" in html

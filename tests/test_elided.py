"""Elided quotes: fragments of one passage joined by " … ", each checked, in order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import relgraph
from relgraph.convert import convert
from relgraph.rendering import page_data
from support import BASE_YAML, run, sha256_of

TEXT = (
    "Iran and Cuba signed an agreement in Havana in January 2006, officials said, "
    "after months of talks. It covers trade.\n\n"
    "Cuba later signed six accords with Venezuela.\n"
)
QUOTE = "Iran and Cuba signed an agreement in Havana in January 2006."


def _dataset(tmp_path: Path, quote: str) -> Path:
    (tmp_path / "sources").mkdir(exist_ok=True)
    (tmp_path / "sources" / "art.txt").write_text(TEXT, encoding="utf-8")
    path = tmp_path / "demo.yaml"
    yaml = BASE_YAML.format(sha=sha256_of(TEXT)).replace(QUOTE, json.dumps(quote))
    path.write_text(yaml, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "quote",
    [
        "Iran and Cuba signed an agreement … after months of talks",
        "Iran and Cuba signed an agreement ... It covers trade.",
        "Iran and Cuba [...] in January 2006 [\u2026] after months of talks.",
    ],
)
def test_an_elided_quote_is_checked_fragment_by_fragment(tmp_path: Path, quote: str) -> None:
    path = _dataset(tmp_path, quote)
    ds = relgraph.load(path)
    evidence = ds.relations[0].evidence[0]
    assert evidence.quote == quote  # kept as written, the elision marked
    assert TEXT[evidence.start : evidence.end].startswith("Iran and Cuba")
    # the JSON Lines reader (the bulk fast path hands it to the same checks) agrees
    out = tmp_path / "out" / "demo.jsonl"
    out.parent.mkdir()
    convert(path, out)
    again = relgraph.load(out).relations[0].evidence[0]
    assert (again.quote, again.start, again.end) == (quote, evidence.start, evidence.end)
    # and the exports carry it
    page = page_data(ds)
    assert quote in json.dumps(page, ensure_ascii=False)


def test_fragments_out_of_order_are_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ds = _dataset(tmp_path, "after months of talks … Iran and Cuba signed")
    code, _, err = run(capsys, "validate", str(ds))
    assert code == 1
    assert err.splitlines()[:2] == [
        f"{ds}:27:16: error[quote-not-found] the 2 fragments of the quote are not in one "
        "paragraph of the text of source 'art', in this order",
        "  hint: each fragment is in the text, but not in this order within one paragraph; "
        "quote fragments of one passage, in the source's order",
    ]


def test_fragments_from_two_paragraphs_are_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ds = _dataset(tmp_path, "Iran and Cuba signed … six accords with Venezuela")
    code, _, err = run(capsys, "validate", str(ds))
    assert code == 1
    assert "error[quote-not-found] the 2 fragments of the quote are not in one paragraph" in err


def test_a_fragment_not_in_the_text_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ds = _dataset(tmp_path, "Iran and Cuba signed … after month of talk")
    code, _, err = run(capsys, "validate", str(ds))
    assert code == 1
    assert err.splitlines()[1] == (
        '  hint: the fragment "after month of talk" is not in the text; '
        'the closest passage is: "after months of talks"'
    )

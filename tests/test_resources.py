"""Bounded work on hostile and unlucky input, generated here at test time.

Each test builds its input (a text with no sentence end, many quotes that are
not in their source, huge values in every field, deep folders), checks the
answer a user gets, and bounds the work done by counting it (characters the
sentence-end search looks at, closest-passage searches), never by timing it.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import relgraph
import relgraph.quotes
from relgraph.cli import main
from relgraph.errors import LINE_LIMIT
from relgraph.load import rules, validate
from relgraph.load.rules import MAX_CLOSEST_HINTS
from relgraph.quotes import CONTEXT_WINDOW, StoredText
from support import sha256_of

WORDS = ["kalo", "mine", "rusa", "tivo", "zepa", "qubi", "lomi", "neru", "sati", "voze"]


def _sentence_less(size: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    words: list[str] = []
    total = 0
    while total < size:
        word = rng.choice(WORDS) + str(rng.randrange(1000))
        words.append(word)
        total += len(word) + 1
    return " ".join(words)


def _dataset(folder: Path, content: str, quotes: list[str], **source: Any) -> Path:
    """A YAML dataset with one source and one relation per quote."""
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    (folder / "sources" / "big.txt").write_text(content, encoding="utf-8")
    fields = {
        "id": "big",
        "title": "Big",
        "reliability": "F",
        "text": "sources/big.txt",
        "sha256": sha256_of(content),
        **source,
    }
    lines = ["dataset:", "  id: d", "  title: D", "sources:"]
    lines.append("  - " + "\n    ".join(f"{k}: {json.dumps(v)}" for k, v in fields.items()))
    lines += ["entities:"]
    lines += [f"  - {{id: e{i}, name: E {i}, kind: person}}" for i in range(2)]
    lines += ["relations:"]
    for i, quote in enumerate(quotes):
        lines += [
            f"  - {{id: r{i}, source: e0, target: e1, type: meeting, status: reported,",
            f"     evidence: [{{quote: {json.dumps(quote)}, source: big}}]}}",
        ]
    path = folder / "data.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class _Counting:
    """The sentence-end pattern, counting the characters each search may look at."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.scanned = 0

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
        stop = len(text) if endpos is None else endpos
        self.scanned += max(0, stop - pos)
        return self.pattern.finditer(text, pos, stop)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        stop = len(text) if endpos is None else endpos
        self.scanned += max(0, stop - pos)
        return self.pattern.search(text, pos, stop)


def test_a_text_without_sentence_ends_frames_each_quote_in_a_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _sentence_less(300_000)
    words = text.split(" ")
    rng = random.Random(1)
    quotes = []
    for _ in range(200):
        at = rng.randrange(len(words) - 8)
        quotes.append(" ".join(words[at : at + 6]))
    path = _dataset(tmp_path, text, quotes)
    counter = _Counting(relgraph.quotes._SENTENCE_END)
    monkeypatch.setattr(relgraph.quotes, "_SENTENCE_END", counter)

    dataset = relgraph.load(path)

    assert len(dataset.relations) == 200
    longest = max(len(q) for q in quotes)
    for relation in dataset.relations:
        (evidence,) = relation.evidence
        assert evidence.quote in evidence.context
        assert len(evidence.context) <= 2 * CONTEXT_WINDOW + longest + 2
    # the search for sentence ends looks at a window around each quote (framed at most
    # twice: for the allegation check and for the evidence), not the whole text
    assert counter.scanned <= 2 * 200 * (2 * CONTEXT_WINDOW + longest)
    assert counter.scanned < len(text)


def test_a_context_cut_by_the_window_says_so() -> None:
    text = _sentence_less(5_000)
    stored = StoredText(text)
    quote = " ".join(text[2_000:2_100].split(" ")[1:-1])
    match = stored.find(quote)
    assert match is not None
    context = stored.context(match)
    assert context.startswith("…")
    assert context.endswith("…")
    assert quote in context


def test_many_quotes_not_found_in_one_source_search_only_the_first_few(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _sentence_less(60_000)
    quotes = [f"words that are nowhere in the text, number {i}" for i in range(300)]
    path = _dataset(tmp_path, text, quotes)
    searches = 0
    closest = StoredText.closest

    def counting(self: StoredText, quote: str) -> str | None:
        nonlocal searches
        searches += 1
        return closest(self, quote)

    monkeypatch.setattr(StoredText, "closest", counting)

    problems = validate(path)

    assert [p.code for p in problems] == ["quote-not-found"] * 300
    assert searches == MAX_CLOSEST_HINTS
    assert problems[-1].hint == (
        "copy the words exactly from the source's text (no closest passage is looked for "
        f"after {MAX_CLOSEST_HINTS} quotes not found in one source: is it the right text?)"
    )


def test_a_text_too_long_to_index_gets_no_closest_passage_search(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _sentence_less(60_000)
    words = text.split(" ")
    quotes = [" ".join(words[10:16]) + " zzqx", " ".join(words[40:44]) + " … nowhere at all"]
    path = _dataset(tmp_path, text, quotes)
    searched: list[str] = []
    monkeypatch.setattr(StoredText, "closest", lambda self, quote: searched.append(quote))
    monkeypatch.setattr(rules, "MAX_HINT_TEXT", 50_000)

    problems = validate(path)

    assert searched == []
    assert [p.code for p in problems] == ["quote-not-found"] * 2
    assert problems[0].hint == (
        "copy the words exactly from the source's text (no closest passage is looked for in "
        "a text of more than 50,000 characters; `relgraph quote big WORDS` finds it)"
    )
    assert problems[1].hint == 'the fragment "nowhere at all" is not in the text'


def test_elided_quotes_not_found_count_against_the_search_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _sentence_less(20_000)
    quotes = [f"nowhere {i} … in the text either" for i in range(MAX_CLOSEST_HINTS + 30)]
    path = _dataset(tmp_path, text, quotes)
    searches = 0
    closest = StoredText.closest

    def counting(self: StoredText, quote: str) -> str | None:
        nonlocal searches
        searches += 1
        return closest(self, quote)

    monkeypatch.setattr(StoredText, "closest", counting)

    problems = validate(path)

    assert len(problems) == MAX_CLOSEST_HINTS + 30
    assert searches == MAX_CLOSEST_HINTS
    assert problems[-1].hint == 'the fragment "nowhere 49" is not in the text'


def test_a_huge_url_is_cut_in_the_message_and_kept_whole_in_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = "http://" + "a" * 32_000 + " b"
    path = _dataset(tmp_path, "Some text here.", ["Some text here."], url=url)

    with pytest.raises(SystemExit):
        main(["validate", str(path), "-q"])
    _, err = capsys.readouterr()
    first = err.splitlines()[0]
    assert first.endswith(
        f"error[bad-url] '{url[:120]}… (32,009 characters)' is not an http or https address"
    )
    assert max(len(line) for line in err.splitlines()) <= LINE_LIMIT

    with pytest.raises(SystemExit):
        main(["validate", str(path), "--format", "json"])
    out, _ = capsys.readouterr()
    (record,) = json.loads(out)
    assert record["value"] == url


@pytest.mark.parametrize(
    "field",
    ["id", "name", "kind", "type", "status", "source", "date", "quote", "title"],
)
def test_a_huge_value_in_any_field_keeps_every_output_line_short(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], field: str
) -> None:
    huge = "x" * 20_000
    text = "Some text here."
    path = _dataset(tmp_path, text, [text])
    yaml = path.read_text(encoding="utf-8")
    replaced = {
        "id": yaml.replace("id: e0,", f"id: {huge},"),
        "name": yaml.replace("name: E 0,", f"name: E 0 {huge},"),
        "kind": yaml.replace("kind: person}", f"kind: {huge}}}", 1),
        "type": yaml.replace("type: meeting", f"type: {huge}"),
        "status": yaml.replace("status: reported", f"status: {huge}"),
        "source": yaml.replace("source: e0", f"source: {huge}"),
        "date": yaml.replace("status: reported,", f"status: reported, date: '{huge}',"),
        "quote": yaml.replace('quote: "Some text here."', f"quote: {huge}"),
        "title": yaml.replace('title: "Big"', f"title: {huge}\n    color: {huge}"),
    }[field]
    assert replaced != yaml
    path.write_text(replaced, encoding="utf-8")

    with pytest.raises(SystemExit):
        main(["validate", str(path), "-q"])
    _, err = capsys.readouterr()
    assert "Traceback" not in err
    assert err.strip()
    assert max(len(line) for line in err.splitlines()) <= LINE_LIMIT


def test_a_source_text_deep_in_folders_validates(tmp_path: Path) -> None:
    deep = Path(*[f"level{i}" for i in range(40)])
    (tmp_path / deep).mkdir(parents=True)
    text = "Iran and Cuba met in Havana."
    (tmp_path / deep / "art.txt").write_text(text, encoding="utf-8")
    path = _dataset(tmp_path, text, [text], text=str(deep / "art.txt"))

    assert validate(path) == []

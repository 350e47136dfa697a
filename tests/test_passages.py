"""The quote finder: rough words in, verbatim passages out."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from relgraph.passages import GOOD_SCORE, MAX_LIMIT, PassageFinder, find_passages
from relgraph.quotes import StoredText
from support import BASE_YAML, SOURCE_TEXT, run, sha256_of

ARTICLE = (
    Path(__file__).parents[1] / "graph_data" / "sources" / "cuba_iran_relations.txt"
).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def finder() -> PassageFinder:
    return PassageFinder(ARTICLE)


@pytest.mark.parametrize(
    ("rough", "expected"),
    [
        # exact words
        ("a productive trade balance with Cuba", "a productive trade balance with Cuba"),
        # case and punctuation
        ("A PRODUCTIVE TRADE-BALANCE, WITH CUBA", "a productive trade balance with Cuba"),
        # a word different
        ("a productive commercial balance with Cuba", "a productive trade balance with Cuba"),
        # a word missing
        (
            "called relations firm and over the past three decades",
            "called relations firm and progressive over the past three decades",
        ),
        # word order within the sentence
        ("Cuba with balance trade productive a", "a productive trade balance with Cuba"),
    ],
)
def test_rough_words_find_the_verbatim_passage(
    finder: PassageFinder, rough: str, expected: str
) -> None:
    best = finder.find(rough)[0]
    assert best.text == expected
    assert ARTICLE[best.start : best.end] == best.text
    assert best.score >= GOOD_SCORE
    # what is found is a quote validation accepts, and the sentence holds it
    assert StoredText(ARTICLE).find(best.text) is not None
    assert best.text in best.sentence
    assert ARTICLE[best.sentence_start : best.sentence_end] == best.sentence


def test_the_sentence_is_the_whole_sentence(finder: PassageFinder) -> None:
    best = finder.find("productive trade balance")[0]
    assert best.sentence.startswith("Iran has consistently maintained")
    assert best.sentence.endswith(".")


def test_words_not_in_the_text_score_low(finder: PassageFinder) -> None:
    found = finder.find("Norway shipped bananas to the penguins of Antarctica")
    assert all(p.score < GOOD_SCORE for p in found)


def test_no_shared_word_gives_nothing() -> None:
    assert find_passages("Cuba and Iran.", "zzzz qqqq") == []
    assert find_passages("", "Cuba") == []
    assert find_passages("Cuba and Iran.", "  ,.; ") == []


def test_passages_do_not_overlap_and_limit_is_bounded(finder: PassageFinder) -> None:
    found = finder.find("Cuba Iran relations", limit=1000)
    assert 1 < len(found) <= MAX_LIMIT
    spans = sorted((p.start, p.end) for p in found)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    scores = [p.score for p in found]
    assert scores == sorted(scores, reverse=True)


def test_accents_and_other_scripts_are_folded() -> None:
    text = "El presidente Díaz-Canel recibió a Raisi en La Habana. ایران و کوبا"
    assert find_passages(text, "diaz canel recibio")[0].text == "Díaz-Canel recibió"
    assert find_passages(text, "ایران و کوبا")[0].text == "ایران و کوبا"


def test_the_caller_text_is_not_changed_and_results_are_deterministic() -> None:
    text = "A met B. B met A. A met B."
    first = [p.start for p in find_passages(text, "A met B", limit=5)]
    assert first == [p.start for p in find_passages(text, "A met B", limit=5)]
    assert first[0] == 0  # ties go to the first


# -- the command -------------------------------------------------------------


def _dataset(tmp_path: Path) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "art.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    path = tmp_path / "demo.yaml"
    path.write_text(BASE_YAML.format(sha=sha256_of(SOURCE_TEXT)), encoding="utf-8")
    return path


def test_quote_command_prints_the_passage_and_its_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ds = _dataset(tmp_path)
    code, out, err = run(capsys, "quote", "art", "ties firm progressive", "--dataset", str(ds))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("1. score ")
    assert lines[1] == "   ties were \u201cfirm and progressive"
    assert lines[2] == "   sentence: Officials said the ties were \u201cfirm and progressive\u201d."


def test_quote_yaml_is_evidence_that_validates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ds = _dataset(tmp_path)
    code, out, _ = run(
        capsys,
        "quote",
        "art",
        "data alleges cuba intelligence hamas",
        "--dataset",
        str(ds),
        "--format",
        "yaml",
    )
    assert code == 0
    assert out.splitlines()[1:] == [
        '- quote: "data alleges that Cuba provides intelligence to Hamas"',
        "  source: art",
    ]
    item = "\n".join("      " + line for line in out.splitlines()[1:])
    claim = (
        f"claims:\n  - entity: cuba\n    statement: s\n    status: alleged\n    evidence:\n{item}\n"
    )
    ds.write_text(ds.read_text(encoding="utf-8") + claim, encoding="utf-8")
    code, _, err = run(capsys, "validate", str(ds))
    assert code == 0, err


def test_quote_of_words_not_in_the_source_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ds = _dataset(tmp_path)
    code, out, err = run(
        capsys, "quote", "art", "Cuba sold bananas to Norway", "--dataset", str(ds)
    )
    assert code == 1
    assert err.startswith("relgraph: these words are not in source 'art'; the nearest passage")
    assert out.startswith("1. score ")
    assert len(out.splitlines()) == 3


def test_quote_from_a_text_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "My Article.txt"
    text.write_text(SOURCE_TEXT, encoding="utf-8")
    code, out, _ = run(capsys, "quote", str(text), "signed agreement havana", "--format", "yaml")
    assert code == 0
    assert out.splitlines()[-1] == "  source: my-article"


def test_quote_yaml_flag_is_the_old_name_of_format_yaml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`quote` spelled its output choice --yaml where every other command has --format."""
    text = tmp_path / "a.txt"
    text.write_text(SOURCE_TEXT, encoding="utf-8")
    words = ("quote", str(text), "signed agreement havana")
    _, new, _ = run(capsys, *words, "--format", "yaml")
    assert run(capsys, *words, "--yaml") == (
        0,
        new,
        "relgraph: warning: --yaml is the old name of --format yaml\n"
        "  hint: write --format yaml (the output is the same)\n",
    )
    assert run(capsys, *words, "--yaml", "--format", "json") == (
        2,
        "",
        "relgraph: error: --yaml and --format json ask for two outputs\n"
        "  hint: give one: --format yaml or --format json\n",
    )
    _, out, _ = run(capsys, "quote", "--help")
    assert "--format [text|yaml|json]" in out
    assert "--yaml" not in out


def test_quote_json_gives_each_passage_verbatim_with_its_evidence_item(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ds = _dataset(tmp_path)
    words = "data alleges cuba intelligence hamas"
    code, out, _ = run(
        capsys, "quote", "art", words, "--dataset", str(ds), "-n", "1", "--format", "json"
    )
    assert code == 0
    record = json.loads(out)
    [passage] = record.pop("passages")
    assert record == {"source": "art", "words": words, "in_source": True}
    assert SOURCE_TEXT[passage["start"] : passage["end"]] == passage["text"]
    assert passage["evidence"] == {
        "quote": "data alleges that Cuba provides intelligence to Hamas",
        "source": "art",
    }
    code, out, _ = run(
        capsys,
        "quote",
        "art",
        "Cuba sold bananas to Norway",
        "--dataset",
        str(ds),
        "--format",
        "json",
    )
    assert code == 1
    assert json.loads(out)["in_source"] is False


def test_quote_unknown_source_names_the_sources(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ds = _dataset(tmp_path)
    code, _, err = run(capsys, "quote", "atr", "x", "--dataset", str(ds))
    assert code == 2
    assert err == f"relgraph: error: 'atr' is not a source of {ds}; did you mean 'art'?\n"
    code, _, err = run(capsys, "quote", str(tmp_path / "none.txt"), "x")
    assert code == 2
    assert "is not a file; to name a source of a dataset, give --dataset" in err


@pytest.mark.parametrize(
    ("text", "rough", "passage"),
    [
        # Devanagari: the vowel signs are marks (े of समझौते)
        (
            "भारत और ईरान ने समझौते पर हस्ताक्षर किए। फिर बैठक हुई।",
            "ईरान ने समझौते",
            "ईरान ने समझौते",
        ),
        # Arabic with its vowel points, the last one (the tanween of مُحَمَّدٌ) included
        ("قال مُحَمَّدٌ إن الاتفاق مهمّ جداً. انتهى.", "قال محمد", "قال مُحَمَّدٌ"),
        # Hebrew with its points
        ("הוא אמר שָׁלוֹם לכולם. סוף.", "אמר שלום", "אמר שָׁלוֹם"),
        # a decomposed accent: "e" and U+0301
        ("Le cafe\u0301 noir est servi. Rien.", "le cafe", "Le cafe\u0301"),
    ],
    ids=["devanagari", "arabic", "hebrew", "decomposed"],
)
def test_a_passage_ends_with_its_last_words_marks(text: str, rough: str, passage: str) -> None:
    """Words were split at every mark (\\w leaves marks out), so a passage could end inside
    a word: "समझौत" for "समझौते", "مُحَمَّد" without its last mark, "cafe" without its accent;
    pasted as a quote, that is not what the source says."""
    best = PassageFinder(text).find(rough, limit=1)[0]
    assert (best.text, best.score >= GOOD_SCORE) == (passage, True)
    assert text[best.start : best.end] == passage
    match = StoredText(text).find(best.text)
    assert match is not None
    assert text[match.start : match.end] == passage

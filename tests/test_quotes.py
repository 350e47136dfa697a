"""The quote matcher, relgraph.quotes: expected text stated outright, and an oracle's answers.

The examples below say what matching must find, character for character. The
property tests compare :class:`~relgraph.quotes.StoredText` with a slow matcher
kept in ``tests/support.py`` that works one character at a time with tables of its
own, so that a mistake in the matcher's tables or its segment bookkeeping shows.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relgraph.quotes import CONTEXT_WINDOW, Match, StoredText, fragments, normalize
from support import (
    ORACLE_WINDOW,
    oracle_context,
    oracle_find,
    oracle_normalize,
    oracle_normalize_with_map,
    oracle_sentence_span,
)

PROPERTIES = settings(
    max_examples=int(os.environ.get("RELGRAPH_FUZZ_EXAMPLES", "400")),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)


# -- what is found, stated outright -------------------------------------------------------

FOUND = [
    # (stored text, quote as written, what the match covers in the stored text)
    ("He said \u201cno\u201d.", '"no"', "\u201cno\u201d"),
    ("it\u2019s done", "it's done", "it\u2019s done"),
    ("\u2018single\u2019 and \u201edouble\u201f", "'single' and \"double\"", None),
    ("\u00abguillemets\u00bb", '"guillemets"', "\u00abguillemets\u00bb"),
    ("\u0060back\u0060 and prime\u2032", "'back' and prime'", "\u0060back\u0060 and prime\u2032"),
    ("Cuba \u2013 Iran \u2014 Syria", "Cuba - Iran - Syria", "Cuba \u2013 Iran \u2014 Syria"),
    ("x \u2212 y \uff0d z", "x - y - z", "x \u2212 y \uff0d z"),
    ("Cuba\u00a0and  Iran", "Cuba and Iran", "Cuba\u00a0and  Iran"),
    ("Cuba and\n\t Iran", "Cuba and Iran", "Cuba and\n\t Iran"),
    ("Cuba and Iran", "  Cuba   and\nIran ", "Cuba and Iran"),
    ("co\u00adoperation", "cooperation", "co\u00adoperation"),
    ("zero\u200bwidth\u2060join", "zerowidthjoin", "zero\u200bwidth\u2060join"),
    ("\ufeffStart", "Start", "Start"),
    ("\ufb01ve \ufb02ags", "five flags", "\ufb01ve \ufb02ags"),
    ("\uff21\uff22C", "ABC", "\uff21\uff22C"),
    ("\u00bd cup", "1\u20442 cup", "\u00bd cup"),
    ("cafe\u0301 noir", "caf\u00e9 noir", "cafe\u0301 noir"),
    ("caf\u00e9 noir", "cafe\u0301 noir", "caf\u00e9 noir"),
    ("ab ab", "ab", "ab"),
    ("The talks ended. Iran left.", "ended. Iran", "ended. Iran"),
]
NOT_FOUND = [
    ("Iran", "iran"),  # case matters
    ("caf\u00e9", "cafe"),  # so do accents
    ("Cuba and Iran", "Cuba andIran"),  # and the presence of a space
    ("Cuba and Iran", ""),
    ("Cuba and Iran", " \n "),
    ("Cuba and Iran", "Cuba and Iran."),
]


@pytest.mark.parametrize(("text", "quote", "expected"), FOUND)
def test_a_quote_is_found_as_the_stored_text_has_it(
    text: str, quote: str, expected: str | None
) -> None:
    match = StoredText(text).find(quote)
    assert match is not None
    assert text[match.start : match.end] == (text if expected is None else expected)


@pytest.mark.parametrize(("text", "quote"), NOT_FOUND)
def test_a_quote_that_differs_is_not_found(text: str, quote: str) -> None:
    assert StoredText(text).find(quote) is None


def test_the_first_occurrence_is_the_match() -> None:
    assert StoredText("ab ab").find("ab") == Match(0, 2)
    assert StoredText("x\u201cab\u201d ab").find("ab") == Match(2, 4)


def test_what_normalisation_makes_of_text() -> None:
    assert normalize("  \u201cCuba\u201d \u2013  Iran\n") == '"Cuba" - Iran'
    assert normalize("\ufb01ve\u00a0\u00bbyears\u00ab") == 'five "years"'
    assert normalize("co\u00adoperation\u200b") == "cooperation"
    assert normalize("cafe\u0301") == "caf\u00e9"
    assert normalize("\uff21\u3000B") == "A B"
    assert normalize("a \u200b b") == "a b"
    assert normalize("") == ""


def test_an_elided_quote_is_found_in_one_paragraph_in_order() -> None:
    text = "Iran and Cuba met. They signed six accords.\n\nCuba left."
    stored = StoredText(text)
    parts = fragments("Iran and Cuba \u2026 six accords")
    assert parts == ["Iran and Cuba", "six accords"]
    match = stored.find_fragments(parts)
    assert match is not None
    assert text[match.start : match.end] == "Iran and Cuba met. They signed six accords"
    assert stored.find_fragments(["six accords", "Iran"]) is None
    assert stored.find_fragments(["Iran", "Cuba left"]) is None


def test_the_context_is_the_sentence_and_says_where_the_window_cut_it() -> None:
    stored = StoredText("First one. The second sentence has \u201cit\u201d.\n\nThird.")
    match = stored.find('has "it"')
    assert match is not None
    assert stored.context(match) == "The second sentence has \u201cit\u201d."
    # the window (300 characters either way) cuts the context; it is short enough once
    # white space is folded, so it is not cut to the limit too
    words = "word  " * 100
    stored = StoredText(words + "the quote here " + words)
    match = stored.find("the quote here")
    assert match is not None
    assert (
        stored.context(match)
        == "…" + " ".join(["word"] * 50) + " the quote here " + " ".join(["word"] * 50) + "…"
    )
    # cut to the limit: as many characters on either side, even inside a word
    assert stored.context(match, 30) == "…rd word the quote here word wo…"


def test_the_watched_words_of_a_context_are_reported_with_it() -> None:
    import re

    stored = StoredText("Iran reportedly sent oil. Cuba paid.", watch=re.compile("reportedly"))
    assert stored.quote_in(normalize("sent oil")) == (16, 24, "Iran reportedly sent oil.", True)
    assert stored.quote_in(normalize("Cuba paid")) == (26, 35, "Cuba paid.", False)
    assert stored.quote_in(normalize("Syria")) is None
    assert StoredText("Iran reportedly sent oil.").context_of(16, 24) == (
        "Iran reportedly sent oil.",
        False,
    )


def test_the_oracle_itself_follows_the_rules() -> None:
    # the slow matcher below is checked by hand too, so that it cannot share a mistake
    assert oracle_normalize_with_map(" a\u2019 \u00a0b\u0301") == ("a' b\u0301", [1, 2, 4, 5, 5])
    assert oracle_find("He said \u201cno\u201d.", '"no"') == (8, 12)
    assert oracle_find("cafe\u0301 noir", "caf\u00e9") == (0, 5)  # the accent is covered
    assert oracle_sentence_span("One. Two has it. Three.", 9, 16) == (5, 16)
    assert ORACLE_WINDOW == CONTEXT_WINDOW


# -- the matcher gives the oracle's answers -------------------------------------------------

_TRICKY = (
    " \t\n\r\x0b\x1c\u00a0\u2002\u3000abcAB.!?,'\"`()-"
    "\u2018\u2019\u201c\u201d\u2013\u2014\u2212\u00b4\u00a8\u200b\u200c\u2060\ufeff\u00ad"
    "\u00e9\u0301\ufb01\u2033\u2032\u00bd\uff21\u1e9b\u0323\u2126\u1100\u1161"
)
_TEXTS = st.one_of(st.text(st.sampled_from(_TRICKY), max_size=60), st.text(max_size=40))


@PROPERTIES
@given(_TEXTS)
def test_normalize_gives_the_oracles_text(text: str) -> None:
    assert normalize(text) == oracle_normalize(text)


@PROPERTIES
@given(_TEXTS)
def test_stored_text_maps_every_character_back_as_the_oracle_does(text: str) -> None:
    norm, offsets = oracle_normalize_with_map(text)
    stored = StoredText(text)
    assert stored._norm == norm
    assert [stored._orig(j) for j in range(len(norm))] == offsets


@PROPERTIES
@given(st.text(st.sampled_from(_TRICKY), min_size=1, max_size=120), st.data())
def test_stored_text_finds_and_frames_quotes_as_the_oracle_does(text: str, data: Any) -> None:
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    quote = data.draw(st.sampled_from([text[a:b], text[a:b].upper(), text[a:b] + "x"]))
    stored = StoredText(text)
    expected = oracle_find(text, quote)
    match = stored.find(quote)
    assert (None if match is None else (match.start, match.end)) == expected
    if match is not None:
        for limit in (600, 12):
            assert stored.context(match, limit) == oracle_context(text, *expected, limit)
        assert stored.context(match) == oracle_context(text, *expected)  # from the cache


def test_stored_text_on_the_bundled_article() -> None:
    text = Path("graph_data/sources/cuba_iran_relations.txt").read_text(encoding="utf-8")
    stored = StoredText(text)
    for start in range(0, len(text) - 150, 97):
        quote = text[start : start + 150]
        expected = oracle_find(text, quote)
        match = stored.find(quote)
        assert expected is not None
        assert match == Match(*expected)
        assert stored.context(match) == oracle_context(text, *expected)


# pieces dense in sentence ends, paragraph breaks and closing quotes, so that they straddle
# the quote's edges and its window's (300 characters either way) often
_SENTENCE_PIECES = ["word ", "w", ". ", ".", '." ', "\u201d", "\u2019", "\n", "\n\n", " \n \n"]
_SENTENCE_PIECES += ["!) ", "? ", " ", "\t", "'", ")", "?\n", "a" * 60 + " ", "b" * 250]


@PROPERTIES
@given(st.lists(st.sampled_from(_SENTENCE_PIECES), max_size=300).map("".join), st.data())
def test_stored_text_frames_a_quote_as_the_oracle_does(text: str, data: Any) -> None:
    stored = StoredText(text)
    # places next to the sentence ends, and those a window's width away from them
    ends = [i for i, c in enumerate(text) if c in ".!?\n"]
    edges = [p + d for p in ends for d in (1, 2, CONTEXT_WINDOW, -CONTEXT_WINDOW)]
    edges = [p for p in edges if 0 <= p <= len(text)] or [0]
    for _ in range(5):
        a = data.draw(st.one_of(st.integers(0, len(text)), st.sampled_from(edges)))
        later = [p for p in edges if p >= a] or [a]
        b = data.draw(st.one_of(st.integers(a, len(text)), st.sampled_from(later)))
        assert stored._span(a, b) == oracle_sentence_span(text, a, b)


@pytest.mark.parametrize("end", ["\n \n", ".\n\n", '.")  ', "\n\t \n\n", "?\u201d\n"])
def test_stored_text_frames_quotes_whose_window_cuts_a_sentence_end(end: str) -> None:
    # a window's edge inside a sentence end, with no other one within the window:
    # the scan of the window finds another sentence end than the scan of the text
    words = "w " * (CONTEXT_WINDOW // 2 + 5)
    text = words + end + words + end + words
    stored = StoredText(text)
    for a in range(len(text)):
        for b in (a, a + 1, a + 3, a + 20):
            b = min(b, len(text))
            assert stored._span(a, b) == oracle_sentence_span(text, a, b), (a, b)


def test_stored_text_frames_every_place_of_the_bundled_texts_as_the_oracle_does() -> None:
    for path in sorted(Path("graph_data/sources").rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        stored = StoredText(text)
        for a in range(0, len(text), 7):
            for b in (a, a + 1, a + 40, a + 333):
                b = min(b, len(text))
                assert stored._span(a, b) == oracle_sentence_span(text, a, b), (path.name, a, b)

"""Quote matching, more of what it must find stated outright: elided quotes, the closest
passage, and a matcher that starts with an empty table of what each character becomes.
"""

from __future__ import annotations

import pytest

from relgraph import quotes
from relgraph.quotes import Match, StoredText, fragments, normalize


def _covered(text: str, match: Match | None) -> str | None:
    return None if match is None else text[match.start : match.end]


ELIDED = [
    # (stored text, fragments, what the match covers)
    (
        "Iran met Cuba. Iran signed six accords, and six accords more.",
        ["Iran", "six accords"],
        "Iran met Cuba. Iran signed six accords",  # from the first start to the first end
    ),
    (
        "Iran met.\n\nCuba left. Iran and Cuba signed six accords.",
        ["Iran", "six accords"],
        "Iran and Cuba signed six accords",  # the first place crosses a paragraph: the next
    ),
    (
        "In 2006 Iran and Cuba met. They signed six accords.",
        ["Iran and Cuba", "signed", "accords"],
        "Iran and Cuba met. They signed six accords",
    ),
    (
        "Cuba \u2014 and \u201cIran\u201d \u2026 signed",
        ['"Iran"', "signed"],
        "\u201cIran\u201d \u2026 signed",
    ),
]


@pytest.mark.parametrize(("text", "parts", "covered"), ELIDED)
def test_an_elided_quote_covers_its_fragments_in_one_paragraph(
    text: str, parts: list[str], covered: str
) -> None:
    assert _covered(text, StoredText(text).find_fragments(parts)) == covered


@pytest.mark.parametrize(
    "parts",
    [
        [],
        ["Iran", "  "],
        ["", "Cuba"],
        ["accords", "Iran"],  # out of order
        ["Iran", "Syria"],
        ["Iran", "left"],  # only across a paragraph break
    ],
)
def test_an_elided_quote_that_is_not_there_is_not_found(parts: list[str]) -> None:
    stored = StoredText("Iran met Cuba. They signed six accords.\n\nCuba left.")
    assert stored.find_fragments(parts) is None


def test_fragments_split_at_every_kind_of_elision() -> None:
    assert fragments("a \u2026 b ... c [\u2026] d [...] e") == ["a", "b", "c", "d", "e"]
    assert fragments("so on...") == ["so on..."]  # no space after: not an elision
    assert fragments("\u2026 a \u2026") == ["a"]
    assert fragments("a ... ") == ["a"]


def test_the_closest_passage_is_given_only_when_it_is_like_the_quote() -> None:
    stored = StoredText("Officials said that Iran and Cuba signed agreements in 2006.")
    assert stored.closest("ran and Cuba signed agreemen") == "Iran and Cuba signed agreements"
    assert stored.closest("nothing like it") is None
    assert stored.closest("zzzz qqqq") is None
    assert StoredText("").closest("Iran") is None
    spread = StoredText("Iran and\n\n   Cuba   signed.")
    assert spread.closest("Iran and Cuba signed") == "Iran and Cuba signed"


# what each character becomes is worked out once and kept for the process; these run the
# matcher with a table of its own, so that working it out is what is tested
FRESH = [
    ("\ufb01ve \ufb02ags", "five flags"),
    ("\uff21\uff22C", "ABC"),
    ("\u00bd cup", "1\u20442 cup"),
    ("\u2018a\u2019 \u201cb\u201d \u2013 c", "'a' \"b\" - c"),
    ("x\u2003y\u00a0z", "x y z"),
    ("\u3000A\u3000", "A"),
    ("\u2460 \u33a1", "1 m2"),
    ("\ufe63\uff0d", "--"),
]


@pytest.mark.parametrize(("text", "normal"), FRESH)
def test_normalisation_with_a_fresh_table_of_pieces(
    text: str, normal: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(quotes, "_PIECES", quotes._Pieces())
    assert normalize(text) == normal
    monkeypatch.setattr(quotes, "_PIECES", quotes._Pieces())
    stored = StoredText("Before. " + text + " after.")
    assert _covered(stored.text, stored.find(normal)) == text.strip()


def test_a_fresh_table_of_pieces_keeps_what_it_worked_out() -> None:
    pieces = quotes._Pieces()
    assert pieces[0xFB01] == "fi"
    assert pieces[0x201C] == '"'
    assert pieces[0x00AD] == ""  # a soft hyphen is dropped
    assert pieces[0x2014] == "-"
    assert dict(pieces) == {0xFB01: "fi", 0x201C: '"', 0x00AD: "", 0x2014: "-"}


def test_a_quote_and_its_context_are_those_of_its_first_occurrence() -> None:
    stored = StoredText("Iran sent oil. Later, Iran sent oil again.")
    assert stored.quote_in(normalize("Iran sent oil")) == (0, 13, "Iran sent oil.", False)
    assert stored.find("Iran sent oil") == Match(0, 13)
    assert stored.locate(normalize("sent oil again")) == (27, 41)


TRICKY = [
    "He said \u201cit\u2019s  done\u201d \u2014 and left.\n\nNext \ufb01ve.",
    "Cuba\u00a0and\t\tIran \u2013 \u00abfirm\u00bb, co\u00adoperation\u200b too.",
    "  \uff21\uff22  \u00bd cup \u2026 end. ",
    "cafe\u0301 noir \u2018x\u2019. Then more.",
]


@pytest.mark.parametrize("text", TRICKY)
def test_every_passage_is_located_alike_with_or_without_its_context(text: str) -> None:
    stored = StoredText(text)
    norm = normalize(text)
    for i in range(len(norm)):
        for j in range(i + 1, min(len(norm), i + 12) + 1):
            needle = norm[i:j]
            if needle != needle.strip():
                continue
            where = stored.locate(needle)
            assert where is not None, needle
            found = stored.quote_in(needle)
            assert found is not None
            assert found[:2] == where, needle
            assert found[2] == stored.context_of(*where)[0]


def test_a_context_one_character_over_the_limit_is_cut_around_the_quote() -> None:
    left = ("abcd " * 200)[:292].rstrip()
    right = ("efgh " * 200)[: 601 - len(left) - len(" the quote here ") - 1].strip()
    sentence = left + " the quote here " + right + "."
    assert len(sentence) == 601
    stored = StoredText("Start. " + sentence + " End.")
    start, stop, context, watched = stored.quote_in(normalize("the quote here")) or (0, 0, "", 0)
    assert (context, watched) == stored.context_of(start, stop)
    assert context.endswith("…")  # cut to the limit at its end
    assert context != sentence
    assert stored.context_of(start, stop, 601)[0] == sentence


def test_a_context_begins_with_an_ellipsis_only_where_the_window_cut_the_text() -> None:
    at_start = StoredText(("abcd " * 60) + "the quote here and more")
    match = at_start.find("the quote here")
    assert match == Match(300, 314)
    assert at_start.context(match) == " ".join(["abcd"] * 60) + " the quote here and more"
    one_more = StoredText("x" + ("abcd " * 60) + "the quote here and more")
    match = one_more.find("the quote here")
    assert match == Match(301, 315)
    assert one_more.context(match) == "…" + " ".join(["abcd"] * 60) + " the quote here and more"


def test_a_context_at_another_limit_is_not_kept_for_the_usual_one() -> None:
    left = ("abcd " * 200)[:292].rstrip()
    right = ("efgh " * 200)[: 601 - len(left) - len(" the quote here ") - 1].strip()
    sentence = left + " the quote here " + right + "."
    stored = StoredText("Start. " + sentence + " End.")
    start, stop = stored.locate(normalize("the quote here")) or (0, 0)
    assert stored.context_of(start, stop, 601)[0] == sentence  # asked for first
    assert stored.context_of(start, stop)[0] != sentence
    assert stored.context_of(start, stop)[0].endswith("…")


def test_two_quotes_of_one_long_sentence_each_get_the_context_cut_around_them() -> None:
    words = " ".join(f"w{i:03d}" for i in range(140))
    text = (
        "Start. " + words[:300] + " first quote " + words[:290] + " second quote "
        + words[:100] + ". End."
    )  # fmt: skip
    stored = StoredText(text)
    first = stored.quote_in(normalize("first quote"))
    second = stored.quote_in(normalize("second quote"))
    assert first is not None
    assert second is not None
    assert "first quote" in first[2]
    assert "second quote" in second[2]
    assert first[2] != second[2]
    assert stored.context_of(second[0], second[1])[0] == second[2]


def test_a_context_ends_with_an_ellipsis_only_where_the_window_cut_the_text() -> None:
    at_end = StoredText("the quote here" + (" abcd" * 60))
    match = at_end.find("the quote here")
    assert match == Match(0, 14)
    assert at_end.context(match) == "the quote here " + " ".join(["abcd"] * 60)
    one_more = StoredText("the quote here" + (" abcd" * 60) + "x")
    assert one_more.context(Match(0, 14)) == "the quote here " + " ".join(["abcd"] * 60) + "…"


def test_a_context_of_exactly_the_limit_is_whole() -> None:
    left = ("abcd " * 200)[:292].rstrip()
    right = ("efgh " * 200)[: 600 - len(left) - len(" the quote here ") - 1].strip()
    sentence = left + " the quote here " + right + "."
    assert len(sentence) == 600
    stored = StoredText("Start. " + sentence + " End.")
    assert stored.context(stored.find("the quote here") or Match(0, 0)) == sentence


@pytest.mark.parametrize(
    ("text", "limit", "context"),
    [
        # cut after the quote only, when it opens the sentence
        ("the quote here is followed by many more words in this sentence.", 30,
         "the quote here is foll…"),
        # before it only, when it closes the sentence
        ("Before: many more words come first and then the quote here.", 30,
         "…nd then the quote here."),
        # around the first place the quote has
        ("It said: the quote here, and later again the quote here, and more.", 30,
         "…t said: the quote here, and la…"),
        # a limit shorter than the quote leaves the quote alone
        ("Some words and the quote here and more words after it.", 10, "…the quote here…"),
    ],
)  # fmt: skip
def test_a_context_cut_to_its_limit_keeps_the_quote_and_marks_each_cut(
    text: str, limit: int, context: str
) -> None:
    stored = StoredText(text)
    match = stored.find("the quote here")
    assert match is not None
    assert stored.context(match, limit) == context


@pytest.mark.parametrize("lead", ["  ", "\u200b\u00a0", "\n\n"])
def test_a_text_with_combining_marks_that_begins_with_space_maps_back_exactly(lead: str) -> None:
    text = lead + "cafe\u0301 noir"
    assert StoredText(text).find("caf\u00e9 noir") == Match(2, 12)
    assert StoredText(text).find("noir") == Match(8, 12)


@pytest.mark.parametrize(
    ("text", "quote", "covered"),
    [
        ("un cafe\u0301 noir", "un caf\u00e9", "un cafe\u0301"),  # a mark after the last letter
        ("un cafe\u0301\u0323, noir", "un caf\u1eb9\u0301", "un cafe\u0301\u0323"),  # two marks
        ("cafe\u0301", "caf\u00e9", "cafe\u0301"),  # at the end of the text
        ("voila\u0300 tout", "voil\u00e0", "voila\u0300"),  # U+0300, the first mark
        ("un e\u0301 deux", "un \u00e9", "un e\u0301"),  # a one-letter word
        ("un cafe\u0301 noir", "un cafe", None),  # the letter without its mark is another
    ],
)
def test_a_quote_that_ends_on_a_letter_with_marks_covers_the_marks(
    text: str, quote: str, covered: str | None
) -> None:
    """A quote ending on "é" written as "e" and U+0301 once covered the "e" alone, so the
    passage shown for it lost its last accent."""
    stored = StoredText(text)
    match = stored.find(quote)
    assert (None if match is None else text[match.start : match.end]) == covered
    found = stored.quote_in(normalize(quote))
    assert (None if found is None else text[found[0] : found[1]]) == covered
    elided = stored.find_fragments([quote])
    assert (None if elided is None else text[elided.start : elided.end]) == covered

"""What the test modules share: a small valid dataset, its source text, and running the CLI."""

from __future__ import annotations

import hashlib
import re
import unicodedata

import pytest

from relgraph.cli import main

SOURCE_TEXT = (
    "Iran and Cuba signed an agreement in Havana in January 2006. "
    "Officials said the ties were \u201cfirm and progressive\u201d. "
    "The data alleges that Cuba provides intelligence to Hamas.\n"
)

BASE_YAML = """\
dataset:
  id: demo
  title: Demo
sources:
  - id: art
    title: An article
    reliability: F
    text: sources/art.txt
    sha256: {sha}
entities:
  - id: iran
    name: Iran
    kind: state
  - id: cuba
    name: Cuba
    kind: state
  - id: hamas
    name: Hamas
    kind: group
relations:
  - source: iran
    target: cuba
    type: agreement
    date: 2006-01
    status: reported
    evidence:
      - quote: Iran and Cuba signed an agreement in Havana in January 2006.
        source: art
"""


def sha256_of(text: str) -> str:
    """The sha256 of ``text`` encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the command line as a user would; return exit code, stdout and stderr."""
    with pytest.raises(SystemExit) as info:
        main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return int(info.value.code or 0), out, err


# -- A quote matcher to check relgraph.quotes against: slow, and obviously right ------------
#
# It follows the rules of quote matching as the README states them, one character at a
# time, with tables of its own (nothing is shared with relgraph.quotes, so a mistake in
# one of them shows as a difference).

ORACLE_SINGLE = "\u2018\u2019\u201a\u201b\u2032\u0060\u00b4"  # become '
ORACLE_DOUBLE = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"  # become "
ORACLE_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"  # become -
ORACLE_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"  # dropped
ORACLE_WINDOW = 300  # how far a quote's context may reach either way


def _oracle_plain(ch: str) -> str:
    if ch in ORACLE_SINGLE:
        return "'"
    if ch in ORACLE_DOUBLE:
        return '"'
    if ch in ORACLE_DASHES:
        return "-"
    return ch


def _oracle_units(text: str) -> list[tuple[int, str]]:
    """``text`` as units (a base character with the combining marks after it) and their starts."""
    units: list[tuple[int, str]] = []
    for i, ch in enumerate(text):
        if units and unicodedata.combining(ch) and not text[i - 1].isspace():
            units[-1] = (units[-1][0], units[-1][1] + ch)
        else:
            units.append((i, ch))
    return units


def oracle_normalize_with_map(text: str) -> tuple[str, list[int]]:
    """The text as matching sees it, and where each of its characters comes from.

    A base character and the combining marks after it are one unit, put in NFKC
    form; white space between units becomes one space (none at either end),
    standing for the last character before the next unit; invisible characters
    are dropped; curly quotes and dashes become plain ones.
    """
    units = _oracle_units(text)
    out: list[str] = []
    where: list[int] = []
    space = False
    for i, unit in units:
        if unit in ORACLE_INVISIBLE:
            continue
        if unit.isspace():
            space = bool(out)
            continue
        chars = [_oracle_plain(c) for c in unicodedata.normalize("NFKC", unit)]
        chars = [c for c in chars if c not in ORACLE_INVISIBLE]
        if space:
            out.append(" ")
            where.append(i - 1)
            space = False
        for c in chars:
            out.append(c)
            where.append(i)
    return "".join(out), where


def oracle_normalize(text: str) -> str:
    return oracle_normalize_with_map(text)[0]


def oracle_find(text: str, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` first occurs in ``text`` as matching sees both, or ``None``.

    The match ends where the unit of its last character ends, combining marks and all.
    """
    hay, where = oracle_normalize_with_map(text)
    needle = oracle_normalize(quote)
    at = hay.find(needle) if needle else -1
    if at < 0:
        return None
    length = {start: len(unit) for start, unit in _oracle_units(text)}
    last = where[at + len(needle) - 1]
    return where[at], last + length.get(last, 1)


_ORACLE_SENTENCE_END = re.compile("[.!?][\"'\u201d\u2019)]*\\s|\n\\s*\n")


def oracle_sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) around ``text[start:end]``, looked for within the window only."""
    lo, hi = max(0, start - ORACLE_WINDOW), min(len(text), end + ORACLE_WINDOW)
    first = lo
    for m in _ORACLE_SENTENCE_END.finditer(text, lo, start):
        first = m.end()
    last = hi
    m = _ORACLE_SENTENCE_END.search(text, max(start, end - 1), hi)
    if m is not None:
        last = m.start() + 1
    while last < hi and text[last] in "\"'\u201d\u2019)":
        last += 1
    return first, last


def oracle_context(text: str, start: int, end: int, limit: int = 600) -> str:
    """The context of ``text[start:end]``: its sentence(s), white space folded, "…" where cut.

    A context the window cuts is marked at that end; one longer than ``limit`` is
    cut around the quote, keeping as much on either side as the limit leaves.
    """
    first, last = oracle_sentence_span(text, start, end)
    snippet = " ".join(text[first:last].split())
    before = first > 0 and first == start - ORACLE_WINDOW
    after = last < len(text) and last == end + ORACLE_WINDOW
    if len(snippet) > limit:
        quote = " ".join(text[start:end].split())
        at = snippet.find(quote)
        if at >= 0:
            pad = max(0, (limit - len(quote)) // 2)
            lo, hi = max(0, at - pad), min(len(snippet), at + len(quote) + pad)
            before, after = before or lo > 0, after or hi < len(snippet)
            snippet = snippet[lo:hi]
    return ("…" if before else "") + snippet + ("…" if after else "")

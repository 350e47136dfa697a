"""Finding a quote in a source's stored text.

A quote must occur in its source verbatim, but people copy text through
editors and browsers that change the typography. Matching therefore ignores
differences in white space, in the kind of quotation marks and apostrophes,
in the kind of dash, and in Unicode normalisation (NFKC). Letters, words and
punctuation otherwise must be the same: matching is case-sensitive.

Examples
--------
>>> text = StoredText("He said: \u201cIt\u2019s  done\u201d \u2014 and left.")
>>> m = text.find('it\\'s done')
>>> m is None
True
>>> m = text.find('"It\\'s done" - and left')
>>> text.text[m.start:m.end]
'\u201cIt\u2019s  done\u201d \u2014 and left'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from relgraph.passages import PassageFinder

__all__ = [
    "CLOSEST_SCORE",
    "CONTEXT_WINDOW",
    "ELISION",
    "Match",
    "StoredText",
    "fragments",
    "normalize",
    "sentence_span",
]

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u0060": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\ufe58": "-",
        "\ufe63": "-",
        "\uff0d": "-",
    }
)
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
#: A passage scoring less (of 100) is not shown as the closest one: it is not like the quote.
CLOSEST_SCORE = 50.0
#: An elision in a quote: "…", "..." or "[…]" with white space on both sides.
ELISION = re.compile(r"\s+\[?(?:\u2026|\.\.\.)\]?\s+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# how many places of an elided quote's first fragment are tried
_ELIDED_TRIES = 1000
#: How far before and after a quote its sentence context is looked for, in characters.
CONTEXT_WINDOW = 300
_SENTENCE_END = re.compile(r"[.!?](?:[\"'\u201d\u2019)]*)\s|\n\s*\n")


def normalize(text: str) -> str:
    """Normalise text the way quote matching sees it.

    Examples
    --------
    >>> normalize("  \u201cCuba\u201d \u2013  Iran\\n")
    '"Cuba" - Iran'
    """
    return _normalize_with_map(text)[0]


def fragments(quote: str) -> list[str]:
    """The fragments of a quote that elides words with " … " (one fragment if none).

    Examples
    --------
    >>> fragments("Cuba and Iran \u2026 signed [...] six accords")
    ['Cuba and Iran', 'signed', 'six accords']
    >>> fragments("and so on...")
    ['and so on...']
    """
    parts = [p for p in ELISION.split(" " + quote + " ") if p.strip()]
    return [p.strip() for p in parts] or [quote]


def _clusters(text: str) -> list[tuple[int, str]]:
    """Split ``text`` into (offset, base character + its combining marks)."""
    out: list[tuple[int, str]] = []
    for i, ch in enumerate(text):
        if out and unicodedata.combining(ch) and not text[i - 1].isspace():
            at, cluster = out[-1]
            out[-1] = (at, cluster + ch)
        else:
            out.append((i, ch))
    return out


def _normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Normalised text and, for each of its characters, the offset in ``text``."""
    out: list[str] = []
    offsets: list[int] = []
    pending_space = False
    for i, cluster in _clusters(text):
        if cluster in _INVISIBLE:
            continue
        if cluster.isspace():
            pending_space = bool(out)
            continue
        piece = unicodedata.normalize("NFKC", cluster).translate(_TRANSLATE)
        piece = "".join(c for c in piece if c not in _INVISIBLE)
        if pending_space:
            out.append(" ")
            offsets.append(i - 1)
            pending_space = False
        for p in piece:
            out.append(p)
            offsets.append(i)
    return "".join(out), offsets


@dataclass(frozen=True)
class Match:
    """Where a quote was found in the stored text: ``text[start:end]``."""

    start: int
    end: int


class StoredText:
    """A source's text, prepared for finding quotes in it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._norm, self._map = _normalize_with_map(text)

    def find(self, quote: str) -> Match | None:
        """Where ``quote`` occurs in the text (first occurrence), or ``None``."""
        needle = normalize(quote)
        if not needle:
            return None
        at = self._norm.find(needle)
        if at < 0:
            return None
        start = self._map[at]
        end = self._map[at + len(needle) - 1] + 1
        return Match(start, end)

    def _needle(self, quote: str) -> str:
        return normalize(quote)

    def _orig_at(self, j: int) -> int:
        return self._map[j]

    def find_fragments(self, parts: list[str]) -> Match | None:
        """Where the fragments of an elided quote occur in order within one paragraph:
        from the start of the first to the end of the last, or ``None``.

        Examples
        --------
        >>> t = StoredText("Iran and Cuba met. They signed six accords.\\n\\nCuba left.")
        >>> m = t.find_fragments(["Iran and Cuba", "six accords"])
        >>> t.text[m.start:m.end]
        'Iran and Cuba met. They signed six accords'
        >>> t.find_fragments(["six accords", "Iran"]) is None
        True
        >>> t.find_fragments(["Iran", "Cuba left"]) is None  # another paragraph
        True
        """
        needles = [self._needle(p) for p in parts]
        if not needles or not all(needles):
            return None
        hay = self._norm
        pos = 0
        for _ in range(_ELIDED_TRIES):
            at = hay.find(needles[0], pos)
            if at < 0:
                return None
            end = at + len(needles[0])
            for needle in needles[1:]:
                nxt = hay.find(needle, end)
                if nxt < 0:
                    return None  # a later start cannot do better
                end = nxt + len(needle)
            start, stop = self._orig_at(at), self._orig_at(end - 1) + 1
            if not _PARAGRAPH_BREAK.search(self.text, start, stop):
                return Match(start, stop)
            pos = at + 1
        return None

    #: the fuzzy finder of :meth:`closest`, made on the first search
    _finder: PassageFinder | None = None

    def closest(self, quote: str) -> str | None:
        """The passage of the text most like ``quote``, for a hint when it is not found.

        It is what ``relgraph quote`` finds (:class:`relgraph.passages.PassageFinder`,
        the same engine): a passage of whole words, verbatim, white space folded,
        when it scores at least :data:`CLOSEST_SCORE`. The finder is made on the
        first search, in time linear in the text's length, and each search costs a
        bounded amount whatever the text looks like (see :mod:`relgraph.passages`).

        Examples
        --------
        >>> t = StoredText("Officials said that Iran and Cuba signed agreements in 2006.")
        >>> t.closest("ran and Cuba signed agreemen")
        'Iran and Cuba signed agreements'
        >>> t.closest("nothing like it") is None
        True
        """
        if self._finder is None:
            self._finder = PassageFinder(self.text)
        found = self._finder.closest(quote)
        if found is None or found.score < CLOSEST_SCORE:
            return None
        return " ".join(found.text.split())

    def context(self, match: Match, limit: int = 600) -> str:
        """The sentence(s) around a match, white space folded, at most about ``limit`` characters.

        Examples
        --------
        >>> t = StoredText("First one. The second sentence has it. Third.")
        >>> t.context(t.find("has it"))
        'The second sentence has it.'
        """
        start, end = sentence_span(self.text, match.start, match.end)
        return _snippet(self.text, match, start, end, limit)[0]


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence(s) around ``text[start:end]`` begin and end, within a window.

    The context starts after the last sentence end or paragraph break before
    ``start`` and ends at the first one from ``end - 1`` on, but looks no
    further than :data:`CONTEXT_WINDOW` characters either way: a text with no
    sentence end (a report extracted from a PDF) costs the same per quote as
    any other, so framing every quote is linear in the text's size plus the
    number of quotes.

    Examples
    --------
    >>> sentence_span("One. Two has it. Three.", 9, 16)
    (5, 16)
    >>> text = "word " * 1000
    >>> sentence_span(text, 2500, 2504)
    (2200, 2804)
    """
    lo = max(0, start - CONTEXT_WINDOW)
    hi = min(len(text), end + CONTEXT_WINDOW)
    first = lo
    for m in _SENTENCE_END.finditer(text, lo, start):
        first = m.end()
    end_m = _SENTENCE_END.search(text, max(start, end - 1), hi)
    last = end_m.start() + 1 if end_m else hi
    while last < hi and text[last] in "\"'\u201d\u2019)":
        last += 1
    return first, last


def _snippet(text: str, match: Match, start: int, end: int, limit: int) -> tuple[str, bool]:
    """``text[start:end]`` white space folded, at most about ``limit`` characters, with "…"
    where it is cut; and whether it was cut (then it depends on the match, not only the span)."""
    snippet = " ".join(text[start:end].split())
    before = start > 0 and start == match.start - CONTEXT_WINDOW
    after = end < len(text) and end == match.end + CONTEXT_WINDOW
    if len(snippet) > limit:
        quote = " ".join(text[match.start : match.end].split())
        pad = max(0, (limit - len(quote)) // 2)
        at = snippet.find(quote)
        if at >= 0:
            lo = max(0, at - pad)
            hi = min(len(snippet), at + len(quote) + pad)
            before, after = before or lo > 0, after or hi < len(snippet)
            snippet = snippet[lo:hi]
    cut = before or after
    return ("…" if before else "") + snippet + ("…" if after else ""), cut

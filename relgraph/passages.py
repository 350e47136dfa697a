"""Finding the passage of a text that rough words were meant to quote.

A person remembers a passage roughly: another case, missing or extra
punctuation, a word or two different, words in another order. This module
finds the passages of a stored text most like such rough words and gives
them back **verbatim** (the exact characters of the text, with their
offsets), so that they can be pasted as a quote that
:mod:`relgraph.quotes` will find.

How it works, and what it costs (bounded whatever the input):

* :class:`PassageFinder` prepares a text once: it splits it into words
  (case and accents folded, punctuation ignored) and sentences, and indexes
  which sentences hold which words. Preparing is linear in the text's length.
  A sentence of more than :data:`MAX_SENTENCE_WORDS` words (a text extracted
  from a PDF may have no sentence end at all) is taken in pieces of that many.
* :meth:`PassageFinder.find` picks at most :data:`MAX_CANDIDATES` sentences
  sharing the rarest of the rough words (or words close to them, by
  rapidfuzz's edit-distance ratio), then compares the rough words with every
  stretch of words around each of them, of about the rough words' length,
  using rapidfuzz's ``ratio`` (order kept) and ``token_sort_ratio`` (order
  ignored). Only the first :data:`MAX_QUERY_WORDS` words of the rough words
  are compared; at most :data:`MAX_LIMIT` passages are returned.
* So one search costs a bounded amount whatever the text looks like: at most
  :data:`MAX_POSTINGS` sentence hits are counted to pick the candidates (the
  rarest words first), at most :data:`MAX_NEAR_WORDS` of the rough words
  missing from the text are looked up among its words spelt alike (one pass
  of rapidfuzz over the text's distinct words each), and each candidate has
  at most :data:`MAX_SENTENCE_WORDS` words to slide along. Validation uses the
  same search for its "closest passage" hints (see
  :meth:`relgraph.quotes.StoredText.closest`).

A score is 0–100; :data:`GOOD_SCORE` and above means the passage is very
likely what the rough words meant.

Examples
--------
>>> text = "Iran and Cuba met. The two governments signed a document in Havana."
>>> best = find_passages(text, "governments signed a documents, in havana")[0]
>>> best.text
'governments signed a document in Havana'
>>> text[best.start:best.end] == best.text, best.sentence
(True, 'The two governments signed a document in Havana.')
>>> best.score >= GOOD_SCORE
True
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz, process

__all__ = [
    "GOOD_SCORE",
    "MAX_CANDIDATES",
    "MAX_LIMIT",
    "MAX_NEAR_WORDS",
    "MAX_POSTINGS",
    "MAX_QUERY_WORDS",
    "MAX_SENTENCE_WORDS",
    "Passage",
    "PassageFinder",
    "find_passages",
    "fold",
    "paragraph_spans",
    "sentence_spans",
]

#: A passage scoring this (of 100) or more is very likely the one the rough words meant.
GOOD_SCORE = 80.0
#: At most this many passages are returned by one search.
MAX_LIMIT = 50
#: Only this many of the rough words (the first ones) are compared.
MAX_QUERY_WORDS = 80
#: At most this many sentences are compared closely with the rough words.
MAX_CANDIDATES = 40
#: A longer sentence (or a text without sentence ends) is searched in pieces of this many words.
MAX_SENTENCE_WORDS = 150
#: At most this many sentence hits of the rough words are counted to pick the candidates.
MAX_POSTINGS = 50_000
#: At most this many rough words not in the text are looked up among words spelt alike.
MAX_NEAR_WORDS = 8
# how many of the candidate sentences, beyond ``limit``, are searched word by word
_CLOSE_LOOKS = 12
# at most this many words of a sentence's neighbourhood anchor a long stretch
_MAX_HITS = 40

# a sentence ends at . ! ? (and closing quotes or brackets) before white space, or at a blank line
_SENTENCE_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s)|\n[ \t]*\n\s*")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
# "Mr. X" and "U.S. officials" do not end a sentence
_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Lt|Col|Sen|Rep|Gov|No|vs)|\b\w)\.$")


#: Every mark (Unicode category M) but the variation selectors' supplement lies below this.
_MARKS_BELOW = 0x20000


@functools.cache
def _word() -> re.Pattern[str]:
    r"""Return the pattern of a word: letters and digits with the marks that belong to them.

    ``\w`` leaves out marks (categories Mn, Mc, Me): Devanagari's vowel signs,
    Arabic's and Hebrew's vowel points, an accent written as a letter and a
    combining mark. Without them a word would end in the middle, and a
    passage with it. Built on first use from a scan of the Unicode table.
    """
    ranges: list[list[int]] = []
    codes = [*range(_MARKS_BELOW), *range(0xE0100, 0xE01F0)]
    for code in codes:
        if unicodedata.category(chr(code))[0] == "M":
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    marks = "".join(f"{chr(a)}-{chr(b)}" for a, b in ranges)
    # most words end before ASCII: the lookahead spares those the search of the marks
    return re.compile(rf"\w+(?:(?=[^\x00-\x7f])[{marks}]+\w*)*")


def fold(word: str) -> str:
    """Return a word as the finder compares it: case folded, accents dropped.

    Parameters
    ----------
    word : str
        A word.

    Returns
    -------
    str
        The word folded.

    Examples
    --------
    >>> fold("Díaz-Canel")
    'diaz-canel'
    """
    folded = word.casefold()
    if folded.isascii():
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    r"""Return the ``(start, end)`` of each sentence of ``text``, white space trimmed.

    A sentence ends at ``.``, ``!`` or ``?`` (with any closing quotation
    marks or brackets) followed by white space, or at a blank line; a title
    such as ``Mr.`` or an initial does not end one.

    Parameters
    ----------
    text : str
        A source's text.

    Returns
    -------
    list of (int, int)
        Character offsets into ``text``, in order.

    Examples
    --------
    >>> t = "Heading\n\nMr. Raisi came. He said: \"Yes.\" Then he left"
    >>> [t[a:b] for a, b in sentence_spans(t)]
    ['Heading', 'Mr. Raisi came.', 'He said: "Yes."', 'Then he left']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.group().strip() and _ABBREVIATION.search(text, max(0, m.start() - 5), m.end()):
            continue
        end = m.end() if m.group().strip() else m.start()
        _add_span(text, start, end, spans)
        start = m.end()
    _add_span(text, start, len(text), spans)
    return spans


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    r"""Return the ``(start, end)`` of each paragraph of ``text``: blocks between blank lines.

    Parameters
    ----------
    text : str
        A source's text.

    Returns
    -------
    list of (int, int)
        Character offsets into ``text``, in order.

    Examples
    --------
    >>> t = "One line\nwrapped.\n\nTwo."
    >>> [t[a:b] for a, b in paragraph_spans(t)]
    ['One line\nwrapped.', 'Two.']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        _add_span(text, start, m.start(), spans)
        start = m.end()
    _add_span(text, start, len(text), spans)
    return spans


def _pieces(
    spans: list[tuple[int, int]], starts: list[int], ends: list[int]
) -> list[tuple[int, int]]:
    """``spans`` with each of more than :data:`MAX_SENTENCE_WORDS` words cut into pieces."""
    out: list[tuple[int, int]] = []
    w = 0
    for s_start, s_end in spans:
        w = bisect_left(starts, s_start, w)
        last = bisect_left(starts, s_end, w)
        if last - w <= MAX_SENTENCE_WORDS:
            out.append((s_start, s_end))
            continue
        for a in range(w, last, MAX_SENTENCE_WORDS):
            b = min(a + MAX_SENTENCE_WORDS, last) - 1
            out.append((s_start if a == w else starts[a], s_end if b == last - 1 else ends[b]))
        w = last
    return out


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


@dataclass(frozen=True)
class Passage:
    """A passage of a text: ``text[start:end]``, verbatim, and the sentence around it.

    ``sentence`` is the sentence (or sentences) holding the passage, verbatim,
    from ``sentence_start`` to ``sentence_end``; ``score`` (0–100) says how
    like the rough words the passage is.
    """

    start: int
    end: int
    text: str
    sentence: str
    sentence_start: int
    sentence_end: int
    score: float


class PassageFinder:
    """A text prepared for finding passages in it; prepare once, search many times.

    Examples
    --------
    >>> finder = PassageFinder("Cuba and Iran signed six accords. Raisi visited Havana.")
    >>> [p.text for p in finder.find("visited havanna raisi")]
    ['Raisi visited Havana']
    >>> finder.find("") == []
    True
    """

    def __init__(self, text: str) -> None:
        self.text = text
        starts: list[int] = []
        ends: list[int] = []
        keys: list[str] = []
        for m in _word().finditer(text):
            starts.append(m.start())
            ends.append(m.end())
            keys.append(fold(m.group()))
        self._starts, self._ends, self._keys = starts, ends, keys
        self._sentences = _pieces(sentence_spans(text), starts, ends)
        # the first word of each sentence, and of the one after the last
        self._first: list[int] = []
        w = 0
        for s_start, _ in self._sentences:
            while w < len(starts) and starts[w] < s_start:
                w += 1
            self._first.append(w)
        self._first.append(len(starts))
        index: dict[str, list[int]] = {}
        for i in range(len(self._sentences)):
            for key in set(keys[self._first[i] : self._first[i + 1]]):
                index.setdefault(key, []).append(i)
        self._index = index
        self._vocabulary: list[str] | None = None

    def find(self, rough: str, limit: int = 5) -> list[Passage]:
        """Return the passages most like ``rough``, best first, at most ``limit`` (≤ MAX_LIMIT).

        Passages do not overlap. Ties go to the passage that comes first.
        Rough words with no word in common with the text (even roughly)
        give an empty list.

        Parameters
        ----------
        rough : str
            The words as remembered, roughly.
        limit : int
            The most passages returned.

        Returns
        -------
        list of Passage
            Each with its place in the text, its words and its score.

        Examples
        --------
        >>> finder = PassageFinder("Raisi came in June. He signed six accords with Cuba there.")
        >>> [(p.text, p.sentence) for p in finder.find("signed accords Cuba", limit=1)]
        [('signed six accords with Cuba', 'He signed six accords with Cuba there.')]
        """
        limit = max(0, min(limit, MAX_LIMIT))
        query = [fold(m.group()) for m in _word().finditer(rough)][:MAX_QUERY_WORDS]
        if not query or not limit or not self._keys:
            return []
        missing = sorted(
            {key for key in query if key not in self._index}, key=lambda k: (-len(k), k)
        )
        near = {key: self._near_words(key) for key in missing[:MAX_NEAR_WORDS]}
        alias = {word: key for key, words in near.items() for word in words}
        alias.update((key, key) for key in query)
        candidates = self._candidates(query, near)[: limit + _CLOSE_LOOKS]
        search = _Search(query, alias)
        found = [self._best_window(search, sentence) for sentence in candidates]
        found.sort(key=lambda f: (-f[0], f[1], f[2] - f[1]))
        passages: list[Passage] = []
        taken: list[tuple[int, int]] = []
        for score, first, last in found:
            if any(first <= b and a <= last for a, b in taken):
                continue
            taken.append((first, last))
            passages.append(self._passage(first, last, score))
            if len(passages) >= limit:
                break
        return passages

    def closest(self, rough: str) -> Passage | None:
        """Return the one passage most like ``rough``, or ``None`` if nothing is like it.

        Parameters
        ----------
        rough : str
            The words as remembered, roughly.

        Returns
        -------
        Passage or None
            The best passage, or ``None``.

        Examples
        --------
        >>> finder = PassageFinder("Officials said Iran and Cuba signed accords.")
        >>> p = finder.closest("cuba signd accord")
        >>> p.text, p.start, p.end, p.sentence, p.score
        ('Cuba signed accords', 24, 43, 'Officials said Iran and Cuba signed accords.', 97.2)
        >>> finder.closest("zzz") is None
        True
        """
        found = self.find(rough, limit=1)
        return found[0] if found else None

    # -- the steps -----------------------------------------------------------
    def _candidates(self, query: list[str], near: dict[str, list[str]]) -> list[int]:
        """Return the sentences sharing the most (rarest) words with ``query``, best first."""
        total = len(self._sentences)
        weights: dict[int, float] = {}
        keys = {k for key in set(query) for k in near.get(key, [key]) if k in self._index}
        budget = MAX_POSTINGS
        for k in sorted(keys, key=lambda k: (len(self._index[k]), k)):  # the rarest first
            hits = self._index[k]
            idf = math.log(1 + total / len(hits))
            for s in hits[:budget]:
                weights[s] = weights.get(s, 0.0) + idf
            budget -= min(budget, len(hits))
            if not budget:
                break
        ranked = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))
        return [s for s, _ in ranked[:MAX_CANDIDATES]]

    def _near_words(self, key: str) -> list[str]:
        """Words of the text spelt like ``key`` but for a letter or two."""
        if len(key) < 4:
            return []
        if self._vocabulary is None:
            self._vocabulary = sorted(self._index)
        near = process.extract(key, self._vocabulary, scorer=fuzz.ratio, score_cutoff=80, limit=3)
        return [word for word, _, _ in near]

    def _best_window(self, search: _Search, sentence: int) -> tuple[float, int, int]:
        """Return the stretch of words around ``sentence`` most like the query.

        It comes as ``(score, first word, last word)``.
        """
        m = len(search.query)
        s_lo, s_hi = self._first[sentence], self._first[sentence + 1]
        if s_hi <= s_lo:
            return (0.0, s_lo, s_lo)
        lo = max(0, s_lo - m - 2)
        hi = min(len(self._keys), s_hi + m + 2)
        keys = self._keys
        mapped = [search.alias.get(k) for k in keys[lo:hi]]
        best = (-1.0, s_lo, s_lo)

        def consider(a: int, b: int, covered: int) -> None:
            nonlocal best
            score = search.score(keys[a : b + 1], covered, best[0])
            if score > best[0] + 1e-9 or (
                abs(score - best[0]) <= 1e-9 and b - a < best[2] - best[1]
            ):
                best = (score, a, b)

        wanted = search.wanted
        for size in range(max(1, m - 2), m + 3):
            # stretches of this size that overlap the sentence, slid along it
            first, last = max(lo, s_lo - size + 1), min(hi - size, s_hi - 1)
            if last < first:
                continue
            have: Counter[str] = Counter()
            covered = 0
            for i in range(first, first + size):
                k = mapped[i - lo]
                if k is not None:
                    covered += have[k] < wanted[k]
                    have[k] += 1
            consider(first, first + size - 1, covered)
            for a in range(first + 1, last + 1):
                out, into = mapped[a - 1 - lo], mapped[a + size - 1 - lo]
                if out is not None:
                    have[out] -= 1
                    covered -= have[out] < wanted[out]
                if into is not None:
                    covered += have[into] < wanted[into]
                    have[into] += 1
                consider(a, a + size - 1, covered)
        # longer stretches, from a word of the query to another (rough words that skip words)
        hits = [i for i in range(lo, hi) if mapped[i - lo] is not None][:_MAX_HITS]
        longest = 2 * m + 4
        for x, a in enumerate(hits):
            if a >= s_hi:
                break
            have = Counter()
            covered = 0
            for b in hits[x:]:
                if b - a + 1 > longest:
                    break
                k = mapped[b - lo]
                if k is None:  # never: every hit is mapped
                    continue
                covered += have[k] < wanted[k]
                have[k] += 1
                if b - a + 1 > m + 2 and b >= s_lo:
                    consider(a, b, covered)
        return (round(best[0], 1), best[1], best[2])

    def _passage(self, first: int, last: int, score: float) -> Passage:
        start, end = self._starts[first], self._ends[last]
        spans = self._sentences
        starts = [a for a, _ in spans]
        i = max(0, bisect_right(starts, start) - 1)
        j = max(0, bisect_right(starts, end - 1) - 1)
        s_start, s_end = spans[i][0], max(spans[j][1], end)
        return Passage(
            start=start,
            end=end,
            text=self.text[start:end],
            sentence=self.text[s_start:s_end],
            sentence_start=s_start,
            sentence_end=s_end,
            score=score,
        )


class _Search:
    """The rough words, and how like them a stretch of words is."""

    def __init__(self, query: list[str], alias: dict[str, str]) -> None:
        self.query = query
        self.text = " ".join(query)
        self.wanted = Counter(query)
        self.alias = alias

    def score(self, words: list[str], covered: int, beat: float = -1.0) -> float:
        """Score a stretch of words against the query; -1 when it cannot reach ``beat``.

        Half how alike the words are as text (order kept or not), half how many of the
        rough words (``covered``) the stretch has, spelt alike or nearly.
        """
        coverage = 100.0 * covered / len(self.query)
        if (100.0 + coverage) / 2 < beat:
            return -1.0
        window = " ".join(words)
        alike = fuzz.ratio(self.text, window)
        if alike < 100:
            alike = max(alike, fuzz.token_sort_ratio(self.text, window))
        return float(alike + coverage) / 2


def find_passages(text: str, rough: str, limit: int = 5) -> list[Passage]:
    """Return the passages of ``text`` most like the words ``rough``, best first.

    A shortcut for ``PassageFinder(text).find(rough, limit)``; to search one
    text many times, make the :class:`PassageFinder` once.

    Parameters
    ----------
    text
        The text to search (a source's stored text).
    rough
        Words as remembered: case, punctuation, a word or two and the order
        of the words within a sentence may differ from the text.
    limit
        How many passages at most (capped at :data:`MAX_LIMIT`).

    Returns
    -------
    list of Passage
        Verbatim passages, best first, each with its sentence and score.

    Examples
    --------
    >>> [p.text for p in find_passages("A met B. C signed with D.", "d signed with c")]
    ['C signed with D']
    """
    return PassageFinder(text).find(rough, limit)

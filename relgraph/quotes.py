r"""Finding a quote in a source's stored text.

A quote must occur in its source verbatim, but people copy text through
editors and browsers that change the typography. Matching therefore ignores
differences in white space, in the kind of quotation marks and apostrophes,
in the kind of dash, and in Unicode normalisation (NFKC). Letters, words and
punctuation otherwise must be the same: matching is case-sensitive.

Examples
--------
>>> text = StoredText("He said: “It’s  done” — and left.")
>>> m = text.find('it\'s done')
>>> m is None
True
>>> m = text.find('"It\'s done" - and left')
>>> text.text[m.start:m.end]
'“It’s  done” — and left'
"""

from __future__ import annotations

import bisect
import functools
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
# the same, for finding every sentence end of a text once (sentence_span searches windows)
_SENTENCE_ENDS = re.compile(_SENTENCE_END.pattern)


_INV = "".join(sorted(_INVISIBLE))
_INVISIBLE_RE = re.compile(f"[{_INV}]")
# characters that quote matching turns into plain quotes and dashes
_TRANSLATED_RE = re.compile("[" + re.escape("".join(chr(k) for k in _TRANSLATE)) + "]")
# non-ASCII characters and the backtick: the only characters quote matching may change
_CHANGING_RE = re.compile(r"[^\x00-\x5f\x61-\x7f]+")
# the text's special spans: leading/trailing white space; runs of two or more white-space or
# invisible characters; a single white-space character other than ' ', or an invisible one;
# runs of other characters that matching may change
_SPECIAL_RE = re.compile(
    rf"\A[\s{_INV}]+|[\s{_INV}]+\Z|[\s{_INV}]{{2,}}|[^\S ]|[{_INV}]"
    rf"|[^\x00-\x5f\x61-\x7f\s{_INV}]+"
)
# the same without the characters that change: enough for NFKC-normal text, in which
# every character that changes becomes exactly one other (a plain quote or dash)
# (the lookahead lets the search skip the plain characters quickly)
_SPACING_RE = re.compile(
    rf"(?=[\s{_INV}])(?:\A[\s{_INV}]+|[\s{_INV}]+\Z|[\s{_INV}]{{2,}}|[^\S ]|[{_INV}])"
)


#: Every character with a non-zero combining class lies below this code point.
_COMBINING_BELOW = 0x20000


@functools.cache
def _combining() -> re.Pattern[str]:
    """Return the combining marks: matching works on a base character with its marks together.

    Built on first use, from a scan of the Unicode table below :data:`_COMBINING_BELOW`
    (no combining mark lies above it; a test checks that against the whole table).
    """
    ranges: list[list[int]] = []
    for code in range(_COMBINING_BELOW):
        if unicodedata.combining(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    # characters beyond the first plane make the regex engine test every range in
    # turn; they are rare, so they are looked for separately
    bmp = "".join(f"{chr(a)}-{chr(min(b, 0xFFFF))}" for a, b in ranges if a <= 0xFFFF)
    astral = "".join(f"{chr(a)}-{chr(b)}" for a, b in ranges if a > 0xFFFF)
    return re.compile(f"[{bmp}]|(?=[\U00010000-\U0010ffff])[{astral}]")


class _Pieces(dict[int, str]):
    """What each character becomes in matching (NFKC, then quotes and dashes made plain)."""

    def __missing__(self, code: int) -> str:
        piece = unicodedata.normalize("NFKC", chr(code)).translate(_TRANSLATE)
        piece = "".join(c for c in piece if c not in _INVISIBLE)
        if len(self) < 1 << 16:
            self[code] = piece
        return piece


_PIECES = _Pieces()


def _piece_run(m: re.Match[str]) -> str:
    return m.group().translate(_PIECES)


def _translated(m: re.Match[str]) -> str:
    return str(_TRANSLATE[ord(m.group())])


def normalize(text: str) -> str:
    r"""Normalise text the way quote matching sees it.

    White space is folded to single spaces and trimmed, invisible characters
    (zero-width spaces and joiners, soft hyphens, the byte order mark) are
    dropped, each character is put in NFKC form, and curly quotes, primes,
    guillemets and dashes become plain ``'``, ``"`` and ``-``. It works on runs
    of characters, not one character at a time; text with combining marks
    (matched together with their base character) takes the character-by-character
    way.

    Parameters
    ----------
    text : str
        A quote, or a source's text.

    Returns
    -------
    str
        The text as matching compares it.

    Examples
    --------
    >>> normalize("  “Cuba” –  Iran\n")
    '"Cuba" - Iran'
    >>> normalize("ﬁve »years«")
    'five "years"'
    """
    # printable text has no white space but plain spaces and no invisible characters
    tidy = text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "
    if text.isascii():
        if "`" in text:
            text = text.replace("`", "'")
        return text if tidy else " ".join(text.split())
    if tidy or not _INVISIBLE_RE.search(text):
        joined = text if tidy else " ".join(text.split())
        if unicodedata.is_normalized("NFKC", joined):
            # NFKC leaves every part of an NFKC-normal text as it is (a character, or
            # a base character with its combining marks): only quotes and dashes change
            if _TRANSLATED_RE.search(joined):
                return _TRANSLATED_RE.sub(_translated, joined)
            return joined
    if _combining().search(text):
        return _normalize_clusters(text)[0]
    text = " ".join(_INVISIBLE_RE.sub("", text).split())
    return _CHANGING_RE.sub(_piece_run, text)


def fragments(quote: str) -> list[str]:
    """Return the fragments of a quote that elides words with " … " (one fragment if none).

    Parameters
    ----------
    quote : str
        A quote as written in a dataset.

    Returns
    -------
    list of str
        The fragments, in order, each trimmed.

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


def _normalize_clusters(text: str) -> tuple[str, list[int]]:
    """Normalised text and, for each of its characters, the offset in ``text``.

    One character (a base character with its combining marks) at a time: the way for
    text with combining marks, which :func:`normalize` hands here.
    """
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


def _normalize_segments(text: str) -> tuple[str, list[int], list[int]]:
    """Return the matching form of ``text`` and where its characters come from, compactly.

    Character ``j`` of the result comes from ``text[orig[k] + j - norm[k]]``
    with ``k`` the last segment such that ``norm[k] <= j``: one offset per character,
    stored as segments of constant shift. Text with combining marks goes character
    by character (:func:`_normalize_clusters`).
    """
    seg_norm: list[int] = [0]
    seg_orig: list[int] = [0]
    stable = text.isascii() or unicodedata.is_normalized("NFKC", text)
    if not text.isascii() and _combining().search(text):
        norm, offsets = _normalize_clusters(text)
        seg_orig[0] = offsets[0] if offsets else 0
        for j in range(1, len(offsets)):
            if offsets[j] != offsets[j - 1] + 1:
                seg_norm.append(j)
                seg_orig.append(offsets[j])
        return norm, seg_norm, seg_orig
    parts: list[str] = []
    n = 0  # length of the result so far
    shift = 0  # orig - norm in the current segment
    pos = 0
    emitted = False
    size = len(text)
    for m in (_SPACING_RE if stable else _SPECIAL_RE).finditer(text):
        a, b = m.span()
        if a > pos:  # a plain run: copied as it is
            if pos - n != shift:
                shift = pos - n
                seg_norm.append(n)
                seg_orig.append(pos)
            parts.append(text[pos:a])
            n += a - pos
            emitted = True
        token = m.group()
        first = token[0]
        if first.isspace() or first in _INVISIBLE:
            if emitted and b < size and any(c.isspace() for c in token):
                at = b - 1  # the space stands for the last character before the next one
                if at - n != shift:
                    shift = at - n
                    seg_norm.append(n)
                    seg_orig.append(at)
                parts.append(" ")
                n += 1
        else:
            piece = token.translate(_PIECES)
            if len(piece) == len(token):
                if a - n != shift:
                    shift = a - n
                    seg_norm.append(n)
                    seg_orig.append(a)
                parts.append(piece)
                n += len(piece)
            else:
                for i, ch in enumerate(token):
                    for p in _PIECES[ord(ch)]:
                        if a + i - n != shift:
                            shift = a + i - n
                            seg_norm.append(n)
                            seg_orig.append(a + i)
                        parts.append(p)
                        n += 1
            emitted = True
        pos = b
    if pos < size:
        if pos - n != shift:
            seg_norm.append(n)
            seg_orig.append(pos)
        parts.append(text[pos:])
    norm = "".join(parts)
    if stable and _TRANSLATED_RE.search(norm):
        norm = _TRANSLATED_RE.sub(_translated, norm)
    return norm, seg_norm, seg_orig


@dataclass(frozen=True)
class Match:
    """Where a quote was found in the stored text: ``text[start:end]``."""

    start: int
    end: int


class StoredText:
    r"""A source's text, prepared for finding quotes in it.

    The text is normalised once (:func:`normalize`) without a Python loop over
    its characters, and the offsets back into it are kept as a few segments of
    constant shift instead of one number per character. The sentence ends of
    the whole text are found once, on the first context asked for, and each
    context is remembered, since machine-made datasets often cite one passage
    for several relations.

    Parameters
    ----------
    text : str
        The source's text, as stored.
    watch : re.Pattern, optional
        Words to look for in each quote's context (:meth:`quote_in` and
        :meth:`context_of` say whether it holds any).

    Examples
    --------
    >>> t = StoredText("Iran  and Cuba \u2014 \u201cfirm\u201d.\n\nNext.")
    >>> m = t.find('and Cuba - "firm"')
    >>> t.text[m.start:m.end]
    'and Cuba \u2014 \u201cfirm\u201d'
    >>> t.context(m)
    'Iran and Cuba \u2014 \u201cfirm\u201d.'
    """

    def __init__(self, text: str, *, watch: re.Pattern[str] | None = None) -> None:
        self.text = text
        self._watch = watch
        self._norm, self._seg_norm, self._seg_orig = _normalize_segments(text)
        self._starts: list[int] = []
        self._ends: list[int] | None = None
        self._contexts: dict[tuple[int, int], tuple[str, bool]] = {}

    def _orig(self, j: int) -> int:
        k = bisect.bisect_right(self._seg_norm, j) - 1
        return self._seg_orig[k] + j - self._seg_norm[k]

    def _past_marks(self, stop: int) -> int:
        """Move ``stop`` past the combining marks of the character before it.

        A quote is matched a character with its marks at a time, so a quote
        that ends on ``é`` written as ``e`` and U+0301 covers both.
        """
        text = self.text
        while (
            stop < len(text)
            and text[stop] >= "\u0300"
            and unicodedata.combining(text[stop])
            and not text[stop - 1].isspace()
        ):
            stop += 1
        return stop

    def locate(self, needle: str) -> tuple[int, int] | None:
        r"""Return ``(start, end)`` of a quote already passed through :func:`normalize`.

        Parameters
        ----------
        needle : str
            The normalised quote.

        Returns
        -------
        tuple of (int, int) or None
            Where its first occurrence starts and ends in :attr:`text`.

        Examples
        --------
        >>> StoredText("Cuba \u2013 Iran").locate(normalize("Cuba - Iran"))
        (0, 11)
        """
        if not needle:
            return None
        at = self._norm.find(needle)
        if at < 0:
            return None
        return self._orig(at), self._past_marks(self._orig(at + len(needle) - 1) + 1)

    def find_normalized(self, needle: str) -> Match | None:
        """Like :meth:`find`, for a quote already passed through :func:`normalize`.

        Parameters
        ----------
        needle : str
            The quote, normalised.

        Returns
        -------
        Match or None
            Where it occurs first, or ``None``.

        Examples
        --------
        >>> t = StoredText("He said: “It’s  done”.")
        >>> m = t.find_normalized(normalize("“It’s done”"))
        >>> t.text[m.start:m.end]
        '“It’s  done”'
        """
        found = self.locate(needle)
        return None if found is None else Match(*found)

    def find(self, quote: str) -> Match | None:
        r"""Return where ``quote`` occurs in the text (first occurrence), or ``None``.

        Parameters
        ----------
        quote : str
            The quote as written.

        Returns
        -------
        Match or None

        Examples
        --------
        >>> t = StoredText("He said \u201cno\u201d.")
        >>> m = t.find('"no"')
        >>> t.text[m.start:m.end]
        '\u201cno\u201d'
        """
        return self.find_normalized(normalize(quote))

    def find_fragments(self, parts: list[str]) -> Match | None:
        r"""Find where the fragments of an elided quote occur in order within one paragraph.

        The span runs from the start of the first to the end of the last; ``None``
        when there is none.

        Parameters
        ----------
        parts : list of str
            The quote's fragments (see :func:`fragments`).

        Returns
        -------
        Match or None
            The span, or ``None``.

        Examples
        --------
        >>> t = StoredText("Iran and Cuba met. They signed six accords.\n\nCuba left.")
        >>> m = t.find_fragments(["Iran and Cuba", "six accords"])
        >>> t.text[m.start:m.end]
        'Iran and Cuba met. They signed six accords'
        >>> t.find_fragments(["six accords", "Iran"]) is None
        True
        >>> t.find_fragments(["Iran", "Cuba left"]) is None  # another paragraph
        True
        """
        needles = [normalize(p) for p in parts]
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
            start, stop = self._orig(at), self._past_marks(self._orig(end - 1) + 1)
            if not _PARAGRAPH_BREAK.search(self.text, start, stop):
                return Match(start, stop)
            pos = at + 1
        return None

    #: the fuzzy finder of :meth:`closest`, made on the first search
    _finder: PassageFinder | None = None

    def closest(self, quote: str) -> str | None:
        """Return the passage of the text most like ``quote``, for a hint when it is not found.

        It is what ``relgraph quote`` finds (:class:`relgraph.passages.PassageFinder`,
        the same engine): a passage of whole words, verbatim, white space folded,
        when it scores at least :data:`CLOSEST_SCORE`. The finder is made on the
        first search, in time linear in the text's length, and each search costs a
        bounded amount whatever the text looks like (see :mod:`relgraph.passages`).

        Parameters
        ----------
        quote : str
            A quote that was not found.

        Returns
        -------
        str or None
            The passage, or ``None`` when nothing scores high enough.

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

    def _span(self, start: int, stop: int) -> tuple[int, int]:
        """:func:`sentence_span` of ``text[start:stop]``, by bisection.

        ``sentence_span`` scans the window around each quote for sentence ends.
        Here the sentence ends of the whole text are found once (linear, as the
        window is) and looked up by bisection. A scan that starts or stops
        inside the text can find other sentence ends than the scan of the whole
        text only where one of these straddles the place it starts or stops
        at; there ``sentence_span`` itself is asked.
        """
        if self._ends is None:
            found = list(_SENTENCE_ENDS.finditer(self.text))
            self._starts = [m.start() for m in found]
            self._ends = [m.end() for m in found]
        starts, ends = self._starts, self._ends
        lo = start - CONTEXT_WINDOW
        if lo < 0:
            lo = 0
        k = bisect.bisect_left(starts, lo)  # the first sentence end at lo or after
        if k and ends[k - 1] > lo:
            return sentence_span(self.text, start, stop)
        m = bisect.bisect_left(starts, start) - 1  # the last one starting before the quote
        if m < k:
            first = lo
        elif ends[m] > start:
            return sentence_span(self.text, start, stop)
        else:
            first = ends[m]
        text = self.text
        hi = min(len(text), stop + CONTEXT_WINDOW)
        after = stop - 1 if stop - 1 > start else start
        j = bisect.bisect_left(starts, after, m + 1 if m >= 0 else 0)
        if j and ends[j - 1] > after:
            return sentence_span(text, start, stop)
        if j == len(starts) or starts[j] >= hi:
            last = hi
        elif ends[j] > hi:
            return sentence_span(text, start, stop)
        else:
            last = starts[j] + 1
        while last < hi and text[last] in "\"'\u201d\u2019)":
            last += 1
        return first, last

    def quote_in(self, needle: str) -> tuple[int, int, str, bool] | None:
        """Return where a quote (already through :func:`normalize`) is, and its context.

        :meth:`find` and :meth:`context_of` in one step.

        Parameters
        ----------
        needle : str
            The normalised quote.

        Returns
        -------
        tuple of (int, int, str, bool) or None
            ``(start, end, context, watched)``: ``watched`` says whether the
            context holds one of the ``watch`` words; ``None`` when the quote
            is not in the text.

        Examples
        --------
        >>> t = StoredText("One. Iran reportedly sent oil. Two.", watch=re.compile("reportedly"))
        >>> t.quote_in(normalize("sent oil"))
        (21, 29, 'Iran reportedly sent oil.', True)
        """
        if not needle:
            return None
        at = self._norm.find(needle)
        if at < 0:
            return None
        seg_norm, seg_orig = self._seg_norm, self._seg_orig
        k = bisect.bisect_right(seg_norm, at) - 1
        start = seg_orig[k] + at - seg_norm[k]
        last = at + len(needle) - 1
        if k + 1 == len(seg_norm) or seg_norm[k + 1] > last:  # one segment: one shift
            stop = start + len(needle)
        else:
            k = bisect.bisect_right(seg_norm, last) - 1
            stop = seg_orig[k] + last - seg_norm[k] + 1
        if stop < len(self.text) and self.text[stop] >= "\u0300":
            stop = self._past_marks(stop)
        span = self._span(start, stop)
        known = self._contexts.get(span)
        if known is None:
            known = self._context_in(span, start, stop, 600)
        return start, stop, known[0], known[1]

    def context_of(self, at: int, stop: int, limit: int = 600) -> tuple[str, bool]:
        """Return the context of ``text[at:stop]`` and whether it holds a ``watch`` word.

        Parameters
        ----------
        at, stop : int
            Where the quote starts and ends in :attr:`text`.
        limit : int
            About how many characters the context may have.

        Returns
        -------
        tuple of (str, bool)

        Examples
        --------
        >>> StoredText("One. Two has it. Three.").context_of(9, 16)
        ('Two has it.', False)
        """
        span = self._span(at, stop)
        known = self._contexts.get(span)
        if known is not None and limit == 600:
            return known
        return self._context_in(span, at, stop, limit)

    def _context_in(
        self, span: tuple[int, int], at: int, stop: int, limit: int
    ) -> tuple[str, bool]:
        snippet, cut = _snippet(self.text, Match(at, stop), *span, limit)
        watch = self._watch
        found = (snippet, watch is not None and watch.search(snippet) is not None)
        if limit == 600 and not cut:
            self._contexts[span] = found
        return found

    def context(self, match: Match, limit: int = 600) -> str:
        """Return the sentence(s) around a match, white space folded, at most ``limit`` long.

        Parameters
        ----------
        match : Match
            Where the quote is.
        limit : int
            About how many characters the context may have; a longer one is
            cut around the quote, with "…" where it is cut.

        Returns
        -------
        str

        Examples
        --------
        >>> t = StoredText("First one. The second sentence has it. Third.")
        >>> t.context(t.find("has it"))
        'The second sentence has it.'
        """
        return self.context_of(match.start, match.end, limit)[0]


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence(s) around ``text[start:end]`` begin and end, within a window.

    The context starts after the last sentence end or paragraph break before
    ``start`` and ends at the first one from ``end - 1`` on, but looks no
    further than :data:`CONTEXT_WINDOW` characters either way: a text with no
    sentence end (a report extracted from a PDF) costs the same per quote as
    any other, so framing every quote is linear in the text's size plus the
    number of quotes.

    Parameters
    ----------
    text : str
        A source's text.
    start, end : int
        The match's offsets in ``text``.

    Returns
    -------
    (int, int)
        The offsets where the context begins and ends.

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
    """Return ``text[start:end]`` white space folded, and whether it was cut.

    At most about ``limit`` characters, with "…" where it is cut; a cut snippet
    depends on the match, not only on the span.
    """
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

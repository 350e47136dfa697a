"""Quote-finder benchmark: relgraph.passages against the near-miss hint it replaces.

It builds a long text (about 1 MB by default): the bundled Cuba–Iran article
in the middle of sentences made, with a fixed seed, from the article's own
words (so the rare words of a quote occur elsewhere too). From the article it
takes quotes of 6–25 words and roughens each with a fixed seed: case changed,
punctuation dropped, one word replaced or dropped, two neighbouring words
swapped. Then, interleaved quote by quote so that machine noise falls on both
alike, it measures in CPU time (``time.process_time``):

* ``prepare``: ``PassageFinder(text)``, once per run (5 runs);
* ``find``: ``PassageFinder.find(rough, limit=5)`` for each quote;
* ``baseline``: ``StoredText.closest(rough)``, the hint ``validate`` gave
  before (difflib windows around the rarest long words).

A search is right when the best passage overlaps the quote's own place in
the text. It prints the median and the spread (min–max) of each, the rate
of right answers, and the machine's load average before and after.

Usage::

    python bench/bench_passages.py             # 1 MB, 40 quotes
    python bench/bench_passages.py --size 258000 --quotes 20
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from relgraph.passages import PassageFinder  # noqa: E402
from relgraph.quotes import StoredText  # noqa: E402

ARTICLE = HERE.parent / "graph_data" / "sources" / "cuba_iran_relations.txt"


def long_text(size: int, seed: int = 0) -> tuple[str, int]:
    """A text of about ``size`` characters with the article in its middle, and where it starts."""
    article = ARTICLE.read_text(encoding="utf-8")
    words = re.findall(r"\w+", article)
    rng = random.Random(seed)
    filler: list[str] = []
    length = 0
    while length < max(0, size - len(article)):
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(8, 30)))
        sentence = sentence[0].upper() + sentence[1:] + "."
        filler.append(sentence)
        length += len(sentence) + 1
        if rng.random() < 0.2:
            filler.append("\n\n")
    half = len(filler) // 2
    before = " ".join(filler[:half])
    text = before + "\n\n" + article + "\n\n" + " ".join(filler[half:])
    return text, len(before) + 2


def roughen(quote: str, rng: random.Random) -> str:
    """The quote as a person might remember it."""
    words = re.findall(r"\w+", quote)
    words = [w.lower() if rng.random() < 0.5 else w.upper() for w in words]
    if len(words) > 6:
        i = rng.randrange(len(words))
        if rng.random() < 0.5:
            del words[i]
        else:
            words[i] = "something"
        j = rng.randrange(len(words) - 1)
        words[j], words[j + 1] = words[j + 1], words[j]
    return " ".join(words)


def quotes(article: str, count: int, seed: int = 1) -> list[tuple[int, int, str]]:
    """``count`` spans of 6–25 whole words of the article: (start, end, words)."""
    rng = random.Random(seed)
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^.!?\n]{40,}", article)]
    out: list[tuple[int, int, str]] = []
    while len(out) < count:
        a, b = rng.choice(spans)
        words = list(re.finditer(r"\S+", article[a:b]))
        if len(words) < 6:
            continue
        n = rng.randint(6, min(25, len(words)))
        i = rng.randrange(len(words) - n + 1)
        start, end = a + words[i].start(), a + words[i + n - 1].end()
        out.append((start, end, article[start:end]))
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="text length in characters")
    parser.add_argument("--quotes", type=int, default=40)
    args = parser.parse_args(argv)
    load_before = os.getloadavg()
    text, offset = long_text(args.size)
    article = ARTICLE.read_text(encoding="utf-8")
    rng = random.Random(2)
    cases = [(a + offset, b + offset, roughen(q, rng)) for a, b, q in quotes(article, args.quotes)]

    prepare: list[float] = []
    for _ in range(5):
        began = time.process_time()
        finder = PassageFinder(text)
        prepare.append(time.process_time() - began)
    began = time.process_time()
    stored = StoredText(text)
    baseline_prepare = time.process_time() - began

    find_t: list[float] = []
    base_t: list[float] = []
    right = base_right = 0
    for start, end, rough in cases:
        began = time.process_time()
        found = finder.find(rough, limit=5)
        find_t.append(time.process_time() - began)
        if found and found[0].start < end and start < found[0].end:
            right += 1
        began = time.process_time()
        near = stored.closest(rough)
        base_t.append(time.process_time() - began)
        if near is not None:
            # the hint is folded text: right when it lies within the quote's sentence area
            at = stored.find(near)
            if at is not None and at.start < end and start < at.end:
                base_right += 1
    load_after = os.getloadavg()

    def ms(values: list[float]) -> str:
        return (
            f"{statistics.median(values) * 1e3:8.2f} ms"
            f"  ({min(values) * 1e3:.2f}–{max(values) * 1e3:.2f})"
        )

    n = len(cases)
    print(f"text: {len(text):,} characters; {n} roughened quotes from the article")
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f} (2 cores)")
    print(f"{'step':<30} {'median CPU time (min–max)':>30}  right")
    print(f"{'PassageFinder(text)':<30} {ms(prepare):>30}")
    print(f"{'PassageFinder.find':<30} {ms(find_t):>30}  {right}/{n}")
    print(f"{'StoredText(text) (baseline)':<30} {baseline_prepare * 1e3:8.2f} ms")
    print(f"{'StoredText.closest (baseline)':<30} {ms(base_t):>30}  {base_right}/{n}")
    ratio = statistics.median(find_t) / max(statistics.median(base_t), 1e-9)
    print(f"find / baseline, median: {ratio:.3f}")
    total = statistics.median(prepare) + max(find_t)
    print(f"one question on a fresh text (prepare + slowest find): {total * 1e3:.0f} ms")


if __name__ == "__main__":
    main()

"""Suggester benchmark: `relgraph suggest` against the bundled datasets as gold.

For each bundled dataset with its stored sources (the Havana reports: eight
sources; the Cuba–Iran article: one), it runs :func:`relgraph.suggest.suggest`
on every source's stored text with the dataset's own entities and vocabulary,
as ``relgraph suggest SOURCE --dataset D`` does, and compares what it proposes
with the curated relations:

* **pair recall**: of the actor pairs the dataset relates (either direction),
  the share the suggester proposes a relation for;
* **pair + type recall**: the same for (pair, relation type);
* **precision**: of the distinct pairs (or pairs + types) it proposes, the
  share the dataset has; a proposal the curator left out counts against it,
  even when the sentence does say it (so this is a floor);
* **verbatim**: every proposed quote is checked to be a part of the text.

The gold is the whole dataset's relations and the proposals are those of all its
sources together (a relation the dataset draws from several reports counts once).
Time is CPU time (``time.process_time``) of the suggester alone (the dataset is
loaded once, before), over ``--rounds`` rounds that alternate the datasets so
that machine noise falls on both alike: the median and the spread (min–max), and
the median per 10,000 words of text. The machine's load average is printed
before and after.

Usage::

    nice python bench/bench_suggest.py             # 5 rounds
    nice python bench/bench_suggest.py --rounds 3
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import relgraph  # noqa: E402
from relgraph.model import Dataset  # noqa: E402
from relgraph.suggest import Suggestions, suggest  # noqa: E402

DATASETS = {
    "Havana reports": HERE.parent / "graph_data" / "raisi_havana_2023.yaml",
    "Cuba–Iran article": HERE.parent / "graph_data" / "cuba_iran.yaml",
}


@dataclass
class Result:
    name: str
    dataset: Dataset
    words: int = 0
    times: list[float] = field(default_factory=list)
    found: list[Suggestions] = field(default_factory=list)


def run_once(ds: Dataset) -> tuple[float, list[Suggestions]]:
    """Suggest from every source of ``ds``; the CPU seconds it took, and the suggestions."""
    start = time.process_time()
    found = [
        suggest(
            s.text,
            s.id,
            entities=ds.entities,
            vocabulary=ds.vocabulary,
            published=s.published,
        )
        for s in ds.sources
    ]
    return time.process_time() - start, found


def scores(result: Result) -> dict[str, float | int]:
    ds = result.dataset
    gold_pairs = {frozenset((r.source, r.target)) for r in ds.relations}
    gold_typed = {(frozenset((r.source, r.target)), r.type) for r in ds.relations}
    pairs: set[frozenset[str]] = set()
    typed: set[tuple[frozenset[str], str]] = set()
    quotes = verbatim = 0
    texts = {s.id: s.text for s in ds.sources}
    for found in result.found:
        for rel in found.relations:
            pairs.add(frozenset((rel.source, rel.target)))
            typed.add((frozenset((rel.source, rel.target)), rel.type))
            quotes += 1
            verbatim += rel.quote in texts[rel.source_id]
    return {
        "gold pairs": len(gold_pairs),
        "pairs proposed": len(pairs),
        "pair recall": len(pairs & gold_pairs) / len(gold_pairs),
        "pair precision": len(pairs & gold_pairs) / max(len(pairs), 1),
        "gold pair+type": len(gold_typed),
        "pair+type proposed": len(typed),
        "pair+type recall": len(typed & gold_typed) / len(gold_typed),
        "pair+type precision": len(typed & gold_typed) / max(len(typed), 1),
        "quotes": quotes,
        "verbatim": verbatim,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    load_before = os.getloadavg()
    results = []
    for name, path in DATASETS.items():
        ds = relgraph.load(path)
        words = sum(len(s.text.split()) for s in ds.sources)
        results.append(Result(name, ds, words))
    run_once(results[0].dataset)  # warm up: the country data and the cue patterns are cached
    for i in range(args.rounds):
        order = results if i % 2 == 0 else results[::-1]
        for result in order:
            seconds, found = run_once(result.dataset)
            result.times.append(seconds)
            result.found = found
    load_after = os.getloadavg()

    print(f"relgraph suggest against the bundled datasets as gold ({args.rounds} rounds)")
    print(
        f"{'':18} {'sources':>7} {'words':>6} {'gold pairs':>10} {'proposed':>8} "
        f"{'recall':>6} {'precision':>9} {'gold +type':>10} {'proposed':>8} {'recall':>6} "
        f"{'precision':>9} {'verbatim':>9}"
    )
    for r in results:
        s = scores(r)
        print(
            f"{r.name:18} {len(r.dataset.sources):>7} {r.words:>6} {s['gold pairs']:>10} "
            f"{s['pairs proposed']:>8} {s['pair recall']:>6.0%} {s['pair precision']:>9.0%} "
            f"{s['gold pair+type']:>10} {s['pair+type proposed']:>8} "
            f"{s['pair+type recall']:>6.0%} {s['pair+type precision']:>9.0%} "
            f"{s['verbatim']:>4}/{s['quotes']:<4}"
        )
    print()
    print(f"{'CPU time':18} {'median s':>8} {'min–max':>13} {'s per 10k words':>15}")
    for r in results:
        median = statistics.median(r.times)
        spread = f"{min(r.times):.3f}–{max(r.times):.3f}"
        print(f"{r.name:18} {median:>8.3f} {spread:>13} {median / r.words * 10_000:>15.3f}")
    print(
        "load average (1, 5, 15 min): before "
        + ", ".join(f"{x:.1f}" for x in load_before)
        + "; after "
        + ", ".join(f"{x:.1f}" for x in load_after)
        + f"; {os.cpu_count()} CPUs"
    )


if __name__ == "__main__":
    main()

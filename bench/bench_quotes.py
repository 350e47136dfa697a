"""Quote framing benchmark: validation time on texts with no sentence end, by text size.

A report extracted from a PDF often has no sentence end at all; framing each
quote's sentence context used to scan and fold the whole text per quote. This
benchmark validates datasets of one source whose text has no sentence end
(1, 2, 4 and 8 MB by default) and a fixed number of quotes spread over it
(200 found, 20 not found), and reports each size's CPU time as a ratio against
the smallest size (the baseline): linear work gives ratios near the size
ratios (2, 4, 8), quadratic work their squares.

Runs are interleaved (every size once, then again, ``--repeat`` times), each
in a fresh Python process, so that machine noise falls on all sizes alike.
Time is the child's CPU time (user + system) for ``relgraph.load.validate``
alone; the table gives the median and the spread (min–max), and the machine's
load average before and after.

Usage::

    python bench/bench_quotes.py --sizes 1,2,4,8 --repeat 3

``--write DIR`` only writes the dataset of the first size into ``DIR``, with
``--quotes`` quotes found in its text and ``--missing`` not found, to be
measured by hand (the bars of a 31 MB text with 2,000 quotes, of 3,000 quotes
not found in one source)::

    python bench/bench_quotes.py --write /tmp/q31 --sizes 31 --quotes 2000 --missing 0
    nice /usr/bin/time -v relgraph validate -q /tmp/q31/data.yaml
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

QUOTES, MISSING = 200, 20


def child(path: str) -> dict[str, Any]:
    """Validate ``path`` in this (fresh) process; CPU seconds of the validation alone."""
    import time

    from relgraph.load import validate

    began = time.process_time()
    problems = validate(path)
    return {"cpu": time.process_time() - began, "problems": len(problems)}


def write(
    folder: Path, megabytes: int, seed: int = 0, quotes: int = QUOTES, missing: int = MISSING
) -> Path:
    """A dataset of one sentence-less source of ``megabytes`` MB and quotes spread over it."""
    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pa", "qu", "bi"]
    vocab = [
        "".join(rng.choice(syllables) for _ in range(rng.randint(2, 5))) for _ in range(20_000)
    ]
    words: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        word = rng.choice(vocab)
        words.append(word)
        size += len(word) + 1
    text = " ".join(words)
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    (folder / "sources" / "big.txt").write_text(text, encoding="utf-8")
    lines = [
        "dataset: {id: d, title: D}",
        "sources:",
        "  - {id: big, title: Big, reliability: F, text: sources/big.txt,",
        f"     sha256: {hashlib.sha256(text.encode()).hexdigest()}}}",
        "entities:",
        "  - {id: a, name: A, kind: person}",
        "  - {id: b, name: B, kind: person}",
        "relations:",
    ]
    for i in range(quotes + missing):
        at = rng.randrange(len(words) - 10)
        quote = " ".join(words[at : at + 8]) + (f" zzqx{i}" if i >= quotes else "")
        lines.append(
            f"  - {{id: r{i}, source: a, target: b, type: meeting, status: reported,"
            f" evidence: [{{quote: {json.dumps(quote)}, source: big}}]}}"
        )
    path = folder / "data.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(sizes: list[int], repeat: int, data: Path) -> dict[int, list[float]]:
    paths = {mb: write(data / f"{mb}mb", mb) for mb in sizes}
    times: dict[int, list[float]] = {mb: [] for mb in sizes}
    for _ in range(repeat):
        for mb in sizes:
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(paths[mb])],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            times[mb].append(json.loads(out)["cpu"])
    return times


def table(times: dict[int, list[float]]) -> str:
    base_mb = min(times)
    base = statistics.median(times[base_mb])
    rows = [
        "| text | CPU time (median) | spread | ratio to baseline | size ratio |",
        "|---:|---:|---:|---:|---:|",
    ]
    for mb, ts in times.items():
        med = statistics.median(ts)
        rows.append(
            f"| {mb} MB | {med:.2f} s | {min(ts):.2f}–{max(ts):.2f} s "
            f"| {med / base:.2f}x | {mb / base_mb:.0f}x |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1,2,4,8", help="text sizes in MB")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--write", metavar="DIR", help="only write the first size's dataset")
    parser.add_argument("--quotes", type=int, default=QUOTES, help="quotes found (--write)")
    parser.add_argument("--missing", type=int, default=MISSING, help="quotes not found (--write)")
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child)))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.write:
        folder = Path(args.write)
        print(write(folder, sizes[0], quotes=args.quotes, missing=args.missing))
        return
    before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        times = run(sizes, args.repeat, Path(tmp))
    after = os.getloadavg()[0]
    print(table(times))
    print(f"\nload average (1 min): {before:.1f} before, {after:.1f} after; {os.cpu_count()} cores")


if __name__ == "__main__":
    main()

"""Synthetic scale-free datasets for benchmarks.

``generate(relations, seed)`` builds a :class:`relgraph.Dataset` in memory
(no files, no validation pass) whose actors are tied by preferential
attachment, so that a few hubs hold many ties as in real relationship maps.
Relation types, statuses, signs and dates are drawn with a fixed seed from
the built-in vocabulary, so two runs give the same dataset.

Run it to see the shape of what it makes::

    python bench/generate.py 10000

``write_dataset(relations, folder)`` writes a dataset *to files*, as users
bring them: long synthetic articles stored as source texts (with their
sha256), actors of several kinds tied by preferential attachment (scale-free
degrees), relation types allowed for the two actors' kinds, several statuses,
dates at every precision, and one or two evidence items per relation whose
~150-character quotes are real passages of the stored articles (some with
their typography changed, as copied text is), so that quote checking does
real work. It writes ``dataset.jsonl`` and, if asked, the same records as
``dataset.yaml``, beside a ``sources/`` folder::

    python bench/generate.py --write 1k,10k,100k,1M --out bench/data --yaml-up-to 10k
"""

from __future__ import annotations

import hashlib
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from relgraph.model import Dataset, Entity, Evidence, PartialDate, Relation, Source
from relgraph.vocabulary import builtin_vocabulary

__all__ = ["SIZES", "generate", "parse_size", "write_dataset"]

_TEXT = "Synthetic evidence for a benchmark."
_STATUSES = (("reported", 70), ("alleged", 14), ("confirmed", 10), ("disputed", 4), ("denied", 2))


def generate(relations: int, seed: int = 0, *, per_actor: float = 3.0) -> Dataset:
    """A dataset of ``relations`` relations among about ``relations / per_actor`` states.

    Pairs come from a Barabási–Albert graph (two ties per new actor); the
    remaining relations are added between pairs already tied, so that many
    pairs carry several typed relations, as in real data.
    """
    rng = random.Random(seed)
    vocab = builtin_vocabulary()
    types = [t for t in vocab.relation_types.values() if t.allows("state", "state")]
    actors = max(10, int(relations / per_actor))
    pairs = list(nx.barabasi_albert_graph(actors, 2, seed=seed).edges())
    rng.shuffle(pairs)
    chosen = pairs[:relations] + [rng.choice(pairs) for _ in range(relations - len(pairs))]
    evidence = (
        Evidence(
            quote="Synthetic evidence",
            source="synthetic",
            credibility=3,
            start=0,
            end=18,
            context=_TEXT,
        ),
    )
    statuses = [s for s, w in _STATUSES for _ in range(w)]
    out = []
    for n, (u, v) in enumerate(chosen):
        t = rng.choice(types)
        a, b = (u, v) if rng.random() < 0.5 else (v, u)
        date = None
        if rng.random() < 0.8:
            year = rng.randint(1990, 2024)
            date = (
                PartialDate(year, rng.randint(1, 12)) if rng.random() < 0.5 else PartialDate(year)
            )
        out.append(
            Relation(
                id=f"r{n}",
                source=f"a{a}",
                target=f"a{b}",
                type=t.id,
                status=rng.choice(statuses),  # type: ignore[arg-type]
                sign=t.sign,  # type: ignore[arg-type]
                evidence=evidence,
                date=date,
            )
        )
    source = Source(
        id="synthetic",
        title="Synthetic source",
        reliability="C",
        text_path="synthetic.txt",
        sha256="",
        text=_TEXT,
    )
    return Dataset(
        id=f"synthetic-{relations}",
        title=f"Synthetic scale-free dataset of {relations} relations",
        vocabulary=vocab,
        sources=(source,),
        entities=tuple(Entity(id=f"a{i}", name=f"Actor {i}", kind="state") for i in range(actors)),
        relations=tuple(out),
    )


# ---------------------------------------------------------------------------
# Datasets written to files: JSON Lines (and YAML) with stored source texts
# ---------------------------------------------------------------------------

#: The sizes the loading benchmark uses, by name.
SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000, "1M": 1_000_000}

_KIND_WEIGHTS = (
    ("official", 24),
    ("organization", 18),
    ("person", 14),
    ("company", 14),
    ("group", 10),
    ("state", 8),
    ("media", 6),
    ("territory", 6),
)
_FILE_STATUSES = (
    ("reported", 60),
    ("alleged", 15),
    ("confirmed", 10),
    ("disputed", 8),
    ("denied", 7),
)
_SYLLABLES = (
    "va",
    "lo",
    "ra",
    "mi",
    "ze",
    "ko",
    "ta",
    "ri",
    "no",
    "sa",
    "dé",
    "lu",
    "ma",
    "ni",
    "xo",
    "ba",
    "ve",
    "ön",
    "ka",
    "ro",
    "li",
    "ña",
    "ti",
    "mo",
    "sé",
    "dar",
    "vel",
    "mir",
    "tan",
    "kor",
)
_PLACES = ("Havana", "Tehran", "Caracas", "Geneva", "Doha", "Ankara", "Bogotá", "Málaga", "Oslo")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_CLEAN = (
    "{a} and {b} signed a memorandum on energy and transport in {place} on {day}, "
    "in what both sides called \u201ca {adj} step\u201d for the region",
    "a delegation led by {a} met representatives of {b} in {place} to discuss shipping routes, "
    "port access and the financing of new rail links",
    "{a} praised the \u201c{adj} and lasting\u201d ties with {b}, adding that trade between "
    "them had grown every year since the first agreement",
    "officials of {b} said the talks with {a} \u2014 held behind closed doors in {place} \u2014 "
    "covered customs rules, visas and the exchange of students",
    "{a}\u2019s ministry published the text of the accord with {b} on {day}; it names joint "
    "committees for agriculture, health and energy",
    "{a} criticised {b} for what it called a \u201c{adj} and hostile\u201d policy, and recalled "
    "its envoy from {place} for consultations",
    "the contract between {a} and {b} covers the delivery of rail cars over five years, "
    "with payments spread across the term of the agreement",
)
_ALLEGING_TEXTS = (
    "{a} allegedly provided training and funds to {b}, according to documents seen by reporters "
    "in {place} that have not been independently verified",
    "{b} accused {a} of shipping weapons through {place} on {day}, a charge {a} rejected as "
    "\u201c{adj} propaganda\u201d",
    "{a} reportedly hosted members of {b} at a facility near {place}, said people who asked "
    "not to be named",
)
_ADJECTIVES = ("historic", "firm", "progressive", "unprecedented", "pragmatic", "dangerous")


def parse_size(text: str) -> int:
    """``"10k"`` → 10000, ``"1M"`` → 1000000, ``"2500"`` → 2500."""
    if text in SIZES:
        return SIZES[text]
    scale = {"k": 1_000, "K": 1_000, "m": 1_000_000, "M": 1_000_000}.get(text[-1:], 1)
    return int(float(text[:-1] if scale > 1 else text) * scale)


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


class _Articles:
    """Long synthetic articles, each a list of sentences that know whether they allege."""

    def __init__(self, rng: random.Random, count: int, names: list[str]) -> None:
        self.texts: list[str] = []
        self.clean: list[list[tuple[int, int]]] = []  # per article: (start, end) of sentences
        self.alleging: list[list[tuple[int, int]]] = []
        for _ in range(count):
            pieces: list[str] = []
            clean: list[tuple[int, int]] = []
            alleging: list[tuple[int, int]] = []
            at = 0
            for paragraph in range(rng.randint(8, 12)):
                for _ in range(rng.randint(3, 6)):
                    alleges = rng.random() < 0.25
                    template = rng.choice(_ALLEGING_TEXTS if alleges else _CLEAN)
                    sentence = template.format(
                        a=rng.choice(names),
                        b=rng.choice(names),
                        place=rng.choice(_PLACES),
                        day=rng.choice(_WEEKDAYS),
                        adj=rng.choice(_ADJECTIVES),
                    )
                    sentence = sentence[0].upper() + sentence[1:] + "."
                    (alleging if alleges else clean).append((at, at + len(sentence)))
                    pieces.append(sentence)
                    at += len(sentence)
                    pieces.append(" ")
                    at += 1
                pieces.append("\n\n" if paragraph % 3 else "\n\n\n")
                at += 2 if paragraph % 3 else 3
            self.texts.append("".join(pieces))
            self.clean.append(clean)
            self.alleging.append(alleging)

    def quote(self, rng: random.Random, article: int, alleging: bool) -> str:
        """A passage of about 150 characters from one sentence, sometimes retyped."""
        spans = self.alleging[article] if alleging else self.clean[article]
        start, end = rng.choice(spans)
        text = self.texts[article]
        length = min(end - start, rng.randint(120, 180))
        a = start + rng.randint(0, end - start - length)
        while a > start and text[a - 1] != " ":
            a -= 1
        b = min(end, a + length)
        while b < end and text[b] != " ":
            b += 1
        quote = text[a:b].strip()
        if rng.random() < 0.2:  # as copied by hand: straight quotes, a hyphen for the dash
            quote = (
                quote.replace("\u201c", '"')
                .replace("\u201d", '"')
                .replace("\u2019", "'")
                .replace("\u2014", "-")
            )
        return quote


def _date(rng: random.Random) -> str:
    year = rng.randint(1995, 2024)
    roll = rng.random()
    if roll < 0.4:
        return str(year)
    if roll < 0.75:
        return f"{year}-{rng.randint(1, 12):02d}"
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _records(relations: int, seed: int, folder: Path) -> Iterator[dict[str, Any]]:
    """The records of a dataset of ``relations`` relations; writes the source texts."""
    rng = random.Random(seed)
    vocab = builtin_vocabulary()
    actors = max(20, relations // 8)
    per_new = max(1, round(relations / actors))
    kinds = [k for k, w in _KIND_WEIGHTS for _ in range(w)]
    actor_kind = [rng.choice(kinds) for _ in range(actors)]
    names = [f"{_name(rng, 2)} {_name(rng, rng.randint(2, 3))}" for _ in range(actors)]
    types_for: dict[tuple[str, str], list[tuple[str, bool]]] = {}
    for sk, _ in _KIND_WEIGHTS:
        for tk, _ in _KIND_WEIGHTS:
            fits = [(t.id, False) for t in vocab.relation_types.values() if t.allows(sk, tk)]
            fits += [
                (t.id, True)
                for t in vocab.relation_types.values()
                if t.directed and not t.allows(sk, tk) and t.allows(tk, sk)
            ]
            types_for[sk, tk] = fits
    n_sources = max(5, relations // 400)
    articles = _Articles(rng, n_sources, names[: min(actors, 400)])
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    yield {
        "record": "dataset",
        "id": f"synthetic-{relations}",
        "title": f"Synthetic dataset of {relations} relations",
        "description": "Generated for benchmarks: scale-free ties, quotes from stored articles.",
    }
    for i, text in enumerate(articles.texts):
        rel = f"sources/article-{i:05d}.txt"
        data = text.encode("utf-8")
        (folder / rel).write_bytes(data)
        yield {
            "record": "source",
            "id": f"article-{i:05d}",
            "title": f"Synthetic article {i}",
            "publisher": rng.choice(("Agencia Sintética", "The Daily Model", None)),
            "published": _date(rng),
            "reliability": rng.choice("ABCDEF"),
            "text": rel,
            "sha256": hashlib.sha256(data).hexdigest(),
        }
    for i in range(actors):
        record: dict[str, Any] = {
            "record": "entity",
            "id": f"a{i}",
            "name": names[i],
            "kind": actor_kind[i],
        }
        if rng.random() < 0.2:
            record["aliases"] = [_name(rng, 3)]
        if rng.random() < 0.1:
            record["country"] = _name(rng, 2)
        yield record
    # preferential attachment: each new actor ties to `per_new` actors picked in
    # proportion to the ties they have (the endpoint list holds each actor once per tie)
    endpoints: list[int] = list(range(min(actors, per_new + 1)))
    statuses = [s for s, w in _FILE_STATUSES for _ in range(w)]
    made = 0
    new = len(endpoints)
    while made < relations:
        u = new % actors
        new += 1
        for _ in range(per_new):
            if made >= relations:
                break
            v = rng.choice(endpoints)
            if v == u:
                continue
            fits = types_for[actor_kind[u], actor_kind[v]]
            rtype, flip = rng.choice(fits)
            a, b = (v, u) if flip else (u, v)
            status = rng.choice(statuses)
            alleging = status in ("alleged", "disputed", "denied")
            n_ev = 2 if status == "confirmed" or rng.random() < 0.1 else 1
            sources = rng.sample(range(n_sources), n_ev)
            evidence = []
            for s in sources:
                item: dict[str, Any] = {
                    "quote": articles.quote(rng, s, alleging and rng.random() < 0.7),
                    "source": f"article-{s:05d}",
                }
                if rng.random() < 0.3:
                    item["attributed_to"] = f"a{rng.randrange(actors)}"
                if rng.random() < 0.4:
                    item["credibility"] = rng.randint(1, 6)
                evidence.append(item)
            record = {
                "record": "relation",
                "id": f"r{made:07d}",
                "source": f"a{a}",
                "target": f"a{b}",
                "type": rtype,
                "status": status,
            }
            roll = rng.random()
            if roll < 0.6:
                record["date"] = _date(rng)
            elif roll < 0.8:
                first, last = sorted((_date(rng)[:4], _date(rng)[:4]))
                record["start"], record["end"] = first, last
            if rng.random() < 0.05:
                record["sign"] = rng.choice(("cooperative", "hostile", "neutral"))
            if rng.random() < 0.1:
                record["notes"] = "Extracted automatically; not reviewed."
            record["evidence"] = evidence
            yield record
            endpoints.append(u)
            endpoints.append(v)
            made += 1
    for i in range(relations // 50):
        s = rng.randrange(n_sources)
        yield {
            "record": "claim",
            "id": f"c{i:06d}",
            "entity": f"a{rng.randrange(actors)}",
            "statement": f"Described in article {s} as a party to the talks ({i}).",
            "status": "reported",
            "evidence": [{"quote": articles.quote(rng, s, False), "source": f"article-{s:05d}"}],
        }


def write_dataset(
    relations: int,
    folder: str | Path,
    *,
    yaml_too: bool = False,
    seed: int = 0,
) -> dict[str, Path]:
    """Write a dataset of ``relations`` relations into ``folder``; return its files by format.

    ``folder`` gets ``sources/*.txt``, ``dataset.jsonl`` and, with
    ``yaml_too``, ``dataset.yaml`` holding the same records. Load one file at a
    time (``relgraph.load(folder / "dataset.jsonl")``): the folder as a whole
    would hold every record twice.
    """
    import orjson
    import yaml

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = {"jsonl": folder / "dataset.jsonl"}
    sections: dict[str, Any] = {}
    with open(out["jsonl"], "wb") as fh:
        for record in _records(relations, seed, folder):
            fh.write(orjson.dumps(record) + b"\n")
            if yaml_too:
                kind = record.pop("record")
                if kind == "dataset":
                    sections["dataset"] = record
                else:
                    section = {"entity": "entities"}.get(kind, kind + "s")
                    sections.setdefault(section, []).append(record)
    if yaml_too:
        out["yaml"] = folder / "dataset.yaml"
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        with open(out["yaml"], "w", encoding="utf-8") as fh:
            yaml.dump(
                sections, fh, Dumper=dumper, sort_keys=False, allow_unicode=True, width=1 << 16
            )
    return out


def main(argv: list[str] | None = None) -> None:
    """``generate.py N`` prints the shape of ``generate(N)``; ``--write`` writes files."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", nargs="?", default="1000", help="relations for the shape summary")
    parser.add_argument("--write", metavar="SIZES", help="sizes to write, e.g. 1k,10k,100k,1M")
    parser.add_argument("--out", default="bench/data", help="folder for the written datasets")
    parser.add_argument("--yaml-up-to", default="10k", help="also write YAML up to this size")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if not args.write:
        ds = generate(parse_size(args.size))
        g = ds.project()
        print(
            f"{len(ds.entities)} actors, {len(ds.relations)} relations, "
            f"{g.number_of_edges()} tied pairs"
        )
        return
    for name in args.write.split(","):
        n = parse_size(name)
        files = write_dataset(
            n, Path(args.out) / name, yaml_too=n <= parse_size(args.yaml_up_to), seed=args.seed
        )
        sizes = ", ".join(f"{p} ({p.stat().st_size / 1e6:.1f} MB)" for p in files.values())
        print(f"{name}: {sizes}", file=sys.stderr)


if __name__ == "__main__":
    main()

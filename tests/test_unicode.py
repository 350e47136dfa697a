"""Text from every script loads, matches its quotes and keeps its identity."""

from __future__ import annotations

import unicodedata
from typing import Any

import relgraph

ARTICLE = (
    "El presidente Raisi (ابراهیم رئیسی) visitó La Habana 🇨🇺. "
    "Mahmoud Ahmadinejad (محمود احمدی‌نژاد) elogió a Cuba. "
    "حماس و حزب الله are named in Arabic script. "
    "Zero\u200bwidth and e\u0301 combining text.\n"
)

DATASET = """\
dataset:
  id: scripts
  title: Écrits — نص — 文字 ✍️
sources:
  - id: art
    title: Artículo
    reliability: C
    text: sources/art.txt
    sha256: {sha}
entities:
  - id: raisi
    name: Ebrahim Raisi
    kind: official
    aliases: [ابراهیم رئیسی, Ibrahim Raisi]
  - id: ahmadinejad
    name: محمود احمدی‌نژاد
    kind: official
    aliases: [Mahmoud Ahmadinejad]
  - id: cuba
    name: Cuba 🇨🇺
    kind: state
    aliases: [La Habana]
relations:
  - source: raisi
    target: cuba
    type: visit
    status: reported
    evidence:
      - quote: El presidente Raisi (ابراهیم رئیسی) visitó La Habana
        source: art
  - source: ahmadinejad
    target: cuba
    type: praise
    status: reported
    evidence:
      - quote: "{nfd_quote}"
        source: art
"""


def _make(make_dataset: Any) -> relgraph.Dataset:
    nfd = unicodedata.normalize("NFD", "Mahmoud Ahmadinejad (محمود احمدی‌نژاد) elogió a Cuba")
    return relgraph.load(make_dataset(DATASET.replace("{nfd_quote}", nfd), text=ARTICLE))


def test_persian_arabic_spanish_and_emoji_text_loads_unchanged(make_dataset: Any) -> None:
    ds = _make(make_dataset)
    assert ds.title == "Écrits — نص — 文字 ✍️"
    assert ds.entity("ahmadinejad").name == "محمود احمدی‌نژاد"
    # the zero-width non-joiner Persian spelling needs is kept, not stripped
    assert "\u200c" in ds.entity("ahmadinejad").name
    assert ds.entity("cuba").name == "Cuba 🇨🇺"
    assert ds.entity("raisi").aliases == ("ابراهیم رئیسی", "Ibrahim Raisi")


def test_a_quote_in_another_normalisation_form_is_found(make_dataset: Any) -> None:
    ds = _make(make_dataset)
    praise = next(r for r in ds.relations if r.type == "praise")
    found = ARTICLE[praise.evidence[0].start : praise.evidence[0].end]
    assert found == "Mahmoud Ahmadinejad (محمود احمدی‌نژاد) elogió a Cuba"
    assert praise.evidence[0].context.startswith("Mahmoud Ahmadinejad")


def test_a_right_to_left_quote_is_found_and_located(make_dataset: Any) -> None:
    ds = _make(make_dataset)
    visit = next(r for r in ds.relations if r.type == "visit")
    e = visit.evidence[0]
    assert ARTICLE[e.start : e.end] == "El presidente Raisi (ابراهیم رئیسی) visitó La Habana"


def test_the_graph_keeps_every_script(make_dataset: Any) -> None:
    g = _make(make_dataset).graph()
    assert g.nodes["ahmadinejad"]["name"] == "محمود احمدی‌نژاد"
    assert g.nodes["raisi"]["aliases"] == ["ابراهیم رئیسی", "Ibrahim Raisi"]


def test_an_actor_is_found_by_its_alias_in_another_script(make_dataset: Any) -> None:
    from relgraph.resolve import resolve_actor

    assert resolve_actor(_make(make_dataset), "ابراهیم رئیسی").id == "raisi"

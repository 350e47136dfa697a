"""Test data shared by the test modules: a small valid dataset and its source text."""

from __future__ import annotations

import hashlib

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

"""A corpus of malformed datasets, each with the exact message it must produce.

Every case starts from the small valid dataset in ``conftest.BASE_YAML`` and
breaks one thing. In the expected text ``{path}`` stands for the dataset file
and ``{dir}`` for its folder.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import relgraph
from relgraph.cli import main
from support import BASE_YAML


def _case(old, new):
    if old not in BASE_YAML:
        raise ValueError(f"not in the base dataset: {old!r}")
    return BASE_YAML.replace(old, new, 1)


EV = "    evidence:\n      - quote: Iran and Cuba signed an agreement in Havana in January 2006.\n        source: art\n"
REL_TAIL = "    status: reported\n" + EV
# a second source with the same stored text
COPY = "  - id: copy\n    title: A copy\n    reliability: F\n    text: sources/art.txt\n    sha256: {sha}\n"

# (id, yaml, text-override or None)
CASES = [
    ("yaml-syntax", _case("  title: Demo\n", "  title: Demo: bad\n")),
    ("yaml-syntax-indent", _case("    kind: group\n", "   kind: group\n")),
    ("yaml-unclosed-quote", _case("  title: Demo\n", '  title: "Demo\n')),
    ("duplicate-key", _case("    name: Cuba\n", "    name: Cuba\n    name: Kuba\n")),
    ("duplicate-entity-id", _case("  - id: hamas\n", "  - id: cuba\n")),
    ("unknown-entity", _case("    target: cuba\n", "    target: cubba\n")),
    ("unknown-source", _case("        source: art\n", "        source: artt\n")),
    ("unknown-kind", _case("    kind: group\n", "    kind: militia\n")),
    ("unknown-relation-type", _case("    type: agreement\n", "    type: agrement\n")),
    (
        "endpoint-kinds",
        _case(
            "    target: cuba\n    type: agreement\n", "    target: cuba\n    type: holds_office\n"
        ),
    ),
    ("malformed-date", _case("    date: 2006-01\n", "    date: January 2006\n")),
    ("impossible-date", _case("    date: 2006-01\n", "    date: 2023-02-30\n")),
    ("month-13", _case("    date: 2006-01\n", "    date: 2006-13\n")),
    ("start-after-end", _case("    date: 2006-01\n", "    start: 2007\n    end: 2006-05\n")),
    ("date-and-range", _case("    date: 2006-01\n", "    date: 2006-01\n    start: 2006\n")),
    ("no-evidence", _case(EV, "")),
    ("empty-evidence", _case(EV, "    evidence: []\n")),
    (
        "quote-not-found",
        _case(
            "      - quote: Iran and Cuba signed an agreement in Havana in January 2006.\n",
            "      - quote: Iran and Cuba signed a treaty in Havana in January 2006.\n",
        ),
    ),
    (
        "quote-wrong-case",
        _case(
            "      - quote: Iran and Cuba signed an agreement in Havana in January 2006.\n",
            "      - quote: iran and cuba signed an agreement\n",
        ),
    ),
    (
        "missing-source-text",
        _case("    text: sources/art.txt\n", "    text: sources/missing.txt\n"),
    ),
    ("sha256-mismatch", _case("    sha256: {sha}\n", "    sha256: " + "0" * 64 + "\n")),
    ("unknown-field", _case("        source: art\n", "        source: art\n        qoute: x\n")),
    ("missing-name", _case("    name: Hamas\n", "")),
    ("bad-id", _case("  - id: hamas\n", "  - id: Hamas Movement\n")),
    ("boolean-name", _case("    name: Hamas\n", "    name: no\n")),
    ("number-name", _case("    name: Hamas\n", "    name: 1984\n")),
    ("float-name", _case("    name: Hamas\n", "    name: 3.14\n")),
    ("on-name", _case("    name: Hamas\n", "    name: on\n")),
    ("list-name", _case("    name: Hamas\n", "    name: [Hamas]\n")),
    ("unknown-status", _case("    status: reported\n", "    status: rumoured\n")),
    ("bad-reliability", _case("    reliability: F\n", "    reliability: G\n")),
    (
        "credibility-range",
        _case("        source: art\n", "        source: art\n        credibility: 9\n"),
    ),
    (
        "credibility-type",
        _case("        source: art\n", "        source: art\n        credibility: high\n"),
    ),
    ("file-is-list", "- id: iran\n- id: cuba\n"),
    ("file-is-scalar", "just some text\n"),
    ("empty-file", ""),
    (
        "yaml-alias",
        _case(
            "  - id: hamas\n    name: Hamas\n",
            "  - id: hamas\n    name: &n Hamas\n    aliases: [*n]\n",
        ),
    ),
    (
        "python-tag",
        _case("    name: Hamas\n", "    name: !!python/object/apply:os.system [echo hi]\n"),
    ),
    ("unsafe-path-parent", _case("    text: sources/art.txt\n", "    text: ../art.txt\n")),
    ("unsafe-path-absolute", _case("    text: sources/art.txt\n", "    text: /etc/passwd\n")),
    (
        "bad-url",
        _case("    reliability: F\n", "    reliability: F\n    url: javascript:alert(1)\n"),
    ),
    (
        "self-relation",
        _case("    target: cuba\n    type: agreement\n", "    target: iran\n    type: agreement\n"),
    ),
    ("unknown-section", _case("entities:\n", "entites:\n")),
    ("missing-dataset", _case("dataset:\n  id: demo\n  title: Demo\n", "")),
    (
        "duplicate-relation-id",
        BASE_YAML
        + "  - source: iran\n    target: cuba\n    type: agreement\n    date: 2006-01\n"
        + REL_TAIL,
    ),
    (
        "case-id",
        _case(
            "  - id: hamas\n    name: Hamas\n",
            "  - id: hamas\n    name: Hamas\n    kind: group\n  - id: HAMAS\n    name: Hamas2\n",
        ),
    ),
    ("unknown-sign", _case("    status: reported\n", "    status: reported\n    sign: friendly\n")),
    ("missing-title", _case("  title: Demo\n", "")),
    ("evidence-not-mapping", _case(EV, "    evidence:\n      - just a string\n")),
    ("relations-not-list", _case("relations:\n", "relations: {}\nx:\n")),
    (
        "vocab-bad-category",
        "vocabulary:\n  relation_types:\n    - id: funds\n      category: money\n      label: funds\n      inverse_label: is funded by\n      directed: true\n      sign: cooperative\n      source_kinds: '*'\n      target_kinds: '*'\n"
        + BASE_YAML,
    ),
    (
        "vocab-redefine",
        "vocabulary:\n  entity_kinds:\n    - id: state\n      label: State\n      color: '#000000'\n      shape: dot\n"
        + BASE_YAML,
    ),
    ("directory-as-source-text", _case("    text: sources/art.txt\n", "    text: sources\n")),
    ("sha256-digits", _case("    sha256: {sha}\n", "    sha256: " + "0" * 64 + "\n")),
    (
        "deep-nesting",
        _case("  title: Demo\n", "  title: Demo\n  notes: " + "[" * 80 + "]" * 80 + "\n"),
    ),
    (
        "allegation-as-fact",
        BASE_YAML
        + "  - source: cuba\n    target: hamas\n    type: intelligence_sharing\n    status: reported\n    evidence:\n      - quote: Cuba provides intelligence to Hamas\n        source: art\n",
    ),
    (
        "alias-bomb",
        'lol: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
        + "".join(
            f"l{i}: &l{i} [{', '.join([f'*{p}'] * 9)}]\n"
            for i, p in enumerate(["a"] + [f"l{k}" for k in range(8)])
        )
        + BASE_YAML,
    ),
    (
        "deep-nesting-100k",
        _case("  title: Demo\n", "  title: Demo\n  notes: " + "[" * 100_000 + "]" * 100_000 + "\n"),
    ),
    ("two-documents", BASE_YAML + "---\nentities: []\n"),
    ("dataset-not-mapping", _case("dataset:\n  id: demo\n  title: Demo\n", "dataset: Demo\n")),
    ("control-character-escaped", _case("  title: Demo\n", '  title: "De\\x07mo"\n')),
    ("control-character-raw", _case("  title: Demo\n", "  title: De\x07mo\n")),
    ("bidi-control", _case("    name: Hamas\n", "    name: Ha\u202emas\n")),
    (
        "quote-too-long",
        _case(
            "      - quote: Iran and Cuba signed an agreement in Havana in January 2006.\n",
            "      - quote: " + "Iran and Cuba " * 400 + "\n",
        ),
    ),
    (
        "credibility-superscript",
        _case("        source: art\n", '        source: art\n        credibility: "²"\n'),
    ),
    (
        "credibility-hex",
        _case("        source: art\n", "        source: art\n        credibility: 0x3\n"),
    ),
    # the evidence model: where sources come from, stance, amounts, report dates, modality
    (
        "unknown-derived-from",
        _case("    sha256: {sha}\n", "    sha256: {sha}\n    derived_from: [artt]\n"),
    ),
    (
        "derivation-cycle",
        _case(
            "    sha256: {sha}\n",
            "    sha256: {sha}\n    derived_from: copy\n" + COPY + "    derived_from: [art]\n",
        ),
    ),
    (
        "derived-from-itself",
        _case("    sha256: {sha}\n", "    sha256: {sha}\n    derived_from: art\n"),
    ),
    (
        "derived-from-not-an-id",
        _case("    sha256: {sha}\n", "    sha256: {sha}\n    derived_from: [An article]\n"),
    ),
    (
        "unknown-origin",
        _case("    sha256: {sha}\n", "    sha256: {sha}\n    origin: agencia-efe\n"),
    ),
    (
        "origin-is-a-source",
        _case("    sha256: {sha}\n", "    sha256: {sha}\n" + COPY + "    origin: art\n"),
    ),
    (
        "unknown-affiliation",
        _case("    sha256: {sha}\n", "    sha256: {sha}\n    affiliation: [cubaa]\n"),
    ),
    (
        "unknown-evidence-origin",
        _case("        source: art\n", "        source: art\n        origin: arts\n"),
    ),
    (
        "unknown-stance",
        _case("        source: art\n", "        source: art\n        stance: denies\n"),
    ),
    (
        "amount-not-a-number",
        _case(
            "        source: art\n",
            "        source: art\n        amount: {value: nineteen, unit: agreement}\n",
        ),
    ),
    (
        "amount-not-a-mapping",
        _case("        source: art\n", "        source: art\n        amount: 19\n"),
    ),
    (
        "amount-without-number",
        _case(
            "        source: art\n",
            "        source: art\n        amount: {unit: agreement, note: many}\n",
        ),
    ),
    (
        "amount-value-and-range",
        _case(
            "        source: art\n",
            "        source: art\n        amount: {value: 19, min: 20, unit: agreement}\n",
        ),
    ),
    (
        "amount-range-reversed",
        _case(
            "        source: art\n",
            "        source: art\n        amount: [{min: 30, max: 20, unit: agreement}]\n",
        ),
    ),
    (
        "amount-without-unit",
        _case("        source: art\n", "        source: art\n        amount: {value: 19}\n"),
    ),
    (
        "amount-bad-currency",
        _case(
            "        source: art\n",
            "        source: art\n        amount: {value: 5, currency: usd}\n",
        ),
    ),
    (
        "amount-unknown-field",
        _case(
            "        source: art\n",
            "        source: art\n        amount: {value: 5, units: agreement}\n",
        ),
    ),
    (
        "reported-after-retrieval",
        _case("    sha256: {sha}\n", "    sha256: {sha}\n    retrieved: 2023-06\n").replace(
            "        source: art\n", "        source: art\n        reported: 2023-07-01\n"
        ),
    ),
    (
        "evidence-bad-date",
        _case("        source: art\n", "        source: art\n        date: June 2023\n"),
    ),
    (
        "unknown-modality",
        _case("    status: reported\n", "    status: reported\n    modality: rumoured\n"),
    ),
    (
        "bad-reported",
        _case("    status: reported\n", "    status: reported\n    reported: 16 June 2023\n"),
    ),
]


EXPECTED: dict[str, str] = {
    "yaml-syntax": (
        "{path}:3:14: error[yaml-syntax] YAML syntax error: mapping values are not allowed in this context\n"
        "  hint: check the indentation and quoting near this place"
    ),
    "yaml-syntax-indent": (
        "{path}:19:4: error[yaml-syntax] YAML syntax error: while parsing a block collection, did not find expected '-' indicator\n"
        "  hint: check the indentation and quoting near this place"
    ),
    "yaml-unclosed-quote": (
        "{path}:29:1: error[yaml-syntax] YAML syntax error: while scanning a quoted scalar, found unexpected end of stream\n"
        "  hint: check the indentation and quoting near this place"
    ),
    "duplicate-key": (
        "{path}:16:5: error[duplicate-key] the key 'name' appears twice in this mapping (first at line 15)\n"
        "  hint: keep one of them; YAML would silently drop the other"
    ),
    "duplicate-entity-id": (
        "{path}:17:9: error[duplicate-id] the entity id 'cuba' is already used at {path}:14\n"
        "  hint: give each one a different id"
    ),
    "unknown-entity": (
        "{path}:22:13: error[unknown-entity] 'cubba' is not an entity of the dataset\n"
        "  hint: did you mean 'cuba'? entities are listed under 'entities:'"
    ),
    "unknown-source": (
        "{path}:28:17: error[unknown-source] 'artt' is not a source of the dataset\n"
        "  hint: did you mean 'art'? sources are listed under 'sources:'"
    ),
    "unknown-kind": (
        "{path}:19:11: error[unknown-kind] 'militia' is not an entity kind\n"
        "  hint: `relgraph vocab` lists the kinds"
    ),
    "unknown-relation-type": (
        "{path}:23:11: error[unknown-type] 'agrement' is not a relation type\n"
        "  hint: did you mean 'agreement'? `relgraph vocab` lists them"
    ),
    "endpoint-kinds": (
        "{path}:23:11: error[endpoint-kinds] 'holds_office' cannot join a state ('iran') to a state ('cuba')\n"
        "  hint: 'holds_office' goes from official to state, organization; check the direction or choose another type"
    ),
    "malformed-date": (
        "{path}:24:11: error[bad-date] 'January 2006' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD\n"
        "  hint: write a date as YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source is"
    ),
    "impossible-date": (
        "{path}:24:11: error[bad-date] '2023-02-30' is not a day of the calendar\n"
        "  hint: write a date as YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source is"
    ),
    "month-13": (
        "{path}:24:11: error[bad-date] '2006-13' has month 13; months run from 01 to 12\n"
        "  hint: write a date as YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source is"
    ),
    "start-after-end": (
        "{path}:25:10: error[end-before-start] the end 2006-05 is before the start 2007\n"
        "  hint: swap them, or check the source's dates"
    ),
    "date-and-range": (
        "{path}:24:11: error[date-and-range] a relation has either 'date' or 'start'/'end', not both\n"
        "  hint: use date: for a single event, start:/end: for a period"
    ),
    "no-evidence": (
        "{path}:21:5: error[no-evidence] this relation has no evidence\n"
        "  hint: add 'evidence:' with at least one verbatim quote and its source"
    ),
    "empty-evidence": (
        "{path}:26:15: error[no-evidence] this relation has no evidence\n"
        "  hint: add 'evidence:' with at least one verbatim quote and its source"
    ),
    "quote-not-found": (
        "{path}:27:16: error[quote-not-found] the quote is not in the text of source 'art'\n"
        '  hint: the closest passage is: "Iran and Cuba signed an agreement in Havana in January 2006"'
    ),
    "quote-wrong-case": (
        "{path}:27:16: error[quote-not-found] the quote is not in the text of source 'art'\n"
        '  hint: the closest passage is: "Iran and Cuba signed an agreement"'
    ),
    "missing-source-text": (
        "{path}:8:11: error[missing-source-text] the source text 'sources/missing.txt' does not exist\n"
        "  hint: store the source's text at {dir}/sources/missing.txt"
    ),
    "sha256-mismatch": (
        "{path}:9:13: error[sha256-mismatch] the sha256 does not match the text in 'sources/art.txt'\n"
        "  hint: if the text was changed on purpose, write sha256: fb28a6706d71e7fbf59fe06cdf1f409f5d5be22b1186a0434b4e3ec40d5cb1cd"
    ),
    "unknown-field": (
        "{path}:29:9: error[unknown-field] 'qoute' is not a field of an evidence item\n"
        "  hint: did you mean 'quote'? an evidence item has: quote, source, attributed_to, credibility, notes, stance, amount, date, reported, origin"
    ),
    "missing-name": (
        "{path}:17:5: error[missing-field] this entity has no 'name'\n"
        "  hint: add 'name: <the name as the source gives it>'"
    ),
    "bad-id": (
        "{path}:17:9: error[bad-id] 'Hamas Movement' is not a valid id (lower-case letters, digits, '-', '_', '.')\n"
        "  hint: use a slug such as 'hamas-movement'"
    ),
    "boolean-name": (
        "{path}:18:11: error[wrong-type] 'name' of an entity must be text, not a yes/no value (no)\n"
        '  hint: write name: "…" in quotes to keep it as text'
    ),
    "number-name": (
        "{path}:18:11: error[wrong-type] 'name' of an entity must be text, not a number (1984)\n"
        '  hint: write name: "…" in quotes to keep it as text'
    ),
    "float-name": (
        "{path}:18:11: error[wrong-type] 'name' of an entity must be text, not a number (3.14)\n"
        '  hint: write name: "…" in quotes to keep it as text'
    ),
    "on-name": (
        "{path}:18:11: error[wrong-type] 'name' of an entity must be text, not a yes/no value (on)\n"
        '  hint: write name: "…" in quotes to keep it as text'
    ),
    "list-name": (
        "{path}:18:11: error[wrong-type] 'name' of an entity must be text, not a list\n"
        "  hint: write name: followed by plain text"
    ),
    "unknown-status": (
        "{path}:25:13: error[unknown-status] 'rumoured' is not a status\n"
        "  hint: choose one of: confirmed, reported, alleged, disputed, denied"
    ),
    "bad-reliability": (
        "{path}:7:18: error[unknown-reliability] 'G' is not a reliability grade\n"
        "  hint: grades run from A (completely reliable) to E (unreliable); F means cannot be judged"
    ),
    "credibility-range": (
        "{path}:29:22: error[bad-credibility] credibility 9 is out of range\n"
        "  hint: write a number from 1 to 6"
    ),
    "credibility-type": (
        "{path}:29:22: error[wrong-type] 'credibility' of an evidence item must be a whole number from 1 to 6, not text\n"
        "  hint: write a number from 1 to 6"
    ),
    "file-is-list": (
        "{path}:1:1: error[not-a-mapping] a dataset file must be a mapping of sections, not a list\n"
        "  hint: start the file with sections such as 'dataset:' and 'entities:'"
    ),
    "file-is-scalar": (
        "{path}:1:1: error[not-a-mapping] a dataset file must be a mapping of sections, not a single value\n"
        "  hint: start the file with sections such as 'dataset:' and 'entities:'"
    ),
    "empty-file": (
        "{path}: error[empty-file] the file is empty\n"
        "  hint: give it a 'dataset:' section and some entities"
    ),
    "yaml-alias": (
        "{path}:19:15: error[yaml-alias] anchors and aliases (&name, *name) are not allowed\n"
        "  hint: write the value out in full"
    ),
    "python-tag": (
        "{path}:18:11: error[yaml-tag] the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed\n"
        "  hint: remove the tag; datasets hold plain text, numbers, lists and mappings"
    ),
    "unsafe-path-parent": (
        "{path}:8:11: error[unsafe-path] the source text path '../art.txt' leaves the dataset's folder\n"
        "  hint: keep source texts in a folder beside the dataset, e.g. sources/article.txt"
    ),
    "unsafe-path-absolute": (
        "{path}:8:11: error[unsafe-path] the source text path '/etc/passwd' leaves the dataset's folder\n"
        "  hint: keep source texts in a folder beside the dataset, e.g. sources/article.txt"
    ),
    "bad-url": (
        "{path}:8:10: error[bad-url] 'javascript:alert(1)' is not an http or https address\n"
        "  hint: give the address the source was read at, starting https://"
    ),
    "self-relation": (
        "{path}:22:13: error[self-relation] the relation joins 'iran' to itself\n"
        "  hint: say something about a single actor as a claim instead"
    ),
    "unknown-section": (
        "{path}:10:1: error[unknown-section] 'entites' is not a dataset section\n"
        "  hint: did you mean 'entities'? sections are: dataset, vocabulary, sources, entities, relations, claims, views\n"
        "{path}:21:13: error[unknown-entity] 'iran' is not an entity of the dataset\n"
        "  hint: entities are listed under 'entities:'\n"
        "{path}:22:13: error[unknown-entity] 'cuba' is not an entity of the dataset\n"
        "  hint: entities are listed under 'entities:'"
    ),
    "missing-dataset": (
        "{path}:1:1: error[missing-dataset] no file of the dataset has a 'dataset:' section\n"
        "  hint: add 'dataset:' with an id and a title at the top of the main file"
    ),
    "duplicate-relation-id": (
        "{path}:29:5: error[duplicate-id] the relation id 'cuba.agreement.iran.2006-01' is already used at {path}:21:5\n"
        "  hint: give one of them an explicit, different 'id:'"
    ),
    "case-id": (
        "{path}:20:9: error[bad-id] 'HAMAS' is not a valid id (lower-case letters, digits, '-', '_', '.')\n"
        "  hint: use a slug such as 'hamas'"
    ),
    "unknown-sign": (
        "{path}:26:11: error[unknown-sign] 'friendly' is not a sign\n"
        "  hint: choose one of: cooperative, hostile, neutral"
    ),
    "missing-title": (
        "{path}:2:3: error[missing-field] this dataset has no 'title'\n"
        "  hint: add 'title: <what the dataset maps>'"
    ),
    "evidence-not-mapping": (
        "{path}:27:9: error[wrong-type] each evidence item must be a mapping\n"
        "  hint: write '- quote: \"…\"' with 'source:' below it"
    ),
    "relations-not-list": (
        "{path}:20:12: error[wrong-type] 'relations' must be a list\n"
        "  hint: write each of the relations as a '- id: …' item\n"
        "{path}:21:1: error[unknown-section] 'x' is not a dataset section\n"
        "  hint: sections are: dataset, vocabulary, sources, entities, relations, claims, views"
    ),
    "vocab-bad-category": (
        "{path}:4:17: error[unknown-category] 'money' is not a category\n"
        "  hint: `relgraph vocab` lists the categories"
    ),
    "vocab-redefine": (
        "{path}:3:11: error[duplicate-id] the entity kind 'state' is defined twice\n"
        "  hint: give each one a different id"
    ),
    "directory-as-source-text": (
        "{path}:8:11: error[not-a-file] the source text 'sources': is a directory, not a file\n"
        "  hint: name a file here"
    ),
    "sha256-digits": (
        "{path}:9:13: error[sha256-mismatch] the sha256 does not match the text in 'sources/art.txt'\n"
        "  hint: if the text was changed on purpose, write sha256: fb28a6706d71e7fbf59fe06cdf1f409f5d5be22b1186a0434b4e3ec40d5cb1cd"
    ),
    "deep-nesting": (
        "{path}:4:72: error[too-deep] nesting is deeper than 64 levels\n"
        "  hint: a dataset needs only a few levels; check the brackets and the indentation"
    ),
    "allegation-as-fact": (
        "{path}:34:16: warning[allegation-as-fact] the source frames this as an allegation, but the status is 'reported'\n"
        "  hint: if the source only alleges it, write status: alleged"
    ),
    "alias-bomb": (
        "{path}:1:1: error[unknown-section] 'lol' is not a dataset section\n"
        "  hint: sections are: dataset, vocabulary, sources, entities, relations, claims, views\n"
        "{path}:2:1: error[unknown-section] 'l0' is not a dataset section\n"
        "  hint: sections are: dataset, vocabulary, sources, entities, relations, claims, views\n"
        "{path}:2:10: error[yaml-alias] anchors and aliases (&name, *name) are not allowed\n"
        "  hint: write the value out in full\n"
        "{path}:3:1: error[unknown-section] 'l1' is not a dataset section\n"
        "  hint: sections are: dataset, vocabulary, sources, entities, relations, claims, views\n"
        "{path}:4:1: error[unknown-section] 'l2' is not a dataset section\n"
        "  hint: sections are: dataset, vocabulary, sources, entities, relations, claims, views\n"
        "{path}:5:1: error[unknown-section] 'l3' is not a dataset section\n"
        "  hint: sections are: dataset, vocabulary, sources, entities, relations, claims, views\n"
        "{path}:6:1: error[unknown-section] 'l4' is not a dataset section\n"
        "  hint: sections are: dataset, vocabulary, sources, entities, relations, claims, views\n"
        "{path}:7:1: error[unknown-section] 'l5' is not a dataset section\n"
        "  hint: sections are: dataset, vocabulary, sources, entities, relations, claims, views\n"
        "{path}:8:1: error[unknown-section] 'l6' is not a dataset section\n"
        "  hint: sections are: dataset, vocabulary, sources, entities, relations, claims, views\n"
        "{path}:9:1: error[unknown-section] 'l7' is not a dataset section\n"
        "  hint: sections are: dataset, vocabulary, sources, entities, relations, claims, views\n"
        "{path}:10:1: error[unknown-section] 'l8' is not a dataset section\n"
        "  hint: sections are: dataset, vocabulary, sources, entities, relations, claims, views"
    ),
    "deep-nesting-100k": (
        "{path}:4:72: error[too-deep] nesting is deeper than 64 levels\n"
        "  hint: a dataset needs only a few levels; check the brackets and the indentation"
    ),
    "two-documents": (
        "{path}:29:1: error[yaml-syntax] YAML syntax error: the file holds more than one document\n"
        "  hint: remove the '---' line: a dataset file is one document"
    ),
    "dataset-not-mapping": (
        "{path}:1:10: error[wrong-type] 'dataset' must be a mapping\n"
        "  hint: give it 'id:', 'title:' and 'description:'"
    ),
    "control-character-escaped": (
        "{path}:3:10: error[control-character] 'title' contains the control character U+0007\n"
        "  hint: remove it: it is invisible and can hide or change what a reader sees"
    ),
    "control-character-raw": (
        "{path}:3:12: error[control-character] the file contains the control character U+0007\n"
        "  hint: remove it: it is invisible and can hide or change what a reader sees"
    ),
    "bidi-control": (
        "{path}:18:11: warning[bidi-control] 'name' contains the bidirectional control U+202E\n"
        "  hint: it can make text display in another order than it is stored; remove it unless the name needs it"
    ),
    "quote-too-long": (
        "{path}:27:16: error[quote-too-long] the quote is 5599 characters long; relgraph takes at most 5000\n"
        "  hint: quote only the passage that supports this relation or claim"
    ),
    "credibility-superscript": (
        "{path}:29:22: error[wrong-type] 'credibility' of an evidence item must be a whole number from 1 to 6, not text\n"
        "  hint: write a number from 1 to 6"
    ),
    "credibility-hex": (
        "{path}:29:22: error[wrong-type] 'credibility' of an evidence item must be a whole number from 1 to 6, not '0x3'\n"
        "  hint: write a number from 1 to 6"
    ),
    "unknown-derived-from": (
        "{path}:10:20: error[unknown-source] 'artt' is not a source of the dataset\n"
        "  hint: did you mean 'art'? sources are listed under 'sources:'"
    ),
    "derivation-cycle": (
        "{path}:10:19: error[derivation-cycle] the sources are derived from one another in a cycle: 'art' → 'copy' → 'art'\n"
        "  hint: derived_from names the stored sources a source copies, translates or rewrites; one of them must be the original"
    ),
    "derived-from-itself": (
        "{path}:10:19: error[derivation-cycle] source 'art' is derived from itself\n"
        "  hint: derived_from names the stored sources a source copies, translates or rewrites; one of them must be the original"
    ),
    "derived-from-not-an-id": (
        "{path}:10:20: error[bad-id] 'An article' in 'derived_from' is not a source id\n"
        "  hint: write the id of a source of the dataset (under 'sources:')"
    ),
    "unknown-origin": (
        "{path}:10:13: error[unknown-origin] 'agencia-efe' is not an entity of the dataset\n"
        "  hint: an origin is the id of an entity: add 'agencia-efe' under 'entities:', or write the origin as text, such as 'Cuban foreign ministry statement'"
    ),
    "origin-is-a-source": (
        "{path}:15:13: error[unknown-origin] 'art' is a source, not an entity: an origin is an entity or text\n"
        "  hint: if this source copies, translates or rewrites 'art', write derived_from: art"
    ),
    "unknown-affiliation": (
        "{path}:10:19: error[unknown-affiliation] 'cubaa' is not an entity of the dataset\n"
        "  hint: did you mean 'cuba'? an affiliation is the id of an entity listed under 'entities:'"
    ),
    "unknown-evidence-origin": (
        "{path}:29:17: error[unknown-origin] 'arts' is not a source or an entity of the dataset\n"
        "  hint: did you mean 'art'? an origin is the id of a source or an entity: add 'arts' under 'entities:', or write the origin as text, such as 'Cuban foreign ministry statement'"
    ),
    "unknown-stance": (
        "{path}:29:17: error[unknown-stance] 'denies' is not a stance\n"
        "  hint: choose one of: supports, contradicts, qualifies"
    ),
    "amount-not-a-number": (
        "{path}:29:25: error[bad-amount] the amount's 'value' must be a number, not text ('nineteen')\n"
        "  hint: write a number: value: 19 (exact), approx: 20 (about), or min:/max: for a range"
    ),
    "amount-not-a-mapping": (
        "{path}:29:17: error[bad-amount] an amount must be a mapping, not a number (19)\n"
        "  hint: write amount: {value: 19, unit: agreement}"
    ),
    "amount-without-number": (
        "{path}:29:17: error[bad-amount] the amount gives no number\n"
        "  hint: write a number: value: 19 (exact), approx: 20 (about), or min:/max: for a range"
    ),
    "amount-value-and-range": (
        "{path}:29:29: error[bad-amount] an amount has one of 'value', 'approx' or a range 'min'/'max', not both 'value' and 'min'/'max'\n"
        "  hint: keep the one the source gives: value for an exact number, approx for 'about', min/max for 'over' or 'up to'"
    ),
    "amount-range-reversed": (
        "{path}:29:33: error[bad-amount] the amount's max 20 is below its min 30\n"
        "  hint: swap them, or check the source's numbers"
    ),
    "amount-without-unit": (
        "{path}:29:17: error[bad-amount] the amount says neither what is counted ('unit') nor a 'currency'\n"
        "  hint: add unit: the thing counted (agreement, person), or currency: USD for money"
    ),
    "amount-bad-currency": (
        "{path}:29:38: error[bad-currency] 'usd' is not an ISO 4217 currency code\n"
        "  hint: write the code in three capital letters, e.g. USD, EUR or CUP"
    ),
    "amount-unknown-field": (
        "{path}:29:17: error[bad-amount] the amount says neither what is counted ('unit') nor a 'currency'\n"
        "  hint: add unit: the thing counted (agreement, person), or currency: USD for money\n"
        "{path}:29:28: error[unknown-field] 'units' is not a field of an amount\n"
        "  hint: did you mean 'unit'? an amount has: value, approx, min, max, unit, currency, note"
    ),
    "reported-after-retrieval": (
        "{path}:30:19: error[reported-after-retrieval] the item is reported on 2023-07-01, after its source 'art' was retrieved (2023-06)\n"
        "  hint: a source cannot report anything after it was read; check 'reported' and the source's 'retrieved'"
    ),
    "evidence-bad-date": (
        "{path}:29:15: error[bad-date] 'June 2023' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD\n"
        "  hint: write a date as YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source is"
    ),
    "unknown-modality": (
        "{path}:26:15: error[unknown-modality] 'rumoured' is not a modality\n"
        "  hint: did you mean 'occurred'? choose one of: occurred, announced, planned"
    ),
    "bad-reported": (
        "{path}:26:15: error[bad-date] '16 June 2023' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD\n"
        "  hint: write a date as YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source is"
    ),
}


@pytest.mark.parametrize(("name", "yaml"), CASES, ids=[c[0] for c in CASES])
def test_each_malformed_dataset_gets_its_exact_message(
    name: str, yaml: str, make_dataset: Any
) -> None:
    path = make_dataset(yaml)
    got = "\n".join(str(d) for d in relgraph.validate(path))
    got = got.replace(str(path), "{path}").replace(str(path.parent), "{dir}")
    if name == "deep-nesting-100k":
        # newer libyaml stops at its own depth limit while reading ahead, so the column
        # where the problem is noticed depends on its version; the message does not
        got = re.sub(r"^\{path\}:4:\d+:", "{path}:4:72:", got)
    assert got == EXPECTED[name]


def test_the_corpus_covers_at_least_thirty_checks() -> None:
    codes = {
        line.split("[", 1)[1].split("]", 1)[0]
        for text in EXPECTED.values()
        for line in text.splitlines()
        if "[" in line and not line.startswith("  hint")
    }
    assert len(CASES) >= 30
    assert len(codes) >= 30


@pytest.mark.parametrize(("name", "yaml"), CASES, ids=[c[0] for c in CASES])
def test_the_cli_reports_problems_without_a_traceback(
    name: str, yaml: str, make_dataset: Any, capfd: pytest.CaptureFixture[str]
) -> None:
    path = make_dataset(yaml)
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", str(path)])
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err
    errors = [line for line in EXPECTED[name].splitlines() if "] " in line and "error[" in line]
    assert exit_info.value.code == (1 if errors else 0)
    for line in errors:
        line = line.replace("{path}", str(path)).replace("{dir}", str(path.parent))
        if name == "deep-nesting-100k":
            line = line.split(":4:72:", 1)[1]  # the column depends on libyaml's version
        assert line in err


ENCODING_CASES = [
    (
        "utf-16",
        "dataset: {id: x, title: X}\n".encode("utf-16"),
        "{path}:1:1: error[encoding] the file is UTF-16; relgraph reads UTF-8\n"
        "  hint: save the file as UTF-8",
    ),
    (
        "latin-1",
        "dataset: {id: x, title: Caf\u00e9}\n".encode("latin-1"),
        "{path}:1:28: error[encoding] the file is not valid UTF-8 (byte 0xe9)\n"
        "  hint: save the file as UTF-8",
    ),
    (
        "nul-byte",
        b"dataset: {id: x,\n title: X\x00}\n",
        "{path}:2:10: error[nul-byte] the file contains a NUL byte\n"
        "  hint: this is not a text file; save it as UTF-8 text",
    ),
]


@pytest.mark.parametrize(
    ("name", "data", "expected"), ENCODING_CASES, ids=[c[0] for c in ENCODING_CASES]
)
def test_wrong_encodings_are_named(name: str, data: bytes, expected: str, tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_bytes(data)
    got = "\n".join(str(d) for d in relgraph.validate(path)).replace(str(path), "{path}")
    assert got == expected


def test_a_utf8_byte_order_mark_is_accepted(make_dataset: Any) -> None:
    path = make_dataset()
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert relgraph.validate(path) == []


def test_every_problem_is_reported_at_once_sorted_by_line(make_dataset: Any) -> None:
    yaml = (
        BASE_YAML.replace("    kind: group\n", "    kind: militia\n")
        .replace("    type: agreement\n", "    type: agrement\n")
        .replace("    reliability: F\n", "    reliability: G\n")
    )
    lines = [d.line for d in relgraph.validate(make_dataset(yaml))]
    assert len(lines) == 3
    assert lines == sorted(lines)


def test_a_missing_dataset_path_is_a_data_problem(capfd: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", "no/such/file.yaml"])
    _, err = capfd.readouterr()
    assert exit_info.value.code == 1
    assert err == (
        "no/such/file.yaml: error[missing-file] no such file or folder\n"
        "  hint: check the path; `relgraph validate graph_data/cuba_iran.yaml` checks the "
        "bundled dataset\n"
        "relgraph: no/such/file.yaml: 1 error\n"
    )


def test_json_format_gives_the_same_problems_as_records(
    make_dataset: Any, capfd: pytest.CaptureFixture[str]
) -> None:
    import json

    path = make_dataset(BASE_YAML.replace("    kind: group\n", "    kind: militia\n"))
    with pytest.raises(SystemExit):
        main(["validate", str(path), "--format", "json"])
    out, _ = capfd.readouterr()
    records = json.loads(out)
    assert records == [
        {
            "path": str(path),
            "line": 19,
            "column": 11,
            "code": "unknown-kind",
            "message": "'militia' is not an entity kind",
            "hint": "`relgraph vocab` lists the kinds",
            "severity": "error",
        }
    ]


def test_an_unknown_option_is_a_usage_error(capfd: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", "--colour"])
    _, err = capfd.readouterr()
    assert exit_info.value.code == 2
    assert "Error: No such option '--colour'." in err
    assert "Traceback" not in err

"""The one YAML writer: records written in a dataset file's layout, as ruamel.yaml writes them.

``relgraph.yamledit`` splices records into an analyst's file; it used to have
them written by ruamel.yaml's emitter. :func:`emit_records` writes them
instead, and these tests keep that emitter as the oracle: the same bytes for
any record, folded long texts, escapes and partial dates included.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relgraph.yamlwriter import emit_records

_WORDS = {"y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"}
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9._/-]*")
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_QUOTED_DATE = re.compile(
    r"^(\s*(?:- )?(?:date|start|end|reported|published|retrieved): )'(\d{4}(?:-\d{2}){0,2})'$",
    re.MULTILINE,
)


def ruamel_records(records: Sequence[Mapping[str, Any]], dash: int, key: int) -> str:
    """The records as ruamel.yaml's emitter writes them, set up as relgraph set it up."""
    from ruamel.yaml import YAML

    def scalar(dumper: Any, value: str) -> Any:
        plain = (_PLAIN.fullmatch(value) and value.lower() not in _WORDS) or _DATE.fullmatch(value)
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=None if plain else '"')

    writer = YAML(typ="rt")
    writer.width = 4096
    writer.indent(mapping=2, sequence=key, offset=dash)
    writer.representer.add_representer(str, scalar)
    out = io.StringIO()
    writer.dump([dict(r) for r in records], out)
    return _QUOTED_DATE.sub(r"\1\2", out.getvalue())


LONG = " ".join(f"word{i}" for i in range(900))
LAYOUTS = [(2, 4), (0, 2), (4, 6), (2, 6)]


@pytest.mark.parametrize(("dash", "key"), LAYOUTS)
def test_records_as_ruamel_wrote_them(dash: int, key: int) -> None:
    records = [
        {
            "id": "a",
            "title": "2023",
            "published": "2023-06-16",
            "date": "2023",
            "month": "2006-01",
            "notes": LONG,
            "aliases": ["2023", "a b", True, 3, None, {}, LONG, 1e20, 1.5e-7, "yes", "a/b"],
            "evidence": [{"quote": LONG, "source": "s", "amount": {"value": 1.5, "note": LONG}}],
            "empty": [],
            "mapping": {},
            "none": None,
            "odd": 'tab\there "q" \\ \x07\x85\xa0\u2028\ufeff\U0001f600 é',
        },
        {"id": "b", "text": "  lead and trail  ", "url": "https://example.org/a?b=c"},
    ]
    assert emit_records(records, dash, key) == ruamel_records(records, dash, key)


_TEXT = st.one_of(
    st.sampled_from(["", " ", "a", "yes", "Null", "~", "2023", "2023-06", "2023-13-45", "x: y"]),
    st.text(
        st.sampled_from(list("ab AZ09-_./:#'\"\\\n\t\x07\x85\xa0\u2028\ufeff,[]{}&*!|>%@`")),
        max_size=12,
    ),
    st.builds(
        lambda w, n, sep: sep.join([w] * n),
        st.sampled_from(["word", "a'b", 'q"', "x  y"]),
        st.integers(700, 1300),
        st.sampled_from([" ", "  ", "\n", " \n"]),
    ),
)
_SCALAR = st.one_of(_TEXT, st.none(), st.booleans(), st.integers(-(10**6), 10**6))
_KEYS = st.sampled_from(["id", "date", "start", "title", "notes", "quote", "x"])
_VALUE = st.recursive(
    _SCALAR,
    lambda inner: st.one_of(
        st.lists(st.one_of(_SCALAR, st.dictionaries(_KEYS, inner, max_size=3)), max_size=3),
        st.dictionaries(_KEYS, inner, max_size=3),
    ),
    max_leaves=6,
)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(st.dictionaries(_KEYS, _VALUE, min_size=1, max_size=4), min_size=1, max_size=2),
    st.sampled_from(LAYOUTS),
)
def test_any_record_as_ruamel_wrote_it(
    records: list[dict[str, Any]], layout: tuple[int, int]
) -> None:
    assert emit_records(records, *layout) == ruamel_records(records, *layout)

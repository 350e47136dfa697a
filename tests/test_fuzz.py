"""Property tests: whatever bytes the loader is given, it answers with a dataset or its own error.

Bounded in time (a few seconds in CI) and reproducible (derandomised).
"""

from __future__ import annotations

import os
import tempfile
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import relgraph
from support import BASE_YAML, SOURCE_TEXT, sha256_of

FUZZ = settings(
    max_examples=int(os.environ.get("RELGRAPH_FUZZ_EXAMPLES", "150")),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)

_DIR = tempfile.mkdtemp(prefix="relgraph-fuzz-")
os.makedirs(os.path.join(_DIR, "sources"), exist_ok=True)
with open(os.path.join(_DIR, "sources", "art.txt"), "w", encoding="utf-8") as fh:
    fh.write(SOURCE_TEXT)
VALID = BASE_YAML.replace("{sha}", sha256_of(SOURCE_TEXT)).encode("utf-8")


def _load_bytes(data: bytes) -> Any:
    path = os.path.join(_DIR, "data.yaml")
    with open(path, "wb") as fh:
        fh.write(data)
    error: relgraph.DatasetError | None = None
    try:
        return relgraph.load(path)
    except relgraph.DatasetError as exc:
        error = exc
    assert error.diagnostics, "a DatasetError must say what is wrong"
    for d in error.diagnostics:
        assert d.message
        assert d.code
    return error


@FUZZ
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_dataset_or_relgraphs_own_error(data: bytes) -> None:
    _load_bytes(data)


@FUZZ
@given(st.integers(0, len(VALID) - 1), st.binary(min_size=1, max_size=8))
def test_a_corrupted_valid_file_gives_a_dataset_or_relgraphs_own_error(
    at: int, junk: bytes
) -> None:
    _load_bytes(VALID[:at] + junk + VALID[at + len(junk) :])


_yamlish = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=True),
        st.text(max_size=20),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "dataset",
                    "entities",
                    "relations",
                    "sources",
                    "claims",
                    "id",
                    "name",
                    "kind",
                    "type",
                    "source",
                    "target",
                    "evidence",
                    "quote",
                    "status",
                    "date",
                    "x",
                ]
            ),
            children,
            max_size=5,
        ),
    ),
    max_leaves=25,
)


@FUZZ
@given(_yamlish)
def test_any_yaml_structure_gives_a_dataset_or_relgraphs_own_error(value: Any) -> None:
    import yaml

    _load_bytes(yaml.safe_dump(value, allow_unicode=True).encode("utf-8"))

"""The JSON renderer writes exactly the bytes of ``json.dumps(indent=2, ensure_ascii=False)``."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from interop.render.json import dumps

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=30,
)


@given(documents)
def test_dumps_is_the_standard_indented_text(data: object) -> None:
    assert dumps(data) == json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def test_tuples_non_string_keys_and_non_ascii() -> None:
    data = {"cut_sets": [("A", "B"), ("Ä",)], "n": {1: [True, None]}, "x": [[], {}, 1.5]}
    assert dumps(data) == json.dumps(data, indent=2, ensure_ascii=False) + "\n"

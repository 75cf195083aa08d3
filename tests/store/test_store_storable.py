"""check_storable's quick pass agrees with the walk that names the bad value."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from bilat.errors import StoreWriteError
from bilat.store.rows import _check_value, _storable

_SCALARS = (st.none() | st.booleans() | st.integers() | st.floats()
            | st.text(alphabet=st.characters(codec=None), max_size=8)
            | st.sampled_from(["\x00", "a\x00b", "\ud800", "é\udfff", "naïve", "plain"])
            | st.sampled_from([set(), b"bytes", object()]))
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (st.lists(inner, max_size=4) | st.tuples(inner, inner)
                   | st.dictionaries(st.text(max_size=4) | st.integers(), inner, max_size=4)),
    max_leaves=12)


def _passes(value: Any) -> bool:
    try:
        _check_value(value, "", "a1")
    except StoreWriteError:
        return False
    return True


@settings(max_examples=400, deadline=None)
@given(_VALUES)
def test_storable_agrees_with_check_value(value: Any) -> None:
    assert _storable(value) == _passes(value)

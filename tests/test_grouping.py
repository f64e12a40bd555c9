"""Grouping integer keys by one direct sort: the same as np.unique, in every case."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from selfhelp_exchange._grouping import unique, unique_inverse

int_keys = hnp.arrays(
    np.int64,
    st.integers(0, 300),
    elements=st.one_of(st.integers(0, 20), st.integers(0, 2**40), st.integers(-5, 5)),
)


@given(int_keys)
def test_unique_inverse_equals_numpy(keys: np.ndarray) -> None:
    uniq, inverse = unique_inverse(keys)
    want, want_inverse = np.unique(keys, return_inverse=True)
    assert uniq.dtype == inverse.dtype == np.int64
    assert uniq.tolist() == want.tolist()
    assert inverse.tolist() == want_inverse.reshape(-1).tolist()
    assert unique(keys).tolist() == want.tolist()


def test_keys_too_wide_to_pack_fall_back_to_numpy() -> None:
    # 2**62 needs 63 bits, leaving none for the positions of three keys
    keys = np.array([2**62, 5, 2**62], dtype=np.int64)
    uniq, inverse = unique_inverse(keys)
    assert uniq.tolist() == [5, 2**62]
    assert inverse.tolist() == [1, 0, 1]


def test_small_unsigned_and_empty_keys() -> None:
    uniq, inverse = unique_inverse(np.array([3, 1, 3], dtype=np.uint8))
    assert (uniq.tolist(), inverse.tolist()) == ([1, 3], [1, 0, 1])
    empty_u, empty_i = unique_inverse(np.zeros(0, dtype=np.int32))
    assert empty_u.shape == empty_i.shape == (0,)
    assert unique(np.zeros(0, dtype=np.int32)).shape == (0,)

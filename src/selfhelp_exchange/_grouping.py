"""Grouping integer keys fast: ``np.unique(keys, return_inverse=True)`` without an argsort.

``np.unique`` with ``return_inverse`` sorts the keys indirectly (an argsort), which for millions
of keys is several times slower than sorting them directly (numpy's sort of integers is
vectorized; its argsort much less so). Packing each key with its position into one int64 and
sorting those directly gives the same order, and the positions back, at the cost of one sort.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["unique", "unique_inverse"]


def unique(keys: npt.NDArray[np.integer]) -> npt.NDArray[np.int64]:
    """Sorted distinct ``keys``: ``np.unique(keys)`` (as int64) by one direct sort.

    (numpy 2's ``np.unique`` without ``return_*`` options goes through a hash table, which for
    millions of integer keys is many times slower than sorting them.)

    Examples
    --------
    >>> import numpy as np
    >>> unique(np.array([7, 3, 7, 0])).tolist()
    [0, 3, 7]
    """
    s = np.sort(np.asarray(keys).reshape(-1).astype(np.int64))
    if s.shape[0] == 0:
        return s
    new = np.empty(s.shape[0], dtype=bool)
    new[0] = True
    np.not_equal(s[1:], s[:-1], out=new[1:])
    return s[new]


def unique_inverse(
    keys: npt.NDArray[np.integer],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Sorted distinct ``keys`` and each key's position among them.

    Equal to ``np.unique(keys, return_inverse=True)`` (as int64). Non-negative keys that fit in
    int64 together with their positions are grouped with one direct sort; others fall back to
    ``np.unique``.

    Examples
    --------
    >>> import numpy as np
    >>> uniq, inverse = unique_inverse(np.array([7, 3, 7, 0]))
    >>> uniq.tolist(), inverse.tolist()
    ([0, 3, 7], [2, 1, 2, 0])
    """
    keys = np.asarray(keys).reshape(-1)
    n = keys.shape[0]
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    lo, hi = int(keys.min()), int(keys.max())
    shift = max(int(n - 1).bit_length(), 1)
    if lo < 0 or hi.bit_length() + shift > 63:
        uniq, inverse = np.unique(keys, return_inverse=True)
        return uniq.astype(np.int64), inverse.reshape(-1).astype(np.int64)
    packed = keys.astype(np.int64) << shift
    packed |= np.arange(n, dtype=np.int64)
    packed.sort()
    order = packed & ((1 << shift) - 1)
    packed >>= shift  # now the sorted keys
    new = np.empty(n, dtype=bool)
    new[0] = True
    np.not_equal(packed[1:], packed[:-1], out=new[1:])
    inverse = np.empty(n, dtype=np.int64)
    inverse[order] = np.cumsum(new) - 1
    return packed[new], inverse

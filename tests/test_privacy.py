"""Pseudonymization and small-cell suppression, checked on hand-worked tables."""

from __future__ import annotations

import hashlib
import hmac

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from selfhelp_exchange.privacy import (
    SMALL_CELL_THRESHOLD,
    PrivacyError,
    _complementary,
    _recoverable,
    _relations,
    pseudonymize,
    suppress_counts,
)

KEY = "0123456789abcdef0123456789abcdef"


def test_pseudonym_is_the_documented_hmac() -> None:
    expected = "p-" + hmac.new(KEY.encode(), b"client 17", hashlib.sha256).hexdigest()[:16]
    assert pseudonymize(["client 17"], KEY) == [expected]


def test_pseudonyms_link_and_keep_missing() -> None:
    out = pseudonymize([" 42", 42, None, float("nan"), "43"], KEY)
    assert out[0] == out[1]
    assert out[2] is None
    assert out[3] is None
    assert out[4] != out[0]


def test_another_key_gives_other_pseudonyms() -> None:
    assert pseudonymize(["x"], KEY) != pseudonymize(["x"], KEY[::-1])


@pytest.mark.parametrize("key", ["short", b"", 12345])
def test_weak_keys_are_refused(key: object) -> None:
    with pytest.raises(PrivacyError, match="at least 16 bytes"):
        pseudonymize(["x"], key)  # type: ignore[arg-type]


def test_pseudonym_length_is_validated() -> None:
    with pytest.raises(PrivacyError, match="8 to 64"):
        pseudonymize(["x"], KEY, length=4)


def test_default_threshold_is_eleven() -> None:
    assert SMALL_CELL_THRESHOLD == 11


def test_one_column_table_hides_a_partner_cell() -> None:
    # a + b + c = 55 is published. a = 5 is small -> hidden; alone it would be 55 - 20 - 30,
    # so the smallest other shown non-zero count (b = 20) is hidden too; 5 + 20 = 25 >= 11.
    s = suppress_counts(pd.Series([5, 20, 30], index=["a", "b", "c"]))
    assert s.display()[0].tolist() == ["*", "*", 30, 55]
    assert (s.n_primary, s.n_complementary) == (1, 1)


def test_two_by_two_with_margins_worked_by_hand() -> None:
    #            AA  SMART  Total
    # Agency 1   25     30     55
    # Agency 2    4     12     16
    # Total      29     42     71
    # 4 is small. Row 'Agency 2' then has one hidden cell -> hide its smallest shown: 12.
    # Column AA has one hidden (4) -> hide 25; column SMART has one hidden (12) -> hide 30.
    # Row 'Agency 1' now has two hidden (25, 30); every relation has 0 or 2 hidden cells,
    # hidden sums are 16, 55, 29, 42 (all >= 11), and the 2x2 block is a cycle: no cell is
    # pinned down.
    t = pd.DataFrame({"AA": [25, 4], "SMART": [30, 12]}, index=["Agency 1", "Agency 2"])
    s = suppress_counts(t)
    expected = np.array(
        [[True, True, False], [True, True, False], [False, False, False]], dtype=bool
    )
    np.testing.assert_array_equal(s.hidden.to_numpy(), expected)
    assert s.counts.loc["Total", "Total"] == 71
    assert "4" not in s.display().to_string().split()
    assert "hidden" in s.note


def test_small_hidden_sum_forces_more_suppression() -> None:
    # a = 3 and b = 4 are both small; hiding just them leaves a + b = 47 - 40 = 7 < 11
    # readable from the total, so c = 40 is hidden too.
    s = suppress_counts(pd.Series([3, 4, 40], index=["a", "b", "c"]))
    assert s.display()[0].tolist() == ["*", "*", "*", 47]


def test_small_total_is_hidden() -> None:
    s = suppress_counts(pd.Series([3, 0, 2], index=["a", "b", "c"]))
    assert s.hidden[0].tolist() == [True, False, True, True]


def test_no_margins_hides_only_small_cells() -> None:
    s = suppress_counts(pd.DataFrame([[3, 20], [15, 40]]), margins=False)
    assert s.hidden.to_numpy().tolist() == [[True, False], [False, False]]
    assert s.n_complementary == 0


def test_audit_finds_a_bridge_cell() -> None:
    # Two 2x2 cycles of hidden cells (rows 0-1 x cols 0-1, rows 2-3 x cols 2-3) joined by a
    # bridge (0, 2). Every row and column has 0 or >= 2 hidden cells, yet the bridge is
    # determined: x02 = R0 - (x00 + x01) and x00 + x01 = (C0 + C1) - R1.
    shape = (5, 5)  # a 4x4 table with its margins
    index = [0, 1, 2, 3, "Total"]
    relations = _relations(shape, index, index)
    hidden = np.zeros(shape, dtype=bool)
    for cell in [(0, 0), (0, 1), (1, 0), (1, 1), (2, 2), (2, 3), (3, 2), (3, 3), (0, 2)]:
        hidden[cell] = True
    assert _recoverable(hidden, relations) == [(0, 2)]
    full = np.arange(25, dtype=np.int64).reshape(shape) + 20
    fixed = _complementary(full, hidden.copy(), 11, relations)
    assert _recoverable(fixed, relations) == []
    assert fixed.sum() > hidden.sum()


@pytest.mark.parametrize("bad", [[[-1, 2]], [[1.5, 2]], [[np.nan, 2]]])
def test_bad_counts_are_refused(bad: list[list[float]]) -> None:
    with pytest.raises(PrivacyError, match="whole numbers"):
        suppress_counts(bad)


counts = st.lists(
    st.lists(st.integers(0, 60), min_size=1, max_size=4), min_size=1, max_size=4
).filter(lambda rows: len({len(r) for r in rows}) == 1)


@given(counts)
def test_no_small_count_is_shown_or_recoverable(rows: list[list[int]]) -> None:
    s = suppress_counts(pd.DataFrame(rows))
    full = s.counts.to_numpy()
    hidden = s.hidden.to_numpy()
    small = (full > 0) & (full < SMALL_CELL_THRESHOLD)
    assert not (small & ~hidden).any()
    relations = _relations(full.shape, s.counts.index.tolist(), s.counts.columns.tolist())
    assert _recoverable(hidden, relations) == []
    for members in relations:
        hid = [m for m in members if hidden[m]]
        assert len(hid) != 1
        if not hidden[members[-1]]:
            readable = sum(int(full[m]) for m in hid)
            assert readable == 0 or readable >= SMALL_CELL_THRESHOLD

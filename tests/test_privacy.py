"""Pseudonymization and small-cell suppression, checked on hand-worked tables."""

from __future__ import annotations

import hashlib
import hmac
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import selfhelp_exchange as shx
from selfhelp_exchange.privacy import (
    PERSON_ATTRIBUTES,
    SMALL_CELL_THRESHOLD,
    PrivacyError,
    _complementary,
    _recoverable,
    _relations,
    pseudonymize,
    pseudonymize_network,
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


# --------------------------------------------------------------------------- pseudonymize_network
def _people_network() -> shx.ExchangeNetwork:
    return shx.ExchangeNetwork(
        agencies=[shx.Agency("A1", "Riverside", attributes={"person_id": "staff-7", "beds": 40})],
        groups=[
            shx.SelfHelpGroup("G1", "Tuesday AA", "mutual_help", attributes={"member_id": 42})
        ],
        actors=[shx.CommunityActor("M1", "Courier", "media", {"contact": "Jo Smith"})],
        exchanges=[
            shx.Exchange(
                ("A1", shx.Role.PRACTITIONERS),
                "G1",
                "facilitated_introduction",
                attributes={"client_id": "C-1017", "visit": 2},
            ),
            shx.Exchange("G1", ("A1", shx.Role.CLIENTS), "peer_bridging"),
            shx.Exchange(
                ("A1", shx.Role.PRACTITIONERS),
                "G1",
                "referral",
                attributes={"client_id": "C-1017"},
            ),
        ],
        initiatives=[
            shx.Initiative(
                "I1", "media", ["A1", "G1"], ["M1"], attributes={"participant_id": "42"}
            )
        ],
    )


def _alias(value: object) -> str:
    (alias,) = pseudonymize([value], KEY)
    assert alias is not None
    return alias


def test_network_person_attributes_are_pseudonymized() -> None:
    net = _people_network()
    safe = pseudonymize_network(net, KEY)
    assert dict(safe.agencies[0].attributes) == {"person_id": _alias("staff-7"), "beds": 40}
    assert dict(safe.groups[0].attributes) == {"member_id": _alias(42)}
    assert dict(safe.actors[0].attributes) == {"contact": "Jo Smith"}  # not named: kept
    assert dict(safe.initiatives[0].attributes) == {"participant_id": _alias("42")}
    assert [dict(e.attributes) for e in safe.exchanges] == [
        {"client_id": _alias("C-1017"), "visit": 2},
        {},
        {"client_id": _alias("C-1017")},  # the same client is linked
    ]
    # 42 and "42" are the same person
    assert (
        safe.groups[0].attributes["member_id"] == safe.initiatives[0].attributes["participant_id"]
    )
    # everything else is the network as it was
    assert safe.arrays.equals(net.arrays)
    assert [a.id for a in safe.agencies] == ["A1"]
    assert safe.initiatives[0].sponsors == net.initiatives[0].sponsors
    assert net.exchanges[0].attributes["client_id"] == "C-1017"  # the original is unchanged


def test_the_attribute_names_can_be_chosen() -> None:
    safe = pseudonymize_network(_people_network(), KEY, attributes="contact")
    assert safe.actors[0].attributes["contact"] == _alias("Jo Smith")
    assert safe.exchanges[0].attributes["client_id"] == "C-1017"
    assert PERSON_ATTRIBUTES == (
        "client_id",
        "person_id",
        "participant_id",
        "patient_id",
        "member_id",
    )


@pytest.mark.parametrize("fmt", ["json", "tables", "xlsx", "graphml"])
def test_neither_the_key_nor_an_identifier_reaches_a_file(tmp_path: Path, fmt: str) -> None:
    safe = pseudonymize_network(_people_network(), KEY)
    target = tmp_path / {"json": "n.json", "tables": "t", "xlsx": "n.xlsx", "graphml": "n.g"}[fmt]
    {
        "json": shx.write_json,
        "tables": shx.write_tables,
        "xlsx": shx.write_tables,
        "graphml": shx.write_graphml,
    }[fmt](safe, target)
    paths = [p for p in target.rglob("*") if p.is_file()] if target.is_dir() else [target]
    if fmt == "xlsx":
        with zipfile.ZipFile(target) as zf:
            blobs = [zf.read(n) for n in zf.namelist()]
    else:
        blobs = [p.read_bytes() for p in paths]
    data = b"".join(blobs)
    for secret in (KEY, "staff-7", "C-1017"):
        assert secret.encode() not in data, secret
    assert _alias("C-1017").encode() in data


def test_a_network_pseudonymized_twice_is_the_same() -> None:
    assert pseudonymize_network(_people_network(), KEY) == pseudonymize_network(
        _people_network(), KEY
    )
    other = pseudonymize_network(_people_network(), KEY[::-1])
    assert other != pseudonymize_network(_people_network(), KEY)


@pytest.mark.parametrize(
    ("options", "says"),
    [
        ({"key": "short"}, "at least 16 bytes"),
        ({"key": KEY, "length": 2}, "8 to 64"),
        ({"key": KEY, "attributes": ["client_id", ""]}, "non-empty attribute names"),
        ({"key": KEY, "attributes": [3]}, "non-empty attribute names"),
    ],
)
def test_pseudonymize_network_refuses_bad_arguments(options: dict, says: str) -> None:
    with pytest.raises(PrivacyError, match=says):
        pseudonymize_network(_people_network(), **options)


def test_pseudonymize_network_keeps_observations_and_hides_their_person_ids() -> None:
    net = _people_network()
    subject = net.agencies[0].id
    with_obs = shx.ExchangeNetwork(
        net.agencies,
        net.groups,
        net.actors,
        net.exchanges,
        net.initiatives,
        observations=[
            shx.Observation(
                subject, "partner_trust", 3, "2025-01-01", attributes={"person_id": "p9"}
            )
        ],
    )
    safe = pseudonymize_network(with_obs, KEY)
    assert len(safe.observations) == 1
    assert safe.observations[0].value == 3.0
    assert dict(safe.observations[0].attributes) == {"person_id": _alias("p9")}


def _recoverable_by_rank(hidden: np.ndarray, relations: list) -> list[tuple[int, int]]:
    """The audit as first written: a cell is pinned when adding its unit row keeps the rank."""
    cells = [tuple(int(i) for i in c) for c in np.argwhere(hidden)]
    pos = {c: i for i, c in enumerate(cells)}
    rows = []
    for members in relations:
        row = np.zeros(len(cells))
        for m in members[:-1]:
            if m in pos:
                row[pos[m]] = 1.0
        if members[-1] in pos:
            row[pos[members[-1]]] = -1.0
        if row.any():
            rows.append(row)
    if not rows:
        return []
    a = np.array(rows)
    rank = np.linalg.matrix_rank(a)
    out = []
    for c, i in pos.items():
        unit = np.zeros(len(cells))
        unit[i] = 1.0
        if np.linalg.matrix_rank(np.vstack([a, unit])) == rank:
            out.append(c)
    return out


@given(
    st.integers(2, 6),
    st.integers(2, 6),
    st.lists(st.booleans(), min_size=36, max_size=36),
)
def test_the_audit_agrees_with_a_rank_test_per_cell(n_r: int, n_c: int, bits: list[bool]) -> None:
    hidden = np.array(bits[: n_r * n_c]).reshape(n_r, n_c)
    relations = _relations((n_r, n_c), [*range(n_r - 1), "Total"], [*range(n_c - 1), "Total"])
    assert sorted(_recoverable(hidden, relations)) == sorted(
        _recoverable_by_rank(hidden, relations)
    )

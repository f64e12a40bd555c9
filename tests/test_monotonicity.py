"""Doing more never lowers a score; an agency's scores depend only on its own data.

Each property starts from a generated community (``shx.generate.community``, realistic
structure) or the Riverside example, adds something valid and compares the scorecards.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import event, given, settings
from hypothesis import strategies as st

import selfhelp_exchange as shx
from tests.strategies import communities, extra_exchanges, metric_windows

TOL = 1e-12
small_communities = communities(max_agencies=5, max_groups=8, max_exchanges=60)


def with_(
    net: shx.ExchangeNetwork,
    *,
    exchanges: list[shx.Exchange] = (),  # type: ignore[assignment]
    groups: list[shx.SelfHelpGroup] = (),  # type: ignore[assignment]
    initiatives: list[shx.Initiative] = (),  # type: ignore[assignment]
) -> shx.ExchangeNetwork:
    return shx.ExchangeNetwork(
        net.agencies,
        [*net.groups, *groups],
        net.actors,
        [*net.exchanges, *exchanges],
        [*net.initiatives, *initiatives],
    )


def card(net: shx.ExchangeNetwork, window: tuple = (None, None)) -> pd.DataFrame:
    return shx.agency_scorecard(net, start=window[0], end=window[1]).set_index("agency_id")


def dyads(net: shx.ExchangeNetwork, window: tuple = (None, None)) -> pd.Series:
    df = shx.adaptational_linkage(net, start=window[0], end=window[1])
    return df.set_index(["agency_id", "group_id"])["index"]


def never_lower(before: pd.DataFrame, after: pd.DataFrame, touched: set[str]) -> None:
    """The touched agencies' adaptational index does not fall; the others' rows do not move."""
    after = after.loc[before.index]
    for col in ("adaptational_index", "depth", "choice_coverage"):
        drop = before[col] - after[col]
        assert (drop.loc[sorted(touched)] <= TOL).all(), (col, drop[drop > TOL])
    others = before.index.difference(sorted(touched))
    pd.testing.assert_frame_equal(before.loc[others], after.loc[others])


@settings(max_examples=30)
@given(st.data())
def test_adding_any_exchange_never_lowers_the_agency_index(data: st.DataObject) -> None:
    net = data.draw(small_communities, label="net")
    window = data.draw(metric_windows, label="window")
    extra = data.draw(st.lists(extra_exchanges(net), min_size=1, max_size=3), label="extra")
    before, after = card(net, window), card(with_(net, exchanges=extra), window)
    agencies = {a.id for a in net.agencies}
    touched = {e for x in extra for e in _ends(x) if e in agencies}
    never_lower(before, after, touched)
    # and every dyad index grows or stays
    d0, d1 = dyads(net, window), dyads(with_(net, exchanges=extra), window)
    assert set(d0.index) <= set(d1.index)
    assert (d1.loc[d0.index] - d0 >= -TOL).all()


def _ends(x: shx.Exchange) -> list[str]:
    return [e[0] if isinstance(e, tuple) else e for e in (x.source, x.target)]


@settings(max_examples=30)
@given(st.data())
def test_linking_a_new_group_never_lowers_the_agency_index(data: st.DataObject) -> None:
    net = data.draw(small_communities, label="net")
    group = shx.SelfHelpGroup(
        "G-new",
        "new group",
        data.draw(st.sampled_from(list(shx.GroupType))),
        focus=data.draw(st.none() | st.sampled_from(list(shx.Focus))),
        approach=data.draw(st.none() | st.sampled_from(list(shx.Approach))),
    )
    grown = with_(net, groups=[group])
    agency = data.draw(st.sampled_from(list(net.agencies)))
    a = agency.id
    pair = shx.ExchangeNetwork([agency], [group])  # draws exchanges between a and the new group
    extra = data.draw(st.lists(extra_exchanges(pair), min_size=1, max_size=3))
    before = card(net)
    after = card(with_(grown, exchanges=extra))
    never_lower(before, after, {a})
    assert after.loc[a, "groups_linked"] == before.loc[a, "groups_linked"] + 1


@settings(max_examples=20)
@given(st.data())
def test_other_agencies_data_never_move_a_row(data: st.DataObject) -> None:
    """Dropping every exchange and initiative of the other agencies leaves a row as it was."""
    net = data.draw(small_communities, label="net")
    a = data.draw(st.sampled_from([x.id for x in net.agencies]))
    keep = np.array([a in _ends(x) or not _touches_agency(net, x) for x in net.exchanges])
    alone = net.select(keep) if keep.size else net
    inits = [i for i in alone.initiatives if a in i.sponsors]
    alone = shx.ExchangeNetwork(alone.agencies, alone.groups, alone.actors, alone.exchanges, inits)
    pd.testing.assert_series_equal(card(net).loc[a], card(alone).loc[a])


def _touches_agency(net: shx.ExchangeNetwork, x: shx.Exchange) -> bool:
    agencies = {a.id for a in net.agencies}
    return any(e in agencies for e in _ends(x))


@settings(max_examples=30)
@given(st.data())
def test_joint_initiatives_never_lower_the_institutional_index(data: st.DataObject) -> None:
    net = data.draw(small_communities, label="net")
    a = data.draw(st.sampled_from([x.id for x in net.agencies]))
    groups = data.draw(
        st.lists(st.sampled_from([g.id for g in net.groups]), min_size=1, max_size=3, unique=True)
    )
    audiences = data.draw(
        st.lists(st.sampled_from([c.id for c in net.actors]), max_size=3, unique=True)
    )
    joint = shx.Initiative("I-new", "public_education", [a, *groups], audiences)
    before, after = card(net), card(with_(net, initiatives=[joint]))
    assert after.loc[a, "institutional_index"] >= before.loc[a, "institutional_index"] - TOL
    assert after.loc[a, "joint_initiatives"] == before.loc[a, "joint_initiatives"] + 1
    # the adaptational side does not move at all
    pd.testing.assert_series_equal(
        before["adaptational_index"], after["adaptational_index"], check_exact=True
    )


# --------------------------------------------------------------------------------- Riverside
RIVERSIDE = shx.load_example("riverside")


@settings(max_examples=60)
@given(st.lists(extra_exchanges(RIVERSIDE), min_size=1, max_size=2))
def test_riverside_any_added_exchange(extra: list[shx.Exchange]) -> None:
    agencies = {a.id for a in RIVERSIDE.agencies}
    touched = {e for x in extra for e in _ends(x) if e in agencies}
    never_lower(card(RIVERSIDE), card(with_(RIVERSIDE, exchanges=extra)), touched)


def test_riverside_closing_harbors_gap_raises_its_index() -> None:
    """Harbor refers 12 clients to SMART Recovery: the non-12-step gap closes, the index rises."""
    before = card(RIVERSIDE).loc["A-HRT"]
    assert before["no_non_twelve_step"]
    smart = shx.Exchange(("A-HRT", shx.Role.PRACTITIONERS), "G-SMART", "referral", 12)
    after = card(with_(RIVERSIDE, exchanges=[smart])).loc["A-HRT"]
    assert not after["no_non_twelve_step"]
    assert after["adaptational_index"] > before["adaptational_index"]
    assert after["choice_coverage"] == 1.0


def test_riverside_one_thin_row_does_not_make_a_strong_dyad() -> None:
    """The hospital-Noon AA pair no longer ranks second on one information row back."""
    d = dyads(RIVERSIDE).sort_values(ascending=False)
    assert d.index.get_loc(("A-RGH", "G-AA-NOON")) > 2
    # Bridgeway-SMART (grant, policy, hosting, introductions) outranks Bridgeway-RLC
    assert d["A-BRG", "G-SMART"] > d["A-BRG", "G-RLC"]


_OPTION_GROUP = {
    "no_twelve_step": lambda g: g.approach is shx.Approach.TWELVE_STEP,
    "no_non_twelve_step": lambda g: g.approach is shx.Approach.NON_TWELVE_STEP,
    "no_mental_health_option": lambda g: (
        g.focus in (shx.Focus.MENTAL_HEALTH, shx.Focus.CO_OCCURRING)
    ),
    "no_family_option": lambda g: g.focus is shx.Focus.FAMILY,
}


def _closing_exchange(
    net: shx.ExchangeNetwork, a: str, flag: str, pick: int
) -> shx.Exchange | None:
    """An exchange that closes gap ``flag`` of agency ``a``, or None if none can."""
    groups = list(net.groups)
    if flag in _OPTION_GROUP:
        groups = [g for g in groups if _OPTION_GROUP[flag](g)]
    if not groups:
        return None
    g = groups[pick % len(groups)].id
    return {
        "no_groups_linked": shx.Exchange(a, g, "referral"),
        "board_unlinked": shx.Exchange(g, (a, shx.Role.BOARD), "board_seat"),
        "practitioners_unlinked": shx.Exchange(a, g, "referral"),
        "clients_unlinked": shx.Exchange(a, g, "attendance"),
        "no_reciprocal_link": shx.Exchange(g, a, "in_reach"),  # the agency already flows out
        "no_active_route": shx.Exchange(a, g, "meeting_space"),
    }.get(flag, shx.Exchange(a, g, "referral"))


@settings(max_examples=80)
@given(st.data())
def test_closing_a_reported_gap_raises_the_agency_index(data: st.DataObject) -> None:
    net = data.draw(small_communities, label="net")
    before = card(net)
    a = data.draw(st.sampled_from(list(before.index)), label="agency")
    flags = [
        f for f in before.columns if f.startswith(("no_", "board_", "practitioners_", "clients_"))
    ]
    open_ = [f for f in flags if before.loc[a, f] and f != "no_joint_initiative"]
    if not open_:
        return
    flag = data.draw(st.sampled_from(open_), label="gap")
    if flag == "no_reciprocal_link":
        # close it on a group the agency already sends something to
        out = shx.adaptational_linkage(net).query("agency_id == @a and outward > 0")
        if out.empty:
            return
        x = shx.Exchange(str(out["group_id"].iloc[0]), a, "in_reach")
    else:
        x = _closing_exchange(net, a, flag, data.draw(st.integers(0, 99)))
        if x is None:
            return
    event(flag)
    after = card(with_(net, exchanges=[x]))
    assert not after.loc[a, flag], flag
    assert after.loc[a, "adaptational_index"] > before.loc[a, "adaptational_index"], flag

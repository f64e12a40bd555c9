from __future__ import annotations

import math

import numpy as np
import pytest

import selfhelp_exchange as shx
from selfhelp_exchange.simulate import CascadeParameters, SimulationError, facilitated_access
from selfhelp_exchange.simulate.cascade import agency_links, normalize_strategy

AA = shx.SelfHelpGroup("AA", "AA", "mutual_help", approach="twelve_step")
NA = shx.SelfHelpGroup("NA", "NA", "mutual_help", approach="twelve_step")
SMART = shx.SelfHelpGroup("SMART", "SMART", "mutual_help", approach="non_twelve_step")
PRAC = "practitioners"

ALL_ONE = {
    **{
        name: 1.0
        for name in CascadeParameters.names()
        if name not in ("non_twelve_step_preference", "mismatch_engagement_factor")
    },
    "later_attendance": 0.0,  # no path to later attendance without a first meeting
}


def net_of(*exchanges: shx.Exchange, agencies: tuple[str, ...] = ("A1",)) -> shx.ExchangeNetwork:
    return shx.ExchangeNetwork(
        agencies=[shx.Agency(a, a) for a in agencies], groups=[AA, NA, SMART], exchanges=exchanges
    )


def test_agency_links_reads_channels_in_either_direction() -> None:
    net = net_of(
        shx.Exchange(("A1", PRAC), "AA", "referral"),
        shx.Exchange("NA", ("A1", PRAC), "facilitated_introduction"),  # reversed: still a channel
        shx.Exchange("SMART", ("A1", "clients"), "in_reach"),
        shx.Exchange(("A1", "clients"), "SMART", "meeting_space"),
        shx.Exchange(("A2", "board"), "AA", "resource_support"),
        agencies=("A1", "A2", "A3"),
    )
    links = agency_links(net)
    assert links.pair_ptr.tolist() == [0, 3, 4, 4]
    assert links.pair_group.tolist() == [0, 1, 2, 0]  # A1: AA, NA, SMART; A2: AA
    assert links.practitioner_channel.tolist() == [False, True, False, False]
    assert links.peer_channel.tolist() == [False, False, True, False]
    assert links.on_site.tolist() == [False, False, True, False]
    assert links.fits_non_twelve_step.tolist() == [False, False, True, False]
    # A2 is linked only through its board: no practitioner link, so it cannot facilitate.
    assert links.practitioner_link.tolist() == [True, False, False]
    assert links.linked.tolist() == [True, True, False]


def test_candidate_lists() -> None:
    net = net_of(
        shx.Exchange(("A1", PRAC), "AA", "referral"),
        shx.Exchange(("A1", PRAC), "NA", "facilitated_introduction"),
        shx.Exchange(("A1", PRAC), "SMART", "referral"),
    )
    links = agency_links(net)
    groups = [
        links.pair_group[links.cand_pair[links.cand_ptr[r] : links.cand_ptr[r + 1]]].tolist()
        for r in range(4)
    ]
    # rule 0: anyone, all linked; 1: wants non-12-step -> SMART; 2: steered -> the channel group
    # NA; 3: wants non-12-step and steered: SMART fits but has no channel, preference wins.
    assert groups == [[0, 1, 2], [2], [1], [2]]


def test_normalize_strategy() -> None:
    assert normalize_strategy("passive") == ("passive", (False,) * 5)
    assert normalize_strategy("facilitated") == ("facilitated", (True,) * 5)
    assert normalize_strategy({"introduced": "facilitated"}) == (
        "facilitated:introduced",
        (False, True, False, False, False),
    )
    assert (
        normalize_strategy(dict.fromkeys(shx.simulate.STAGES, "facilitated"))[0] == "facilitated"
    )
    with pytest.raises(SimulationError, match="unknown stage"):
        normalize_strategy({"attended": "facilitated"})
    with pytest.raises(SimulationError, match="'passive' or 'facilitated'"):
        normalize_strategy({"informed": "active"})
    with pytest.raises(SimulationError, match="must be a string or a mapping"):
        normalize_strategy(3)  # type: ignore[arg-type]


def counts(
    net: shx.ExchangeNetwork, strategy: object = "facilitated", n: int = 40, **p: float
) -> np.ndarray:
    res = facilitated_access(net, strategy, clients_per_agency=n, seed=1, n_runs=3, **p)  # type: ignore[arg-type]
    return res.counts


def test_certain_steps_give_exact_counts() -> None:
    net = net_of(shx.Exchange(("A1", PRAC), "AA", "facilitated_introduction"))
    assert counts(net, **ALL_ONE)[0].tolist() == [[40, 40, 40, 40, 40]]
    # a zero step stops everyone there
    assert counts(net, **{**ALL_ONE, "facilitated_first_meeting": 0.0})[0].tolist() == [
        [40, 40, 0, 0, 0]
    ]


def test_agency_linked_to_no_group_informs_at_the_passive_rate_and_introduces_nobody() -> None:
    net = net_of(agencies=("A1",))
    c = counts(net, "facilitated", n=40, **{**ALL_ONE, "passive_informed": 0.0})
    assert c[0].tolist() == [[0, 0, 0, 0, 0]]
    c = counts(net, "facilitated", n=40, **ALL_ONE)
    assert c[0].tolist() == [[40, 0, 0, 0, 0]]


def test_introduction_needs_a_channel_to_the_chosen_group() -> None:
    only_referral = net_of(shx.Exchange(("A1", PRAC), "AA", "referral"))
    with_channel = net_of(shx.Exchange(("A1", PRAC), "AA", "facilitated_introduction"))
    p = {**ALL_ONE, "passive_introduced": 0.0}
    # without a facilitated_introduction the keyworker cannot introduce: passive rate 0
    assert counts(only_referral, **p)[0].tolist() == [[40, 0, 0, 0, 0]]
    assert counts(with_channel, **p)[0].tolist() == [[40, 40, 40, 40, 40]]
    assert counts(with_channel, "passive", **p)[0].tolist() == [[40, 0, 0, 0, 0]]


def test_keyworker_steers_facilitated_clients_to_a_group_with_a_channel() -> None:
    net = net_of(
        shx.Exchange(("A1", PRAC), "AA", "referral"),
        shx.Exchange(("A1", PRAC), "NA", "referral"),
        shx.Exchange(("A1", PRAC), "SMART", "facilitated_introduction"),
    )
    p = {**ALL_ONE, "passive_introduced": 0.0}
    assert counts(net, n=500, **p)[:, 0, 1].tolist() == [500, 500, 500]


def test_peer_channel_uses_peer_rates_and_needs_a_practitioner_link() -> None:
    peers_only = net_of(shx.Exchange("AA", ("A1", "clients"), "peer_bridging"))
    peers_and_staff = net_of(
        shx.Exchange("AA", ("A1", "clients"), "peer_bridging"),
        shx.Exchange(("A1", PRAC), "AA", "information"),
    )
    p = {**ALL_ONE, "passive_engaged": 0.0, "facilitated_engaged": 0.0}
    # the peer rate (1) applies once the keyworker can facilitate
    assert counts(peers_and_staff, **p)[0].tolist() == [[40, 40, 40, 40, 40]]
    # with no practitioner link the agency cannot facilitate: passive rates, engaged 0 (attending
    # after the episode follows the first meeting, not weekly attendance)
    assert counts(peers_only, **p)[0].tolist() == [[40, 40, 40, 0, 40]]
    # the directive style does not use the peer channel: facilitated rate, engaged 0
    assert counts(peers_and_staff, style="directive", **p)[0].tolist() == [[40, 40, 40, 0, 40]]


def test_on_site_meeting_raises_the_introduced_step() -> None:
    hosted = net_of(shx.Exchange(("A1", "clients"), "AA", "meeting_space"))
    p = {**ALL_ONE, "passive_introduced": 0.0}
    assert counts(hosted, "passive", **p)[0].tolist() == [[40, 40, 40, 40, 40]]
    assert counts(hosted, "passive", **{**p, "on_site_introduced": 0.0})[0].tolist() == [
        [40, 0, 0, 0, 0]
    ]


def test_unmet_preference_lowers_engagement() -> None:
    twelve_only = net_of(shx.Exchange(("A1", PRAC), "AA", "facilitated_introduction"))
    with_smart = net_of(
        shx.Exchange(("A1", PRAC), "AA", "facilitated_introduction"),
        shx.Exchange(("A1", PRAC), "SMART", "referral"),
    )
    p = {**ALL_ONE, "non_twelve_step_preference": 1.0, "mismatch_engagement_factor": 0.0}
    assert counts(twelve_only, **p)[0].tolist() == [[40, 40, 40, 0, 40]]
    # SMART is linked: every client wants it and chooses it (preference before channel)
    assert counts(with_smart, **p)[0].tolist() == [[40, 40, 40, 40, 40]]


def test_expected_shares_match_the_hand_computed_products() -> None:
    """Large cohort: shares within 4 standard errors of the products of the step rates."""
    net = net_of(
        shx.Exchange(("A1", PRAC), "AA", "facilitated_introduction"),
        shx.Exchange(("A2", PRAC), "AA", "referral"),
        agencies=("A1", "A2"),
    )
    n, runs = 20_000, 10
    fac = facilitated_access(
        net, "facilitated", clients_per_agency=n, seed=5, n_runs=runs
    ).counts.sum(axis=0)
    total = n * runs
    # community defaults: R0 = 0.3 = 0.3333 x 0.9; R1 = 0.5376 = 0.5376 x 1.0
    # A1 facilitated, with a channel: 1, 0.5376, 0.5376 x 1, x 0.8235 (weekly);
    #   after the episode: 0.5376 x 0.5182 + (1 - 0.5376) x 0.2
    # A2 facilitated without a channel: introduced at the passive 0.3333, then facilitated
    #   first meeting 1.0 and weekly 0.8235; after: 0.3333 x 0.5182 + (1 - 0.3333) x 0.2
    r1, r2 = 0.5376, 0.3333
    expected = {
        "A1": [1.0, r1, r1, r1 * 0.8235, r1 * 0.5182 + (1 - r1) * 0.2],
        "A2": [1.0, r2, r2, r2 * 0.8235, r2 * 0.5182 + (1 - r2) * 0.2],
    }
    for a, row in enumerate(expected.values()):
        for s, p in enumerate(row):
            se = math.sqrt(p * (1 - p) / total) if 0 < p < 1 else 0.0
            assert abs(fac[a, s] / total - p) <= 4 * se + 1e-12, (a, s)


def test_later_attendance_without_a_first_meeting() -> None:
    """The path from 'no first meeting' to attending after the episode (Manning et al.: 20%)."""
    net = net_of(shx.Exchange(("A1", PRAC), "AA", "referral"))
    p = {**ALL_ONE, "passive_first_meeting": 0.0, "later_attendance": 1.0}
    assert counts(net, "passive", **p)[0].tolist() == [[40, 40, 0, 0, 40]]
    # only informed clients attend later
    assert counts(net, "passive", **{**p, "passive_informed": 0.0})[0].tolist() == [
        [0, 0, 0, 0, 0]
    ]
    n = 20_000
    res = facilitated_access(
        net, "passive", clients_per_agency=n, seed=3, n_runs=5, **{**p, "later_attendance": 0.2}
    )
    share = res.counts[:, 0, 4].sum() / (5 * n)
    assert abs(share - 0.2) < 4 * math.sqrt(0.2 * 0.8 / (5 * n))


@pytest.mark.parametrize(
    ("style", "expected"),
    [("directive", 1.0), ("peer", 1.0), ("motivational", 0.25), ("hosted", 0.0)],
)
def test_style_scales_the_facilitation_effect(style: str, expected: float) -> None:
    """p = passive + factor x (facilitated - passive): here passive 0, facilitated 1."""
    net = net_of(shx.Exchange(("A1", PRAC), "AA", "facilitated_introduction"))
    p = {**ALL_ONE, "passive_engaged": 0.0, "motivational_effect": 0.25, "hosted_effect": 0.6}
    n = 20_000
    res = facilitated_access(
        net, "facilitated", clients_per_agency=n, seed=4, n_runs=2, style=style, **p
    )
    share = res.counts[:, 0, 3].sum() / (2 * n)
    assert abs(share - expected) < 0.02
    # hosting acts only where the chosen group meets on the premises
    hosted = net_of(
        shx.Exchange(("A1", PRAC), "AA", "facilitated_introduction"),
        shx.Exchange(("A1", "clients"), "AA", "meeting_space"),
    )
    res = facilitated_access(
        hosted, "facilitated", clients_per_agency=n, seed=4, n_runs=2, style="hosted", **p
    )
    assert abs(res.counts[:, 0, 3].sum() / (2 * n) - 0.6) < 0.02


def test_unknown_style_and_setting() -> None:
    net = net_of(shx.Exchange(("A1", PRAC), "AA", "referral"))
    with pytest.raises(SimulationError, match="unknown style 'gentle'"):
        facilitated_access(net, n_runs=1, style="gentle")
    with pytest.raises(SimulationError, match="unknown setting 'ward'"):
        facilitated_access(net, n_runs=1, setting="ward")
    with pytest.raises(SimulationError, match="without parameters="):
        facilitated_access(net, n_runs=1, parameters=CascadeParameters(), passive_baseline=0.2)


def test_custom_strategy_facilitates_only_the_named_stages() -> None:
    net = net_of(shx.Exchange(("A1", PRAC), "AA", "facilitated_introduction"))
    p = {**ALL_ONE, "passive_follow_up": 0.0}
    res = facilitated_access(
        net, {"introduced": "facilitated"}, clients_per_agency=30, seed=1, n_runs=2, **p
    )
    assert res.strategy == "facilitated:introduced"
    assert res.counts[0].tolist() == [[30, 30, 30, 30, 0]]
    res = facilitated_access(
        net, {"follow_up": "facilitated"}, clients_per_agency=30, seed=1, n_runs=2, **p
    )
    assert res.counts[0].tolist() == [[30, 30, 30, 30, 30]]

"""Property tests of the cascade: dominance of facilitation, and its dependence on the network."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

import selfhelp_exchange as shx
from selfhelp_exchange.catalogue import ExchangeKind
from selfhelp_exchange.simulate import facilitated_access
from tests.strategies import cascade_parameters, linkage_networks

nets = linkage_networks()

PRACTITIONER_KINDS = [k.code for k in ExchangeKind if k.role is shx.Role.PRACTITIONERS]
seeds = st.integers(0, 2**32 - 1)


def run(
    net: shx.ExchangeNetwork,
    strategy: str,
    params: shx.simulate.CascadeParameters,
    seed: int,
    n: int,
    style: str = "peer",
) -> np.ndarray:
    return facilitated_access(
        net, strategy, clients_per_agency=n, seed=seed, n_runs=3, parameters=params, style=style
    ).counts


@given(
    nets,
    cascade_parameters(dominating=True),
    seeds,
    st.integers(0, 60),
    st.sampled_from(shx.simulate.STYLES),
)
def test_facilitated_never_below_passive_when_facilitation_dominates(
    net: shx.ExchangeNetwork,
    params: shx.simulate.CascadeParameters,
    seed: int,
    n: int,
    style: str,
) -> None:
    assert params.facilitation_dominates()
    fac = run(net, "facilitated", params, seed, n, style)
    pas = run(net, "passive", params, seed, n)
    assert (fac >= pas).all()
    # the first four steps are a cascade: non-increasing, at most the clients; attending after
    # the episode needs only to have been told
    assert (np.diff(fac[:, :, :4], axis=2) <= 0).all()
    assert (fac[:, :, 4] <= fac[:, :, 0]).all()
    assert (fac[:, :, 0] <= n).all()


@given(nets, cascade_parameters(), seeds, st.integers(0, 60))
def test_without_practitioner_links_facilitated_equals_passive(
    net: shx.ExchangeNetwork, params: shx.simulate.CascadeParameters, seed: int, n: int
) -> None:
    keep = ~np.isin(net.arrays.kind, PRACTITIONER_KINDS)
    bare = net.select(keep)
    np.testing.assert_array_equal(
        run(bare, "facilitated", params, seed, n), run(bare, "passive", params, seed, n)
    )


@given(nets, cascade_parameters(), seeds)
def test_agencies_linked_to_no_group_introduce_nobody(
    net: shx.ExchangeNetwork, params: shx.simulate.CascadeParameters, seed: int
) -> None:
    res = facilitated_access(
        net, "facilitated", clients_per_agency=20, seed=seed, n_runs=2, parameters=params
    )
    unlinked = ~shx.simulate.agency_links(net).linked
    assert (res.counts[:, unlinked, 1:4] == 0).all()

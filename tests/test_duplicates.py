"""duplicate_exchanges: exact copies found, near copies not; agrees with a plain pairwise check."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import selfhelp_exchange as shx
from tests.strategies import metric_networks


def naive(net: shx.ExchangeNetwork) -> list[tuple[int, int]]:
    xs = net.exchanges
    attrs = net.exchange_attributes
    out = []
    for j, x in enumerate(xs):
        for i in range(j):
            same_attrs = attrs is None or attrs[i] == attrs[j]
            if x == xs[i] and same_attrs and x.weight.hex() == xs[i].weight.hex():
                out.append((i, j))
                break
    return out


def test_three_copies_point_at_the_first() -> None:
    x = shx.Exchange("A", "G", "referral", 12, "2024-01-01", "2024-03-31")
    net = shx.ExchangeNetwork(
        agencies=[shx.Agency("A", "A")],
        groups=[shx.SelfHelpGroup("G", "G", "mutual_help")],
        exchanges=[x, shx.Exchange("G", "A", "in_reach"), x, x],
    )
    assert shx.duplicate_exchanges(net) == [(0, 2), (0, 3)]


@settings(max_examples=40)
@given(st.data())
def test_agrees_with_a_pairwise_check(data: st.DataObject) -> None:
    net = data.draw(metric_networks(max_exchanges=12))
    xs = list(net.exchanges)
    if xs:
        # copy some exchanges to later positions
        picks = data.draw(st.lists(st.integers(0, len(xs) - 1), max_size=4))
        xs += [xs[i] for i in picks]
    net = shx.ExchangeNetwork(net.agencies, net.groups, net.actors, xs, net.initiatives)
    assert shx.duplicate_exchanges(net) == naive(net)

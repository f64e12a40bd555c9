"""duplicate_exchanges: exact copies found, near copies not; agrees with a plain pairwise check."""

from __future__ import annotations

from pathlib import Path

import pytest
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


def _with_a_copied_row() -> shx.ExchangeNetwork:
    net = shx.load_example("riverside")
    ex = [*net.exchanges, net.exchanges[5]]
    return shx.ExchangeNetwork(
        net.agencies, net.groups, net.actors, ex, net.initiatives, observations=net.observations
    )


def test_the_one_door_reads_duplicates_only_when_allowed(tmp_path: Path) -> None:
    net = _with_a_copied_row()
    for name in ("folder", "net.xlsx", "net.json"):
        path = tmp_path / name
        if name == "folder":
            shx.write(net, path, format="tables")
        else:
            shx.write(net, path)
        with pytest.raises(shx.DataFileError, match="repeats"):
            shx.read(path)
        assert shx.read(path, allow_duplicates=True) == net


def test_score_and_report_take_allow_duplicates(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from selfhelp_exchange.cli import main

    folder = tmp_path / "county"
    shx.write_tables(_with_a_copied_row(), folder)
    runner = CliRunner()
    refused = runner.invoke(main, ["score", str(folder), "-o", str(tmp_path / "s.csv")])
    assert refused.exit_code == 2
    assert "repeats row" in refused.output
    ok = runner.invoke(
        main, ["score", str(folder), "-o", str(tmp_path / "s.csv"), "--allow-duplicates"]
    )
    assert ok.exit_code == 0, ok.output
    out = tmp_path / "r.html"
    ok = runner.invoke(main, ["report", str(folder), "-o", str(out), "--allow-duplicates"])
    assert ok.exit_code == 0, ok.output
    assert "repeats another exactly" in out.read_text(encoding="utf-8")

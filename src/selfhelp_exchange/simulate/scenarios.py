"""What-if scenarios: change the network, simulate, compare with the baseline.

The scenario helpers return a modified copy of the network (the original is untouched);
:func:`compare_scenarios` runs every scenario with the same seed, so each run of every scenario
shares its random numbers with the same run of the baseline, and the change in clients reaching
a stage is read run by run (paired differences), with intervals over runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from selfhelp_exchange._deprecate import renamed_argument
from selfhelp_exchange._needs import needs_network
from selfhelp_exchange._repr import headline_repr
from selfhelp_exchange.catalogue import ExchangeKind
from selfhelp_exchange.network import NODE_TYPE_CODES, ExchangeNetwork
from selfhelp_exchange.records import Exchange, SelfHelpGroup
from selfhelp_exchange.simulate._docs import shared_docs
from selfhelp_exchange.simulate.cascade import agency_links
from selfhelp_exchange.simulate.ensemble import ExecutorLike, SeedLike, runs_sharing_a_seed
from selfhelp_exchange.simulate.parameters import STAGES, CascadeParameters, SimulationError
from selfhelp_exchange.simulate.result import (
    ALL_AGENCIES,
    SimulationResult,
    check_confidence,
    percentile_interval,
)
from selfhelp_exchange.vocabulary import NodeType, Role

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["ScenarioComparison", "adopt_facilitation", "compare_scenarios", "host_meeting"]

Strategy = str | Mapping[str, str]
_AGENCY = NODE_TYPE_CODES[NodeType.AGENCY]
_GROUP = NODE_TYPE_CODES[NodeType.GROUP]


def _agency(net: ExchangeNetwork, agency_id: str) -> None:
    node = net.node(agency_id)  # raises UnknownNodeError for an unknown id
    if net.node_type[net.index(agency_id)] != _AGENCY:
        msg = f"{agency_id!r} is a {type(node).__name__}, not an agency"
        raise SimulationError(msg)


def _with(
    net: ExchangeNetwork,
    exchanges: Iterable[Exchange],
    groups: Iterable[SelfHelpGroup] = (),
) -> ExchangeNetwork:
    return ExchangeNetwork(
        agencies=net.agencies,
        groups=(*net.groups, *groups),
        actors=net.actors,
        exchanges=(*net.exchanges, *exchanges),
        initiatives=net.initiatives,
    )


@shared_docs
@needs_network
def adopt_facilitation(
    net: ExchangeNetwork,
    agency_id: str,
    groups: Iterable[str] | None = None,
    *,
    weight: float = 1.0,
) -> ExchangeNetwork:
    """The network after an agency's practitioners adopt facilitated introductions.

    Adds a ``facilitated_introduction`` exchange from the agency's practitioners to each group
    it refers to (``referral`` exchanges), or, if it refers to none, to each group it is linked
    to at all; groups that already have one are left as they are.

    Parameters
    ----------
    net : ExchangeNetwork
    agency_id : str
    groups : iterable of str, optional
        The groups to introduce clients to, instead of the default.
    weight : float
        Weight of the new exchanges.

    %(new_network)s

    Raises
    ------
    SimulationError
        If ``agency_id`` is not an agency, a named group is not a group, or the agency is linked
        to no group and none is named.
    UnknownNodeError
        If an id names no node.

    Examples
    --------
    %(one_agency_network:referral)s
    >>> new = shx.simulate.adopt_facilitation(net, "A1")
    >>> [e.kind.value for e in new.exchanges]
    ['referral', 'facilitated_introduction']
    """
    _agency(net, agency_id)
    links = agency_links(net)
    a = links.agency_ids.index(agency_id)
    lo, hi = links.pair_ptr[a], links.pair_ptr[a + 1]
    if groups is None:
        x = net.arrays
        me = net.index(agency_id)
        referral = x.kind == ExchangeKind.REFERRAL.code
        refers = np.unique(x.target[referral & (x.source == me)])
        targets = [str(net.node_ids[i]) for i in refers if net.node_type[i] == _GROUP]
        if not targets:
            targets = [links.group_ids[g] for g in links.pair_group[lo:hi]]
        if not targets:
            msg = f"agency {agency_id!r} is linked to no group; name the groups to introduce clients to"
            raise SimulationError(msg)
    else:
        targets = list(groups)
        for g in targets:
            if net.node_type[net.index(g)] != _GROUP:
                msg = f"{g!r} is not a self-help group of the network"
                raise SimulationError(msg)
    already = {
        links.group_ids[g]
        for g, has in zip(links.pair_group[lo:hi], links.practitioner_channel[lo:hi], strict=True)
        if has
    }
    new = [
        Exchange((agency_id, Role.PRACTITIONERS), g, ExchangeKind.FACILITATED_INTRODUCTION, weight)
        for g in dict.fromkeys(targets)
        if g not in already
    ]
    return _with(net, new)


@shared_docs
@needs_network
def host_meeting(
    net: ExchangeNetwork,
    agency_id: str,
    group: str | SelfHelpGroup,
    *,
    weight: float = 1.0,
) -> ExchangeNetwork:
    """The network after an agency starts hosting a group's meeting on its premises.

    Adds a ``meeting_space`` exchange from the agency's client subunit to the group, and the
    group itself when a new :class:`SelfHelpGroup` record is given (for example a SMART
    Recovery meeting the area does not have yet).

    Parameters
    ----------
    net : ExchangeNetwork
    agency_id : str
    group : str or SelfHelpGroup
        An existing group's id, or a group record (new, or equal to the network's record of
        that id).
    weight : float
        Weight of the new exchange.

    %(new_network)s

    Raises
    ------
    SimulationError
        If ``agency_id`` is not an agency, ``group`` names something other than a group, or a
        record differs from the network's group of the same id.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> net = shx.ExchangeNetwork(agencies=[shx.Agency("A1", "Agency")])
    >>> smart = shx.SelfHelpGroup("SMART-1", "SMART Recovery", "mutual_help",
    ...                           fellowship="SMART Recovery", approach="non_twelve_step")
    >>> new = shx.simulate.host_meeting(net, "A1", smart)
    >>> new.n_groups, new.exchanges[0].kind.value
    (1, 'meeting_space')
    """
    _agency(net, agency_id)
    gid, added = _hosted(net, group)
    space = Exchange((agency_id, Role.CLIENTS), gid, ExchangeKind.MEETING_SPACE, weight)
    return _with(net, [space], added)


def _hosted(net: ExchangeNetwork, group: object) -> tuple[str, list[SelfHelpGroup]]:
    added: list[SelfHelpGroup] = []
    if isinstance(group, SelfHelpGroup):
        gid = group.id
        try:
            i = net.index(gid)
        except KeyError:
            added.append(group)
        else:
            if net.node_type[i] != _GROUP or net.node(gid) != group:
                msg = (
                    f"the network already has a different node with id {gid!r}; pass its id "
                    "to host that group, or give the new group another id"
                )
                raise SimulationError(msg)
    elif isinstance(group, str):
        gid = group
        if net.node_type[net.index(gid)] != _GROUP:
            msg = f"{gid!r} is not a self-help group of the network"
            raise SimulationError(msg)
    else:
        msg = f"group must be a group id or a SelfHelpGroup (got {type(group).__name__})"
        raise SimulationError(msg)
    return gid, added


@shared_docs
@attrs.frozen(eq=False)
class ScenarioComparison:
    """Simulations of several scenarios with the same seed, and their differences.

    Attributes
    ----------
    results : dict of str to SimulationResult
        One per scenario, in the order given.
    baseline : str
        The scenario the others are compared with.
    stage : str
        The stage compared (e.g. ``"engaged"``).

    Examples
    --------
    %(one_agency_network:facilitated_introduction)s
    >>> cmp = shx.simulate.compare_scenarios(
    ...     {"now": net, "passive only": (net, "passive")},
    ...     stage="engaged", clients_per_agency=200, seed=1, n_runs=10)
    >>> cmp.baseline, list(cmp.results)
    ('now', ['now', 'passive only'])
    >>> s = cmp.summary().set_index(["scenario", "agency_id"])
    >>> bool(s.loc[("passive only", "(all)"), "difference_high"] < 0)
    True
    >>> len(cmp.to_frame())  # 2 scenarios x 10 runs x (1 agency + "(all)")
    40
    >>> cmp  # doctest: +ELLIPSIS
    ScenarioComparison(baseline='now', stage='engaged', n_scenarios=2, n_runs=10, ...)
    """

    results: dict[str, SimulationResult]
    baseline: str
    stage: str

    def __repr__(self) -> str:
        base = _with_total(self.results[self.baseline], self.stage)[:, -1]
        first = next(iter(self.results.values()))
        return headline_repr(
            type(self).__name__,
            {
                "baseline": self.baseline,
                "stage": self.stage,
                "n_scenarios": len(self.results),
                "n_runs": first.n_runs,
                "n_agencies": len(first.agency_ids),
                "baseline_mean": float(base.mean()),
                "mean_difference": {
                    name: float((_with_total(res, self.stage)[:, -1] - base).mean())
                    for name, res in self.results.items()
                    if name != self.baseline
                },
            },
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per scenario, run and agency (and ``"(all)"``).

        Columns ``scenario``, ``strategy``, ``run``, ``agency_id``, ``stage``, ``count`` and
        ``difference`` (the count minus the baseline's in the same run).
        """
        import pandas as pd

        base = self.results[self.baseline]
        frames = []
        for name, res in self.results.items():
            counts = _with_total(res, self.stage)
            diff = counts - _with_total(base, self.stage)
            n_runs, n_cols = counts.shape
            frames.append(
                pd.DataFrame(
                    {
                        "scenario": name,
                        "strategy": res.strategy,
                        "run": np.repeat(np.arange(n_runs), n_cols),
                        "agency_id": np.tile(
                            np.array([*res.agency_ids, ALL_AGENCIES], dtype=object), n_runs
                        ),
                        "stage": self.stage,
                        "count": counts.reshape(-1),
                        "difference": diff.reshape(-1),
                    }
                )
            )
        return pd.concat(frames, ignore_index=True)

    @renamed_argument("level", "confidence")
    @shared_docs
    def summary(self, confidence: float = 0.95) -> pd.DataFrame:
        """Per scenario and agency: the mean count at the stage and the change from baseline.

        Parameters
        ----------
        %(confidence:percentile intervals over runs)s

        Returns
        -------
        pandas.DataFrame
            Columns ``scenario``, ``agency_id`` (``"(all)"`` for every agency together),
            ``stage``, ``mean``, ``low``, ``high``, ``difference`` (mean paired difference from
            the baseline), ``difference_low``, ``difference_high``.
        """
        import pandas as pd

        confidence = check_confidence(confidence)
        base = _with_total(self.results[self.baseline], self.stage).astype(np.float64)
        rows = []
        for name, res in self.results.items():
            counts = _with_total(res, self.stage).astype(np.float64)
            diff = counts - base
            lo, hi = percentile_interval(counts, confidence)
            dlo, dhi = percentile_interval(diff, confidence)
            for j, agency in enumerate([*res.agency_ids, ALL_AGENCIES]):
                rows.append(
                    {
                        "scenario": name,
                        "agency_id": agency,
                        "stage": self.stage,
                        "mean": counts[:, j].mean(),
                        "low": lo[j],
                        "high": hi[j],
                        "difference": diff[:, j].mean(),
                        "difference_low": dlo[j],
                        "difference_high": dhi[j],
                    }
                )
        return pd.DataFrame(rows)


def _with_total(res: SimulationResult, stage: str) -> np.ndarray:
    s = res.counts[:, :, STAGES.index(stage)]
    return np.concatenate([s, s.sum(axis=1, keepdims=True)], axis=1)


@shared_docs
def compare_scenarios(
    scenarios: Mapping[str, ExchangeNetwork | tuple[ExchangeNetwork, Strategy]],
    *,
    baseline: str | None = None,
    stage: str = "engaged",
    strategy: Strategy = "facilitated",
    clients_per_agency: int | Mapping[str, int] = 100,
    seed: SeedLike = None,
    n_runs: int = 100,
    executor: ExecutorLike | None = None,
    parameters: CascadeParameters | None = None,
    setting: str = "community",
    style: str = "peer",
    passive_baseline: float | None = None,
    parameter_uncertainty: bool = False,
    **overrides: float,
) -> ScenarioComparison:
    """Simulate several scenarios with one seed and compare the clients reaching a stage.

    Parameters
    ----------
    scenarios : mapping of name to ExchangeNetwork or (ExchangeNetwork, strategy)
        Each scenario's network, optionally with its own strategy.
    baseline : str, optional
        The scenario to compare with; default the first.
    stage : str
        The stage whose count is compared (default ``"engaged"``).
    strategy : str or mapping
        The strategy of scenarios that do not give one.
    clients_per_agency, seed, n_runs, executor, parameters, setting, style, passive_baseline, parameter_uncertainty, **overrides
        As for :func:`facilitated_access`; the same root seed is used for every scenario (with
        ``parameter_uncertainty``, run *i* of every scenario draws the same parameters, so the
        paired differences carry the parameters' uncertainty too).

    Returns
    -------
    ScenarioComparison

    Raises
    ------
    SimulationError
        If there is no scenario, the baseline or stage is unknown, or the scenarios' networks
        do not have the same agencies.

    Notes
    -----
    The difference is taken run by run: run *i* of every scenario draws the same random
    numbers for each agency (common random numbers), so the interval of the difference reflects
    the scenario's effect rather than two independent samples' noise.

    Examples
    --------
    %(one_agency_network:referral)s
    >>> cmp = shx.simulate.compare_scenarios(
    ...     {"now": net, "adopt": shx.simulate.adopt_facilitation(net, "A1")},
    ...     stage="first_meeting", clients_per_agency=500, seed=3, n_runs=10)
    >>> s = cmp.summary().set_index(["scenario", "agency_id"])
    >>> bool(s.loc[("adopt", "(all)"), "difference_low"] > 0)
    True
    """
    if not scenarios:
        msg = "compare_scenarios needs at least one scenario"
        raise SimulationError(msg)
    names = list(scenarios)
    base = names[0] if baseline is None else baseline
    if base not in scenarios:
        msg = f"baseline {base!r} is not a scenario (valid: {', '.join(names)})"
        raise SimulationError(msg)
    if stage not in STAGES:
        msg = f"unknown stage {stage!r} (valid: {', '.join(STAGES)})"
        raise SimulationError(msg)
    run = runs_sharing_a_seed(
        seed=seed, n_runs=n_runs, executor=executor, clients_per_agency=clients_per_agency
    )
    extra: dict[str, Any] = dict(overrides)
    results: dict[str, SimulationResult] = {}
    for name, spec in scenarios.items():
        net, strat = spec if isinstance(spec, tuple) else (spec, strategy)
        results[name] = run(
            net,
            strat,
            parameters=parameters,
            setting=setting,
            style=style,
            passive_baseline=passive_baseline,
            parameter_uncertainty=parameter_uncertainty,
            **extra,
        )
    ids = results[base].agency_ids
    for name, res in results.items():
        if res.agency_ids != ids:
            msg = f"scenario {name!r} has other agencies than the baseline {base!r}; scenarios must change links, not agencies"
            raise SimulationError(msg)
    return ScenarioComparison(results=results, baseline=base, stage=stage)

"""Ensembles of cascade runs over seeds, serially or through any executor."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor
from typing import Any, Protocol

import attrs
import numpy as np
import numpy.typing as npt

from selfhelp_exchange._deprecate import positional_deprecated
from selfhelp_exchange._needs import network_type_message
from selfhelp_exchange._random import SeedLike, seed_sequence
from selfhelp_exchange.exceptions import ArgumentTypeError
from selfhelp_exchange.network import ExchangeNetwork
from selfhelp_exchange.simulate.cascade import (
    AgencyLinks,
    StrategyMask,
    agency_links,
    normalize_strategy,
    run_cascade,
)
from selfhelp_exchange.simulate.evidence import derive, draw_inputs
from selfhelp_exchange.simulate.parameters import (
    SETTINGS,
    STYLES,
    CascadeParameters,
    SimulationError,
)
from selfhelp_exchange.simulate.result import SimulationResult

__all__ = [
    "ExecutorLike",
    "HasExecutor",
    "ParameterDraw",
    "SeedLike",
    "facilitated_access",
    "root_seed",
    "run_chunk",
    "runs_sharing_a_seed",
]


class HasExecutor(Protocol):
    """Anything with ``get_executor()`` returning an Executor, such as a Dask ``Client``."""

    def get_executor(self) -> Executor:
        """An Executor running tasks on the object's workers."""
        ...


#: What ``executor=`` accepts.
ExecutorLike = Executor | HasExecutor


def positive_int(value: object, what: str, *, allow_zero: bool = False) -> int:
    """Validate a count argument: an int, > 0 (or >= 0 with ``allow_zero``)."""
    low = 0 if allow_zero else 1
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < low:
        kind = "non-negative" if allow_zero else "positive"
        msg = f"{what} must be a {kind} int (got {value!r})"
        raise SimulationError(msg)
    return int(value)


def root_seed(seed: SeedLike) -> np.random.SeedSequence:
    """The root :class:`numpy.random.SeedSequence` of an ensemble.

    An int (or None, for fresh entropy) seeds it directly; a SeedSequence is used as it is; a
    :class:`numpy.random.Generator` is consumed: its next four 64-bit draws become the entropy,
    so passing the same generator twice gives two different ensembles (SPEC 7).

    Raises
    ------
    SimulationError
        For anything else, or a negative int.
    """
    return seed_sequence(seed, error=SimulationError)


def runs_sharing_a_seed(
    *, seed: SeedLike, n_runs: int, executor: ExecutorLike | None, **fixed: Any
) -> Callable[..., SimulationResult]:
    """:func:`facilitated_access` with these arguments fixed and one root seed for every call.

    What scenarios, sweeps, intervals and trial replays share: each call's run *i* draws the
    same random numbers (common random numbers), so the calls' results can be compared run by
    run. A Generator given as ``seed`` is consumed once, here. A call may override ``fixed``.
    """
    return functools.partial(
        facilitated_access, seed=root_seed(seed), n_runs=n_runs, executor=executor, **fixed
    )


#: Appended to a run's spawn key for its parameter draw; agency streams use 64-bit digests.
_DRAW_KEY = 2**64


@attrs.frozen
class ParameterDraw:
    """How a run draws its parameters under ``parameter_uncertainty=True``.

    Every input of :data:`~selfhelp_exchange.simulate.evidence.INPUTS` is drawn from its
    distribution, the setting's parameters are derived from the draw
    (:func:`~selfhelp_exchange.simulate.evidence.derive`), and the parameters named in
    ``fixed`` are then set to the values given.
    """

    setting: str
    passive_baseline: float | None
    fixed: tuple[tuple[str, float], ...] = ()

    def sample(self, entropy: int | Sequence[int], run_key: tuple[int, ...]) -> CascadeParameters:
        """The parameters of the run with this key (a function of the seed and key only)."""
        seq = np.random.SeedSequence(entropy, spawn_key=(*run_key, _DRAW_KEY))
        rng = np.random.Generator(np.random.PCG64(seq))
        values = derive(self.setting, draw_inputs(rng), passive_baseline=self.passive_baseline)
        values.update(dict(self.fixed))
        return CascadeParameters(**values)


def run_chunk(
    links: AgencyLinks,
    parameters: CascadeParameters,
    mask: StrategyMask,
    clients: npt.NDArray[np.int64],
    entropy: int | Sequence[int],
    run_keys: Sequence[tuple[int, ...]],
    style: str = "peer",
    draw: ParameterDraw | None = None,
) -> npt.NDArray[np.int64]:
    """Several runs of the cascade, stacked: the unit of work sent to an executor.

    Module-level so that process pools and Dask can pickle it. With ``draw``, each run uses
    the parameters :meth:`ParameterDraw.sample` gives for its key instead of ``parameters``.
    """
    return np.stack(
        [
            run_cascade(
                links,
                parameters if draw is None else draw.sample(entropy, key),
                mask,
                clients,
                entropy,
                key,
                style,
            )
            for key in run_keys
        ]
    )


def _clients(
    net: ExchangeNetwork, clients_per_agency: int | Mapping[str, int]
) -> npt.NDArray[np.int64]:
    ids = [a.id for a in net.agencies]

    if isinstance(clients_per_agency, Mapping):
        unknown = sorted(set(clients_per_agency) - set(ids))
        if unknown:
            msg = f"clients_per_agency names unknown agencies {unknown} (valid: {', '.join(ids)})"
            raise SimulationError(msg)
        return np.array(
            [
                positive_int(
                    clients_per_agency.get(i, 0), f"clients_per_agency[{i!r}]", allow_zero=True
                )
                for i in ids
            ],
            dtype=np.int64,
        ).reshape(len(ids))
    n = positive_int(clients_per_agency, "clients_per_agency", allow_zero=True)
    return np.full(len(ids), n, dtype=np.int64)


def _check_network(net: object, function: str = "facilitated_access") -> None:
    if not isinstance(net, ExchangeNetwork):
        raise ArgumentTypeError(network_type_message(function, "net", net))


def _executor(executor: object) -> Executor | None:
    if executor is None or isinstance(executor, Executor):
        return executor
    get = getattr(executor, "get_executor", None)  # a Dask distributed Client
    if callable(get):
        made = get()
        if isinstance(made, Executor):
            return made
    msg = (
        "executor must be a concurrent.futures.Executor, a Dask Client or None "
        f"(got {type(executor).__name__})"
    )
    raise SimulationError(msg)


@positional_deprecated("clients_per_agency", "seed", "n_runs", "executor")
def facilitated_access(
    net: ExchangeNetwork,
    strategy: str | Mapping[str, str] = "facilitated",
    *,
    clients_per_agency: int | Mapping[str, int] = 100,
    seed: SeedLike = None,
    n_runs: int = 100,
    executor: ExecutorLike | None = None,
    parameters: CascadeParameters | None = None,
    setting: str = "community",
    style: str = "peer",
    passive_baseline: float | None = None,
    parameter_uncertainty: bool = False,
    chunksize: int | None = None,
    progress: bool = False,
    **overrides: float,
) -> SimulationResult:
    """Simulate clients' access to mutual aid at every agency, under a referral strategy.

    Each client goes through the cascade informed -> introduced -> a first meeting during the
    episode -> attending weekly, and may attend after the episode
    (:data:`~selfhelp_exchange.simulate.STAGES`). The probability
    of each step depends on the strategy and on what the network lets the agency offer:
    facilitated introductions and peer bridging only where the network has them, and a choice
    only among the groups the agency is linked to (see :func:`run_cascade` for the exact rules
    and :class:`CascadeParameters` for the defaults and their sources).

    Parameters
    ----------
    net : ExchangeNetwork
        The network (a networkx graph is refused: build the network with
        :meth:`ExchangeNetwork.from_frames` or a reader).
    strategy : {"facilitated", "passive"} or mapping
        ``"passive"``: information only. ``"facilitated"``: PHE-style active facilitation (an
        explicit conversation, a connection to a member or a meeting, follow-up). A mapping
        from stage name to ``"passive"`` / ``"facilitated"`` facilitates only some stages.
    clients_per_agency : int or mapping of agency id to int
        Clients simulated at each agency, in every run (agencies left out of a mapping get 0).
        This and the arguments after it are keyword-only; passing ``clients_per_agency``,
        ``seed``, ``n_runs`` or ``executor`` by position still works in this release, with a
        ``FutureWarning``.
    seed : int, numpy.random.Generator, numpy.random.SeedSequence or None
        The ensemble's root seed. Run *i* draws from the *i*-th child of its SeedSequence and
        each agency from its own stream keyed by its id, so a run's counts do not depend on
        ``n_runs``, ``chunksize`` or the executor, and two strategies or two networks with the
        same seed share their random numbers (common random numbers), which sharpens
        comparisons.
    n_runs : int
        Number of runs in the ensemble.
    executor : concurrent.futures.Executor or dask.distributed.Client, optional
        Where to run the chunks of runs: a thread or process pool, or a Dask cluster (a
        ``Client``, or its ``get_executor()``; Dask is an optional extra:
        ``pip install selfhelp-exchange[parallel]``). None runs them here, one after the
        other. The result is the same either way.
    parameters : CascadeParameters, optional
        The step probabilities; default ``CascadeParameters.for_setting(setting,
        passive_baseline=passive_baseline)``.
    setting : {"community", "outpatient", "inpatient"}
        Whose defaults to use (default ``"community"``: keyworker referral in a community
        service); see :meth:`CascadeParameters.for_setting`.
    style : {"peer", "directive", "motivational", "hosted"}
        How the keyworker facilitates. ``"peer"`` (default): links the client to a member
        through the chosen group's peer channel where the network has one (as in Manning et
        al.'s peer arm, Timko & DeBenedetti's intensive referral and Sisson & Mallams'
        systematic encouragement), else directs as ``"directive"``; ``"directive"``: the
        keyworker's own active referral (Manning et al.'s doctor arm; Walitzer et al.'s
        directive approach), at the facilitated rates; ``"motivational"``: a share
        ``motivational_effect`` (default 0: Walitzer et al. found no effect) of the directive
        effect; ``"hosted"``: a share ``hosted_effect`` (assumption, 0.5) of the directive
        effect, only for clients whose chosen group meets on the premises.
    passive_baseline : float, optional
        The local chance that a passively referred client goes to a first meeting during the
        episode (documented range 0 to 0.73); default the setting's.
    parameter_uncertainty : bool
        Draw the parameters anew in each run from the distributions of their inputs
        (:func:`~selfhelp_exchange.simulate.parameter_sources`), so that intervals combine
        parameter and chance variation. ``**overrides`` stay fixed; ``parameters`` cannot be
        given with it.
    chunksize : int, optional
        Runs per task sent to the executor; default ``ceil(n_runs / 32)``.
    progress : bool
        Show a progress bar over chunks (tqdm).
    **overrides : float
        Single parameters to change, by name (``facilitated_engaged=0.8``).

    Returns
    -------
    SimulationResult
        ``.to_frame()``: one row per run, agency and stage; ``.summary()``: means and intervals.

    Raises
    ------
    SimulationError
        For an unknown strategy, stage or parameter, a probability outside [0, 1], a bad
        seed, or non-positive ``n_runs`` / ``chunksize``.
    ArgumentTypeError
        If ``net`` is not an :class:`~selfhelp_exchange.ExchangeNetwork`.

    Notes
    -----
    Facilitation needs the network: at an agency whose practitioners have no exchange with any
    group, the facilitated strategy is passive referral; an introduction by the keyworker needs
    a ``facilitated_introduction`` exchange with the chosen group (else the client connects
    themselves, at the passive rate); a peer channel (``peer_bridging`` or ``in_reach``) uses the
    peer rates in the ``peer`` style; an agency linked to no group introduces nobody. The steps
    ``informed`` -> ``introduced`` -> ``first_meeting`` -> ``engaged`` are nested;
    ``follow_up`` (attending after the episode) is reached from a first meeting, or without one
    at ``later_attendance`` (see :data:`~selfhelp_exchange.simulate.STAGES`).

    With ``parameter_uncertainty``, run *i* draws its parameters from a stream keyed by the
    root seed and *i* alone, so the draws, like the counts, do not depend on chunking or the
    executor; the result keeps them (``parameter_draws``).

    References
    ----------
    .. [1] Public Health England (2013). *Facilitating access to mutual aid*. London: PHE.
    .. [2] Manning, V., et al. (2012). *Drug and Alcohol Dependence*, 126(1-2), 131-137.
    .. [3] Timko, C., & DeBenedetti, A. (2007). *Drug and Alcohol Dependence*, 90(2-3),
       270-279.
    .. [4] Walitzer, K. S., Dermen, K. H., & Barrick, C. (2009). *Addiction*, 104(3), 391-401.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> net = shx.ExchangeNetwork(
    ...     agencies=[shx.Agency("A1", "Northside Recovery"), shx.Agency("A2", "Eastside Clinic")],
    ...     groups=[shx.SelfHelpGroup("G1", "Tuesday AA", "mutual_help", approach="twelve_step")],
    ...     exchanges=[
    ...         shx.Exchange(("A1", "practitioners"), "G1", "facilitated_introduction"),
    ...         shx.Exchange(("A2", "practitioners"), "G1", "referral")])
    >>> fac = shx.simulate.facilitated_access(net, "facilitated", clients_per_agency=200,
    ...                                       seed=7, n_runs=20)
    >>> pas = shx.simulate.facilitated_access(net, "passive", clients_per_agency=200,
    ...                                       seed=7, n_runs=20)
    >>> s = fac.summary()
    >>> s.columns.tolist()[:8]
    ['agency_id', 'strategy', 'stage', 'clients', 'mean', 'sd', 'low', 'high']
    >>> bool((fac.stage_counts("follow_up") >= pas.stage_counts("follow_up")).all())
    True
    >>> fac  # doctest: +ELLIPSIS
    SimulationResult(strategy='facilitated', style='peer', setting='community', n_runs=20, ...)
    """
    _check_network(net)
    label, mask = normalize_strategy(strategy)
    n_runs = positive_int(n_runs, "n_runs")
    if chunksize is not None:
        chunksize = positive_int(chunksize, "chunksize")
    pool = _executor(executor)
    if style not in STYLES:
        msg = f"unknown style {style!r} (valid: {', '.join(STYLES)})"
        raise SimulationError(msg)
    if setting not in SETTINGS:
        msg = f"unknown setting {setting!r} (valid: {', '.join(SETTINGS)})"
        raise SimulationError(msg)
    if parameters is not None and (passive_baseline is not None or parameter_uncertainty):
        msg = (
            "give passive_baseline or parameter_uncertainty without parameters= (they build the "
            "parameters from the setting); change single parameters by name instead"
        )
        raise SimulationError(msg)
    base = (
        parameters
        if parameters is not None
        else CascadeParameters.for_setting(setting, passive_baseline=passive_baseline)
    )
    params = base.replace(**overrides)
    draw = (
        ParameterDraw(setting, passive_baseline, tuple(sorted(overrides.items())))
        if parameter_uncertainty
        else None
    )
    clients = _clients(net, clients_per_agency)
    links = agency_links(net)
    root = root_seed(seed)
    entropy = root.entropy
    if entropy is None:  # pragma: no cover - SeedSequence always fills it in
        msg = "the seed has no entropy"
        raise SimulationError(msg)
    run_keys = [(*root.spawn_key, i) for i in range(int(n_runs))]
    size = int(chunksize) if chunksize is not None else max(1, math.ceil(n_runs / 32))
    chunks = [run_keys[i : i + size] for i in range(0, len(run_keys), size)]

    from tqdm.auto import tqdm

    args = (links, params, mask, clients, entropy)
    if pool is None:
        parts = [
            run_chunk(*args, c, style, draw)
            for c in tqdm(chunks, disable=not progress, unit="chunk")
        ]
    else:
        futures = [pool.submit(run_chunk, *args, c, style, draw) for c in chunks]
        parts = [f.result() for f in tqdm(futures, disable=not progress, unit="chunk")]
    counts = np.concatenate(parts, axis=0)
    ent: int | tuple[int, ...] = entropy if isinstance(entropy, int) else tuple(entropy)
    draws = None
    if draw is not None:
        names = CascadeParameters.names()
        draws = np.array([[getattr(draw.sample(entropy, k), n) for n in names] for k in run_keys])
    return SimulationResult(
        strategy=label,
        agency_ids=links.agency_ids,
        clients=clients,
        counts=counts,
        parameters=params,
        entropy=ent,
        style=style,
        setting=setting,
        parameter_draws=draws,
    )

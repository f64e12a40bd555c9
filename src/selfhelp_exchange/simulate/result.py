"""The result of an ensemble of cascade runs: counts per run, agency and stage."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
import numpy as np
import numpy.typing as npt

from selfhelp_exchange._deprecate import renamed_argument
from selfhelp_exchange._repr import headline_repr
from selfhelp_exchange.simulate._docs import shared_docs
from selfhelp_exchange.simulate.parameters import STAGES, CascadeParameters, SimulationError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ALL_AGENCIES",
    "SimulationResult",
    "check_confidence",
    "check_level",
    "percentile_interval",
]

#: The ``agency_id`` label of rows pooled over every agency.
ALL_AGENCIES = "(all)"


def check_confidence(confidence: object) -> float:
    """Validate an interval's confidence (its coverage) in (0, 1)."""
    if (
        isinstance(confidence, bool)
        or not isinstance(confidence, int | float)
        or not 0 < confidence < 1
    ):
        msg = (
            f"confidence must be a number strictly between 0 and 1, e.g. 0.95 (got {confidence!r})"
        )
        raise SimulationError(msg)
    return float(confidence)


#: The old name of :func:`check_confidence`.
check_level = check_confidence


def percentile_interval(
    values: npt.NDArray[np.float64], confidence: float, axis: int = 0
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """The central percentile interval of the runs: the (1-c)/2 and (1+c)/2 quantiles.

    Quantiles use numpy's default (linear) interpolation.
    """
    lo, hi = (1 - confidence) / 2, (1 + confidence) / 2
    q = np.quantile(values, [lo, hi], axis=axis)
    return q[0], q[1]


@shared_docs
@attrs.frozen(eq=False)
class SimulationResult:
    """Clients reaching each stage of the cascade, per run and agency.

    Attributes
    ----------
    strategy : str
        ``"passive"``, ``"facilitated"`` or ``"facilitated:<stages>"`` for a custom strategy.
    agency_ids : tuple of str
    clients : ndarray of int64, shape (n_agencies,)
        Simulated clients per agency (the same in every run).
    counts : ndarray of int64, shape (n_runs, n_agencies, 5)
        Clients reaching each stage (:data:`STAGES`).
    parameters : CascadeParameters
        The central parameters (with ``parameter_uncertainty`` each run drew its own).
    entropy : int or tuple of int
        The root seed's entropy: ``facilitated_access(..., seed=np.random.SeedSequence(entropy))``
        gives the same counts again (useful when ``seed=None``).
    style : str
        The facilitation style (:data:`~selfhelp_exchange.simulate.STYLES`).
    setting : str
        The setting whose defaults were used (:data:`~selfhelp_exchange.simulate.SETTINGS`).
    parameter_draws : ndarray of float, shape (n_runs, n_parameters), or None
        With ``parameter_uncertainty=True``: each run's parameters, in the order of
        :meth:`CascadeParameters.names`; None otherwise.

    Notes
    -----
    The clients are simulated, so there is nothing to suppress: small-cell rules for real
    client data do not apply to these counts.

    Examples
    --------
    %(one_agency_network:facilitated_introduction)s
    >>> res = shx.simulate.facilitated_access(net, "facilitated", clients_per_agency=200,
    ...                                       seed=1, n_runs=20, setting="inpatient")
    >>> res.strategy, res.agency_ids, res.n_runs, res.counts.shape
    ('facilitated', ('A1',), 20, (20, 1, 5))
    >>> res.stage_counts("informed", "A1")[:3].tolist()  # every client is told
    [200, 200, 200]
    >>> s = res.summary().set_index(["agency_id", "stage"])
    >>> round(float(s.loc[("A1", "first_meeting"), "mean_share"]), 2)  # Manning et al.: 88%
    0.88
    """

    strategy: str
    agency_ids: tuple[str, ...]
    clients: npt.NDArray[np.int64]
    counts: npt.NDArray[np.int64]
    parameters: CascadeParameters
    entropy: int | tuple[int, ...]
    style: str = "peer"
    setting: str = "community"
    parameter_draws: npt.NDArray[np.float64] | None = attrs.field(default=None, repr=False)

    def __repr__(self) -> str:
        return headline_repr(
            type(self).__name__,
            {
                "strategy": self.strategy,
                "style": self.style,
                "setting": self.setting,
                "n_runs": self.n_runs,
                "n_agencies": len(self.agency_ids),
                "clients": int(self.clients.sum()),
                "mean_share": dict(zip(STAGES, self.mean_shares().tolist(), strict=True)),
                "parameter_uncertainty": self.parameter_draws is not None,
            },
        )

    @property
    def n_runs(self) -> int:
        """Number of runs."""
        return int(self.counts.shape[0])

    def mean_shares(self) -> npt.NDArray[np.float64]:
        """Mean share of all simulated clients reaching each stage, every agency together.

        In the order of :data:`STAGES`; NaN when no client was simulated.
        """
        total = int(self.clients.sum())
        if total == 0 or self.n_runs == 0:
            return np.full(len(STAGES), np.nan)
        return np.asarray(self.counts.sum(axis=1).mean(axis=0) / total, dtype=np.float64)

    @property
    def stages(self) -> tuple[str, ...]:
        """The stage names, in order."""
        return STAGES

    def stage_counts(self, stage: str, agency_id: str | None = None) -> npt.NDArray[np.int64]:
        """Clients reaching ``stage`` in each run: at one agency, or at all together (None)."""
        s = _stage_index(stage)
        if agency_id is None:
            return np.asarray(self.counts[:, :, s].sum(axis=1), dtype=np.int64)
        return np.asarray(self.counts[:, self._agency_index(agency_id), s], dtype=np.int64)

    def _agency_index(self, agency_id: str) -> int:
        try:
            return self.agency_ids.index(agency_id)
        except ValueError:
            msg = f"{agency_id!r} is not an agency of this simulation (valid: {', '.join(self.agency_ids)})"
            raise SimulationError(msg) from None

    @shared_docs
    def to_frame(self) -> pd.DataFrame:
        """One row per run, agency and stage.

        Returns
        -------
        pandas.DataFrame
            Columns ``run``, ``agency_id``, ``strategy``, ``stage``, ``count`` and ``share``
            (count over the agency's simulated clients; NaN for an agency given no clients).

        Examples
        --------
        %(one_agency_network:referral)s
        >>> res = shx.simulate.facilitated_access(net, clients_per_agency=50, n_runs=2, seed=1)
        >>> res.to_frame().columns.tolist()
        ['run', 'agency_id', 'strategy', 'stage', 'count', 'share']
        >>> len(res.to_frame())
        10
        """
        import pandas as pd

        n_runs, n_a, n_s = self.counts.shape
        count = self.counts.reshape(-1)
        clients = np.broadcast_to(self.clients[None, :, None], self.counts.shape).reshape(-1)
        with np.errstate(invalid="ignore", divide="ignore"):
            share = np.where(clients > 0, count / np.maximum(clients, 1), np.nan)
        return pd.DataFrame(
            {
                "run": np.repeat(np.arange(n_runs), n_a * n_s),
                "agency_id": np.tile(
                    np.repeat(np.array(self.agency_ids, dtype=object), n_s), n_runs
                ),
                "strategy": self.strategy,
                "stage": pd.Categorical(
                    np.tile(np.array(STAGES), n_runs * n_a), categories=STAGES
                ),
                "count": count,
                "share": share,
            }
        )

    @renamed_argument("level", "confidence")
    @shared_docs
    def summary(self, confidence: float = 0.95, *, pooled: bool = True) -> pd.DataFrame:
        """Mean, standard deviation and percentile interval over the runs, per agency and stage.

        Parameters
        ----------
        %(confidence:central percentile interval over runs)s
            The default gives the 2.5th and 97.5th percentiles. It describes the spread
            of the simulated outcome, runs to run, at the simulated number of clients; with
            ``parameter_uncertainty=True`` it also includes the uncertainty of the parameters.
        pooled : bool
            Add rows with ``agency_id`` ``"(all)"``: every agency's clients together.

        Returns
        -------
        pandas.DataFrame
            Columns ``agency_id``, ``strategy``, ``stage``, ``clients``, ``mean``, ``sd``
            (sample standard deviation, ddof=1; NaN for one run), ``low``, ``high`` (counts)
            and ``mean_share``, ``share_low``, ``share_high`` (over the clients).

        Raises
        ------
        SimulationError
            If ``confidence`` is not in (0, 1).
        """
        import pandas as pd

        confidence = check_confidence(confidence)
        counts = self.counts.astype(np.float64)
        clients = self.clients.astype(np.float64)
        ids = list(self.agency_ids)
        if pooled:
            counts = np.concatenate([counts, counts.sum(axis=1, keepdims=True)], axis=1)
            clients = np.append(clients, clients.sum())
            ids.append(ALL_AGENCIES)
        mean = counts.mean(axis=0)
        sd = counts.std(axis=0, ddof=1) if self.n_runs > 1 else np.full(mean.shape, np.nan)
        low, high = percentile_interval(counts, confidence)
        denom = np.where(clients > 0, clients, np.nan)[:, None]
        n_s = len(STAGES)
        return pd.DataFrame(
            {
                "agency_id": np.repeat(np.array(ids, dtype=object), n_s),
                "strategy": self.strategy,
                "stage": pd.Categorical(np.tile(np.array(STAGES), len(ids)), categories=STAGES),
                "clients": np.repeat(clients, n_s).astype(np.int64),
                "mean": mean.reshape(-1),
                "sd": sd.reshape(-1),
                "low": low.reshape(-1),
                "high": high.reshape(-1),
                "mean_share": (mean / denom).reshape(-1),
                "share_low": (low / denom).reshape(-1),
                "share_high": (high / denom).reshape(-1),
            }
        )


def _stage_index(stage: str) -> int:
    if stage not in STAGES:
        msg = f"unknown stage {stage!r} (valid: {', '.join(STAGES)})"
        raise SimulationError(msg)
    return STAGES.index(stage)

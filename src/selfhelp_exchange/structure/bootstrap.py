"""Bootstrap confidence intervals over agencies for any per-agency metric."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from concurrent.futures import Executor
from typing import TYPE_CHECKING, Any, Literal

import attrs
import numpy as np
import numpy.typing as npt

from selfhelp_exchange._needs import needs_network
from selfhelp_exchange._random import SeedLike
from selfhelp_exchange._repr import headline_repr
from selfhelp_exchange.network import ExchangeNetwork
from selfhelp_exchange.structure._adjacency import StructureError
from selfhelp_exchange.structure._parallel import Chunk, run_chunks, spawn_chunks

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["METRICS", "BootstrapResult", "bootstrap_ci", "per_agency"]


def _brokerage_total(net: ExchangeNetwork, **kw: Any) -> dict[Hashable, float]:
    from selfhelp_exchange.structure.brokerage import brokerage

    r = brokerage(net, **kw)
    return dict(zip(r.nodes, r.total.tolist(), strict=True))


def _ei_node(net: ExchangeNetwork, **kw: Any) -> dict[Hashable, float]:
    from selfhelp_exchange.structure.ei_index import ei_index

    r = ei_index(net, **kw)
    return dict(zip(r.nodes, r.node_index.tolist(), strict=True))


def _named(name: str) -> Callable[..., Mapping[Hashable, float]]:
    from selfhelp_exchange.structure.centralization import betweenness, degree
    from selfhelp_exchange.structure.constraint import constraint, effective_size

    table: dict[str, Callable[..., Mapping[Hashable, float]]] = {
        "degree": lambda net, **kw: degree(net, mode="all", **kw),
        "out_degree": lambda net, **kw: degree(net, mode="out", **kw),
        "in_degree": lambda net, **kw: degree(net, mode="in", **kw),
        "betweenness": betweenness,
        "constraint": constraint,
        "effective_size": effective_size,
        "brokerage": _brokerage_total,
        "ei_index": _ei_node,
    }
    if name not in table:
        msg = f"unknown per-agency metric {name!r} (valid: {', '.join(METRICS)})"
        raise StructureError(msg)
    return table[name]


#: Names :func:`bootstrap_ci` and :func:`per_agency` accept as ``metric``.
METRICS: tuple[str, ...] = (
    "degree",
    "out_degree",
    "in_degree",
    "betweenness",
    "constraint",
    "effective_size",
    "brokerage",
    "ei_index",
)


@needs_network
def per_agency(
    net: ExchangeNetwork,
    metric: str | Callable[..., Any],
    **options: Any,
) -> dict[str, float]:
    """A metric's value for each agency of the network.

    Parameters
    ----------
    net : ExchangeNetwork
    metric : str or callable
        One of :data:`METRICS` (node-level structural metrics at organization level), or a
        function ``metric(net, **options)`` returning a mapping (or pandas Series) from node or
        agency id to a number; entries for other nodes are ignored.
    **options
        Passed to the metric (say ``kinds=["referral"]``).

    Returns
    -------
    dict
        Agency id -> value, in the network's agency order; agencies the metric leaves out are
        absent.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> net = shx.load_example("riverside")
    >>> shx.structure.per_agency(net, "degree")
    {'A-RMH': 10.0, 'A-HRT': 14.0, 'A-BRG': 14.0, 'A-RGH': 4.0}
    """
    fn = _named(metric) if isinstance(metric, str) else metric
    values = fn(net, **options)
    if hasattr(values, "to_dict"):
        values = values.to_dict()
    if not isinstance(values, Mapping):
        msg = (
            f"the metric must return a mapping of agency id -> value (got {type(values).__name__})"
        )
        raise StructureError(msg)
    return {a.id: float(values[a.id]) for a in net.agencies if a.id in values}


@attrs.frozen(eq=False, repr=False)
class BootstrapResult:
    """A bootstrap confidence interval.

    Attributes
    ----------
    estimate : float
        The statistic on the observed agencies.
    low, high : float
        The interval's bounds.
    confidence : float
    method : str
        ``"percentile"`` or ``"basic"``.
    distribution : ndarray of float64
        The statistic on each bootstrap sample, in draw order.
    n : int
        Agencies resampled (those with a defined value).
    agencies : tuple
        Their ids (or the keys of the values given).

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> r = shx.structure.bootstrap_ci(shx.load_example("riverside"), "degree",
    ...                                n_boot=1000, seed=1)
    >>> r.estimate, r.n, r.method, r.low <= r.estimate <= r.high
    (10.5, 4, 'percentile', True)
    >>> len(r.distribution), r.standard_error > 0
    (1000, True)
    """

    estimate: float
    low: float
    high: float
    confidence: float
    method: str
    distribution: npt.NDArray[np.float64] = attrs.field(repr=False)
    n: int
    agencies: tuple[Hashable, ...]

    def __repr__(self) -> str:
        return headline_repr(
            "BootstrapResult",
            {
                "estimate": self.estimate,
                "low": self.low,
                "high": self.high,
                "confidence": self.confidence,
                "method": self.method,
                "n": self.n,
                "n_boot": len(self.distribution),
            },
        )

    @property
    def standard_error(self) -> float:
        """Standard deviation of the bootstrap distribution."""
        return float(np.std(self.distribution, ddof=1)) if len(self.distribution) > 1 else 0.0

    def to_frame(self) -> pd.DataFrame:
        """One row: estimate, low, high, confidence, method, n, n_boot, standard_error."""
        import pandas as pd

        return pd.DataFrame(
            {
                "estimate": [self.estimate],
                "low": [self.low],
                "high": [self.high],
                "confidence": [self.confidence],
                "method": [self.method],
                "n": [self.n],
                "n_boot": [len(self.distribution)],
                "standard_error": [self.standard_error],
            }
        )


def _stat(name: str | Callable[..., Any]) -> Callable[..., Any]:
    if callable(name):
        return name
    table: dict[str, Callable[..., Any]] = {"mean": np.mean, "median": np.median, "sum": np.sum}
    if name not in table:
        msg = f"statistic must be 'mean', 'median', 'sum' or a function (got {name!r})"
        raise StructureError(msg)
    return table[name]


def _boot_worker(payload: tuple[Any, ...], chunks: Sequence[Chunk]) -> npt.NDArray[np.float64]:
    values, statistic = payload
    n = len(values)
    out = []
    for size, gen in chunks:
        idx = gen.integers(0, n, size=(size, n))
        out.append(np.asarray(statistic(values[idx], axis=1), dtype=np.float64))
    return np.concatenate(out)


def bootstrap_ci(
    data: ExchangeNetwork | Mapping[Hashable, float] | npt.ArrayLike,
    metric: str | Callable[..., Any] | None = None,
    *,
    statistic: str | Callable[..., Any] = "mean",
    n_boot: int = 2000,
    confidence: float = 0.95,
    method: Literal["percentile", "basic"] = "percentile",
    seed: SeedLike = None,
    executor: Executor | None = None,
    **options: Any,
) -> BootstrapResult:
    r"""Bootstrap confidence interval, resampling agencies, for a statistic of a per-agency metric.

    Parameters
    ----------
    data : ExchangeNetwork, mapping or array
        An ExchangeNetwork (with ``metric``), or the per-agency values themselves (a mapping
        agency -> value, a pandas Series, or an array).
    metric : str or callable, optional
        With an ExchangeNetwork: one of :data:`METRICS` or a function; see :func:`per_agency`.
    statistic : {"mean", "median", "sum"} or callable
        What to estimate from the agencies' values (default the mean). A callable is called as
        ``statistic(samples, axis=1)`` on a (draws, agencies) array, as numpy reductions are.
    n_boot : int
        Bootstrap samples (default 2000).
    confidence : float
        Coverage of the interval, in (0, 1) (default 0.95).
    method : {"percentile", "basic"}
        Percentile interval :math:`[q_{\alpha/2}, q_{1-\alpha/2}]` of the bootstrap
        distribution, or the basic (reverse percentile) interval
        :math:`[2\hat\theta - q_{1-\alpha/2}, 2\hat\theta - q_{\alpha/2}]` (Davison & Hinkley
        1997, section 5.2).
    seed : int, numpy Generator, SeedSequence or None
    executor : concurrent.futures.Executor, optional
        Same seed, same result, serially or on any executor.
    **options
        Passed to the metric.

    Returns
    -------
    BootstrapResult

    Raises
    ------
    StructureError
        For fewer than two agencies with a value, a bad ``confidence`` or ``method``, or an
        ExchangeNetwork without ``metric``.

    Notes
    -----
    Agencies are the resampled units: each bootstrap sample draws :math:`n` agencies with
    replacement and computes the statistic over their values (Efron & Tibshirani 1993). The
    metric itself is computed once on the whole network, so the interval describes how much
    the statistic would vary over agencies, not how the network would change with fewer of
    them. Agencies whose value is NaN (undefined, say the constraint of an isolate) are left
    out, and :attr:`BootstrapResult.n` says how many remain.

    References
    ----------
    .. [1] Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*. Chapman &
       Hall.
    .. [2] Davison, A. C., & Hinkley, D. V. (1997). *Bootstrap Methods and their Application*.
       Cambridge University Press.

    Examples
    --------
    >>> r = bootstrap_ci({"A1": 1.0, "A2": 2.0, "A3": 3.0, "A4": 4.0}, n_boot=500, seed=0)
    >>> r.estimate, r.low <= 2.5 <= r.high
    (2.5, True)
    """
    if not 0 < confidence < 1:
        msg = f"confidence must be between 0 and 1 (got {confidence!r})"
        raise StructureError(msg)
    if method not in ("percentile", "basic"):
        msg = f"method must be 'percentile' or 'basic' (got {method!r})"
        raise StructureError(msg)
    if n_boot < 1:
        msg = f"n_boot must be at least 1 (got {n_boot})"
        raise StructureError(msg)
    if isinstance(data, ExchangeNetwork):
        if metric is None:
            msg = "give the per-agency metric to bootstrap (a name from METRICS or a function)"
            raise StructureError(msg)
        mapping: Mapping[Any, float] = per_agency(data, metric, **options)
    elif hasattr(data, "to_dict"):
        mapping = data.to_dict()
    elif isinstance(data, Mapping):
        mapping = data
    else:
        arr = np.asarray(data, dtype=np.float64).reshape(-1)
        mapping = dict(enumerate(arr.tolist()))
    keys = tuple(k for k, v in mapping.items() if not np.isnan(float(v)))
    values = np.array([float(mapping[k]) for k in keys], dtype=np.float64)
    if len(values) < 2:
        msg = f"a bootstrap over agencies needs at least two agencies with a value (got {len(values)})"
        raise StructureError(msg)
    stat = _stat(statistic)
    estimate = float(stat(values[None, :], axis=1)[0])
    dist = run_chunks(_boot_worker, (values, stat), spawn_chunks(seed, n_boot), executor)
    alpha = 1.0 - confidence
    q_lo, q_hi = np.quantile(dist, [alpha / 2, 1 - alpha / 2])
    if method == "percentile":
        low, high = float(q_lo), float(q_hi)
    else:
        low, high = 2 * estimate - float(q_hi), 2 * estimate - float(q_lo)
    return BootstrapResult(
        estimate=estimate,
        low=low,
        high=high,
        confidence=confidence,
        method=method,
        distribution=dist,
        n=len(values),
        agencies=keys,
    )

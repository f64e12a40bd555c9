"""Change in social integration between two waves: paired per ego, mean change with intervals."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeAlias

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

from selfhelp_exchange._deprecate import renamed_argument
from selfhelp_exchange.exceptions import ChangeError

__all__ = [
    "CHANGE_MEASURES",
    "DEFAULT_N_BOOT",
    "IntegrationChange",
    "ego_agency_linkage",
    "social_integration_change",
]

Seed: TypeAlias = int | np.random.Generator | None

#: Measures compared by default (this library's choice: size, the reach beyond treatment staff
#: and family, and heterogeneity).
CHANGE_MEASURES = ("size", "beyond", "beyond_share", "iqv", "ei_index")
#: Bootstrap resamples by default: 2,000, this library's convention (as for
#: ``structure.bootstrap_ci``).
DEFAULT_N_BOOT = 2000
#: The label of egos whose group is not known.
UNKNOWN = "(not known)"
#: The label of every ego when no grouping is asked for.
ALL = "all"


@attrs.frozen(repr=False)
class IntegrationChange:
    """The result of :func:`social_integration_change`.

    Attributes
    ----------
    per_ego : pandas.DataFrame
        One row per paired ego and measure: ``ego_id``, ``group``, ``measure``, ``before``,
        ``after``, ``change`` (after - before).
    summary : pandas.DataFrame
        One row per group and measure: ``group``, ``measure``, ``n`` (egos with the measure at
        both waves), ``mean_before``, ``mean_after``, ``mean_change``, ``ci_low``, ``ci_high``
        (the bootstrap percentile interval of the mean change).
    differences : pandas.DataFrame
        When there are several groups: each group's mean change minus the reference group's
        (the first group), with a bootstrap interval: ``group``, ``reference``, ``measure``,
        ``difference``, ``ci_low``, ``ci_high``. Empty otherwise.
    before, after : str
        The waves compared.
    unpaired : int
        Egos with measures at only one of the two waves (left out of the pairing).
    n_boot : int
    confidence : float
        Coverage of the intervals (``level`` is its old name, kept as a read-only alias).

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> m = shx.social_integration(shx.load_personal_networks_example())
    >>> ch = shx.social_integration_change(m, "baseline", "12 months", n_boot=100, seed=0)
    >>> ch
    IntegrationChange('baseline' -> '12 months', 5 measures, groups: all, 95% intervals from 100 resamples)
    >>> ch.to_frame().columns.tolist()
    ['group', 'measure', 'n', 'mean_before', 'mean_after', 'mean_change', 'ci_low', 'ci_high']
    """

    per_ego: pd.DataFrame
    summary: pd.DataFrame
    differences: pd.DataFrame
    before: str
    after: str
    unpaired: int
    n_boot: int
    confidence: float

    @property
    def level(self) -> float:
        """The old name of :attr:`confidence`."""
        return self.confidence

    def __repr__(self) -> str:
        groups = list(pd.unique(self.summary["group"]))
        measures = list(pd.unique(self.summary["measure"]))
        shown = ", ".join(map(str, groups[:4])) + (", ..." if len(groups) > 4 else "")
        return (
            f"IntegrationChange({self.before!r} -> {self.after!r}, {len(measures)} measures, "
            f"groups: {shown}, {self.confidence:.0%} intervals from {self.n_boot} resamples)"
        )

    def to_frame(self) -> pd.DataFrame:
        """The summary table (a copy)."""
        return self.summary.copy()


def _groups(measures: pd.DataFrame, egos: pd.Index, by: Any, before_rows: pd.DataFrame) -> Any:
    if by is None:
        return pd.Series(ALL, index=egos, dtype=object)
    if isinstance(by, str):
        if by not in measures.columns:
            msg = (
                f"by={by!r} is not a column of the measures (columns: "
                f"{', '.join(map(str, measures.columns))})"
            )
            raise ChangeError(msg)
        labels = before_rows.set_index("ego_id")[by].reindex(egos)
    elif isinstance(by, Mapping | pd.Series):
        labels = pd.Series(dict(by) if isinstance(by, Mapping) else by).reindex(egos)
    else:
        msg = f"by must be a column name, a mapping or a Series of ego id to group (got {by!r})"
        raise ChangeError(msg)
    return labels.astype(object).where(labels.notna(), UNKNOWN).map(str)


#: Resampled values held in memory at once (a bound on the bootstrap's working memory).
_CHUNK_VALUES = 20_000_000


def _boot_means(
    d: npt.NDArray[np.float64], n_boot: int, rng: np.random.Generator
) -> npt.NDArray[np.float64]:
    """Bootstrap means of each column of ``d`` (egos x measures), egos resampled together.

    A resample's mean of a measure is over the resampled egos for whom it is known (NaN when
    none is). Resamples are drawn in chunks, so memory stays bounded for any number of egos.
    """
    n, m = d.shape
    out = np.full((n_boot, m), np.nan)
    if n == 0:
        return out
    finite = np.isfinite(d)
    values = np.where(finite, d, 0.0)
    known = finite.astype(np.float64)
    chunk = max(1, _CHUNK_VALUES // n)
    for start in range(0, n_boot, chunk):
        rows = min(n_boot, start + chunk) - start
        idx = rng.integers(0, n, size=(rows, n))
        # how often each ego is drawn in each resample: the means are then matrix products
        offsets = idx + (np.arange(rows) * n)[:, None]
        times = np.bincount(offsets.ravel(), minlength=rows * n).reshape(rows, n)
        weights = times.astype(np.float64)
        sums = weights @ values
        counts = weights @ known
        with np.errstate(invalid="ignore", divide="ignore"):
            out[start : start + rows] = np.where(counts > 0, sums / counts, np.nan)
    return out


def _interval(boot: npt.NDArray[np.float64], q: tuple[float, float]) -> tuple[float, float]:
    ok = boot[np.isfinite(boot)]
    if not len(ok):
        return np.nan, np.nan
    lo, hi = np.quantile(ok, q)
    return float(lo), float(hi)


@renamed_argument("level", "confidence")
def social_integration_change(
    measures: pd.DataFrame,
    before: str,
    after: str,
    *,
    by: str | Mapping[str, Any] | pd.Series | None = None,
    columns: Sequence[str] = CHANGE_MEASURES,
    n_boot: int = DEFAULT_N_BOOT,
    confidence: float = 0.95,
    seed: Seed = None,
) -> IntegrationChange:
    r"""Paired change of social-integration measures between two waves, per ego and on average.

    Parameters
    ----------
    measures : pandas.DataFrame
        The output of :func:`social_integration` (one row per ego and wave).
    before, after : str
        The two waves to compare.
    by : str, mapping or Series, optional
        Compare groups of egos: a column of ``measures`` (an ego attribute from the ego
        table, e.g. ``"rlc_participant"``, read at the ``before`` wave), or a mapping from
        ego id to group label (e.g. :func:`ego_agency_linkage`). Egos with no label form the
        group ``"(not known)"``.
    columns : sequence of str
        The measures to compare (default ``size``, ``beyond``, ``beyond_share``, ``iqv``,
        ``ei_index``).
    n_boot : int
        Bootstrap resamples (default 2,000).
    confidence : float
        Coverage of the intervals (default 0.95). ``level=`` is its old name (deprecated: a
        ``FutureWarning``).
    seed : int or numpy.random.Generator, optional
        The same seed gives the same intervals.

    Returns
    -------
    IntegrationChange

    Raises
    ------
    ChangeError
        If a wave or column is not in ``measures``, ``before == after``, ``n_boot < 1`` or
        ``confidence`` is not between 0 and 1.

    Notes
    -----
    Only egos measured at both waves are paired; their number at one wave only is
    ``unpaired``. For each group and measure, with :math:`d_i` = after - before for the
    :math:`n` egos whose measure is known at both waves, the mean change is
    :math:`\bar d`; its interval is the percentile bootstrap interval (Efron & Tibshirani
    1993): egos resampled with replacement ``n_boot`` times, and the
    :math:`(1 - \text{confidence})/2` and :math:`(1 + \text{confidence})/2` quantiles of the resampled
    means. The same resamples of a group's egos serve every measure; a measure not known for
    some egos (density without ties) is averaged over the resampled egos for whom it is known.
    A difference between groups resamples each group on its own. The intervals
    describe sampling variation only, not whether the groups are comparable (who joins an
    RLC is not random).

    References
    ----------
    .. [1] Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*.
       Chapman & Hall.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> m = shx.social_integration(shx.load_personal_networks_example())
    >>> ch = shx.social_integration_change(m, "baseline", "12 months", by="rlc_participant",
    ...                                    n_boot=200, seed=1)
    >>> ch.summary.query("measure == 'beyond'")[["group", "n", "mean_change"]]
    ... # doctest: +NORMALIZE_WHITESPACE
      group   n  mean_change
    1  False  24     0.333333
    6   True  24     1.458333
    """
    for wave in (before, after):
        if wave not in set(measures["wave"]):
            waves = ", ".join(repr(w) for w in pd.unique(measures["wave"]))
            msg = f"wave {wave!r} is not in the measures (waves: {waves})"
            raise ChangeError(msg)
    if before == after:
        msg = f"before and after are the same wave ({before!r}); give two different waves"
        raise ChangeError(msg)
    missing = [c for c in columns if c not in measures.columns]
    if missing:
        msg = f"{', '.join(map(repr, missing))} not a column of the measures"
        raise ChangeError(msg)
    if n_boot < 1:
        msg = f"n_boot must be at least 1 (got {n_boot!r})"
        raise ChangeError(msg)
    if not 0 < confidence < 1:
        msg = f"confidence must be between 0 and 1 (got {confidence!r})"
        raise ChangeError(msg)

    b = measures[measures["wave"] == before].drop_duplicates("ego_id")
    a = measures[measures["wave"] == after].drop_duplicates("ego_id")
    paired = pd.Index(b["ego_id"]).intersection(pd.Index(a["ego_id"]), sort=False)
    unpaired = len(set(b["ego_id"]) ^ set(a["ego_id"]))
    groups = _groups(measures, paired, by, b)
    bi = b.set_index("ego_id").reindex(paired)
    ai = a.set_index("ego_id").reindex(paired)

    rows = []
    for c in columns:
        before_v = bi[c].to_numpy(dtype=np.float64)
        after_v = ai[c].to_numpy(dtype=np.float64)
        rows.append(
            pd.DataFrame(
                {
                    "ego_id": pd.Series(paired, dtype=object),
                    "group": groups.to_numpy(),
                    "measure": c,
                    "before": before_v,
                    "after": after_v,
                    "change": after_v - before_v,
                }
            )
        )
    per_ego = pd.concat(rows, ignore_index=True)

    labels = sorted(pd.unique(groups), key=str)
    streams = np.random.default_rng(seed).spawn(len(labels))
    q = ((1 - confidence) / 2, (1 + confidence) / 2)
    summary = []
    boots: dict[tuple[str, str], npt.NDArray[np.float64]] = {}
    means: dict[tuple[str, str], float] = {}
    group_of = groups.to_numpy()
    before_m = np.column_stack([bi[c].to_numpy(dtype=np.float64) for c in columns])
    after_m = np.column_stack([ai[c].to_numpy(dtype=np.float64) for c in columns])
    for g, stream in zip(labels, streams, strict=True):
        rows_g = group_of == g
        d = after_m[rows_g] - before_m[rows_g]
        boot = _boot_means(d, n_boot, stream)
        finite = np.isfinite(d)
        for j, c in enumerate(columns):
            n = int(finite[:, j].sum())
            dj = d[finite[:, j], j]
            mean = float(dj.mean()) if n else np.nan
            boots[g, c] = boot[:, j]
            means[g, c] = mean
            lo, hi = _interval(boot[:, j], q) if n else (np.nan, np.nan)
            summary.append(
                {
                    "group": g,
                    "measure": c,
                    "n": n,
                    "mean_before": float(before_m[rows_g][finite[:, j], j].mean())
                    if n
                    else np.nan,
                    "mean_after": float(after_m[rows_g][finite[:, j], j].mean()) if n else np.nan,
                    "mean_change": mean,
                    "ci_low": lo,
                    "ci_high": hi,
                }
            )
    diffs = []
    if len(labels) > 1:
        ref = labels[0]
        for g in labels[1:]:
            for c in columns:
                diff = boots[g, c] - boots[ref, c]
                lo, hi = _interval(diff, q)
                diffs.append(
                    {
                        "group": g,
                        "reference": ref,
                        "measure": c,
                        "difference": means[g, c] - means[ref, c],
                        "ci_low": lo,
                        "ci_high": hi,
                    }
                )
    diff_cols = ["group", "reference", "measure", "difference", "ci_low", "ci_high"]
    return IntegrationChange(
        per_ego=per_ego,
        summary=pd.DataFrame(summary),
        differences=pd.DataFrame(diffs, columns=diff_cols),
        before=before,
        after=after,
        unpaired=unpaired,
        n_boot=n_boot,
        confidence=confidence,
    )


def ego_agency_linkage(
    egos: Any,
    scorecard: pd.DataFrame,
    *,
    column: str = "adaptational_index",
    cut: float = 0.5,
) -> pd.Series:
    """Label each ego by how strongly the agency it is a client of is linked to self-help groups.

    Parameters
    ----------
    egos : PersonalNetworks or pandas.DataFrame
        Personal networks with an ego table, or an ego table (``ego_id``, ``agency``).
    scorecard : pandas.DataFrame
        :func:`~selfhelp_exchange.agency_scorecard` of the network, or any table with the
        agency id (an ``agency_id`` column, else the index) and ``column``.
    column : str
        The scorecard column to read (default ``adaptational_index``).
    cut : float
        Agencies scoring at least ``cut`` are "stronger" (default 0.5, the middle of the
        index's 0-1 range: this library's convention, not a published threshold).

    Returns
    -------
    pandas.Series
        Ego id -> ``"stronger linkage"`` / ``"weaker linkage"``, or ``"no agency"`` for an
        ego with no agency or one not in the scorecard. Pass it as ``by=`` to
        :func:`social_integration_change`.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> net, pn = shx.load_example("riverside"), shx.load_personal_networks_example()
    >>> labels = shx.ego_agency_linkage(pn, shx.agency_scorecard(net), cut=0.8)
    >>> sorted(labels.unique())
    ['no agency', 'stronger linkage', 'weaker linkage']
    """
    frame = getattr(egos, "egos", egos)
    if frame is None:
        msg = "the personal networks have no ego table: the egos' agencies are not known"
        raise ChangeError(msg)
    if column not in scorecard.columns:
        msg = f"the scorecard has no column {column!r}"
        raise ChangeError(msg)
    ids = scorecard["agency_id"] if "agency_id" in scorecard.columns else scorecard.index
    score = pd.Series(scorecard[column].to_numpy(dtype=np.float64), index=pd.Index(ids))
    values = frame["agency"].map(score)
    labels = np.where(
        values.isna(), "no agency", np.where(values >= cut, "stronger linkage", "weaker linkage")
    )
    return pd.Series(labels, index=pd.Index(frame["ego_id"], name="ego_id"), name="linkage")

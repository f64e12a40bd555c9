r"""What institutional exchange achieves: outcomes before and after joint initiatives.

Powell & Perron (2010) frame institutional exchange by its purpose: initiatives an agency and
self-help groups run together build the community's acceptance of self-help groups, and that in
turn builds the agency's credibility. The network's :class:`~selfhelp_exchange.Observation`
records hold the measures that would show it (a community actor's attitude score, media items
mentioning self-help groups, referrals an agency receives from courts or employers, partners'
ratings of an agency). This module tests whether a measure moved where joint initiatives
reached, against where they did not (:func:`institutional_outcomes`), scores each agency's
trust and value from its partners' ratings (:func:`partner_scores`), and says how the
estimate is built, so that an evaluator can judge it.

The design (difference in differences over subjects reached and not reached by each
initiative, a within-initiative permutation test and a bootstrap interval) is this library's
convention: the source names the purpose of institutional exchange, not a way to test it.

References
----------
.. [1] Powell, T. J., & Perron, B. E. (2010). Self-help groups and mental health/substance use
   agencies: the benefits of organizational exchange. *Substance Use & Misuse*, 45(3), 315-329.
.. [2] Card, D., & Krueger, A. B. (1994). Minimum wages and employment: a case study of the
   fast-food industry in New Jersey and Pennsylvania. *American Economic Review*, 84(4),
   772-793 (the difference-in-differences design).
.. [3] Varda, D. M., & Retrum, J. H. (2012). An exploratory analysis of network characteristics
   and quality of interactions among public health collaboratives. *Journal of Public Health
   Research*, 1(2), 170-176. doi:10.4081/jphr.2012.e27 (PARTNER data: trust and value as
   perceived by partner organizations).
.. [4] Visible Network Labs. *Analyze trust and value* (PARTNER platform help page): the trust
   score's indicators (openness to communication, partner reliability, shared mission) and the
   value score's (power and influence, resource contribution, level of involvement).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from selfhelp_exchange._needs import needs_network
from selfhelp_exchange.exceptions import (
    ArgumentError,
    NetworkValidationError,
    Problem,
)
from selfhelp_exchange.network import NODE_TYPE_CODES, ExchangeNetwork
from selfhelp_exchange.vocabulary import NodeType

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DEFAULT_OUTCOME_WINDOW_DAYS",
    "PARTNER_SCALE",
    "InstitutionalOutcomes",
    "PartnerScores",
    "difference_in_differences",
    "institutional_outcomes",
    "joint_initiatives",
    "partner_scores",
]

#: Days before and after an initiative whose observations count (this library's convention:
#: a year either side holds one round of an annual survey or of a yearly count; set it to how
#: often your measure is taken).
DEFAULT_OUTCOME_WINDOW_DAYS = 365
#: The range of a partner rating: 1 (not at all) to 4 (a great deal). The issue that asked for
#: these scores calls them PARTNER-style 1-4 scales; the PARTNER pages this library could read
#: name the three indicators of each score, not the response scale, so the range is this
#: library's reading.
PARTNER_SCALE = (1.0, 4.0)

_SeedLike = int | np.random.Generator | np.random.SeedSequence | None
_CHANGE_COLUMNS = ("_k", "subject", "reached", "before", "after", "n_before", "n_after")
#: Resamples are drawn in batches of about this many values, to bound memory.
_BATCH_VALUES = 2_000_000


@needs_network
def joint_initiatives(net: ExchangeNetwork) -> list[int]:
    """Positions (in ``net.initiatives``) of the dated initiatives an agency and a group sponsor.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> net = shx.load_example("riverside")
    >>> len(joint_initiatives(net)) <= len(net.initiatives)
    True
    """
    kinds = net.node_type
    agency, group = NODE_TYPE_CODES[NodeType.AGENCY], NODE_TYPE_CODES[NodeType.GROUP]
    out = []
    for k, ini in enumerate(net.initiatives):
        types = {int(kinds[net.index(s)]) for s in ini.sponsors}
        if ini.date is not None and agency in types and group in types:
            out.append(k)
    return out


def difference_in_differences(
    changes: npt.ArrayLike, reached: npt.ArrayLike, initiative: npt.ArrayLike | None = None
) -> float:
    r"""The difference in differences over one or more initiatives.

    Parameters
    ----------
    changes : array_like of float
        Each subject's change (mean after minus mean before) around an initiative.
    reached : array_like of bool
        Whether the initiative reached the subject.
    initiative : array_like of int, optional
        Which initiative each change belongs to (default: all one initiative).

    Returns
    -------
    float
        NaN when no initiative has both a reached and a comparison subject.

    Notes
    -----
    For initiative :math:`i` with reached changes :math:`R_i` and comparison changes
    :math:`C_i`,

    .. math:: D_i = \bar R_i - \bar C_i, \qquad D = \frac{\sum_i |R_i| D_i}{\sum_i |R_i|},

    over the initiatives with both sets non-empty: each reached subject of each initiative
    counts once (this library's convention).

    Examples
    --------
    >>> difference_in_differences([2.0, 1.0, 0.5, 0.0], [True, True, False, False])
    1.25
    """
    d = np.asarray(changes, dtype=np.float64)
    r = np.asarray(reached, dtype=bool)
    k = np.zeros(len(d), np.intp) if initiative is None else np.asarray(initiative, np.intp)
    per = _per_initiative(d, r, k)
    return _pooled(*per)


def _per_initiative(
    d: npt.NDArray[np.float64], r: npt.NDArray[np.bool_], k: npt.NDArray[np.intp]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Per initiative: number reached, mean change reached, mean change of the comparison."""
    n = int(k.max()) + 1 if len(k) else 0
    n_r = np.bincount(k, weights=r, minlength=n)
    n_c = np.bincount(k, weights=~r, minlength=n)
    s_r = np.bincount(k, weights=np.where(r, d, 0.0), minlength=n)
    s_c = np.bincount(k, weights=np.where(r, 0.0, d), minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        return n_r.astype(np.float64), s_r / n_r, s_c / n_c


def _pooled(
    n_r: npt.NDArray[np.float64], m_r: npt.NDArray[np.float64], m_c: npt.NDArray[np.float64]
) -> float:
    ok = np.isfinite(m_r) & np.isfinite(m_c)
    if not ok.any():
        return float("nan")
    return float(np.sum(n_r[ok] * (m_r[ok] - m_c[ok])) / np.sum(n_r[ok]))


@attrs.frozen(repr=False)
class InstitutionalOutcomes:
    """The result of :func:`institutional_outcomes`.

    Attributes
    ----------
    measure : str
    window_days : int
    estimate : float
        The pooled difference in differences (NaN when nothing can be compared).
    p_value : float
        Two-sided permutation p-value (NaN when there is no estimate).
    interval : tuple of float
        Bootstrap percentile interval at ``confidence``.
    confidence : float
    n_permutations, n_boot : int
    per_initiative : pandas.DataFrame
        One row per joint initiative: ``initiative``, ``date``, ``n_reached``,
        ``n_comparison``, ``change_reached``, ``change_comparison``, ``did``.
    changes : pandas.DataFrame
        One row per subject and initiative compared: ``initiative``, ``subject``, ``reached``,
        ``before``, ``after``, ``change``, ``n_before``, ``n_after``.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> r = shx.institutional_outcomes(shx.load_example("riverside"), "attitude_score",
    ...                                n_permutations=99, n_boot=99, seed=0)
    >>> list(r.to_frame().columns)[:4]
    ['initiative', 'date', 'n_reached', 'n_comparison']
    """

    measure: str
    window_days: int
    estimate: float
    p_value: float
    interval: tuple[float, float]
    confidence: float
    n_permutations: int
    n_boot: int
    per_initiative: pd.DataFrame = attrs.field(eq=False)
    changes: pd.DataFrame = attrs.field(eq=False)

    def __repr__(self) -> str:
        lo, hi = self.interval
        compared = int((self.per_initiative["did"].notna()).sum())
        return (
            f"InstitutionalOutcomes(measure={self.measure!r}, window={self.window_days} days, "
            f"initiatives compared={compared} of {len(self.per_initiative)}, "
            f"did={self.estimate:.3g}, {self.confidence:.0%} interval=({lo:.3g}, {hi:.3g}), "
            f"p={self.p_value:.3g})"
        )

    def to_frame(self) -> pd.DataFrame:
        """The per-initiative table (a copy)."""
        return self.per_initiative.copy()


def _rng_pair(seed: _SeedLike) -> tuple[np.random.Generator, np.random.Generator]:
    root = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    a, b = root.spawn(2)
    return a, b


@needs_network
def institutional_outcomes(
    net: ExchangeNetwork,
    measure: str,
    *,
    window: int = DEFAULT_OUTCOME_WINDOW_DAYS,
    n_permutations: int = 999,
    n_boot: int = 999,
    confidence: float = 0.95,
    seed: _SeedLike = None,
) -> InstitutionalOutcomes:
    r"""Did a measure move where joint initiatives reached? A difference in differences.

    For every dated initiative that an agency and a self-help group sponsor together, each
    subject with observations of ``measure`` both in the ``window`` days before the initiative
    and in the ``window`` days after it has a change: the mean after minus the mean before.
    Subjects the initiative reached (its audiences and its sponsors) are compared with
    subjects no joint initiative reached within ``window`` days of it.

    Parameters
    ----------
    net : ExchangeNetwork
        With initiatives and observations.
    measure : str
        The observations' ``measure`` to test.
    window : int
        Days either side of an initiative (default :data:`DEFAULT_OUTCOME_WINDOW_DAYS`).
    n_permutations : int
        Permutations for the p-value (default 999: this library's convention, the usual
        choice giving p-values in steps of 1/1000).
    n_boot : int
        Bootstrap resamples for the interval (default 999).
    confidence : float
        Coverage of the interval (default 0.95).
    seed : int, numpy.random.Generator or None
        The same seed gives the same p-value and interval.

    Returns
    -------
    InstitutionalOutcomes

    Raises
    ------
    ArgumentError
        If ``measure`` is not a measure of the network's observations, or ``window``,
        ``n_permutations``, ``n_boot`` or ``confidence`` is out of range.

    Notes
    -----
    For initiative :math:`i` on date :math:`t_i`, subject :math:`s` has

    .. math:: \Delta_{s,i} = \bar y_s(t_i, t_i + w] - \bar y_s[t_i - w, t_i)

    (observations on the initiative's own day are left out: they could fall either side).
    With :math:`R_i` the reached subjects' changes and :math:`C_i` the comparison subjects',
    :math:`D_i = \bar R_i - \bar C_i` and the estimate is
    :math:`D = \sum_i |R_i| D_i / \sum_i |R_i|` (:func:`difference_in_differences`).

    The p-value permutes which subjects an initiative reached among its compared subjects
    (keeping how many), :math:`p = (1 + \#\{|D^*| \ge |D|\}) / (1 + B)`. The interval resamples
    the reached and the comparison subjects of each initiative with replacement and takes the
    percentiles of :math:`D^*`. Subjects are few in a local system, so read both with care: a
    handful of actors supports a direction, not a size. The design assumes the reached and the
    comparison subjects would have moved alike without the initiative (parallel trends); the
    data cannot show that, only observations from before several initiatives can suggest it.

    References
    ----------
    .. [1] Powell, T. J., & Perron, B. E. (2010). *Substance Use & Misuse*, 45(3), 315-329.
    .. [2] Card, D., & Krueger, A. B. (1994). *American Economic Review*, 84(4), 772-793.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> net = shx.load_example("riverside")
    >>> r = shx.institutional_outcomes(net, "attitude_score", n_permutations=99, n_boot=99,
    ...                                seed=1)
    >>> r.estimate > 0, 0 < r.p_value <= 1
    (True, True)
    """
    import pandas as pd

    _check_args(net, measure, window, n_permutations, n_boot, confidence)
    obs = [o for o in net.observations if o.measure == measure]
    subjects = sorted({o.subject for o in obs})
    s_index = {s: j for j, s in enumerate(subjects)}
    s_of = np.array([s_index[o.subject] for o in obs], dtype=np.intp)
    day = np.array([o.date.toordinal() for o in obs], dtype=np.int64)
    value = np.array([o.value for o in obs], dtype=np.float64)
    n_s = len(subjects)
    joint = joint_initiatives(net)
    inits = net.initiatives
    reached_by = [
        {s_index[x] for x in (*inits[k].sponsors, *inits[k].audiences) if x in s_index}
        for k in joint
    ]
    dates = [inits[k].date.toordinal() for k in joint]  # type: ignore[union-attr]
    reached_mask = np.zeros((len(joint), n_s), dtype=bool)
    for pos, who in enumerate(reached_by):
        reached_mask[pos, list(who)] = True
    when = np.array(dates, dtype=np.int64)
    parts: dict[str, list[Any]] = {c: [] for c in _CHANGE_COLUMNS}
    for pos in range(len(joint)):
        t = int(when[pos])
        before = (day >= t - window) & (day < t)
        after = (day > t) & (day <= t + window)
        n_b = np.bincount(s_of[before], minlength=n_s)
        n_a = np.bincount(s_of[after], minlength=n_s)
        m_b = np.bincount(s_of[before], weights=value[before], minlength=n_s) / np.maximum(n_b, 1)
        m_a = np.bincount(s_of[after], weights=value[after], minlength=n_s) / np.maximum(n_a, 1)
        # a subject reached by another joint initiative near this one is no comparison
        others = np.abs(when - t) <= window
        others[pos] = False
        near = reached_mask[others].any(axis=0)
        here = reached_mask[pos]
        keep = np.flatnonzero((n_b > 0) & (n_a > 0) & (here | ~near))
        parts["_k"].append(np.full(len(keep), pos, dtype=np.intp))
        parts["subject"].append(keep)
        parts["reached"].append(here[keep])
        parts["before"].append(m_b[keep])
        parts["after"].append(m_a[keep])
        parts["n_before"].append(n_b[keep])
        parts["n_after"].append(n_a[keep])
    cols = {c: np.concatenate(v) if v else np.zeros(0) for c, v in parts.items()}
    kk = cols["_k"].astype(np.intp)
    changes = pd.DataFrame(
        {
            "initiative": np.array([inits[k].id for k in joint], dtype=object)[kk],
            "subject": np.array(subjects, dtype=object)[cols["subject"].astype(np.intp)],
            "reached": cols["reached"].astype(bool),
            "before": cols["before"].astype(np.float64),
            "after": cols["after"].astype(np.float64),
            "change": (cols["after"] - cols["before"]).astype(np.float64),
            "n_before": cols["n_before"].astype(np.int64),
            "n_after": cols["n_after"].astype(np.int64),
        }
    )
    d = changes["change"].to_numpy(np.float64)
    r = changes["reached"].to_numpy(bool)
    n_r, m_r, m_c = _per_initiative(d, r, kk)
    n_r = np.pad(n_r, (0, len(joint) - len(n_r)))
    m_r = np.pad(m_r, (0, len(joint) - len(m_r)), constant_values=np.nan)
    m_c = np.pad(m_c, (0, len(joint) - len(m_c)), constant_values=np.nan)
    n_c = np.bincount(kk, weights=~r, minlength=len(joint))
    estimate = _pooled(n_r, m_r, m_c)
    per = pd.DataFrame(
        {
            "initiative": [inits[k].id for k in joint],
            "date": [inits[k].date for k in joint],
            "n_reached": n_r.astype(np.int64),
            "n_comparison": n_c.astype(np.int64),
            "change_reached": m_r,
            "change_comparison": m_c,
            "did": m_r - m_c,
        }
    )
    perm_rng, boot_rng = _rng_pair(seed)
    if np.isnan(estimate):
        p_value, interval = float("nan"), (float("nan"), float("nan"))
    else:
        seg = _Segments(d, r, kk)
        null = _permutations(seg, n_permutations, perm_rng)
        p_value = float((1 + np.sum(np.abs(null) >= abs(estimate) - 1e-12)) / (1 + n_permutations))
        boots = _bootstrap(seg, n_boot, boot_rng)
        alpha = (1.0 - confidence) / 2.0
        finite = boots[np.isfinite(boots)]
        interval = (float(np.quantile(finite, alpha)), float(np.quantile(finite, 1 - alpha)))
    return InstitutionalOutcomes(
        measure=measure,
        window_days=int(window),
        estimate=estimate,
        p_value=p_value,
        interval=interval,
        confidence=float(confidence),
        n_permutations=int(n_permutations),
        n_boot=int(n_boot),
        per_initiative=per,
        changes=changes,
    )


def _check_args(
    net: ExchangeNetwork,
    measure: str,
    window: object,
    n_permutations: object,
    n_boot: object,
    confidence: object,
) -> None:
    problems = []
    measures = sorted({o.measure for o in net.observations})
    if measure not in measures:
        valid = ", ".join(measures) if measures else "none: the network has no observations"
        problems.append(f"measure {measure!r} is not observed in the network (valid: {valid})")
    if isinstance(window, bool) or not isinstance(window, int) or window < 1:
        problems.append(f"window must be a whole number of days >= 1 (got {window!r})")
    for name, n in (("n_permutations", n_permutations), ("n_boot", n_boot)):
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            problems.append(f"{name} must be a whole number >= 1 (got {n!r})")
    if (
        isinstance(confidence, bool)
        or not isinstance(confidence, float | int)
        or not 0 < confidence < 1
    ):
        problems.append(f"confidence must be a number between 0 and 1 (got {confidence!r})")
    if problems:
        raise ArgumentError("; ".join(problems))


class _Segments:
    """The compared changes sorted by initiative, reached first: what resampling needs."""

    def __init__(
        self, d: npt.NDArray[np.float64], r: npt.NDArray[np.bool_], k: npt.NDArray[np.intp]
    ) -> None:
        order = np.lexsort((~r, k))
        self.d, self.r, self.k = d[order], r[order], k[order]
        n = len(self.d)
        self.starts = (
            np.flatnonzero(np.r_[True, self.k[1:] != self.k[:-1]]) if n else np.zeros(0, np.intp)
        )
        ends = np.r_[self.starts[1:], n]
        self.n_r = np.add.reduceat(self.r.astype(np.float64), self.starts) if n else np.zeros(0)
        self.n_c = (ends - self.starts) - self.n_r
        self.ok = (self.n_r > 0) & (self.n_c > 0)
        self.batch = max(1, _BATCH_VALUES // max(n, 1))

    def pooled(
        self, d: npt.NDArray[np.float64], lab: npt.NDArray[np.bool_]
    ) -> npt.NDArray[np.float64]:
        """The pooled estimate of every row of ``d`` (values) and ``lab`` (reached labels)."""
        s_r = np.add.reduceat(np.where(lab, d, 0.0), self.starts, axis=1)
        total = np.add.reduceat(d, self.starts, axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            did = s_r / self.n_r - (total - s_r) / self.n_c
        w = np.where(self.ok, self.n_r, 0.0)
        out: npt.NDArray[np.float64] = (np.where(self.ok, did, 0.0) * w).sum(axis=1) / w.sum()
        return out

    def batches(self, n: int) -> list[int]:
        return [min(self.batch, n - i) for i in range(0, n, self.batch)]


def _permutations(seg: _Segments, n: int, rng: np.random.Generator) -> npt.NDArray[np.float64]:
    """The pooled estimate with reached labels shuffled within each initiative, ``n`` times."""
    out = []
    ends = np.r_[seg.starts[1:], len(seg.d)]
    for b in seg.batches(n):
        lab = np.tile(seg.r, (b, 1))
        for lo, hi in zip(seg.starts.tolist(), ends.tolist(), strict=True):
            lab[:, lo:hi] = rng.permuted(lab[:, lo:hi], axis=1)
        out.append(seg.pooled(np.broadcast_to(seg.d, lab.shape), lab))
    return np.concatenate(out)


def _bootstrap(seg: _Segments, n: int, rng: np.random.Generator) -> npt.NDArray[np.float64]:
    """The pooled estimate over resamples of the reached and the comparison subjects."""
    # (initiative, side) groups are contiguous: draw each position from its own group
    cut = (
        np.r_[True, (seg.k[1:] != seg.k[:-1]) | (seg.r[1:] != seg.r[:-1])]
        if len(seg.d)
        else np.zeros(0, bool)
    )
    group = np.cumsum(cut) - 1
    offset = np.flatnonzero(cut)
    size = np.diff(np.r_[offset, len(seg.d)])
    lo, width = offset[group], size[group]
    out = []
    for b in seg.batches(n):
        pick = lo + (rng.random((b, len(seg.d))) * width).astype(np.intp)
        out.append(seg.pooled(seg.d[pick], np.broadcast_to(seg.r, pick.shape)))
    return np.concatenate(out)


# ---------------------------------------------------------------------- partner scores
@attrs.frozen(repr=False)
class PartnerScores:
    """The result of :func:`partner_scores`.

    Attributes
    ----------
    scores : pandas.DataFrame
        One row per rated subject: ``subject``, ``name``, ``node_type``, ``trust``,
        ``n_trust_raters``, ``value``, ``n_value_raters``.
    network_trust, network_value : float
        The mean over every rated relationship (rater and subject), NaN when none.
    mean_trust, mean_value : float
        The mean of the subjects' scores.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> s = shx.partner_scores(shx.load_example("riverside"))
    >>> f = s.to_frame()
    >>> str(f.loc[0, "subject"]), int(f.loc[0, "n_trust_raters"])
    ('A-RMH', 3)
    """

    scores: pd.DataFrame = attrs.field(eq=False)
    network_trust: float
    network_value: float
    mean_trust: float
    mean_value: float

    def __repr__(self) -> str:
        return (
            f"PartnerScores({len(self.scores)} subjects rated, network trust="
            f"{self.network_trust:.2f}, network value={self.network_value:.2f} on a 1-4 scale)"
        )

    def to_frame(self) -> pd.DataFrame:
        """The per-subject table (a copy)."""
        return self.scores.copy()


@needs_network
def partner_scores(
    net: ExchangeNetwork,
    *,
    trust: str = "partner_trust",
    value: str = "partner_value",
    as_of: dt.date | str | None = None,
) -> PartnerScores:
    r"""Each agency's (or group's) trust and value scores from its partners' ratings.

    A rating is an :class:`~selfhelp_exchange.Observation` of measure ``trust`` or ``value``
    with the rated organization as ``subject`` and the partner who rated it as ``rater``, on
    the 1-4 scale (:data:`PARTNER_SCALE`). Where a partner rated a subject more than once, its
    latest rating up to ``as_of`` counts.

    Parameters
    ----------
    net : ExchangeNetwork
    trust, value : str
        The measures holding the ratings (default ``partner_trust`` and ``partner_value``).
    as_of : date or str, optional
        Use ratings up to this date (default: all).

    Returns
    -------
    PartnerScores

    Raises
    ------
    NetworkValidationError
        Listing every rating outside 1-4, without a rater, or by its own subject.

    Notes
    -----
    For subject :math:`a` rated by partners :math:`P_a`, :math:`T_a = |P_a|^{-1}\sum_{p\in
    P_a} t_{pa}`, likewise :math:`V_a`; the network scores are the means over every rated
    relationship :math:`(p, a)`: the PARTNER tool reports network-level trust and value scores
    beside each member's [2]_; that they are these plain means is this library's reading.
    PARTNER builds each score from three indicators [2]_ (trust: openness to communication,
    partner reliability, shared mission; value: power and influence, resource contribution,
    level of involvement); record their mean as the rating, or score each indicator as its own
    measure and pass it as ``trust`` or ``value``.

    References
    ----------
    .. [1] Varda, D. M., & Retrum, J. H. (2012). An exploratory analysis of network
       characteristics and quality of interactions among public health collaboratives.
       *Journal of Public Health Research*, 1(2), 170-176.
    .. [2] Visible Network Labs. *Analyze trust and value* (PARTNER platform help page).

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> s = shx.partner_scores(shx.load_example("riverside"))
    >>> 1 <= s.network_trust <= 4
    True
    """
    import pandas as pd

    from selfhelp_exchange.record_fields import to_date

    cutoff = to_date(as_of, "as_of")
    low, high = PARTNER_SCALE
    problems: list[Problem] = []
    latest: dict[tuple[str, str, str], tuple[dt.date, float]] = {}
    for i, o in enumerate(net.observations):
        if o.measure not in (trust, value) or (cutoff is not None and o.date > cutoff):
            continue
        where = f"observations[{i}] ({o.measure} of {o.subject} on {o.date.isoformat()})"
        if not low <= o.value <= high:
            problems.append(
                Problem(f"{where}: a rating must be from {low:g} to {high:g}", value=o.value)
            )
        elif o.rater is None:
            problems.append(Problem(f"{where}: a rating needs its rater", column="rater"))
        elif o.rater == o.subject:
            problems.append(
                Problem(f"{where}: rated by itself; ratings come from partners", value=o.rater)
            )
        else:
            key = (o.measure, o.rater, o.subject)
            if key not in latest or o.date >= latest[key][0]:
                latest[key] = (o.date, o.value)
    if problems:
        raise NetworkValidationError(problems, header="the partner ratings cannot be scored")
    subjects = sorted({s for (_, _, s) in latest}, key=net.index)
    types = [NodeType(list(NODE_TYPE_CODES)[int(net.node_type[net.index(s)])]) for s in subjects]
    frame: dict[str, Any] = {
        "subject": subjects,
        "name": [net.node(s).name for s in subjects],
        "node_type": [t.value for t in types],
    }
    network: dict[str, float] = {}
    means: dict[str, float] = {}
    for label, m in (("trust", trust), ("value", value)):
        ratings = {s: [v for (mm, _, ss), (_, v) in latest.items() if mm == m and ss == s]
                   for s in subjects}  # fmt: skip
        frame[label] = [float(np.mean(ratings[s])) if ratings[s] else np.nan for s in subjects]
        frame[f"n_{label}_raters"] = [len(ratings[s]) for s in subjects]
        every = [v for (mm, _, _), (_, v) in latest.items() if mm == m]
        network[label] = float(np.mean(every)) if every else float("nan")
        scored = [x for x in frame[label] if not np.isnan(x)]
        means[label] = float(np.mean(scored)) if scored else float("nan")
    return PartnerScores(
        scores=pd.DataFrame(frame),
        network_trust=network["trust"],
        network_value=network["value"],
        mean_trust=means["trust"],
        mean_value=means["value"],
    )

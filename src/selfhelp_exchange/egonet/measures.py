"""Social-integration measures of personal networks: size, composition, heterogeneity, density.

One row per ego and wave, computed with numpy over the whole alters table at once.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from selfhelp_exchange.egonet.tables import (
    RELATIONS,
    PersonalNetworks,
    personal_networks,
)
from selfhelp_exchange.vocabulary import Relation

__all__ = ["MEASURES", "N_RELATIONS", "social_integration"]

#: k in the IQV: the number of relation categories (the six :class:`Relation` values).
N_RELATIONS = len(RELATIONS)
#: The measure columns :func:`social_integration` returns, in order.
MEASURES = (
    "size",
    *(f"n_{r}" for r in RELATIONS),
    "beyond",
    "beyond_share",
    "heterogeneity",
    "iqv",
    "n_ties",
    "density",
    "supportive_known",
    "supportive_beyond",
    "supportive_beyond_share",
    "ei_index",
)
_BEYOND = np.array([Relation(r).beyond for r in RELATIONS], dtype=bool)


def _as_networks(
    alters: PersonalNetworks | pd.DataFrame, ties: pd.DataFrame | None
) -> PersonalNetworks:
    if isinstance(alters, PersonalNetworks):
        if ties is None:
            return alters
        return personal_networks(alters.alters, ties, alters.egos)
    return personal_networks(alters, ties)


def _ratio(num: npt.NDArray[np.float64], den: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    out = np.full(num.shape, np.nan)
    np.divide(num, den, out=out, where=den > 0)
    return out


def social_integration(
    alters: PersonalNetworks | pd.DataFrame,
    ties: pd.DataFrame | None = None,
) -> pd.DataFrame:
    r"""Social-integration measures of every ego's personal network at every wave.

    Parameters
    ----------
    alters : PersonalNetworks or pandas.DataFrame
        The personal networks, or their alters table (checked as by
        :func:`personal_networks`).
    ties : pandas.DataFrame, optional
        The alter-alter ties (``ego_id``, ``wave``, ``alter_a``, ``alter_b``); by default
        those of ``alters`` when it is a :class:`PersonalNetworks`.

    Returns
    -------
    pandas.DataFrame
        One row per (``ego_id``, ``wave``) in order of first appearance, with columns
        ``ego_id``, ``wave`` and:

        - ``size`` (int): alters named.
        - ``n_treatment_staff``, ``n_family``, ``n_peer``, ``n_friend``, ``n_community``,
          ``n_other`` (int): alters per relation.
        - ``beyond`` (int): alters who are neither treatment staff nor family;
          ``beyond_share`` = beyond / size.
        - ``heterogeneity`` (float): Blau's index over the six relations; ``iqv`` its
          normalised form, in [0, 1].
        - ``n_ties`` (float) and ``density`` (float): ties among the alters and their share of
          the size (size - 1) / 2 possible; NaN without tie data, and density NaN with fewer
          than 2 alters.
        - ``supportive_known`` (int): alters whose ``supportive`` is recorded;
          ``supportive_beyond`` (int): those both supportive and beyond;
          ``supportive_beyond_share`` = supportive_beyond / supportive_known (NaN when
          none is recorded).
        - ``ei_index`` (float): the ego's E-I index of beyond against treatment-and-family
          ties, in [-1, 1].

        When there is an ego table, its columns (``agency`` and the free attributes; not
        ``groups``) follow, so that the table can be grouped by them directly.

    Raises
    ------
    DataFileError
        If DataFrames are given and do not pass the checks of :func:`personal_networks`.

    Notes
    -----
    For an ego with :math:`n` alters, :math:`n_c` of them in relation :math:`c` of the
    :math:`k = 6` relations (treatment staff, family, peer, friend, community, other) and
    :math:`p_c = n_c / n`:

    .. math::

        \text{heterogeneity} = 1 - \sum_c p_c^2 \qquad
        \text{IQV} = \frac{1 - \sum_c p_c^2}{1 - 1/k}

    Blau's index (Blau 1977) is the chance that two alters drawn at random (with
    replacement) fall in different categories; the index of qualitative variation (Agresti &
    Agresti 1978) divides it by its largest possible value, :math:`1 - 1/k`, reached when
    every category holds the same share. Both are the heterogeneity measures for a
    categorical alter attribute in Perry, Pescosolido & Borgatti (2018). Here k is always
    the vocabulary's six relations, whichever of them a study uses, so that IQVs compare
    across egos and waves (this library's choice).

    Density is the number of ties :math:`t` among the alters over the number of pairs:
    :math:`t / (n (n - 1) / 2)` (ties undirected; the ego and the ego's own ties left out).

    With :math:`B` the alters beyond treatment staff and family and :math:`W = n - B` the
    others, the E-I index takes the form of Krackhardt & Stern (1988), here adapted by this
    library to one ego's ties (Perry et al. 2018 use the form for an ego's ties to alters
    like or unlike the ego),
    :math:`(E - I) / (E + I)`, with the ego's ties beyond that circle as the external ties
    and those inside it as the internal ones:
    :math:`\text{EI} = (B - W) / (B + W) = 2 B / n - 1`. +1: every alter lies beyond
    treatment staff and family; -1: every alter is treatment staff or family. Delman (2014)
    describes the networks of people with psychiatric disabilities as often limited to
    treatment staff and close family, and social integration as mutually supportive
    relationships with other community members; ``beyond``, ``ei_index`` and
    ``supportive_beyond_share`` measure those two ideas. Which relations count as "beyond"
    (peer, friend, community, other) is this library's reading.

    References
    ----------
    .. [1] Blau, P. M. (1977). *Inequality and Heterogeneity: A Primitive Theory of Social
       Structure*. Free Press.
    .. [2] Agresti, A., & Agresti, B. F. (1978). Statistical analysis of qualitative
       variation. *Sociological Methodology*, 9, 204-237.
    .. [3] Perry, B. L., Pescosolido, B. A., & Borgatti, S. P. (2018). *Egocentric Network
       Analysis: Foundations, Methods, and Models*. Cambridge University Press.
    .. [4] Krackhardt, D., & Stern, R. N. (1988). Informal networks and organizational
       crises: an experimental simulation. *Social Psychology Quarterly*, 51(2), 123-140.
    .. [5] Delman, J., Delman, D. R., Vezina, B. R., & Piselli, J. (2014). Peer led Recovery
       Learning Communities: expanding social
       integration opportunities for people with the lived experience of psychiatric
       disability and emotional distress. *Global Journal of Community Psychology
       Practice*, 5(1).

    Examples
    --------
    Two family members, a peer and a friend, three of the six pairs of them acquainted:

    >>> import pandas as pd
    >>> import selfhelp_exchange as shx
    >>> alters = pd.DataFrame({"ego_id": "e1", "wave": "w1", "alter_id": list("abcd"),
    ...                        "relation": ["family", "family", "peer", "friend"]})
    >>> ties = pd.DataFrame({"ego_id": "e1", "wave": "w1", "alter_a": ["a", "a", "c"],
    ...                      "alter_b": ["b", "c", "d"]})
    >>> m = shx.social_integration(alters, ties).iloc[0]
    >>> int(m["size"]), int(m["beyond"]), float(m["beyond_share"]), float(m["ei_index"])
    (4, 2, 0.5, 0.0)
    >>> float(m["heterogeneity"]), round(float(m["iqv"]), 6), float(m["density"])
    (0.625, 0.75, 0.5)
    """
    pn = _as_networks(alters, ties)
    a = pn.alters
    keys = pd.MultiIndex.from_arrays([a["ego_id"].to_numpy(), a["wave"].to_numpy()])
    group, uniques = pd.factorize(keys, sort=False)
    n_groups = len(uniques)
    rel = np.asarray(a["relation"].cat.codes.to_numpy(), dtype=np.intp)
    counts = np.zeros((n_groups, N_RELATIONS), dtype=np.int64)
    np.add.at(counts, (group, rel), 1)
    size = counts.sum(axis=1)
    beyond = counts[:, _BEYOND].sum(axis=1)
    sizef = size.astype(np.float64)
    shares = counts / sizef[:, None]
    blau = 1.0 - (shares**2).sum(axis=1)
    iqv = blau / (1.0 - 1.0 / N_RELATIONS)

    if pn.ties is None:
        n_ties = np.full(n_groups, np.nan)
        density = np.full(n_groups, np.nan)
    else:
        tie_keys = pd.MultiIndex.from_arrays(
            [pn.ties["ego_id"].to_numpy(), pn.ties["wave"].to_numpy()]
        )
        tie_group = uniques.get_indexer(tie_keys)
        n_ties = np.bincount(tie_group, minlength=n_groups).astype(np.float64)
        pairs = sizef * (sizef - 1.0) / 2.0
        density = _ratio(n_ties, pairs)

    sup = a["supportive"].astype(object).tolist()
    known = np.fromiter((v is True or v is False for v in sup), dtype=bool, count=len(sup))
    yes = np.fromiter((v is True for v in sup), dtype=bool, count=len(sup))
    beyond_row = _BEYOND[rel]
    supportive_known = np.bincount(group, weights=known, minlength=n_groups).astype(np.int64)
    supportive_beyond = np.bincount(group, weights=yes & beyond_row, minlength=n_groups).astype(
        np.int64
    )

    out = pd.DataFrame(
        {
            "ego_id": pd.Series(uniques.get_level_values(0), dtype=object),
            "wave": pd.Series(uniques.get_level_values(1), dtype=object),
            "size": size,
            **{f"n_{r}": counts[:, j] for j, r in enumerate(RELATIONS)},
            "beyond": beyond,
            "beyond_share": beyond / sizef,
            "heterogeneity": blau,
            "iqv": iqv,
            "n_ties": n_ties,
            "density": density,
            "supportive_known": supportive_known,
            "supportive_beyond": supportive_beyond,
            "supportive_beyond_share": _ratio(
                supportive_beyond.astype(np.float64), supportive_known.astype(np.float64)
            ),
            "ei_index": (2.0 * beyond - sizef) / sizef,
        }
    )
    if pn.egos is not None:
        extra = pn.egos.drop(columns=["groups"])
        out = out.merge(extra, on="ego_id", how="left", sort=False, suffixes=("", "_ego"))
    return out

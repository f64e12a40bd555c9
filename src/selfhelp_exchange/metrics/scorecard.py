"""The agency scorecard: what an evaluator reads first about each agency's self-help linkage.

One row per agency gathers the adaptational and institutional measures with the questions a
service-system evaluation asks (Public Health England 2013's local self-assessment of mutual-aid
availability, gaps and barriers): how many groups is the agency linked to, of which types, can
its clients choose between twelve-step, non-twelve-step, mental-health and family groups, which
of its subunits take part, are links two-way, do staff actively introduce clients or only refer
them, and does it work with groups in the community.

References
----------
.. [1] Powell, T. J., & Perron, B. E. (2010). Self-help groups and mental health/substance use
   agencies: the benefits of organizational exchange. *Substance Use & Misuse*, 45(3), 315-329.
.. [2] Public Health England (2013). *Facilitating access to mutual aid: three essential stages
   for helping clients access appropriate mutual aid support*. London: PHE.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from selfhelp_exchange.activities import linked_activities
from selfhelp_exchange.catalogue import ExchangeKind
from selfhelp_exchange.metrics._common import as_weights, flags_to_names, make_frame
from selfhelp_exchange.metrics._dyads import N_KINDS, N_ROLES, adaptational_dyads
from selfhelp_exchange.metrics.adaptational import (
    SUMMARY_COLUMNS,
    LinkageWeights,
    agency_statistics,
)
from selfhelp_exchange.metrics.institutional import InstitutionalWeights, institutional_arrays
from selfhelp_exchange.vocabulary import ROLE_ORDER

if TYPE_CHECKING:
    import pandas as pd

    from selfhelp_exchange.network import ExchangeNetwork

__all__ = ["GAP_FLAGS", "SCORECARD_COLUMNS", "agency_scorecard"]

_COUNT_COLUMNS = tuple(
    (c, t) for c, t in SUMMARY_COLUMNS if c.startswith(("type_", "focus_", "approach_"))
)

#: Gap flags, in column order, with the text each puts in the ``gaps`` column.
GAP_FLAGS: tuple[tuple[str, str], ...] = (
    ("no_groups_linked", "no group linked"),
    ("board_unlinked", "board has no link to any group"),
    ("practitioners_unlinked", "practitioners have no link to any group"),
    ("clients_unlinked", "client unit has no link to any group"),
    ("no_twelve_step", "no 12-step group linked"),
    ("no_non_twelve_step", "no non-12-step group linked"),
    ("no_mental_health_option", "no mental-health group linked"),
    ("no_family_option", "no family group linked"),
    ("no_reciprocal_link", "no two-way link with any group"),
    ("no_facilitated_introduction", "referral only: no facilitated introduction"),
    ("no_joint_initiative", "no joint initiative with a group"),
)
#: Flags implied by ``no_groups_linked``: left out of the ``gaps`` text when it is set.
_IMPLIED = {
    "board_unlinked",
    "practitioners_unlinked",
    "clients_unlinked",
    "no_twelve_step",
    "no_non_twelve_step",
    "no_mental_health_option",
    "no_family_option",
    "no_reciprocal_link",
}

#: Columns of :func:`agency_scorecard`, in order, with their dtypes.
SCORECARD_COLUMNS: tuple[tuple[str, str], ...] = (
    ("agency_id", "str"),
    ("name", "str"),
    ("sector", "str"),
    ("groups_linked", "int64"),
    *_COUNT_COLUMNS,
    ("twelve_step_option", "bool"),
    ("non_twelve_step_option", "bool"),
    ("mental_health_option", "bool"),
    ("family_option", "bool"),
    ("subunits_engaged", "int64"),
    ("engaged_subunits", "str"),
    ("reciprocal_share", "float64"),
    ("adaptational_index", "float64"),
    ("joint_initiatives", "int64"),
    ("joint_groups", "int64"),
    ("institutional_index", "float64"),
    *((flag, "bool") for flag, _ in GAP_FLAGS),
    ("n_gaps", "int64"),
    ("gaps", "str"),
    ("linked_activities", "str"),
)


def agency_scorecard(
    net: ExchangeNetwork,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    *,
    weights: LinkageWeights | Mapping[str, float] | None = None,
    institutional_weights: InstitutionalWeights | Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """One row per agency with what an evaluator reads first, and flags for the gaps.

    Parameters
    ----------
    net : ExchangeNetwork
    start, end : date or 'YYYY-MM-DD', optional
        Time window for exchanges (overlap) and initiatives (date in window); undated ones
        always count.
    weights : LinkageWeights or mapping, optional
        Weights of the adaptational linkage index.
    institutional_weights : InstitutionalWeights or mapping, optional
        Weights of the institutional linkage index.

    Returns
    -------
    pandas.DataFrame
        One row per agency, in network order, columns in this order:

        - ``agency_id``, ``name``, ``sector`` (str)
        - ``groups_linked`` (int): groups with at least one adaptational exchange.
        - ``type_<group type>`` (int, one per :class:`GroupType`), ``focus_<focus>`` and
          ``focus_unknown``, ``approach_<approach>`` and ``approach_unknown``: the linked groups
          counted by type, focus and approach.
        - ``twelve_step_option`` / ``non_twelve_step_option`` (bool): a linked group with
          approach ``twelve_step`` / ``non_twelve_step``; ``mental_health_option`` (bool): one
          with focus ``mental_health`` or ``co_occurring``; ``family_option`` (bool): one with
          focus ``family``. Together: can clients choose?
        - ``subunits_engaged`` (int, 0-3) and ``engaged_subunits`` (str, ``;``-separated):
          subunits touched by some exchange with some group.
        - ``reciprocal_share`` (float): share of linked groups with flows both ways (P = 1).
        - ``adaptational_index`` (float): mean ALI over the linked groups
          (:func:`adaptational_linkage`).
        - ``joint_initiatives``, ``joint_groups`` (int) and ``institutional_index`` (float):
          from :func:`institutional_linkage`.
        - gap flags (bool): ``no_groups_linked``; ``board_unlinked``,
          ``practitioners_unlinked``, ``clients_unlinked`` (the subunit has no exchange with any
          group); ``no_twelve_step``, ``no_non_twelve_step``, ``no_mental_health_option``,
          ``no_family_option`` (the negations of the options); ``no_reciprocal_link`` (linked,
          but to no group both ways); ``no_facilitated_introduction`` (staff refer clients,
          ``referral``, but never introduce them actively, ``facilitated_introduction``);
          ``no_joint_initiative`` (co-sponsors no initiative with a group).
        - ``n_gaps`` (int) and ``gaps`` (str): the gaps in words, ``"; "``-separated, in flag
          order. When no group is linked the text says so once and leaves out the subunit,
          option and reciprocity gaps it implies (their flags stay True).
        - ``linked_activities`` (str): what the linked groups offer (their
          :attr:`~selfhelp_exchange.SelfHelpGroup.activities`, e.g. an RLC's education and
          workshops), ``;``-separated in :class:`~selfhelp_exchange.Activity` order; '' when
          none is recorded.

        An agency linked to no group has 0 in ``reciprocal_share`` and ``adaptational_index``;
        one with no initiative has 0 in ``institutional_index``.

    Raises
    ------
    RecordError
        If a window bound is not a date, ``end`` is before ``start``, or weights are invalid.

    Notes
    -----
    The subunit and the two lenses are Powell & Perron's (2010) [1]_; the referral-only flag
    follows Public Health England's (2013) finding that handing out information mostly fails
    where active facilitation works better [2]_. Which gaps matter is for the evaluator: the
    flags state facts, they do not weigh them.

    References
    ----------
    .. [1] Powell, T. J., & Perron, B. E. (2010). Self-help groups and mental health/substance
       use agencies: the benefits of organizational exchange. *Substance Use & Misuse*, 45(3),
       315-329.
    .. [2] Public Health England (2013). *Facilitating access to mutual aid: three essential
       stages for helping clients access appropriate mutual aid support*. London: PHE.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> net = shx.load_example("riverside")
    >>> card = shx.agency_scorecard(net)
    >>> len(card) == net.n_agencies
    True
    >>> card.columns[:4].tolist()
    ['agency_id', 'name', 'sector', 'groups_linked']
    >>> bool(card["subunits_engaged"].between(0, 3).all())
    True
    >>> bool((card.loc[card["no_groups_linked"], "groups_linked"] == 0).all())
    True
    """
    w = as_weights(LinkageWeights, weights)
    wi = as_weights(InstitutionalWeights, institutional_weights)
    d = adaptational_dyads(net, start, end)
    stats = agency_statistics(net, d, w)
    inst = institutional_arrays(net, start, end, wi)
    n_a = net.n_agencies
    linked = stats["groups_linked"]
    has = linked > 0

    touched = (np.bincount(d.agency * N_ROLES + d.role, minlength=n_a * N_ROLES) > 0).reshape(
        n_a, N_ROLES
    )
    kinds = np.zeros((n_a, N_KINDS), dtype=bool)
    kinds[d.agency, d.kind] = True
    refers = kinds[:, ExchangeKind.REFERRAL.code]
    introduces = kinds[:, ExchangeKind.FACILITATED_INTRODUCTION.code]

    options = {
        "twelve_step_option": stats["approach_twelve_step"] > 0,
        "non_twelve_step_option": stats["approach_non_twelve_step"] > 0,
        "mental_health_option": (stats["focus_mental_health"] + stats["focus_co_occurring"]) > 0,
        "family_option": stats["focus_family"] > 0,
    }
    flags = {
        "no_groups_linked": ~has,
        "board_unlinked": ~touched[:, 0],
        "practitioners_unlinked": ~touched[:, 1],
        "clients_unlinked": ~touched[:, 2],
        "no_twelve_step": ~options["twelve_step_option"],
        "no_non_twelve_step": ~options["non_twelve_step_option"],
        "no_mental_health_option": ~options["mental_health_option"],
        "no_family_option": ~options["family_option"],
        "no_reciprocal_link": has & (stats["reciprocal_share"] == 0),
        "no_facilitated_introduction": refers & ~introduces,
        "no_joint_initiative": inst["joint_initiatives"] == 0,
    }
    shown = np.column_stack(
        [flags[f] & ~(flags["no_groups_linked"] & (f in _IMPLIED)) for f, _ in GAP_FLAGS]
    ).reshape(n_a, len(GAP_FLAGS))

    cols: dict[str, Any] = {
        "agency_id": stats["agency_id"],
        "name": np.array([a.name for a in net.agencies], dtype=object).reshape(n_a),
        "sector": np.array([a.sector.value for a in net.agencies], dtype=object).reshape(n_a),
        "groups_linked": linked,
        **{c: stats[c] for c, _ in _COUNT_COLUMNS},
        **options,
        "subunits_engaged": touched.sum(axis=1).astype(np.int64),
        "engaged_subunits": flags_to_names(touched, [r.value for r in ROLE_ORDER]),
        "reciprocal_share": stats["reciprocal_share"],
        "adaptational_index": stats["index_mean"],
        "joint_initiatives": inst["joint_initiatives"],
        "joint_groups": inst["joint_groups"],
        "institutional_index": inst["index"],
        **flags,
        "n_gaps": shown.sum(axis=1).astype(np.int64),
        "gaps": flags_to_names(shown, [text for _, text in GAP_FLAGS], sep="; "),
        "linked_activities": linked_activities(net, d.dyad_agency, d.dyad_group),
    }
    return make_frame([(c, cols[c], t) for c, t in SCORECARD_COLUMNS])

"""The agency scorecard: what an evaluator reads first about each agency's self-help linkage.

One row per agency gathers the adaptational and institutional measures with the questions a
service-system evaluation asks: how many groups is the agency linked to, of which types, can
its clients choose between the options expected of an agency of its sector, which of its
subunits take part, are links two-way, does it use an active route to groups (introductions,
hosting, in-reach, peer bridging) or only pass on information and referrals, and does it work
with groups in the community. The questions are this library's; Public Health England's (2013)
self-assessment tool, which helps partnerships understand mutual-aid availability locally and
identify gaps and barriers, asks in the same spirit.

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

from selfhelp_exchange._deprecate import positional_deprecated
from selfhelp_exchange._needs import needs_network
from selfhelp_exchange.activities import linked_activities
from selfhelp_exchange.metrics._common import as_weights, flags_to_names, make_frame
from selfhelp_exchange.metrics._dyads import adaptational_dyads
from selfhelp_exchange.metrics.adaptational import LinkageWeights
from selfhelp_exchange.metrics.agency_index import (
    SUMMARY_COLUMNS,
    AgencyWeights,
    agency_statistics,
)
from selfhelp_exchange.metrics.choices import CHOICE_OPTIONS, Choices
from selfhelp_exchange.metrics.institutional import InstitutionalWeights, institutional_arrays
from selfhelp_exchange.vocabulary import ROLE_ORDER

if TYPE_CHECKING:
    import pandas as pd

    from selfhelp_exchange.network import ExchangeNetwork

__all__ = ["GAP_FLAGS", "SCORECARD_COLUMNS", "agency_scorecard"]

_COUNT_COLUMNS = tuple(
    (c, t) for c, t in SUMMARY_COLUMNS if c.startswith(("type_", "focus_", "approach_"))
)

#: Gap flags, in column order, with the text each puts in the ``gaps`` column. Each text says
#: what would close the gap.
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
    (
        "no_active_route",
        (
            "passive only: no active route with any group (host a meeting, invite in-reach, "
            "arrange peer bridging or introduce a client in person)"
        ),
    ),
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
}
_OPTION_FLAGS = (
    "no_twelve_step",
    "no_non_twelve_step",
    "no_mental_health_option",
    "no_family_option",
)

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
    ("choices_expected", "str"),
    ("choice_coverage", "float64"),
    ("subunits_engaged", "int64"),
    ("engaged_subunits", "str"),
    ("reciprocal_share", "float64"),
    ("active_route", "bool"),
    ("active_routes", "str"),
    ("depth", "float64"),
    ("strongest_link", "float64"),
    ("adaptational_index", "float64"),
    ("joint_initiatives", "int64"),
    ("joint_groups", "int64"),
    ("institutional_index", "float64"),
    *((flag, "bool") for flag, _ in GAP_FLAGS),
    ("n_gaps", "int64"),
    ("gaps", "str"),
    ("linked_activities", "str"),
)


@positional_deprecated("start", "end")
@needs_network
def agency_scorecard(
    net: ExchangeNetwork,
    *,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    weights: LinkageWeights | Mapping[str, Any] | None = None,
    agency_weights: AgencyWeights | Mapping[str, float] | None = None,
    institutional_weights: InstitutionalWeights | Mapping[str, float] | None = None,
    choices: Choices = None,
) -> pd.DataFrame:
    """One row per agency with what an evaluator reads first, and flags for the gaps.

    Parameters
    ----------
    net : ExchangeNetwork
    start, end : date or 'YYYY-MM-DD', optional
        Time window for exchanges (overlap) and initiatives (date in window); undated ones
        always count.
    weights : LinkageWeights or mapping, optional
        Weights of the dyad index (:func:`adaptational_linkage`).
    agency_weights : AgencyWeights or mapping, optional
        Weights of the agency index (:func:`adaptational_summary`).
    institutional_weights : InstitutionalWeights or mapping, optional
        Weights of the institutional linkage index.
    choices : options, or mapping of sector to options, optional
        The options each agency is expected to offer, as for :func:`adaptational_summary`
        (default by sector: :data:`~selfhelp_exchange.metrics.choices.SECTOR_CHOICES`).

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
          focus ``family``. ``choices_expected`` (str): the options expected of this agency
          (by its sector, or ``choices``); ``choice_coverage`` (float): the share of them
          offered. Together: can clients choose?
        - ``subunits_engaged`` (int, 0-3) and ``engaged_subunits`` (str, ``;``-separated):
          subunits touched by some exchange with some group.
        - ``reciprocal_share`` (float): share of linked groups with flows both ways.
        - ``active_route`` (bool) and ``active_routes`` (str): the active kinds the agency has
          with any group: ``facilitated_introduction``, ``meeting_space`` (hosting),
          ``in_reach``, ``peer_bridging``.
        - ``depth`` (float): T / (T + h_D), T the sum of the dyad indices;
          ``strongest_link`` (float): the largest dyad index.
        - ``adaptational_index`` (float): the agency index, breadth and depth combined
          (:func:`adaptational_summary`, :class:`AgencyWeights`): it never falls when the
          agency adds an exchange, links a group or closes a gap.
        - ``joint_initiatives``, ``joint_groups`` (int) and ``institutional_index`` (float):
          from :func:`institutional_linkage`.
        - gap flags (bool): ``no_groups_linked``; ``board_unlinked``,
          ``practitioners_unlinked``, ``clients_unlinked`` (the subunit has no exchange with any
          group); ``no_twelve_step``, ``no_non_twelve_step``, ``no_mental_health_option``,
          ``no_family_option`` (an option expected of the agency and not offered; False for
          options not expected); ``no_reciprocal_link`` (linked, but to no group both ways);
          ``no_active_route`` (linked, but with no active route to any group: passive only);
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
    ArgumentError
        If a window bound is not a date, or ``end`` is before ``start``.
    RecordError
        If the weights are invalid.

    Notes
    -----
    The subunits and the two lenses are Powell & Perron's (2010) [1]_. The passive-only flag
    follows Public Health England (2013) [2]_, which reports (citing Humphreys 1999) that
    simply providing information and leaving clients to make contact often results in them
    never attending or quickly dropping out, and describes a more active approach, including
    services promoting and hosting local meetings, as usually more effective (citing Timko et
    al. 2006). Counting in-reach and peer bridging as active routes too is this library's
    convention. Which gaps matter is for the evaluator: the flags state facts, they do not
    weigh them.

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
    aw = as_weights(AgencyWeights, agency_weights)
    wi = as_weights(InstitutionalWeights, institutional_weights)
    d = adaptational_dyads(net, start, end)
    stats = agency_statistics(net, d, w, aw, choices)
    inst = institutional_arrays(net, start, end, wi)
    n_a = net.n_agencies
    linked = stats["groups_linked"]
    has = linked > 0
    touched = stats["_touched"]
    offered, expected = stats["_offered"], stats["_expected"]

    options = {f"{opt}_option": offered[:, j] for j, opt in enumerate(CHOICE_OPTIONS)}
    flags = {
        "no_groups_linked": ~has,
        "board_unlinked": ~touched[:, 0],
        "practitioners_unlinked": ~touched[:, 1],
        "clients_unlinked": ~touched[:, 2],
        # an option is a gap only where the agency is expected to offer it
        **{f: expected[:, j] & ~offered[:, j] for j, f in enumerate(_OPTION_FLAGS)},
        "no_reciprocal_link": has & (stats["reciprocal_share"] == 0),
        "no_active_route": has & ~stats["active_route"],
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
        "choices_expected": stats["choices_expected"],
        "choice_coverage": stats["choice_coverage"],
        "subunits_engaged": touched.sum(axis=1).astype(np.int64),
        "engaged_subunits": flags_to_names(touched, [r.value for r in ROLE_ORDER]),
        "reciprocal_share": stats["reciprocal_share"],
        "active_route": stats["active_route"],
        "active_routes": stats["active_routes"],
        "depth": stats["depth"],
        "strongest_link": stats["index_max"],
        "adaptational_index": stats["adaptational_index"],
        "joint_initiatives": inst["joint_initiatives"],
        "joint_groups": inst["joint_groups"],
        "institutional_index": inst["index"],
        **flags,
        "n_gaps": shown.sum(axis=1).astype(np.int64),
        "gaps": flags_to_names(shown, [text for _, text in GAP_FLAGS], sep="; "),
        "linked_activities": linked_activities(net, d.dyad_agency, d.dyad_group),
    }
    return make_frame([(c, cols[c], t) for c, t in SCORECARD_COLUMNS])

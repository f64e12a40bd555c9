"""What self-help groups offer: the ``activities`` of a group, as text and as a table.

A group's :attr:`~selfhelp_exchange.SelfHelpGroup.activities` is a tuple of
:class:`~selfhelp_exchange.Activity` values (support meetings, education and workshops, social
events, advocacy, employment support, wellness). In a table cell, a GraphML attribute or a
report they are written as their file values joined by ``;`` in :class:`Activity` order
(``support_meetings;education``), the same text every time for the same activities; an empty
cell means none recorded. This is this library's convention.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from selfhelp_exchange._needs import needs_network
from selfhelp_exchange.exceptions import RecordError
from selfhelp_exchange.vocabulary import Activity

if TYPE_CHECKING:
    import pandas as pd

    from selfhelp_exchange.network import ExchangeNetwork

__all__ = [
    "SEPARATOR",
    "activities_text",
    "group_activities",
    "linked_activities",
    "parse_activities",
]

#: Joins activities in one cell.
SEPARATOR = ";"
_SPLIT = re.compile(r"[;,]")
_SEPARATORS = re.compile(r"[\s\-]+")


def activities_text(activities: tuple[Activity, ...]) -> str:
    """The cell text of a group's activities ('' for none).

    Examples
    --------
    >>> activities_text((Activity.SUPPORT_MEETINGS, Activity.EDUCATION))
    'support_meetings;education'
    """
    return SEPARATOR.join(a.value for a in activities)


def parse_activities(text: str) -> tuple[Activity, ...]:
    """Activities from cell text: values separated by ``;`` (or ``,``), in any order.

    Case, surrounding spaces and ``-`` or a space for ``_`` are forgiven, as for every list
    value of the tables.

    Raises
    ------
    RecordError
        Naming each value that is not an activity and the valid ones.

    Examples
    --------
    >>> [a.value for a in parse_activities("Education; support meetings")]
    ['support_meetings', 'education']
    >>> parse_activities("bingo")
    Traceback (most recent call last):
    ...
    selfhelp_exchange.exceptions.RecordError: 'bingo' is not an activity (valid: support_meetings, education, social_events, advocacy, employment_support, wellness; separate several with ';')
    """
    found: set[Activity] = set()
    bad = []
    for part in _SPLIT.split(text):
        word = _SEPARATORS.sub("_", part.strip().lower())
        if not word:
            continue
        try:
            found.add(Activity(word))
        except ValueError:
            bad.append(part.strip())
    if bad:
        valid = ", ".join(a.value for a in Activity)
        names = ", ".join(repr(b) for b in bad)
        msg = f"{names} {'is not an activity' if len(bad) == 1 else 'are not activities'} (valid: {valid}; separate several with ';')"
        raise RecordError(msg)
    return tuple(a for a in Activity if a in found)


@needs_network
def group_activities(net: ExchangeNetwork) -> pd.DataFrame:
    """One row per group, one boolean column per activity, and ``activities`` as text.

    Parameters
    ----------
    net : ExchangeNetwork

    Returns
    -------
    pandas.DataFrame
        Indexed by ``group_id``; columns ``group_type``, one ``bool`` column per
        :class:`Activity` value, ``n_activities`` and ``activities`` (the cell text, '' when
        none is recorded).

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> net = shx.ExchangeNetwork(groups=[
    ...     shx.SelfHelpGroup("G1", "Riverside RLC", "recovery_learning_community",
    ...                       activities=["education", "support_meetings"]),
    ...     shx.SelfHelpGroup("G2", "Tuesday AA", "mutual_help")])
    >>> t = shx.group_activities(net)
    >>> t.loc["G1", "education"], t.loc["G2", "n_activities"], t.loc["G1", "activities"]
    (np.True_, np.int64(0), 'support_meetings;education')
    """
    import pandas as pd

    rows = []
    for g in net.groups:
        row: dict[str, object] = {"group_id": g.id, "group_type": g.group_type.value}
        row.update({a.value: a in g.activities for a in Activity})
        row["n_activities"] = len(g.activities)
        row["activities"] = activities_text(g.activities)
        rows.append(row)
    columns = [
        "group_id",
        "group_type",
        *(a.value for a in Activity),
        "n_activities",
        "activities",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    frame = frame.astype({a.value: bool for a in Activity} | {"n_activities": "int64"})
    return frame.set_index("group_id")


@needs_network
def linked_activities(
    net: ExchangeNetwork, agency: npt.ArrayLike, group: npt.ArrayLike
) -> npt.NDArray[np.object_]:
    """Per agency, the activities offered by the groups it is linked to (cell text).

    Parameters
    ----------
    net : ExchangeNetwork
    agency, group : array of int
        Linked (agency, group) pairs, as positions in ``net.agencies`` and ``net.groups``.

    Returns
    -------
    ndarray of str
        One text per agency of ``net``: the union of the linked groups' activities, in
        :class:`Activity` order, joined by ``;`` ('' when none is recorded).

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> net = shx.ExchangeNetwork(
    ...     agencies=[shx.Agency("A1", "Clinic"), shx.Agency("A2", "Hospital")],
    ...     groups=[shx.SelfHelpGroup("G1", "RLC", "recovery_learning_community",
    ...                               activities=["education", "social_events"]),
    ...             shx.SelfHelpGroup("G2", "AA", "mutual_help", activities=["support_meetings"])])
    >>> linked_activities(net, [0, 0], [0, 1]).tolist()
    ['support_meetings;education;social_events', '']
    """
    order = list(Activity)
    masks = np.array(
        [sum(1 << order.index(a) for a in g.activities) for g in net.groups], dtype=np.int64
    )
    per_agency = np.zeros(net.n_agencies, dtype=np.int64)
    a = np.asarray(agency, dtype=np.int64)
    g = np.asarray(group, dtype=np.int64)
    if len(a):
        np.bitwise_or.at(per_agency, a, masks[g])
    texts = {}
    out = np.empty(net.n_agencies, dtype=object)
    for i, m in enumerate(per_agency.tolist()):
        if m not in texts:
            texts[m] = activities_text(tuple(x for k, x in enumerate(order) if m >> k & 1))
        out[i] = texts[m]
    return out

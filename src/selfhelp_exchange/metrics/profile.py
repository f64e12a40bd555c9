"""The scorecard profile of each agency: seven linkage components, each in [0, 1].

The numbers :func:`selfhelp_exchange.plot.scorecard_profile` draws, computed here so that a
figure never computes a metric of its own: the adaptational index, subunit coverage, subunits
engaged, multiplexity, reciprocity, choice and the institutional index, each put on [0, 1] as
:data:`PROFILE_COMPONENTS` says (this library's presentation).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np

from selfhelp_exchange._deprecate import positional_deprecated
from selfhelp_exchange._needs import needs_network

if TYPE_CHECKING:
    import pandas as pd

    from selfhelp_exchange.metrics.adaptational import LinkageWeights
    from selfhelp_exchange.metrics.institutional import InstitutionalWeights
    from selfhelp_exchange.network import ExchangeNetwork

__all__ = ["PROFILE_COMPONENTS", "profile_values"]

#: The components of the profile, in drawing order: (key, label, definition). Each is in [0, 1].
PROFILE_COMPONENTS: tuple[tuple[str, str, str], ...] = (
    (
        "adaptational_index",
        "adaptational\nindex",
        "the agency index: depth and breadth of its links (never falls when it does more)",
    ),
    ("coverage", "subunit\ncoverage", "mean subunit coverage C over the linked groups"),
    ("subunits", "subunits\nengaged", "subunits with any link to any group, out of 3"),
    ("multiplexity", "multiplexity", "mean multiplexity share M / |K_A| over the linked groups"),
    ("reciprocity", "reciprocity", "share of linked groups with flows both ways"),
    (
        "choice",
        "choice",
        "options open to clients, out of 4: twelve-step, non-twelve-step, mental-health, family",
    ),
    ("institutional_index", "institutional\nindex", "the institutional linkage index"),
)


@positional_deprecated("start", "end")
@needs_network
def profile_values(
    net: ExchangeNetwork,
    *,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    weights: LinkageWeights | Mapping[str, float] | None = None,
    institutional_weights: InstitutionalWeights | Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """The profile components of every agency, each in [0, 1].

    Rows are agencies in network order, columns the keys of :data:`PROFILE_COMPONENTS`.

    Parameters
    ----------
    net : ExchangeNetwork
    start, end : date or 'YYYY-MM-DD', optional
        Time window.
    weights, institutional_weights : optional
        Weights of the two linkage indices.

    Returns
    -------
    pandas.DataFrame
        Indexed by agency id. ``multiplexity`` divides the mean multiplexity by |K_A| = 12.

    Examples
    --------
    >>> import selfhelp_exchange as shx
    >>> v = profile_values(shx.load_example("riverside"))
    >>> bool(((v >= 0) & (v <= 1)).all().all()), v.shape
    (True, (4, 7))
    """
    import pandas as pd

    from selfhelp_exchange.metrics.adaptational import N_ADAPTATIONAL_KINDS
    from selfhelp_exchange.metrics.agency_index import adaptational_summary
    from selfhelp_exchange.metrics.scorecard import agency_scorecard

    card = agency_scorecard(
        net, start=start, end=end, weights=weights, institutional_weights=institutional_weights
    )
    summary = adaptational_summary(net, start=start, end=end, weights=weights)
    options = card[
        ["twelve_step_option", "non_twelve_step_option", "mental_health_option", "family_option"]
    ].to_numpy(dtype=np.float64)
    data = {
        "adaptational_index": card["adaptational_index"].to_numpy(dtype=np.float64),
        "coverage": summary["coverage_mean"].to_numpy(dtype=np.float64),
        "subunits": card["subunits_engaged"].to_numpy(dtype=np.float64) / 3,
        "multiplexity": summary["multiplexity_mean"].to_numpy(dtype=np.float64)
        / N_ADAPTATIONAL_KINDS,
        "reciprocity": card["reciprocal_share"].to_numpy(dtype=np.float64),
        "choice": options.mean(axis=1) if len(options) else np.zeros(0),
        "institutional_index": card["institutional_index"].to_numpy(dtype=np.float64),
    }
    return pd.DataFrame(data, index=pd.Index(card["agency_id"].tolist(), name="agency_id"))

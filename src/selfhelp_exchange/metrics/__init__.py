"""Linkage metrics: adaptational and institutional linkage, professional involvement, scorecard.

Every function takes an :class:`~selfhelp_exchange.ExchangeNetwork` and returns a pandas
DataFrame with documented, stable columns; an empty network gives an empty frame with the same
columns and dtypes. The computations run on the network's numpy arrays, without a Python loop
over exchanges.
"""

from __future__ import annotations

from selfhelp_exchange.metrics.adaptational import LinkageWeights, adaptational_linkage
from selfhelp_exchange.metrics.agency_index import AgencyWeights, adaptational_summary
from selfhelp_exchange.metrics.continuum import professional_involvement
from selfhelp_exchange.metrics.institutional import InstitutionalWeights, institutional_linkage
from selfhelp_exchange.metrics.scorecard import agency_scorecard
from selfhelp_exchange.metrics.sensitivity import LinkageSensitivity, linkage_sensitivity

__all__ = [
    "AgencyWeights",
    "InstitutionalWeights",
    "LinkageSensitivity",
    "LinkageWeights",
    "adaptational_linkage",
    "adaptational_summary",
    "agency_scorecard",
    "institutional_linkage",
    "linkage_sensitivity",
    "professional_involvement",
]

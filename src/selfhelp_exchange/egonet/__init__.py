"""Personal (ego-centred) networks: who the people served by agencies and groups are close to.

Records and checks (:mod:`.tables`), files (:mod:`.io`), measures (:mod:`.measures`), change
between waves (:mod:`.change`) and pictures (:mod:`.plots`).
"""

from __future__ import annotations

from selfhelp_exchange.egonet.change import (
    IntegrationChange,
    ego_agency_linkage,
    social_integration_change,
)
from selfhelp_exchange.egonet.io import (
    pseudonymize_personal_networks,
    read_personal_networks,
    write_personal_networks,
)
from selfhelp_exchange.egonet.measures import social_integration
from selfhelp_exchange.egonet.tables import PersonalNetworks, personal_networks
from selfhelp_exchange.exceptions import ChangeError

__all__ = [
    "ChangeError",
    "IntegrationChange",
    "PersonalNetworks",
    "ego_agency_linkage",
    "personal_networks",
    "pseudonymize_personal_networks",
    "read_personal_networks",
    "social_integration",
    "social_integration_change",
    "write_personal_networks",
]

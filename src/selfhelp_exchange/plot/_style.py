"""Colours and markers shared by every plot, so a kind or a group type looks the same everywhere."""

from __future__ import annotations

from selfhelp_exchange.catalogue import ExchangeKind
from selfhelp_exchange.vocabulary import GroupType, Role, Sector, Theory

__all__ = [
    "AGENCY_CYCLE",
    "GROUP_TYPE_COLORS",
    "GROUP_TYPE_MARKERS",
    "KIND_COLORS",
    "ROLE_COLORS",
    "SECTOR_COLORS",
    "SUBUNIT_EDGE_COLORS",
    "THEORY_COLORS",
    "agency_color",
]

# Colour-blind-safe palettes (Okabe & Ito 2008; Paul Tol's "muted"), a convention of this library.
_TOL_MUTED = [
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77",
    "#CC6677", "#882255", "#AA4499", "#0077BB", "#6699CC", "#EE8866", "#000000",
]  # fmt: skip
KIND_COLORS: dict[ExchangeKind, str] = dict(zip(ExchangeKind, _TOL_MUTED, strict=True))
THEORY_COLORS: dict[Theory, str] = {
    Theory.ADAPTATIONAL: "#0072B2",
    Theory.INSTITUTIONAL: "#D55E00",
}
ROLE_COLORS: dict[Role, str] = {
    Role.BOARD: "#E69F00",
    Role.PRACTITIONERS: "#56B4E9",
    Role.CLIENTS: "#009E73",
}
SECTOR_COLORS: dict[Sector, str] = {
    Sector.MENTAL_HEALTH: "#0072B2",
    Sector.SUBSTANCE_USE: "#D55E00",
    Sector.CO_OCCURRING: "#CC79A7",
    Sector.OTHER: "#999999",
}
GROUP_TYPE_COLORS: dict[GroupType, str] = {
    GroupType.MUTUAL_HELP: "#009E73",
    GroupType.SUPPORTED_SELF_HELP: "#E69F00",
    GroupType.CONSUMER_OPERATED_SERVICE: "#56B4E9",
    GroupType.PEER_SUPPORT_SERVICE: "#F0E442",
    GroupType.RECOVERY_LEARNING_COMMUNITY: "#0072B2",
    GroupType.CONSUMER_ADVOCACY: "#CC79A7",
}
#: One colour per agency in comparisons (Okabe & Ito 2008, black last), cycled past eight.
AGENCY_CYCLE: tuple[str, ...] = (
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000",
)  # fmt: skip


def agency_color(position: int) -> str:
    """The colour of the agency at this position in the network: the same in every figure."""
    return AGENCY_CYCLE[position % len(AGENCY_CYCLE)]


#: Exchanges grouped by the agency subunit they touch (Paul Tol's "muted" wine, indigo and
#: olive): hues apart from :data:`AGENCY_CYCLE`, so a line is never taken for an agency.
SUBUNIT_EDGE_COLORS: dict[Role, str] = {
    Role.BOARD: "#882255",
    Role.PRACTITIONERS: "#332288",
    Role.CLIENTS: "#999933",
}
#: Group types told apart by marker shape in the network figure (colour is the agencies').
GROUP_TYPE_MARKERS: dict[GroupType, str] = {
    GroupType.MUTUAL_HELP: "o",
    GroupType.SUPPORTED_SELF_HELP: "^",
    GroupType.CONSUMER_OPERATED_SERVICE: "p",
    GroupType.PEER_SUPPORT_SERVICE: "h",
    GroupType.RECOVERY_LEARNING_COMMUNITY: "v",
    GroupType.CONSUMER_ADVOCACY: "P",
}

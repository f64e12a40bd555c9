"""Colours and markers shared by every plot, so a kind or a group type looks the same everywhere."""

from __future__ import annotations

from selfhelp_exchange.catalogue import ExchangeKind
from selfhelp_exchange.vocabulary import GroupType, Role, Sector, Theory

__all__ = [
    "AGENCY_CYCLE",
    "GROUP_TYPE_COLORS",
    "KIND_COLORS",
    "ROLE_COLORS",
    "SECTOR_COLORS",
    "THEORY_COLORS",
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

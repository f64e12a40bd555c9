"""The GraphML layout of a network: its format name and version, and every attribute key."""

from __future__ import annotations

__all__ = ["FORMAT", "VERSION"]

FORMAT = "selfhelp-exchange"
VERSION = 1
_NS = "http://graphml.graphdrawing.org/xmlns"
_SPONSORS = "sponsors"
_AUDIENCE = "audience"
_LOCATION_FIELDS = ("address", "city", "state", "postal_code", "country", "latitude", "longitude")
_GROUP_ENUMS = ("focus", "approach", "meeting_place", "admission", "timing", "facilitation")

# (domain, name, GraphML type), in the order they are declared
_KEYS: tuple[tuple[str, str, str], ...] = (
    ("graph", "format", "string"),
    ("graph", "version", "int"),
    ("graph", "level", "string"),
    ("graph", "observations", "string"),
    ("node", "label", "string"),
    ("node", "node_type", "string"),
    ("node", "name", "string"),
    ("node", "sector", "string"),
    ("node", "address", "string"),
    ("node", "city", "string"),
    ("node", "state", "string"),
    ("node", "postal_code", "string"),
    ("node", "country", "string"),
    ("node", "latitude", "double"),
    ("node", "longitude", "double"),
    ("node", "location_name", "string"),
    ("node", "has_location", "boolean"),
    ("node", "group_type", "string"),
    ("node", "fellowship", "string"),
    ("node", "focus", "string"),
    ("node", "approach", "string"),
    ("node", "meeting_place", "string"),
    ("node", "admission", "string"),
    ("node", "timing", "string"),
    ("node", "facilitation", "string"),
    ("node", "locations", "string"),
    ("node", "meetings", "string"),
    ("node", "activities", "string"),
    ("node", "kind", "string"),
    ("node", "initiative_id", "string"),
    ("node", "date", "string"),
    ("node", "attributes", "string"),
    ("edge", "label", "string"),
    ("edge", "kind", "string"),
    ("edge", "theory", "string"),
    ("edge", "role", "string"),
    ("edge", "source_role", "string"),
    ("edge", "target_role", "string"),
    ("edge", "weight", "double"),
    ("edge", "start", "string"),
    ("edge", "end", "string"),
    ("edge", "attributes", "string"),
    ("edge", "derived", "boolean"),
    ("edge", "initiative", "string"),
    ("edge", "initiative_kind", "string"),
    ("edge", "date", "string"),
)

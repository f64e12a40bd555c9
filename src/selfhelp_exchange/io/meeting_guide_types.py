"""The Meeting Guide type codes; moved to :mod:`selfhelp_exchange.meeting_types` (old path kept)."""

from __future__ import annotations

from selfhelp_exchange.meeting_types import (
    ACCESSIBILITY_CODES,
    ATTENDANCE_CODES,
    AUDIENCE_CODES,
    LANGUAGE_CODES,
    STATUS_CODES,
    VARIANT_CODES,
    meeting_type_names,
    read_type_codes,
    type_category,
    type_flag,
    type_name,
)

__all__ = [
    "ACCESSIBILITY_CODES",
    "ATTENDANCE_CODES",
    "AUDIENCE_CODES",
    "LANGUAGE_CODES",
    "STATUS_CODES",
    "VARIANT_CODES",
    "meeting_type_names",
    "read_type_codes",
    "type_category",
    "type_flag",
    "type_name",
]

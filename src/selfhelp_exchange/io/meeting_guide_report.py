"""The feed report; moved to :mod:`selfhelp_exchange.meeting_report` (old path kept)."""

from __future__ import annotations

from selfhelp_exchange.meeting_report import feed_report

__all__ = ["feed_report"]

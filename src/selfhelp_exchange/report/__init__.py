"""The evaluator's report: one self-contained HTML file (see :func:`build_report`)."""

from __future__ import annotations

from selfhelp_exchange.report.build import SECTIONS, build_report
from selfhelp_exchange.report.quality import DataQuality, Exclusion, assess

__all__ = ["SECTIONS", "DataQuality", "Exclusion", "assess", "build_report"]

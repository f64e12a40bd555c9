"""The evaluator's outputs: the self-contained HTML report and the scorecard exports."""

from __future__ import annotations

from selfhelp_exchange.report.build import SECTIONS, build_report
from selfhelp_exchange.report.export import score_tables, write_scores
from selfhelp_exchange.report.quality import DataQuality, Exclusion, assess

__all__ = [
    "SECTIONS",
    "DataQuality",
    "Exclusion",
    "assess",
    "build_report",
    "score_tables",
    "write_scores",
]

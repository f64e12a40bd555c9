"""Test configuration: hypothesis profiles (``ci`` when CI is set, a small ``dev`` otherwise)."""

from __future__ import annotations

import os

import matplotlib as mpl
from hypothesis import HealthCheck, settings

mpl.use("Agg")

settings.register_profile(
    "dev", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci-small",
    parent=settings.get_profile("ci"),
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("ci-small" if os.environ.get("CI") else "dev")

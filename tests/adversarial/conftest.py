"""The adversarial suite: count the inputs thrown at each reader and print the count."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.adversarial.inputs import OUTCOMES, TRIED


@pytest.fixture(scope="session")
def tried() -> Counter[str]:
    """The session's count of inputs tried, by reader; each test adds one per input."""
    return TRIED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not TRIED:
        return
    parts = ", ".join(f"{reader} {n}" for reader, n in sorted(TRIED.items()))
    terminalreporter.write_sep("-", "adversarial inputs")
    terminalreporter.write_line(f"adversarial inputs tried: {parts} (total {TRIED.total()})")
    readers = sorted({r for r, _ in OUTCOMES})
    outcomes = ", ".join(
        f"{r} {OUTCOMES[r, 'read']} read in full / {OUTCOMES[r, 'refused']} refused"
        for r in readers
    )
    terminalreporter.write_line(f"reads: {outcomes}")

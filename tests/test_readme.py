"""The README's Python code runs exactly as written."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def python_blocks() -> list[str]:
    return re.findall(
        r"^```python\n(.*?)^```$", README.read_text("utf-8"), flags=re.DOTALL | re.MULTILINE
    )


def test_the_readme_has_a_quick_start() -> None:
    blocks = python_blocks()
    assert len(blocks) >= 1
    text = README.read_text("utf-8")
    assert "make demo" in text
    assert "make test" in text


def test_the_readme_python_code_runs_as_written() -> None:
    out = io.StringIO()
    namespace: dict[str, object] = {"__name__": "__readme__"}
    with contextlib.redirect_stdout(out):
        for block in python_blocks():
            exec(compile(block, str(README), "exec"), namespace)  # noqa: S102
    printed = out.getvalue()
    # ALI(A1, G1) by hand: coverage 2/3 (practitioners, board); kind-weighted multiplexity
    # (referral 1 + board seat 2) / 18.5; outward 12, inward 2 (board seat weighs 2): reciprocity
    # 2 / (2 + 2) = 0.5; weighted intensity 14 -> 14 / 18; index =
    # 0.25 * 2/3 + 0.3 * 3/18.5 + 0.15 * 0.5 + 0.3 * 14/18 = 0.523649
    assert "0.523649" in printed
    # a mental-health agency is expected to offer mental-health and family groups: neither is
    assert "no mental-health group linked; no family group linked" in printed
    assert (
        "ExchangeNetwork(4 agencies, 14 groups, 8 actors, 86 exchanges, 8 initiatives, "
        "46 observations)" in printed
    )

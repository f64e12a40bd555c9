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
    # ALI(A1, G1) by hand: coverage 2/3 (practitioners, board), multiplexity 2/12, reciprocal 1,
    # intensity 12 + 1 = 13 -> 13 / (13 + 4); index = (2/3 + 2/12 + 1 + 13/17) / 4 = 0.649510
    assert "0.649510" in printed
    # SMART (non-12-step) and AA (12-step) are linked; no mental-health or family group
    assert "no mental-health group linked; no family group linked" in printed
    assert (
        "ExchangeNetwork(4 agencies, 14 groups, 8 actors, 86 exchanges, 8 initiatives, "
        "46 observations)" in printed
    )

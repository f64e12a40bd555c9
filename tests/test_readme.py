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
    assert "adaptational exchanges: 3\n" in printed
    assert "total referral weight: 12.0\n" in printed
    assert (
        "1 agencies, 2 self-help groups, 1 community actors, 3 exchanges, 1 initiatives" in printed
    )
    assert (
        "ExchangeNetwork(4 agencies, 14 groups, 8 actors, 86 exchanges, 8 initiatives)" in printed
    )

"""The classic interorganizational notebook runs top to bottom."""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib as mpl

NOTEBOOK = (
    Path(__file__).parent.parent / "notebooks" / "06-classic-interorganizational-analysis.ipynb"
)


def test_the_notebook_runs_top_to_bottom() -> None:
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert cells
    assert all(not c["outputs"] for c in cells), "commit the notebook with outputs cleared"
    namespace: dict[str, object] = {"__name__": "__main__"}
    mpl.use("Agg")
    for i, cell in enumerate(cells):
        source = "".join(cell["source"])
        exec(compile(source, f"{NOTEBOOK.name}[code cell {i}]", "exec"), namespace)  # noqa: S102
    qap = namespace["qap"]
    assert abs(qap.statistic - (-0.0508)) < 1e-4  # type: ignore[attr-defined]

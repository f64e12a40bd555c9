"""The layers of CONTRIBUTING.md hold: no module imports from a layer above its own."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "selfhelp_exchange"

#: Top-level modules and packages by layer, lowest first (CONTRIBUTING.md, "The layers").
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"exceptions", "_repr", "_random", "_deprecate", "_grouping"}),
    frozenset(
        {
            "records", "record_fields", "_serialize", "_fastrecords", "_bulk", "meetings", "meeting_types", "meeting_report",
            "selfassessment_items", "catalogue", "vocabulary", "geo", "fellowships",
        }
    ),
    frozenset(
        {
            "network", "network_arrays", "_network_columns", "_network_checks", "_network_nx",
            "activities", "duplicates", "_needs",
        }
    ),
    frozenset({"io", "generate", "generate_defaults"}),
    frozenset(
        {
            "metrics", "structure", "simulate", "egonet", "availability", "meeting_space",
            "outcomes", "selfassessment", "people", "summary", "privacy",
            "scale", "datasets",
        }
    ),
    frozenset({"plot"}),
    frozenset({"report"}),
    frozenset({"cli", "__main__"}),
)  # fmt: skip


#: Imports from a layer above, each with why it is allowed. Keep this short; a new entry needs a
#: reason a reviewer accepts.
ALLOWED: frozenset[tuple[str, str]] = frozenset(
    {
        # the evaluator's workbook states the small-cell threshold in its guidance text and
        # fills its example sheets from the bundled example (both lazily, at write time)
        ("io/template.py", "privacy"),
        ("io/template.py", "datasets"),
    }
)


def _layer(top: str) -> int | None:
    for i, names in enumerate(LAYERS):
        if top in names:
            return i
    return None


def _top(path: Path) -> str:
    rel = path.relative_to(SRC).with_suffix("")
    return rel.parts[0]


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("selfhelp_exchange."):
                out.append((node.lineno, node.module.split(".")[1]))
            elif node.module == "selfhelp_exchange":
                out.extend((node.lineno, a.name) for a in node.names)
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("selfhelp_exchange."):
                    out.append((node.lineno, a.name.split(".")[1]))
    return out


MODULES = sorted(p for p in SRC.rglob("*.py") if p.name != "__init__.py" or p.parent != SRC)


def test_the_check_finds_an_upward_import(tmp_path: Path) -> None:
    bad = tmp_path / "m.py"
    bad.write_text(
        "from selfhelp_exchange.report.build import x\nimport selfhelp_exchange.plot.a\n"
    )
    assert _imports(bad) == [(1, "report"), (2, "plot")]
    assert _layer("report") > _layer("network") > _layer("records")  # type: ignore[operator]


def test_every_module_has_a_layer() -> None:
    tops = {_top(p) for p in MODULES} - {"__init__", "_version", "version"}
    assert not {t for t in tops if _layer(t) is None}, "add the new module to LAYERS"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_import_from_a_layer_above(path: Path) -> None:
    own = _layer(_top(path))
    if own is None:
        return
    above = [
        f"line {line}: {name}"
        for line, name in _imports(path)
        if (other := _layer(name)) is not None
        and other > own
        and (path.relative_to(SRC).as_posix(), name) not in ALLOWED
    ]
    assert not above, f"{path.relative_to(SRC)} imports from a layer above its own: {above}"

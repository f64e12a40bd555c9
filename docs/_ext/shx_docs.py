"""Sphinx directives that build tables from the library itself, so the docs cannot drift.

``exchange-catalogue``
    The exchange catalogue (:class:`selfhelp_exchange.ExchangeKind`): kind, theory, subunit,
    usual direction, definition and source (author and year; the references page has the full
    citations). Options ``:theory:`` and ``:role:`` filter it
    (``:role: agency`` keeps the agency-level kinds).

``enum-values``
    The values of one of the library's enums, e.g. ``selfhelp_exchange.GroupType``, as a
    one-column table of the strings a data file uses.
"""

from __future__ import annotations

import enum
import importlib
from collections.abc import Sequence
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

__all__ = ["setup"]

_DIRECTION = {
    "group_to_agency": "group → agency",
    "agency_to_group": "agency → group",
    "either": "either way",
    "mutual": "both ways",
}


def _cell(text: str, *, literal: bool = False) -> nodes.entry:
    para = nodes.paragraph()
    para += nodes.literal(text, text) if literal else nodes.Text(text)
    entry = nodes.entry()
    entry += para
    return entry


def _table(
    header: Sequence[str],
    rows: Sequence[Sequence[tuple[str, bool]]],
    widths: Sequence[int],
    caption: str | None = None,
) -> nodes.table:
    table = nodes.table(classes=["shx-generated"])
    if caption:
        table += nodes.title(caption, caption)
    group = nodes.tgroup(cols=len(header))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    head_row = nodes.row()
    for text in header:
        head_row += _cell(text)
    head += head_row
    body = nodes.tbody()
    group += body
    for cells in rows:
        row = nodes.row()
        for text, literal in cells:
            row += _cell(text, literal=literal)
        body += row
    return table


def _short_source(source: str) -> str:
    """'Powell & Perron (2010), Substance Use & Misuse ...' -> 'Powell & Perron (2010)'.

    Several sources are separated by '; '. The full citations are on the references page.
    """
    return "; ".join(part.split(",")[0].strip() for part in source.split(";"))


class ExchangeCatalogue(SphinxDirective):
    """Render the exchange catalogue as a table."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {
        "theory": directives.unchanged,
        "role": directives.unchanged,
        "caption": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        from selfhelp_exchange import ExchangeKind

        theory = self.options.get("theory")
        role = self.options.get("role")
        # a column that one filter makes constant would only repeat the caption
        show_role = role is None
        show_theory = theory is None and role is None
        rows = []
        for kind in ExchangeKind:
            kind_role = kind.role.value if kind.role is not None else "agency"
            if theory is not None and kind.theory.value != theory:
                continue
            if role is not None and kind_role != role:
                continue
            row = [(kind_role, False)] if show_role else []
            row.append((kind.value, True))
            if show_theory:
                row.append((kind.theory.value, False))
            row += [
                (_DIRECTION.get(kind.direction.value, kind.direction.value), False),
                (kind.definition, False),
                (_short_source(kind.source), False),
            ]
            rows.append(row)
        if not rows:
            msg = f"exchange-catalogue: no kind has theory={theory!r} and role={role!r}"
            raise self.error(msg)
        header = ["subunit"] if show_role else []
        widths = [12] if show_role else []
        header.append("kind")
        widths.append(22)
        if show_theory:
            header.append("theory")
            widths.append(12)
        header += ["usual direction", "meaning", "source"]
        widths += [14, 50, 22]
        return [_table(header, rows, widths, self.options.get("caption"))]


class EnumValues(SphinxDirective):
    """Render the values of an enum of the library as a table."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {"caption": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        path = self.arguments[0]
        module_name, _, name = path.rpartition(".")
        try:
            obj = getattr(importlib.import_module(module_name), name)
        except (ImportError, AttributeError, ValueError) as exc:
            msg = f"enum-values: cannot import {path!r} ({exc})"
            raise self.error(msg) from None
        if not (isinstance(obj, type) and issubclass(obj, enum.Enum)):
            msg = f"enum-values: {path!r} is not an enum"
            raise self.error(msg)
        rows = [[(str(member.value), True)] for member in obj]
        return [_table(["value"], rows, [30], self.options.get("caption"))]


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives."""
    app.add_directive("exchange-catalogue", ExchangeCatalogue)
    app.add_directive("enum-values", EnumValues)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

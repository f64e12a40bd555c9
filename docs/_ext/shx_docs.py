"""Sphinx directives that build tables from the library itself, so the docs cannot drift.

``exchange-catalogue``
    The exchange catalogue (:class:`selfhelp_exchange.ExchangeKind`): kind, theory, subunit,
    usual direction, definition and source (author and year; the references page has the full
    citations). Options ``:theory:`` and ``:role:`` filter it
    (``:role: agency`` keeps the agency-level kinds).

``enum-values``
    The values of one of the library's enums, e.g. ``selfhelp_exchange.GroupType``, as a
    one-column table of the strings a data file uses.

``shx-defaults``
    Defaults with their meaning and basis. Each entry of the content is a line naming a module
    constant (``selfhelp_exchange.privacy.SMALL_CELL_THRESHOLD``: its value and its ``#:``
    comment) or a parameter of a function or class (``selfhelp_exchange.structure.mrqap
    n_permutations``: its default, read from the signature, and its docstring description),
    optionally followed by an indented block saying where the value comes from when the code
    does not say it. The build fails when an entry names nothing, a parameter has no default
    worth listing (:func:`tuning_defaults`), or an entry has neither a description nor a basis.
    ``tests/test_docs_defaults.py`` checks that every such default of the public API has an
    entry.

``shx-parameter-sources``
    A table of parameters with their defaults and sources, from a mapping of name to a record
    with ``basis``, ``source`` and ``note`` (``selfhelp_exchange.simulate.SOURCES``), the
    defaults read from an instance of the class named by ``:defaults:``.
"""

from __future__ import annotations

import enum
import importlib
import inspect
import textwrap
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.pycode import ModuleAnalyzer
from sphinx.util.docutils import SphinxDirective

__all__ = ["defaults_entries", "setup", "tuning_defaults"]

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


def _resolve(path: str) -> tuple[Any, str, str]:
    """Import a dotted path: (object, module it was found in, attribute name)."""
    parts = path.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        module_name = ".".join(parts[:cut])
        try:
            obj: Any = importlib.import_module(module_name)
        except ImportError:
            continue
        for attr in parts[cut:]:
            obj = getattr(obj, attr)
        return obj, module_name, parts[-1]
    msg = f"cannot import {path!r}"
    raise ImportError(msg)


def _listable(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    return (
        isinstance(value, tuple) and bool(value) and all(isinstance(v, enum.Enum) for v in value)
    )


def tuning_defaults(obj: Callable[..., Any]) -> dict[str, object]:
    """The defaults of a function or class that shape its results: numbers, tuples of members.

    Switches (bool), choices (str), None and empty containers are documented with their
    function; enums' own machinery is not a default of the library.
    """
    if inspect.isclass(obj) and issubclass(obj, enum.Enum):
        return {}
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return {}
    return {
        p.name: p.default
        for p in sig.parameters.values()
        if p.default is not inspect.Parameter.empty and _listable(p.default)
    }


def defaults_entries(lines: Sequence[str]) -> list[tuple[str, str | None, list[str]]]:
    """Parse an ``shx-defaults`` body: (path, parameter or None, basis lines) per entry."""
    entries: list[tuple[str, str | None, list[str]]] = []
    for line in lines:
        if not line.strip():
            if entries:
                entries[-1][2].append("")
            continue
        if line[0].isspace():
            if not entries:
                msg = f"shx-defaults: an indented line before any entry: {line!r}"
                raise ValueError(msg)
            entries[-1][2].append(line)
            continue
        head = line.split()
        if len(head) > 2:
            msg = f"shx-defaults: expected 'path [parameter]', got {line!r}"
            raise ValueError(msg)
        entries.append((head[0], head[1] if len(head) == 2 else None, []))
    return [(p, n, textwrap.dedent("\n".join(b)).strip().splitlines()) for p, n, b in entries]


def _parameter_descriptions(obj: Any) -> dict[str, list[str]]:
    from numpydoc.docscrape import ClassDoc, FunctionDoc

    doc = ClassDoc(obj) if inspect.isclass(obj) else FunctionDoc(obj)
    out: dict[str, list[str]] = {}
    for param in doc["Parameters"]:
        for name in param.name.split(","):
            out[name.strip().lstrip("*")] = list(param.desc)
    return out


def _show(value: object) -> str:
    if isinstance(value, tuple):
        return ", ".join(str(getattr(v, "value", v)) for v in value)
    if isinstance(value, float) and value.is_integer() and abs(value) >= 1e5:
        return f"{value:,.1f}".replace(",", " ")
    if isinstance(value, int) and abs(value) >= 10_000:
        return f"{value:,}".replace(",", " ")
    return repr(value)


class _ReSTCells(SphinxDirective):
    """Shared by the table directives: cells parsed as reST, names resolved in a module."""

    def _rst_entry(self, lines: Sequence[str], module: str) -> nodes.entry:
        entry = nodes.entry()
        saved = self.env.ref_context.get("py:module")
        self.env.ref_context["py:module"] = module
        try:
            self.state.nested_parse(
                StringList(list(lines), source=self.get_source_info()[0]),
                self.content_offset,
                entry,
            )
        finally:
            if saved is None:
                self.env.ref_context.pop("py:module", None)
            else:
                self.env.ref_context["py:module"] = saved
        return entry

    def _grid(
        self, header: Sequence[str], rows: Sequence[Sequence[nodes.entry]], widths: Sequence[int]
    ) -> nodes.table:
        table = nodes.table(classes=["shx-generated", "shx-defaults"])
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
            for cell in cells:
                row += cell
            body += row
        return table


def _literal_entry(text: str) -> nodes.entry:
    return _cell(text, literal=True)


def _plain_entry(paragraphs: Sequence[str]) -> nodes.entry:
    entry = nodes.entry()
    for text in paragraphs:
        entry += nodes.paragraph(text, text)
    return entry


class Defaults(_ReSTCells):
    """Render defaults (constants and parameters) with their meaning and basis."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        try:
            entries = defaults_entries(list(self.content))
        except ValueError as exc:
            raise self.error(str(exc)) from None
        rows = []
        for path, param, basis in entries:
            try:
                obj, module, name = _resolve(path)
            except (ImportError, AttributeError) as exc:
                msg = f"shx-defaults: cannot import {path!r} ({exc})"
                raise self.error(msg) from None
            if param is None:
                analyzer = ModuleAnalyzer.for_module(module)
                comment = analyzer.find_attr_docs().get(("", name))
                text = [*(comment or []), *([""] if comment and basis else []), *basis]
                if not any(t.strip() for t in text):
                    msg = f"shx-defaults: {path} has no '#:' comment and no basis is given"
                    raise self.error(msg)
                label = f"{module.removeprefix('selfhelp_exchange.')}.{name}"
                value = obj
                home = module
            else:
                found = tuning_defaults(obj)
                if param not in found:
                    msg = (
                        f"shx-defaults: {path} has no listable default {param!r} "
                        f"(listable: {', '.join(found) or 'none'})"
                    )
                    raise self.error(msg)
                desc = _parameter_descriptions(obj).get(param, [])
                text = [*desc, *([""] if desc and basis else []), *basis]
                if not any(t.strip() for t in text):
                    msg = f"shx-defaults: {path} {param}: no docstring description and no basis"
                    raise self.error(msg)
                short = path.removeprefix("selfhelp_exchange.")
                label = f"{short}({param}=)"
                value = found[param]
                home = getattr(obj, "__module__", module)
            rows.append(
                [_literal_entry(label), _literal_entry(_show(value)), self._rst_entry(text, home)]
            )
        return [self._grid(["name", "default", "meaning and basis"], rows, [30, 14, 56])]


class ParameterSources(_ReSTCells):
    """Render a mapping of parameter -> (basis, source, note) with the defaults."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {"defaults": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        try:
            sources, _, _ = _resolve(self.arguments[0])
            cls, _, _ = _resolve(self.options["defaults"])
        except (ImportError, AttributeError, KeyError) as exc:
            msg = f"shx-parameter-sources: {exc}"
            raise self.error(msg) from None
        defaults = cls()
        missing = sorted(set(tuning_defaults(cls)) - set(sources))
        if missing:
            msg = f"shx-parameter-sources: no source for {', '.join(missing)}"
            raise self.error(msg)
        rows = []
        for name, src in sources.items():
            rows.append(
                [
                    _literal_entry(name),
                    _literal_entry(_show(getattr(defaults, name))),
                    _cell(src.basis),
                    _plain_entry([src.source, src.note]),
                ]
            )
        return [
            self._grid(
                ["parameter", "default", "basis", "source and note"], rows, [24, 10, 10, 56]
            )
        ]


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives."""
    app.add_directive("exchange-catalogue", ExchangeCatalogue)
    app.add_directive("enum-values", EnumValues)
    app.add_directive("shx-defaults", Defaults)
    app.add_directive("shx-parameter-sources", ParameterSources)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

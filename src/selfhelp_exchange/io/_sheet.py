"""One table of text cells, checked column by column against its layout.

Both the CSV reader and the XLSX reader turn a file into :class:`RawTable` objects (one text per
cell, '' for an empty cell, the spreadsheet row number of every record). :class:`Sheet` checks a
table's header and then parses its columns by type (text, ids, enum values, numbers, dates,
times, JSON attributes), recording a :class:`Problem` for every bad cell with its file, sheet,
row (as a spreadsheet numbers it: the header is row 1), column, value and what would be valid.

Columns are parsed with numpy and pandas where it pays (the exchanges table may hold millions of
rows); per-cell Python runs only over the cells that are filled, or that are wrong.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import json
import math
import re
from collections.abc import Mapping
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

from selfhelp_exchange.exceptions import Problem, RecordError
from selfhelp_exchange.io._reading import reject_constant, unique_object
from selfhelp_exchange.io._schema import layout
from selfhelp_exchange.record_fields import check_id
from selfhelp_exchange.records import Attributes

__all__ = ["RawTable", "Sheet", "column_letter", "given"]

_NAT = np.datetime64("NaT", "D")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME_RE = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?")
_POSITION_RE = re.compile(r"\d+(?:\.0*)?")
_SEPARATORS = re.compile(r"[\s\-]+")


@attrs.frozen(eq=False)
class RawTable:
    """One table as read from a file, before any check.

    Attributes
    ----------
    file : str
        The file the table came from (a CSV file, or the workbook).
    header : tuple of str
        The header cells as written.
    cells : tuple of ndarray of object
        One array of ``str`` per header position ('' for an empty cell).
    rows : ndarray of int64
        The spreadsheet row number of each record (the header is row 1).
    """

    file: str
    header: tuple[str, ...]
    cells: tuple[npt.NDArray[np.object_], ...]
    rows: npt.NDArray[np.int64]


def column_letter(position: int) -> str:
    """The spreadsheet letter of a 0-based column position (0 -> 'A', 26 -> 'AA')."""
    letters = ""
    n = position + 1
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(65 + r) + letters
    return letters


def _py(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value


class Sheet:
    """One table being checked: its columns by name, its rows, and its problems."""

    def __init__(self, table: str, raw: RawTable | None, problems: list[Problem]) -> None:
        self.table = table
        self.spec = {c.name: c for c in layout(table)}
        self.file = raw.file if raw is not None else None
        self.problems = problems
        self.cols: dict[str, npt.NDArray[np.object_]] = {}
        self._filled: dict[str, npt.NDArray[np.bool_]] = {}
        self.missing_required = False
        if raw is None:
            self.rows = np.zeros(0, dtype=np.int64)
        else:
            self._check_header(raw)
        self.n = len(self.rows)
        # rows with a problem are not built into records; with a required column missing no
        # row can be (the header problem says why, once)
        self.bad = np.full(self.n, self.missing_required, dtype=bool)

    # ------------------------------------------------------------------ header
    def _check_header(self, raw: RawTable) -> None:
        valid = ", ".join(self.spec)
        seen: dict[str, int] = {}
        keep: list[int] = []
        for pos, head in enumerate(raw.header):
            name = head.strip().lower()
            letter = column_letter(pos)
            if not name:
                if (raw.cells[pos] != "").any():
                    self._header_problem(
                        letter,
                        head,
                        f"column {letter} holds values but has no header (valid columns: {valid})",
                    )
                continue
            if name.startswith("_"):
                continue  # the user's own notes column: never read (the README says so)
            if name not in self.spec:
                close = difflib.get_close_matches(name, list(self.spec), n=1)
                hint = (
                    f"; did you mean {close[0]!r}?"
                    if close
                    else "; keep extra facts in the 'attributes' column (as JSON), or notes in "
                    "a column whose name starts with '_', which is not read"
                    if "attributes" in self.spec
                    else "; keep notes in a column whose name starts with '_', which is not read"
                )
                self._header_problem(
                    head,
                    head,
                    f"unknown column {head!r} in column {letter} (valid columns: {valid}){hint}",
                )
                continue
            if name in seen:
                self._header_problem(
                    name,
                    head,
                    f"column {name!r} appears more than once (columns "
                    f"{column_letter(seen[name])} and {letter}); keep one",
                )
                continue
            seen[name] = pos
            keep.append(pos)
        missing = [c.name for c in self.spec.values() if c.required and c.name not in seen]
        required = ", ".join(c.name for c in self.spec.values() if c.required)
        for name in missing:
            self._header_problem(
                name,
                None,
                f"required column {name!r} is missing (required columns: {required})",
            )
        # a record row is one with any cell filled, known column or not
        n = len(raw.rows)
        masks = [_nonblank(arr) for arr in raw.cells]
        filled = np.zeros(n, dtype=bool)
        for mask in masks:
            filled |= mask
        self.rows = raw.rows[filled]
        names = {p: raw.header[p].strip().lower() for p in keep}
        self.cols = {names[p]: raw.cells[p][filled] for p in keep}
        self._filled = {names[p]: masks[p][filled] for p in keep}
        self.missing_required = bool(missing)

    def _header_problem(self, column: str, value: str | None, message: str) -> None:
        self.problems.append(
            Problem(message, file=self.file, sheet=self.table, row=1, column=column, value=value)
        )

    # ------------------------------------------------------------------ problems
    def add(self, i: int, column: str | None, value: Any, message: str) -> None:
        """Record a problem at record ``i`` (a 0-based position among this table's records)."""
        self.problems.append(
            Problem(
                message,
                file=self.file,
                sheet=self.table,
                row=int(self.rows[i]),
                column=column,
                value=_py(value),
            )
        )
        self.bad[i] = True

    # ------------------------------------------------------------------ raw access
    def raw(self, name: str) -> npt.NDArray[np.object_]:
        """The text cells of a column ('' everywhere when the column is absent)."""
        col = self.cols.get(name)
        if col is None:
            return np.full(self.n, "", dtype=object)
        return col

    def filled(self, name: str) -> npt.NDArray[np.bool_]:
        """Which cells of a column hold something other than white space."""
        col = self.cols.get(name)
        if col is None:
            return np.zeros(self.n, dtype=bool)
        mask = self._filled[name]
        spec = self.spec[name]
        if spec.required:
            for i in np.flatnonzero(~mask).tolist():
                self.add(
                    int(i),
                    name,
                    col[i] if col[i] != "" else None,
                    f"required cell is empty: {spec.help}",
                )
        return mask

    # ------------------------------------------------------------------ typed columns
    def text(self, name: str) -> npt.NDArray[np.object_]:
        """Free text, kept exactly; None where empty."""
        col = self.raw(name)
        out = np.full(self.n, None, dtype=object)
        mask = self.filled(name)
        out[mask] = col[mask]
        return out

    def ids(self, name: str) -> npt.NDArray[np.object_]:
        """New ids: text that is a valid id (None where empty or invalid)."""
        out = self.text(name)
        for i in np.flatnonzero(given(out)).tolist():
            try:
                check_id(out[i], "an id")
            except RecordError as exc:
                self.add(int(i), name, out[i], str(exc))
                out[i] = None
        return out

    def enum(self, name: str, hints: Mapping[str, str] | None = None) -> npt.NDArray[np.intp]:
        """Positions in the column's choices (-1 where empty or invalid).

        Case, surrounding spaces and ``-`` or a space for ``_`` are forgiven.
        """
        spec = self.spec[name]
        col = self.raw(name)
        mask = self.filled(name)
        codes = np.full(self.n, -1, dtype=np.intp)
        if not mask.any():
            return codes
        index = pd.Index(spec.choices, dtype=object)
        where = np.flatnonzero(mask)
        found = index.get_indexer(pd.Index(col[where], dtype=object))
        # only the cells not written exactly as a value are normalized (in Python)
        miss = np.flatnonzero(found < 0)
        norm = _normalize(col[where[miss]])
        found[miss] = index.get_indexer(pd.Index(norm, dtype=object))
        codes[where] = found
        valid = ", ".join(spec.choices)
        for k, j in enumerate(miss.tolist()):
            if found[j] >= 0:
                continue
            i = int(where[j])
            hint = (hints or {}).get(str(norm[k]))
            if hint is None:
                close = difflib.get_close_matches(str(norm[k]), list(spec.choices), n=1)
                mean = f"; did you mean {close[0]!r}?" if close else ""
                hint = f"{col[i]!r} is not a valid {name}{mean} (valid: {valid})"
            message = hint
            self.add(i, name, col[i], message)
        return codes

    def members(self, name: str, cls: Any) -> list[Any]:
        """Enum members (None where empty or invalid)."""
        codes = self.enum(name)
        choices = self.spec[name].choices
        return [None if c < 0 else cls(choices[c]) for c in codes.tolist()]

    def number(self, name: str) -> npt.NDArray[np.float64]:
        """Finite decimal numbers within the column's range (NaN where empty or invalid)."""
        spec = self.spec[name]
        col = self.raw(name)
        mask = self.filled(name)
        out = _floats(col, mask)
        bad = mask & ~np.isfinite(out)
        lo = -math.inf if spec.low is None else spec.low
        hi = math.inf if spec.high is None else spec.high
        bad |= mask & ((out < lo) | (out > hi))
        for i in np.flatnonzero(bad).tolist():
            self.add(
                int(i),
                name,
                col[i],
                f"{name} must be a number from {spec.low:g} to {spec.high:g} (got {col[i]!r})"
                if spec.low is not None and spec.high is not None
                else f"{name} must be a finite decimal number (got {col[i]!r})",
            )
        out[bad] = np.nan
        return out

    def weight(self, name: str) -> npt.NDArray[np.float64]:
        """Finite numbers >= 0, 1 where empty (the Exchange default); bad cells get a problem."""
        col = self.raw(name)
        mask = self.filled(name)
        out = _floats(col, mask)
        for i in np.flatnonzero(mask & (~(out >= 0) | np.isinf(out))).tolist():
            self.add(
                int(i),
                name,
                col[i],
                f"{name} must be a finite number >= 0, e.g. 1 or 2.5 (got {col[i]!r})",
            )
        out[~mask] = 1.0
        return out

    def position(self, name: str) -> npt.NDArray[np.int64]:
        """Whole numbers >= 1 (0 where empty or invalid)."""
        col = self.raw(name)
        mask = self.filled(name)
        out = np.zeros(self.n, dtype=np.int64)
        for i in np.flatnonzero(mask).tolist():
            text = str(col[i]).strip()
            digits = text.partition(".")[0]
            # more digits than an int64 holds is no position (and would overflow it)
            value = int(digits) if _POSITION_RE.fullmatch(text) and len(digits) <= 18 else 0
            if value < 1:
                self.add(
                    int(i),
                    name,
                    col[i],
                    f"{name} must be a whole number from 1 up, or empty (got {col[i]!r})",
                )
            else:
                out[i] = value
        return out

    def date(self, name: str) -> npt.NDArray[np.datetime64]:
        """Dates as ``datetime64[D]`` (NaT where empty or invalid)."""
        col = self.raw(name)
        mask = self.filled(name)
        out = np.full(self.n, _NAT)
        if not mask.any():
            return out
        where = np.flatnonzero(mask)
        values, ok = _by_distinct(col[where], _parse_dates)
        out[where] = values
        for j in np.flatnonzero(~ok).tolist():
            i = int(where[j])
            self.add(
                i,
                name,
                col[i],
                f"{name} must be a date as YYYY-MM-DD, e.g. 2024-03-31 (got {col[i]!r})",
            )
        return out

    def dates(self, name: str) -> list[dt.date | None]:
        """Dates as ``datetime.date`` (None where empty or invalid)."""
        return [None if np.isnat(d) else d.item() for d in self.date(name)]

    def time(self, name: str) -> list[dt.time | None]:
        """Times of day (None where empty or invalid)."""
        col = self.raw(name)
        mask = self.filled(name)
        out: list[dt.time | None] = [None] * self.n
        for i in np.flatnonzero(mask).tolist():
            m = _TIME_RE.fullmatch(str(col[i]).strip())
            try:
                if m is None:
                    raise ValueError  # one message for every bad form
                hh, mm, ss, frac = m.groups()
                out[i] = dt.time(int(hh), int(mm), int(ss or 0), int((frac or "0").ljust(6, "0")))
            except ValueError:
                self.add(
                    int(i),
                    name,
                    col[i],
                    f"{name} must be a time of day as HH:MM (24 hours), e.g. 19:30 "
                    f"(got {col[i]!r})",
                )
        return out

    def flag(self, name: str) -> list[bool | None]:
        """Flags: true or false (None where empty or invalid)."""
        col = self.raw(name)
        mask = self.filled(name)
        out: list[bool | None] = [None] * self.n
        for i in np.flatnonzero(mask).tolist():
            text = str(col[i]).strip().lower()
            if text in {"true", "false"}:
                out[i] = text == "true"
            else:
                self.add(int(i), name, col[i], f"{name} must be true, false or empty")
        return out

    def attributes(self, name: str) -> list[Attributes]:
        """Free attributes from JSON objects (empty where the cell is empty or invalid)."""
        col = self.raw(name)
        mask = self.filled(name)
        out = [_NO_ATTRIBUTES] * self.n
        # a text repeated down the column ({"region": "R2"}) is parsed once; Attributes are
        # immutable, so the rows share it
        parsed: dict[str, Attributes | ValueError] = {}
        for i in np.flatnonzero(mask).tolist():
            text = str(col[i])
            value = parsed.get(text)
            if value is None:
                try:
                    value = _parse_attributes(text)
                except ValueError as exc:
                    value = exc
                parsed[text] = value
            if isinstance(value, ValueError):
                self.add(
                    int(i),
                    name,
                    col[i],
                    f"{name} must be a JSON object of names to text, numbers or true/false, "
                    f'e.g. {{"beds": 40, "county": "Riverside"}} ({value})',
                )
            else:
                out[i] = value
        return out


def _by_distinct(
    cells: npt.NDArray[np.object_], parse: Any
) -> tuple[npt.NDArray[Any], npt.NDArray[np.bool_]]:
    """``parse(cells)``, computed once per distinct text when every cell is text.

    A column of millions of exchanges holds a few hundred distinct days or weights; ``parse``
    gives the same result for equal texts, so parsing each once and gathering is exact.
    """
    if len(cells) < 1000 or pd.api.types.infer_dtype(cells, skipna=False) != "string":
        return parse(cells)  # type: ignore[no-any-return]
    codes, distinct = pd.factorize(cells)
    values, ok = parse(np.asarray(distinct, dtype=object))
    return values[codes], ok[codes]


def _parse_dates(
    raw: npt.NDArray[np.object_],
) -> tuple[npt.NDArray[np.datetime64], npt.NDArray[np.bool_]]:
    """Text cells as ``datetime64[D]``, and which were dates as YYYY-MM-DD."""
    ten = _lengths(raw) == 10
    # the usual case, YYYY-MM-DD exactly, is checked and parsed column-wise (only cells of
    # ten characters become a fixed-width array: one long cell would make it huge)
    text = np.full(len(raw), "", dtype="<U10")
    text[ten] = raw[ten].astype("<U10")
    shaped = (
        ten
        & (np.char.find(text, "-") == 4)
        & (np.char.rfind(text, "-") == 7)
        & np.char.isdigit(np.char.replace(text, "-", ""))
        & ~np.char.startswith(text, "0000")  # numpy reads year 0; Python's dates start at 1
    )
    values = np.full(len(raw), _NAT)
    ok = shaped.copy()
    try:
        values[shaped] = np.asarray(text[shaped], dtype="datetime64[D]")
        slow = np.flatnonzero(~shaped)
    except ValueError:  # an impossible day such as 2024-02-30: look at each
        slow = np.arange(len(raw))
    for j in slow.tolist():
        stripped = str(raw[j]).strip()
        try:
            if not _DATE_RE.fullmatch(stripped):
                raise ValueError  # one message for every bad form
            values[j] = np.datetime64(dt.date.fromisoformat(stripped), "D")
            ok[j] = True
        except ValueError:
            ok[j] = False
    return values, ok


_NO_ATTRIBUTES = Attributes()


def given(values: npt.NDArray[np.object_]) -> npt.NDArray[np.bool_]:
    """Which entries of an object array are not None."""
    return np.fromiter((v is not None for v in values), dtype=bool, count=len(values))


_ISSPACE = np.frompyfunc(str.isspace, 1, 1)
_LEN = np.frompyfunc(len, 1, 1)


def _nonblank(arr: npt.NDArray[np.object_]) -> npt.NDArray[np.bool_]:
    """Which cells hold something other than white space."""
    if not len(arr):
        return np.zeros(0, dtype=bool)
    nonempty: npt.NDArray[np.bool_] = np.asarray(arr != "", dtype=bool)
    spaces: npt.NDArray[np.bool_] = np.asarray(_ISSPACE(arr), dtype=bool)
    return nonempty & ~spaces


def _lengths(arr: npt.NDArray[np.object_]) -> npt.NDArray[np.intp]:
    """The length of every text cell."""
    if not len(arr):
        return np.zeros(0, dtype=np.intp)
    return np.asarray(_LEN(arr), dtype=np.intp)


def _normalize(values: npt.NDArray[np.object_]) -> list[str]:
    return [_SEPARATORS.sub("_", str(v).strip().lower()) for v in values.tolist()]


def _floats(col: npt.NDArray[np.object_], mask: npt.NDArray[np.bool_]) -> npt.NDArray[np.float64]:
    """Parse the masked cells as float64 (NaN where empty or not a number), exactly."""
    out = np.full(len(col), np.nan)
    if not mask.any():
        return out
    out[mask] = _by_distinct(col[mask], _parse_floats)[0]
    return out


def _parse_floats(
    sub: npt.NDArray[np.object_],
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    """Text cells as float64 (NaN where not a number); every cell marked parsed."""
    done = np.ones(len(sub), dtype=bool)
    try:
        if _lengths(sub).max() > 40:  # not a plain number; and a fixed-width copy would be huge
            raise ValueError  # the cell-by-cell path below
        # numpy parses decimal text to the nearest float64, as float() does
        return np.asarray(sub.astype(str), dtype=np.float64), done
    except ValueError:
        values = np.full(len(sub), np.nan)
        for j, text in enumerate(sub.tolist()):
            with contextlib.suppress(ValueError):  # left NaN: the caller reports it
                values[j] = float(text)
        return values, done


def _parse_attributes(text: str) -> Attributes:
    try:
        data = json.loads(text, parse_constant=reject_constant, object_pairs_hook=unique_object)
    except RecursionError:
        msg = "nested too deeply"
        raise ValueError(msg) from None
    except ValueError as exc:
        msg = f"not valid JSON: {exc}"
        raise ValueError(msg) from None
    if not isinstance(data, dict):
        msg = f"got a JSON {type(data).__name__}, not an object"
        raise ValueError(msg)  # noqa: TRY004  # reported as a cell problem, not raised
    for key, value in data.items():
        if not isinstance(value, str | int | float | bool):
            msg = f"the value of {key!r} is {json.dumps(value)}"
            raise ValueError(msg)  # noqa: TRY004
    try:
        return Attributes(data)
    except RecordError as exc:
        raise ValueError(str(exc)) from None

"""Personal networks as tables: alters (long), alter-alter ties and egos, checked as one.

The three tables and their columns (``*``: required). The same layout serves DataFrames, the
sheets of an evaluator workbook and the files of a CSV folder:

============  =============================================================================
table         columns
============  =============================================================================
alters        ego_id*, wave*, alter_id*, relation*, strength, contact_frequency,
              supportive, attributes
alter_ties    ego_id*, wave*, alter_a*, alter_b*
egos          ego_id*, agency, groups, attributes
============  =============================================================================

Conventions of this library (none of them comes from a published source):

- One ``alters`` row per ego x wave x alter; an alter is named at most once per ego and wave.
  ``wave`` is text (a label or a date) compared exactly; waves are ordered as they first appear
  in the alters table.
- ``relation`` is one of the six :class:`~selfhelp_exchange.Relation` values.
- ``strength`` is on the study's own scale from 0 to 100; ``contact_frequency`` is in contacts
  per month, 0 to 1000; ``supportive`` is true, false or empty (not asked).
- A row of ``alter_ties`` says two alters of the same ego in the same wave know each other
  (undirected; each pair once). When the ties table is given at all, every ego and wave is
  taken to have been asked about the ties among their alters: no row means no tie.
- ``egos.groups`` lists group ids separated by ``;``. ``agency`` and ``groups`` are checked
  against a network only when one is given.
- Free attributes: in a file, a JSON object in the ``attributes`` column; in a DataFrame, any
  column that is not one of the table's columns (and an ``attributes`` column of dicts, if
  present). Read back, each attribute is a column of its own.
- Nothing is dropped or coerced silently: every problem (with table, row, column, value and
  what would be valid) is reported at once in a :class:`~selfhelp_exchange.DataFileError`. Rows
  of a DataFrame are numbered from 0, as its position; rows of a file as a spreadsheet shows
  them (the header is row 1).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt
import pandas as pd

from selfhelp_exchange.exceptions import DataFileError, Problem, RecordError
from selfhelp_exchange.io._columns import attributes_text
from selfhelp_exchange.io._schema import PERSONAL_NETWORK_TABLES
from selfhelp_exchange.io._sheet import RawTable, Sheet
from selfhelp_exchange.record_fields import check_id
from selfhelp_exchange.records import Attributes
from selfhelp_exchange.vocabulary import Relation

if TYPE_CHECKING:
    from selfhelp_exchange.network import ExchangeNetwork

__all__ = [
    "ALTER_COLUMNS",
    "EGO_COLUMNS",
    "TIE_COLUMNS",
    "PersonalNetworks",
    "personal_network_columns",
    "personal_networks",
    "personal_networks_from_raw",
]

#: The fixed columns of each table, in file order (without ``attributes``).
ALTER_COLUMNS = (
    "ego_id",
    "wave",
    "alter_id",
    "relation",
    "strength",
    "contact_frequency",
    "supportive",
)
TIE_COLUMNS = ("ego_id", "wave", "alter_a", "alter_b")
EGO_COLUMNS = ("ego_id", "agency", "groups")
_TABLE_ORDER = ("alters", "alter_ties", "egos")
RELATIONS = tuple(r.value for r in Relation)


def _frame_equal(a: pd.DataFrame | None, b: pd.DataFrame | None) -> bool:
    if a is None or b is None:
        return a is b
    return list(a.columns) == list(b.columns) and bool(a.equals(b))


@attrs.frozen(eq=False, repr=False)
class PersonalNetworks:
    """The personal (ego-centred) networks of a study: alters, optional ties and egos.

    Build one with :func:`personal_networks` (from DataFrames) or
    :func:`~selfhelp_exchange.read_personal_networks` (from a workbook or CSV folder): both
    check every row. The tables travel beside an
    :class:`~selfhelp_exchange.ExchangeNetwork` (in the same workbook or folder, as extra
    sheets or files) rather than inside it: the network describes organizations, these
    tables describe people.

    Attributes
    ----------
    alters : pandas.DataFrame
        One row per ego x wave x alter: ``ego_id``, ``wave``, ``alter_id`` (text),
        ``relation`` (categorical over the six :class:`~selfhelp_exchange.Relation` values),
        ``strength``, ``contact_frequency`` (float, NaN where not given), ``supportive``
        (pandas ``boolean``, ``<NA>`` where not asked), then one column per free attribute.
    ties : pandas.DataFrame or None
        ``ego_id``, ``wave``, ``alter_a``, ``alter_b``; None when no tie data was given.
    egos : pandas.DataFrame or None
        ``ego_id``, ``agency`` (text or None), ``groups`` (tuple of group ids), then one column
        per free attribute; None when no ego table was given.

    Examples
    --------
    >>> import pandas as pd
    >>> import selfhelp_exchange as shx
    >>> pn = shx.personal_networks(pd.DataFrame({
    ...     "ego_id": ["e1", "e1", "e2"], "wave": ["baseline"] * 3,
    ...     "alter_id": ["a", "b", "a"], "relation": ["family", "peer", "treatment_staff"]}))
    >>> pn
    PersonalNetworks(2 egos, 1 wave, 3 alter rows, no tie table, no ego table)
    >>> pn.waves
    ('baseline',)
    """

    alters: pd.DataFrame
    ties: pd.DataFrame | None = None
    egos: pd.DataFrame | None = None

    @property
    def waves(self) -> tuple[str, ...]:
        """The waves, in the order they first appear in the alters table."""
        return tuple(pd.unique(self.alters["wave"]).tolist())

    @property
    def ego_ids(self) -> tuple[str, ...]:
        """The egos with at least one alter, in order of first appearance."""
        return tuple(pd.unique(self.alters["ego_id"]).tolist())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PersonalNetworks):
            return NotImplemented
        return (
            _frame_equal(self.alters, other.alters)
            and _frame_equal(self.ties, other.ties)
            and _frame_equal(self.egos, other.egos)
        )

    __hash__ = None  # type: ignore[assignment]  # holds mutable DataFrames

    def __repr__(self) -> str:
        n_egos, n_waves = len(self.ego_ids), len(self.waves)
        ties = "no tie table" if self.ties is None else f"{len(self.ties)} alter ties"
        egos = "no ego table" if self.egos is None else f"{len(self.egos)} egos in ego table"
        return (
            f"PersonalNetworks({n_egos} ego{'s' * (n_egos != 1)}, {n_waves} "
            f"wave{'s' * (n_waves != 1)}, {len(self.alters)} alter rows, {ties}, {egos})"
        )

    def to_frame(self) -> pd.DataFrame:
        """The alters table, joined with the ego table's columns when there is one."""
        if self.egos is None:
            return self.alters.copy()
        return self.alters.merge(self.egos, on="ego_id", how="left", suffixes=("", "_ego"))


# ---------------------------------------------------------------------- DataFrame -> text
def _cell(value: Any) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.datetime) and value.time() == dt.time(0) and value.tzinfo is None:
        return value.date().isoformat()  # a date read as a timestamp (pandas, Excel)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return attributes_text(value) if value else ""
    if isinstance(value, tuple | list | set | frozenset):
        return ";".join(str(v) for v in value)
    return str(getattr(value, "value", value))


def _json_value(value: Any) -> Any:
    """A free attribute as JSON text, number or bool; None for a missing value."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _text_cells(values: pd.Series) -> npt.NDArray[np.object_]:
    """A column as text cells ('' where missing); whole text columns without a Python loop."""
    arr = values.to_numpy(dtype=object)
    missing = pd.isna(arr)
    kind = pd.api.types.infer_dtype(values, skipna=True)
    if kind in {"string", "empty"}:
        out = arr.copy()
        out[missing] = ""
        return out
    if kind == "boolean":
        out = np.full(len(arr), "", dtype=object)
        present = np.flatnonzero(~missing)
        out[present] = np.where(arr[present].astype(bool), "true", "false")
        return out
    out = np.empty(len(arr), dtype=object)
    out[:] = [_cell(v) for v in arr.tolist()]
    return out


def _raw_from_frame(table: str, frame: pd.DataFrame) -> RawTable:
    """A DataFrame as a table of text cells (rows numbered from 0, as their position)."""
    fixed = [c.name for c in PERSONAL_NETWORK_TABLES[table] if c.name != "attributes"]
    names = [str(c) for c in frame.columns]
    known = [c for c in names if c.strip().lower() in fixed]
    extra = [c for c in names if c not in known and c != "attributes"]
    n = len(frame)
    header: list[str] = list(known)
    cells: list[npt.NDArray[np.object_]] = [_text_cells(frame[c]) for c in known]
    if extra or "attributes" in names:
        base = frame["attributes"].tolist() if "attributes" in names else [None] * n
        extra_cols = {c: frame[c].tolist() for c in extra}
        arr = np.empty(n, dtype=object)
        texts = []
        for i in range(n):
            b = base[i]
            if isinstance(b, str):
                texts.append(b)  # JSON text: checked by the reader like a file's cell
                continue
            attrs_: dict[str, Any] = dict(b) if isinstance(b, Mapping) else {}
            for c, values in extra_cols.items():
                v = _json_value(values[i])
                if v is not None:
                    attrs_[c] = v
            texts.append(json.dumps(attrs_, ensure_ascii=False) if attrs_ else "")
        arr[:] = texts
        header.append("attributes")
        cells.append(arr)
    return RawTable(table, tuple(header), tuple(cells), np.arange(n, dtype=np.int64))


# ---------------------------------------------------------------------- checking
def _attribute_columns(values: list[Mapping[str, Any]]) -> dict[str, list[Any]]:
    keys: dict[str, None] = {}
    for a in values:
        for k in a:
            keys.setdefault(str(k), None)
    return {k: [a.get(k) for a in values] for k in keys}


def _with_attributes(
    sheet: Sheet, frame: pd.DataFrame, attributes: list[Attributes]
) -> pd.DataFrame:
    """``frame`` with one column per free attribute (None where a row does not have it)."""
    for k, v in _attribute_columns(list(attributes)).items():
        if k in frame.columns:
            i = next(j for j, a in enumerate(attributes) if k in a)
            sheet.add(i, "attributes", k, f"attribute {k!r} has the name of a column; rename it")
            continue
        frame[k] = pd.Series(v, dtype=object)
    return frame


def _key_text(*parts: object) -> str:
    return " / ".join(repr(p) for p in parts)


def _first_of(
    keys: list[npt.NDArray[np.object_]], valid: npt.NDArray[np.bool_]
) -> npt.NDArray[np.int64]:
    """For each row, the position of the first row with the same key (-1 where not valid)."""
    out = np.full(len(valid), -1, dtype=np.int64)
    idx = np.flatnonzero(valid)
    if not len(idx):
        return out
    group, _ = pd.factorize(pd.MultiIndex.from_arrays([k[idx] for k in keys]))
    _, first = np.unique(group, return_index=True)
    out[idx] = idx[first[group]]
    return out


def _filled(*cols: npt.NDArray[np.object_]) -> npt.NDArray[np.bool_]:
    ok = np.ones(len(cols[0]), dtype=bool)
    for c in cols:
        ok &= pd.notna(c)
    return ok


def _alters(sheet: Sheet) -> pd.DataFrame:
    ego = sheet.ids("ego_id")
    wave = sheet.text("wave")
    alter = sheet.ids("alter_id")
    relation = sheet.enum("relation")
    strength = sheet.number("strength")
    contact = sheet.number("contact_frequency")
    supportive = sheet.flag("supportive")
    attributes = sheet.attributes("attributes")
    first = _first_of([ego, wave, alter], _filled(ego, wave, alter))
    for i in np.flatnonzero((first >= 0) & (first != np.arange(sheet.n))).tolist():
        sheet.add(
            i,
            "alter_id",
            alter[i],
            f"alter {alter[i]!r} is named twice for ego {ego[i]!r} in wave {wave[i]!r} "
            f"(also row {int(sheet.rows[first[i]])}); keep one row per ego, wave and alter",
        )
    data: dict[str, Any] = {
        "ego_id": pd.Series(ego, dtype=object),
        "wave": pd.Series(wave, dtype=object),
        "alter_id": pd.Series(alter, dtype=object),
        "relation": pd.Categorical.from_codes(relation.tolist(), categories=pd.Index(RELATIONS)),
        "strength": strength,
        "contact_frequency": contact,
        "supportive": pd.array(supportive, dtype="boolean"),
    }
    frame = pd.DataFrame(data)
    return _with_attributes(sheet, frame, attributes)


def _ties(sheet: Sheet, alters: pd.DataFrame) -> pd.DataFrame:
    ego = sheet.ids("ego_id")
    wave = sheet.text("wave")
    a = sheet.ids("alter_a")
    b = sheet.ids("alter_b")
    n = sheet.n
    ae = alters["ego_id"].to_numpy(dtype=object)
    aw = alters["wave"].to_numpy(dtype=object)
    aa = alters["alter_id"].to_numpy(dtype=object)
    ok = _filled(ae, aw, aa)
    known_ew = pd.MultiIndex.from_arrays([ae[ok], aw[ok]])
    known_alter = pd.MultiIndex.from_arrays([ae[ok], aw[ok], aa[ok]])
    ew_ok = _filled(ego, wave)
    has_ew = np.zeros(n, dtype=bool)
    idx = np.flatnonzero(ew_ok)
    if len(idx):
        has_ew[idx] = pd.MultiIndex.from_arrays([ego[idx], wave[idx]]).isin(known_ew)
    for i in np.flatnonzero(ew_ok & ~has_ew).tolist():
        sheet.add(
            i,
            "ego_id",
            ego[i],
            f"ego {ego[i]!r} has no alters in wave {wave[i]!r} (sheet alters): a tie must "
            "join two alters the ego named in that wave",
        )
    listing: dict[tuple[Any, Any], list[str]] | None = None
    for col, x in (("alter_a", a), ("alter_b", b)):
        check = np.flatnonzero(has_ew & pd.notna(x))
        if not len(check):
            continue
        found = pd.MultiIndex.from_arrays([ego[check], wave[check], x[check]]).isin(known_alter)
        for i in check[~found].tolist():
            if listing is None:
                listing = {}
                for e, w, y in zip(ae[ok].tolist(), aw[ok].tolist(), aa[ok].tolist(), strict=True):
                    listing.setdefault((e, w), []).append(str(y))
            alters_of = sorted(listing[ego[i], wave[i]])
            sheet.add(
                i,
                col,
                x[i],
                f"{x[i]!r} is not an alter of ego {ego[i]!r} in wave {wave[i]!r} "
                f"(its alters: {', '.join(alters_of[:10])}"
                f"{', ...' if len(alters_of) > 10 else ''})",
            )
    pair_ok = has_ew & _filled(a, b)
    same = np.zeros(n, dtype=bool)
    same[pair_ok] = a[pair_ok] == b[pair_ok]
    for i in np.flatnonzero(same).tolist():
        sheet.add(i, "alter_b", b[i], "a tie joins two different alters (got the same twice)")
    pair_ok &= ~same
    lo = np.full(n, None, dtype=object)
    hi = np.full(n, None, dtype=object)
    lo[pair_ok], hi[pair_ok] = a[pair_ok], b[pair_ok]
    swap = np.zeros(n, dtype=bool)
    swap[pair_ok] = a[pair_ok] > b[pair_ok]
    lo[swap], hi[swap] = b[swap], a[swap]
    first = _first_of([ego, wave, lo, hi], pair_ok)
    for i in np.flatnonzero((first >= 0) & (first != np.arange(n))).tolist():
        sheet.add(
            i,
            "alter_b",
            b[i],
            f"the tie {_key_text(a[i], b[i])} of ego {ego[i]!r} in wave {wave[i]!r} is "
            f"given twice (also row {int(sheet.rows[first[i]])}; ties have no "
            "direction); keep one",
        )
    return pd.DataFrame(
        {
            "ego_id": pd.Series(ego, dtype=object),
            "wave": pd.Series(wave, dtype=object),
            "alter_a": pd.Series(a, dtype=object),
            "alter_b": pd.Series(b, dtype=object),
        }
    )


def _split_groups(text: str | None) -> tuple[str, ...]:
    if text is None:
        return ()
    return tuple(p.strip() for p in text.split(";") if p.strip())


def _egos(sheet: Sheet, network: ExchangeNetwork | None) -> pd.DataFrame:
    ego = sheet.ids("ego_id")
    agency = sheet.ids("agency")
    groups_text = sheet.text("groups")
    attributes = sheet.attributes("attributes")
    seen: dict[Any, int] = {}
    groups: list[tuple[str, ...]] = []
    agency_ids = {a.id for a in network.agencies} if network is not None else None
    group_ids = {g.id for g in network.groups} if network is not None else None
    for i in range(sheet.n):
        if ego[i] is not None:
            if ego[i] in seen:
                sheet.add(
                    i,
                    "ego_id",
                    ego[i],
                    f"ego {ego[i]!r} is given twice (also row {int(sheet.rows[seen[ego[i]]])}); "
                    "keep one row per ego",
                )
            else:
                seen[ego[i]] = i
        gs = _split_groups(groups_text[i])
        for g in gs:
            try:
                check_id(g, "a group id")
            except RecordError as exc:
                sheet.add(i, "groups", groups_text[i], str(exc))
        if agency_ids is not None and agency[i] is not None and agency[i] not in agency_ids:
            sheet.add(i, "agency", agency[i], f"{agency[i]!r} is not an agency of the network")
        if group_ids is not None:
            unknown = [g for g in gs if g not in group_ids]
            if unknown:
                sheet.add(
                    i,
                    "groups",
                    groups_text[i],
                    f"{', '.join(map(repr, unknown))} not a group of the network "
                    "(separate several group ids with ';')",
                )
        groups.append(gs)
    frame = pd.DataFrame(
        {
            "ego_id": pd.Series(ego, dtype=object),
            "agency": pd.Series(agency, dtype=object),
            "groups": pd.Series(groups, dtype=object),
        }
    )
    return _with_attributes(sheet, frame, attributes)


def personal_networks_from_raw(
    tables: Mapping[str, RawTable], *, network: ExchangeNetwork | None = None
) -> PersonalNetworks:
    """Check the raw tables and build :class:`PersonalNetworks`; every problem at once.

    Raises
    ------
    DataFileError
        Listing every problem found.
    """
    problems: list[Problem] = []
    if "alters" not in tables:
        where = next((t.file for t in tables.values()), None)
        msg = (
            "there is no alters table: personal networks need at least the alters sheet or "
            f"alters.csv (columns: {', '.join(ALTER_COLUMNS)}, attributes)"
        )
        raise DataFileError([Problem(msg, file=where, sheet="alters")])
    sheets = {t: Sheet(t, tables[t], problems) for t in _TABLE_ORDER if t in tables}
    alters = _alters(sheets["alters"])
    ties = _ties(sheets["alter_ties"], alters) if "alter_ties" in sheets else None
    egos = _egos(sheets["egos"], network) if "egos" in sheets else None
    if problems:
        order = {name: i for i, name in enumerate(_TABLE_ORDER)}
        col_order = {
            (t, c.name): j
            for t, cols in PERSONAL_NETWORK_TABLES.items()
            for j, c in enumerate(cols)
        }

        def key(p: Problem) -> tuple[int, int, int]:
            return (
                order.get(p.sheet or "", -1),
                p.row or 0,
                col_order.get((p.sheet or "", p.column or ""), len(col_order)),
            )

        raise DataFileError(
            sorted(problems, key=key), header="the personal networks are not valid"
        )
    return PersonalNetworks(alters, ties, egos)


def personal_networks(
    alters: pd.DataFrame,
    ties: pd.DataFrame | None = None,
    egos: pd.DataFrame | None = None,
    *,
    network: ExchangeNetwork | None = None,
) -> PersonalNetworks:
    """Check personal-network tables given as DataFrames and build :class:`PersonalNetworks`.

    Parameters
    ----------
    alters : pandas.DataFrame
        One row per ego x wave x alter: ``ego_id``, ``wave``, ``alter_id``, ``relation``
        (required), ``strength``, ``contact_frequency``, ``supportive`` (optional); any other
        column is a free attribute of the alter.
    ties : pandas.DataFrame, optional
        ``ego_id``, ``wave``, ``alter_a``, ``alter_b``: pairs of an ego's alters who know
        each other.
    egos : pandas.DataFrame, optional
        ``ego_id`` (required), ``agency``, ``groups`` (a list of group ids, or text with ids
        separated by ``;``); any other column is a free attribute of the ego (e.g.
        ``rlc_participant``).
    network : ExchangeNetwork, optional
        When given, the egos' ``agency`` and ``groups`` must be agencies and groups of it.

    Returns
    -------
    PersonalNetworks

    Raises
    ------
    DataFileError
        Listing every problem at once, each with its table (``sheet``), row (the DataFrame
        position, from 0), column, value and what would be valid: missing required columns
        or cells, unknown relations, numbers out of range, an alter named twice for the same
        ego and wave, a tie naming someone who is not an alter of that ego in that wave, a tie
        of an alter with itself or given twice, an ego given twice, an agency or group not in
        ``network``.

    See Also
    --------
    read_personal_networks : the same tables from a workbook or CSV folder.
    social_integration : the measures of each ego's network.

    Examples
    --------
    >>> import pandas as pd
    >>> import selfhelp_exchange as shx
    >>> alters = pd.DataFrame({"ego_id": ["e1", "e1"], "wave": ["w1", "w1"],
    ...                        "alter_id": ["a", "a"], "relation": ["family", "cousin"]})
    >>> try:
    ...     shx.personal_networks(alters)
    ... except shx.DataFileError as exc:
    ...     for p in exc.problems:
    ...         print(p)
    sheet 'alters', row 1, column 'alter_id': alter 'a' is named twice for ego 'e1' in wave 'w1' (also row 0); keep one row per ego, wave and alter
    sheet 'alters', row 1, column 'relation': 'cousin' is not a valid relation (valid: treatment_staff, family, peer, friend, community, other)
    """
    tables = {"alters": _raw_from_frame("alters", _frame(alters, "alters"))}
    if ties is not None:
        tables["alter_ties"] = _raw_from_frame("alter_ties", _frame(ties, "ties"))
    if egos is not None:
        tables["egos"] = _raw_from_frame("egos", _frame(egos, "egos"))
    try:
        return personal_networks_from_raw(tables, network=network)
    except DataFileError as exc:  # DataFrames have no file: drop the placeholder
        problems = [attrs.evolve(p, file=None) for p in exc.problems]
        raise DataFileError(problems, header=exc.header) from None


def _frame(value: object, name: str) -> pd.DataFrame:
    if not isinstance(value, pd.DataFrame):
        msg = f"{name} must be a pandas DataFrame (got {type(value).__name__})"
        raise TypeError(msg)
    return value


# ---------------------------------------------------------------------- writing
def _text_column(values: pd.Series) -> npt.NDArray[np.object_]:
    return _text_cells(values)


def _attributes_column(frame: pd.DataFrame, fixed: tuple[str, ...]) -> npt.NDArray[np.object_]:
    extra = [c for c in frame.columns if c not in fixed]
    n = len(frame)
    out = np.empty(n, dtype=object)
    cols = {c: frame[c].tolist() for c in extra}
    texts = []
    for i in range(n):
        a = {c: v for c, values in cols.items() if (v := _json_value(values[i])) is not None}
        texts.append(attributes_text(a) if a else "")
    out[:] = texts
    return out


def personal_network_columns(
    pn: PersonalNetworks,
) -> dict[str, dict[str, npt.NDArray[np.object_]]]:
    """The tables of ``pn`` as columns of text (the form the CSV and XLSX writers take)."""
    tables: dict[str, dict[str, npt.NDArray[np.object_]]] = {}
    alters = pn.alters
    cols = {c: _text_column(alters[c]) for c in ALTER_COLUMNS}
    cols["attributes"] = _attributes_column(alters, ALTER_COLUMNS)
    tables["alters"] = cols
    if pn.ties is not None:
        tables["alter_ties"] = {c: _text_column(pn.ties[c]) for c in TIE_COLUMNS}
    if pn.egos is not None:
        ecols = {c: _text_column(pn.egos[c]) for c in EGO_COLUMNS}
        ecols["attributes"] = _attributes_column(pn.egos, EGO_COLUMNS)
        tables["egos"] = ecols
    return tables

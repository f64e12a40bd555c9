"""read_tables on CSV folders against generated bad input: read in full, or refused."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import tempfile
from collections import Counter
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import selfhelp_exchange as shx
from selfhelp_exchange.io._schema import TABLES
from tests.adversarial.inputs import (
    ADVERSARIAL,
    MEGABYTE,
    date_texts,
    json_texts,
    mutations,
    random_bytes,
    read_or_refuse,
    strict_json,
    text_values,
)
from tests.adversarial.tables_common import (
    cells,
    check_accounts_for,
    damaged_cells,
    is_blank,
    table_names,
    tables,
)
from tests.strategies import networks

#: A cell the reader takes one quote off: quotes, then what a spreadsheet runs as a formula.
QUOTED = re.compile(r"'+[=+\-@\t\r]")


def _csv_rows(data: bytes) -> list[list[str]]:
    """The rows of a CSV file as Python's csv module reads it (RFC 4180), BOM dropped."""
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def _read_folder(files: dict[str, bytes], **limits: int) -> shx.ExchangeNetwork | None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "tables"
        folder.mkdir()
        for name, data in files.items():
            (folder / name).write_bytes(data)
        net = read_or_refuse(
            lambda: shx.read_tables(folder, **limits), file=str(folder), reader="tables-csv"
        )
        if net is not None:  # a network read must write and read back the same
            shx.write_tables(net, Path(tmp) / "again")
            assert shx.read_tables(Path(tmp) / "again") == net
        return net


def _write(rows: list[list[str]]) -> bytes:
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue().encode("utf-8", "surrogatepass")


def _folder_of(net: shx.ExchangeNetwork) -> dict[str, bytes]:
    with tempfile.TemporaryDirectory() as tmp:
        shx.write_tables(net, Path(tmp))
        return {p.name: p.read_bytes() for p in Path(tmp).iterdir()}


def _accounts_for(net: shx.ExchangeNetwork, files: dict[str, bytes]) -> None:
    rows = {name.removesuffix(".csv"): _csv_rows(data) for name, data in files.items()}
    check_accounts_for(net, rows)


@ADVERSARIAL
@given(table_names, random_bytes)
def test_random_bytes(tried: Counter[str], table: str, data: bytes) -> None:
    tried["tables-csv"] += 1
    net = _read_folder({f"{table}.csv": data})
    if net is not None:
        _accounts_for(net, {f"{table}.csv": data})


@ADVERSARIAL
@given(st.data())
def test_damaged_files(tried: Counter[str], data: st.DataObject) -> None:
    tried["tables-csv"] += 1
    files = _folder_of(data.draw(networks(max_agencies=3, max_groups=3, max_exchanges=6)))
    name = data.draw(st.sampled_from(sorted(files)))
    files[name] = data.draw(mutations(files[name]))
    net = _read_folder(files)
    if net is not None:
        _accounts_for(net, files)


@ADVERSARIAL
@given(st.data())
def test_damaged_cells(tried: Counter[str], data: st.DataObject) -> None:
    tried["tables-csv"] += 1
    files = _folder_of(data.draw(networks(max_agencies=3, max_groups=3, max_exchanges=6)))
    rows = {name: _csv_rows(raw) for name, raw in files.items()}
    filled = sorted(name for name, r in rows.items() if len(r) > 1)
    if filled:
        rows = data.draw(damaged_cells(rows, filled))
    written = {name: _write(r) for name, r in rows.items()}
    net = _read_folder(written)
    if net is not None:
        check_accounts_for(net, {n.removesuffix(".csv"): r for n, r in rows.items()})


@ADVERSARIAL
@given(text_values, st.sampled_from(["name", "address", "location_name", "id"]))
def test_text_is_kept_exactly(tried: Counter[str], text: str, column: str) -> None:
    tried["tables-csv"] += 1
    header = ["id", "name", "sector", "address", "location_name"]
    row = ["A1", "Riverside", "other", "1 Main St", "Hall"]
    row[header.index(column)] = text
    net = _read_folder({"agencies.csv": _write([header, row])})
    if net is None:
        return
    agency = net.agencies[0]
    got = {
        "id": agency.id,
        "name": agency.name,
        "address": agency.location.address if agency.location else None,
        "location_name": agency.location.name if agency.location else None,
    }[column]
    # a blank cell is 'not given'; a quote before a formula start is the export's, not data
    expected = None if is_blank(text) else text[1:] if QUOTED.match(text) else text
    assert got == expected


@ADVERSARIAL
@given(json_texts)
def test_attributes_are_read_exactly_or_refused(tried: Counter[str], text: str) -> None:
    tried["tables-csv"] += 1
    header = ["id", "name", "sector", "attributes"]
    net = _read_folder({"agencies.csv": _write([header, ["A1", "x", "other", text]])})
    if net is not None:
        expected = strict_json(text)
        assert dict(net.agencies[0].attributes) == (expected or {})


@ADVERSARIAL
@given(date_texts | cells, st.sampled_from(["start", "end"]))
def test_dates_are_read_exactly_or_refused(tried: Counter[str], text: str, column: str) -> None:
    tried["tables-csv"] += 1
    files = {
        "agencies.csv": _write([["id", "name", "sector"], ["A1", "x", "other"]]),
        "groups.csv": _write([["id", "name", "group_type"], ["G1", "AA", "mutual_help"]]),
        "exchanges.csv": _write(
            [["source", "target", "kind", column], ["A1", "G1", "referral", text]]
        ),
    }
    net = _read_folder(files)
    if net is not None:
        got = getattr(net.exchanges[0], column)
        assert got == (None if is_blank(text) else dt.date.fromisoformat(text.strip()))


@ADVERSARIAL
@given(cells, st.sampled_from(["position", "location"]))
def test_whole_numbers_are_read_exactly_or_refused(
    tried: Counter[str], text: str, column: str
) -> None:
    tried["tables-csv"] += 1
    files = {
        "groups.csv": _write([["id", "name", "group_type"], ["G1", "AA", "mutual_help"]]),
        "group_locations.csv": _write(
            [
                ["group_id", "city", "position"],
                ["G1", "Rome", text if column == "position" else ""],
            ]
        ),
        "meetings.csv": _write(
            [
                ["group_id", "day", "start", "location"],
                ["G1", "monday", "19:30", text if column == "location" else ""],
            ]
        ),
    }
    net = _read_folder(files)
    if net is not None and not is_blank(text):
        assert float(text) == 1  # the only position or location a one-place group has


@ADVERSARIAL
@given(tables())
def test_any_cells_under_any_header(tried: Counter[str], given_tables: dict) -> None:
    tried["tables-csv"] += 1
    files = {f"{t}.csv": _write(rows) for t, rows in given_tables.items()}
    net = _read_folder(files)
    if net is not None:
        check_accounts_for(net, given_tables)


@ADVERSARIAL
@given(table_names, st.sampled_from([b"", b"\r\n", b"\xef\xbb\xbf", b" ", b"\n\n\n", b","]))
def test_empty_files(tried: Counter[str], table: str, data: bytes) -> None:
    tried["tables-csv"] += 1
    net = _read_folder({f"{table}.csv": data})
    assert net is None or all(n == 0 for n in (net.n_agencies, net.n_groups, net.n_exchanges))


@ADVERSARIAL
@given(tables(), st.integers(1, 3), st.integers(1, 40))
def test_limits(
    tried: Counter[str], given_tables: dict, max_rows: int, max_cell_chars: int
) -> None:
    tried["tables-csv"] += 1
    files = {f"{t}.csv": _write(rows) for t, rows in given_tables.items()}
    net = _read_folder(files, max_rows=max_rows, max_cell_chars=max_cell_chars)
    if net is not None:  # read only if within the limits
        for rows in given_tables.values():
            assert len(rows) - 1 <= max_rows
            assert all(len(c) <= max_cell_chars for row in rows[1:] for c in row)
        check_accounts_for(net, given_tables)


def test_every_table_is_exercised() -> None:
    assert set(TABLES) == {
        "agencies",
        "groups",
        "group_locations",
        "meetings",
        "actors",
        "exchanges",
        "initiatives",
        "initiative_sponsors",
        "initiative_audiences",
        "observations",
        "self_assessment",  # its header is checked; its rows are read_self_assessment's
    }


def test_a_megabyte_cell(tried: Counter[str]) -> None:
    tried["tables-csv"] += 1
    files = {"agencies.csv": _write([["id", "name", "sector"], ["A1", MEGABYTE, "other"]])}
    net = _read_folder(files)
    assert net is not None  # within the default limit of 1,048,576 characters
    assert net.agencies[0].name == MEGABYTE
    assert _read_folder(files, max_cell_chars=len(MEGABYTE) - 1) is None

"""read_tables on workbooks against generated bad input: read in full, or refused."""

from __future__ import annotations

import functools
import io
import re
import tempfile
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as ET
import openpyxl
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

import selfhelp_exchange as shx
from selfhelp_exchange.io._schema import TABLES
from tests.adversarial.inputs import (
    ADVERSARIAL,
    ADVERSARIAL_SLOW,
    MEGABYTE,
    mutations,
    numbers,
    random_bytes,
    read_or_refuse,
    text_values,
)
from tests.adversarial.tables_common import check_counts, headers, table_names
from tests.test_tables import awkward_network

BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    b'<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>'
)
EXTERNAL = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'


def _read_workbook(data: bytes, **limits: int) -> shx.ExchangeNetwork | None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "network.xlsx"
        path.write_bytes(data)
        net = read_or_refuse(
            lambda: shx.read_tables(path, **limits), file=str(path), reader="tables-xlsx"
        )
        if net is not None:
            again = Path(tmp) / "again.xlsx"
            shx.write_tables(net, again)
            assert shx.read_tables(again) == net
        return net


def _workbook_of(net: shx.ExchangeNetwork) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        shx.write_tables(net, Path(tmp) / "n.xlsx")
        return (Path(tmp) / "n.xlsx").read_bytes()


@functools.cache
def _base_workbooks() -> tuple[bytes, ...]:
    """Valid workbooks to damage, written once (writing one takes longer than reading it)."""
    one = shx.ExchangeNetwork(agencies=[shx.Agency("A1", "x")])
    return tuple(_workbook_of(n) for n in (one, awkward_network(), shx.load_example("riverside")))


base_workbooks = st.integers(0, 2).map(lambda i: _base_workbooks()[i])
small_workbooks = st.integers(0, 1).map(lambda i: _base_workbooks()[i])


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _texts(el: Any) -> str:
    return "".join(t.text or "" for t in el.iter(f"{_MAIN}t"))


def _records_in(data: bytes) -> dict[str, int]:
    """Rows with a value in each table sheet, counted from the XML itself (not with openpyxl).

    Row 1 is the header; a value that is empty or only white space is no value.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = set(zf.namelist())
        book = ET.fromstring(zf.read("xl/workbook.xml"))
        rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
        target = {r.get("Id"): r.get("Target", "") for r in rels}
        shared: list[str] = []
        if "xl/sharedStrings.xml" in names:
            shared = [_texts(si) for si in ET.fromstring(zf.read("xl/sharedStrings.xml"))]
        out: dict[str, int] = {}
        for sheet in book.iter(f"{_MAIN}sheet"):
            table = sheet.get("name", "").strip().lower()
            if table not in TABLES or table in out:
                continue
            part = target[sheet.get(_REL)].lstrip("/")
            part = part if part.startswith("xl/") else f"xl/{part}"
            count = 0
            for row in ET.fromstring(zf.read(part)).iter(f"{_MAIN}row"):
                if row.get("r") == "1":
                    continue
                for c in row.iter(f"{_MAIN}c"):
                    v = c.findtext(f"{_MAIN}v")
                    kind = c.get("t", "n")
                    text = _texts(c) if kind == "inlineStr" else v or ""
                    if kind == "s" and v is not None:
                        text = shared[int(v)]
                    if text.strip():
                        count += 1
                        break
            out[table] = count
    return out


def _rezip(data: bytes, member: str, change: Any) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            dst.writestr(info, change(body) if info.filename == member else body)
    return out.getvalue()


@ADVERSARIAL
@given(random_bytes)
def test_random_bytes(tried: Counter[str], data: bytes) -> None:
    tried["tables-xlsx"] += 1
    assert _read_workbook(data) is None


@ADVERSARIAL_SLOW
@given(st.data())
def test_damaged_archive(tried: Counter[str], data: st.DataObject) -> None:
    tried["tables-xlsx"] += 1
    damaged = data.draw(mutations(data.draw(base_workbooks)))
    net = _read_workbook(damaged)
    if net is not None:
        check_counts(net, _records_in(damaged))


@ADVERSARIAL_SLOW
@given(st.data())
def test_damaged_parts(tried: Counter[str], data: st.DataObject) -> None:
    tried["tables-xlsx"] += 1
    good = data.draw(small_workbooks)
    with zipfile.ZipFile(io.BytesIO(good)) as zf:
        members = sorted(zf.namelist())
    member = data.draw(st.sampled_from(members))
    damaged = _rezip(good, member, lambda body: data.draw(mutations(body)))
    net = _read_workbook(damaged)
    if net is not None:
        check_counts(net, _records_in(damaged))


@ADVERSARIAL
@given(
    st.sampled_from(["xl/workbook.xml", "xl/worksheets/sheet2.xml", "[Content_Types].xml"]),
    st.sampled_from([BILLION_LAUGHS, EXTERNAL]),
)
def test_xml_entities_are_refused(tried: Counter[str], member: str, attack: bytes) -> None:
    tried["tables-xlsx"] += 1
    good = _base_workbooks()[0]

    def poison(body: bytes) -> bytes:
        if body.startswith(b"<?xml"):
            body = body.split(b"?>", 1)[1]
        return attack + body.replace(
            b">A1<", b">&lol4;<" if attack is BILLION_LAUGHS else b">&e;<"
        )

    assert _read_workbook(_rezip(good, member, poison)) is None


#: A cell value of any type openpyxl writes (formulas too, which have no saved value).
cell_values = st.one_of(
    st.none(),
    text_values,
    numbers,
    st.booleans(),
    st.datetimes(),
    st.dates(),
    st.times(),
    st.timedeltas(),
    st.sampled_from(["=1+1", "=A1", '=HYPERLINK("http://x")', "A1", "other", "referral"]),
)


@ADVERSARIAL
@given(st.data())
def test_any_cell_types_under_any_header(tried: Counter[str], data: st.DataObject) -> None:
    tried["tables-xlsx"] += 1
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for table in data.draw(st.lists(table_names, min_size=1, max_size=3, unique=True)):
        ws = wb.create_sheet(table)
        header = data.draw(headers(table))
        try:
            ws.append([h or None for h in header])
            for _ in range(data.draw(st.integers(0, 4))):
                ws.append(
                    data.draw(st.lists(cell_values, min_size=len(header), max_size=len(header)))
                )
        except (IllegalCharacterError, ValueError, TypeError):
            assume(False)  # a value openpyxl itself cannot write: no workbook to read
    buf = io.BytesIO()
    try:
        wb.save(buf)
    except (ValueError, TypeError, OverflowError):
        assume(False)
    net = _read_workbook(buf.getvalue())
    if net is not None:
        check_counts(net, _records_in(buf.getvalue()))


@functools.cache
def _agencies_part() -> str:
    titles = openpyxl.load_workbook(io.BytesIO(_base_workbooks()[0]), read_only=True).sheetnames
    return f"xl/worksheets/sheet{titles.index('agencies') + 1}.xml"


_ROW = re.compile(rb"<row [^>]*>.*?</row>", re.DOTALL)
_CELL = re.compile(rb"<c [^>]*>.*?</c>", re.DOTALL)


@ADVERSARIAL
@given(
    st.sampled_from(["A1048577", "XFD2", "ZZZZ2", "A0", "1A", "", "B2", "A2"]),
    st.sampled_from(["move", "repeat row", "swap cells", "repeat cell", "row zero"]),
)
def test_impossible_rows_and_cells(tried: Counter[str], ref: str, op: str) -> None:
    """Rows out of order or repeated, cells out of order or repeated, places no sheet has."""
    tried["tables-xlsx"] += 1
    good = _base_workbooks()[0]
    member = _agencies_part()
    row = ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ") or "2"

    def change(body: bytes) -> bytes:
        rows = _ROW.findall(body)
        data = rows[1]
        cells = _CELL.findall(data)
        if op == "move":
            moved = data.replace(b'<row r="2"', f'<row r="{row}"'.encode())
            moved = moved.replace(b'r="A2"', f'r="{ref}"'.encode())
        elif op == "repeat row":
            moved = data + data.replace(b'r="A2"', b'r="D2"')
        elif op == "swap cells":
            moved = data.replace(cells[0] + cells[1], cells[1] + cells[0])
        elif op == "repeat cell":
            moved = data.replace(cells[1], cells[1] + cells[1])
        else:
            moved = data.replace(b'<row r="2"', b'<row r="0"')
        return body.replace(data, moved)

    damaged = _rezip(good, member, change)
    net = _read_workbook(damaged)
    if net is not None:
        check_counts(net, _records_in(damaged))
        assert net.agencies[0].name == "x"  # the cell read is the one written


@functools.cache
def _rows_workbook(rows: int) -> tuple[shx.ExchangeNetwork, bytes]:
    net = shx.ExchangeNetwork(
        agencies=[shx.Agency(f"A{i}", "x" * (i * 10 + 1)) for i in range(rows)]
    )
    return net, _workbook_of(net)


@ADVERSARIAL
@given(st.integers(1, 4), st.integers(1, 2000), st.integers(1, 30))
def test_limits(tried: Counter[str], rows: int, max_bytes: int, max_cell_chars: int) -> None:
    tried["tables-xlsx"] += 1
    net, data = _rows_workbook(rows)
    got = _read_workbook(
        data, max_rows=2, max_bytes=max_bytes * 100, max_cell_chars=max_cell_chars
    )
    if got is not None:
        assert got == net
        assert rows <= 2
        assert all(len(a.name) <= max_cell_chars for a in net.agencies)


def test_the_record_count_reads_what_the_writer_wrote() -> None:
    net = shx.ExchangeNetwork(
        agencies=[shx.Agency("A1", "x"), shx.Agency("A2", " y ")],
        groups=[shx.SelfHelpGroup("G1", "AA", "mutual_help", locations=[shx.Location(city="c")])],
    )
    counts = _records_in(_workbook_of(net))
    assert counts["agencies"] == 2
    assert counts["groups"] == 1
    assert counts["group_locations"] == 1
    assert counts["exchanges"] == 0


def test_a_megabyte_cell(tried: Counter[str]) -> None:
    """A cell of a million characters (the XML itself: openpyxl cuts text at 32,767 on writing)."""
    tried["tables-xlsx"] += 1
    data = _rezip(
        _base_workbooks()[0],
        _agencies_part(),
        lambda body: body.replace(b"<t>x</t>", f"<t>{MEGABYTE}</t>".encode(), 1),
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.xlsx"
        path.write_bytes(data)
        # within the default limit of 1,048,576 characters (written back, it needs CSV or JSON)
        net = read_or_refuse(lambda: shx.read_tables(path), file=str(path), reader="tables-xlsx")
        assert net is not None
        assert net.agencies[0].name == MEGABYTE
        small = functools.partial(shx.read_tables, path, max_cell_chars=len(MEGABYTE) - 1)
        assert read_or_refuse(small, file=str(path), reader="tables-xlsx") is None


def test_a_workbook_part_in_a_foreign_namespace_is_refused(tried: Counter[str]) -> None:
    # found by test_damaged_parts: openpyxl read the sheets of a workbook.xml whose namespace
    # was damaged ("ttp://"), while the part is not SpreadsheetML at all
    tried["tables-xlsx"] += 1
    good = _base_workbooks()[0]
    damaged = _rezip(
        good, "xl/workbook.xml", lambda b: b.replace(b'xmlns="http', b'xmlns="ttp', 1)
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "n.xlsx"
        path.write_bytes(damaged)
        with pytest.raises(shx.DataFileError, match="is not a SpreadsheetML workbook"):
            shx.read_tables(path)
    assert _read_workbook(good) is not None

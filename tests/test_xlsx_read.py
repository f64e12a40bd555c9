"""The workbook reader reads its XML parts itself: the same cells as openpyxl's public reader."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import selfhelp_exchange as shx
from selfhelp_exchange.io._xlsx_read import _cell_text, read_workbook, sheet_names

cell_values = st.one_of(
    st.none(),
    st.integers(-(2**40), 2**40),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.booleans(),
    # shared strings (a normal openpyxl workbook writes them); openpyxl's own reader drops
    # every "x005F_" from them, so text with that sequence is compared on its own below
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12).filter(
        lambda s: "_x" not in s.lower()
    ),
    st.dates(dt.date(1901, 1, 1), dt.date(9999, 12, 31)),
    st.datetimes(dt.datetime(1901, 1, 1), dt.datetime(9999, 12, 31)).map(
        lambda d: d.replace(microsecond=0)
    ),
)


_INLINE = re.compile(rb'<c ([^>]*?)t="inlineStr"([^>]*)><is>(<t[^>]*>.*?</t>|<t[^>]*/>)</is></c>')


def _shared(path: Path) -> Path:
    """The same workbook with its text in a shared-string table, as Excel saves it."""
    strings: list[bytes] = []

    def share(m: re.Match[bytes]) -> bytes:
        strings.append(m.group(3))
        return b"<c " + m.group(1) + b't="s"' + m.group(2) + b"><v>%d</v></c>" % (len(strings) - 1)

    out = path.with_name("shared-" + path.name)
    ns = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("xl/worksheets/"):
                data = _INLINE.sub(share, data)
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/sharedStrings" '
                    b'Target="sharedStrings.xml"/></Relationships>',
                )
            elif info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            dst.writestr(info, data)
        items = b"".join(b"<si>" + t + b"</si>" for t in strings)
        dst.writestr("xl/sharedStrings.xml", b'<sst xmlns="' + ns + b'">' + items + b"</sst>")
    return out


def _save(tmp: Path, rows: list[list[Any]], *, epoch1904: bool = False) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "agencies"
    if epoch1904:
        wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    for row in rows:
        ws.append(row)
    path = tmp / "w.xlsx"
    wb.save(path)
    return path


def _openpyxl_text(path: Path) -> list[list[str]]:
    """What openpyxl's public read-only reader sees, as this library turns cells into text."""
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return [[_cell_text(v) for v in row] for row in wb["agencies"].iter_rows(values_only=True)]
    finally:
        wb.close()


def _ours(path: Path) -> list[list[str]]:
    raw = read_workbook(path)["agencies"]
    body = [[str(col[i]) for col in raw.cells] for i in range(len(raw.rows))]
    return [list(raw.header), *body]


def _trimmed(rows: list[list[str]]) -> list[list[str]]:
    # empty rows and trailing empty columns are not part of a table
    rows = [r for k, r in enumerate(rows) if k == 0 or any(r)]
    width = max((max((j + 1 for j, v in enumerate(r) if v), default=0) for r in rows), default=0)
    return [(r + [""] * width)[:width] for r in rows]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.lists(cell_values, min_size=1, max_size=5), min_size=1, max_size=6),
    st.booleans(),
)
def test_every_cell_as_openpyxl_reads_it(
    tmp_path_factory: pytest.TempPathFactory, rows: list[list[Any]], epoch1904: bool
) -> None:
    rows[0] = [f"col{j}" for j in range(len(rows[0]))]  # a header of text
    path = _save(tmp_path_factory.mktemp("x"), rows, epoch1904=epoch1904)
    assert _ours(path) == _trimmed(_openpyxl_text(path))
    shared = _shared(path)
    assert _ours(shared) == _ours(path)
    assert _trimmed(_openpyxl_text(shared)) == _ours(path)


def test_escapes_in_shared_strings_are_decoded_once(tmp_path: Path) -> None:
    # Excel writes a literal "_x0041_" as "_x005F_x0041_" and a carriage return as "_x000D_"
    path = _shared(_save(tmp_path, [["id", "name"], ["A1", "a_x005F_x0041_b_x000D_c"]]))
    assert b"<si><t>a_x005F_x0041_b_x000D_c</t></si>" in zipfile.ZipFile(path).read(
        "xl/sharedStrings.xml"
    )
    assert _ours(path)[1] == ["A1", "a_x0041_b\rc"]


def test_rich_text_runs_are_joined_and_phonetics_left_out(tmp_path: Path) -> None:
    path = _shared(_save(tmp_path, [["id", "name"], ["A1", "PLACEHOLDER"]]))
    rich = (
        b'<r><t>River</t></r><r><rPr><b/></rPr><t xml:space="preserve">side </t></r>'
        b'<rPh sb="0" eb="1"><t>ignored</t></rPh>'
    )
    text = zipfile.ZipFile(path).read("xl/sharedStrings.xml").replace(b"<t>PLACEHOLDER</t>", rich)
    patched = tmp_path / "rich.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(patched, "w") as dst:
        for info in src.infolist():
            shared = info.filename == "xl/sharedStrings.xml"
            dst.writestr(info, text if shared else src.read(info))
    assert _ours(patched)[1] == ["A1", "Riverside "]


def test_sheet_names_and_a_broken_file(tmp_path: Path) -> None:
    path = tmp_path / "n.xlsx"
    shx.write_tables(shx.load_example("riverside"), path)
    assert sheet_names(path)[:3] == openpyxl.load_workbook(path, read_only=True).sheetnames[:3]
    broken = tmp_path / "b.xlsx"
    broken.write_bytes(path.read_bytes()[:100])
    assert sheet_names(broken) == []
    with pytest.raises(shx.DataFileError, match=r"cannot be opened as an \.xlsx workbook"):
        shx.read_tables(broken)


def test_no_private_openpyxl_name_is_used() -> None:
    src = Path(shx.__file__).parent
    for path in src.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for private in (
            "WorkSheetParser",
            "._shared_strings",
            "._date_formats",
            "worksheet._reader",
        ):
            assert private not in text, (path, private)

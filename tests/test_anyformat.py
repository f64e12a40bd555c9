"""shx.read / shx.write: one door for every format, chosen by content, then suffix."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

import selfhelp_exchange as shx
from selfhelp_exchange.io.anyformat import FORMATS, detect_format

NAMES = {
    "json": "net.json",
    "xlsx": "net.xlsx",
    "tables": "tables",
    "graphml": "net.graphml",
    "parquet": "net.parquet",
}


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    net = shx.load_example("riverside")
    folder = tmp_path_factory.mktemp("formats")
    out = {}
    for fmt, name in NAMES.items():
        shx.write(net, folder / name)
        out[fmt] = folder / name
    return out


def test_every_format_round_trips_through_the_one_door(written: dict[str, Path]) -> None:
    net = shx.load_example("riverside")
    assert set(written) == set(FORMATS)
    for fmt, path in written.items():
        assert detect_format(path) == fmt
        back = shx.read(path)
        if fmt == "graphml":  # organization level: the counts survive
            assert (back.n_agencies, back.n_groups) == (net.n_agencies, net.n_groups)
        else:
            assert back == net, fmt


@pytest.mark.parametrize("fmt", ["json", "xlsx", "graphml", "parquet"])
@pytest.mark.parametrize("suffix", [".dat", "", ".xls", ".json", ".XLSX"])
def test_the_content_wins_over_the_suffix(
    written: dict[str, Path], tmp_path: Path, fmt: str, suffix: str
) -> None:
    path = tmp_path / f"misnamed{suffix}"
    path.write_bytes(written[fmt].read_bytes())
    assert detect_format(path) == fmt
    assert shx.read(path).n_agencies == 4


def test_xls_and_ods_are_refused_with_advice(tmp_path: Path) -> None:
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    ods = tmp_path / "calc.ods"
    with zipfile.ZipFile(ods, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    renamed = tmp_path / "calc.xlsx"  # an .ods saved under the wrong suffix is an .ods
    renamed.write_bytes(ods.read_bytes())
    for path, what in ((xls, ".xls"), (ods, ".ods"), (renamed, ".ods")):
        with pytest.raises(
            shx.DataFileError, match=r"save it as an Excel Workbook \(\.xlsx\)"
        ) as e:
            shx.read(path)
        assert what in str(e.value)
        assert str(path) in str(e.value)
    fake = tmp_path / "notes.xls"
    fake.write_text("hello")
    with pytest.raises(shx.DataFileError, match=r"named \.xls but not a spreadsheet"):
        shx.read(fake)


def test_unknown_content_falls_back_to_the_suffix_reader(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("not json at all")
    with pytest.raises(shx.DataFileError, match="not valid JSON"):
        shx.read(bad)
    one = tmp_path / "agencies.csv"
    one.write_text("id,name,sector\n")
    with pytest.raises(shx.DataFileError, match="give the folder holding the CSV tables"):
        shx.read(one)
    with pytest.raises(shx.DataFileError, match=r"cannot be read|does not exist"):
        shx.read(tmp_path / "missing.parquet")


def test_format_and_options_pass_through(written: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(shx.DataFileError, match="over the limit"):
        shx.read(written["json"], max_bytes=10)
    with pytest.raises(shx.DataFileError, match="format 'csv' is not known"):
        shx.read(written["json"], format="csv")
    net = shx.load_example("riverside")
    path = tmp_path / "plain.data"
    shx.write(net, path, format="parquet", compression="snappy")
    assert shx.read(path) == net
    path = tmp_path / "book.data"
    shx.write(net, path, format="xlsx")
    assert detect_format(path) == "xlsx"
    assert shx.read(path) == net
    folder = tmp_path / "csv.xlsx"  # format wins over the suffix
    shx.write(net, folder, format="tables")
    assert folder.is_dir()
    assert shx.read(folder) == net
    assert shx.read(folder, format="tables", max_rows=1000) == net
    shx.write(net, tmp_path / "indented.json", indent=2)
    assert shx.read(tmp_path / "indented.json") == net


@pytest.mark.parametrize(
    ("name", "advice"),
    [
        ("net.xls", "give a path ending in .xlsx"),
        ("net.ods", "give a path ending in .xlsx"),
        ("net.csv", "give a folder"),
        ("net.txt", "no writer for '.txt' files"),
    ],
)
def test_write_refuses_suffixes_it_does_not_write(tmp_path: Path, name: str, advice: str) -> None:
    with pytest.raises(shx.DataFileError, match=advice):
        shx.write(shx.load_example("riverside"), tmp_path / name)
    assert not (tmp_path / name).exists()

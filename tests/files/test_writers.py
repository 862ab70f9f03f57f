"""Export writers: every format reads back with the same values and diacritics."""

from __future__ import annotations

import json
import sqlite3
import xml.etree.ElementTree as ET
from datetime import date, datetime, time

import geopandas
import numpy as np
import openpyxl
import pandas as pd
import pytest

from registry.files.readers import normalise_columns, read_table
from registry.files.writers import FORMATS, protect_formula, write_table
from registry.kernel.errors import RegistryError
from registry.records.validation import validate_rows

NOTE = "Ranh giới xã là gần đúng (Thiessen), không phải ranh giới chính thức."
EXPORTED_AT = datetime(2025, 6, 1, 9, 30, 15)
NAMES = ["Trạm Nghệ An – Vĩnh", "Trạm Đô Lương <b>x</b>", "Quỳnh Lưu & Hoà"]


def records() -> pd.DataFrame:
    """Three records with the dtypes validation produces; the third has no place."""
    return pd.DataFrame(
        {
            "row": [2, 3, 4],
            "network_code": pd.Series(["04", "02", "01"], dtype="str"),
            "name": pd.Series(NAMES, dtype="str"),
            "latitude": [18.6789123, 19.05, np.nan],
            "longitude": [105.6812345, 105.2, np.nan],
            "structure_height_m": [30.5, np.nan, 12.0],
            "computers": pd.array([12, None, 0], dtype="Int64"),
            "on_air_4g": pd.to_datetime(["2018-03-15", None, "2020-01-31"]).astype(
                "datetime64[ns]"
            ),
            "opens_at": pd.Series([time(8, 0), None, time(21, 30)], dtype=object),
            "notes": pd.Series(["Ghi chú có dấu", None, "Xã Nghi Phú"], dtype="str"),
        }
    )


def write(tmp_path, fmt: str, df: pd.DataFrame | None = None):
    df = records() if df is None else df
    return write_table(
        df,
        tmp_path / f"export.{fmt}",
        fmt,
        layer_name="tram_bts",
        note=NOTE,
        exported_at=EXPORTED_AT,
    )


def test_write_table_returns_the_path_it_wrote(tmp_path):
    for fmt in FORMATS:
        path = write(tmp_path, fmt)
        assert path == tmp_path / f"export.{fmt}" and path.stat().st_size > 0


def test_write_table_does_not_change_its_input(tmp_path):
    df = records()
    for fmt in FORMATS:
        write(tmp_path, fmt, df)
    pd.testing.assert_frame_equal(df, records())


# -- CSV -----------------------------------------------------------------------


def test_csv_reads_back_with_the_same_values(tmp_path):
    path = write(tmp_path, "csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel sees UTF-8
    assert b"\r\n" in path.read_bytes()
    back = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(back.columns) == list(records().columns)
    assert back["name"].tolist() == NAMES
    assert back["network_code"].tolist() == ["04", "02", "01"]
    assert back["latitude"].tolist() == ["18.6789123", "19.05", ""]
    assert back["on_air_4g"].tolist() == ["2018-03-15", "", "2020-01-31"]
    assert back["opens_at"].tolist() == ["08:00", "", "21:30"]
    assert back["computers"].tolist() == ["12", "", "0"]
    assert back["notes"].tolist() == ["Ghi chú có dấu", "", "Xã Nghi Phú"]


# -- XLSX ----------------------------------------------------------------------


def test_xlsx_reads_back_with_dates_as_dates(tmp_path):
    workbook = openpyxl.load_workbook(write(tmp_path, "xlsx"))
    sheet = workbook["tram_bts"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(records().columns)
    assert rows[1] == (
        2,
        "04",
        NAMES[0],
        18.6789123,
        105.6812345,
        30.5,
        12,
        datetime(2018, 3, 15),
        time(8, 0),
        "Ghi chú có dấu",
    )
    assert rows[2][2:5] == (NAMES[1], 19.05, 105.2)
    assert rows[2][5:] == (None, None, None, None, None)
    assert rows[3][2] == NAMES[2] and rows[3][3] is None


def test_xlsx_has_a_bold_frozen_header_widths_and_date_formats(tmp_path):
    sheet = openpyxl.load_workbook(write(tmp_path, "xlsx"))["tram_bts"]
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.b for cell in sheet[1])
    assert sheet["H2"].is_date and sheet["H2"].number_format == "dd/mm/yyyy"
    assert sheet["I2"].number_format == "hh:mm"
    assert sheet.column_dimensions["C"].width >= len(NAMES[1])
    assert sheet.column_dimensions["A"].width >= 8


def test_xlsx_has_a_note_sheet_with_the_note_and_the_export_time(tmp_path):
    workbook = openpyxl.load_workbook(write(tmp_path, "xlsx"))
    assert workbook.sheetnames == ["tram_bts", "Ghi chú"]
    rows = list(workbook["Ghi chú"].iter_rows(values_only=True))
    assert rows == [
        ("Ghi chú", NOTE),
        ("Thời điểm xuất", EXPORTED_AT),
        ("Lớp dữ liệu", "tram_bts"),
        ("Số dòng", 3),
    ]


@pytest.mark.parametrize(
    ("layer_name", "title"),
    [("Trạm BTS/Nghệ An [2025]", "Trạm BTS_Nghệ An _2025_"), ("x" * 40, "x" * 31)],
)
def test_xlsx_sheet_titles_are_made_valid(tmp_path, layer_name, title):
    path = write_table(
        records(), tmp_path / "t.xlsx", "xlsx", layer_name=layer_name, note=""
    )
    assert openpyxl.load_workbook(path).sheetnames[0] == title


# -- formula injection ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+1", "'=1+1"),
        ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
        ("+84 912 345 678", "'+84 912 345 678"),
        ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("-12.5", "-12.5"),
        ("+5", "+5"),
        ("-1,5", "-1,5"),
        ("Nghệ An = 40", "Nghệ An = 40"),
    ],
)
def test_spreadsheet_cells_that_start_a_formula_get_an_apostrophe(
    tmp_path, text, written
):
    assert protect_formula(text) == written
    df = pd.DataFrame(
        {"notes": [text], "value": [-3.5], "latitude": [18.7], "longitude": [105.6]}
    )
    csv_back = pd.read_csv(
        write(tmp_path, "csv", df),
        encoding="utf-8-sig",
        dtype=str,
        keep_default_na=False,
    )
    assert csv_back["notes"].tolist() == [written]
    assert csv_back["value"].tolist() == ["-3.5"]
    sheet = openpyxl.load_workbook(write(tmp_path, "xlsx", df))["tram_bts"]
    assert sheet["A2"].value == written and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == -3.5
    geo = geopandas.read_file(write(tmp_path, "geojson", df))
    assert geo["notes"].tolist() == [text]  # GIS formats keep the text as it is


# -- geographic formats --------------------------------------------------------


def assert_geo_values(back: geopandas.GeoDataFrame) -> None:
    assert back.crs.to_epsg() == 4326
    assert back["network_code"].tolist() == ["04", "02", "01"]
    assert back["latitude"].tolist()[:2] == [18.6789123, 19.05]
    assert back.geometry.iloc[0].x == pytest.approx(105.6812345, abs=1e-7)
    assert back.geometry.iloc[0].y == pytest.approx(18.6789123, abs=1e-7)
    assert back.geometry.iloc[2] is None or back.geometry.iloc[2].is_empty
    dates = pd.to_datetime(back["on_air_4g"]).tolist()
    assert dates[0] == pd.Timestamp("2018-03-15") and pd.isna(dates[1])
    # GDAL's GeoJSON reader recognises "08:00" as a time; the others give text.
    assert str(back["opens_at"].tolist()[0])[:5] == "08:00"
    assert back["notes"].tolist()[0] == "Ghi chú có dấu"


def test_geojson_reads_back_as_rfc7946_points(tmp_path):
    path = write(tmp_path, "geojson")
    back = geopandas.read_file(path)
    assert back["name"].tolist() == NAMES
    assert_geo_values(back)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert "crs" not in document  # RFC 7946: WGS 84 only, no crs member
    assert document["name"] == "tram_bts" and document["description"] == NOTE
    assert document["features"][2]["geometry"] is None


def test_geopackage_reads_back_with_real_date_columns_and_the_note(tmp_path):
    path = write(tmp_path, "gpkg")
    back = geopandas.read_file(path, layer="tram_bts")
    assert back["name"].tolist() == NAMES
    assert_geo_values(back)
    with sqlite3.connect(path) as db:
        description = db.execute(
            "select description from gpkg_contents where table_name = 'tram_bts'"
        ).fetchone()[0]
        columns = {row[1]: row[2] for row in db.execute("pragma table_info(tram_bts)")}
    assert description == NOTE
    assert columns["on_air_4g"] == "DATE" and columns["computers"] == "INTEGER"


def test_a_geopackage_layer_is_replaced_and_other_layers_are_kept(tmp_path):
    path = tmp_path / "registry.gpkg"
    write_table(records(), path, "gpkg", layer_name="sites", note="")
    write_table(records().iloc[:1], path, "gpkg", layer_name="points", note="")
    write_table(records().iloc[:2], path, "gpkg", layer_name="sites", note="")
    assert len(geopandas.read_file(path, layer="sites")) == 2
    assert len(geopandas.read_file(path, layer="points")) == 1


def test_kml_reads_back_with_placemark_names_and_extended_data(tmp_path):
    path = write(tmp_path, "kml")
    back = geopandas.read_file(path)
    assert back["Name"].tolist() == NAMES
    assert_geo_values(back)
    namespace = {"kml": "http://www.opengis.net/kml/2.2"}
    tree = ET.parse(path)
    names = [e.text for e in tree.iterfind(".//kml:Placemark/kml:name", namespace)]
    assert names == NAMES  # '<b>x</b>' and '&' stay text, the XML stays valid
    descriptions = [e.text for e in tree.iterfind(".//kml:description", namespace)]
    assert descriptions == [NOTE]
    fields = tree.findall(".//kml:Placemark[1]//kml:SimpleData", namespace)
    assert {e.get("name"): e.text for e in fields}["on_air_4g"] == "2018-03-15"


def test_kml_escapes_html_in_the_note(tmp_path):
    path = write_table(
        records(), tmp_path / "t.kml", "kml", layer_name="x", note="<script>x</script>"
    )
    assert "<script>" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", FORMATS)
def test_writing_again_replaces_the_file(tmp_path, fmt):
    write(tmp_path, fmt)
    path = write(tmp_path, fmt, records().iloc[:1])
    if fmt == "csv":
        assert len(pd.read_csv(path, encoding="utf-8-sig")) == 1
    elif fmt == "xlsx":
        assert openpyxl.load_workbook(path)["tram_bts"].max_row == 2
    else:
        assert len(geopandas.read_file(path)) == 1


# -- round trip through the importer -------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exported_records_import_again_unchanged(tmp_path, fmt):
    rows = [
        "network_code;site_code;name;latitude;longitude;structure_type;on_air_3g;notes",
        "4;NA0001;Trạm Nghệ An;18,6789;105,6812;Cột dây co;12/10/2010;Xã Hưng Lộc",
        "vinaphone;NA0002;Trạm Vĩnh;19.05;105.2;rooftop_pole;;",
    ]
    first = _validated(("\n".join(rows) + "\n").encode(), "sites.csv")
    path = write_table(
        first.records.drop(columns="row"),
        tmp_path / f"again.{fmt}",
        fmt,
        layer_name="sites",
        note=NOTE,
    )
    second = _validated(path.read_bytes(), path.name)
    assert first.errors == [] and second.errors == []
    pd.testing.assert_frame_equal(second.records, first.records)


def _validated(data: bytes, name: str):
    df, _ = normalise_columns(read_table(data, name), "site")
    return validate_rows(
        df,
        "site",
        bounds=(103.8, 18.5, 105.9, 20.0),
        inside=lambda lat, lon: np.ones(len(lat), dtype=bool),
        province_name="Nghệ An",
        today=date(2025, 6, 1),
    )


# -- refusals ------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["shp", "pdf", ""])
def test_an_unknown_format_is_a_registry_error(tmp_path, fmt):
    with pytest.raises(RegistryError, match="choose one of csv, xlsx, geojson"):
        write_table(records(), tmp_path / "x", fmt, layer_name="x", note="")


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "kml"])
def test_geographic_formats_need_coordinates(tmp_path, fmt):
    df = records().drop(columns="longitude")
    with pytest.raises(RegistryError, match="has no longitude column"):
        write_table(df, tmp_path / f"x.{fmt}", fmt, layer_name="x", note="")


def test_write_table_wants_a_dataframe(tmp_path):
    with pytest.raises(TypeError, match="'df' should be a pandas DataFrame"):
        write_table([{"a": 1}], tmp_path / "x.csv", "csv", layer_name="x", note="")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_missing_folder_is_a_registry_error(tmp_path, fmt):
    with pytest.raises(RegistryError, match="does not exist"):
        write_table(
            records(), tmp_path / "nowhere" / f"x.{fmt}", fmt, layer_name="x", note=""
        )

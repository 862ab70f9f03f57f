"""The report files: the Excel workbook opens in openpyxl with the expected sheets,
formats and figures in known cells; the printable HTML is self-contained, holds the
tables and SVG maps, and escapes hostile names; the SVG maps themselves."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook
from shapely.geometry import box

from geodata.map_svg import choropleth_svg, points_svg
from registry.cli.main import main
from registry.reports.area import ReportArea
from registry.reports.build import make_report
from registry.reports.excel import (
    FIRST_DATA_ROW,
    OVERVIEW_SHEET,
    sheet_name,
    workbook_bytes,
)
from registry.reports.html import report_html
from registry.reports.tables import Headline, Report, format_number, table
from registry.units.clusters import create_cluster
from tests.factories import district_code

HOSTILE = "<script>alert(1)</script>"
SVG_NAMESPACE = "http://www.w3.org/2000/svg"


def _squares() -> gpd.GeoDataFrame:
    """Two 0.1° squares side by side near Vinh (WGS 84); the second is a gap."""
    return gpd.GeoDataFrame(
        {
            "code": ["1", "2"],
            "name": ["Xã Một", HOSTILE],
            "share": [0.75, np.nan],
            "gap": [False, True],
        },
        geometry=[box(105.6, 18.6, 105.7, 18.7), box(105.7, 18.6, 105.8, 18.7)],
        crs="EPSG:4326",
    )


def _report(name: str = HOSTILE, demo: bool = True) -> Report:
    sites = table(
        "sites",
        "Trạm BTS đang phát sóng theo nhà mạng",
        pd.DataFrame(
            {"Nhà mạng": ["Viettel", "Tổng"], "Số trạm": [1234, 1234], "4G": [5, 5]}
        ),
        {"Số trạm": "int", "4G": "int"},
    )
    coverage = table(
        "coverage",
        "Tỷ lệ diện tích được phủ sóng theo xã",
        pd.DataFrame({"Xã, phường": [HOSTILE], "Phủ 4G": [0.456]}),
        {"Phủ 4G": "pct"},
        note="Ước tính.",
    )
    return Report(
        area=ReportArea("cluster", "7", name, "2025-06", ("1", "2"), ("412",)),
        start=date(2026, 1, 1),
        end=date(2026, 6, 30),
        made_at=datetime(2026, 7, 1, 9, 30),
        made_by="Sở TT&TT (so)",
        demo=demo,
        approximate=True,
        headline=[
            Headline("Trạm BTS đang phát sóng", 1234),
            Headline("Diện tích được phủ 4G", 0.456, "pct"),
            Headline("Dân số được phủ 4G", None, "pct"),
        ],
        tables=[sites, coverage],
        notes=["Ranh giới xã, huyện là gần đúng.", f"Ghi chú {HOSTILE}"],
        coverage_map=_squares(),
        sites_map=pd.DataFrame(
            {"latitude": [18.65], "longitude": [105.65], "technology": ["4G"]}
        ),
    )


def test_the_workbook_has_an_overview_and_one_sheet_per_table():
    book = load_workbook(io.BytesIO(workbook_bytes(_report())))
    assert book.sheetnames == [OVERVIEW_SHEET, "Trạm BTS", "Phủ sóng theo xã"]
    overview = book[OVERVIEW_SHEET]
    assert HOSTILE in overview["A1"].value  # a cell holds text, not markup
    assert "01/01/2026" in overview["A2"].value
    assert "DEMO" in overview["A4"].value
    assert overview.cell(FIRST_DATA_ROW, 1).value == "Trạm BTS đang phát sóng"
    assert overview.cell(FIRST_DATA_ROW, 2).value == 1234
    assert overview.cell(FIRST_DATA_ROW, 2).number_format == "#,##0"
    assert overview.cell(FIRST_DATA_ROW + 1, 2).value == pytest.approx(0.456)
    assert overview.cell(FIRST_DATA_ROW + 1, 2).number_format == "0.0%"
    assert overview.cell(FIRST_DATA_ROW + 2, 2).value == "—"


def test_a_table_sheet_has_title_bold_filled_header_frozen_panes_and_formats():
    book = load_workbook(io.BytesIO(workbook_bytes(_report())))
    sheet = book["Trạm BTS"]
    assert sheet["A1"].value == "Trạm BTS đang phát sóng theo nhà mạng"
    header = sheet[FIRST_DATA_ROW - 1]
    assert [c.value for c in header] == ["Nhà mạng", "Số trạm", "4G"]
    assert all(c.font.bold for c in header)
    assert header[0].fill.start_color.rgb.endswith("DDEBF7")
    assert sheet.freeze_panes == f"B{FIRST_DATA_ROW}"
    assert sheet.cell(FIRST_DATA_ROW, 1).value == "Viettel"
    assert sheet.cell(FIRST_DATA_ROW, 2).value == 1234
    assert sheet.cell(FIRST_DATA_ROW, 2).number_format == "#,##0"
    assert sheet.column_dimensions["A"].width >= len("Nhà mạng")
    coverage = book["Phủ sóng theo xã"]
    assert coverage.cell(FIRST_DATA_ROW, 2).value == pytest.approx(0.456)
    assert coverage.cell(FIRST_DATA_ROW, 2).number_format == "0.0%"
    assert coverage["A3"].value == "Ước tính."


@pytest.mark.parametrize(
    ("key", "title", "expected"),
    [
        ("sites", "whatever", "Trạm BTS"),
        ("x", "Bảng: a/b [c] *?\\", "Bảng  a b  c"),
        ("x", "Một tên bảng rất dài vượt quá ba mươi mốt ký tự", None),
    ],
)
def test_sheet_names_are_valid_and_unique(key, title, expected):
    taken = {"Trạm BTS"} if key == "sites" else set()
    name = sheet_name(key, title, taken)
    assert len(name) <= 31 and not set(name) & set("[]:*?/\\")
    if expected and key != "sites":
        assert name == expected
    if key == "sites":
        assert name == "Trạm BTS (2)"


def test_the_html_is_self_contained_with_tables_maps_and_escaped_names():
    html = report_html(_report())
    assert html.startswith("<!DOCTYPE html>")
    assert html.count("<table") == 3  # headline + two tables
    assert html.count("<svg") == 2
    assert "@media print" in html and "size: A4" in html
    assert "page-break-before: always" in html
    assert set(re.findall(r"https?://[^\s\"'<>)]+", html)) <= {SVG_NAMESPACE}
    assert not re.search(r"<(script|link|img|iframe)\b", html)
    assert HOSTILE not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "1.234" in html and "45,6 %" in html
    assert "ranh giới gần đúng" in html
    assert "DỮ LIỆU MINH HỌA" in html


def test_no_demo_banner_for_real_data():
    assert "MINH HỌA" not in report_html(_report("Cụm I", demo=False))


@pytest.mark.parametrize(
    ("value", "fmt", "text"),
    [
        (1234567, "int", "1.234.567"),
        (0.4567, "pct", "45,7 %"),
        (1234.5, "dec", "1.234,50"),
        (None, "pct", "—"),
        (float("nan"), "int", "—"),
        (date(2026, 3, 1), "date", "01/03/2026"),
    ],
)
def test_numbers_are_written_the_vietnamese_way(value, fmt, text):
    assert format_number(value, fmt) == text


def test_the_coverage_svg_colours_shares_hatches_gaps_and_notes_approximation():
    svg = choropleth_svg(
        _squares(),
        share_column="share",
        gap_column="gap",
        title="Phủ 4G",
        legend_title="Phủ sóng 4G",
        approximate_note="ranh giới gần đúng",
    )
    assert svg.count('class="gap"') == 1
    assert "#31a354" in svg  # 75 % falls in the 60–80 % class
    assert "ranh giới gần đúng" in svg
    assert "km</text>" in svg
    assert HOSTILE not in svg and "&lt;script&gt;" in svg


def test_the_svg_is_drawn_in_metres_not_degrees():
    """A 0.1° × 0.1° square at 18.6° N is narrower (10.5 km) than tall (11.1 km)."""
    square = _squares().iloc[[0]]
    svg = choropleth_svg(square, share_column="share", title="t", legend_title="l")
    numbers = re.search(r'<path d="M([^"]+)Z"', svg).group(1).split()
    xs = [float(p.split(",")[0]) for p in numbers]
    ys = [float(p.split(",")[1]) for p in numbers]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    assert width / height == pytest.approx(10.55 / 11.07, rel=0.02)


def test_the_sites_svg_counts_each_technology():
    points = pd.DataFrame(
        {
            "latitude": [18.65, 18.66, 18.67],
            "longitude": [105.65, 105.66, 105.75],
            "technology": ["4G", "4G", "5G"],
        }
    )
    svg = points_svg(
        _squares(),
        points,
        category_column="technology",
        colours={"4G": "#2171b5", "5G": "#e6550d"},
        labels={"4G": "4G", "5G": "5G"},
        title="Trạm",
        legend_title="Công nghệ",
    )
    assert svg.count("<circle") == 3 + 2  # dots and legend swatches
    assert "4G (2)" in svg and "5G (1)" in svg


def test_a_real_report_of_a_hostile_cluster_name_is_escaped_in_every_file(
    registry, admin
):
    hostile = create_cluster(
        registry, admin, name=HOSTILE, districts=[district_code(registry, "Nam Đàn")]
    )
    report = make_report(
        registry,
        admin,
        kind="cluster",
        key=str(hostile.id),
        start=date(2026, 1, 1),
        end=date(2026, 6, 30),
        edition="2025-06",
    )
    html = report_html(report)
    assert HOSTILE not in html and "&lt;script&gt;" in html
    assert html.count("<svg") == 2
    book = load_workbook(io.BytesIO(workbook_bytes(report)))
    assert book.sheetnames[0] == OVERVIEW_SHEET
    assert {"Trạm BTS", "Phủ sóng theo xã", "Vùng lõm sóng", "Kiểm tra"} <= set(
        book.sheetnames
    )
    gaps = book["Vùng lõm sóng"]
    communes = len(report.area.communes)
    # No site at all: every commune of Nam Đàn is a gap.
    assert gaps.max_row - (FIRST_DATA_ROW - 1) == communes


def test_the_command_line_writes_both_files(
    registry, database_url, monkeypatch, tmp_path, capsys
):
    monkeypatch.setenv("REGISTRY_DATABASE_URL", database_url)
    xlsx, html = tmp_path / "cum1.xlsx", tmp_path / "cum1.html"
    code = main(
        [
            "report",
            "--cluster",
            "cum i",
            "--from",
            "2026-01-01",
            "--to",
            "2026-06-30",
            "--xlsx",
            str(xlsx),
            "--html",
            str(html),
        ]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "Báo cáo: Cụm I (01/01/2026 – 30/06/2026)" in out
    # The default edition is the one in force (2025-07): Cụm I's districts are
    # covered by 39 of its communes (152 communes of 2025-06).
    assert "Số xã, phường: 39" in out
    assert load_workbook(xlsx).sheetnames[0] == OVERVIEW_SHEET
    assert html.read_text(encoding="utf-8").count("<svg") == 2
    assert main(["report", "--district", "Không Có", "--xlsx", str(xlsx)]) == 1
    assert "does not exist" in capsys.readouterr().err

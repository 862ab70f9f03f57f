"""Hostile text in every spreadsheet the product writes stays text.

A record name, unit name or note that starts like a formula (``=HYPERLINK(…)``,
``+cmd``, ``@SUM``) must reach a CSV or XLSX file as text that a spreadsheet shows
and never runs; control characters XLSX refuses must not break the file.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pandas as pd
import pytest
from openpyxl import load_workbook

from registry.files.exports import export_records
from registry.records.by_kind import SITES
from registry.reports.area import ReportArea
from registry.reports.excel import workbook_bytes
from registry.reports.tables import Headline, Report, table
from tests.factories import site_values

HYPERLINK = '=HYPERLINK("http://attacker.example/x","Mở")'
STARTS = (HYPERLINK, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)")


def _formula_cells(book) -> list[str]:
    """Every cell openpyxl reads back as a formula, as sheet!cell."""
    return [
        f"{sheet.title}!{cell.coordinate}"
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


def _texts(book) -> list[str]:
    return [
        cell.value
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]


def _hostile_report() -> Report:
    """A report whose every user-supplied text starts like a formula."""
    follow_ups = table(
        "follow_ups",
        HYPERLINK,
        pd.DataFrame({"Điểm": list(STARTS), "Xã": ["Hưng\x00 Dũng\x1b"] * 4}),
        {},
        note=HYPERLINK,
    )
    hostile_columns = table(
        "coverage",
        "Phủ sóng",
        pd.DataFrame({HYPERLINK: ["x"], "Phủ 4G": [0.5]}),
        {"Phủ 4G": "pct"},
    )
    return Report(
        area=ReportArea("cluster", "7", HYPERLINK, "2025-06", ("1",), ("412",)),
        start=date(2026, 1, 1),
        end=date(2026, 6, 30),
        made_at=datetime(2026, 7, 1, 9, 30),
        made_by=HYPERLINK,
        demo=False,
        approximate=False,
        headline=[Headline(HYPERLINK, 3)],
        tables=[follow_ups, hostile_columns],
        notes=[HYPERLINK],
        coverage_map=None,
        sites_map=pd.DataFrame(),
    )


def test_the_area_report_workbook_holds_no_formula_and_keeps_the_text():
    book = load_workbook(io.BytesIO(workbook_bytes(_hostile_report())))
    assert _formula_cells(book) == []
    texts = _texts(book)
    for start in STARTS:
        assert "'" + start in texts  # shown, with the apostrophe spreadsheets hide
    assert "Hưng Dũng" in texts  # the control characters are dropped, not the row


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_of_a_site_named_like_a_formula_keeps_it_as_text(
    registry, admin, tmp_path, fmt
):
    site = SITES.create(
        registry, admin, site_values(registry, name=HYPERLINK, address="@SUM(A1:A9)")
    )
    path, count = export_records(
        registry, admin, "sites", fmt, tmp_path / f"sites.{fmt}"
    )
    assert count == 1
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        texts = [value for row in rows for value in row.values() if value]
    else:
        book = load_workbook(path)
        assert _formula_cells(book) == []
        texts = _texts(book)
    assert "'" + HYPERLINK in texts
    assert "'@SUM(A1:A9)" in texts
    assert not any(t.startswith(("=", "@")) for t in texts)
    assert (
        SITES.get(registry, admin, site["id"])["name"] == HYPERLINK
    )  # stored as typed

"""A report as an Excel workbook (openpyxl): a "Tổng quan" sheet with the header,
the headline figures and the notes, then one formatted sheet per table.

Every text goes through :func:`~registry.files.writers.spreadsheet_text`, so a name
or note that starts like a formula (``=HYPERLINK(…)``) is shown as text, never run.

Numbers are stored as numbers with Excel number formats (``#,##0``, ``0.0%``), so
Excel shows them with the separators of the reader's locale (1.234 and 45,6% on a
Vietnamese system) and they can still be summed.
"""

from __future__ import annotations

import io
import re

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from registry.files.writers import spreadsheet_text
from registry.reports.tables import ReportTable, period_text

OVERVIEW_SHEET = "Tổng quan"
SHEET_NAMES = {
    "sites": "Trạm BTS",
    "coverage": "Phủ sóng theo xã",
    "coverage_operators": "Phủ sóng theo nhà mạng",
    "gaps": "Vùng lõm sóng",
    "sharing": "Dùng chung hạ tầng",
    "sharing_pairs": "Cặp trạm có thể dùng chung",
    "growth": "Tăng trưởng",
    "inspections": "Kiểm tra",
    "violations": "Vi phạm",
    "follow_ups": "Khắc phục quá hạn",
    "applications": "Hồ sơ cấp phép",
    "permits": "Giải quyết hồ sơ theo huyện",
}
NUMBER_FORMATS = {
    "int": "#,##0",
    "pct": "0.0%",
    "dec": "#,##0.00",
    "date": "DD/MM/YYYY",
}
HEADER_FILL = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
HEADER_FONT = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
FIRST_DATA_ROW = 6  # title, area and period, note, blank, header
_INVALID = re.compile(r"[\[\]:*?/\\]")


def sheet_name(key: str, title: str, taken: set[str]) -> str:
    """A valid, unique sheet name (≤ 31 characters, none of ``[]:*?/\\``)."""
    base = _INVALID.sub(" ", SHEET_NAMES.get(key, title)).strip()[:31] or "Bảng"
    name, number = base, 2
    while name.casefold() in {t.casefold() for t in taken}:
        suffix = f" ({number})"
        name = base[: 31 - len(suffix)] + suffix
        number += 1
    taken.add(name)
    return name


def _cell_value(value: object) -> object:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    if isinstance(value, str):
        return spreadsheet_text(value)
    return value


def _widths(sheet: Worksheet, columns: int, first_row: int) -> None:
    for index in range(1, columns + 1):
        letter = get_column_letter(index)
        longest = 8
        for (cell,) in sheet.iter_rows(min_row=first_row, min_col=index, max_col=index):
            if cell.value is not None:
                longest = max(longest, min(len(str(cell.value)), 60))
        sheet.column_dimensions[letter].width = longest + 2


def _header_row(sheet: Worksheet, row: int, labels) -> None:
    for column, label in enumerate(labels, start=1):
        cell = sheet.cell(row=row, column=column, value=spreadsheet_text(str(label)))
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def _write_table(sheet: Worksheet, report, table: ReportTable) -> None:
    sheet["A1"] = spreadsheet_text(table.title)
    sheet["A1"].font = TITLE_FONT
    sheet["A2"] = period_text(report)
    if table.note:
        sheet["A3"] = spreadsheet_text(table.note)
        sheet["A3"].font = Font(italic=True)
    columns = list(table.frame.columns)
    _header_row(sheet, FIRST_DATA_ROW - 1, columns)
    if table.frame.empty:
        sheet.cell(row=FIRST_DATA_ROW, column=1, value="Không có số liệu")
    for offset, values in enumerate(table.frame.itertuples(index=False)):
        for column, (name, value) in enumerate(zip(columns, values, strict=True), 1):
            cell = sheet.cell(
                row=FIRST_DATA_ROW + offset, column=column, value=_cell_value(value)
            )
            fmt = NUMBER_FORMATS.get(table.fmt(name))
            if fmt:
                cell.number_format = fmt
    sheet.freeze_panes = sheet.cell(row=FIRST_DATA_ROW, column=2)
    _widths(sheet, len(columns), FIRST_DATA_ROW - 1)


def _write_overview(sheet: Worksheet, report) -> None:
    sheet["A1"] = spreadsheet_text(f"BÁO CÁO HẠ TẦNG VIỄN THÔNG – {report.area.name}")
    sheet["A1"].font = TITLE_FONT
    sheet["A2"] = period_text(report)
    made = report.made_at.strftime("%H:%M %d/%m/%Y")
    sheet["A3"] = spreadsheet_text(f"Lập lúc {made} bởi {report.made_by}")
    if report.demo:
        sheet["A4"] = "DỮ LIỆU MINH HỌA (DEMO) – không phải số liệu thật"
        sheet["A4"].font = Font(bold=True, color="C00000")
    _header_row(sheet, FIRST_DATA_ROW - 1, ["Chỉ tiêu", "Giá trị"])
    row = FIRST_DATA_ROW
    for item in report.headline:
        sheet.cell(row=row, column=1, value=spreadsheet_text(item.label))
        cell = sheet.cell(row=row, column=2, value=_cell_value(item.value))
        if item.value is None:
            cell.value = "—"
        elif item.fmt in NUMBER_FORMATS:
            cell.number_format = NUMBER_FORMATS[item.fmt]
        row += 1
    row += 1
    sheet.cell(row=row, column=1, value="Ghi chú").font = HEADER_FONT
    for note in report.notes:
        row += 1
        sheet.cell(row=row, column=1, value=spreadsheet_text(f"• {note}"))
    if report.offices:
        row += 2
        sheet.cell(row=row, column=1, value="Cơ quan có thẩm quyền").font = HEADER_FONT
        for line in report.offices:
            row += 1
            sheet.cell(row=row, column=1, value=spreadsheet_text(f"• {line}"))
    sheet.freeze_panes = sheet.cell(row=FIRST_DATA_ROW, column=1)
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 18


def workbook_bytes(report) -> bytes:
    """The report as an .xlsx file (bytes)."""
    book = Workbook()
    overview = book.active
    overview.title = OVERVIEW_SHEET
    _write_overview(overview, report)
    taken = {OVERVIEW_SHEET}
    for table in report.tables:
        sheet = book.create_sheet(sheet_name(table.key, table.title, taken))
        _write_table(sheet, report, table)
    book.properties.title = f"Báo cáo {report.area.name}"
    book.properties.creator = report.made_by
    book.properties.created = report.made_at
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

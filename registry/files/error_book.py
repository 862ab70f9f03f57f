"""The error workbook of an import: every problem, grouped by kind, and the file's
own rows with each bad cell marked (a fill and a comment saying what it needs).

The page and the command line (``import … --errors FILE.xlsx``) offer it when an
import finds problems, so that the person who fills the file can fix it where
they work: in the spreadsheet.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from registry.files.forms import drop_export_columns
from registry.files.imports import IMPORT_GROUPS, ImportReport
from registry.files.matching import ID_KEYS, VERSION_KEYS
from registry.files.readers import header_keys, read_table
from registry.files.writers import spreadsheet_text
from registry.kernel.text import match_key
from registry.records.validation import RowProblem

# A cell marked as wrong: a light red fill, as spreadsheets mark errors.
BAD_FILL = "FFC7CE"
# Comments are written for at most this many cells (Excel slows down beyond).
MAX_COMMENTS = 20_000


@dataclass(frozen=True)
class ErrorBookWords:
    """The workbook's own words (the page passes the user's language)."""

    problems_sheet: str = "Problems"
    data_sheet: str = "Data"
    kind: str = "Kind of problem"
    count: str = "Rows"
    row: str = "Row"
    column: str = "Column"
    value: str = "Value"
    expected: str = "Expected"


def _english(problem: RowProblem) -> str:
    return problem.expected


def _file_columns(table, record_type: str) -> dict[str, int]:
    """Field name (or ``id``/``version``) -> position of its column in the file."""
    keys = header_keys(record_type)
    kept = set(drop_export_columns(table).columns)
    where: dict[str, int] = {}
    for position, header in enumerate(table.columns):
        if header not in kept:
            continue
        key = match_key(str(header))
        name = (
            "id"
            if key in ID_KEYS
            else "version"
            if key in VERSION_KEYS
            else keys.get(key)
        )
        if name is not None:
            where.setdefault(name, position)
    return where


def error_workbook(
    report: ImportReport,
    source: str | Path | bytes,
    *,
    filename: str | None = None,
    words: ErrorBookWords | None = None,
    describe: Callable[[RowProblem], str] = _english,
    kind_name: Callable[[str], str] = str,
    column_name: Callable[[str], str] = str,
) -> bytes:
    """The XLSX error workbook of an import's report (its errors, then warnings).

    ``source``/``filename`` are the imported file, read again for its cells;
    ``describe`` says what a cell expected, ``kind_name`` names a problem's code
    and ``column_name`` a field, in the reader's language (English by default).
    """
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    words = words or ErrorBookWords()
    record_type = IMPORT_GROUPS[report.group][0].value
    table = read_table(source, filename=filename)
    columns = _file_columns(table, record_type)
    problems = sorted(report.errors, key=lambda p: (p.code, p.row, p.column))
    workbook = Workbook()
    bold = Font(bold=True)

    summary = workbook.active
    summary.title = words.problems_sheet[:31]
    summary.append([words.kind, words.count, words.row, words.column, words.value,
                    words.expected])  # fmt: skip
    for cell in summary[1]:
        cell.font = bold
    current = None
    for problem in problems:
        if problem.code != current:
            current = problem.code
            count = sum(p.code == current for p in problems)
            summary.append([spreadsheet_text(kind_name(current)), count])
            summary.cell(summary.max_row, 1).font = bold
        summary.append(
            [
                None,
                None,
                problem.row,
                spreadsheet_text(column_name(problem.column)),
                spreadsheet_text(problem.value),
                spreadsheet_text(describe(problem)),
            ]
        )
    for letter, width in zip("ABCDEF", (40, 8, 8, 24, 30, 90), strict=True):
        summary.column_dimensions[letter].width = width
    summary.freeze_panes = "A2"

    data = workbook.create_sheet(words.data_sheet[:31])
    data.append([spreadsheet_text(str(h).rstrip()) for h in table.columns])
    for cell in data[1]:
        cell.font = bold
    for values in table.itertuples(index=False):
        data.append([spreadsheet_text(v) if v else None for v in values])
    data.freeze_panes = "A2"
    fill = PatternFill("solid", start_color=BAD_FILL, end_color=BAD_FILL)
    notes: dict[tuple[int, int], list[str]] = {}
    for problem in problems:
        position = columns.get(problem.column, 0)
        notes.setdefault((problem.row, position + 1), []).append(describe(problem))
    for written, ((row, column), texts) in enumerate(sorted(notes.items())):
        cell = data.cell(row, column)
        cell.fill = fill
        if written < MAX_COMMENTS:
            cell.comment = Comment(spreadsheet_text("\n".join(texts)), "registry")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

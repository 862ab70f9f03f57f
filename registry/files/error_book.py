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


# Kinds of problem, in the order the workbook lists them, with their English
# names, and the codes of each (any other code is "other").
KINDS = {
    "missing": "Missing values",
    "format": "Values not understood",
    "range": "Values out of range",
    "place": "Places outside the province or the user's area",
    "duplicate": "Duplicates",
    "existing": "Records that exist: versions, areas, statuses",
    "other": "Other problems",
}
_KIND_OF = {
    "missing": ("required", "coordinate_required", "coordinate_empty"),
    "format": (
        "choice", "networks", "number", "whole_number", "date", "date_in_calendar",
        "time", "time_range", "coordinate", "coordinate_two_hemispheres",
        "coordinate_sign_and_hemisphere", "coordinate_minutes", "coordinate_order",
        "coordinate_decimals", "kind_in_group", "version_not_number",
    ),
    "range": (
        "number_range", "date_range", "past_event", "latitude_range",
        "longitude_range", "technology_year", "date_order", "building_height",
        "co_located_own",
    ),
    "place": ("swapped", "outside_province", "inside_area", "own_network_site"),
    "duplicate": (
        "duplicate_in_file", "site_code_taken", "same_record_twice",
        "duplicate_point_name", "duplicate_point_near", "duplicate_point_in_file",
    ),
    "existing": (
        "version_missing", "version_stale", "unknown_record", "retired_record",
        "record_outside_area", "record_other_network", "status_transition",
    ),
}  # fmt: skip
_KIND_BY_NAME = {name: kind for kind, names in _KIND_OF.items() for name in names}


def problem_kind(code: str) -> str:
    """The kind (a key of :data:`KINDS`) of a problem's code."""
    return _KIND_BY_NAME.get(code.rpartition(".")[2], "other")


def grouped(problems: list[RowProblem]) -> list[tuple[str, list[RowProblem]]]:
    """Problems by kind, in the order of :data:`KINDS`, each by row and column."""
    order = list(KINDS)
    kinds: dict[str, list[RowProblem]] = {}
    for problem in sorted(problems, key=lambda p: (p.row, p.column)):
        kinds.setdefault(problem_kind(problem.code), []).append(problem)
    return sorted(kinds.items(), key=lambda item: order.index(item[0]))


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
    kind_name: Callable[[str], str] = KINDS.__getitem__,
    column_name: Callable[[str], str] = str,
) -> bytes:
    """The XLSX error workbook of an import's report (its errors, then warnings).

    ``source``/``filename`` are the imported file, read again for its cells;
    ``describe`` says what a cell expected, ``kind_name`` names a kind of
    problem (a key of :data:`KINDS`) and ``column_name`` a field, in the reader's
    language (English by default).
    """
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    words = words or ErrorBookWords()
    record_type = IMPORT_GROUPS[report.group][0].value
    table = read_table(source, filename=filename)
    columns = _file_columns(table, record_type)
    groups = grouped(report.errors)
    problems = [problem for _, members in groups for problem in members]
    workbook = Workbook()
    bold = Font(bold=True)

    summary = workbook.active
    summary.title = words.problems_sheet[:31]
    summary.append([words.kind, words.count, words.row, words.column, words.value,
                    words.expected])  # fmt: skip
    for cell in summary[1]:
        cell.font = bold
    for kind, members in groups:
        summary.append([spreadsheet_text(kind_name(kind)), len(members)])
        summary.cell(summary.max_row, 1).font = bold
        for problem in members:
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

"""Import and export page pieces for editing an export and importing it back:
outcomes per row, problems by kind with the error workbook, the export's form."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from registry.files.error_book import ErrorBookWords, error_workbook, grouped
from registry.files.forms import FORMS
from registry.files.imports import ImportReport
from registry.files.matching import OUTCOMES
from ui.common.i18n import field_label, language, t
from ui.common.messages import expected_text

_BOOK_KEY = "io_error_book_bytes"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def outcome_counts(report: ImportReport) -> dict[str, int]:
    """Rows created, updated, unchanged and refused (all zero for other imports)."""
    return report.outcome_counts() if report.outcomes else dict.fromkeys(OUTCOMES, 0)


def outcome_table(report: ImportReport) -> pd.DataFrame:
    """Row, outcome and record of every row of the file."""
    rows = sorted(report.outcomes)
    return pd.DataFrame(
        {
            t("io.col_row"): rows,
            t("rt.col_outcome"): [t(f"rt.outcome.{report.outcomes[r]}") for r in rows],
            t("rt.col_record"): [
                str(report.record_ids[r]) if r in report.record_ids else ""
                for r in rows
            ],
        }
    )


def render_outcomes(report: ImportReport) -> None:
    """The counts of each outcome, and every row's outcome in an expander."""
    if not report.outcomes:
        return
    st.markdown(t("rt.outcomes_dry", rows=report.rows, **outcome_counts(report)))
    with st.expander(t("rt.outcome_table")):
        st.dataframe(outcome_table(report), hide_index=True)


def render_problems(report: ImportReport, record_type: str, table) -> None:
    """Every problem, one table per kind (``table`` makes a kind's table)."""
    for kind, members in grouped(report.errors):
        st.markdown(
            f"**{t('rt.kind_count', kind=t(f'rt.kind.{kind}'), count=len(members))}**"
        )
        st.dataframe(table(members, record_type), hide_index=True)


def error_book_button(report: ImportReport, data: bytes, filename: str) -> None:
    """A download button for the error workbook of a report with errors (made
    once per file and language: a large file takes a while to mark)."""
    key = (hashlib.sha256(data).hexdigest(), filename, language())
    kept = st.session_state.get(_BOOK_KEY)
    book = kept[1] if kept and kept[0] == key else _error_book(report, data, filename)
    st.session_state[_BOOK_KEY] = (key, book)
    stem = filename.rsplit(".", 1)[0]
    st.download_button(
        t("rt.download_errors"),
        data=book,
        file_name=f"{stem}-loi.xlsx",
        mime=XLSX_MIME,
        icon=":material/download:",
        key="io_error_book",
        on_click="ignore",
    )


def _error_book(report: ImportReport, data: bytes, filename: str) -> bytes:
    record_type = "site" if report.group == "sites" else "point"
    words = ErrorBookWords(
        problems_sheet=t("rt.sheet_problems"),
        data_sheet=t("rt.sheet_data"),
        kind=t("rt.col_kind"),
        count=t("rt.col_count"),
        row=t("io.col_row"),
        column=t("io.col_column"),
        value=t("io.col_value"),
        expected=t("io.col_expected"),
    )
    return error_workbook(
        report,
        data,
        filename=filename,
        words=words,
        describe=expected_text,
        kind_name=lambda kind: t(f"rt.kind.{kind}"),
        column_name=lambda name: field_label(record_type, name),
    )


def form_picker() -> str:
    """The export's form: the Vietnamese form (default) or field names and codes."""
    st.caption(t("rt.form_help"))
    return st.segmented_control(
        t("rt.form"),
        FORMS,
        format_func=lambda form: t(f"rt.form.{form}"),
        default=FORMS[0],
        required=True,
        key="io_export_form",
    )

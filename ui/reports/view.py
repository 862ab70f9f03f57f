"""Showing a made report: header, headline figures, notes, tables, downloads.

The report's content is Vietnamese whatever the interface language: it is the
document the department hands out. Numbers are shown the Vietnamese way.
"""

from __future__ import annotations

import unicodedata

import streamlit as st

from registry.reports.excel import workbook_bytes
from registry.reports.html import report_html
from registry.reports.tables import ReportTable, format_number
from ui.common.i18n import t
from ui.common.markdown import literal, text_md

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def file_stem(report) -> str:
    """'bao-cao-cum-i-2026-01-01-2026-06-30' style name, ASCII only."""
    plain = unicodedata.normalize("NFD", report.area.name.replace("đ", "d"))
    plain = plain.replace("Đ", "D").encode("ascii", "ignore").decode().lower()
    area = "-".join("".join(c for c in w if c.isalnum()) for w in plain.split())
    area = "-".join(part for part in area.split("-") if part) or report.area.kind
    return f"bao-cao-{area}-{report.start:%Y-%m-%d}-{report.end:%Y-%m-%d}"


def _shown(table: ReportTable):
    """The table with numbers written as text the Vietnamese way."""
    frame = table.frame.copy()
    for column in frame.columns:
        fmt = table.fmt(column)
        if fmt != "text":
            frame[column] = [format_number(v, fmt) for v in frame[column]]
    return frame


def render_downloads(report) -> None:
    """The two download buttons (workbook and printable page)."""
    stem = file_stem(report)
    columns = st.columns(2)
    columns[0].download_button(
        t("rep.download_xlsx"),
        data=workbook_bytes(report),
        file_name=f"{stem}.xlsx",
        mime=XLSX_TYPE,
        icon=":material/table:",
        on_click="ignore",
        key="rep_download_xlsx",
    )
    columns[1].download_button(
        t("rep.download_html"),
        data=report_html(report).encode("utf-8"),
        file_name=f"{stem}.html",
        mime="text/html",
        icon=":material/print:",
        on_click="ignore",
        key="rep_download_html",
    )
    st.caption(t("rep.print_hint"))


def render_report(report) -> None:
    """The preview of a report, then its downloads."""
    st.subheader(text_md("rep.heading", area=report.area.name))
    st.caption(
        text_md(
            "rep.meta",
            start=f"{report.start:%d/%m/%Y}",
            end=f"{report.end:%d/%m/%Y}",
            edition=t(f"edition.{report.area.edition}"),
            made=report.made_at.strftime("%H:%M %d/%m/%Y"),
            by=report.made_by,
        )
    )
    if report.demo:
        st.warning(t("rep.demo"), icon=":material/science:")
    render_downloads(report)
    st.markdown(f"**{t('rep.headline')}**")
    per_row = 4
    for start in range(0, len(report.headline), per_row):
        columns = st.columns(per_row)
        for column, item in zip(
            columns, report.headline[start : start + per_row], strict=False
        ):
            column.metric(item.label, format_number(item.value, item.fmt))
    with st.expander(t("rep.notes"), expanded=True):
        for note in report.notes:
            st.markdown(f"- {literal(note)}")
    st.markdown(f"**{t('rep.tables')}**")
    for table in report.tables:
        with st.expander(literal(table.title), expanded=table.key == "sites"):
            if table.note:
                st.caption(literal(table.note))
            if table.frame.empty:
                st.caption(t("rep.empty_table"))
            else:
                st.dataframe(_shown(table), hide_index=True, width="stretch")

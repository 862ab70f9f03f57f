"""The permits report: per district and period, applications received, decided,
decided within the deadline (%), average working days per step; CSV and Excel.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from registry.files.writers import write_table
from registry.kernel.clock import today
from registry.kernel.errors import RegistryError
from registry.permits.report import REPORT_COLUMNS, permits_report
from ui.common.i18n import language, number, t
from ui.common.labels import day_text, missing
from ui.permits.messages import permit_error_lines

_MIME = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def labelled(report: pd.DataFrame) -> pd.DataFrame:
    """The report with its columns named in the session's language."""
    index = 1 if language() == "en" else 0
    return report.rename(
        columns={name: pair[index] for name, pair in REPORT_COLUMNS.items()}
    )


def totals(report: pd.DataFrame) -> dict[str, float | None]:
    """Received, decided, decided on time and its share over the rows shown."""
    decided = int(report["decided"].sum())
    on_time = int(report["decided_in_time"].sum())
    return {
        "received": int(report["received"].sum()),
        "decided": decided,
        "on_time": on_time,
        "pct": 100 * on_time / decided if decided else None,
    }


def report_files(report: pd.DataFrame, start: date, end: date) -> dict[str, bytes]:
    """The labelled report as CSV and XLSX bytes (written by the registry)."""
    stem = f"bao-cao-ho-so-{start:%Y%m%d}-{end:%Y%m%d}"
    note = t("pmt.r.heading", start=day_text(start), end=day_text(end), area="")
    files = {}
    with tempfile.TemporaryDirectory(prefix="permits-report-") as folder:
        for fmt in ("csv", "xlsx"):
            target = Path(folder) / f"{stem}.{fmt}"
            write_table(
                labelled(report), target, fmt, layer_name=t("pmt.r.sheet"), note=note
            )
            files[f"{stem}.{fmt}"] = target.read_bytes()
    return files


def _period() -> tuple[date, date] | None:
    first = date(today().year, 1, 1)
    chosen = st.date_input(
        t("pmt.r.period"),
        value=(first, today()),
        min_value=date(2000, 1, 1),
        max_value=today(),
        format="DD/MM/YYYY",
        key="pmt_report_period",
    )
    if not isinstance(chosen, tuple) or len(chosen) != 2:
        st.caption(t("pmt.r.pick_end"))
        return None
    return chosen[0], chosen[1]


def _metrics(report: pd.DataFrame) -> None:
    figures = totals(report)
    cells = st.columns(4, border=True)
    cells[0].metric(t("pmt.r.received"), number(figures["received"]))
    cells[1].metric(t("pmt.r.decided"), number(figures["decided"]))
    cells[2].metric(t("pmt.r.on_time"), number(figures["on_time"]))
    pct = figures["pct"]
    cells[3].metric(
        t("pmt.r.on_time_pct"),
        t("pmt.r.no_decisions") if pct is None else f"{number(pct, 1)} %",
    )


def _shown(report: pd.DataFrame) -> pd.DataFrame:
    """The table as displayed: numbers written the session's way."""
    shown = labelled(report.drop(columns=["district_code"]))
    for name in ("decided_in_time_pct", "avg_days_verify", "avg_days_decide"):
        column = labelled(report[[name]]).columns[0]
        shown[column] = [
            "" if missing(v) else number(float(v), 1) for v in report[name]
        ]
    return shown


def render_report(registry, actor) -> None:
    """Period and districts, the figures, the table and the downloads."""
    period = _period()
    if period is None:
        return
    start, end = period
    try:
        report = permits_report(registry, actor, start, end)
    except RegistryError as error:
        for line in permit_error_lines(error):
            st.error(line)
        return
    names = dict(zip(report["district_code"], report["district_name"], strict=True))
    chosen = st.multiselect(
        t("pmt.r.district"),
        list(names),
        format_func=names.get,
        placeholder=t("pmt.r.all_districts"),
        key="pmt_report_districts",
    )
    if chosen:
        report = report[report["district_code"].isin(chosen)]
    area = ", ".join(names[c] for c in chosen) if chosen else t("pmt.r.all_districts")
    st.subheader(
        t("pmt.r.heading", start=day_text(start), end=day_text(end), area=area)
    )
    _metrics(report)
    st.dataframe(_shown(report), hide_index=True)
    row = st.container(horizontal=True)
    for name, data in report_files(report, start, end).items():
        fmt = name.rsplit(".", 1)[1]
        row.download_button(
            t(f"pmt.r.{fmt}"),
            data=data,
            file_name=name,
            mime=_MIME[fmt],
            icon=":material/download:",
            key=f"pmt_report_{fmt}",
            on_click="ignore",
        )

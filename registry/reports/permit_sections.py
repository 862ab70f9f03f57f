"""Report sections on permit applications: the applications of the area that were
filed in the period or were still open at its end, with their deadlines, and the
figures per district (received, decided, decided in time, working days taken).
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from registry.permits.queries import ApplicationSummary
from registry.permits.vocabulary import OPEN_STATES, permit_label
from registry.reports.area import ReportArea
from registry.reports.tables import ReportTable, table

APPLICATION_COLUMNS = {
    "Số hồ sơ": "int",
    "Loại hồ sơ": "text",
    "Người đề nghị": "text",
    "Nơi": "text",
    "Ngày nộp": "date",
    "Tình trạng": "text",
    "Bước đang xử lý": "text",
    "Hạn xử lý": "date",
    "Quá hạn": "text",
    "Số giấy phép": "text",
    "Ngày quyết định": "date",
}


def _in_area(summary: ApplicationSummary, area: ReportArea) -> bool:
    if area.edition == "2025-06":
        return summary.commune_code in area.communes
    return summary.commune_code_new in area.communes


def _step(summary: ApplicationSummary) -> str:
    if not summary.step_kind:
        return ""
    return (
        f"{permit_label(summary.step_kind)} – {permit_label(summary.step_level or '')}"
    )


def applications_table(
    summaries: list[ApplicationSummary], area: ReportArea, start: date, end: date
) -> ReportTable:
    """Applications of the area filed in [start, end] or still open at the end."""
    open_states = {s.value for s in OPEN_STATES}
    rows = []
    for item in summaries:
        filed_in_period = start <= item.filed_on <= end
        still_open = item.state in open_states and item.filed_on <= end
        if not (_in_area(item, area) and (filed_in_period or still_open)):
            continue
        rows.append(
            {
                "Số hồ sơ": item.id,
                "Loại hồ sơ": permit_label(item.kind),
                "Người đề nghị": item.applicant_name,
                "Nơi": item.place_name,
                "Ngày nộp": item.filed_on,
                "Tình trạng": permit_label(item.state)
                + (" (tạm dừng)" if item.paused else ""),
                "Bước đang xử lý": _step(item),
                "Hạn xử lý": item.due_on,
                "Quá hạn": "quá hạn" if item.overdue else "",
                "Số giấy phép": item.permit_number or "",
                "Ngày quyết định": item.decided_on,
            }
        )
    frame = pd.DataFrame(rows, columns=list(APPLICATION_COLUMNS))
    frame = frame.sort_values(["Ngày nộp", "Số hồ sơ"], kind="stable")
    return table(
        "applications",
        "Hồ sơ đề nghị cấp phép và hạn xử lý",
        frame,
        {c: f for c, f in APPLICATION_COLUMNS.items() if f != "text"},
        note=f"Hồ sơ nộp trong kỳ hoặc còn đang xử lý ngày {end:%d/%m/%Y}; hạn tính "
        "theo ngày làm việc (trừ thứ Bảy, Chủ nhật, ngày lễ).",
    )


def permits_by_district(frame: pd.DataFrame) -> ReportTable:
    """``permits_report`` rows as a report table (percent as a fraction)."""
    shown = pd.DataFrame(
        {
            "Huyện": frame["district_name"],
            "Hồ sơ nhận": frame["received"],
            "Đã giải quyết": frame["decided"],
            "Giải quyết đúng hạn": frame["decided_in_time"],
            "Tỷ lệ đúng hạn": frame["decided_in_time_pct"] / 100,
            "Số ngày thẩm định TB": frame["avg_days_verify"],
            "Số ngày quyết định TB": frame["avg_days_decide"],
        }
    )
    formats = {
        "Hồ sơ nhận": "int",
        "Đã giải quyết": "int",
        "Giải quyết đúng hạn": "int",
        "Tỷ lệ đúng hạn": "pct",
        "Số ngày thẩm định TB": "dec",
        "Số ngày quyết định TB": "dec",
    }
    return table(
        "permits",
        "Giải quyết hồ sơ cấp phép theo huyện",
        shown,
        formats,
        note="Số ngày làm việc trung bình từ khi bắt đầu đến khi xong mỗi bước.",
    )

"""Report sections built from the registry's own records: BTS sites of the area by
operator and technology, and the inspections of the period.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from registry.inspections.dashboard import violation_rates
from registry.inspections.plans import follow_ups_from
from registry.inspections.vocabulary import DONE_STATES, InspectionState
from registry.kernel.vocabulary import OPERATORS, TECHNOLOGIES, SiteStatus
from registry.reports.tables import ReportTable, table

TOTAL = "Tổng"
STATE_LABELS = {
    InspectionState.DRAFT: "Nháp",
    InspectionState.SUBMITTED: "Chờ duyệt",
    InspectionState.APPROVED: "Đã duyệt",
    InspectionState.HAS_ISSUES: "Cần bổ sung",
    InspectionState.REJECTED: "Không duyệt",
}


def in_communes(frame: pd.DataFrame, edition: str, communes) -> pd.DataFrame:
    """Rows whose commune of ``edition`` is one of ``communes``."""
    column = f"commune_{edition.replace('-', '_')}"
    return frame[frame[column].isin(set(communes))]


def on_air(sites: pd.DataFrame) -> pd.DataFrame:
    """Sites whose status (as of the listing's date) is on air."""
    return sites[sites["status"] == SiteStatus.ON_AIR.value]


def technology_mask(sites: pd.DataFrame, tech: str, on: date) -> pd.Series:
    """Sites with ``tech`` on the air on ``on``."""
    started = pd.to_datetime(sites[f"on_air_{tech.lower()}"])
    return started.notna() & (started <= pd.Timestamp(on))


def sites_by_operator(
    sites_end: pd.DataFrame, new_ids: set[int], end: date
) -> ReportTable:
    """On-air sites at the end of the period per operator: technologies, shared
    structures, new in the period; a total row last."""
    rows = []
    for code, operator in OPERATORS.items():
        mine = sites_end[sites_end["network_code"] == code]
        if mine.empty:
            continue
        row = {"Nhà mạng": operator.name, "Số trạm": len(mine)}
        for tech in TECHNOLOGIES:
            row[tech] = int(technology_mask(mine, tech, end).sum())
        row["Dùng chung hạ tầng"] = int(mine["co_located"].fillna("").ne("").sum())
        row["Mới trong kỳ"] = int(mine["id"].isin(new_ids).sum())
        rows.append(row)
    columns = ["Nhà mạng", "Số trạm", *TECHNOLOGIES, "Dùng chung hạ tầng"]
    columns.append("Mới trong kỳ")
    frame = pd.DataFrame(rows, columns=columns)
    total = {"Nhà mạng": TOTAL, **{c: int(frame[c].sum()) for c in columns[1:]}}
    frame = pd.concat([frame, pd.DataFrame([total])], ignore_index=True)
    return table(
        "sites",
        "Trạm BTS đang phát sóng theo nhà mạng",
        frame,
        {c: "int" for c in columns[1:]},
        note=f"Tình trạng ngày {end:%d/%m/%Y}; một trạm có nhiều công nghệ được "
        "đếm ở mỗi công nghệ.",
    )


def period_inspections(
    inspections: pd.DataFrame, start: date, end: date
) -> pd.DataFrame:
    """Inspections dated within [start, end] (drafts included: they are work done)."""
    day = pd.to_datetime(inspections["inspected_on"])
    keep = (day >= pd.Timestamp(start)) & (day <= pd.Timestamp(end))
    return inspections[keep]


def inspections_by_state(inspections: pd.DataFrame) -> ReportTable:
    """Inspections of the period per workflow state, with their violations."""
    rows = []
    for state, label in STATE_LABELS.items():
        mine = inspections[inspections["state"] == state.value]
        rows.append(
            {
                "Kết quả": label,
                "Số cuộc kiểm tra": len(mine),
                "Điểm được kiểm tra": int(mine["point_id"].nunique()),
                "Vi phạm ghi nhận": int(mine["violations"].sum()),
            }
        )
    frame = pd.DataFrame(rows)
    total = {"Kết quả": TOTAL}
    total["Số cuộc kiểm tra"] = len(inspections)
    total["Điểm được kiểm tra"] = int(inspections["point_id"].nunique())
    total["Vi phạm ghi nhận"] = int(inspections["violations"].sum())
    frame = pd.concat([frame, pd.DataFrame([total])], ignore_index=True)
    counts = ["Số cuộc kiểm tra", "Điểm được kiểm tra", "Vi phạm ghi nhận"]
    return table(
        "inspections",
        "Kiểm tra điểm Internet, trò chơi trong kỳ",
        frame,
        {c: "int" for c in counts},
    )


def violations_by_rule(registry, inspections: pd.DataFrame) -> ReportTable:
    """Per rule, in the submitted or reviewed inspections of the period."""
    done = inspections[inspections["state"].isin([s.value for s in DONE_STATES])]
    rates = violation_rates(registry, [int(i) for i in done["id"]])
    frame = pd.DataFrame(
        [
            {
                "Quy định": rate.title_vi,
                "Số lần kiểm tra": rate.checked,
                "Không đạt": rate.failed,
                "Tỷ lệ không đạt": rate.rate,
                "Vi phạm ghi nhận": rate.violations,
            }
            for rate in rates
            if rate.checked or rate.violations
        ],
        columns=[
            "Quy định",
            "Số lần kiểm tra",
            "Không đạt",
            "Tỷ lệ không đạt",
            "Vi phạm ghi nhận",
        ],
    )
    formats = {"Số lần kiểm tra": "int", "Không đạt": "int", "Vi phạm ghi nhận": "int"}
    formats["Tỷ lệ không đạt"] = "pct"
    return table("violations", "Vi phạm theo quy định", frame, formats)


def overdue_follow_ups(
    inspections: pd.DataFrame, end: date, edition: str
) -> ReportTable:
    """Inspections whose follow-up deadline had passed by the end of the period
    with no later inspection of the point."""
    late = follow_ups_from(inspections, on=end)
    frame = pd.DataFrame(
        {
            "Điểm": late["point_name"],
            "Xã": late[f"commune_name_{edition.replace('-', '_')}"],
            "Ngày kiểm tra": late["inspected_on"],
            "Hạn khắc phục": late["follow_up_deadline"],
            "Số ngày quá hạn": late["days_overdue"],
        }
    )
    return table(
        "follow_ups",
        "Yêu cầu khắc phục quá hạn",
        frame,
        {"Ngày kiểm tra": "date", "Hạn khắc phục": "date", "Số ngày quá hạn": "int"},
        note=f"Tính đến ngày {end:%d/%m/%Y}.",
    )

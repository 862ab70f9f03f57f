"""Permit values as people read them: labels of kinds, cases, levels and states,
days left before a deadline, sizes, and the inbox table.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd

from registry.kernel.workdays import working_days_between
from registry.permits.vocabulary import permit_label
from ui.common.i18n import language, number, operator_name, t
from ui.common.labels import day_text, missing


def label(value: object) -> str:
    """The label of a permit vocabulary value (kind, case, level, state, …)."""
    if missing(value) or value == "":
        return ""
    return permit_label(str(value), language())


def level_text(level: object) -> str:
    """'cấp xã', 'cấp huyện', 'Sở' (a name: capital kept) inside a sentence."""
    text = label(level)
    if str(level) == "department" and language() == "vi":
        return text
    return text[:1].lower() + text[1:]


def days_left(due_on: date | None, today: date) -> int | None:
    """Working days left until ``due_on`` (negative: working days overdue)."""
    if missing(due_on):
        return None
    if due_on >= today:
        return working_days_between(today, due_on)
    return -working_days_between(due_on, today)


def days_left_text(due_on: date | None, today: date, *, paused: bool = False) -> str:
    """'còn 3 ngày', 'hết hạn hôm nay', 'quá hạn 2 ngày' or 'tạm dừng …'."""
    if paused:
        return t("pmt.paused")
    left = days_left(due_on, today)
    if left is None:
        return ""
    if left > 0:
        return t("pmt.days_left", days=left)
    if left == 0:
        return t("pmt.days_today")
    return t("pmt.days_over", days=-left)


def step_text(step_kind: object, level: object) -> str:
    """'Thẩm tra · Cấp xã'; empty for a closed application."""
    if missing(step_kind) or not step_kind:
        return ""
    return t("pmt.step_text", step=label(step_kind), level=label(level))


def applicant_text(summary) -> str:
    """The applicant's name, with the operator for a BTS application."""
    name = summary.applicant_name or ""
    operator = operator_name(summary.network_code) if summary.network_code else ""
    if operator and operator not in name:
        return f"{name} ({operator})" if name else operator
    return name


def size_text(size: int) -> str:
    """A file size as '12 kB' or '1,5 MB' (in the session's number style)."""
    if size >= 1024 * 1024:
        return f"{number(size / (1024 * 1024), 1)} MB"
    return f"{number(max(1, round(size / 1024)))} kB"


def applications_table(summaries: Sequence, today: date) -> pd.DataFrame:
    """Applications with translated headers and values, one row each."""
    rows = [
        {
            t("pmt.col.number"): f"#{s.id}",
            t("pmt.col.kind"): label(s.kind),
            t("pmt.col.case"): label(s.case),
            t("pmt.col.applicant"): applicant_text(s),
            t("pmt.col.place"): s.place_name or "",
            t("pmt.col.state"): label(s.state),
            t("pmt.col.step"): step_text(s.step_kind, s.step_level),
            t("pmt.col.filed_on"): day_text(s.filed_on),
            t("pmt.col.due_on"): day_text(s.due_on),
            t("pmt.col.days_left"): days_left_text(s.due_on, today, paused=s.paused)
            if s.step_kind
            else "",
        }
        for s in summaries
    ]
    columns = [
        "pmt.col.number",
        "pmt.col.kind",
        "pmt.col.case",
        "pmt.col.applicant",
        "pmt.col.place",
        "pmt.col.state",
        "pmt.col.step",
        "pmt.col.filed_on",
        "pmt.col.due_on",
        "pmt.col.days_left",
    ]
    return pd.DataFrame(rows, columns=[t(c) for c in columns])

"""One record on the registry page: header, fields, units, history, audit trail."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.records.fields import fields_for
from ui.common.i18n import field_label, t, value_label
from ui.common.labels import (
    action_label,
    day_text,
    local_time,
    missing,
    reason_text,
    source_text,
    value_text,
)
from ui.common.markdown import literal, text_md


def _fields_table(record: dict[str, Any], record_type: str) -> pd.DataFrame:
    rows = [
        (field_label(record_type, spec.name), value_text(spec.name, record[spec.name]))
        for spec in fields_for(record_type)
        if spec.name in record
    ]
    rows += [
        (field_label(record_type, name), value_text(name, record.get(name)))
        for name in ("id", "version", "source", "created_at", "updated_at")
    ]
    return pd.DataFrame(rows, columns=[t("reg.col_field"), t("reg.col_value")])


def _full_height(frame: pd.DataFrame) -> int:
    """Pixels that show every row of a small table without scrolling."""
    return 38 + 35 * len(frame)


def _units_table(record: dict[str, Any]) -> pd.DataFrame:
    rows = [
        {
            t("reg.col_edition"): t(f"edition.{edition}"),
            t("reg.col_commune"): names["commune"] or "",
            t("reg.col_district"): names["district"] or "—",
        }
        for edition, names in record["unit_names"].items()
    ]
    return pd.DataFrame(rows)


def _history_table(record: dict[str, Any]) -> pd.DataFrame:
    rows = []
    for entry in record["history"]:
        row = {
            t("reg.col_status"): value_label(entry["status"]),
            t("reg.col_since"): day_text(entry["effective_on"]),
            t("reg.col_recorded_at"): local_time(entry["recorded_at"]),
        }
        if "recorded_by" in entry:
            row[t("reg.col_by")] = entry["recorded_by"]
        if "reason" in entry:
            row[t("reg.col_reason")] = reason_text(entry["reason"])
        rows.append(row)
    return pd.DataFrame(rows)


def _change_text(entry: dict[str, Any], record_type: str) -> str:
    after, before = entry["after"] or {}, entry["before"] or {}
    if entry["action"] == "create_batch":
        return t(
            "reg.batch",
            count=after.get("records", "?"),
            source=source_text(after.get("source")),
        )
    if entry["action"] == "create":
        return t("reg.created")
    parts = []
    for name in sorted(set(before) | set(after)):
        old = value_text(name, _typed(before.get(name)))
        new = value_text(name, _typed(after.get(name)))
        parts.append(f"{field_label(record_type, name)}: {old or '∅'} → {new or '∅'}")
    return "; ".join(parts)


def _typed(value: Any) -> Any:
    """Audit values are JSON: dates come back as ISO text."""
    if isinstance(value, str) and len(value) == 10 and value[4] == value[7] == "-":
        return day_text(value)
    return value


def _audit_table(record: dict[str, Any], record_type: str) -> pd.DataFrame:
    rows = [
        {
            t("reg.col_at"): local_time(entry["at"]),
            t("reg.col_by"): entry["actor"],
            t("reg.col_action"): action_label(entry["action"]),
            t("reg.col_change"): _change_text(entry, record_type),
            t("reg.col_reason"): reason_text(entry["reason"]),
        }
        for entry in reversed(record["audit"])
    ]
    return pd.DataFrame(rows)


def render_record_header(record: dict[str, Any], record_type: str) -> None:
    """Name, status and the location check of a record."""
    code = f" · {record['site_code']}" if record.get("site_code") else ""
    st.subheader(f"#{record['id']} {literal(record['name'])}{literal(code)}")
    status = value_label(record["status"])
    since = day_text(record["status_since"])
    st.markdown(t("reg.status_line", status=status, since=since))
    if not missing(record.get("retired_on")):
        st.warning(
            text_md(
                "reg.retired",
                day=day_text(record["retired_on"]),
                reason=record.get("retired_reason") or "",
            )
        )
    flag = record.get("location_flag")
    if isinstance(flag, str) and flag:
        st.warning(text_md("reg.flagged", flag=flag), icon=":material/wrong_location:")
    else:
        st.caption(t("reg.location_ok"))


def render_record_details(record: dict[str, Any], record_type: str) -> None:
    """Fields, admin units of both editions, status history."""
    left, right = st.columns(2)
    with left:
        fields = _fields_table(record, record_type)
        st.dataframe(fields, hide_index=True, height=_full_height(fields))
    with right:
        st.markdown(f"**{t('reg.units')}**")
        st.dataframe(_units_table(record), hide_index=True)
        st.caption(t("reg.units_note"))
        st.markdown(f"**{t('reg.history')}**")
        st.dataframe(_history_table(record), hide_index=True)


def render_audit(record: dict[str, Any], record_type: str, actor: Actor) -> None:
    """The audit trail (users with the audit right), newest first."""
    if not perm.allowed(actor, perm.READ_AUDIT, "system"):
        st.caption(t("reg.no_audit_right"))
        return
    if not record["audit"]:
        st.caption(t("reg.no_audit"))
        return
    st.dataframe(_audit_table(record, record_type), hide_index=True)

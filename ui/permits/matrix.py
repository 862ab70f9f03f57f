"""The delegation matrix: the version in force, its history, the presets, and
(department, admin) adopting a preset or editing rows into a new version.

Versions are never changed: each save stores a new one, and applications keep the
version they were filed under.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from registry.access import permissions as perm
from registry.kernel.clock import today
from registry.kernel.errors import RegistryError
from registry.kernel.models import AuditEntry
from registry.permits.matrix import MatrixRow, load_presets, preset_offices
from registry.permits.matrix_versions import (
    adopt_preset,
    edit_matrix,
    list_matrix_versions,
    matrix_on,
)
from registry.permits.vocabulary import Level
from ui.common.forms import max_chars
from ui.common.i18n import all_texts, language, number, t
from ui.common.labels import day_text, local_time, missing
from ui.common.markdown import text_md
from ui.permits.actions import attempt
from ui.permits.labels import label
from ui.permits.messages import permit_error_lines

SUBJECT = "delegation"
_LEVELS = [level.value for level in Level]
_COLUMNS = (
    ("verify_level", "pmt.m.col_verify"),
    ("verify_days", "pmt.m.col_verify_days"),
    ("decide_level", "pmt.m.col_decide"),
    ("decide_days", "pmt.m.col_decide_days"),
    ("escalate_level", "pmt.m.col_escalate"),
    ("escalate_days", "pmt.m.col_escalate_days"),
)


def _days(value) -> int | None:
    return None if missing(value) else int(value)


def rows_table(rows: tuple[MatrixRow, ...]) -> pd.DataFrame:
    """A matrix's rows with labels: type, case, levels and working days."""
    table = {
        t("pmt.m.col_kind"): [label(r.kind) for r in rows],
        t("pmt.m.col_case"): [label(r.case) for r in rows],
    }
    for name, key in _COLUMNS:
        values = [getattr(r, name) for r in rows]
        if name.endswith("_level"):
            table[t(key)] = [label(v) if v else "—" for v in values]
        else:
            table[t(key)] = pd.array(values, dtype="Int64")
    return pd.DataFrame(table)


def preset_label(key: str) -> str:
    """'Ba cấp', 'Hai cấp', 'Đã sửa' for the stored preset key (itself if unknown)."""
    text_key = f"pmt.m.preset.{key}"
    return t(text_key) if text_key in all_texts() else key


def history_table(versions) -> pd.DataFrame:
    """Every stored version, newest first."""
    return pd.DataFrame(
        {
            t("pmt.m.col_id"): [f"#{v.id}" for v in versions],
            t("pmt.m.col_title"): [v.title for v in versions],
            t("pmt.m.col_from"): [day_text(v.effective_from) for v in versions],
            t("pmt.m.col_preset"): [preset_label(v.preset) for v in versions],
            t("pmt.m.col_by"): [v.created_by for v in versions],
            t("pmt.m.col_at"): [local_time(v.created_at) for v in versions],
            t("pmt.m.col_reason"): [v.reason for v in versions],
        }
    )


def render_version(version) -> None:
    """Title, facts, source and unverified facts of a version, then its rows."""
    st.markdown(f"**{text_md('pmt.m.in_force', id=version.id, title=version.title)}**")
    st.caption(
        text_md(
            "pmt.m.facts",
            start=day_text(version.effective_from),
            height=number(version.height_threshold_m, 0),
            by=version.created_by,
            at=local_time(version.created_at),
        )
        + " · "
        + text_md("pmt.m.reason", reason=version.reason)
    )
    st.dataframe(rows_table(version.rows), hide_index=True)
    with st.expander(t("pmt.m.source_heading")):
        st.markdown(text_md("pmt.m.source", source=version.source))
        if version.unverified:
            st.warning(text_md("pmt.m.unverified", text=version.unverified))


def render_presets() -> None:
    """The presets the department may adopt (three-level, two-level eras)."""
    st.markdown(f"**{t('pmt.m.presets')}**")
    english = language() == "en"
    for preset in load_presets().values():
        st.markdown(
            "- "
            + t(
                "pmt.m.preset_caption",
                title=preset.title_en if english else preset.title_vi,
                start=day_text(preset.effective_from),
            )
        )
        offices = preset_offices(preset, until=today())
        st.caption(
            t(
                "pmt.m.preset_offices",
                offices="; ".join(_office_text(o, english) for o in offices),
            )
        )


def _office_text(office, english: bool) -> str:
    """'Sở Khoa học và Công nghệ (từ 01/03/2025, chưa xác minh)'."""
    dates = []
    if office.valid_from:
        dates.append(t("pmt.m.office_from", day=day_text(office.valid_from)))
    if office.valid_to:
        dates.append(t("pmt.m.office_to", day=day_text(office.valid_to)))
    if dates and office.unverified:
        dates.append(t("pmt.m.office_unverified"))
    name = office.name("en" if english else "vi")
    return f"{name} ({', '.join(dates)})" if dates else name


def _saved_text(version) -> str:
    """The success message of a new matrix version."""
    return t("pmt.m.saved", id=version.id, start=day_text(version.effective_from))


def adopt_form(registry, actor) -> None:
    """Store a preset as a new version in force from a chosen day."""
    presets = load_presets()
    english = language() == "en"
    with st.form("pmt_matrix_adopt"):
        key = st.selectbox(
            t("pmt.m.adopt_preset"),
            list(presets),
            format_func=lambda k: (
                presets[k].title_en if english else presets[k].title_vi
            ),
            key="pmt_matrix_adopt_preset",
        )
        start = st.date_input(
            t("pmt.m.adopt_from"),
            value=today(),
            min_value=date(2000, 1, 1),
            format="DD/MM/YYYY",
            key="pmt_matrix_adopt_from",
        )
        reason = st.text_input(
            t("pmt.m.adopt_reason"),
            max_chars=max_chars(AuditEntry.reason),
            key="pmt_matrix_adopt_reason",
        )
        slot = st.container()
        sent = st.form_submit_button(t("pmt.m.adopt_submit"), type="primary")
    if not sent:
        return
    attempt(
        slot,
        lambda: adopt_preset(registry, actor, key, effective_from=start, reason=reason),
        _saved_text,
    )


def _editable(rows: tuple[MatrixRow, ...]) -> pd.DataFrame:
    frame = pd.DataFrame([r.as_dict() for r in rows])
    frame.insert(0, "row", [f"{label(r.kind)} – {label(r.case)}" for r in rows])
    frame = frame.drop(columns=["kind", "case"])
    for name in ("verify_days", "decide_days", "escalate_days"):
        frame[name] = frame[name].astype("Int64")
    return frame


def _column_config() -> dict:
    config: dict = {
        "row": st.column_config.TextColumn(t("pmt.m.col_row"), disabled=True)
    }
    for name, key in _COLUMNS:
        if name.endswith("_level"):
            config[name] = st.column_config.SelectboxColumn(
                t(key),
                options=_LEVELS,
                format_func=label,
                required=name == "decide_level",
            )
        else:
            config[name] = st.column_config.NumberColumn(
                t(key), min_value=1, max_value=365, step=1, format="%d"
            )
    return config


def edited_rows(rows: tuple[MatrixRow, ...], frame: pd.DataFrame) -> list[dict]:
    """The edited table back as row dictionaries (kind and case from ``rows``)."""
    result = []
    for row, (_, edited) in zip(rows, frame.iterrows(), strict=True):
        levels = {
            name: (None if missing(edited[name]) else str(edited[name]))
            for name in ("verify_level", "decide_level", "escalate_level")
        }
        days = {
            name: _days(edited[name])
            for name in ("verify_days", "decide_days", "escalate_days")
        }
        result.append({"kind": row.kind, "case": row.case, **levels, **days})
    return result


def edit_form(registry, actor, version) -> None:
    """Edit the rows of the version in force; saving stores a new version."""
    st.caption(t("pmt.m.edit_hint"))
    with st.form(f"pmt_matrix_edit_{version.id}"):
        frame = st.data_editor(
            _editable(version.rows),
            hide_index=True,
            column_config=_column_config(),
            num_rows="fixed",
            key=f"pmt_matrix_rows_{version.id}",
        )
        left, middle = st.columns(2)
        start = left.date_input(
            t("pmt.m.edit_from"),
            value=today(),
            min_value=date(2000, 1, 1),
            format="DD/MM/YYYY",
            key=f"pmt_matrix_edit_from_{version.id}",
        )
        height = middle.number_input(
            t("pmt.m.edit_height"),
            min_value=1.0,
            max_value=500.0,
            value=float(version.height_threshold_m),
            step=1.0,
            key=f"pmt_matrix_edit_height_{version.id}",
        )
        reason = st.text_input(
            t("pmt.m.edit_reason"),
            max_chars=max_chars(AuditEntry.reason),
            key=f"pmt_matrix_edit_reason_{version.id}",
        )
        slot = st.container()
        sent = st.form_submit_button(t("pmt.m.edit_submit"), type="primary")
    if not sent:
        return
    attempt(
        slot,
        lambda: edit_matrix(
            registry,
            actor,
            version.id,
            edited_rows(version.rows, frame),
            effective_from=start,
            reason=reason,
            height_threshold_m=height,
        ),
        _saved_text,
    )


def render_matrix(registry, actor) -> None:
    """The version in force on a chosen day, the history, the presets, the editors."""
    day = st.date_input(
        t("pmt.m.on_day"),
        value=today(),
        min_value=date(2000, 1, 1),
        format="DD/MM/YYYY",
        key="pmt_matrix_day",
    )
    try:
        version = matrix_on(registry, actor, day)
        versions = list_matrix_versions(registry, actor)
    except RegistryError as error:
        for line in permit_error_lines(error):
            st.error(line)
        return
    render_version(version)
    st.markdown(f"**{t('pmt.m.history')}**")
    st.dataframe(history_table(versions), hide_index=True)
    render_presets()
    if not perm.allowed(actor, perm.MANAGE, SUBJECT):
        st.caption(t("pmt.m.read_only"))
        return
    with st.expander(t("pmt.m.adopt"), icon=":material/library_add:"):
        adopt_form(registry, actor)
    with st.expander(t("pmt.m.edit"), icon=":material/edit:"):
        edit_form(registry, actor, version)

"""The inspections page without a chosen inspection: what is due, the drafts, the
inspections awaiting review or reviewed, the overdue follow-ups, and starting a new
inspection (from a point picker, or from ``?point=N``).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from registry.access import permissions as perm
from registry.inspections.plans import InspectionOverview, plan_by_commune
from registry.inspections.service import list_inspections, open_inspection
from registry.inspections.vocabulary import InspectionState
from registry.kernel.clock import today
from registry.kernel.errors import RegistryError
from registry.records.by_kind import POINTS
from ui.common.i18n import t, value_label
from ui.common.labels import day_text, missing
from ui.common.markdown import literal, text_md
from ui.common.messages import error_text, field_error_text
from ui.common.selection import picked_row
from ui.inspections.links import flash, link_to_inspection, show_inspection, show_point
from ui.inspections.messages import FIELDS, plan_label, ruleset_title, state_label
from ui.inspections.offline import render_offline
from ui.shell.menu import link_to_record
from ui.shell.sidebar import area_text
from ui.shell.state import profile_of

SUBJECT = "inspection"
_REVIEWED = [
    InspectionState.APPROVED.value,
    InspectionState.HAS_ISSUES.value,
    InspectionState.REJECTED.value,
]
_QUEUE_LINKS = 10


def edition_of(actor, registry) -> str:
    """The edition whose communes the lists name (the user's own, if area-bound)."""
    return actor.area_edition or registry.config.default_edition


def _suffix(edition: str) -> str:
    return edition.replace("-", "_")


def _draft_text(inspection_id) -> str:
    return "" if missing(inspection_id) else f"#{inspection_id}"


# (header text key, column — ``{suffix}`` is the edition's —, how values are shown)
INSPECTION_COLUMNS = (
    ("insp.col_inspection", "id", None),
    ("insp.col_point", "point_name", None),
    ("insp.col_kind", "kind", value_label),
    ("insp.col_commune", "commune_name_{suffix}", None),
    ("insp.col_date", "inspected_on", day_text),
    ("insp.col_inspector", "inspector", None),
    ("insp.col_state", "state", state_label),
    ("insp.col_deadline", "follow_up_deadline", day_text),
    ("insp.col_open", "open_items", None),
    ("insp.col_failed", "failed_items", None),
    ("insp.col_violations", "violations", None),
    ("insp.col_photos", "photos", None),
)
PLAN_COLUMNS = (
    ("insp.col_point_id", "point_id", None),
    ("insp.col_point", "name", None),
    ("insp.col_kind", "kind", value_label),
    ("insp.col_commune", "commune_name_{suffix}", None),
    ("insp.col_last", "last_inspected_on", day_text),
    ("insp.col_this_year", "inspections_this_year", None),
    ("insp.col_next_due", "next_due_on", day_text),
    ("insp.col_plan", "plan_state", plan_label),
    ("insp.col_days_overdue", "days_overdue", None),
    ("insp.col_draft", "draft_inspection_id", _draft_text),
)


def _translated(frame: pd.DataFrame, columns, edition: str) -> pd.DataFrame:
    """The ``columns`` of ``frame`` under translated headers, values as shown."""
    suffix = _suffix(edition)
    table = {}
    for header, name, show in columns:
        values = frame.get(name.format(suffix=suffix))
        table[t(header)] = values if show is None else values.map(show)
    return pd.DataFrame(table)


def inspections_table(frame: pd.DataFrame, edition: str) -> pd.DataFrame:
    """Inspections with translated headers and values."""
    return _translated(frame, INSPECTION_COLUMNS, edition)


def plan_table(plan: pd.DataFrame, edition: str) -> pd.DataFrame:
    """Points and their inspection plan with translated headers and values."""
    return _translated(plan, PLAN_COLUMNS, edition)


def commune_plan_table(by_commune: pd.DataFrame, commune_header: str) -> pd.DataFrame:
    """Points per commune by plan state (``plan_by_commune``), headers translated."""
    return by_commune.drop(columns="commune_code").rename(
        columns={
            "commune_name": commune_header,
            "points": t("insp.col_points"),
            "overdue": plan_label("overdue"),
            "due": plan_label("due"),
            "ok": plan_label("ok"),
            "done": t("insp.col_done"),
        }
    )


def _inspection_list(frame: pd.DataFrame, edition: str, key: str) -> None:
    if frame.empty:
        st.caption(t("insp.none"))
        return
    row = picked_row(inspections_table(frame, edition), key, max_height=380)
    if row is not None:
        show_inspection(int(frame.iloc[row]["id"]))
        st.rerun()


def _plan_list(plan: pd.DataFrame, edition: str, key: str) -> None:
    due = plan[plan["plan_state"] != "ok"]
    if due.empty:
        st.caption(t("insp.no_due"))
        return
    st.caption(t("insp.pick_row"))
    row = picked_row(plan_table(due, edition), key, max_height=380)
    if row is not None:
        chosen = due.iloc[row]
        if missing(chosen["draft_inspection_id"]):
            show_point(int(chosen["point_id"]))
        else:
            show_inspection(int(chosen["draft_inspection_id"]))
        st.rerun()


def review_queue(inspections: pd.DataFrame) -> None:
    """Links to the inspections awaiting review (the reviewer's work list)."""
    waiting = inspections[inspections["state"] == InspectionState.SUBMITTED.value]
    if waiting.empty:
        return
    st.markdown(f"**{t('insp.review_queue')}**")
    for row in waiting.head(_QUEUE_LINKS).itertuples():
        link_to_inspection(
            int(row.id),
            text_md(
                "insp.queue_link",
                id=row.id,
                point=row.point_name,
                day=day_text(row.inspected_on),
                inspector=row.inspector,
            ),
        )
    if len(waiting) > _QUEUE_LINKS:
        st.caption(t("insp.more", count=len(waiting) - _QUEUE_LINKS))


def _point_option(points: pd.DataFrame):
    names = dict(zip(points["id"], points["name"], strict=True))
    kinds = dict(zip(points["id"], points["kind"], strict=True))
    return lambda i: t(
        "insp.point_option", id=i, name=names[i], kind=value_label(kinds[i])
    )


def open_form(registry, actor, points: pd.DataFrame, *, point_id=None) -> None:
    """Choose a point (or take ``point_id``) and a date; opens the inspection."""
    key = "insp_new" if point_id is None else f"insp_new_{point_id}"
    with st.form(key):
        if point_id is None:
            options = [int(i) for i in points["id"]]
            chosen = st.selectbox(
                t("insp.point"),
                options,
                index=None,
                format_func=_point_option(points),
                placeholder=t("form.choose"),
                help=t("insp.pick_point_hint"),
                key=f"{key}_point",
            )
        else:
            chosen = point_id
        day = st.date_input(
            t("insp.inspected_on"),
            value=today(),
            max_value=today(),
            format="DD/MM/YYYY",
            key=f"{key}_on",
        )
        slot = st.container()
        submitted = st.form_submit_button(
            t("insp.open"), type="primary", icon=":material/add_task:"
        )
    if not submitted:
        return
    if chosen is None:
        slot.error(t("form.choose"))
        return
    try:
        view = open_inspection(registry, actor, int(chosen), inspected_on=day)
    except RegistryError as error:
        slot.error(error_text(error, FIELDS), icon=":material/error:")
        for problem in getattr(error, "errors", []):
            slot.error(field_error_text(FIELDS, problem))
        return
    flash(t("insp.opened", id=view["id"], ruleset=ruleset_title(view["ruleset"])))
    show_inspection(int(view["id"]))
    st.rerun()


def render_point_request(registry, actor, point_id: int) -> None:
    """``?point=N``: the point, its earlier inspections, and a form to start one."""
    try:
        point = POINTS.get(registry, actor, point_id)
        earlier = list_inspections(registry, actor, point_id=point_id)
    except RegistryError as error:
        st.error(error_text(error, FIELDS))
        return
    st.subheader(t("insp.open_for_point", id=point_id))
    st.markdown(f"**{literal(point['name'])}** · {value_label(point['kind'])}")
    st.caption(f"{literal(point.get('address'))} · {value_label(point['status'])}")
    link_to_record("point", point_id)
    drafts = earlier[earlier["state"] == InspectionState.DRAFT.value]
    if not drafts.empty:
        draft_id = int(drafts.iloc[0]["id"])
        st.info(t("insp.point_draft", id=draft_id))
        link_to_inspection(draft_id)
    elif perm.allowed(actor, perm.CREATE, SUBJECT):
        open_form(registry, actor, pd.DataFrame(), point_id=point_id)
    else:
        st.info(t("insp.cannot_open"))
    st.markdown(f"**{t('insp.point_history')}**")
    _inspection_list(earlier, edition_of(actor, registry), f"insp_point_{point_id}")


def render_overview(registry, actor, overview: InspectionOverview) -> None:
    """The lists of the user's area in tabs, and the form to start an inspection."""
    profile = profile_of(registry, actor)
    edition = edition_of(actor, registry)
    st.caption(
        t("insp.area", area=area_text(profile))
        + " · "
        + t("insp.per_year", count=overview.per_year, days=overview.interval_days)
    )
    if perm.allowed(actor, perm.CREATE, SUBJECT):
        with st.expander(t("insp.new"), icon=":material/add_task:"):
            open_form(registry, actor, overview.points)
    render_offline(registry, actor, edition)
    if perm.allowed(actor, perm.REVIEW, SUBJECT):
        review_queue(overview.inspections)
    frame = overview.inspections
    groups = {
        "due": overview.plan[overview.plan["plan_state"] != "ok"],
        "drafts": frame[frame["state"] == InspectionState.DRAFT.value],
        "submitted": frame[frame["state"] == InspectionState.SUBMITTED.value],
        "reviewed": frame[frame["state"].isin(_REVIEWED)],
        "follow_ups": overview.follow_ups,
    }
    order = list(groups)
    if perm.allowed(actor, perm.REVIEW, SUBJECT):
        order = ["submitted", "due", "drafts", "reviewed", "follow_ups"]
    tabs = st.tabs(
        [t(f"insp.tab_{name}", count=len(groups[name])) for name in order]
        + [t("insp.tab_communes")]
    )
    for tab, name in zip(tabs, order, strict=False):
        with tab:
            if name == "due":
                _plan_list(groups[name], edition, "insp_table_due")
            else:
                _inspection_list(groups[name], edition, f"insp_table_{name}")
    with tabs[-1]:
        by_commune = plan_by_commune(overview.plan, edition)
        st.dataframe(
            commune_plan_table(by_commune, t("insp.col_commune")), hide_index=True
        )

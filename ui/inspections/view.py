"""One inspection on its page: header, review note, then a tab per part."""

from __future__ import annotations

from typing import Any

import streamlit as st

from registry.inspections.vocabulary import InspectionState
from ui.common.i18n import number, t
from ui.common.labels import day_text, local_time
from ui.common.markdown import text_md
from ui.inspections.forms import (
    checklist_form,
    details_form,
    is_correction,
    may_change,
    stale_panel,
)
from ui.inspections.links import clear_request
from ui.inspections.messages import ruleset_title, state_label
from ui.inspections.photos import photos_panel
from ui.inspections.tabs import inspection_tabs, offer_violations
from ui.inspections.violations import violations_form
from ui.inspections.workflow import history_panel, workflow_panel
from ui.shell.menu import link_to_record

_BADGE_COLOURS = {
    InspectionState.DRAFT: "gray",
    InspectionState.SUBMITTED: "blue",
    InspectionState.APPROVED: "green",
    InspectionState.HAS_ISSUES: "orange",
    InspectionState.REJECTED: "red",
}


def _units_text(view: dict[str, Any]) -> str:
    parts = []
    for names in view["unit_names"].values():
        text = ", ".join(n for n in (names["commune"], names["district"]) if n)
        if text and text not in parts:
            parts.append(text)
    return " · ".join(parts)


def _odk_caption(odk: dict[str, Any] | None) -> None:
    """Where the phone was, for an inspection imported from ODK Collect."""
    if odk is None:
        return
    if odk["distance_m"] is None:
        st.caption(t("insp.odk.from_phone_no_gps", by=odk["submitter"]))
    elif odk["gps_far"]:
        st.warning(
            t("insp.odk.gps_far", metres=number(odk["distance_m"])),
            icon=":material/wrong_location:",
        )
    else:
        st.caption(
            t(
                "insp.odk.from_phone",
                by=odk["submitter"],
                metres=number(odk["distance_m"]),
            )
        )


def render_header(view: dict[str, Any]) -> None:
    """Title, state, date, inspector, rule set, the point and the review."""
    st.subheader(text_md("insp.heading", id=view["id"], point=view["point"]["name"]))
    state = InspectionState(view["state"])
    st.badge(state_label(state), color=_BADGE_COLOURS[state])
    st.caption(
        text_md(
            "insp.facts",
            day=day_text(view["inspected_on"]),
            inspector=view["inspector"],
            units=_units_text(view),
        )
    )
    ruleset = view["ruleset"]
    if "version" in ruleset:
        st.caption(
            t(
                "insp.ruleset_caption",
                title=ruleset_title(ruleset),
                version=view["ruleset_version"],
                start=day_text(ruleset["effective_from"]),
            )
        )
    link_to_record("point", int(view["point_id"]))
    _odk_caption(view.get("odk"))
    if view["reviewed_by"]:
        at = local_time(view["reviewed_at"])
        if view["review_note"]:
            text = text_md(
                "insp.review_note",
                by=view["reviewed_by"],
                at=at,
                note=view["review_note"],
            )
        else:
            text = t("insp.review_no_note", by=view["reviewed_by"], at=at)
        box = st.success if state == InspectionState.APPROVED else st.warning
        box(text)
    if is_correction(view):
        st.warning(t("insp.correcting"), icon=":material/edit_note:")
    elif not may_change(view) and "review" not in view["actions"]:
        st.caption(t("insp.read_only"))


def render_inspection(registry, actor, view: dict[str, Any]) -> None:
    """The whole inspection: header, then checklist, violations, details, photos,
    submit or review, history."""
    render_header(view)
    stale_panel(view)
    tabs = inspection_tabs(view)
    with tabs["checklist"]:
        offer_violations(view)
        checklist_form(registry, actor, view)
    with tabs["violations"]:
        violations_form(registry, actor, view)
    with tabs["details"]:
        details_form(registry, actor, view)
    with tabs["photos"]:
        photos_panel(registry, actor, view)
    with tabs["workflow"]:
        workflow_panel(registry, actor, view)
    with tabs["history"]:
        history_panel(view)
    st.button(t("insp.back"), on_click=clear_request, icon=":material/arrow_back:")

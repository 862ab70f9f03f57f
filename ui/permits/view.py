"""One application on its page: header, then tabs for the trail, the documents,
the filing checks, what is asked, and the actions open to the signed-in user."""

from __future__ import annotations

from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from registry.kernel.clock import today
from registry.kernel.vocabulary import RecordType
from registry.permits.documents import get_document
from registry.permits.vocabulary import ApplicationState
from ui.common.i18n import field_label, language, number, operator_name, t
from ui.common.labels import action_label, day_text, local_time, missing, value_text
from ui.common.markdown import text_md
from ui.maps.links import map_query
from ui.permits.actions import render_actions
from ui.permits.labels import (
    applicant_text,
    days_left_text,
    label,
    level_text,
    size_text,
)
from ui.permits.links import clear_request
from ui.shell.menu import link_to_page, link_to_record

_BADGES = {
    ApplicationState.AWAITING_CONSENT: "gray",
    ApplicationState.VERIFYING: "blue",
    ApplicationState.INCOMPLETE: "orange",
    ApplicationState.DECIDING: "violet",
    ApplicationState.APPROVED: "green",
    ApplicationState.REFUSED: "red",
}
_SEVERITY_BOXES = {"info": st.info, "warning": st.warning, "refuse": st.error}


def _open_step(view):
    return next((s for s in view.steps if s.finished_on is None), None)


def render_header(view) -> None:
    """Number, kind, state, case, the step in progress and the matrix version."""
    summary = view.summary
    st.subheader(t("pmt.heading", id=summary.id, kind=label(summary.kind)))
    state = ApplicationState(summary.state)
    st.badge(label(state), color=_BADGES[state])
    st.caption(
        text_md(
            "pmt.facts",
            filed=day_text(summary.filed_on),
            by=summary.filed_by,
            applicant=applicant_text(summary),
            place=summary.place_name or "",
        )
    )
    why = next((finding_message(f) for f in view.findings if f.check == "case"), "")
    case = label(summary.case) + (f" ({why})" if why else "")
    st.markdown(text_md("pmt.case_line", case=case))
    step = _open_step(view)
    if step is not None:
        st.markdown(
            t(
                "pmt.current",
                step=label(step.kind),
                level=level_text(step.level),
                due=day_text(step.due_on),
                left=days_left_text(
                    step.due_on, today(), paused=step.paused_since is not None
                ),
            )
        )
    st.caption(
        text_md(
            "pmt.matrix_line",
            id=view.matrix.id,
            title=view.matrix.title,
            start=day_text(view.matrix.effective_from),
        )
    )
    transfer_lines(view)
    if summary.permit_number:
        st.success(
            text_md(
                "pmt.permit_line",
                number=summary.permit_number,
                day=day_text(summary.decided_on),
            )
        )
    if view.conditions:
        st.info(text_md("pmt.conditions_line", text=view.conditions))
    if view.refusal_reasons:
        st.error(text_md("pmt.refusal_line", text=view.refusal_reasons))
    record_links(summary)


def transfer_lines(view) -> None:
    """A transfer: the receiving operator, and its signature or the wait for it."""
    if not view.receiving_network:
        return
    receiving = operator_name(view.receiving_network)
    st.markdown(t("pmt.transfer_line", network=receiving))
    if view.consented_on is not None:
        st.caption(
            t(
                "pmt.consented_line",
                network=receiving,
                day=day_text(view.consented_on),
                by=view.consented_by or "",
            )
        )
    elif view.summary.state == ApplicationState.AWAITING_CONSENT:
        st.info(t("pmt.awaiting_consent", network=receiving))


def withheld_note(view) -> None:
    """Why the running step's form is not offered to this user (four eyes)."""
    step = _open_step(view)
    if view.withheld and step is not None:
        st.warning(
            t(f"pmt.withheld.{view.withheld}", level=level_text(step.level)),
            icon=":material/visibility:",
        )


def record_links(summary) -> None:
    """Links to the record the application concerns (and the BTS map for a site)."""
    if summary.site_id is not None:
        link_to_record(RecordType.SITE, int(summary.site_id))
        link_to_page(
            "bts_map",
            map_query("site", int(summary.site_id)),
            t("pmt.map_link"),
            ":material/map:",
        )
    elif summary.point_id is not None:
        link_to_record(RecordType.POINT, int(summary.point_id))


def trail_table(view) -> pd.DataFrame:
    """Every step of the application, oldest first."""
    return pd.DataFrame(
        {
            t("pmt.trail.col_step"): [label(s.kind) for s in view.steps],
            t("pmt.trail.col_level"): [label(s.level) for s in view.steps],
            t("pmt.trail.col_started"): [day_text(s.started_on) for s in view.steps],
            t("pmt.trail.col_due"): [day_text(s.due_on) for s in view.steps],
            t("pmt.trail.col_finished"): [day_text(s.finished_on) for s in view.steps],
            t("pmt.trail.col_outcome"): [
                label(s.outcome) if s.outcome else t("pmt.trail.running")
                for s in view.steps
            ],
            t("pmt.trail.col_by"): [s.acted_by or "" for s in view.steps],
            t("pmt.trail.col_visit"): [day_text(s.site_visit_on) for s in view.steps],
            t("pmt.trail.col_opinion"): [
                s.neighbours_opinion or "" for s in view.steps
            ],
            t("pmt.trail.col_note"): [s.note or "" for s in view.steps],
            t("pmt.trail.col_paused"): [s.paused_days for s in view.steps],
        }
    )


def pauses_table(view) -> pd.DataFrame:
    """The incomplete-documents notices and their completion."""
    return pd.DataFrame(
        {
            t("pmt.pause.col_on"): [day_text(p.paused_on) for p in view.pauses],
            t("pmt.pause.col_reasons"): [p.reasons for p in view.pauses],
            t("pmt.pause.col_by"): [p.paused_by for p in view.pauses],
            t("pmt.pause.col_resumed"): [day_text(p.resumed_on) for p in view.pauses],
            t("pmt.pause.col_note"): [p.completion_note or "" for p in view.pauses],
        }
    )


def audit_table(view) -> pd.DataFrame:
    """The application's audit entries, oldest first."""
    return pd.DataFrame(
        {
            t("pmt.audit.col_at"): [local_time(a["at"]) for a in view.audit],
            t("pmt.audit.col_by"): [a["actor"] for a in view.audit],
            t("pmt.audit.col_action"): [action_label(a["action"]) for a in view.audit],
            t("pmt.audit.col_reason"): [a.get("reason") or "" for a in view.audit],
        }
    )


def render_trail(view) -> None:
    """Steps, pauses and the audit entries."""
    # Plain tables: a trail is short, and its text stays readable and searchable.
    st.table(trail_table(view), hide_index=True)
    if view.pauses:
        st.markdown(f"**{t('pmt.pauses')}**")
        st.table(pauses_table(view), hide_index=True)
    if view.audit:
        st.markdown(f"**{t('pmt.audit')}**")
        st.table(audit_table(view), hide_index=True)


def render_documents(registry, actor, view) -> None:
    """One download button per document (the bytes are read when clicked)."""
    if not view.documents:
        st.caption(t("pmt.no_documents"))
        return
    application_id = view.summary.id
    for document in view.documents:
        row = st.container(horizontal=True, vertical_alignment="center")
        row.download_button(
            text_md(
                "pmt.download", name=document.filename, size=size_text(document.size)
            ),
            data=partial(_document_bytes, registry, actor, application_id, document.id),
            file_name=document.filename,
            mime=document.content_type,
            icon=":material/download:",
            key=f"pmt_doc_{application_id}_{document.id}",
            on_click="ignore",
        )
        row.caption(
            t(
                "pmt.doc_caption",
                type=document.content_type,
                size=size_text(document.size),
                by=document.uploaded_by,
                at=local_time(document.uploaded_at),
            )
        )


def _document_bytes(registry, actor, application_id: int, document_id: int) -> bytes:
    return get_document(registry, actor, application_id, document_id)[1]


def render_findings(view) -> None:
    """The checks run at filing (nearby sites, school distance, the case)."""
    if not view.findings:
        st.caption(t("pmt.no_findings"))
        return
    render_finding_list(view.findings)


def finding_message(finding) -> str:
    """A finding's message in the session's language."""
    return finding.message_en if language() == "en" else finding.message_vi


def render_finding_list(findings) -> None:
    """Each finding in a box coloured by its severity."""
    for finding in findings:
        message = finding_message(finding)
        box = _SEVERITY_BOXES.get(finding.severity, st.info)
        box(t("pmt.finding", severity=label(finding.severity), message=message))


def _proposal_value(name: str, value: Any) -> str:
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, float):
        return number(value, 0 if value.is_integer() else 4)
    return value_text(name, value)


def render_proposal(view) -> None:
    """The field values the application asks for, by their labels."""
    record_type = "site" if view.summary.kind.startswith("bts_") else "point"
    values = {k: v for k, v in (view.proposal or {}).items() if not missing(v)}
    if not values:
        st.caption(t("pmt.none"))
        return
    st.dataframe(
        pd.DataFrame(
            {
                t("pmt.proposal.col_field"): [
                    field_label(record_type, k) for k in values
                ],
                t("pmt.proposal.col_value"): [
                    _proposal_value(k, v) for k, v in values.items()
                ],
            }
        ),
        hide_index=True,
    )


def render_application(registry, actor, view, *, just_filed: bool = False) -> None:
    """The whole application: header, then its tabs, then the way back.

    Right after filing, the checks run at filing are shown above the tabs.
    """
    render_header(view)
    if just_filed and view.findings:
        st.markdown(f"**{t('pmt.filed_findings', id=view.summary.id)}**")
        render_finding_list(view.findings)
    acting = bool(view.actions)
    withheld_note(view)
    if not acting and not view.withheld:
        step = _open_step(view)
        if step is None and view.summary.state != ApplicationState.AWAITING_CONSENT:
            st.caption(t("pmt.closed", state=label(view.summary.state)))
        elif step is not None:
            st.caption(t("pmt.read_only", level=level_text(step.level)))
    names = ["trail", "documents", "findings", "proposal"]
    labels = [
        t("pmt.tab_trail"),
        t("pmt.tab_documents", count=len(view.documents)),
        t("pmt.tab_findings", count=len(view.findings)),
        t("pmt.tab_proposal"),
    ]
    if acting:
        names.insert(0, "action")
        labels.insert(0, t("pmt.tab_action"))
    tabs = dict(zip(names, st.tabs(labels), strict=True))
    if acting:
        with tabs["action"]:
            render_actions(registry, actor, view)
    with tabs["trail"]:
        render_trail(view)
    with tabs["documents"]:
        render_documents(registry, actor, view)
    with tabs["findings"]:
        render_findings(view)
    with tabs["proposal"]:
        render_proposal(view)
    st.button(t("pmt.back"), on_click=clear_request, icon=":material/arrow_back:")

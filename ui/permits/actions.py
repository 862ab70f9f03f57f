"""The forms a user may use on an application now: sign a transfer (the receiving
operator), verify (or report missing documents), record their completion, decide,
refer up, add documents.

Which forms appear is the registry's call (``view.actions``); each form makes one
service call and the registry checks the level, the area and every value again.
A refused call leaves the form as it was, with the message above the button.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import streamlit as st

from registry.kernel.clock import today
from registry.kernel.errors import RegistryError
from registry.kernel.models import AuditEntry, PermitApplication, PermitStep
from registry.permits.corrections import correct_filing_day
from registry.permits.documents import add_documents
from registry.permits.steps import (
    approve_application,
    escalate_application,
    record_completion,
    refuse_application,
    report_incomplete,
    verify_application,
)
from registry.permits.transfers import consent_to_transfer, decline_transfer
from registry.permits.vocabulary import KINDS_NEEDING_NUMBER
from ui.common.forms import max_chars
from ui.common.i18n import operator_name, t
from ui.common.uploads import file_uploader
from ui.permits.labels import level_text
from ui.permits.links import flash
from ui.permits.messages import permit_error_lines

DOCUMENT_TYPES = ["pdf", "jpg", "jpeg", "png"]


def form_key(view, name: str) -> str:
    """A widget key that changes after every step (the forms then start empty)."""
    summary = view.summary
    return (
        f"pmt_{summary.id}_{summary.state}_{len(view.steps)}_{len(view.pauses)}_{name}"
    )


def upload_limit_mb(registry) -> int:
    """The registry's document size limit in whole MB, for the file uploaders (the
    registry checks each file again and names one that is too large)."""
    return max(1, math.ceil(registry.config.max_document_bytes / (1024 * 1024)))


def document_uploader(registry, key: str):
    """Several PDF, JPEG or PNG files, up to the registry's size limit each."""
    return file_uploader(
        t("pmt.f.documents"),
        types=DOCUMENT_TYPES,
        multiple=True,
        limit_mb=upload_limit_mb(registry),
        key=key,
    )


def uploaded(files) -> list[tuple[str, bytes]]:
    """(name, bytes) of the files of a file uploader."""
    return [(f.name, f.getvalue()) for f in files or []]


def attempt(slot, call: Callable[[], Any], success: str | Callable[[Any], str]) -> None:
    """Make the service call: its refusal goes into ``slot`` line by line; on
    success keep the message (``success``, or a function of the answer) and rerun."""
    try:
        answer = call()
    except RegistryError as error:
        for line in permit_error_lines(error):
            slot.error(line, icon=":material/error:")
        return
    flash(success(answer) if callable(success) else success)
    st.rerun()


# The verifier's choice -> the action the registry must allow for it.
_VERIFY_OUTCOMES = {"complete": "verify", "incomplete": "incomplete"}


def verify_form(registry, actor, view) -> None:
    """Site visit, neighbours' opinions, and documents complete or not."""
    key = form_key(view, "verify")
    number = view.summary.id
    with st.form(key):
        visit = st.date_input(
            t("pmt.v.visit"),
            value=today(),
            max_value=today(),
            format="DD/MM/YYYY",
            key=f"{key}_visit",
        )
        opinion = st.text_area(
            t("pmt.v.opinion"),
            max_chars=max_chars(PermitStep.neighbours_opinion),
            key=f"{key}_opinion",
        )
        outcome = st.radio(
            t("pmt.v.result"),
            [o for o, action in _VERIFY_OUTCOMES.items() if action in view.actions],
            format_func=lambda o: t(f"pmt.v.{o}"),
            key=f"{key}_outcome",
        )
        reasons = st.text_area(
            t("pmt.v.reasons"),
            max_chars=max_chars(AuditEntry.reason),
            key=f"{key}_reasons",
        )
        note = st.text_input(
            t("pmt.v.note"), max_chars=max_chars(AuditEntry.reason), key=f"{key}_note"
        )
        slot = st.container()
        sent = st.form_submit_button(
            t("pmt.v.submit"), type="primary", icon=":material/task_alt:"
        )
    if not sent:
        return
    if outcome == "incomplete":
        attempt(
            slot,
            lambda: report_incomplete(registry, actor, number, reasons=reasons),
            t("pmt.done.incomplete", id=number),
        )
        return
    attempt(
        slot,
        lambda: verify_application(
            registry,
            actor,
            number,
            site_visit_on=visit,
            neighbours_opinion=opinion.strip() or None,
            note=note.strip() or None,
        ),
        t("pmt.done.verify", id=number),
    )


def _reason_form(
    view,
    name: str,
    *,
    label: str,
    submit: str,
    icon: str,
    send,
    caption: str | None = None,
) -> None:
    """A form of one reason and its button; ``send(reason)`` makes the service call
    and gives the success message (the registry checks the reason again)."""
    key = form_key(view, name)
    with st.form(key):
        if caption:
            st.caption(caption)
        reason = st.text_area(
            t(label), max_chars=max_chars(AuditEntry.reason), key=f"{key}_reason"
        )
        slot = st.container()
        sent = st.form_submit_button(t(submit), icon=icon)
    if sent:
        call, success = send(reason)
        attempt(slot, call, success)


def incomplete_form(registry, actor, view) -> None:
    """A notice of missing documents while deciding: the deadline pauses."""
    number = view.summary.id
    _reason_form(
        view,
        "incomplete",
        label="pmt.v.reasons",
        submit="pmt.i.submit",
        icon=":material/pause:",
        send=lambda reasons: (
            lambda: report_incomplete(registry, actor, number, reasons=reasons),
            t("pmt.done.incomplete", id=number),
        ),
    )


def completion_form(registry, actor, view) -> None:
    """The missing documents arrived: the deadline runs again."""
    key = form_key(view, "complete")
    number = view.summary.id
    with st.form(key):
        note = st.text_area(
            t("pmt.c.note"), max_chars=max_chars(AuditEntry.reason), key=f"{key}_note"
        )
        files = document_uploader(registry, f"{key}_files")
        slot = st.container()
        sent = st.form_submit_button(
            t("pmt.c.submit"), type="primary", icon=":material/playlist_add_check:"
        )
    if sent:
        attempt(
            slot,
            lambda: record_completion(
                registry,
                actor,
                number,
                note=note.strip() or None,
                documents=uploaded(files),
            ),
            t("pmt.done.complete", id=number),
        )


def decide_form(registry, actor, view) -> None:
    """Approve (with the permit or certificate number, conditions) or refuse."""
    key = form_key(view, "decide")
    summary = view.summary
    choices = [a for a in ("approve", "refuse") if a in view.actions]
    with st.form(key):
        outcome = st.radio(
            t("pmt.d.outcome"),
            choices,
            format_func=lambda o: t(f"pmt.d.{o}"),
            horizontal=True,
            key=f"{key}_outcome",
        )
        needs_number = summary.kind in KINDS_NEEDING_NUMBER
        permit_number = (
            st.text_input(
                t("pmt.d.number"),
                max_chars=max_chars(PermitApplication.permit_number),
                key=f"{key}_number",
            )
            if needs_number
            else ""
        )
        conditions = st.text_area(
            t("pmt.d.conditions"),
            max_chars=max_chars(AuditEntry.reason),
            key=f"{key}_conditions",
        )
        reasons = st.text_area(
            t("pmt.d.reasons"),
            max_chars=max_chars(AuditEntry.reason),
            key=f"{key}_reasons",
        )
        slot = st.container()
        sent = st.form_submit_button(
            t("pmt.d.submit"), type="primary", icon=":material/gavel:"
        )
    if not sent:
        return
    if outcome == "refuse":
        attempt(
            slot,
            lambda: refuse_application(registry, actor, summary.id, reasons=reasons),
            t("pmt.done.refused", id=summary.id),
        )
        return
    number = permit_number.strip()
    attempt(
        slot,
        lambda: approve_application(
            registry,
            actor,
            summary.id,
            number=number or None,
            conditions=conditions.strip() or None,
        ),
        t("pmt.done.approved", id=summary.id, number=number)
        if number
        else t("pmt.done.approved_plain", id=summary.id),
    )


def consent_form(registry, actor, view) -> None:
    """The receiving operator signs a transfer (or declines it, saying why)."""
    key = form_key(view, "consent")
    summary = view.summary
    st.caption(t("pmt.s.intro", network=operator_name(summary.network_code)))
    with st.form(key):
        answer = st.radio(
            t("pmt.s.choice"),
            [a for a in ("consent", "decline") if a in view.actions],
            format_func=lambda a: t(f"pmt.s.{a}"),
            horizontal=True,
            key=f"{key}_answer",
        )
        note = st.text_area(t("pmt.s.note"), key=f"{key}_note")
        slot = st.container()
        sent = st.form_submit_button(
            t("pmt.s.submit"), type="primary", icon=":material/signature:"
        )
    if not sent:
        return
    if answer == "decline":
        attempt(
            slot,
            lambda: decline_transfer(registry, actor, summary.id, reasons=note),
            t("pmt.done.decline", id=summary.id),
        )
        return
    attempt(
        slot,
        lambda: consent_to_transfer(
            registry, actor, summary.id, note=note.strip() or None
        ),
        t("pmt.done.consent", id=summary.id),
    )


def filing_day_form(registry, actor, view) -> None:
    """An administrator backdates the filing day (a paper application received
    earlier), with the reason; the registry checks the day and audits it."""
    key = form_key(view, "filing_day")
    number = view.summary.id
    with st.form(key):
        day = st.date_input(
            t("pmt.fd.day"),
            value=view.summary.filed_on,
            max_value=today(),
            format="DD/MM/YYYY",
            key=f"{key}_day",
        )
        reason = st.text_area(
            t("pmt.fd.reason"),
            max_chars=max_chars(AuditEntry.reason),
            key=f"{key}_reason",
        )
        slot = st.container()
        sent = st.form_submit_button(t("pmt.fd.submit"), icon=":material/event:")
    if sent:
        attempt(
            slot,
            lambda: correct_filing_day(registry, actor, number, day, reason=reason),
            t("pmt.done.filing_day", id=number),
        )


def escalate_form(registry, actor, view) -> None:
    """Refer the application to the level the matrix names, with the reason."""
    number = view.summary.id
    target = view.row.escalate_level
    _reason_form(
        view,
        "escalate",
        label="pmt.e.reason",
        submit="pmt.e.submit",
        icon=":material/north:",
        caption=t("pmt.e.to", level=level_text(target)) if target else None,
        send=lambda reason: (
            lambda: escalate_application(registry, actor, number, reason=reason),
            t("pmt.done.escalated", id=number, level=level_text(target)),
        ),
    )


def documents_form(registry, actor, view) -> None:
    """More documents for an open application."""
    key = form_key(view, "documents")
    number = view.summary.id
    with st.form(key):
        files = document_uploader(registry, f"{key}_files")
        slot = st.container()
        sent = st.form_submit_button(t("pmt.a.add_documents"), icon=":material/upload:")
    if sent:
        attempt(
            slot,
            lambda: add_documents(registry, actor, number, uploaded(files)),
            t("pmt.done.documents", id=number),
        )


def _forms(actions: tuple[str, ...]) -> list[tuple[str, Callable]]:
    """(heading key, form) of each form open to the user, in working order."""
    forms: list[tuple[str, Callable]] = []
    if "consent" in actions:
        forms.append(("pmt.act.consent", consent_form))
    if "verify" in actions:
        forms.append(("pmt.act.verify", verify_form))
    if "complete" in actions:
        forms.append(("pmt.act.complete", completion_form))
    if "approve" in actions or "refuse" in actions:
        forms.append(("pmt.act.decide", decide_form))
    if "escalate" in actions:
        forms.append(("pmt.act.escalate", escalate_form))
    if "incomplete" in actions and "verify" not in actions:
        forms.append(("pmt.act.incomplete", incomplete_form))
    if "add_documents" in actions:
        forms.append(("pmt.act.documents", documents_form))
    if "correct_filing_day" in actions:
        forms.append(("pmt.act.filing_day", filing_day_form))
    return forms


def render_actions(registry, actor, view) -> None:
    """Each form the registry says the user may use now, under its heading."""
    for heading, form in _forms(view.actions):
        st.markdown(f"**{t(heading)}**")
        form(registry, actor, view)

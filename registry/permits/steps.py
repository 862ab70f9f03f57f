"""The steps of an application: verify, report incomplete documents and their
completion, approve, refuse, escalate.

Only a user of the level the application's matrix row names for the running step
(admins act for the department), inside whose area the application lies, may act;
everyone else gets :class:`PermissionDeniedError` saying why. An incomplete notice
stops the step's clock until the applicant (or the staff) records completion; the
due date then moves on by the working days the step was paused. Approval writes
the registry record in the same transaction (:mod:`registry.permits.effects`).
Every step is one transaction with its audit entry
(:mod:`registry.permits.step_runner`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select

from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.kernel.db import Registry
from registry.kernel.errors import ConflictError, FieldError, ValidationError
from registry.kernel.models import (
    AuditEntry,
    PermitApplication,
    PermitPause,
    PermitStep,
)
from registry.kernel.vocabulary import Role
from registry.kernel.workdays import due_date, working_days_between
from registry.permits import messages as msg
from registry.permits.access import can_act, load_application
from registry.permits.documents import checked_documents, store_documents
from registry.permits.effects import apply_approval, prepare_approval
from registry.permits.matrix_versions import load_version
from registry.permits.step_runner import (
    clean_text,
    finish_step,
    run_step,
    start_step,
)
from registry.permits.views import ApplicationView, escalation_level
from registry.permits.vocabulary import (
    KINDS_NEEDING_NUMBER,
    ApplicationKind,
    ApplicationState,
    StepKind,
    StepOutcome,
)


def verify_application(
    registry: Registry,
    actor: Actor,
    application_id: int,
    *,
    site_visit_on: date | None = None,
    neighbours_opinion: str | None = None,
    note: str | None = None,
    on: date | None = None,
) -> ApplicationView:
    """Record the verification (documents complete; site visit, neighbours'
    opinions) and pass the application to the deciding level."""

    def work(session, application, step, day):
        if site_visit_on is not None and not (step.started_on <= site_visit_on <= day):
            raise ValidationError(
                [
                    FieldError(
                        "site_visit_on",
                        site_visit_on,
                        msg.SITE_VISIT_DAY,
                        start=step.started_on,
                        end=day,
                    )
                ]
            )
        remark = clean_text("note", note, AuditEntry.reason, required=False)
        finish_step(step, StepOutcome.VERIFIED, actor, day, remark)
        step.site_visit_on = site_visit_on
        step.neighbours_opinion = clean_text(
            "neighbours_opinion",
            neighbours_opinion,
            PermitStep.neighbours_opinion,
            required=False,
        )
        row = load_version(session, application.matrix_id).row(
            application.kind, application.case_key
        )
        start_step(
            session,
            application,
            StepKind.DECIDE,
            row.decide_level,
            row.decide_days,
            day,
        )
        application.state = ApplicationState.DECIDING.value
        return {"site_visit_on": site_visit_on, "next": f"decide@{row.decide_level}"}

    return run_step(
        registry,
        actor,
        application_id,
        "verify",
        on=on,
        four_eyes=True,
        expect=StepKind.VERIFY,
        work=work,
        reason=note,
    )


def report_incomplete(
    registry: Registry,
    actor: Actor,
    application_id: int,
    *,
    reasons: str,
    on: date | None = None,
) -> ApplicationView:
    """Tell the applicant what is missing: the step's clock stops from ``on``."""
    # Texts that become the audit entry's reason are held to its column.
    why = clean_text(
        "reasons", reasons, AuditEntry.reason, required=True, what=msg.MISSING_WHAT
    )

    def work(session, application, step, day):
        step.paused_since = day
        session.add(
            PermitPause(
                step_id=step.id, paused_on=day, reasons=why, paused_by=actor.username
            )
        )
        application.state = ApplicationState.INCOMPLETE.value
        return {"paused_since": day}

    return run_step(
        registry,
        actor,
        application_id,
        "incomplete",
        on=on,
        work=work,
        reason=why,
    )


def _may_complete(actor: Actor, application, units, step) -> None:
    applicant = application.filed_by == actor.username or (
        actor.role == Role.OPERATOR and application.network_code == actor.network_code
    )
    if not applicant and not can_act(actor, step.level, units):
        raise perm.PermissionDeniedError(
            msg.COMPLETION_BY,
            user=actor.username,
            action=f"record completion of application #{application.id}",
            id=application.id,
            level=step.level,
        )


def record_completion(
    registry: Registry,
    actor: Actor,
    application_id: int,
    *,
    note: str | None = None,
    documents: Sequence[tuple[str, bytes]] = (),
    on: date | None = None,
) -> ApplicationView:
    """The missing documents arrived on ``on``: the clock resumes, and the due
    date moves on by the working days the step was paused."""
    docs = checked_documents(registry, documents)

    def work(session, application, step, day):
        paused = working_days_between(step.paused_since, day)
        open_pauses = session.scalars(
            select(PermitPause).where(
                PermitPause.step_id == step.id, PermitPause.resumed_on.is_(None)
            )
        )
        for row in open_pauses:
            row.resumed_on, row.resumed_by = day, actor.username
            row.completion_note = clean_text(
                "note", note, AuditEntry.reason, required=False
            )
        step.paused_days += paused
        step.paused_since = None
        step.due_on = due_date(step.started_on, step.days, step.paused_days)
        stored = store_documents(session, actor.username, application.id, docs)
        application.state = (
            ApplicationState.VERIFYING
            if step.kind == StepKind.VERIFY
            else ApplicationState.DECIDING
        ).value
        return {
            "paused_working_days": paused,
            "due_on": step.due_on,
            "documents": [d.filename for d in stored],
        }

    return run_step(
        registry,
        actor,
        application_id,
        "complete",
        on=on,
        paused=True,
        work=work,
        reason=note,
        check=_may_complete,
    )


def approve_application(
    registry: Registry,
    actor: Actor,
    application_id: int,
    *,
    number: str | None = None,
    conditions: str | None = None,
    on: date | None = None,
) -> ApplicationView:
    """Approve: the registry record is created or changed in the same transaction,
    with the permit or certificate ``number`` (required except for decommissioning
    and revocation, where it is the decision's number if given)."""
    with registry.reading() as session:
        application = load_application(session, application_id)
        kind = ApplicationKind(application.kind)
    number = clean_text(
        "number",
        number,
        PermitApplication.permit_number,
        required=kind in KINDS_NEEDING_NUMBER,
        what=msg.PERMIT_NUMBER,
    )
    wanted = clean_text("conditions", conditions, AuditEntry.reason, required=False)
    prepared = prepare_approval(registry, actor, application_id, number, on)

    def work(session, application, step, day):
        if application.version != prepared.application_version:
            raise ConflictError(msg.APPLICATION_CHANGED, id=application.id)
        effect = apply_approval(session, actor, application, prepared, day)
        finish_step(step, StepOutcome.APPROVED, actor, day, wanted)
        application.state = ApplicationState.APPROVED.value
        application.decided_on = day
        application.permit_number = number
        application.conditions = wanted
        return {"permit_number": number, "conditions": wanted, **effect}

    return run_step(
        registry,
        actor,
        application_id,
        "approve",
        on=on,
        four_eyes=True,
        expect=StepKind.DECIDE,
        work=work,
        reason=wanted,
    )


def refuse_application(
    registry: Registry,
    actor: Actor,
    application_id: int,
    *,
    reasons: str,
    on: date | None = None,
) -> ApplicationView:
    """Refuse, with the reasons; the registry is not changed."""
    why = clean_text(
        "reasons",
        reasons,
        AuditEntry.reason,
        required=True,
        what=msg.REFUSAL_REASONS,
    )

    def work(session, application, step, day):
        finish_step(step, StepOutcome.REFUSED, actor, day, why)
        application.state = ApplicationState.REFUSED.value
        application.decided_on = day
        application.refusal_reasons = why
        return {"refusal_reasons": why}

    return run_step(
        registry,
        actor,
        application_id,
        "refuse",
        on=on,
        four_eyes=True,
        expect=StepKind.DECIDE,
        work=work,
        reason=why,
    )


def escalate_application(
    registry: Registry,
    actor: Actor,
    application_id: int,
    *,
    reason: str,
    on: date | None = None,
) -> ApplicationView:
    """Refer the decision to the level the matrix names above the decider (once)."""
    why = clean_text(
        "reason", reason, AuditEntry.reason, required=True, what=msg.REFERRAL_REASON
    )

    def work(session, application, step, day):
        row = load_version(session, application.matrix_id).row(
            application.kind, application.case_key
        )
        target = escalation_level(row, step)
        if target is None:
            raise ConflictError(
                msg.NO_ESCALATION,
                id=application.id,
                level=step.level,
                kind=application.kind,
                case=application.case_key,
            )
        finish_step(step, StepOutcome.ESCALATED, actor, day, why)
        start_step(
            session, application, StepKind.DECIDE, target, row.escalate_days, day
        )
        return {"next": f"decide@{target}"}

    return run_step(
        registry,
        actor,
        application_id,
        "escalate",
        on=on,
        expect=StepKind.DECIDE,
        work=work,
        reason=why,
    )

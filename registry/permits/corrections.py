"""Correcting an application's filing day (backdating), for administrators only.

The service sets the filing day from the registry's clock; when a paper
application was received earlier than it was entered, an administrator corrects
the day, saying why, in an audited step. The correction is possible while the
application is still at its first step (nothing decided or verified yet) and keeps
the delegation matrix version: a day on which another version was in force is
refused (file the application again instead). The first step's start and
deadline move with the filing day (a transfer's first step starts at the
signature, which the correction does not move).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from registry.access.permissions import Actor
from registry.kernel.audit import record_audit
from registry.kernel.clock import now, today
from registry.kernel.db import Registry
from registry.kernel.errors import (
    ConflictError,
    FieldError,
    PermissionDeniedError,
    ValidationError,
)
from registry.kernel.models import AuditEntry, PermitStep
from registry.kernel.vocabulary import Role
from registry.kernel.workdays import due_date
from registry.permits import messages as msg
from registry.permits.access import ENTITY, load_application
from registry.permits.matrix_versions import version_in_force
from registry.permits.step_runner import clean_text
from registry.permits.views import ApplicationView, build_view
from registry.permits.vocabulary import ApplicationKind


def _latest(application, steps: list[PermitStep]) -> date:
    """The latest filing day possible: today, and not after the first step's
    pause or (a transfer) the signature."""
    latest = today()
    first = steps[0] if steps else None
    if first is not None and first.paused_since is not None:
        latest = min(latest, first.paused_since)
    if application.consented_on is not None:
        latest = min(latest, application.consented_on)
    return latest


def correct_filing_day(
    registry: Registry,
    actor: Actor,
    application_id: int,
    filed_on: date,
    *,
    reason: str,
) -> ApplicationView:
    """Set the filing day of an application still at its first step to
    ``filed_on`` (administrators only; audited with ``reason``)."""
    if actor.role != Role.ADMIN:
        raise PermissionDeniedError(
            msg.CORRECTION_BY,
            user=actor.username,
            action=f"correct the filing day of application #{application_id}",
            role=actor.role.value,
        )
    why = clean_text(
        "reason", reason, AuditEntry.reason, required=True, what=msg.CORRECTION_REASON
    )
    with registry.transaction() as session:
        application = load_application(session, application_id, for_update=True)
        steps = session.scalars(
            select(PermitStep)
            .where(PermitStep.application_id == application.id)
            .order_by(PermitStep.id)
        ).all()
        if len(steps) > 1 or any(s.finished_on is not None for s in steps):
            raise ConflictError(msg.FILING_DAY_FIXED, id=application.id)
        latest = _latest(application, steps)
        if not isinstance(filed_on, date) or filed_on > latest:
            raise ValidationError(
                [FieldError("filed_on", filed_on, msg.CORRECTED_DAY, latest=latest)]
            )
        matrix = version_in_force(session, filed_on)
        if matrix.id != application.matrix_id:
            raise ConflictError(
                msg.FILING_DAY_MATRIX,
                id=application.id,
                day=filed_on,
                other=matrix.id,
                matrix=application.matrix_id,
            )
        before = {"filed_on": application.filed_on}
        application.filed_on = filed_on
        first = steps[0] if steps else None
        if first is not None and application.kind != ApplicationKind.BTS_TRANSFER:
            before["step_started_on"] = first.started_on
            first.started_on = filed_on
            first.due_on = due_date(filed_on, first.days, first.paused_days)
        application.updated_at = now()
        application.version += 1
        session.flush()
        record_audit(
            session,
            actor.username,
            "correct_filing_day",
            ENTITY,
            application.id,
            before=before,
            after={
                "filed_on": filed_on,
                "due_on": first.due_on if first is not None else None,
            },
            reason=why,
        )
        return build_view(session, actor, application, today())

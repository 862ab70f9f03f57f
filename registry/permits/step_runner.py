"""The machinery every step use case shares: load the application with a lock,
check its state and the actor's level and area, run the step's work on a checked
date, bump the version and write the audit entry, all in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.kernel.audit import record_audit
from registry.kernel.clock import now, today
from registry.kernel.db import Registry
from registry.kernel.errors import ConflictError, FieldError, Message, ValidationError
from registry.kernel.models import PermitApplication, PermitStep
from registry.kernel.text import validated_text
from registry.kernel.workdays import add_working_days
from registry.permits import messages as msg
from registry.permits.access import (
    ENTITY,
    application_units,
    load_application,
    open_step,
    require_act,
    require_see,
)
from registry.permits.four_eyes import require_four_eyes
from registry.permits.matrix import MatrixRow
from registry.permits.views import ApplicationView, build_view
from registry.permits.vocabulary import ApplicationState, StepKind, StepOutcome

Work = Callable[[Session, PermitApplication, PermitStep, date], dict]


def clean_text(
    name: str, value: object, column, *, required: bool, what: Message | None = None
) -> str | None:
    """Text checked for ``column`` (:func:`registry.kernel.text.checked_text`),
    None when empty; a ValidationError saying ``what`` is expected when it is
    required and empty, or what is wrong with it."""
    return validated_text(name, value, column, required=required, missing=what)


def step_day(on: date | None, step: PermitStep) -> date:
    """The day a step is acted on: from its start (or pause) to today."""
    day = on or today()
    earliest = step.paused_since or step.started_on
    if not isinstance(day, date) or day > today() or day < earliest:
        raise ValidationError(
            [FieldError("on", on, msg.STEP_DAY, earliest=earliest, today=today())]
        )
    return day


def running_step(session: Session, application: PermitApplication) -> PermitStep:
    """The open step, or ConflictError when the application is decided (or, a
    transfer, still waits for the receiving operator's signature)."""
    if application.state == ApplicationState.AWAITING_CONSENT:
        raise ConflictError(
            msg.CONSENT_NEEDED,
            id=application.id,
            network=application.receiving_network,
        )
    step = open_step(session, application.id)
    if step is None:
        raise ConflictError(
            msg.NOTHING_LEFT, id=application.id, state=application.state
        )
    return step


def start_step(session: Session, application, kind: StepKind, level: str, days, day):
    """Open a step at ``level`` due ``days`` working days after ``day``."""
    session.add(
        PermitStep(
            application_id=application.id,
            kind=kind.value,
            level=level,
            started_on=day,
            days=days,
            due_on=add_working_days(day, days),
            paused_days=0,
        )
    )


def first_step_state(row: MatrixRow) -> ApplicationState:
    """The state an application enters with its first step: verifying, or
    deciding when the matrix row names no verification."""
    if row.verify_level:
        return ApplicationState.VERIFYING
    return ApplicationState.DECIDING


def start_first_step(
    session: Session, application: PermitApplication, row: MatrixRow, day: date
) -> str:
    """Open the first step the matrix row names from ``day`` and set the
    application's state; returns the step as ``kind@level``."""
    if row.verify_level:
        kind, level, days = StepKind.VERIFY, row.verify_level, row.verify_days
    else:
        kind, level, days = StepKind.DECIDE, row.decide_level, row.decide_days
    start_step(session, application, kind, level, days, day)
    application.state = first_step_state(row).value
    return f"{kind.value}@{level}"


def finish_step(
    step: PermitStep, outcome: StepOutcome, actor: Actor, day: date, note: str | None
) -> None:
    """Close a step with its outcome, day, actor and note."""
    step.finished_on = day
    step.outcome = outcome.value
    step.acted_by = actor.username
    step.note = note


def run_step(
    registry: Registry,
    actor: Actor,
    application_id: int,
    action: str,
    *,
    on: date | None,
    work: Work,
    expect: StepKind | None = None,
    paused: bool = False,
    reason: str | None = None,
    check: Callable[[Actor, PermitApplication, dict, PermitStep], None] | None = None,
    four_eyes: bool = False,
) -> ApplicationView:
    """One step use case: load, check state and actor, do ``work``, audit.

    The running step must be of kind ``expect`` (any kind when None) and paused
    exactly when ``paused``. With ``four_eyes``, the filer may not take the step,
    nor (a decision) a verifier (:mod:`registry.permits.four_eyes`)."""
    with registry.transaction() as session:
        application = load_application(session, application_id, for_update=True)
        require_see(session, actor, application)
        step = running_step(session, application)
        units = application_units(session, application.id)
        if check is None:
            grant = perm.DECIDE if step.kind == StepKind.DECIDE else perm.VERIFY
            require_act(actor, grant, step.level, units, application.id)
        else:
            check(actor, application, units, step)
        if expect is not None and step.kind != expect:
            raise ConflictError(
                msg.OTHER_STEP,
                id=application.id,
                step=step.kind,
                level=step.level,
                wanted=expect.value,
            )
        if four_eyes:
            trail = session.scalars(
                select(PermitStep).where(PermitStep.application_id == application.id)
            )
            require_four_eyes(actor, application, step.kind, trail)
        if paused != (step.paused_since is not None):
            raise ConflictError(
                msg.NOT_PAUSED if paused else msg.PAUSED, id=application.id
            )
        day = step_day(on, step)
        before = {"state": application.state, "step": f"{step.kind}@{step.level}"}
        after = work(session, application, step, day)
        application.updated_at = now()
        application.version += 1
        session.flush()
        record_audit(
            session,
            actor.username,
            action,
            ENTITY,
            application.id,
            before=before,
            after={"state": application.state, "on": day, **after},
            reason=reason,
        )
        return build_view(session, actor, application, day)

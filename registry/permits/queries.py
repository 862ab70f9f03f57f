"""Reading applications: one application with its whole trail, lists, inboxes.

Visibility follows :mod:`registry.permits.access`: operators see their network's
applications, commune and district staff their area's, the department and admins
everything. An inbox, on a given day, holds what waits for the actor's level in the
actor's area, what of that is overdue, what the actor filed, and the overdue steps
of the level below (a district sees its communes'; the department everyone's).
An operator's inbox also holds the transfers its network is asked to sign.
The returned dataclasses are defined in :mod:`registry.permits.views`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.kernel.clock import today
from registry.kernel.db import Registry
from registry.kernel.models import PermitApplication, PermitStep
from registry.kernel.vocabulary import Role
from registry.permits.access import (
    SUBJECT,
    can_act,
    holding_units,
    load_application,
    may_see,
)
from registry.permits.views import (
    ApplicationSummary,
    ApplicationView,
    FindingInfo,
    Inbox,
    LoadedApplications,
    PauseInfo,
    StepInfo,
    build_view,
)
from registry.permits.vocabulary import OPEN_STATES, ApplicationState, Level, level_of


def get_application(
    registry: Registry, actor: Actor, application_id: int, *, on: date | None = None
) -> ApplicationView:
    """One application with its steps, pauses, findings, documents, audit trail,
    matrix version and row, and what the actor may do now (``on``: for overdue)."""
    with registry.reading() as session:
        application = load_application(session, application_id)
        return build_view(session, actor, application, on or today())


def _visible(
    session: Session, actor: Actor, query
) -> tuple[LoadedApplications, list[PermitApplication]]:
    applications = session.scalars(query.order_by(PermitApplication.id.desc())).all()
    loaded = LoadedApplications(session, list(applications))
    shown = [a for a in applications if may_see(actor, a, loaded.units[a.id])]
    return loaded, shown


def list_applications(
    registry: Registry,
    actor: Actor,
    *,
    states: Sequence[str] | None = None,
    kinds: Sequence[str] | None = None,
    on: date | None = None,
) -> list[ApplicationSummary]:
    """The applications the actor may see, newest first, optionally filtered."""
    perm.require(actor, perm.READ, SUBJECT)
    query = select(PermitApplication)
    if states:
        query = query.where(PermitApplication.state.in_(list(states)))
    if kinds:
        query = query.where(PermitApplication.kind.in_(list(kinds)))
    day = on or today()
    with registry.reading() as session:
        loaded, shown = _visible(session, actor, query)
        return [loaded.summary(a, day) for a in shown]


def _below(actor: Actor, step: PermitStep, units: dict) -> bool:
    """An overdue step of a level below the actor's, inside the actor's area."""
    mine = level_of(actor.role)
    if mine is None or step.level == mine:
        return False
    order = [Level.COMMUNE, Level.DISTRICT, Level.DEPARTMENT]
    if order.index(Level(step.level)) >= order.index(mine):
        return False
    return mine == Level.DEPARTMENT or perm.in_scope(actor, units)


def _applicant(actor: Actor, application: PermitApplication) -> bool:
    return application.filed_by == actor.username or (
        actor.role == Role.OPERATOR and application.network_code == actor.network_code
    )


def _to_sign(actor: Actor, application: PermitApplication) -> bool:
    """A transfer waiting for the signature of the actor's operator."""
    return (
        application.state == ApplicationState.AWAITING_CONSENT
        and actor.role == Role.OPERATOR
        and application.receiving_network == actor.network_code
    )


def _by_due(summary: ApplicationSummary) -> tuple[date, int]:
    return (summary.due_on or date.max, summary.id)


def inbox(registry: Registry, actor: Actor, *, on: date | None = None) -> Inbox:
    """What waits for the actor, what is overdue, what they filed, and the overdue
    steps of the level below, on ``on`` (default today). An application waiting
    for missing documents waits for its applicant, not for the staff."""
    perm.require(actor, perm.READ, SUBJECT)
    day = on or today()
    query = select(PermitApplication).where(
        PermitApplication.state.in_([s.value for s in OPEN_STATES])
        | (PermitApplication.filed_by == actor.username)
    )
    waiting, overdue, filed, below = [], [], [], []
    with registry.reading() as session:
        loaded, shown = _visible(session, actor, query)
        for application in shown:
            summary = loaded.summary(application, day)
            if application.filed_by == actor.username:
                filed.append(summary)
            if _to_sign(actor, application):
                waiting.append(summary)
            step = loaded.open.get(application.id)
            if step is None:
                continue
            units = holding_units(application.filed_on, loaded.units[application.id])
            if application.state == ApplicationState.INCOMPLETE and _applicant(
                actor, application
            ):
                # The missing documents are the applicant's to bring.
                waiting.append(summary)
            elif can_act(actor, step.level, units):
                if application.state != ApplicationState.INCOMPLETE:
                    waiting.append(summary)
                if summary.overdue:
                    overdue.append(summary)
            elif summary.overdue and _below(actor, step, units):
                below.append(summary)
    return Inbox(
        sorted(waiting, key=_by_due),
        sorted(overdue, key=_by_due),
        filed,
        sorted(below, key=_by_due),
    )


__all__ = [
    "ApplicationSummary",
    "ApplicationView",
    "FindingInfo",
    "Inbox",
    "LoadedApplications",
    "PauseInfo",
    "StepInfo",
    "build_view",
    "get_application",
    "inbox",
    "list_applications",
]

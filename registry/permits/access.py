"""Loading applications and deciding who may see them and act on them.

Seeing: the department and admins see every application; an operator those of
its network (and the transfers its network is to receive); commune and district
staff those whose position lies in their area; anyone the applications they
filed. Acting on a step: the role of the step's level (admins also act for the
department) and, below the department, an area that contains the application.

Which areas hold a case depends on its filing date (:func:`holding_units`): a case
filed before 1/7/2025 is held by the units of both editions (the huyện/xã then in
force and the communes that took over from them), one filed since by the commune of
the 2025-07 edition only, so that an abolished ward and its successor never both
act on one file.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from geodata.editions import DEFAULT_EDITION as LEGACY_EDITION
from geodata.editions import edition_on
from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.kernel.clock import today
from registry.kernel.db import MAX_ROW_ID, load_row
from registry.kernel.errors import PermissionDeniedError
from registry.kernel.models import (
    PermitApplication,
    PermitApplicationUnit,
    PermitStep,
    UnitAssignment,
)
from registry.kernel.vocabulary import Role
from registry.permits import messages as msg
from registry.permits.vocabulary import ROLES_OF_LEVEL, Level, permit_label

SUBJECT = "application"
ENTITY = "permit_application"


def load_application(
    session: Session, application_id: int, *, for_update: bool = False
) -> PermitApplication:
    """The application, or :class:`NotFoundError` (row locked on PostgreSQL)."""
    return load_row(
        session,
        PermitApplication,
        int(application_id),
        msg.APPLICATION_NOT_FOUND,
        for_update=for_update,
    )


def holding_units(filed_on: date, units: dict) -> dict:
    """The part of ``units`` (edition -> (commune, district)) whose staff hold a
    case filed on ``filed_on``.

    Filed while the legacy huyện/xã edition was in force: every edition, as
    before the 2025 reform (its old offices and the communes that took over from
    them). Filed since a later edition came into force (2025-07 from 1/7/2025):
    that edition's units only, so an abolished commune no longer holds it.
    """
    edition = edition_on(filed_on).key
    if edition == LEGACY_EDITION:
        return dict(units)
    return {key: value for key, value in units.items() if key == edition}


def application_units(session: Session, application_id: int) -> dict:
    """edition -> (commune code, district code) of the units that hold an
    application (its position's units, by its filing date: :func:`holding_units`)."""
    rows = session.scalars(
        select(PermitApplicationUnit).where(
            PermitApplicationUnit.application_id == application_id
        )
    )
    units = {r.edition: (r.commune_code, r.district_code) for r in rows}
    filed_on = session.scalar(
        select(PermitApplication.filed_on).where(PermitApplication.id == application_id)
    )
    return units if filed_on is None else holding_units(filed_on, units)


def may_see(actor: Actor, application: PermitApplication, units: dict) -> bool:
    """Whether the actor may read the application (see the module's rules)."""
    if not perm.allowed(actor, perm.READ, SUBJECT):
        return False
    if application.filed_by == actor.username or actor.role in (
        Role.ADMIN,
        Role.DEPARTMENT,
    ):
        return True
    if actor.role == Role.OPERATOR:
        return actor.network_code is not None and actor.network_code in (
            application.network_code,
            application.receiving_network,
        )
    return perm.in_scope(actor, holding_units(application.filed_on, units))


def require_see(session: Session, actor: Actor, application: PermitApplication) -> dict:
    """Refuse unless the actor may read the application; returns its units."""
    perm.require(actor, perm.READ, SUBJECT)
    units = application_units(session, application.id)
    if not may_see(actor, application, units):
        action = "read this application"
        if actor.role == Role.OPERATOR:
            raise PermissionDeniedError(
                msg.NOT_THEIR_NETWORK,
                user=actor.username,
                action=action,
                id=application.id,
                own=actor.network_code,
            )
        raise perm.outside_area(
            actor, action, f"application #{application.id}", msg.OUTSIDE_AREA
        )
    return units


def require_record_in_area(
    session: Session, actor: Actor, record_type: str, record_id: int | None
) -> None:
    """Refuse an application on an existing record to whoever may not read such
    records (operators and points), and to commune and district staff when the
    record lies outside their area, before anything about the record (retired,
    its state, an open application) is told. A record that does not exist is
    left to the loading that says so."""
    perm.require(actor, perm.READ, record_type)
    if actor.role not in (Role.COMMUNE, Role.DISTRICT) or record_id is None:
        return
    if not 1 <= int(record_id) <= MAX_ROW_ID:
        return
    rows = session.scalars(
        select(UnitAssignment).where(
            UnitAssignment.record_type == record_type,
            UnitAssignment.record_id == int(record_id),
        )
    )
    units = {r.edition: (r.commune_code, r.district_code) for r in rows}
    # The application would be filed today: only the offices holding it may.
    if units and not perm.in_scope(actor, holding_units(today(), units)):
        raise perm.outside_area(
            actor,
            "record an application here",
            f"{record_type} #{record_id}",
            msg.OUTSIDE_AREA,
        )


def open_step(session: Session, application_id: int) -> PermitStep | None:
    """The step that is running (or paused), if any."""
    return session.scalar(
        select(PermitStep)
        .where(
            PermitStep.application_id == application_id,
            PermitStep.finished_on.is_(None),
        )
        .order_by(PermitStep.id.desc())
        .limit(1)
    )


def can_act(actor: Actor, level: str, units: dict) -> bool:
    """Whether the actor acts for ``level`` at a place with these units."""
    if actor.role not in ROLES_OF_LEVEL[Level(level)]:
        return False
    if Level(level) == Level.DEPARTMENT:
        return True
    return perm.in_scope(actor, units)


def require_act(
    actor: Actor, action: str, level: str, units: dict, application_id: int
) -> None:
    """Refuse, saying why, unless the actor acts for ``level`` where it lies."""
    doing = f"{action} application #{application_id}"
    perm.require(actor, action, SUBJECT)
    roles = ROLES_OF_LEVEL[Level(level)]
    if actor.role not in roles:
        raise PermissionDeniedError(
            msg.STEP_OF_LEVEL,
            user=actor.username,
            action=doing,
            level=level,
            level_vi=permit_label(level),
            role=actor.role.value,
        )
    if not can_act(actor, level, units):
        raise perm.outside_area(actor, doing, "the application", msg.OUTSIDE_AREA)

"""Removing the demo data set: the registry leaves the demo for good.

The demo's records are generated, not anyone's work, so they are deleted (not
retired) with what hangs on them: status histories, unit assignments, inspections
of demo points, the demo's permit applications (those filed by demo accounts or
about demo records) and the records their approval wrote, and the demo schools.
The audit log is never touched: the removal adds its own entry with the counts.
The demo accounts are disabled and the registry is marked as out of the demo, so a
restart does not fill the demo in again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, or_, select

from registry.access import permissions as perm
from registry.access.demo_accounts import leave_demo
from registry.access.permissions import Actor
from registry.demo.load import DEMO_SOURCE
from registry.kernel.audit import record_audit
from registry.kernel.db import Registry
from registry.kernel.models import (
    BtsSite,
    Inspection,
    InspectionItem,
    PermitApplication,
    PermitApplicationUnit,
    PermitDocument,
    PermitFinding,
    PermitPause,
    PermitStep,
    Photo,
    PublicPoint,
    School,
    StatusEntry,
    UnitAssignment,
    User,
    Violation,
)


@dataclass(frozen=True)
class RemovalReport:
    """What the removal deleted and which demo accounts it disabled."""

    sites: int
    points: int
    applications: int
    inspections: int
    schools: int
    accounts_disabled: list[str] = field(default_factory=list)


# Ids per IN (...) list: well under the bound parameters SQLite and PostgreSQL
# accept in one statement, whatever the size of the demo.
_CHUNK = 1000


def _ids(session, statement) -> list[int]:
    return list(session.scalars(statement))


def _delete_where_in(session, table, column, ids, *extra) -> None:
    """Delete the rows of ``table`` whose ``column`` is one of ``ids``, in chunks."""
    ids = sorted(ids)
    for start in range(0, len(ids), _CHUNK):
        session.execute(
            delete(table).where(column.in_(ids[start : start + _CHUNK]), *extra)
        )


def _select_where_in(session, column, key, ids) -> list[int]:
    """``column`` of the rows whose ``key`` is one of ``ids``, in chunks."""
    ids, found = sorted(ids), []
    for start in range(0, len(ids), _CHUNK):
        found += _ids(
            session, select(column).where(key.in_(ids[start : start + _CHUNK]))
        )
    return found


def remove_demo(
    registry: Registry, actor: Actor, *, reason: str = "demo removed"
) -> RemovalReport:
    """Delete the demo data set, disable the demo accounts, leave the demo.

    Needs the manage-users right (the demo's accounts go with it). Records that
    are not the demo's (imported, entered) stay. Safe to run again.
    """
    perm.require(actor, perm.MANAGE_USERS, "system")
    with registry.transaction() as session:
        demo_users = list(
            session.scalars(select(User.username).where(User.demo_account))
        )
        site_ids = set(
            _ids(session, select(BtsSite.id).where(BtsSite.source == DEMO_SOURCE))
        )
        point_ids = set(
            _ids(
                session, select(PublicPoint.id).where(PublicPoint.source == DEMO_SOURCE)
            )
        )
        demo_sites = select(BtsSite.id).where(BtsSite.source == DEMO_SOURCE)
        demo_points = select(PublicPoint.id).where(PublicPoint.source == DEMO_SOURCE)
        applications = session.execute(
            select(
                PermitApplication.id,
                PermitApplication.site_id,
                PermitApplication.point_id,
            ).where(
                or_(
                    PermitApplication.filed_by.in_(demo_users),
                    PermitApplication.site_id.in_(demo_sites),
                    PermitApplication.point_id.in_(demo_points),
                )
            )
        ).all()
        application_ids = [a.id for a in applications]
        # Records an approved demo application wrote are the demo's too.
        site_ids |= {a.site_id for a in applications if a.site_id is not None}
        point_ids |= {a.point_id for a in applications if a.point_id is not None}
        inspection_ids = _select_where_in(
            session, Inspection.id, Inspection.point_id, point_ids
        )
        for table in (InspectionItem, Violation, Photo):
            _delete_where_in(session, table, table.inspection_id, inspection_ids)
        _delete_where_in(session, Inspection, Inspection.id, inspection_ids)
        step_ids = _select_where_in(
            session, PermitStep.id, PermitStep.application_id, application_ids
        )
        _delete_where_in(session, PermitPause, PermitPause.step_id, step_ids)
        for table in (PermitStep, PermitFinding, PermitDocument, PermitApplicationUnit):
            _delete_where_in(session, table, table.application_id, application_ids)
        _delete_where_in(
            session, PermitApplication, PermitApplication.id, application_ids
        )
        for record_type, table, ids in (
            ("site", BtsSite, site_ids),
            ("point", PublicPoint, point_ids),
        ):
            kind = StatusEntry.record_type == record_type
            _delete_where_in(session, StatusEntry, StatusEntry.record_id, ids, kind)
            kind = UnitAssignment.record_type == record_type
            _delete_where_in(
                session, UnitAssignment, UnitAssignment.record_id, ids, kind
            )
            _delete_where_in(session, table, table.id, ids)
        schools = session.execute(delete(School).where(School.source == DEMO_SOURCE))
        report = RemovalReport(
            sites=len(site_ids),
            points=len(point_ids),
            applications=len(application_ids),
            inspections=len(inspection_ids),
            schools=schools.rowcount or 0,
        )
        record_audit(
            session,
            actor.username,
            "remove_demo",
            "dataset",
            "demo_data",
            before={
                "sites": report.sites,
                "points": report.points,
                "applications": report.applications,
                "inspections": report.inspections,
                "schools": report.schools,
            },
            after=None,
            reason=reason,
        )
        disabled = leave_demo(session, actor.username, reason)
    return RemovalReport(**{**vars(report), "accounts_disabled": disabled})

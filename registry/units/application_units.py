"""The units an application's position falls in, per edition.

Written when an application is filed, and again, for every application, when a
boundary import replaces polygons (:mod:`registry.units.boundaries`), so that who may
see and act on an application follows the official boundaries like the records.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from registry.kernel.db import Registry
from registry.kernel.models import PermitApplication, PermitApplicationUnit
from registry.units.divisions import Assignment, assign


def store_units(session: Session, ids: list[int], where: Assignment) -> None:
    """Replace the units of the given applications (in ``where``'s order)."""
    session.execute(
        delete(PermitApplicationUnit).where(
            PermitApplicationUnit.application_id.in_(ids)
        )
    )
    session.add_all(
        PermitApplicationUnit(
            application_id=application_id,
            edition=edition,
            commune_code=commune,
            district_code=district,
        )
        for position, application_id in enumerate(ids)
        for edition, (commune, district) in where.units_of(position).items()
    )


def plan_applications(
    registry: Registry, session: Session, replacing
) -> tuple[list[int], Assignment | None]:
    """Every application's id and units with the polygons of a boundary import
    (``replacing``: edition -> commune polygons), nothing written."""
    rows = session.execute(
        select(
            PermitApplication.id,
            PermitApplication.latitude,
            PermitApplication.longitude,
        ).order_by(PermitApplication.id)
    ).all()
    if not rows:
        return [], None
    where = assign(
        registry,
        [row.latitude for row in rows],
        [row.longitude for row in rows],
        replacing=replacing,
    )
    return [row.id for row in rows], where


def reassign_applications(registry: Registry, session: Session, replacing) -> int:
    """Assign every application again with the polygons of a boundary import
    (``replacing``: edition -> commune polygons); returns how many."""
    ids, where = plan_applications(registry, session, replacing)
    if ids:
        store_units(session, ids, where)
    return len(ids)

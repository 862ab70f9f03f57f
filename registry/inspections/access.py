"""Loading inspections and checking that they lie in the actor's jurisdiction.

An inspection belongs where its point lies: the units of the point (every edition)
decide who may read or change it, exactly as for the point itself.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.inspections import messages as msg
from registry.kernel.db import load_row
from registry.kernel.models import Inspection, UnitAssignment

SUBJECT = "inspection"


def point_units(session: Session, point_id: int) -> dict:
    """edition -> (commune code, district code) of a public point."""
    rows = session.scalars(
        select(UnitAssignment).where(
            UnitAssignment.record_type == "point",
            UnitAssignment.record_id == point_id,
        )
    )
    return {r.edition: (r.commune_code, r.district_code) for r in rows}


def load_inspection(
    session: Session, inspection_id: int, *, for_update: bool = False
) -> Inspection:
    """The inspection, or :class:`NotFoundError`.

    ``for_update`` locks the row on PostgreSQL, so two people changing the same
    inspection at once are applied one after the other.
    """
    return load_row(
        session,
        Inspection,
        int(inspection_id),
        msg.INSPECTION_NOT_FOUND,
        for_update=for_update,
    )


def require_point_scope(
    session: Session, actor: Actor, point_id: int, doing: str
) -> dict:
    """Refuse when the point lies outside the actor's area; returns its units."""
    units = point_units(session, point_id)
    perm.require_in_scope(actor, doing, units, what=f"point #{point_id}")
    return units


def require_inspection_scope(
    session: Session, actor: Actor, inspection: Inspection, doing: str
) -> dict:
    """Refuse when the inspection's point lies outside the actor's area."""
    units = point_units(session, inspection.point_id)
    perm.require_in_scope(
        actor,
        doing,
        units,
        what=f"inspection #{inspection.id} (point #{inspection.point_id})",
    )
    return units

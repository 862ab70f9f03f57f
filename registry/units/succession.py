"""Which unit took over a user's area when the 2025 reform abolished it.

A commune user whose area is a commune of the 2025-06 edition, once the 2025-07
edition is in force, is told that the commune no longer exists and which 2025-07
commune(s) absorbed it (the crosswalk of :mod:`geodata.crosswalk`, stored in
``unit_crosswalk``); a district user that the huyện level ended on 1/7/2025.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from geodata.editions import DEFAULT_EDITION as LEGACY_EDITION
from geodata.editions import edition_on
from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.kernel.clock import today
from registry.kernel.db import Registry
from registry.kernel.models import AdminUnit, UnitCrosswalk


@dataclass(frozen=True)
class Succession:
    """An abolished area and the units of the edition in force that took it over."""

    level: str  # "commune" or "district"
    old_name: str
    edition: str  # the edition in force, whose units took over
    since: date  # the day that edition came into force
    successors: tuple[str, ...]  # their names, the default successor first


def area_succession(
    registry: Registry, actor: Actor, *, on: date | None = None
) -> Succession | None:
    """The succession of the actor's area on ``on`` (default today), or None when
    the area still exists in the edition in force (or the actor has none)."""
    day = on or today()
    in_force = edition_on(day)
    if (
        actor.area_edition != LEGACY_EDITION
        or actor.area_level not in ("commune", "district")
        or in_force.key == LEGACY_EDITION
    ):
        return None
    perm.require(actor, perm.READ, "site")
    with registry.reading() as session:
        old = session.get(
            AdminUnit, (actor.area_edition, actor.area_level, actor.area_code)
        )
        if old is None:
            return None
        if actor.area_level == "commune":
            old_codes = [old.code]
        else:
            old_codes = list(
                session.scalars(
                    select(AdminUnit.code).where(
                        AdminUnit.edition == LEGACY_EDITION,
                        AdminUnit.level == "commune",
                        AdminUnit.parent_code == old.code,
                    )
                )
            )
        rows = session.execute(
            select(AdminUnit.name, UnitCrosswalk.is_default)
            .join(UnitCrosswalk, UnitCrosswalk.new_code == AdminUnit.code)
            .where(
                UnitCrosswalk.old_code.in_(old_codes),
                AdminUnit.edition == in_force.key,
                AdminUnit.level == "commune",
            )
        ).all()
    defaults = {name for name, default in rows if default}
    names = sorted({name for name, _ in rows}, key=lambda n: (n not in defaults, n))
    return Succession(
        level=actor.area_level,
        old_name=old.name,
        edition=in_force.key,
        since=in_force.valid_from,
        successors=tuple(names),
    )

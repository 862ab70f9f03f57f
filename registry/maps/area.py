"""The area a map shows: the actor's own units, in the edition and level chosen.

A district officer sees the communes of their district, a commune officer their
commune; the department, viewers and operators the whole province. When the map's
edition is not the one the actor's area is defined in (the 2025-07 communes for a
2025-06 district), the units are those that mostly lie inside the area
(:func:`geodata.map_area.units_in_area`).
"""

from __future__ import annotations

from geodata.editions import get_edition
from geodata.map_area import units_in_area
from geodata.storage import GeoFrame
from registry.access.permissions import Actor
from registry.kernel.db import Registry
from registry.units.divisions import unit_polygons


def default_level(actor: Actor, edition: str) -> str:
    """The level a map opens at: communes for area-bound users (the units inside
    their area), the largest level of the edition for everyone else."""
    levels = get_edition(edition).levels
    if actor.area_level and "commune" in levels:
        return "commune"
    return levels[0]


def area_units(registry: Registry, actor: Actor, edition: str, level: str) -> GeoFrame:
    """The units of ``edition`` and ``level`` that make up the actor's area
    (every unit for actors not bound to an area)."""
    units = unit_polygons(registry, edition, level)
    if not actor.area_level or not actor.area_code:
        return units
    if actor.area_edition == edition:
        if level == actor.area_level:
            return units[units["code"] == actor.area_code]
        if actor.area_level == "district" and level == "commune":
            return units[units["parent_code"] == actor.area_code]
    own = unit_polygons(registry, actor.area_edition, actor.area_level)
    own = own[own["code"] == actor.area_code]
    return units[units_in_area(units, own)]

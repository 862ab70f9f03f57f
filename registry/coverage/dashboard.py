"""Everything the coverage dashboard page shows, from one service call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from geodata.storage import GeoFrame
from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.coverage.model import CoverageReport, coverage_report
from registry.coverage.sharing import SharingReport, sharing_report
from registry.kernel.clock import today as current_day
from registry.kernel.db import Registry
from registry.maps.growth_report import GrowthReport, growth_report
from registry.units.divisions import unit_polygons


@dataclass
class CoverageDashboard:
    """Coverage, sharing and growth for one choice of edition, level and date.

    ``shapes`` are the polygons of the units of the chosen level (``code``,
    ``name``, geometry in WGS 84) for the map; ``may_import_population`` tells
    whether the actor may upload a population file.
    """

    coverage: CoverageReport
    sharing: SharingReport
    growth: GrowthReport
    shapes: GeoFrame
    may_import_population: bool


def coverage_dashboard(
    registry: Registry,
    actor: Actor,
    *,
    as_of: date | None = None,
    edition: str = "2025-06",
    level: str = "district",
    operator: str | None = None,
    technology: str = "4G",
) -> CoverageDashboard:
    """Coverage per unit with its gaps, sharing candidates and yearly growth.

    Growth counts the sites the actor may list, up to ``as_of``; the other
    figures are whole-province aggregates (see :mod:`registry.coverage.model`).
    """
    as_of = as_of or current_day()
    coverage = coverage_report(
        registry,
        actor,
        as_of=as_of,
        edition=edition,
        level=level,
        operator=operator,
        technology=technology,
    )
    sharing = sharing_report(registry, actor, as_of=as_of, edition=edition, level=level)
    growth = growth_report(registry, actor, edition=edition, level=level, until=as_of)
    shapes = unit_polygons(registry, edition, level)[["code", "name", "geometry"]]
    return CoverageDashboard(
        coverage,
        sharing,
        growth,
        shapes,
        perm.allowed(actor, perm.MANAGE_POPULATION, "system"),
    )

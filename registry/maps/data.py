"""What the map pages show: records as they stood on a date, filtered, with the
figures per administrative unit for the choropleths.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import pandas as pd
from sqlalchemy import select

from geodata.editions import get_edition
from geodata.map_classes import Classes, classify
from geodata.storage import GeoFrame
from registry.access.permissions import Actor
from registry.kernel.clock import today as current_day
from registry.kernel.db import Registry
from registry.kernel.models import AuditEntry
from registry.kernel.vocabulary import TECHNOLOGIES, PointKind
from registry.maps.area import area_units
from registry.maps.growth import growth_by_year, technology_growth
from registry.records.listing import list_records
from registry.units.divisions import boundaries_version, units_frame

CERTIFICATE_STATES = ("valid", "expiring", "expired", "none")
EXPIRY_WINDOW_DAYS = 60
METRICS = ("count", "per_km2")


@dataclass(frozen=True)
class MapFilters:
    """What the user narrowed the map to; empty tuples mean 'all'."""

    networks: tuple[str, ...] = ()
    technologies: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    structures: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    certificate_states: tuple[str, ...] = ()
    district: str | None = None
    commune: str | None = None


@dataclass
class MapData:
    """Records to draw, and the units with their figure for the choropleth.

    ``units`` are the units of the actor's area (the map is fitted to them) and
    ``classes`` the choropleth class of each (zero apart, natural breaks).
    """

    records: pd.DataFrame
    units: GeoFrame
    values: pd.Series
    metric: str
    edition: str
    level: str
    approximate: bool
    as_of: date
    notes: list[str] = field(default_factory=list)
    classes: Classes | None = None


def data_version(registry: Registry) -> tuple[int, int]:
    """Changes so far (newest audit entry) and boundary imports: a cache key that
    moves whenever anything a map shows may have changed.
    """
    with registry.reading() as session:
        # A report made is audited but changes nothing a map shows: skip those
        # entries, or every report would empty the caches the next one needs.
        newest = (
            session.scalar(
                select(AuditEntry.id)
                .where(AuditEntry.entity_type != "report")
                .order_by(AuditEntry.id.desc())
                .limit(1)
            )
            or 0
        )
        return int(newest), boundaries_version(session)


def technologies_on(frame: pd.DataFrame, on: date) -> pd.Series:
    """Technologies on air at each site on a date, as text like '2G, 4G'."""
    day = pd.Timestamp(on)
    parts = []
    for tech in TECHNOLOGIES:
        column = f"on_air_{tech.lower()}"
        live = pd.to_datetime(frame[column]) <= day
        parts.append(np.where(live, tech, ""))
    joined = [", ".join(p for p in row if p) for row in zip(*parts, strict=True)]
    return pd.Series(joined, index=frame.index, dtype=object)


def certificate_states(frame: pd.DataFrame, on: date) -> pd.Series:
    """valid / expiring (within 60 days) / expired / none, per point on a date."""
    expires = pd.to_datetime(frame["certificate_expires_on"])
    day = pd.Timestamp(on)
    horizon = pd.Timestamp(on + timedelta(days=EXPIRY_WINDOW_DAYS))
    state = np.select(
        [expires.isna(), expires < day, expires <= horizon],
        ["none", "expired", "expiring"],
        default="valid",
    )
    return pd.Series(state, index=frame.index, dtype=object)


def _unit_column(edition: str, level: str) -> str:
    return f"{level}_{edition.replace('-', '_')}"


def _filter(frame: pd.DataFrame, filters: MapFilters, edition: str) -> pd.DataFrame:
    keep = pd.Series(True, index=frame.index)
    choices = {
        "network_code": filters.networks,
        "status": filters.statuses,
        "structure_type": filters.structures,
        "kind": filters.kinds,
        "certificate_state": filters.certificate_states,
    }
    for column, wanted in choices.items():
        if wanted and column in frame:
            keep &= frame[column].isin(wanted)
    if filters.technologies and "technologies" in frame:
        has = pd.Series(False, index=frame.index)
        for tech in filters.technologies:
            has |= frame["technologies"].str.contains(tech, regex=False)
        keep &= has
    if filters.district:
        keep &= frame[_unit_column("2025-06", "district")] == filters.district
    if filters.commune:
        keep &= frame[_unit_column(edition, "commune")] == filters.commune
    return frame[keep]


def _unit_values(
    registry: Registry,
    actor: Actor,
    frame: pd.DataFrame,
    edition: str,
    level: str,
    metric: str,
) -> tuple[GeoFrame, pd.Series, bool]:
    units = area_units(registry, actor, edition, level)
    counts = frame[_unit_column(edition, level)].value_counts()
    values = counts.reindex(units["code"]).fillna(0)
    values.index = units["code"].to_numpy()
    if metric == "per_km2":
        areas = pd.Series(units["area_km2"].to_numpy(), index=units["code"].to_numpy())
        values = values / areas.where(areas > 0)
    approximate = bool((units["boundary_source"] == "approximate").any())
    return units, values, approximate


def _check(edition: str, level: str, metric: str) -> None:
    spec = get_edition(edition)
    if level not in spec.levels:
        raise ValueError(f"level should be one of {spec.levels}, got {level!r}")
    if metric not in METRICS:
        raise ValueError(f"metric should be one of {METRICS}, got {metric!r}")


def _with_site_facts(sites: pd.DataFrame, on: date) -> pd.DataFrame:
    return sites.assign(technologies=technologies_on(sites, on))


def _with_point_facts(points: pd.DataFrame, on: date) -> pd.DataFrame:
    # Only game points need a certificate; the others have none by law.
    states = certificate_states(points, on)
    states = states.where(points["kind"] == PointKind.GAME_POINT.value, "none")
    return points.assign(certificate_state=states)


_FACTS = {"site": _with_site_facts, "point": _with_point_facts}


def _map_data(registry, actor, record_type, as_of, edition, level, metric, filters):
    _check(edition, level, metric)
    as_of = as_of or current_day()
    records = list_records(registry, actor, record_type, as_of=as_of)
    shown = _filter(_FACTS[record_type](records, as_of), filters, edition)
    units, values, approximate = _unit_values(
        registry, actor, shown, edition, level, metric
    )
    classes = classify(values.to_numpy(dtype=float))
    return MapData(
        shown,
        units,
        values,
        metric,
        edition,
        level,
        approximate,
        as_of,
        classes=classes,
    )


def site_map(
    registry: Registry,
    actor: Actor,
    *,
    as_of: date | None = None,
    edition: str = "2025-06",
    level: str = "district",
    metric: str = "count",
    filters: MapFilters = MapFilters(),
) -> MapData:
    """BTS sites on the air or registered on a date, and their count per unit."""
    return _map_data(registry, actor, "site", as_of, edition, level, metric, filters)


def point_map(
    registry: Registry,
    actor: Actor,
    *,
    as_of: date | None = None,
    edition: str = "2025-06",
    level: str = "district",
    metric: str = "count",
    filters: MapFilters = MapFilters(),
) -> MapData:
    """Internet and game points on a date, coloured by certificate state."""
    return _map_data(registry, actor, "point", as_of, edition, level, metric, filters)


@dataclass
class SiteOverview:
    """Everything the BTS map page shows: the map data and the growth tables."""

    map: MapData
    growth: pd.DataFrame
    technologies: pd.DataFrame


def site_overview(
    registry: Registry,
    actor: Actor,
    *,
    as_of: date | None = None,
    edition: str = "2025-06",
    level: str = "district",
    metric: str = "count",
    filters: MapFilters = MapFilters(),
) -> SiteOverview:
    """Sites on a date with their per-unit figure, and the yearly growth per unit
    of the chosen edition and level (sites on the air at the end of each year).
    """
    shown = site_map(
        registry,
        actor,
        as_of=as_of,
        edition=edition,
        level=level,
        metric=metric,
        filters=filters,
    )
    growth = growth_by_year(registry, actor, edition=edition, level=level, until=as_of)
    technologies = technology_growth(registry, actor, until=as_of)
    return SiteOverview(shown, growth, technologies)


def unit_options(
    registry: Registry,
    actor: Actor,
    edition: str,
    level: str,
    parent: str | None = None,
) -> list[tuple[str, str]]:
    """(code, name) of the units of an edition and level the actor may look at.

    Area-bound users get their own district or commune (and, for a district
    officer, its communes); ``parent`` narrows communes to one district.
    """
    with registry.reading() as session:
        units = units_frame(session, edition, level)
    if parent:
        units = units[units["parent_code"] == parent]
    if actor.area_level and actor.area_edition == edition:
        if actor.area_level == level:
            units = units[units["code"] == actor.area_code]
        elif actor.area_level == "district" and level == "commune":
            units = units[units["parent_code"] == actor.area_code]
    return list(zip(units["code"], units["name"], strict=True))

"""Administrative units of the province, per edition, and their polygons.

Units come from ``geodata`` (maintained packages); polygons start approximate and are
replaced by official ones through :mod:`registry.units.boundaries`. Polygons are cached
per registry and per boundaries version, so every process notices an import.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from geodata.adminunits import load_crosswalk, province_info
from geodata.approximate import approximate_unit_polygons
from geodata.assign import assign_points
from geodata.editions import EDITIONS
from geodata.storage import GeoFrame, Geometry, frame_from_wkb, geometry_to_wkb
from geodata.territory import units_outline
from registry.kernel.bulk import write_frame
from registry.kernel.clock import now
from registry.kernel.db import Registry
from registry.kernel.errors import FieldError
from registry.kernel.models import AdminUnit, DatasetInfo, UnitAssignment, UnitCrosswalk
from registry.units import messages as msg

BOUNDARIES_VERSION_KEY = "boundaries_version"


@dataclass(frozen=True)
class Province:
    """The province the registry serves."""

    code: str
    name: str
    short_name: str
    bounds: tuple[float, float, float, float]  # min_lon, min_lat, max_lon, max_lat


def province(registry: Registry) -> Province:
    """The configured province (name and bounding box from the admin-unit package)."""
    info = province_info(registry.config.province_code)
    return Province(
        info["code"], info["name"], info["short_name"], tuple(info["bounds"])
    )


def install_admin_units(session: Session, province_code: str) -> dict[str, int]:
    """Store every edition's units with approximate polygons, once.

    Editions already present are left alone (their polygons may be official).
    Returns the number of units stored per edition.
    """
    stored = {}
    for edition in EDITIONS:
        exists = session.scalar(
            select(AdminUnit.code).where(AdminUnit.edition == edition).limit(1)
        )
        if exists is not None:
            continue
        polygons = approximate_unit_polygons(province_code, edition)
        stamp = now()
        session.add_all(
            AdminUnit(
                edition=edition,
                level=row.level,
                code=row.code,
                name=row.name,
                short_name=row.short_name,
                unit_type=row.unit_type,
                parent_code=row.parent_code
                if isinstance(row.parent_code, str)
                else None,
                lat=float(row.lat),
                lon=float(row.lon),
                area_km2=float(row.area_km2),
                geometry_wkb=geometry_to_wkb(row.geometry),
                boundary_source="approximate",
                boundary_file=None,
                updated_at=stamp,
            )
            for row in polygons.itertuples()
        )
        stored[edition] = len(polygons)
    if session.scalar(select(UnitCrosswalk.old_code).limit(1)) is None:
        crosswalk = load_crosswalk(province_code)
        session.add_all(
            UnitCrosswalk(
                old_code=r.old_code, new_code=r.new_code, is_default=r.is_default
            )
            for r in crosswalk.itertuples()
        )
    session.flush()
    return stored


def boundaries_version(session: Session) -> int:
    """Counter bumped by every boundary import (cache key for polygons)."""
    value = session.get(DatasetInfo, BOUNDARIES_VERSION_KEY)
    return int(value.value) if value else 0


def bump_boundaries_version(session: Session) -> int:
    """Increase the boundaries counter inside the current transaction."""
    version = boundaries_version(session) + 1
    session.merge(DatasetInfo(key=BOUNDARIES_VERSION_KEY, value=str(version)))
    return version


def units_frame(
    session: Session, edition: str, level: str | None = None
) -> pd.DataFrame:
    """Units of an edition (optionally one level) without geometry, sorted by code."""
    query = select(
        AdminUnit.edition,
        AdminUnit.level,
        AdminUnit.code,
        AdminUnit.name,
        AdminUnit.short_name,
        AdminUnit.unit_type,
        AdminUnit.parent_code,
        AdminUnit.lat,
        AdminUnit.lon,
        AdminUnit.area_km2,
        AdminUnit.boundary_source,
    ).where(AdminUnit.edition == edition)
    if level:
        query = query.where(AdminUnit.level == level)
    rows = session.execute(query.order_by(AdminUnit.level, AdminUnit.code)).all()
    return pd.DataFrame(rows, columns=list(query.selected_columns.keys()))


def _load_polygons(session: Session, edition: str, level: str) -> GeoFrame:
    rows = session.execute(
        select(
            AdminUnit.code,
            AdminUnit.name,
            AdminUnit.parent_code,
            AdminUnit.boundary_source,
            AdminUnit.area_km2,
            AdminUnit.geometry_wkb,
        )
        .where(AdminUnit.edition == edition, AdminUnit.level == level)
        .order_by(AdminUnit.code)
    ).all()
    frame = pd.DataFrame(
        rows,
        columns=["code", "name", "parent_code", "boundary_source", "area_km2", "wkb"],
    )
    return frame_from_wkb(frame, "wkb")


def unit_polygons(registry: Registry, edition: str, level: str) -> GeoFrame:
    """Polygons of one edition and level (cached until the next boundary import)."""
    cache = registry.__dict__.setdefault("_polygon_cache", {})
    with registry.reading() as session:
        version = boundaries_version(session)
        key = (edition, level, version)
        if key not in cache:
            if len(cache) > 8:
                cache.clear()
            cache[key] = _load_polygons(session, edition, level)
    return cache[key]


def province_outline(registry: Registry) -> Geometry:
    """The province as the union of the communes of every edition (cached)."""
    cache = registry.__dict__.setdefault("_outline_cache", {})
    with registry.reading() as session:
        version = boundaries_version(session)
    if version not in cache:
        parts = [unit_polygons(registry, e, "commune") for e in EDITIONS]
        cache.clear()
        cache[version] = units_outline(parts)
    return cache[version]


@dataclass(frozen=True)
class Assignment:
    """Commune (and district) codes of many points, per edition, as arrays."""

    communes: dict[str, np.ndarray]
    districts: dict[str, np.ndarray]

    def units_of(self, index: int) -> dict[str, tuple[str | None, str | None]]:
        """edition -> (commune, district) of the point at ``index``."""
        return {
            edition: (self.communes[edition][index], self.districts[edition][index])
            for edition in self.communes
        }

    def frame(self, record_type: str, ids) -> pd.DataFrame:
        """Rows for the unit_assignments table, one per record and edition."""
        return pd.concat(
            [
                pd.DataFrame(
                    {
                        "record_type": record_type,
                        "record_id": np.asarray(ids, dtype=np.int64),
                        "edition": edition,
                        "commune_code": communes,
                        "district_code": self.districts[edition],
                    }
                )
                for edition, communes in self.communes.items()
            ],
            ignore_index=True,
        )


def _official_first(polygons: GeoFrame) -> GeoFrame:
    """The polygons with the official ones first: where an official polygon and
    an approximate one overlap (after a partial import), the official one holds
    the point."""
    if "boundary_source" not in polygons.columns:
        return polygons
    official = (polygons["boundary_source"] == "official").to_numpy()
    if official.all() or not official.any():
        return polygons
    return pd.concat([polygons[official], polygons[~official]])


def assign(
    registry: Registry,
    lat,
    lon,
    *,
    replacing: dict[str, GeoFrame] | None = None,
) -> Assignment:
    """Assign points to the communes (and districts) of every edition.

    ``replacing`` gives commune polygons (edition -> frame) to use instead of the
    stored ones: a boundary import assigns with its new polygons before committing.
    Where polygons overlap, an official one holds the point before an approximate
    one (then the lower code).
    """
    lat = np.asarray(lat, dtype=float)
    lon = np.asarray(lon, dtype=float)
    replacing = replacing or {}
    communes, districts = {}, {}
    for edition, spec in EDITIONS.items():
        polygons = replacing.get(edition)
        if polygons is None:
            polygons = unit_polygons(registry, edition, "commune")
        codes = assign_points(lat, lon, _official_first(polygons))
        communes[edition] = codes
        if "district" in spec.levels:
            parents = dict(zip(polygons["code"], polygons["parent_code"], strict=True))
            districts[edition] = np.array(
                [parents.get(c) if c is not None else None for c in codes], dtype=object
            )
        else:
            districts[edition] = np.full(len(codes), None, dtype=object)
    return Assignment(communes, districts)


def replace_assignments(
    session: Session, record_type: str, ids, assignment, *, new_records: bool = False
) -> None:
    """Store the assignments of the given records (old rows replaced).

    ``new_records`` skips looking for old rows, which new records cannot have.
    """
    ids = [int(i) for i in ids]
    for start in range(0, 0 if new_records else len(ids), 5000):
        chunk = ids[start : start + 5000]
        session.execute(
            delete(UnitAssignment).where(
                UnitAssignment.record_type == record_type,
                UnitAssignment.record_id.in_(chunk),
            )
        )
    write_frame(session, UnitAssignment.__table__, assignment.frame(record_type, ids))


def check_edition_level(edition: str, level: str) -> None:
    """Refuse (:class:`FieldError`) an edition that is not known, or a level that
    the edition does not have."""
    if edition not in EDITIONS:
        raise FieldError("edition", edition, msg.EDITION, editions=list(EDITIONS))
    if level not in EDITIONS[edition].levels:
        raise FieldError(
            "level",
            level,
            msg.LEVEL_IN_EDITION,
            levels=list(EDITIONS[edition].levels),
            edition=edition,
        )

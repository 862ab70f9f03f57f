"""Importing official boundary polygons for one edition and level."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from geodata.boundaries import match_boundaries, read_boundary_file
from geodata.editions import get_edition
from geodata.errors import GeodataError
from geodata.storage import geometry_to_wkb, with_replaced_geometries
from geodata.territory import areas_km2
from registry.access import permissions as perm
from registry.access.permissions import Actor
from registry.kernel.audit import record_audit
from registry.kernel.clock import now
from registry.kernel.db import Registry
from registry.kernel.errors import FieldError, RegistryError, ValidationError
from registry.kernel.models import MODEL_OF, AdminUnit
from registry.kernel.vocabulary import RecordType
from registry.units import messages as msg
from registry.units.application_units import reassign_applications
from registry.units.divisions import (
    assign,
    bump_boundaries_version,
    replace_assignments,
    unit_polygons,
    units_frame,
)
from registry.units.locations import location_flags


class BoundaryImportError(RegistryError):
    """A boundary file could not be used; nothing was changed."""


@dataclass
class BoundaryReport:
    """What a boundary import matched, left out and repaired."""

    file: str
    edition: str
    level: str
    features: int
    matched: list[tuple[str, str, str]] = field(default_factory=list)
    unmatched_features: list[tuple[int, str, str]] = field(default_factory=list)
    units_without_polygon: list[tuple[str, str]] = field(default_factory=list)
    repaired: list[tuple[str, str]] = field(default_factory=list)
    rejected: list[tuple[int, str, str]] = field(default_factory=list)
    reassigned: int = 0

    def lines(self) -> list[str]:
        """The report as text lines, for the command line and the page."""
        out = [
            f"{self.file}: {self.features} feature(s); {len(self.matched)} unit(s) "
            f"of {self.edition}/{self.level} matched",
        ]
        out += [
            f"  unmatched feature #{i} {label!r}: {why}"
            for i, label, why in self.unmatched_features
        ]
        out += [
            f"  rejected feature #{i} {label!r}: {why}"
            for i, label, why in self.rejected
        ]
        out += [f"  repaired {label}: {what}" for label, what in self.repaired]
        if self.units_without_polygon:
            out.append(
                f"  {len(self.units_without_polygon)} unit(s) without an official "
                "polygon (they keep their approximate one):"
            )
            out += [f"    {code} {name}" for code, name in self.units_without_polygon]
        out.append(f"  {self.reassigned} record(s) reassigned to units")
        return out


def import_boundaries(
    registry: Registry,
    actor: Actor,
    path: str | Path,
    *,
    edition: str,
    level: str,
    crs: str | None = None,
    code_field: str | None = None,
    name_field: str | None = None,
    parent_field: str | None = None,
) -> BoundaryReport:
    """Replace the polygons of one edition and level with those of a file.

    Features are matched to units by GSO code or by name (a district-name column,
    detected or given as ``parent_field``, tells namesake communes apart). In one
    transaction the matched units get their official polygons and every record is
    reassigned.
    """
    perm.require(actor, perm.MANAGE_BOUNDARIES, "system")
    spec = get_edition(edition)
    if level not in spec.levels:
        raise ValidationError(
            [FieldError("level", level, msg.LEVEL, levels=list(spec.levels))]
        )
    try:
        features = read_boundary_file(path, crs=crs)
        with registry.reading() as session:
            every_level = units_frame(session, edition)
        match = match_boundaries(
            features,
            every_level,
            code_field=code_field,
            name_field=name_field,
            parent_field=parent_field,
            level=level,
        )
    except GeodataError as exc:
        raise BoundaryImportError(msg.BOUNDARY_FILE, cause=exc) from exc
    if match.matched.empty:
        raise BoundaryImportError(
            msg.NO_BOUNDARY_MATCHED, file=Path(path).name, level=level, edition=edition
        )
    names = dict(zip(every_level["code"], every_level["name"], strict=True))
    report = BoundaryReport(
        Path(path).name,
        edition,
        level,
        len(features),
        matched=[
            (r.code, names[r.code], r.matched_by) for r in match.matched.itertuples()
        ],
        unmatched_features=list(match.unmatched_features),
        units_without_polygon=list(match.units_without_polygon),
        repaired=list(match.repaired),
        rejected=list(match.rejected),
    )
    replacing = {}
    if level == "commune":
        replacing[edition] = with_replaced_geometries(
            unit_polygons(registry, edition, level), match.matched
        )
    areas = areas_km2(match.matched)
    stamp = now()
    with registry.transaction() as session:
        stored = {
            u.code: u
            for u in session.scalars(
                select(AdminUnit).where(
                    AdminUnit.edition == edition, AdminUnit.level == level
                )
            )
        }
        for row, area in zip(match.matched.itertuples(), areas, strict=True):
            unit = stored[row.code]
            unit.geometry_wkb = geometry_to_wkb(row.geometry)
            unit.boundary_source = "official"
            unit.boundary_file = report.file
            unit.area_km2 = float(area)
            unit.updated_at = stamp
        if replacing:
            report.reassigned = _reassign(registry, session, replacing)
            reassign_applications(registry, session, replacing)
        bump_boundaries_version(session)
        record_audit(
            session,
            actor.username,
            "import_boundaries",
            "admin_units",
            f"{edition}/{level}",
            after={"file": report.file, "matched": len(report.matched)},
        )
    return report


def _reassign(registry: Registry, session: Session, replacing) -> int:
    """Recompute every record's units and location flag inside ``session``."""
    total = 0
    for record_type in RecordType:
        model = MODEL_OF[record_type]
        rows = session.execute(
            select(model.id, model.latitude, model.longitude, model.declared_commune)
        ).all()
        if not rows:
            continue
        ids, lat, lon, declared = (list(column) for column in zip(*rows, strict=True))
        where = assign(registry, lat, lon, replacing=replacing)
        flags = location_flags(registry, declared, where)
        replace_assignments(session, record_type.value, ids, where)
        session.execute(
            model.__table__.update()
            .where(model.__table__.c.id == bindparam("record_id"))
            .values(location_flag=bindparam("flag")),
            [{"record_id": i, "flag": f} for i, f in zip(ids, flags, strict=True)],
        )
        total += len(ids)
    return total
